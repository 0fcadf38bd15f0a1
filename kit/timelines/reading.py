"""Reading an exported timeline: choose the reader for a file, run it, check the order.

Each format has a reader (``plain.read``, ``pagerduty.read_log_entries``,
``pagerduty.read_incidents_csv``) registered in :data:`READERS` under its kind. A reader
is any function ``Source -> Timeline``; adding a format means writing one and
registering it here (and, if it can be told from its contents, in :func:`guess_kind`).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from .. import messages as msgs
from ..errors import InvalidTimeline
from . import pagerduty, plain
from .timeline import (
    MAX_TIMELINE_BYTES,
    Source,
    Timeline,
    TimelineEvent,
    fail,
    header_name,
    stamp,
    zone_named,
)

__all__ = [
    "Reader",
    "READERS",
    "KINDS",
    "guess_kind",
    "read_timeline",
    "parse_timeline",
]

Reader = Callable[[Source], Timeline]

READERS: dict[str, Reader] = {
    plain.KIND: plain.read,
    pagerduty.LOG_ENTRIES: pagerduty.read_log_entries,
    pagerduty.INCIDENTS_CSV: pagerduty.read_incidents_csv,
}

KINDS = tuple(READERS)


def guess_kind(text: str) -> str:
    """The kind of a file told from its contents.

    JSON is PagerDuty's log entries; a CSV with ``time`` and ``event`` columns is the
    plain format; one with ``created_on``/``created_at`` is PagerDuty's incidents
    export; anything else is read as the plain format (whose reader then says which
    columns are missing).
    """
    if text.lstrip()[:1] in ("{", "["):
        return pagerduty.LOG_ENTRIES
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return plain.KIND  # the reader names the row that is not well-formed
    header = [header_name(c) for c in first]
    if pagerduty.recognises(header) and not plain.recognises(header):
        return pagerduty.INCIDENTS_CSV
    return plain.KIND


def read_timeline(
    path: str | os.PathLike[str],
    *,
    kind: str | None = None,
    tool_incident: str | int | None = None,
    assume_timezone: str | tzinfo | None = None,
) -> Timeline:
    """Read an incident tool's exported timeline.

    Parameters
    ----------
    path : str or Path
        The exported file.
    kind : {"csv", "pagerduty-log-entries", "pagerduty-incidents-csv"}, optional
        The format; by default told from the contents (see :func:`guess_kind`).
    tool_incident : str or int, optional
        For a PagerDuty incidents CSV holding several incidents: the incident's number
        (or id) in the tool.
    assume_timezone : str or tzinfo, optional
        The timezone of times written without an offset (for example
        ``"Europe/Berlin"``). Without it such times are refused, since the kit cannot
        tell when they happened.

    Returns
    -------
    Timeline

    Raises
    ------
    InvalidTimeline
        Naming the file, the row or log entry, the column and the fix.

    Examples
    --------
    >>> timeline = read_timeline("tests/data/timelines/timeline.csv")
    >>> timeline.kind, sorted(timeline.proposed())[:2]
    ('csv', ['alert_at', 'broadcast_at'])
    """
    target = Path(path).expanduser()
    name = target.name
    try:
        size = target.stat().st_size
        if size > MAX_TIMELINE_BYTES:
            raise fail(msgs.IMPORT_ERR_TOO_LARGE.format(
                file=name, size=size, limit=MAX_TIMELINE_BYTES))
        with open(target, "rb") as handle:
            raw = handle.read(MAX_TIMELINE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        msg = msgs.IMPORT_ERR_UNREADABLE.format(file=name, reason=reason)
        raise fail(msg) from None
    return parse_timeline(raw, name, kind=kind, tool_incident=tool_incident,
                          assume_timezone=assume_timezone)


def parse_timeline(
    raw: bytes,
    name: str,
    *,
    kind: str | None = None,
    tool_incident: str | int | None = None,
    assume_timezone: str | tzinfo | None = None,
) -> Timeline:
    """Parse the bytes of an exported timeline (an upload, say); see ``read_timeline``.

    ``name`` is the file name used in messages.
    """
    if kind is not None and kind not in READERS:
        msg = msgs.IMPORT_ERR_KIND.format(kinds=", ".join(READERS))
        raise InvalidTimeline(msg)
    zone = zone_named(assume_timezone)
    if len(raw) > MAX_TIMELINE_BYTES:
        raise fail(msgs.IMPORT_ERR_TOO_LARGE.format(
            file=name, size=len(raw), limit=MAX_TIMELINE_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise fail(msgs.IMPORT_ERR_NOT_UTF8.format(
            file=name, row=row, position=error.start)) from None
    if not text.strip():
        raise fail(msgs.IMPORT_ERR_EMPTY.format(file=name))
    number = None if tool_incident is None else str(tool_incident)
    source = Source(text, name, zone, number)
    timeline = READERS[kind or guess_kind(text)](source)
    _check(timeline)
    return timeline


def _check(timeline: Timeline) -> None:
    """Refuse a timeline whose own times are out of order, naming both places."""
    if not timeline.events:
        raise fail(msgs.IMPORT_ERR_NO_TIMES.format(file=timeline.name))
    ordered = sorted(timeline.events, key=lambda e: (e.at, e.row))
    alerts = [e for e in ordered if e.event == "alert"]

    def before(late: TimelineEvent, early: TimelineEvent) -> InvalidTimeline:
        return fail(msgs.IMPORT_ERR_BEFORE.format(
            file=timeline.name, where=timeline.where(late.row), column=late.column,
            event=_event_word(late.event), when=stamp(late.at),
            earlier_event=_event_word(early.event), earlier_when=stamp(early.at),
            earlier_where=timeline.where(early.row)))

    if alerts:
        alert = alerts[0]
        for item in sorted(timeline.events, key=lambda e: e.row):
            if item.at < alert.at:
                raise before(item, alert)
    # The record's chain as the import fills it: first action, mitigated, resolved.
    proposed = timeline.proposed()
    chain = [proposed[name] for name in ("first_action_at", "mitigated_at",
                                         "resolved_at") if name in proposed]
    for early, late in zip(chain, chain[1:], strict=False):
        if late.at < early.at:
            raise before(late, early)


def _event_word(event: str) -> str:
    return event.replace("_", " ")
