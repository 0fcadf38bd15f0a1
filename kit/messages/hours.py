"""Words for the 3 AM view: incidents by the local hour of their alert, night and day.

Templates hold numbers and the kit's own words only. They describe what happened in
these incidents and never turn a handful of them into a rule about a person.
"""

from __future__ import annotations

__all__ = [
    "HOURS_SIDES",
    "HOURS_WINDOW",
    "HOURS_NOTHING_YET",
    "HOURS_COUNT_ONE",
    "HOURS_COUNT_MANY",
    "HOURS_CLAUSES",
    "HOURS_SENTENCE",
    "HOURS_NO_VALUES",
    "HOURS_ONE_IS_NOT_A_PATTERN",
    "HOURS_APART",
    "HOURS_OVERLAP",
    "HOURS_AND",
    "HOURS_RANGE",
    "HOURS_BAD_WINDOW",
    "HOURS_NEEDS_LOCAL_HOUR",
    "HOURS_POOL_NEEDS_NIGHT",
    "HOURS_MISSING_COLUMN",
    "HOURS_AT_3AM_PROMPT",
    "CHART_HOURS_TITLE",
    "CHART_HOURS_XLABEL",
    "CHART_HOURS_YLABELS",
    "CHART_HOURS_NIGHT_BAND",
    "CHART_HOURS_POINT_LABELS",
    "CHART_HOURS_EMPTY",
    "CHART_HOURS_POOLED_TITLE",
    "CHART_HOURS_POOLED_YLABEL",
    "CHART_HOURS_HIDDEN",
    "CHART_HOURS_COUNTS",
]

HOURS_SIDES = {"night": "night", "day": "day"}

HOURS_WINDOW = (
    "Night here means {start} to {end} by the clock where the alert reached you (the "
    "UTC offset recorded with its time); the rest of the day counts as day."
)
HOURS_NOTHING_YET = (
    "There is nothing to compare yet: this journal holds no incidents. The 3 AM view "
    "fills in as you log them."
)
HOURS_COUNT_ONE = "your one {side} incident"
HOURS_COUNT_MANY = "your {n} {side} incidents"
# measure -> how one side's values are said; {count} is HOURS_COUNT_*.
HOURS_CLAUSES = {
    "panic_to_action_min": "{count} took {values} minutes",
    "distress_peak": "{count} had a peak distress of {values} out of 10",
    "clarity_next_step": "{count} started with a clarity of {values} out of 100",
    "lookback_heavy_now": "{count} felt {values} out of 10 heavy",
    "lookback_dread_next": "{count} left a dread of {values} out of 10",
}
# measure -> the sentence around the clauses (joined by "; ").
HOURS_SENTENCE = {
    "panic_to_action_min": "From the alert to your first deliberate step, {clauses}.",
    "distress_peak": "As you recalled it, {clauses}.",
    "clarity_next_step": "For how sure you were of your next step, {clauses}.",
    "lookback_heavy_now": "In your morning-after look-backs, {clauses}.",
    "lookback_dread_next": "Looking ahead to the next on-call, {clauses}.",
}
HOURS_NO_VALUES = {
    "panic_to_action_min": (
        "None of these incidents has the time of a first deliberate step yet."
    ),
    "distress_peak": "None of these incidents has a peak distress rating yet.",
    "clarity_next_step": "None of these incidents has a clarity rating yet.",
}
HOURS_ONE_IS_NOT_A_PATTERN = (
    "One incident on a side is a single night or a single day, not a pattern: there is "
    "nothing to compare it with yet."
)
# measure -> the words when every value on one side is above every value on the other.
HOURS_APART = {
    "panic_to_action_min": (
        "Every {more} incident here took longer than every {less} incident. With "
        "{n_night} night and {n_day} day incidents this describes these incidents, "
        "not a rule: severity and how tired you were differ too."
    ),
    "distress_peak": (
        "Peak distress was higher in every {more} incident here than in any {less} "
        "one. With {n_night} night and {n_day} day incidents this describes these "
        "incidents, not a rule."
    ),
    "clarity_next_step": (
        "Clarity was higher in every {more} incident here than in any {less} one. "
        "With {n_night} night and {n_day} day incidents this describes these "
        "incidents, not a rule."
    ),
    "lookback_heavy_now": (
        "The morning after, every {more} incident here felt heavier than any {less} "
        "one. With {n_night} night and {n_day} day look-backs this describes them, "
        "not a rule: sleep lost to a page weighs on the next day too."
    ),
    "lookback_dread_next": (
        "The dread of the next on-call was higher after every {more} incident here "
        "than after any {less} one. With {n_night} night and {n_day} day look-backs "
        "this describes them, not a rule."
    ),
}
HOURS_OVERLAP = {
    "panic_to_action_min": (
        "The night and day times overlap, so these incidents show no clear difference."
    ),
    "distress_peak": (
        "The night and day distress ratings overlap, so these incidents show no clear "
        "difference."
    ),
    "clarity_next_step": (
        "The night and day clarity ratings overlap, so these incidents show no clear "
        "difference."
    ),
    "lookback_heavy_now": (
        "How heavy night and day incidents felt the morning after overlaps, so these "
        "look-backs show no clear difference."
    ),
    "lookback_dread_next": (
        "The dread after night and day incidents overlaps, so these look-backs show "
        "no clear difference."
    ),
}
HOURS_AND = "{first} and {last}"
HOURS_RANGE = "{low} to {high}"
HOURS_BAD_WINDOW = (
    "night={night!r} is not a night window: give two whole hours from 0 to 23, the "
    "start and the end, that differ, such as (22, 7)."
)
HOURS_NEEDS_LOCAL_HOUR = (
    "The 3 AM view needs the local hour of each alert, which a journal frame does not "
    "keep (its times are in UTC). Pass the journal itself or its incidents, for "
    "example kit.metrics.night_and_day(journal)."
)
HOURS_POOL_NEEDS_NIGHT = (
    "The pooled 3 AM view needs a true/false column {column!r} saying whether each "
    "incident's alert came at night. Team exports do not carry it yet, so there is "
    "nothing to pool for night and day."
)
HOURS_MISSING_COLUMN = (
    "The 3 AM view has no column {column!r} (the {argument} argument). Name one of "
    "the data's columns."
)
HOURS_AT_3AM_PROMPT = (
    "Your own answer to \"what would you do differently at 3 AM next month?\" lives in "
    "each incident's reflection; read it beside these numbers."
)

CHART_HOURS_TITLE = "By the hour the alert reached you"
CHART_HOURS_XLABEL = "Local hour of the alert"
CHART_HOURS_YLABELS = {
    "panic_to_action_min": "Minutes from alert to first deliberate step",
    "distress_peak": "Peak distress (0-10, recalled)",
    "clarity_next_step": "Clarity of next step (0-100)",
    "lookback_heavy_now": "How heavy it felt the morning after (0-10)",
    "lookback_dread_next": "Dread of the next on-call (0-10)",
}
CHART_HOURS_NIGHT_BAND = "night ({start}-{end})"
CHART_HOURS_POINT_LABELS = {"night": "night incident", "day": "day incident"}
CHART_HOURS_EMPTY = "Nothing to show yet: no incident has this measure."
CHART_HOURS_POOLED_TITLE = "Night and day across the team (medians)"
CHART_HOURS_POOLED_YLABEL = "Median minutes from alert to first deliberate step"
CHART_HOURS_HIDDEN = "hidden: fewer than {min_people} people"
CHART_HOURS_COUNTS = "{people} people, {incidents} incidents"
