"""Words that make the kit readable in more than one way: what a chart shows, in a
sentence and a table; a problem summary at the top of a form, worded with the labels
the person sees; the names of fields that have no words of their own on screen."""

from __future__ import annotations

__all__ = [
    "CHART_ALT",
    "CHART_ALT_SERIES",
    "CHART_ALT_POINTS",
    "CHART_ALT_ALONG",
    "CHART_ALT_ONE_AT",
    "CHART_ALT_ONE",
    "CHART_ALT_MORE",
    "CHART_ALT_RANGE",
    "CHART_ALT_EMPTY",
    "CHART_ALT_GRID",
    "CHART_TABLE_SUMMARY",
    "CHART_TABLE_SERIES",
    "CHART_UNTITLED",
    "CHART_SERIES_UNNAMED",
    "PROBLEM_SUMMARY_HEADING",
    "PROBLEM_SUMMARY_HELP",
    "PROBLEM_SUMMARY_LINK",
    "FIELD_NAMES",
    "LOG_TIME_CLOCK_LABEL",
    "TABLE_MISSING",
    "TABLE_WIDE_NOTE",
    "TABLE_REGION",
]

# A chart's text alternative: its title, then each series' first and latest value.
CHART_ALT = "Chart: {title}. {what}"
CHART_ALT_SERIES = (
    "{series}: {n} points; the first {first}, the latest {latest}, a change of "
    "{change}."
)
CHART_ALT_POINTS = "{series}: {n} points, from {low} to {high}."
CHART_ALT_ALONG = "{series}: {n} points along {axis}, from {low} to {high}."
CHART_ALT_ONE_AT = "{series}: one point, at {value} ({axis})."
CHART_ALT_ONE = "{series}: one point, {value}."
CHART_ALT_MORE = "{n} more in the table below the chart."
CHART_ALT_RANGE = "{what}: from {low} to {high}."
CHART_ALT_EMPTY = "No data drawn yet; the chart says why in words."
CHART_ALT_GRID = "A grid of {rows} rows by {cols} columns, values from {low} to {high}."
CHART_TABLE_SUMMARY = "The same numbers as a table"
CHART_TABLE_SERIES = "Series"
CHART_UNTITLED = "untitled"
CHART_SERIES_UNNAMED = "values"

# The problem summary at the top of the log form (as the GOV.UK Design System does).
PROBLEM_SUMMARY_HEADING = "{n} thing(s) to look at before saving"
PROBLEM_SUMMARY_HELP = (
    "Each link goes to the note just above its field; Tab from there reaches the "
    "field. Everything you typed is kept."
)
PROBLEM_SUMMARY_LINK = "Go to the list at the top of the form"

# The short, visible names of the record's fields, used in place of their paths in
# any sentence a form shows ("First deliberate step" rather than first_action_at).
FIELD_NAMES = {
    "title": "Title",
    "service": "Service",
    "severity": "Severity",
    "role": "Your role",
    "whose": "Where it came from",
    "draft": "Keep as a draft",
    "times.alert_at": "Alert",
    "times.first_action_at": "First deliberate step",
    "times.hands_on_at": "First step on the problem itself",
    "times.broadcast_at": "First broadcast",
    "times.escalated_at": "Escalated",
    "times.mitigated_at": "Mitigated",
    "times.resolved_at": "Resolved",
    "times.source": "How the times were taken",
    "body.distress_peak": "Peak distress",
    "body.symptoms": "Your body",
    "body.heart_rate_bpm": "Heart rate",
    "body.notes": "Anything else your body did",
    "clarity.next_step": "Clarity of your next step",
    "techniques": "What you used",
    "postmortem": "Post-mortem questions",
    "reflection": "Just for you",
    "culture.response": "The team's first response",
    "culture.safe_to_say_i_broke_it": 'How safe it felt to say "I broke it"',
    "events": "The live log",
    "general": "Save",
}
# The second box of a time row (a time picker): the first, the date, carries the name.
LOG_TIME_CLOCK_LABEL = "at"

# Tables for people.
TABLE_MISSING = "— not given"
TABLE_WIDE_NOTE = "Wide table: it scrolls sideways (focus it and use the arrow keys)."
TABLE_REGION = "Table: {caption}"
