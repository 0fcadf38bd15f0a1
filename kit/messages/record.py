"""Words for the record and the journal: vocabularies, anchors, fixes, journal notes."""

from __future__ import annotations

__all__ = [
    "TIME_ORDER",
    "TIME_BEFORE_ALERT",
    "EVENT_BEFORE_ALERT",
    "SCHEMA_UNKNOWN",
    "TECHNIQUE_TWICE",
    "MISSING_FIRST_ACTION",
    "MISSING_SEVERITY",
    "NOT_A_RECORD",
    "LOOKBACK_BEFORE_ALERT",
    "SLEEP_LABELS",
    "SEVERITY_LABELS",
    "ROLE_LABELS",
    "WHOSE_LABELS",
    "SYMPTOM_LABELS",
    "TECHNIQUE_LABELS",
    "EVENT_KIND_LABELS",
    "SOURCE_LABELS",
    "CULTURE_LABELS",
    "SUDS_ANCHORS",
    "CLARITY_ANCHORS",
    "SAFETY_ANCHORS",
    "FIELD_FIXES",
    "ERROR_TYPE_FIXES",
]

# --- record: the vocabularies' words ------------------------------------------

SEVERITY_LABELS = {
    "SEV1": "SEV1: critical, most users affected",
    "SEV2": "SEV2: major, many users or a key feature affected",
    "SEV3": "SEV3: minor, a few users or a workaround exists",
    "SEV4": "SEV4: low, little or no user impact",
}

ROLE_LABELS = {
    "author": "I wrote or shipped the change involved",
    "on-call": "I was on call and got the page",
    "reviewer": "I reviewed the change involved",
    "bystander": "I was nearby and helped",
}

WHOSE_LABELS = {
    "mine": "a change of mine",
    "teammate": "a teammate's change",
    "another-team": "another team's system or change",
    "dependency": "a dependency or provider that broke",
    "systemic": "the system itself (process, tooling, capacity)",
    "unknown": "not known yet",
}

SYMPTOM_LABELS = {
    "racing_heart": "heart racing or pounding",
    "sweating": "sweating",
    "shaky_hands": "trembling or shaky hands",
    "short_of_breath": "short of breath",
    "chest_tightness": "tightness in the chest",
    "stomach_drop": "stomach dropping or nausea",
    "dizziness": "light-headed or dizzy",
    "hot_cold_flush": "hot or cold flushes",
    "tingling": "tingling or numbness",
    "feeling_unreal": "things feeling unreal or far away",
    "fear_losing_control": "afraid of losing control",
    "tunnel_vision": "tunnel vision: seeing only one thing",
    "freezing": "freezing: unable to start",
    "urge_to_hide": "an urge to hide it or patch it quietly",
    "typing_faster_than_reading": "typing faster than reading the output",
}

TECHNIQUE_LABELS = {
    "box_breathing": "box breathing (4 in, 4 hold, 4 out, 4 hold)",
    "read_error_aloud": "read the first error line aloud",
    "two_minute_timer": "two minutes hands-off before touching the keyboard",
    "rollback_first": "checked for a rollback first",
    "escalate_at_five": "escalated when five minutes of triage found no cause",
    "broadcast_template": "broadcast with the template",
}

EVENT_KIND_LABELS = {
    "action": "action",
    "dead-end": "dead end",
    "update": "update sent",
    "breathing": "breathing",
    "timer": "timer",
    "note": "note",
}

SOURCE_LABELS = {
    "live": "timed live with the companion",
    "recalled": "recalled afterwards",
    "imported": "imported from the incident tool",
}

CULTURE_LABELS = {
    "blameless": "blameless: the first question was what we could learn",
    "mixed": "mixed: some learning, some looking for someone",
    "blame": "blame: the first question was who did it",
}

SLEEP_LABELS = {
    "well": "slept well",
    "patchy": "slept, on and off",
    "poorly": "slept poorly",
    "hardly": "hardly slept",
}

SUDS_ANCHORS = {
    0: "0: calm, no distress",
    2: "2: a little on edge",
    5: "5: clearly upset, still able to work",
    8: "8: very distressed, hard to think",
    10: "10: the worst distress you can imagine",
}

CLARITY_ANCHORS = {
    0: "0: I could not see any next step",
    50: "50: moderately certain of my next step",
    100: "100: highly certain of my next step",
}

SAFETY_ANCHORS = {
    1: "1: not safe at all to say it",
    3: "3: somewhat safe",
    5: "5: completely safe",
}

# --- record: how to fix a field -----------------------------------------------

# What each field expects, said as the fix. Keys are dotted field paths with list
# indexes
# removed (``events.at`` for ``events[3].at``).
FIELD_FIXES = {
    "schema": "write schema: 2 (the version this kit writes; it also reads 1)",
    "id": "use the form YYYY-MM-DD-short-name, lower case letters, digits and dashes",
    "title": "give the incident a short title (1 to 200 characters)",
    "service": "name the service in up to 200 characters, or leave it empty",
    "severity": "choose one of SEV1, SEV2, SEV3, SEV4",
    "role": "choose one of author, on-call, reviewer, bystander",
    "whose": "choose one of mine, teammate, another-team, dependency, systemic, "
    "unknown",
    "draft": "write true or false",
    "times.alert_at": "write the date and time you noticed or were paged, with a "
    "timezone offset, e.g. 2026-03-10T14:47:00+00:00",
    "times.first_action_at": "write the time of your first step chosen on purpose "
    "(breathing, the hands-off timer, the one sentence, a broadcast, an escalation "
    "or a step on the problem), with a timezone offset",
    "times.hands_on_at": "write when you first worked on the problem itself, with a "
    "timezone offset, or leave it out",
    "times.alert_source": "choose one of live, recalled, imported, or leave it out",
    "times.broadcast_at": "write when the first broadcast went out, with a timezone "
    "offset, or leave it out",
    "times.escalated_at": "write when you escalated, with a timezone offset, or leave "
    "it out",
    "times.mitigated_at": "write when users stopped being affected, with a timezone "
    "offset, or leave it out",
    "times.resolved_at": "write when the incident was resolved, with a timezone "
    "offset, or leave it out",
    "times.source": "choose one of live, recalled, imported",
    "events.at": "give each event a date and time with a timezone offset",
    "events.kind": "choose one of action, dead-end, update, breathing, timer, note",
    "events.text": "keep each event's text under 5,000 characters",
    "events.mark": "leave the mark as the kit wrote it (lower-case letters, digits "
    "and dashes), or remove the line",
    "body.distress_peak": "rate your peak distress as a whole number from 0 to 10",
    "body.symptoms": "rate each body response as a whole number from 0 to 10, using "
    "the kit's list of responses",
    "body.heart_rate_bpm": "write a whole number of beats per minute between 30 and "
    "250, or leave it out",
    "body.notes": "keep the notes under 20,000 characters",
    "clarity.next_step": "rate how certain your next step felt as 0, 10, 20, ... 100",
    "techniques": "choose from box_breathing, read_error_aloud, two_minute_timer, "
    "rollback_first, escalate_at_five, broadcast_template, each once",
    "postmortem": "keep each answer under 20,000 characters",
    "reflection": "keep each answer under 20,000 characters",
    "reflection.include_in_postmortem": "write true or false",
    "culture.response": "choose one of blameless, mixed, blame, or leave it out",
    "culture.safe_to_say_i_broke_it": "rate it as a whole number from 1 to 5, or "
    "leave it out",
    "lookback.at": "write when you looked back, with a timezone offset, or leave it "
    "out",
    "lookback.heavy_now": "rate how heavy it feels now as a whole number from 0 to "
    "10, or leave it out",
    "lookback.sleep": "choose one of well, patchy, poorly, hardly, or leave it out",
    "lookback.dread_next": "rate the dread before your next on-call as a whole "
    "number from 0 to 10, or leave it out",
    "lookback": "keep each answer under 20,000 characters",
}

# What a kind of validation error means, said without repeating the value.
ERROR_TYPE_FIXES = {
    "missing": "is missing",
    "extra_forbidden": "is not a field the kit knows (check its spelling)",
    "int_type": "must be a whole number (a yes/no or text value is not a rating)",
    "int_parsing": "must be a whole number",
    "string_type": "must be text (put values such as no, 10:05 or 7 in quotes)",
    "bool_type": "must be true or false",
    "literal_error": "is not one of the allowed choices",
    "enum": "is not one of the allowed choices",
    "greater_than_equal": "is below the allowed range",
    "less_than_equal": "is above the allowed range",
    "string_too_short": "is empty",
    "string_too_long": "is too long",
    "string_pattern_mismatch": "does not have the expected form",
    "timezone_aware": "has no timezone offset",
    "datetime_type": "must be a date and time",
    "datetime_parsing": "could not be read as a date and time",
    "datetime_from_date_parsing": "could not be read as a date and time",
    "dict_type": "must be a mapping of names to values",
    "list_type": "must be a list",
    "model_type": "must be a mapping of names to values",
    "model_attributes_type": "must be a mapping of names to values",
    "multiple_of": "must be a multiple of ten",
    "too_long": "has too many entries",
}

# --- the record's own checks (pydantic fills the {placeholders}) --------------------

TIME_ORDER = (
    "{late_name} {late} is before {early_name} {early}: the order is alert, first "
    "action, mitigated, resolved; correct whichever time is wrong"
)
TIME_BEFORE_ALERT = (
    "{name} {when} is before alert_at {alert}: a hands-on step, a broadcast or an "
    "escalation comes after the alert; correct whichever time is wrong"
)
LOOKBACK_BEFORE_ALERT = (
    "lookback.at {when} is before alert_at {alert}: a look-back comes after the "
    "incident; correct whichever time is wrong"
)
EVENT_BEFORE_ALERT = (
    "events[{n}].at {when} is before alert_at {alert}: log events after the alert, "
    "or move the alert earlier"
)
SCHEMA_UNKNOWN = (
    "is version {got}, but this kit reads version {want}: update the kit, or write "
    "schema: {want}"
)
TECHNIQUE_TWICE = "lists a technique twice: list each one once"
MISSING_FIRST_ACTION = (
    "times.first_action_at is missing: a finished incident needs the time of your "
    "first step chosen on purpose (or keep draft: true)"
)
MISSING_SEVERITY = "severity is missing: choose SEV1 to SEV4 (or keep draft: true)"
NOT_A_RECORD = (
    "the file does not hold a record{where}: an incident is a mapping of field names "
    "to values (schema:, id:, ...)"
)
