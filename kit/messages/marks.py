"""Words of ``python -m kit mark`` and ``python -m kit status``: marks from a terminal.

Short and calm: they are read in the middle of an incident. They repeat times and the
kit's own names for each mark, never what the person typed.
"""

from __future__ import annotations

__all__ = [
    "CLI_MARK_HELP",
    "CLI_MARK_WHAT_HELP",
    "CLI_MARK_WORDS_HELP",
    "CLI_MARK_AT_HELP",
    "CLI_MARK_JOURNAL_HELP",
    "CLI_STATUS_HELP",
    "MARK_NAMES",
    "MARK_DONE",
    "MARK_ALREADY",
    "MARK_STARTED",
    "MARK_NONE_RUNNING",
    "MARK_ALREADY_RUNNING",
    "MARK_BAD_AT",
    "MARK_AT_IN_FUTURE",
    "MARK_AT_ONLY_ALERT",
    "STATUS_NONE",
    "STATUS_DRAFT",
    "STATUS_TRIAGE_LEFT",
    "STATUS_TRIAGE_OVER",
    "STATUS_TIMES",
    "STATUS_NO_TIMES",
    "STATUS_TIME_NAMES",
    "STATUS_MARKS",
    "STATUS_NEXT",
]

CLI_MARK_HELP = (
    "Mark a moment of the incident you are in, from a terminal: the same live draft "
    "as notebook 01, so you can use either. Start with 'alert'."
)
CLI_MARK_WHAT_HELP = (
    "alert (paged now: starts the draft), breathe, step (a first deliberate step), "
    "broadcast \"message\", escalate, update \"message\", dead-end \"what you tried\", "
    "note \"words\", mitigated (users no longer affected), resolved"
)
CLI_MARK_WORDS_HELP = (
    "Words for broadcast, update, dead-end and note (quote them); optional for step "
    "and escalate; the incident's title for alert."
)
CLI_MARK_AT_HELP = (
    "With alert only: when you were paged, as HH:MM today (default: now)."
)
CLI_MARK_JOURNAL_HELP = (
    "Your journal's folder (default: $KIT_JOURNAL, else data/journal)."
)
CLI_STATUS_HELP = (
    "Show the live draft: how long since the alert, triage, and the marks."
)

# What each terminal word records, as said back after it is saved.
MARK_NAMES = {
    "breathe": "Box breathing",
    "step": "A first deliberate step",
    "broadcast": "The broadcast",
    "escalate": "The escalation",
    "update": "The second update",
    "dead-end": "A dead end",
    "note": "A note",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
}
MARK_DONE = "{what}: marked at {time}, {since} after the alert."
MARK_ALREADY = "{what} was already marked at {time}; nothing changed."
MARK_STARTED = (
    "Live draft started, alert at {time}: {title}. Triage has five minutes: stop, "
    "breathe, write one sentence of what is broken. Notebook 01 shows this draft when "
    "you open it."
)
MARK_NONE_RUNNING = (
    "No live draft is running, so there is nothing to add this mark to. Start one with "
    "'python -m kit mark alert' (or in notebook 01)."
)
MARK_ALREADY_RUNNING = (
    "A live draft is already running (alert at {time}: {title}). Keep marking it, or "
    "end it with 'python -m kit mark resolved' before starting another."
)
MARK_BAD_AT = "--at {value!r} is not a time: write it as HH:MM, such as 02:47."
MARK_AT_IN_FUTURE = (
    "--at {value} is later than now: give the time you were paged, today, as HH:MM."
)
MARK_AT_ONLY_ALERT = "--at goes with 'alert' only: other marks take the time of now."

STATUS_NONE = (
    "No live draft is running. Start one with 'python -m kit mark alert' when you are "
    "paged."
)
STATUS_DRAFT = "Live draft: {title}. Alert at {time}, {since} ago."
STATUS_TRIAGE_LEFT = "Triage: {left} left of the five minutes."
STATUS_TRIAGE_OVER = (
    "Triage: the five minutes have passed with no root cause noted. Escalating now is "
    "a triage decision, not a failure: 'python -m kit mark escalate'."
)
STATUS_TIMES = "Times so far: {times}."
STATUS_NO_TIMES = "No times marked yet beyond the alert."
STATUS_TIME_NAMES = {
    "first_action_at": "first deliberate step",
    "broadcast_at": "broadcast",
    "escalated_at": "escalated",
    "mitigated_at": "mitigated",
    "resolved_at": "resolved",
}
STATUS_MARKS = "Marks: {n} ({kinds})."
STATUS_NEXT = "Notebook 01 shows the same draft; the log form finishes it afterwards."
