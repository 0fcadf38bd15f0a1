"""Marks from a terminal: ``python -m kit mark WHAT ["words"]`` and ``python -m kit
status``.

During an incident a terminal is often already open when a notebook is not. These
commands write to the same live draft as notebook 01's companion, through
:mod:`kit.draft` and so under the journal's lock: the two can be used side by side, two
marks at once from two processes both land, and notebook 01 shows the marks when it
is opened. Only ``alert`` starts a draft; any other mark with no draft running is
refused with a word and a non-zero exit.

=============  =================  ===========================================
you type       the draft's mark   what it records
=============  =================  ===========================================
``alert``      (starts a draft)   ``alert_at`` (now, or ``--at HH:MM``: recalled)
``breathe``    ``breathing``      box breathing (a technique)
``step``       ``step``           a step on the problem: ``hands_on_at``, the first time
``broadcast``  ``broadcast``      ``broadcast_at``, the first time; words needed
``escalate``   ``escalated``      ``escalated_at``, the first time
``update``     ``update``         the second update; words needed
``dead-end``   ``dead-end``       a dead end; words needed
``note``       ``note``           a note; words needed
``mitigated``  ``mitigated``      ``mitigated_at``, once
``resolved``   ``resolved``       ``resolved_at``, once: the draft stops running
=============  =================  ===========================================

The first deliberate mark after the alert (all of the above but ``dead-end``,
``note``, ``mitigated`` and ``resolved``) also sets ``first_action_at``, the end of
panic-to-action (see :mod:`kit.draft`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import draft
from . import messages as msgs
from ._text import clock as clock_text
from ._text import hm
from .errors import InvalidMark
from .journal import Journal
from .record import Incident

__all__ = [
    "COMMAND_MARKS",
    "Recorded",
    "record",
    "status",
    "mark_arguments",
    "run_mark",
    "status_arguments",
    "run_status",
]

COMMAND_MARKS: dict[str, str | None] = {
    "alert": None,
    "breathe": "breathing",
    "step": "step",
    "broadcast": "broadcast",
    "escalate": "escalated",
    "update": "update",
    "dead-end": "dead-end",
    "note": "note",
    "mitigated": "mitigated",
    "resolved": "resolved",
}
"""What a person types -> the mark written to the draft (None: start a draft)."""


@dataclass(frozen=True)
class Recorded:
    """What :func:`record` did: the draft as saved, the moment, and whether a draft was
    started (``started``) or a mark added (``added`` False: a once-only time was
    already there, and ``at`` is that time)."""

    incident: Incident = field(repr=False)
    what: str
    at: datetime
    started: bool = False
    added: bool = True


def _alert_at(at: str | None, now: datetime) -> datetime:
    if not at:
        return now
    try:
        hours, minutes = (int(part) for part in at.strip().split(":"))
        moment = now.replace(hour=hours, minute=minutes, second=0)
    except ValueError:
        msg = msgs.MARK_BAD_AT.format(value=at)
        raise InvalidMark(msg) from None
    if moment > now:
        msg = msgs.MARK_AT_IN_FUTURE.format(value=at.strip())
        raise InvalidMark(msg)
    return moment


def record(
    journal: Journal,
    what: str,
    words: str = "",
    *,
    at: str | None = None,
    clock: Callable[[], datetime] = draft.now,
) -> Recorded:
    """Record one terminal mark in the running live draft (``alert`` starts one).

    Parameters
    ----------
    journal : Journal
    what : str
        One of :data:`COMMAND_MARKS`.
    words : str
        The message, step or dead end; the title for ``alert``.
    at : str, optional
        With ``alert``: when you were paged, ``HH:MM`` today.
    clock : callable
        Gives now, timezone-aware (tests pass a fake).

    Returns
    -------
    Recorded

    Raises
    ------
    InvalidMark
        An unknown mark, missing words, no draft running (any mark but ``alert``), a
        draft already running (``alert``), or a bad ``at``.
    ReadOnlyJournal, SaveFailed
    """
    if what not in COMMAND_MARKS:
        msg = msgs.DRAFT_UNKNOWN_MARK.format(mark=what, marks=", ".join(COMMAND_MARKS))
        raise InvalidMark(msg)
    if what != "alert" and at:
        raise InvalidMark(msgs.MARK_AT_ONLY_ALERT)
    if what == "alert":
        now = clock()
        alert = _alert_at(at, now)
        # Held across the check and the save, so two "alert"s at once start one draft
        # (the lock is re-entrant: the save inside takes it again).
        with journal._lock():
            running = draft.running(journal)
            if running is not None:
                msg = msgs.MARK_ALREADY_RUNNING.format(
                    time=hm(running.times.alert_at), title=running.title)
                raise InvalidMark(msg)
            started = draft.start(journal, alert_at=alert, title=words,
                                  recalled=bool(at), clock=lambda: now)
        return Recorded(started, what, alert, started=True)
    running = draft.running(journal)
    if running is None:
        raise InvalidMark(msgs.MARK_NONE_RUNNING)
    name = COMMAND_MARKS[what]
    assert name is not None
    done = draft.mark(journal, running.id, name, words, clock=clock)
    return Recorded(done.incident, what, done.at, added=done.added)


def status(journal: Journal, *, clock: Callable[[], datetime] = draft.now) -> list[str]:
    """The running draft in a few lines: the alert, triage, the times and the marks.

    Only times and the kinds of marks are said, never the words typed with them.
    """
    running = draft.running(journal)
    if running is None:
        return [msgs.STATUS_NONE]
    now = clock()
    alert = running.times.alert_at
    since = clock_text((now - alert).total_seconds())
    lines = [msgs.STATUS_DRAFT.format(title=running.title, time=hm(alert), since=since)]
    if draft.triage_open(running):
        left = (alert + draft.TRIAGE - now).total_seconds()
        lines.append(msgs.STATUS_TRIAGE_LEFT.format(left=clock_text(left))
                     if left > 0 else msgs.STATUS_TRIAGE_OVER)
    times = [f"{label} {hm(getattr(running.times, name))}"
             for name, label in msgs.STATUS_TIME_NAMES.items()
             if getattr(running.times, name) is not None]
    lines.append(msgs.STATUS_TIMES.format(times="; ".join(times)) if times
                 else msgs.STATUS_NO_TIMES)
    kinds: dict[str, int] = {}
    for event in running.events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    lines.append(msgs.STATUS_MARKS.format(
        n=len(running.events),
        kinds=", ".join(f"{n} {kind}" for kind, n in kinds.items())))
    lines.append(msgs.STATUS_NEXT)
    return lines


# --- the two commands ---------------------------------------------------------------


def _journal_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--journal", type=Path, default=None,
                        help=msgs.CLI_MARK_JOURNAL_HELP)


def mark_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``python -m kit mark``."""
    parser.add_argument("what", choices=list(COMMAND_MARKS), metavar="WHAT",
                        help=msgs.CLI_MARK_WHAT_HELP)
    parser.add_argument("words", nargs="?", default="", help=msgs.CLI_MARK_WORDS_HELP)
    parser.add_argument("--at", default=None, metavar="HH:MM",
                        help=msgs.CLI_MARK_AT_HELP)
    _journal_option(parser)


def run_mark(args: argparse.Namespace) -> int:
    """Run ``python -m kit mark``; errors (``KitError``) go to the caller."""
    journal = Journal(args.journal)
    done = record(journal, args.what, args.words, at=args.at)
    alert = done.incident.times.alert_at
    if done.started:
        print(msgs.MARK_STARTED.format(time=hm(alert), title=done.incident.title))
        return 0
    what = msgs.MARK_NAMES[args.what]
    if not done.added:
        print(msgs.MARK_ALREADY.format(what=what, time=hm(done.at)))
        return 0
    since = clock_text((done.at - alert).total_seconds())
    print(msgs.MARK_DONE.format(what=what, time=hm(done.at), since=since))
    return 0


def status_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``python -m kit status``."""
    _journal_option(parser)


def run_status(args: argparse.Namespace) -> int:
    """Run ``python -m kit status``."""
    sys.stdout.write("\n".join(status(Journal(args.journal))) + "\n")
    return 0
