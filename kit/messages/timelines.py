"""Words for importing an incident tool's timeline: event names, preview labels, fixes.

Error templates are filled with the file name, where in the file (a row or a log entry,
counted from 1 as a person counts them) and the column or field; they never repeat a
value from the file, because a cell may hold someone's private note.
"""

from __future__ import annotations

__all__ = [
    "IMPORT_EVENT_HELP",
    "IMPORT_FIELD_LABELS",
    "IMPORT_ACK_LABEL",
    "IMPORT_ESCALATE_TIMEOUT_LABEL",
    "IMPORT_RESOLVE_AUTO_LABEL",
    "IMPORT_ORIGIN_LABELS",
    "IMPORT_ACTION_LABELS",
    "IMPORT_TABLE_HEADERS",
    "IMPORT_NOTES_HEADING",
    "IMPORT_NOTES_PRIVATE",
    "IMPORT_NO_CHANGES",
    "IMPORT_SUMMARY",
    "IMPORT_NOTHING_SAVED_YET",
    "IMPORT_FAR_APART",
    "IMPORT_IGNORED",
    "IMPORT_PROBLEM",
    "IMPORT_READ_ONLY",
    "IMPORT_FORM_HELP",
    "IMPORT_FORM_LABELS",
    "IMPORT_FORM_REPLACE",
    "IMPORT_FORM_SKIP_ACK",
    "IMPORT_FORM_STATUS",
    "IMPORT_ERROR_NOTHING_SAVED",
    "IMPORT_ERR_TOO_LARGE",
    "IMPORT_ERR_EMPTY",
    "IMPORT_ERR_NOT_UTF8",
    "IMPORT_ERR_UNREADABLE",
    "IMPORT_ERR_COLUMNS",
    "IMPORT_ERR_TOO_MANY_ROWS",
    "IMPORT_ERR_CSV",
    "IMPORT_ERR_TIME_MISSING",
    "IMPORT_ERR_TIME_UNREADABLE",
    "IMPORT_ERR_TIME_NAIVE",
    "IMPORT_ERR_UNKNOWN_TIMEZONE",
    "IMPORT_ERR_EVENT_UNKNOWN",
    "IMPORT_ERR_TEXT_TOO_LONG",
    "IMPORT_ERR_SECONDS",
    "IMPORT_ERR_BEFORE",
    "IMPORT_ERR_NO_TIMES",
    "IMPORT_ERR_JSON",
    "IMPORT_ERR_JSON_SHAPE",
    "IMPORT_ERR_MORE_PAGES",
    "IMPORT_ERR_ENTRY_SHAPE",
    "IMPORT_ERR_CHOOSE_INCIDENT",
    "IMPORT_ERR_NO_SUCH_INCIDENT",
    "IMPORT_ERR_KIND",
    "IMPORT_ERR_WOULD_BREAK_ORDER",
    "IMPORT_ERR_NOT_A_TIME",
    "IMPORT_WHERE",
]

# --- the plain CSV format (time,event,text): what each event name means -------------

IMPORT_EVENT_HELP = {
    "alert": "the alert fired or you were paged (also: trigger, triggered, page)",
    "acknowledge": "the page was acknowledged in the tool (also: ack, acknowledged)",
    "first_action": "your first deliberate step, not the reflexive clicks before it",
    "broadcast": "the first update went out to the people affected",
    "escalate": "you asked for help or handed the incident on (also: escalated)",
    "mitigate": "users stopped being affected (also: mitigated)",
    "resolve": "the incident was closed (also: resolved)",
    "note": "a note; its text becomes a note in the incident's log (also: annotate)",
}

# --- the preview ---------------------------------------------------------------------

IMPORT_FIELD_LABELS = {
    "alert_at": "alert (paged)",
    "first_action_at": "first deliberate step",
    "hands_on_at": "first step on the problem",
    "broadcast_at": "first broadcast",
    "escalated_at": "escalated",
    "mitigated_at": "mitigated",
    "resolved_at": "resolved",
}

IMPORT_ACK_LABEL = (
    "acknowledged in the tool: offered as your first deliberate step, but pressing "
    "acknowledge can be a reflex; keep it only if it was a deliberate step"
)
IMPORT_ESCALATE_TIMEOUT_LABEL = (
    "escalated by the tool after a timeout (no one had acknowledged yet), not by a "
    "person's decision"
)
IMPORT_RESOLVE_AUTO_LABEL = "resolved automatically by the tool or an integration"
# By kit.timelines.ORIGINS: who or what made an event.
IMPORT_ORIGIN_LABELS = {
    "acknowledged": IMPORT_ACK_LABEL,
    "tool-timeout": IMPORT_ESCALATE_TIMEOUT_LABEL,
    "tool-automatic": IMPORT_RESOLVE_AUTO_LABEL,
}

IMPORT_ACTION_LABELS = {
    "add": "add",
    "same": "same, nothing changes",
    "conflict kept": "differs: your typed time is kept",
    "replace": "replace",
    "skip": "left out, as you chose",
}

IMPORT_TABLE_HEADERS = ("time", "in your journal now", "from the tool", "what happens")
IMPORT_NOTES_HEADING = "Notes from the tool"
IMPORT_NOTES_PRIVATE = (
    "These notes become note events in this incident's log. Like everything in your "
    "journal they stay on this machine."
)
IMPORT_NO_CHANGES = "Your journal already holds these times: nothing would change."
IMPORT_SUMMARY = (
    "{added} time(s) to add, {replaced} to replace, {kept} kept as you typed them, "
    "{notes} note(s) to add."
)
IMPORT_NOTHING_SAVED_YET = "Nothing has been saved yet."
IMPORT_FAR_APART = (
    "The tool's alert is about {days} day(s) away from this incident's alert: check "
    "that the file belongs to this incident."
)
IMPORT_IGNORED = (
    "{n} entry(ies) of other kinds (notifications, assignments and similar) were "
    "not used."
)
IMPORT_PROBLEM = "Saving these times as planned is not possible: {reason}."
IMPORT_READ_ONLY = (
    "{path} is read-only (the sample journal cannot be changed): import into your own "
    "journal, kit.Journal()"
)

# --- the form ------------------------------------------------------------------------

IMPORT_FORM_HELP = (
    "Choose the incident, give the path of the file your incident tool exported "
    "(a time,event,text CSV, PagerDuty's log entries JSON, or PagerDuty's incidents "
    "CSV), then Preview. Nothing is saved until you press Save."
)
IMPORT_FORM_LABELS = {
    "incident": "Incident",
    "path": "Timeline file",
    "tool_incident": "Tool's incident number (only for a file with many incidents)",
    "timezone": "Timezone of times without an offset (optional, e.g. Europe/Berlin)",
    "preview": "Preview",
    "save": "Save",
}
IMPORT_FORM_REPLACE = "Replace my typed {label} with the tool's time"
IMPORT_FORM_SKIP_ACK = "Use the acknowledgement as my first deliberate step"
IMPORT_FORM_STATUS = {
    "choose": "Choose an incident and a file, then press Preview.",
    "no_incidents": "Your journal has no incidents yet: log one above first.",
    "previewed": "This is a preview. Nothing has been saved yet.",
    "saved": "Saved. The times now come from the incident tool where shown.",
    "unchanged": "Nothing to save: the journal already holds these times.",
}

# --- errors: "{file}, {where}, {column}: {what}: {fix}. Nothing was saved." -----------

IMPORT_ERROR_NOTHING_SAVED = "Nothing was saved."
IMPORT_ERR_TOO_LARGE = (
    "{file} is {size:,} bytes, more than the {limit:,} bytes a timeline may have: "
    "export the timeline of this one incident only"
)
IMPORT_ERR_EMPTY = "{file} is empty: export the timeline again"
IMPORT_ERR_NOT_UTF8 = (
    "{file}, row {row}: the file is not UTF-8 text (an unreadable byte at position "
    "{position}): export it again as UTF-8, or save it as 'CSV UTF-8' in a spreadsheet"
)
IMPORT_ERR_UNREADABLE = "{file} could not be opened ({reason}): check the path"
IMPORT_ERR_COLUMNS = (
    "{file}, row 1 (the header): the columns {missing} are missing: a plain timeline "
    "has the columns time,event,text; a PagerDuty incidents export has created_on "
    "(or created_at) and incident_number"
)
IMPORT_ERR_TOO_MANY_ROWS = (
    "{file} has more than {limit:,} rows: export the timeline of this one incident only"
)
IMPORT_ERR_CSV = (
    "{file}, row {row}: is not well-formed CSV (a quote that never closes, or a cell "
    "far too long): export the file again, or fix that row in a spreadsheet"
)
IMPORT_ERR_TIME_MISSING = "{file}, {where}, {column}: the time is empty: fill it in"
IMPORT_ERR_TIME_UNREADABLE = (
    "{file}, {where}, {column}: could not be read as a date and time: write it as "
    "2026-03-10T14:47:00+00:00 (ISO 8601 with a timezone offset)"
)
IMPORT_ERR_TIME_NAIVE = (
    "{file}, {where}, {column}: the time has no timezone, so the kit cannot tell when "
    "it happened: add an offset such as +00:00 or Z, or pass "
    "assume_timezone='Europe/Berlin' (the timezone the tool exported in)"
)
IMPORT_ERR_UNKNOWN_TIMEZONE = (
    "assume_timezone is not a timezone this machine knows: use a name such as UTC or "
    "Europe/Berlin"
)
IMPORT_ERR_EVENT_UNKNOWN = (
    "{file}, {where}, event: is not an event name the kit knows: use one of {names}"
)
IMPORT_ERR_TEXT_TOO_LONG = (
    "{file}, {where}, {column}: the text is longer than {limit:,} characters: "
    "shorten it in the file"
)
IMPORT_ERR_SECONDS = (
    "{file}, {where}, {column}: must be a number of seconds, 0 or more, or empty"
)
IMPORT_ERR_BEFORE = (
    "{file}, {where}, {column}: {event} at {when} is before {earlier_event} at "
    "{earlier_when} ({earlier_where}): an incident tool logs {earlier_event} first; "
    "check that both use the same timezone, or correct the time"
)
IMPORT_ERR_NO_TIMES = (
    "{file} holds no times the kit can use (alert, acknowledge, first action, "
    "broadcast, escalate, mitigate, resolve or note): check that it is the timeline "
    "of the incident"
)
IMPORT_ERR_JSON = (
    "{file}, row {row}: is not valid JSON (near column {column}): save the whole "
    "response of GET /incidents/{{id}}/log_entries again"
)
IMPORT_ERR_JSON_SHAPE = (
    "{file}: has no log_entries list: save the whole response of PagerDuty's "
    "GET /incidents/{{id}}/log_entries (a JSON object with a log_entries list)"
)
IMPORT_ERR_MORE_PAGES = (
    "{file}: holds one page of the log entries and says more follow (\"more\": true), "
    "so the earliest times may be missing: fetch every page (offset=, or limit=1000) "
    "and save all the entries in one log_entries list"
)
IMPORT_ERR_ENTRY_SHAPE = (
    "{file}, {where}, {column}: is missing or not of the expected kind: each log "
    "entry needs a type and a created_at time, as PagerDuty returns them"
)
IMPORT_ERR_CHOOSE_INCIDENT = (
    "{file} holds {n} incidents (numbers {numbers}): pass tool_incident=<number> to "
    "choose the one to import"
)
IMPORT_ERR_NO_SUCH_INCIDENT = (
    "{file} has no incident with that number or id (it holds {numbers}): check the "
    "number in the incident tool"
)
IMPORT_ERR_KIND = (
    "kind must be one of {kinds}, or None to tell from the file's contents"
)
IMPORT_ERR_WOULD_BREAK_ORDER = (
    "{file}: importing into {incident_id} would put the times out of order ({reason}); "
    "replace the journal's time as well (tick replace in the import form, or "
    "overwrite=[...] in code), leave the tool's time out (skip=[...]), or correct the "
    "time in the log form"
)
IMPORT_ERR_NOT_A_TIME = (
    "{argument} names {names}, which is not a time of the incident: use {fields}"
)

# Where a line is in a file, as a person counts: by the reader's unit.
IMPORT_WHERE = {
    "row": "row {n}",
    "log entry": "log entry {n}",
    "data entry": "data entry {n}",
    "message": "message {n}",
}
