"""Words for reading a Slack workspace export: the proposals, their labels, and errors.

Errors name the file inside the export and the entry (the first message of a day file
is entry 1), and never quote a message: other people's words stay where they are.
"""

from __future__ import annotations

__all__ = [
    "SLACK_KIND_LABELS",
    "SLACK_UPDATE_NOTE",
    "SLACK_PROPOSALS_INTRO",
    "SLACK_PROPOSALS_NONE",
    "SLACK_PROPOSALS_HEADERS",
    "SLACK_EDITED",
    "SLACK_IN_THREAD",
    "SLACK_PROPOSED",
    "SLACK_ALSO",
    "SLACK_FORM_CHANNEL",
    "SLACK_FORM_USER",
    "SLACK_FORM_HELP",
    "SLACK_ERR_NOT_AN_EXPORT",
    "SLACK_ERR_JSON",
    "SLACK_ERR_SHAPE",
    "SLACK_ERR_ENTRY",
    "SLACK_ERR_NO_CHANNEL",
    "SLACK_ERR_NO_USER",
    "SLACK_ERR_TOO_LARGE",
    "SLACK_ERR_NOTHING_FOUND",
]

# The kind of each of your messages the kit can use, as shown in the preview.
SLACK_KIND_LABELS = {
    "broadcast": "first broadcast (\"Detected ... Impact: ... Investigating\")",
    "update": "second update (\"Root cause: ... Fix: ... ETA: ...\")",
    "escalate": "escalation (a mention, @here, or \"escalating\")",
    "resolve": "resolution (\"resolved\", \"fixed\", \"all clear\")",
}
# What the journal keeps for the second update: its kind and time, never its words.
SLACK_UPDATE_NOTE = "Second update posted in the incident channel."
SLACK_PROPOSALS_INTRO = (
    "From your own messages in #{channel}, the kit proposes these times. Your messages "
    "are shown here only, to help you check; the journal keeps the times and the kind "
    "of each message, never their words, and nobody else's messages are used."
)
SLACK_PROPOSALS_NONE = (
    "None of your messages in #{channel} looks like a broadcast, an update, an "
    "escalation or a resolution, so there is nothing to propose. You can type the "
    "times in the log form instead."
)
SLACK_PROPOSALS_HEADERS = ("proposed as", "your message's time", "your message")
SLACK_EDITED = "edited later"
SLACK_IN_THREAD = "in a thread"
SLACK_PROPOSED = "proposed"
SLACK_ALSO = "also matches"
SLACK_FORM_CHANNEL = "Slack channel"
SLACK_FORM_USER = "You in Slack"
SLACK_FORM_HELP = (
    "For a Slack export (the .zip, or its unzipped folder), choose the incident's "
    "channel and yourself: only your own messages are used."
)

SLACK_ERR_NOT_AN_EXPORT = (
    "{file} is not a Slack workspace export: one has channels.json and users.json at "
    "its top. Export the workspace again (Settings, Import/Export Data) and give the "
    ".zip, or the folder it unzips to"
)
SLACK_ERR_JSON = (
    "{file}, {member}: is not valid JSON (line {row}, column {column}): export the "
    "workspace again, or remove that day's file if it is not about this incident"
)
SLACK_ERR_SHAPE = (
    "{file}, {member}: is not what a Slack export holds there ({expected}): export "
    "the workspace again"
)
SLACK_ERR_ENTRY = (
    "{file}, {member}, entry {entry}, {field}: is missing or not of the expected "
    "kind: each message in a Slack export has a ts (seconds since 1970) and a type"
)
SLACK_ERR_NO_CHANNEL = (
    "{file} has no channel named {channel} (it has {channels}): choose one of those"
)
SLACK_ERR_NO_USER = (
    "{file} has no person {user} in users.json: give your Slack user id (U...) or "
    "your name as Slack shows it"
)
SLACK_ERR_TOO_LARGE = (
    "{file}, {member}: is larger than {limit:,} bytes, more than one channel's day "
    "should hold: export only the incident's days or channel"
)
SLACK_ERR_NOTHING_FOUND = (
    "{file}: none of your messages in #{channel} looks like a broadcast, an update, an "
    "escalation or a resolution, so there are no times to import"
)
