"""Words for the trend: the summary sentences, their caveats, and the charts' labels.

Sentences are templates filled with numbers and the kit's own words only; nothing a
person typed (titles, event text, reflections) ever goes into them.
"""

from __future__ import annotations

__all__ = [
    "TREND_NOTHING_YET",
    "TREND_NO_TIMES_YET",
    "TREND_ONE_POINT",
    "TREND_FELL",
    "TREND_ROSE",
    "TREND_SAME",
    "TREND_STAGE_EARLY",
    "TREND_STAGE_IN_BAND",
    "TREND_STAGE_PAST",
    "TREND_PRIOR",
    "TREND_PRIOR_ASK",
    "CHART_HANDS_ON_MARK",
    "TREND_LONGER",
    "TREND_LONGER_CONTEXT",
    "TREND_FIT",
    "TREND_FIT_LOO",
    "TREND_NO_FIT_FEW",
    "TREND_NO_FIT_ZEROS",
    "TREND_NO_FIT_SAME_X",
    "TREND_SKIPPED_DRAFTS",
    "TREND_CAVEAT_SEVERITY",
    "TREND_CAVEAT_RECALLED",
    "TREND_CAVEAT_RECALLED_ALL",
    "TREND_CAVEAT_FEW",
    "TREND_CAVEAT_ZERO",
    "TREND_MISSING_COLUMN",
    "TREND_NO_EXTRAPOLATION",
    "PHASE_LABELS",
    "PHASE_NOT_TIMED",
    "CHART_EMPTY",
    "CHART_EMPTY_PERSON",
    "CHART_PANIC_TITLE",
    "CHART_PANIC_XLABEL",
    "CHART_PANIC_YLABEL",
    "CHART_POINTS_LABEL",
    "CHART_BAND_LABEL",
    "CHART_BAND_TEXT",
    "CHART_FIT_LABEL",
    "CHART_SEVERITY_UNKNOWN",
    "CHART_HEATMAP_TITLE",
    "CHART_HEATMAP_XLABEL",
    "CHART_HEATMAP_COLORBAR",
    "CHART_HEATMAP_NONE",
    "CHART_CLARITY_TITLE",
    "CHART_CLARITY_XLABEL",
    "CHART_CLARITY_YLABEL",
    "CHART_CLARITY_REGION",
    "CHART_CLARITY_PATH",
    "CHART_TIMELINE_TITLE",
    "CHART_TIMELINE_XLABEL",
    "CHART_TIMELINE_ROWS",
    "CHART_TIMELINE_MARKS",
    "CHART_SMALL_XLABEL",
    "CHART_SMALL_YLABEL",
    "CHART_SMALL_TITLE",
    "CHART_NO_INCIDENT",
    "CHARTS_SAVED",
    "CHARTS_NOTHING_TO_SAVE",
    "CHARTS_SAMPLE_FOLDER",
    "CHARTS_TOO_FEW_AXES",
    "CHARTS_ERR_FOLDER",
    "CHART_PHASE_TOOK",
]

# --- the summary, read before any chart -----------------------------------------------

TREND_NOTHING_YET = (
    "There is nothing to chart yet: this journal holds no incidents. Log your first "
    "one in 02-after-the-incident, and come back after it; one incident is already a "
    "baseline."
)
TREND_NO_TIMES_YET = (
    "There is nothing to chart yet: none of the {n} incident(s) in this journal has "
    "the time of a first deliberate step. Add it to a draft in 02-after-the-incident, "
    "and the trend starts."
)
TREND_ONE_POINT = (
    "In your first timed incident, the time from the alert to your first deliberate "
    "step was {first} minutes. That is your baseline: the trend starts with the next "
    "incident."
)
TREND_FELL = (
    "From your first to your latest incident, the time from the alert to your first "
    "deliberate step fell from {first} to {latest} minutes ({change} minutes less, "
    "{pct}% shorter). Incidents differ a lot; one easier incident can do this too, "
    "so read it beside the others rather than as proof of a change."
)
TREND_ROSE = (
    "From your first to your latest incident, the time from the alert to your first "
    "deliberate step rose from {first} to {latest} minutes ({change} minutes more). "
    "Incidents differ a lot; one harder incident can do this, and it says nothing "
    "about what you can learn."
)
TREND_SAME = (
    "From your first to your latest incident, the time from the alert to your first "
    "deliberate step stayed at {first} minutes."
)
TREND_STAGE_EARLY = (
    "This is incident {n}. The article this kit follows gives a rule of thumb: three "
    "to five real incidents, survived, written down and slept after, for the body's "
    "alarm to quieten. It is a rough guide, not a norm; this early, expect the "
    "numbers to move around."
)
TREND_STAGE_IN_BAND = (
    "This is incident {n}, inside the three to five incidents the article gives as a "
    "rule of thumb for the body's alarm to quieten: a rough guide, not a norm."
)
TREND_STAGE_PAST = (
    "This is incident {n}: past the three to five incidents the article gives as a "
    "rule of thumb. From here the numbers describe you, not a rule."
)
TREND_PRIOR = (
    "Incidents are counted after the {prior} you had before this journal, so its "
    "first incident is number {first}."
)
TREND_PRIOR_ASK = (
    "Counted from this journal's first incident. If you had incidents before it, say "
    "how many in 04-your-trend and the count starts from there."
)
TREND_LONGER = (
    "Incident {later} took longer than incident {earlier} ({t_later} against "
    "{t_earlier} minutes)."
)
TREND_LONGER_CONTEXT = (
    "Ups and downs are part of the record, not a verdict: an unfamiliar system, a "
    "night page or a bigger outage can lengthen any incident."
)
TREND_FIT = (
    "A descriptive line through these {n} points (T = a * n^-b, with b = {b}) says "
    "that each doubling of the number of incidents went with the time multiplied by "
    "about {factor}. It describes these incidents; it predicts nothing about the next "
    "one."
)
TREND_FIT_LOO = (
    "Leaving out one incident at a time, b ranges from {b_low} to {b_high}, so the "
    "factor per doubling from {f_low} to {f_high}: that spread shows how much a single "
    "incident moves the line."
)
TREND_NO_FIT_FEW = (
    "No line is drawn yet: a descriptive line needs at least 3 incidents with a first "
    "deliberate step (this journal has {n}), and even then it only describes."
)
TREND_NO_FIT_ZEROS = (
    "No line is drawn: a log-log line cannot pass through a time of 0 minutes, and "
    "without the zero(s) only {n} point(s) remain, fewer than the 3 a line needs."
)
TREND_NO_FIT_SAME_X = (
    "No line is drawn: the timed incidents share one incident number, so there is no "
    "change along incidents to describe."
)
TREND_SKIPPED_DRAFTS = (
    "Left out of the trend: incident(s) {numbers}, draft(s) without the time of a "
    "first deliberate step yet."
)
TREND_CAVEAT_SEVERITY = (
    "Your incidents had different severities ({severities}): a bigger outage is a "
    "different test from a small one, so part of any change comes from the incidents "
    "themselves."
)
TREND_CAVEAT_RECALLED = (
    "{n} of the {total} times were recalled afterwards rather than timed live; "
    "recalled times are estimates, often rounder than the clock."
)
TREND_CAVEAT_RECALLED_ALL = (
    "The times were recalled afterwards rather than timed live; recalled times are "
    "estimates, often rounder than the clock."
)
TREND_CAVEAT_FEW = (
    "{n} points say little on their own: read them as your story so far, not as a "
    "measurement."
)
TREND_CAVEAT_ZERO = (
    "Incident(s) {numbers} had a time of 0 minutes. A log-log line cannot include a "
    "zero, so the line leaves it out; the point is still on the chart."
)
TREND_MISSING_COLUMN = (
    "the data has no column {column!r}: pass journal.frame(), or name the column to "
    "use with {argument}="
)
TREND_NO_EXTRAPOLATION = (
    "the descriptive line covers incidents {low} to {high} only: it does not predict "
    "other incidents"
)

# --- the 45-minute walk ---------------------------------------------------------------

PHASE_LABELS = {
    "triage": "triage",
    "fix": "fix",
    "post-mortem": "post-mortem",
}
PHASE_NOT_TIMED = "not timed"

# --- charts ---------------------------------------------------------------------------

CHART_EMPTY = "Nothing to chart yet.\nLog an incident and this chart fills in."
CHART_EMPTY_PERSON = "no timed incidents"
CHART_PANIC_TITLE = "From the alert to your first deliberate step"
CHART_PANIC_XLABEL = "Incident number (1 = your first)"
CHART_PANIC_YLABEL = "Minutes from alert to first deliberate step"
CHART_POINTS_LABEL = "your incidents"
CHART_BAND_LABEL = "3-5 incidents: the article's rule of thumb, not a norm"
CHART_BAND_TEXT = "3-5 incidents (rule of thumb)"
CHART_FIT_LABEL = "descriptive line, not a prediction"
CHART_SEVERITY_UNKNOWN = "severity not set"
CHART_HEATMAP_TITLE = "How your body responded, incident by incident"
CHART_HEATMAP_XLABEL = "Incident number"
CHART_HEATMAP_COLORBAR = "Intensity (0-10, recalled)"
CHART_HEATMAP_NONE = "No body responses were rated in these incidents."
CHART_CLARITY_TITLE = "How clear the next step was, and how calm you were"
CHART_CLARITY_XLABEL = "Peak distress (0-10, recalled)"
CHART_CLARITY_YLABEL = "Clarity of the next step (0-100)"
CHART_CLARITY_REGION = "clear while not calm"
CHART_CLARITY_PATH = "incidents in order"
CHART_TIMELINE_TITLE = "The incident of {date} against the 5 / 20 / 20 minute plan"
CHART_TIMELINE_XLABEL = "Minutes since the alert"
CHART_TIMELINE_ROWS = {
    "plan": "the plan",
    "actual": "this incident",
    "events": "what happened",
}
CHART_TIMELINE_MARKS = {
    "first_action": "first deliberate step",
    "broadcast": "broadcast",
    "escalated": "escalated",
    "mitigated": "users no longer affected",
}
CHART_SMALL_XLABEL = "Incident number"
CHART_SMALL_YLABEL = "Minutes to first deliberate step"
CHART_SMALL_TITLE = "{person}"
CHART_NO_INCIDENT = "No incident to show yet.\nLog one and its timeline appears here."
CHARTS_SAVED = "Saved {n} chart(s) as PNG files in `{folder}`:"
CHARTS_NOTHING_TO_SAVE = (
    "Nothing to save yet: the journal holds no incidents, so no chart was written."
)
CHARTS_SAMPLE_FOLDER = (
    "The sample journal is read-only, so its charts go to your own journal's folder, "
    "{folder}, with names starting with sample-."
)
CHARTS_TOO_FEW_AXES = (
    "{people} people need {people} panels, but only {axes} axes were given: pass more "
    "axes, or leave axes out"
)
CHARTS_ERR_FOLDER = (
    "the folder {folder} could not be created ({reason}): pass folder= with a folder "
    "you can write"
)
# A phase bar's legend entry: "Triage: 12 min".
CHART_PHASE_TOOK = "{label}: {minutes} min"
CHART_HANDS_ON_MARK = "first step on the problem"
