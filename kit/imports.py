"""Times from your incident tool: turn an exported timeline into an incident's times.

A panic-to-action time recalled days later is a guess; the incident tool already holds
the true alert and acknowledgement times. This module reads what the tool exported,
shows what would change in your journal (``plan_import``), and saves only when asked
(``ImportPlan.apply``, ``import_into``). A time you typed is never replaced unless you
ask for that field by name.

Formats read
------------
``csv`` — a plain timeline any tool or spreadsheet can produce. Columns ``time``,
``event`` and (optional) ``text``; other columns are ignored. Header names are matched
without regard to case or surrounding spaces. Times are ISO 8601 with a timezone offset
(``2026-03-10T14:47:00+00:00``, ``...Z``). Event names (case-insensitive):

=================  ==============================================  ====================
event              also accepted                                   becomes
=================  ==============================================  ====================
alert              trigger, triggered, page, paged                 ``alert_at``
acknowledge        ack, acknowledged                               ``first_action_at``*
first_action       first-action, first action                      ``first_action_at``
broadcast          broadcasted                                     ``broadcast_at``
escalate           escalated, escalation                           ``escalated_at``
mitigate           mitigated, mitigation                           ``mitigated_at``
resolve            resolved, resolution                            ``resolved_at``
note               annotate, annotation, comment                   a ``note`` event
=================  ==============================================  ====================

``pagerduty-log-entries`` — the JSON response of PagerDuty's REST API
``GET /incidents/{id}/log_entries`` (an object with a ``log_entries`` list; a bare list
of entries is read too). A response that says ``"more": true`` is one page of several
and is refused, since the trigger may be on another page: save all pages' entries in
one list (or ask for ``limit=1000``). Each entry's ``type`` and ``created_at`` are used:
``trigger_log_entry`` → alert, ``acknowledge_log_entry`` → acknowledge,
``escalate_log_entry`` → escalate, ``resolve_log_entry`` → resolve,
``annotate_log_entry`` → note, whose text is the entry's ``channel.summary`` (where
PagerDuty puts the note) or, failing that, ``channel.content`` or the entry's
``summary``. Entries of other types (notify, assign, snooze...) are counted and left
out. An escalation whose ``channel.type`` is ``timeout`` was made by the tool, not a
person, and a resolution whose ``channel.type`` is ``auto`` or ``timeout`` was
automatic; the preview says so, and you decide whether to keep them (``skip=``).

``pagerduty-incidents-csv`` — the incidents list PagerDuty exports as CSV. PagerDuty
documents this export thinly, so the kit reads the column names used by its CSV
downloads and by its Analytics API, which share them: ``created_on`` or ``created_at``
(→ alert), ``acknowledged_on``/``acknowledged_at`` when present, else ``created_on``
``seconds_to_first_ack`` (→ acknowledge), ``resolved_on`` or ``resolved_at``
(→ resolve); ``incident_number`` or ``id`` pick the row. Headers such as
``Created On`` are read as ``created_on``. Escalation counts carry no time and are not
used. If your export's columns differ, convert it to the plain CSV above.

\\* The acknowledgement. Pressing "acknowledge" tells the tool someone has seen the
page; it is often a reflex in the first seconds, not the first deliberate step the kit
asks about. It is offered as ``first_action_at`` only when the file has no
``first_action``, is labelled "acknowledged in the tool" in the preview, and is left
out with ``skip=["first_action_at"]``.

Which time is used when an event repeats: the earliest alert, acknowledgement, first
action, broadcast, escalation and mitigation, and the latest resolution (an incident
re-opened and resolved again ended at the last one).

Rules for your journal
----------------------
For each time in the file the plan shows the time in your journal now, the tool's time
and what will happen: ``add`` (you had none), ``same``, ``conflict kept`` (the journal
holds a different time, and it stays) or ``replace`` (only when you name the field in
``overwrite=``). This holds even when the journal's times were imported before: the
record keeps one ``source`` for all its times, so the kit cannot tell an imported time
from one corrected by hand afterwards, and it never guesses. Once anything is added or
replaced, ``times.source`` becomes ``"imported"``. Notes are added once: a note
already in the log at the same moment with the same text is not added again.

Bad files raise ``kit.InvalidTimeline`` naming the file, the row (counted as a
spreadsheet counts them: the header is row 1) or the log entry (the first is 1), the
column or field, and the fix; nothing is saved. Messages never quote a cell: a cell may
hold someone's private note.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from . import messages as msgs
from .errors import InvalidIncident, InvalidTimeline, KitError, ReadOnlyJournal
from .journal import Journal
from .record import TIME_FIELDS, Incident, validate_incident

__all__ = [
    "KINDS",
    "EVENTS",
    "EVENT_ALIASES",
    "TIME_FIELDS",
    "MAX_TIMELINE_BYTES",
    "MAX_TIMELINE_ROWS",
    "TimelineEvent",
    "Timeline",
    "PlannedTime",
    "PlannedNote",
    "ImportPlan",
    "read_timeline",
    "parse_timeline",
    "plan_import",
    "import_into",
    "import_form",
]

KINDS = ("csv", "pagerduty-log-entries", "pagerduty-incidents-csv")

# Canonical event names of the plain CSV format, in the order of an incident.
EVENTS = (
    "alert",
    "acknowledge",
    "first_action",
    "broadcast",
    "escalate",
    "mitigate",
    "resolve",
    "note",
)

EVENT_ALIASES = {
    "alert": "alert",
    "trigger": "alert",
    "triggered": "alert",
    "page": "alert",
    "paged": "alert",
    "acknowledge": "acknowledge",
    "acknowledged": "acknowledge",
    "ack": "acknowledge",
    "first_action": "first_action",
    "first-action": "first_action",
    "first action": "first_action",
    "broadcast": "broadcast",
    "broadcasted": "broadcast",
    "escalate": "escalate",
    "escalated": "escalate",
    "escalation": "escalate",
    "mitigate": "mitigate",
    "mitigated": "mitigate",
    "mitigation": "mitigate",
    "resolve": "resolve",
    "resolved": "resolve",
    "resolution": "resolve",
    "note": "note",
    "annotate": "note",
    "annotation": "note",
    "comment": "note",
}

# The incident's time each event can fill.
_FIELD_FOR_EVENT = {
    "alert": "alert_at",
    "acknowledge": "first_action_at",
    "first_action": "first_action_at",
    "broadcast": "broadcast_at",
    "escalate": "escalated_at",
    "mitigate": "mitigated_at",
    "resolve": "resolved_at",
}


MAX_TIMELINE_BYTES = 5_000_000
MAX_TIMELINE_ROWS = 20_000
_MAX_TEXT = 5_000  # as record.Event.text

_PD_TYPES = {
    "trigger_log_entry": "alert",
    "acknowledge_log_entry": "acknowledge",
    "escalate_log_entry": "escalate",
    "resolve_log_entry": "resolve",
    "annotate_log_entry": "note",
}

ADD, SAME, KEPT, REPLACE, SKIP = "add", "same", "conflict kept", "replace", "skip"


# --- the timeline ------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    """One dated line of a timeline: what happened, when, and where it is in the file.

    ``row`` counts from 1 the way a person does (a CSV's header is row 1; a JSON file's
    first log entry is 1). ``text`` is private and left out of ``repr``.
    """

    at: datetime
    event: str
    row: int
    column: str = "time"
    text: str = field(default="", repr=False)
    label: str = ""


@dataclass(frozen=True)
class Timeline:
    """The dated events read from one exported file."""

    name: str
    kind: str
    events: tuple[TimelineEvent, ...]
    ignored: int = 0

    def where(self, row: int) -> str:
        """How a person finds ``row`` in this file ("row 3", "log entry 3")."""
        return _where(self.kind, row)

    def proposed(self, *, skip: Collection[str] = ()) -> dict[str, TimelineEvent]:
        """The event giving each time field, by the rules in the module docstring."""
        chosen: dict[str, TimelineEvent] = {}
        for item in sorted(self.events, key=lambda e: (e.at, e.row)):
            if item.event == "note":
                continue
            name = _FIELD_FOR_EVENT[item.event]
            current = chosen.get(name)
            if item.event == "resolve":
                chosen[name] = item  # the latest resolution wins
            elif current is None or (
                current.event == "acknowledge" and item.event == "first_action"
            ):
                chosen[name] = item
        return {name: chosen[name] for name in TIME_FIELDS if name in chosen
                and name not in skip}

    @property
    def notes(self) -> list[TimelineEvent]:
        """The note events, in time order."""
        return sorted(
            (e for e in self.events if e.event == "note"), key=lambda e: (e.at, e.row)
        )


def _where(kind: str, row: int) -> str:
    return f"log entry {row}" if kind == "pagerduty-log-entries" else f"row {row}"


def _fail(text: str) -> InvalidTimeline:
    return InvalidTimeline(f"{text}. {msgs.IMPORT_ERROR_NOTHING_SAVED}")


def _hm(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


# --- reading files -----------------------------------------------------------------


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
        The format; by default told from the contents (JSON is PagerDuty's log
        entries; a CSV with ``time`` and ``event`` columns is the plain format; one
        with ``created_on``/``created_at`` is PagerDuty's incidents export).
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
    >>> from pathlib import Path
    >>> timeline = read_timeline(Path("tests/data/imports/timeline.csv"))
    >>> timeline.kind, sorted(timeline.proposed())[:2]
    ('csv', ['alert_at', 'broadcast_at'])
    """
    target = Path(path).expanduser()
    name = target.name
    try:
        size = target.stat().st_size
        if size > MAX_TIMELINE_BYTES:
            raise _fail(msgs.IMPORT_ERR_TOO_LARGE.format(
                file=name, size=size, limit=MAX_TIMELINE_BYTES))
        with open(target, "rb") as handle:
            raw = handle.read(MAX_TIMELINE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        msg = msgs.IMPORT_ERR_UNREADABLE.format(file=name, reason=reason)
        raise _fail(msg) from None
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
    if kind is not None and kind not in KINDS:
        msg = msgs.IMPORT_ERR_KIND.format(kinds=", ".join(KINDS))
        raise InvalidTimeline(msg)
    zone = _zone(assume_timezone)
    if len(raw) > MAX_TIMELINE_BYTES:
        raise _fail(msgs.IMPORT_ERR_TOO_LARGE.format(
            file=name, size=len(raw), limit=MAX_TIMELINE_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise _fail(msgs.IMPORT_ERR_NOT_UTF8.format(
            file=name, row=row, position=error.start)) from None
    if not text.strip():
        raise _fail(msgs.IMPORT_ERR_EMPTY.format(file=name))
    if kind is None:
        kind = "pagerduty-log-entries" if text.lstrip()[:1] in "{[" else None
    if kind == "pagerduty-log-entries":
        timeline = _parse_log_entries(text, name, zone)
    else:
        timeline = _parse_csv(text, name, kind, tool_incident, zone)
    _check(timeline)
    return timeline


def _zone(assume_timezone: str | tzinfo | None) -> tzinfo | None:
    if assume_timezone is None or isinstance(assume_timezone, tzinfo):
        return assume_timezone
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(str(assume_timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidTimeline(msgs.IMPORT_ERR_UNKNOWN_TIMEZONE) from None


_BASIC_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


class _BadTime(Exception):
    """A time cell that could not be used; ``args[0]`` names the template."""


_MISSING, _UNREADABLE, _NAIVE = "missing", "unreadable", "naive"


def _time(value: Any, zone: tzinfo | None) -> datetime:
    """An aware datetime from a cell, or ``_BadTime`` saying what was wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _BadTime(_MISSING)
    if not isinstance(value, str):
        raise _BadTime(_UNREADABLE)
    text = value.strip()
    if text.upper().endswith(" UTC"):
        text = text[:-4].rstrip() + "+00:00"
    if text[-1:] in "Zz":
        text = text[:-1] + "+00:00"
    text = _BASIC_OFFSET.sub(r"\1:\2", text) if re.search(r"[T ]\d", text) else text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _BadTime(_UNREADABLE) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        if zone is None:
            raise _BadTime(_NAIVE)
        moment = moment.replace(tzinfo=zone)
    return moment


def _bad_time(kind: str, name: str, where: str, column: str) -> InvalidTimeline:
    template = {
        _MISSING: msgs.IMPORT_ERR_TIME_MISSING,
        _UNREADABLE: msgs.IMPORT_ERR_TIME_UNREADABLE,
        _NAIVE: msgs.IMPORT_ERR_TIME_NAIVE,
    }[kind]
    return _fail(template.format(file=name, where=where, column=column))


def _header(cell: str) -> str:
    return re.sub(r"\s+", "_", cell.strip().lower())


def _rows(text: str, name: str) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            if len(rows) > MAX_TIMELINE_ROWS + 1:
                raise _fail(msgs.IMPORT_ERR_TOO_MANY_ROWS.format(
                    file=name, limit=MAX_TIMELINE_ROWS))
    except csv.Error:
        raise _fail(msgs.IMPORT_ERR_CSV.format(file=name, row=len(rows) + 1)) from None
    return rows


def _parse_csv(text: str, name: str, kind: str | None, tool_incident: Any,
               zone: tzinfo | None) -> Timeline:
    rows = _rows(text, name)
    header = [_header(cell) for cell in rows[0]]
    columns = {column: index for index, column in reversed(list(enumerate(header)))}
    plain = {"time", "event"} <= set(columns)
    created = next((c for c in ("created_on", "created_at") if c in columns), None)
    if kind is None:
        kind = "csv" if plain or not created else "pagerduty-incidents-csv"
    if kind == "csv":
        if not plain:
            missing = ", ".join(c for c in ("time", "event") if c not in columns)
            raise _fail(msgs.IMPORT_ERR_COLUMNS.format(file=name, missing=missing))
        return _plain_csv(rows, columns, name, zone)
    if created is None:
        raise _fail(msgs.IMPORT_ERR_COLUMNS.format(
            file=name, missing="created_on (or created_at)"))
    return _pagerduty_csv(rows, columns, created, name, tool_incident, zone)


def _cell(row: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    if index is None or index >= len(row):
        return ""
    return row[index]


def _plain_csv(rows: list[list[str]], columns: dict[str, int], name: str,
               zone: tzinfo | None) -> Timeline:
    events = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines at the end of a spreadsheet export
        where = f"row {number}"
        raw_event = _cell(row, columns, "event").strip().lower()
        event = EVENT_ALIASES.get(raw_event) or EVENT_ALIASES.get(
            raw_event.replace("_", " "))
        if event is None:
            raise _fail(msgs.IMPORT_ERR_EVENT_UNKNOWN.format(
                file=name, where=where, names=", ".join(EVENTS)))
        try:
            at = _time(_cell(row, columns, "time"), zone)
        except _BadTime as bad:
            raise _bad_time(bad.args[0], name, where, "time") from None
        note = _cell(row, columns, "text").strip()
        if len(note) > _MAX_TEXT:
            raise _fail(msgs.IMPORT_ERR_TEXT_TOO_LONG.format(
                file=name, where=where, column="text", limit=_MAX_TEXT))
        label = msgs.IMPORT_ACK_LABEL if event == "acknowledge" else ""
        events.append(TimelineEvent(at, event, number, "time",
                                    note if event == "note" else "", label))
    return Timeline(name, "csv", tuple(events))


def _pagerduty_csv(rows: list[list[str]], columns: dict[str, int], created: str,
                   name: str, tool_incident: Any, zone: tzinfo | None) -> Timeline:
    data = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if any(cell.strip() for cell in row)]
    if not data:
        raise _fail(msgs.IMPORT_ERR_NO_TIMES.format(file=name))
    keys = [c for c in ("incident_number", "id") if c in columns]

    def numbers() -> str:
        shown = [_cell(row, columns, keys[0]).strip()[:20] if keys else str(n)
                 for n, row in data[:10]]
        return ", ".join(shown) + (", ..." if len(data) > 10 else "")

    if tool_incident is not None:
        wanted = str(tool_incident).strip().lstrip("#")
        data = [(n, row) for n, row in data
                if any(_cell(row, columns, key).strip() == wanted for key in keys)]
        if not data:
            raise _fail(msgs.IMPORT_ERR_NO_SUCH_INCIDENT.format(
                file=name, numbers=numbers()))
    if len(data) > 1:
        raise _fail(msgs.IMPORT_ERR_CHOOSE_INCIDENT.format(
            file=name, n=len(data), numbers=numbers()))
    number, row = data[0]
    where = f"row {number}"

    def at(column: str) -> datetime | None:
        value = _cell(row, columns, column)
        if not value.strip():
            return None
        try:
            return _time(value, zone)
        except _BadTime as bad:
            raise _bad_time(bad.args[0], name, where, column) from None

    alert = at(created)
    if alert is None:
        raise _bad_time(_MISSING, name, where, created)
    events = [TimelineEvent(alert, "alert", number, created)]
    ack_column = next((c for c in ("acknowledged_on", "acknowledged_at",
                                   "first_acknowledged_on") if c in columns), None)
    ack = at(ack_column) if ack_column else None
    if ack is None and "seconds_to_first_ack" in columns:
        seconds = _cell(row, columns, "seconds_to_first_ack").strip()
        if seconds:
            try:
                value = float(seconds)
            except ValueError:
                value = -1.0
            if not value >= 0 or value != value or value > 10 * 365 * 86400:
                raise _fail(msgs.IMPORT_ERR_SECONDS.format(
                    file=name, where=where, column="seconds_to_first_ack"))
            ack, ack_column = alert + timedelta(seconds=value), "seconds_to_first_ack"
    if ack is not None:
        events.append(TimelineEvent(ack, "acknowledge", number, ack_column or "",
                                    label=msgs.IMPORT_ACK_LABEL))
    resolve_column = next((c for c in ("resolved_on", "resolved_at") if c in columns),
                          None)
    resolved = at(resolve_column) if resolve_column else None
    if resolved is not None:
        events.append(TimelineEvent(resolved, "resolve", number, resolve_column or ""))
    return Timeline(name, "pagerduty-incidents-csv", tuple(events))


def _parse_log_entries(text: str, name: str, zone: tzinfo | None) -> Timeline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail(msgs.IMPORT_ERR_JSON.format(
            file=name, row=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise _fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name)) from None
    entries = data.get("log_entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise _fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name))
    if isinstance(data, dict) and data.get("more") is True:
        # One page of several: the earliest times (the trigger) may be on another.
        raise _fail(msgs.IMPORT_ERR_MORE_PAGES.format(file=name))
    if len(entries) > MAX_TIMELINE_ROWS:
        raise _fail(msgs.IMPORT_ERR_TOO_MANY_ROWS.format(
            file=name, limit=MAX_TIMELINE_ROWS))
    events, ignored = [], 0
    for number, entry in enumerate(entries, start=1):
        where = f"log entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise _fail(msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                file=name, where=where, column="type"))
        event = _PD_TYPES.get(entry["type"])
        if event is None:
            ignored += 1
            continue
        if "created_at" not in entry:
            raise _fail(msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                file=name, where=where, column="created_at"))
        try:
            at = _time(entry["created_at"], zone)
        except _BadTime as bad:
            raise _bad_time(bad.args[0], name, where, "created_at") from None
        channel = entry.get("channel") if isinstance(entry.get("channel"), dict) else {}
        channel_type = channel.get("type")
        note, label = "", ""
        if event == "note":
            for candidate in (channel.get("summary"), channel.get("content"),
                              entry.get("summary")):
                if isinstance(candidate, str) and candidate.strip():
                    note = candidate.strip()
                    break
            if len(note) > _MAX_TEXT:
                raise _fail(msgs.IMPORT_ERR_TEXT_TOO_LONG.format(
                    file=name, where=where, column="channel.summary", limit=_MAX_TEXT))
        elif event == "acknowledge":
            label = msgs.IMPORT_ACK_LABEL
        elif event == "escalate" and channel_type == "timeout":
            label = msgs.IMPORT_ESCALATE_TIMEOUT_LABEL
        elif event == "resolve" and channel_type in {"auto", "timeout"}:
            label = msgs.IMPORT_RESOLVE_AUTO_LABEL
        events.append(TimelineEvent(at, event, number, "created_at", note, label))
    return Timeline(name, "pagerduty-log-entries", tuple(events), ignored)


def _check(timeline: Timeline) -> None:
    """Refuse a timeline whose own times are out of order, naming both places."""
    if not timeline.events:
        raise _fail(msgs.IMPORT_ERR_NO_TIMES.format(file=timeline.name))
    ordered = sorted(timeline.events, key=lambda e: (e.at, e.row))
    alerts = [e for e in ordered if e.event == "alert"]

    def before(late: TimelineEvent, early: TimelineEvent) -> InvalidTimeline:
        return _fail(msgs.IMPORT_ERR_BEFORE.format(
            file=timeline.name, where=timeline.where(late.row), column=late.column,
            event=_event_word(late.event), when=_hm(late.at),
            earlier_event=_event_word(early.event), earlier_when=_hm(early.at),
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


# --- planning an import ------------------------------------------------------------


@dataclass(frozen=True)
class PlannedTime:
    """One time of the incident: what the journal holds, what the tool says, and what
    will happen (``add``, ``same``, ``conflict kept``, ``replace`` or ``skip``)."""

    field: str
    current: datetime | None
    imported: datetime
    action: str
    label: str
    row: int


@dataclass(frozen=True)
class PlannedNote:
    """A note from the tool; ``add`` when new, ``same`` when the log has it already."""

    at: datetime
    text: str = field(repr=False)
    action: str = ADD
    row: int = 0


@dataclass(frozen=True)
class ImportPlan:
    """What importing a timeline into one incident would change. Nothing is saved
    until ``apply()`` (which returns the new Incident) is saved by the journal.

    Show it in a notebook by leaving it as a cell's last line (an escaped HTML table),
    or with ``to_markdown()``.
    """

    incident: Incident = field(repr=False)  # its repr would show private text
    timeline: Timeline
    times: tuple[PlannedTime, ...]
    notes: tuple[PlannedNote, ...]
    problem: str | None = None
    _result: Incident | None = field(default=None, repr=False)

    @property
    def changes(self) -> bool:
        """True when applying would change the incident."""
        return any(t.action in (ADD, REPLACE) for t in self.times) or any(
            n.action == ADD for n in self.notes)

    @property
    def conflicts(self) -> list[str]:
        """Fields whose typed time differs from the tool's and is being kept."""
        return [t.field for t in self.times if t.action == KEPT]

    def counts(self) -> dict[str, int]:
        """How many times are added, replaced and kept, and notes added."""
        return {
            "added": sum(t.action == ADD for t in self.times),
            "replaced": sum(t.action == REPLACE for t in self.times),
            "kept": sum(t.action == KEPT for t in self.times),
            "notes": sum(n.action == ADD for n in self.notes),
        }

    @property
    def far_apart(self) -> str | None:
        """A caution when the tool's alert is more than a day from the journal's."""
        alert = next((t for t in self.times if t.field == "alert_at"), None)
        if alert is None or alert.current is None:
            return None
        gap = abs(alert.imported - alert.current)
        if gap <= timedelta(days=1):
            return None
        return msgs.IMPORT_FAR_APART.format(days=max(1, round(gap / timedelta(days=1))))

    def summary(self) -> str:
        """One or two sentences saying what would change."""
        if self.problem:
            text = msgs.IMPORT_PROBLEM.format(reason=self.problem)
        elif not self.changes:
            text = msgs.IMPORT_NO_CHANGES
        else:
            text = msgs.IMPORT_SUMMARY.format(**self.counts())
        caution = self.far_apart
        return f"{caution} {text}" if caution else text

    def apply(self) -> Incident:
        """The incident with the planned times and notes, validated.

        Raises
        ------
        InvalidTimeline
            When the plan cannot be applied (``problem`` says why); nothing is saved.
        """
        if self.problem:
            raise InvalidTimeline(self.problem)
        return self._result if self._result is not None else self.incident

    # -- showing it ---------------------------------------------------------------
    def _rows(self) -> list[tuple[str, str, str, str]]:
        rows = []
        for item in self.times:
            what = msgs.IMPORT_FIELD_LABELS[item.field]
            if item.label:
                what += f" ({item.label})"
            current = _hm(item.current) if item.current else "—"
            rows.append((what, current, _hm(item.imported),
                         msgs.IMPORT_ACTION_LABELS[item.action]))
        return rows

    def to_html(self) -> str:
        """The plan as an HTML table; every value is escaped."""
        e = html.escape
        head = "".join(f"<th>{e(h)}</th>" for h in msgs.IMPORT_TABLE_HEADERS)
        rows = []
        for item, (_what, current, imported, action) in zip(
                self.times, self._rows(), strict=True):
            label = msgs.IMPORT_FIELD_LABELS[item.field]
            small = f"<br><small>{e(item.label)}</small>" if item.label else ""
            rows.append(
                f"<tr><td>{e(label)}{small}</td>"
                f'<td style="white-space: nowrap">{e(current)}</td>'
                f'<td style="white-space: nowrap">{e(imported)}</td>'
                f"<td>{e(action)}</td></tr>")
        body = "".join(rows)
        parts = [f"<p>{e(self.summary())} {e(msgs.IMPORT_NOTHING_SAVED_YET)}</p>"]
        if self.times:
            parts.append(f"<table><thead><tr>{head}</tr></thead>"
                         f"<tbody>{body}</tbody></table>")
        if self.notes:
            items = "".join(
                f"<li>{e(_hm(n.at))}: {e(_short(n.text))} "
                f"<em>({e(msgs.IMPORT_ACTION_LABELS[n.action])})</em></li>"
                for n in self.notes)
            parts.append(f"<p><strong>{e(msgs.IMPORT_NOTES_HEADING)}</strong>. "
                         f"{e(msgs.IMPORT_NOTES_PRIVATE)}</p><ul>{items}</ul>")
        if self.timeline.ignored:
            parts.append(f"<p>{e(msgs.IMPORT_IGNORED.format(n=self.timeline.ignored))}"
                         "</p>")
        return "\n".join(parts)

    def to_markdown(self) -> str:
        """The plan as a Markdown table; user text is escaped for Markdown and HTML."""
        lines = [f"{_md(self.summary())} {_md(msgs.IMPORT_NOTHING_SAVED_YET)}", ""]
        if self.times:
            lines.append("| " + " | ".join(msgs.IMPORT_TABLE_HEADERS) + " |")
            lines.append("|" + "---|" * len(msgs.IMPORT_TABLE_HEADERS))
            lines += ["| " + " | ".join(_md(c) for c in row) + " |"
                      for row in self._rows()]
            lines.append("")
        if self.notes:
            lines.append(f"**{_md(msgs.IMPORT_NOTES_HEADING)}**. "
                         f"{_md(msgs.IMPORT_NOTES_PRIVATE)}")
            lines.append("")
            lines += [f"- {_md(_hm(n.at))}: {_md(_short(n.text))} "
                      f"({_md(msgs.IMPORT_ACTION_LABELS[n.action])})"
                      for n in self.notes]
        if self.timeline.ignored:
            lines += ["", _md(msgs.IMPORT_IGNORED.format(n=self.timeline.ignored))]
        return "\n".join(lines).rstrip() + "\n"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.summary()


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")


def _md(text: str) -> str:
    """Text safe inside Markdown: Markdown punctuation backslashed, then ``&``, ``<``
    and ``>`` turned into entities (in that order, so entities stay intact)."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return html.escape(flat, quote=False)


def _overwrite_fields(overwrite: bool | Iterable[str]) -> set[str]:
    if overwrite is True:
        return set(TIME_FIELDS)
    if overwrite is False or overwrite is None:
        return set()
    if isinstance(overwrite, str):
        overwrite = [overwrite]
    fields = set(overwrite)
    unknown = fields - set(TIME_FIELDS)
    if unknown:
        msg = (f"overwrite names {', '.join(sorted(unknown))}, which is not a time: "
               f"use {', '.join(TIME_FIELDS)}")
        raise InvalidTimeline(msg)
    return fields


def plan_import(
    incident: Incident,
    timeline: Timeline,
    *,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
) -> ImportPlan:
    """Show what importing ``timeline`` into ``incident`` would change; save nothing.

    Parameters
    ----------
    incident : Incident
        The incident in your journal.
    timeline : Timeline
        From ``read_timeline``.
    overwrite : bool or list of str
        The time fields (``"first_action_at"``...) whose typed value may be replaced by
        the tool's. ``True`` means every one. Default: none; a typed time that differs
        is kept and shown as a conflict.
    skip : list of str
        Time fields to leave out of the import (for example ``"first_action_at"`` when
        the acknowledgement was not your first deliberate step).

    Returns
    -------
    ImportPlan
        Each time with its current value, the imported one and the action; the notes;
        and ``problem`` when the result would break the order of times.

    Examples
    --------
    >>> import kit
    >>> incident = kit.Journal.sample().load().incidents[0]
    >>> timeline = read_timeline("tests/data/imports/timeline.csv")
    >>> plan = plan_import(incident, timeline)
    >>> [(t.field, t.action) for t in plan.times][:2]  # typed times are kept
    [('alert_at', 'conflict kept'), ('first_action_at', 'conflict kept')]
    """
    replace = _overwrite_fields(overwrite)
    skipped = set(skip)
    unknown = skipped - set(TIME_FIELDS)
    if unknown:
        msg = (f"skip names {', '.join(sorted(unknown))}, which is not a time: "
               f"use {', '.join(TIME_FIELDS)}")
        raise InvalidTimeline(msg)
    planned: list[PlannedTime] = []
    for name, item in timeline.proposed().items():
        current = getattr(incident.times, name)
        if name in skipped:
            action = SKIP
        elif current is None:
            action = ADD
        elif current == item.at:
            action = SAME
        elif name in replace:
            action = REPLACE
        else:
            action = KEPT
        planned.append(
            PlannedTime(name, current, item.at, action, item.label, item.row))
    existing = {(e.at, e.text) for e in incident.events if e.kind == "note"}
    notes = tuple(
        PlannedNote(n.at, n.text, SAME if (n.at, n.text) in existing else ADD, n.row)
        for n in timeline.notes)
    plan = ImportPlan(incident, timeline, tuple(planned), notes)
    if not plan.changes:
        return plan
    data = incident.to_data()
    times = data["times"]
    for item in planned:
        if item.action in (ADD, REPLACE):
            times[item.field] = item.imported.isoformat()
    times["source"] = "imported"
    events = list(data.get("events", []))
    events += [{"at": n.at.isoformat(), "kind": "note", "text": n.text}
               for n in notes if n.action == ADD]
    events.sort(key=lambda e: datetime.fromisoformat(e["at"]))
    data["events"] = events
    try:
        result = validate_incident(data, f"{incident.id}.yaml")
    except InvalidIncident as error:
        reason = "; ".join(text for _, text in error.problems) or str(error)
        problem = msgs.IMPORT_ERR_WOULD_BREAK_ORDER.format(
            file=timeline.name, incident_id=incident.id, reason=reason)
        return ImportPlan(incident, timeline, tuple(planned), notes, problem)
    return ImportPlan(incident, timeline, tuple(planned), notes, None, result)


def import_into(
    journal: Journal,
    incident_id: str,
    path: str | os.PathLike[str],
    *,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
    kind: str | None = None,
    tool_incident: str | int | None = None,
    assume_timezone: str | tzinfo | None = None,
) -> ImportPlan:
    """Read a timeline file and save its times into one incident of the journal.

    The plan is made again against the incident as it is on disk, under the journal's
    lock, so a change saved meanwhile is not lost. Look at ``plan_import`` (or the
    form) first: this saves.

    Returns
    -------
    ImportPlan
        The plan that was applied; ``plan.apply()`` is the saved incident.

    Raises
    ------
    InvalidTimeline
        For a bad file, or when the import would put the times out of order; nothing
        is saved.
    UnknownIncident, ReadOnlyJournal, SaveFailed
    """
    if journal.read_only:
        raise ReadOnlyJournal(msgs.IMPORT_READ_ONLY.format(path=journal.path))
    timeline = read_timeline(path, kind=kind, tool_incident=tool_incident,
                             assume_timezone=assume_timezone)
    skip = tuple(skip)
    first = plan_import(journal.get(incident_id), timeline, overwrite=overwrite,
                        skip=skip)
    if first.problem:
        raise InvalidTimeline(first.problem)
    if not first.changes:
        return first
    used: list[ImportPlan] = []

    def edit(current: Incident) -> Incident:
        plan = plan_import(current, timeline, overwrite=overwrite, skip=skip)
        used.append(plan)
        return plan.apply()

    journal.change(incident_id, edit)
    return used[-1]


# --- a form for notebook 02 --------------------------------------------------------


def import_form(journal: Journal, incident_id: str | None = None):
    """A small form: choose an incident and a file, preview the plan, then save.

    The preview is an escaped HTML table. Conflicting typed times get a "replace"
    checkbox each, and an acknowledgement offered as the first deliberate step can be
    left out. Nothing is saved until Save.

    Returns
    -------
    ipywidgets.VBox
        With ``.incident``, ``.path``, ``.tool_incident``, ``.timezone``,
        ``.use_ack``, ``.replace`` (dict field -> Checkbox), ``.preview_button``,
        ``.save_button``, ``.table`` and ``.status`` attributes, for tests.
    """
    import ipywidgets as w

    labels = msgs.IMPORT_FORM_LABELS
    loaded = journal.load().incidents
    options = [(f"{inc.id}: {_short(inc.title, 60)}", inc.id)
               for inc in reversed(loaded)]
    incident = w.Dropdown(options=options, description=labels["incident"],
                          value=incident_id if incident_id in dict(options).values()
                          else (options[0][1] if options else None),
                          style={"description_width": "initial"},
                          layout=w.Layout(width="90%"))
    path = w.Text(description=labels["path"], placeholder="timeline.csv",
                  style={"description_width": "initial"}, layout=w.Layout(width="90%"))
    tool_incident = w.Text(description=labels["tool_incident"],
                           style={"description_width": "initial"},
                           layout=w.Layout(width="60%"))
    zone = w.Text(description=labels["timezone"],
                  style={"description_width": "initial"}, layout=w.Layout(width="60%"))
    use_ack = w.Checkbox(value=True, description=msgs.IMPORT_FORM_SKIP_ACK,
                         indent=False, layout=w.Layout(display="none", width="95%"))
    preview_button = w.Button(description=labels["preview"], button_style="info")
    save_button = w.Button(description=labels["save"], button_style="success",
                           disabled=True)
    table = w.HTML()
    replace_box = w.VBox()
    status = w.HTML(html.escape(msgs.IMPORT_FORM_STATUS[
        "choose" if options else "no_incidents"]))
    state: dict[str, Any] = {"timeline": None, "replace": {}}

    def say(text: str) -> None:
        status.value = html.escape(text)

    def make_plan() -> ImportPlan:
        timeline = state["timeline"]
        chosen = [name for name, box in state["replace"].items() if box.value]
        skip = [] if use_ack.value else ["first_action_at"]
        return plan_import(journal.get(incident.value), timeline,
                           overwrite=chosen, skip=skip)

    def show(plan: ImportPlan) -> None:
        table.value = plan.to_html()
        save_button.disabled = bool(plan.problem) or not plan.changes

    def refresh(_change=None) -> None:
        if state["timeline"] is None:
            return
        try:
            show(make_plan())
        except KitError as error:
            say(str(error))

    def on_preview(_button) -> None:
        save_button.disabled = True
        table.value = ""
        if not incident.value or not path.value.strip():
            say(msgs.IMPORT_FORM_STATUS["choose"])
            return
        try:
            timeline = read_timeline(
                path.value.strip(), tool_incident=tool_incident.value.strip() or None,
                assume_timezone=zone.value.strip() or None)
            current = journal.get(incident.value)
        except KitError as error:
            state["timeline"] = None
            say(str(error))
            return
        state["timeline"] = timeline
        first = plan_import(current, timeline)
        boxes = {}
        for item in first.times:
            if item.action == KEPT:
                box = w.Checkbox(value=False, indent=False,
                                 layout=w.Layout(width="95%"), description=(
                    msgs.IMPORT_FORM_REPLACE.format(
                        label=msgs.IMPORT_FIELD_LABELS[item.field])))
                box.observe(refresh, names="value")
                boxes[item.field] = box
        state["replace"] = boxes
        form.replace = boxes
        replace_box.children = tuple(boxes.values())
        has_ack = any(t.field == "first_action_at" and t.label == msgs.IMPORT_ACK_LABEL
                      for t in first.times)
        use_ack.layout.display = "" if has_ack else "none"
        show(make_plan())
        say(msgs.IMPORT_FORM_STATUS["previewed"])

    def on_save(_button) -> None:
        if state["timeline"] is None:
            say(msgs.IMPORT_FORM_STATUS["choose"])
            return
        chosen = [name for name, box in state["replace"].items() if box.value]
        skip = [] if use_ack.value else ["first_action_at"]
        timeline = state["timeline"]
        try:
            current = journal.get(incident.value)
            plan = plan_import(current, timeline, overwrite=chosen, skip=skip)
            if plan.problem:
                say(plan.problem)
                return
            if not plan.changes:
                say(msgs.IMPORT_FORM_STATUS["unchanged"])
                return
            journal.change(incident.value, lambda now: plan_import(
                now, timeline, overwrite=chosen, skip=skip).apply())
        except KitError as error:
            say(str(error))
            return
        save_button.disabled = True
        table.value = ""
        replace_box.children = ()
        state["timeline"] = None
        say(msgs.IMPORT_FORM_STATUS["saved"] + " " + plan.summary())

    def reset(_change=None) -> None:
        # Any change of incident or file needs a new preview before a save.
        state["timeline"] = None
        save_button.disabled = True
        table.value = ""
        replace_box.children = ()
        use_ack.layout.display = "none"
        say(msgs.IMPORT_FORM_STATUS["choose"])

    for widget in (incident, path, tool_incident, zone):
        widget.observe(reset, names="value")
    use_ack.observe(refresh, names="value")
    preview_button.on_click(on_preview)
    save_button.on_click(on_save)
    form = w.VBox([
        w.HTML(html.escape(msgs.IMPORT_FORM_HELP)), incident, path, tool_incident,
        zone, preview_button, table, use_ack, replace_box, save_button, status,
    ])
    form.incident, form.path, form.tool_incident, form.timezone = (
        incident, path, tool_incident, zone)
    form.use_ack, form.preview_button, form.save_button = use_ack, preview_button, \
        save_button
    form.table, form.status = table, status
    form.replace = state["replace"]
    return form

