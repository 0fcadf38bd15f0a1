"""Words of the journal: which journal is shown, and why a file or a save failed."""

__all__ = [
    "LOCK_TIMEOUT",
    "SHOWING_SAMPLE",
    "SHOWING_YOURS",
    "PROBLEMS_FOUND",
    "TABLE_COLUMNS",
    "JOURNAL_NOT_CREATED",
    "NOT_AN_ID",
    "READ_ONLY_JOURNAL",
    "ALREADY_IN_JOURNAL",
    "NOT_IN_JOURNAL",
    "NO_SUCH_INCIDENT",
    "CANNOT_RENAME",
    "NAME_MISMATCH",
    "NESTED_TOO_DEEPLY",
    "NOT_A_RECORD_FILE",
]

LOCK_TIMEOUT = (
    "the journal at {path} stayed busy for 30 seconds (another save was running): "
    "nothing was changed; try again"
)
SHOWING_SAMPLE = (
    "Your journal has no incidents yet, so this shows the sample journal: five "
    "incidents of a fictional engineer. Log your own in 02-after-the-incident."
)
SHOWING_YOURS = "This shows your journal at {path}: {n} incident(s)."
PROBLEMS_FOUND = (
    "{n} file(s) in the journal could not be loaded. They were left exactly as they "
    "are; every other incident loaded:"
)

# Column -> heading of the journal's overview table (Journal.table()).
TABLE_COLUMNS = {
    "incident_no": "No.",
    "alert_at": "Date",
    "title": "Title",
    "severity": "Severity",
    "whose": "Whose",
    "panic_to_action_min": "Alert to first deliberate step (min)",
    "distress_peak": "Peak distress (0-10)",
    "clarity_next_step": "Clarity of next step (0-100)",
}

JOURNAL_NOT_CREATED = (
    "the journal folder {path} could not be created ({reason}): set KIT_JOURNAL to a "
    "folder you can write"
)
NOT_AN_ID = "{shown} is not an incident id: ids look like 2026-03-10-payment-typo"
READ_ONLY_JOURNAL = (
    "{path} is read-only (the sample journal cannot be changed): save into your own "
    "journal, kit.Journal()"
)
ALREADY_IN_JOURNAL = (
    "{id}.yaml is already in the journal and was left as it is: choose another id "
    "(for example {free}) or use update() to replace it"
)
NOT_IN_JOURNAL = (
    "{id}.yaml is not in the journal at {path}: use save() for a new incident"
)
NO_SUCH_INCIDENT = "there is no incident {id} in the journal at {path}"
CANNOT_RENAME = "change() cannot rename an incident: keep the same id"
NAME_MISMATCH = (
    "the file name {name} does not match its id {id}: rename the file to {id}.yaml, "
    "or correct the id"
)
NESTED_TOO_DEEPLY = "{name} is nested too deeply to be a record"
NOT_A_RECORD_FILE = (
    "{name} could not be read ({kind}): it is probably not a record; move it out of "
    "the folder"
)
