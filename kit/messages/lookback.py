"""Words for the morning after, the first deliberate step, where you are in the three
to five, and the kind note on sustained distress.

The kind note reflects and points to help; it never diagnoses. No phone numbers are
given: they differ by country, and a wrong one is worse than none.
"""

from __future__ import annotations

__all__ = [
    "LIVE_FIRST_DELIBERATE",
    "FIRST_STEP_HEADING",
    "FIRST_STEP_HELP",
    "FIRST_STEP_PROMPT",
    "FIRST_STEP_KEEP",
    "FIRST_STEP_OPTION",
    "FIRST_STEP_NO_EVENTS",
    "LOOKBACK_HEADING",
    "LOOKBACK_HELP",
    "LOOKBACK_PICKER",
    "LOOKBACK_NONE",
    "LOOKBACK_LABELS",
    "LOOKBACK_HEAVY_ANCHORS",
    "LOOKBACK_DREAD_ANCHORS",
    "LOOKBACK_NOT_ANSWERED",
    "LOOKBACK_SAVE",
    "LOOKBACK_SAVED",
    "LOOKBACK_SAMPLE",
    "LOOKBACK_TOO_SOON",
    "LOOKBACK_TABLE_COLUMNS",
    "LOOKBACK_TABLE_EMPTY",
    "CARE_RULE",
    "CARE_NOTE_LOOKBACK",
    "CARE_NOTE_HELP",
    "CARE_REASONS",
    "SUMMARY_ALERT_RECALLED",
    "SUMMARY_LOOKBACK",
    "PRIOR_PROMPT",
    "PRIOR_SAVE",
    "PRIOR_SAVED",
    "PRIOR_ALREADY",
    "PRIOR_INVALID",
    "PRIOR_UNREADABLE",
    "PRIOR_PLAIN_NOTE",
]

# --- the first deliberate step --------------------------------------------------------

LIVE_FIRST_DELIBERATE = (
    "That was your first deliberate step, at {time}: the panic-to-action clock "
    "stops here."
)
FIRST_STEP_HEADING = "Your first deliberate step"
FIRST_STEP_HELP = (
    "Panic is freezing or thrashing; the first step you chose on purpose ends it. "
    "Breathing on purpose, starting the hands-off timer, reading the error aloud, "
    "writing the one sentence, broadcasting and escalating all count, as much as a "
    "step on the problem. Pick the event that was yours, or keep the time as it is."
)
FIRST_STEP_PROMPT = "Which event was your first deliberate step?"
FIRST_STEP_KEEP = "keep the time as it is"
FIRST_STEP_OPTION = "{time} · {kind}{text}"
FIRST_STEP_NO_EVENTS = (
    "This incident has no live log, so type the time of your first deliberate step "
    "below."
)

# --- the morning after ----------------------------------------------------------------

LOOKBACK_HEADING = "The morning after"
LOOKBACK_HELP = (
    "A few questions for the day after an incident, or any day later, once you have "
    "slept (or tried to). How it sits with you after the incident says more about how "
    "you are doing than how loud it was during it. Answer what you want; everything "
    "stays in your journal."
)
LOOKBACK_PICKER = "Which incident are you looking back on?"
LOOKBACK_NONE = "Your journal has no saved incident yet: log one above first."
LOOKBACK_LABELS = {
    "heavy_now": "How heavy does the incident feel now? (0-10)",
    "sleep": "How did you sleep the night after?",
    "dread_next": "How much do you dread your next on-call? (0-10)",
    "tell_junior": (
        "What would you tell a junior engineer sitting in your exact seat when that "
        "alert fired?"
    ),
    "at_3am": "If it hit at 3 AM next month, what would you do?",
}
LOOKBACK_HEAVY_ANCHORS = (
    "0: it feels light now · 5: it is still with me · 10: very heavy"
)
LOOKBACK_DREAD_ANCHORS = "0: no dread · 5: some dread · 10: strong dread"
LOOKBACK_NOT_ANSWERED = "not answered"
LOOKBACK_SAVE = "Save the look-back"
LOOKBACK_SAVED = "Saved the look-back for {id}."
LOOKBACK_SAMPLE = (
    "This is the read-only sample journal, so the look-back is not saved. Point the "
    "notebook at your own journal to keep it."
)
LOOKBACK_TOO_SOON = (
    "This incident's alert was less than a few hours ago. The look-back works best "
    "after a night's sleep; you can save it now and change it tomorrow."
)
LOOKBACK_TABLE_COLUMNS = {
    "incident_no": "Incident",
    "lookback_heavy_now": "Heavy now (0-10)",
    "lookback_sleep": "Sleep",
    "lookback_dread_next": "Dread of next on-call (0-10)",
    "hour": "Alert hour",
    "night": "Night page",
}
LOOKBACK_TABLE_EMPTY = (
    "No look-backs yet. The day after your next incident, answer the morning-after "
    "questions in 02-after-the-incident."
)

# --- the kind note --------------------------------------------------------------------

CARE_RULE = (
    "The kind note appears when, among the look-backs of your {run} most recent "
    "incidents with one in the last {days} days, at least {needed} show distress "
    "that lasted: it still felt heavy ({heavy} or more out of 10), you slept poorly "
    "or hardly, or you dreaded the next on-call ({dread} or more out of 10). High "
    "peaks during incidents do not count: a racing heart in your first incidents is "
    "the normal early pattern."
)
CARE_NOTE_LOOKBACK = (
    "In {n} of your last {total} look-backs, the incident was still with you the "
    "days after: {details}. That is worth taking seriously, and you do not have to "
    "carry it alone."
)
CARE_NOTE_HELP = (
    "This kit is a reflection tool; it cannot tell you what this means, and it does "
    "not try. People can help: someone you trust, a doctor, or your employer's "
    "employee assistance programme if there is one. If you feel unsafe or in crisis, "
    "contact your local emergency number or a crisis line where you live "
    "(findahelpline.com lists services by country)."
)

CARE_REASONS = {
    "heavy_now": "it still felt heavy",
    "sleep": "sleep was poor",
    "dread_next": "the next on-call was dreaded",
}
SUMMARY_ALERT_RECALLED = "the alert time was typed afterwards, so it is recalled"
SUMMARY_LOOKBACK = "morning-after look-back: {n} of 5 answered"

# --- where you are in the three to five -----------------------------------------------

PRIOR_PROMPT = (
    "How many production incidents had you been through before you started this "
    "journal? (0 if this journal starts with your first)"
)
PRIOR_SAVE = "Keep this number"
PRIOR_SAVED = (
    "Kept: {n} incident(s) before this journal. Your journal's first incident is "
    "counted as number {first}."
)
PRIOR_ALREADY = (
    "{file} already says {n} incident(s) came before this journal: pass "
    "replace=True to change it"
)
PRIOR_INVALID = (
    "prior_incidents in {file} must be a whole number from 0 to 1000: correct it, "
    "or delete the file to count from 1"
)
PRIOR_UNREADABLE = (
    "{file} could not be read ({reason}): correct it, or delete it to count "
    "incidents from 1"
)
PRIOR_PLAIN_NOTE = (
    "A count, not a reflection: kept in plain text even in an encrypted journal."
)
