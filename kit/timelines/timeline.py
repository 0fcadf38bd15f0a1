"""The common shape every reader produces: a :class:`Timeline` of dated
:class:`TimelineEvent` lines, and the pieces readers share (times, CSV rows, errors).

A reader turns the text of one exported file into a ``Timeline``. It receives a
:class:`Source` (the text, the file name for messages, the timezone for times written
without an offset, and the tool's incident number when a file holds several) and
returns a ``Timeline`` whose events use the names in :data:`EVENTS`. Everything after
that (which event fills which time, the plan, the save) is shared.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from .. import messages as msgs
from ..errors import InvalidTimeline
from ..record import TIME_FIELDS

__all__ = [
    "EVENTS",
    "EVENT_ALIASES",
    "FIELD_FOR_EVENT",
    "ORIGINS",
    "MAX_TIMELINE_BYTES",
    "MAX_TIMELINE_ROWS",
    "MAX_TEXT",
    "Source",
    "Labelled",
    "TimelineEvent",
    "Timeline",
    "MISSING",
    "UNREADABLE",
    "NAIVE",
    "BadTime",
    "parse_time",
    "read_time",
    "bad_time",
    "fail",
    "place",
    "stamp",
    "zone_named",
    "note_text",
    "csv_rows",
    "header_name",
    "CsvRow",
    "csv_table",
]

# Canonical event names, in the order of an incident.
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
FIELD_FOR_EVENT = {
    "alert": "alert_at",
    "acknowledge": "first_action_at",
    "first_action": "first_action_at",
    "broadcast": "broadcast_at",
    "escalate": "escalated_at",
    "mitigate": "mitigated_at",
    "resolve": "resolved_at",
}

# Who or what made an event, when it matters to the person deciding what to keep:
# the words shown for each are in kit.messages.IMPORT_ORIGIN_LABELS.
ORIGINS = ("acknowledged", "tool-timeout", "tool-automatic")

MAX_TIMELINE_BYTES = 5_000_000
MAX_TIMELINE_ROWS = 20_000
MAX_TEXT = 5_000  # as record.Event.text


@dataclass(frozen=True)
class Source:
    """What a reader reads: the decoded text of one file and how to read its times.

    ``name`` is the file name used in messages; ``zone`` is the timezone assumed for
    times written without an offset (None: such times are refused); ``tool_incident``
    picks one incident in a file that holds several.
    """

    text: str = field(repr=False)
    name: str
    zone: tzinfo | None = None
    tool_incident: str | None = None


class Labelled:
    """What a preview shows beside a line that carries an ``origin`` (one of
    :data:`ORIGINS`, or empty)."""

    origin: str

    @property
    def label(self) -> str:
        """The words shown beside this line in a preview (empty for most)."""
        return msgs.IMPORT_ORIGIN_LABELS.get(self.origin, "")


@dataclass(frozen=True)
class TimelineEvent(Labelled):
    """One dated line of a timeline: what happened, when, and where it is in the file.

    ``row`` counts from 1 the way a person does (a CSV's header is row 1; a JSON file's
    first log entry is 1). ``text`` is private and left out of ``repr``. ``origin`` is
    one of :data:`ORIGINS` when the tool (not a person's decision) made the event, or
    the event was an acknowledgement; empty otherwise.
    """

    at: datetime
    event: str
    row: int
    column: str = "time"
    text: str = field(default="", repr=False)
    origin: str = ""


@dataclass(frozen=True)
class Timeline:
    """The dated events read from one exported file.

    ``kind`` names the reader; ``unit`` is how a person finds a line in the file
    (``"row"`` for a CSV, ``"log entry"`` for PagerDuty's JSON); ``ignored`` counts
    entries of kinds the kit does not use.
    """

    name: str
    kind: str
    events: tuple[TimelineEvent, ...]
    ignored: int = 0
    unit: str = "row"

    def where(self, row: int) -> str:
        """How a person finds ``row`` in this file ("row 3", "log entry 3")."""
        return place(self.unit, row)

    def proposed(self, *, skip: Collection[str] = ()) -> dict[str, TimelineEvent]:
        """The event giving each time field.

        The earliest alert, acknowledgement, first action, broadcast, escalation and
        mitigation, and the latest resolution; a ``first_action`` wins over an
        acknowledgement.
        """
        chosen: dict[str, TimelineEvent] = {}
        for item in sorted(self.events, key=lambda e: (e.at, e.row)):
            if item.event == "note":
                continue
            name = FIELD_FOR_EVENT[item.event]
            current = chosen.get(name)
            if item.event == "resolve":
                chosen[name] = item  # the latest resolution wins
            elif current is None or (
                current.event == "acknowledge" and item.event == "first_action"
            ):
                chosen[name] = item
        return {
            name: chosen[name]
            for name in TIME_FIELDS
            if name in chosen and name not in skip
        }

    @property
    def notes(self) -> list[TimelineEvent]:
        """The note events, in time order."""
        return sorted(
            (e for e in self.events if e.event == "note"), key=lambda e: (e.at, e.row)
        )


def place(unit: str, number: int) -> str:
    """``"row 3"``: line ``number`` of a file counted in ``unit`` (``"row"``...)."""
    return msgs.IMPORT_WHERE[unit].format(n=number)


def fail(text: str) -> InvalidTimeline:
    """The error for a bad file: ``text`` (file, place, column, fix) + nothing saved."""
    return InvalidTimeline(f"{text}. {msgs.IMPORT_ERROR_NOTHING_SAVED}")


def stamp(moment: datetime) -> str:
    """``2026-03-10 14:47:00 +0000``: a time with its offset (previews, errors)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def note_text(text: str, name: str, where: str, column: str) -> str:
    """A note's text, or the error for one longer than the journal keeps."""
    if len(text) > MAX_TEXT:
        raise fail(msgs.IMPORT_ERR_TEXT_TOO_LONG.format(
            file=name, where=where, column=column, limit=MAX_TEXT))
    return text


# --- times ---------------------------------------------------------------------------

_BASIC_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


MISSING, UNREADABLE, NAIVE = "missing", "unreadable", "naive"


class BadTime(Exception):
    """Raised by :func:`parse_time`; ``args[0]`` is ``MISSING``, ``UNREADABLE`` or
    ``NAIVE``."""


def parse_time(value: Any, zone: tzinfo | None) -> datetime:
    """An aware datetime from a cell, or :class:`BadTime` saying what was wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadTime(MISSING)
    if not isinstance(value, str):
        raise BadTime(UNREADABLE)
    text = value.strip()
    if text.upper().endswith(" UTC"):
        text = text[:-4].rstrip() + "+00:00"
    if text[-1:] in "Zz":
        text = text[:-1] + "+00:00"
    text = _BASIC_OFFSET.sub(r"\1:\2", text) if re.search(r"[T ]\d", text) else text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadTime(UNREADABLE) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        if zone is None:
            raise BadTime(NAIVE)
        moment = moment.replace(tzinfo=zone)
    return moment


def read_time(value: Any, zone: tzinfo | None, name: str, where: str, column: str,
              *, unreadable: str = "") -> datetime:
    """:func:`parse_time`, or the error naming the file, the place and the column;
    ``unreadable``, when given, is the error for a time in a format the kit does not
    read (a reader that knows its tool's formats names them)."""
    try:
        return parse_time(value, zone)
    except BadTime as bad:
        if bad.args[0] == UNREADABLE and unreadable:
            raise fail(unreadable) from None
        raise bad_time(bad.args[0], name, where, column) from None


def bad_time(problem: str, name: str, where: str, column: str) -> InvalidTimeline:
    """The error for a time cell that ``parse_time`` refused."""
    template = {
        MISSING: msgs.IMPORT_ERR_TIME_MISSING,
        UNREADABLE: msgs.IMPORT_ERR_TIME_UNREADABLE,
        NAIVE: msgs.IMPORT_ERR_TIME_NAIVE,
    }[problem]
    return fail(template.format(file=name, where=where, column=column))


def zone_named(value: str | tzinfo | None) -> tzinfo | None:
    """The timezone a person named (``"Europe/Paris"``), or the error saying so."""
    if value is None or isinstance(value, tzinfo):
        return value
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidTimeline(msgs.IMPORT_ERR_UNKNOWN_TIMEZONE) from None


# --- CSV -----------------------------------------------------------------------------


def header_name(text: str) -> str:
    """A header cell as a column name: ``" Created On "`` -> ``created_on``."""
    return re.sub(r"\s+", "_", text.strip().lower())


def csv_rows(text: str, name: str, delimiter: str = ",") -> list[list[str]]:
    """Every row of a CSV text, refusing broken quoting and too many rows."""
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_TIMELINE_ROWS + 1:
                raise fail(
                    msgs.IMPORT_ERR_TOO_MANY_ROWS.format(
                        file=name, limit=MAX_TIMELINE_ROWS
                    )
                )
    except csv.Error:
        raise fail(msgs.IMPORT_ERR_CSV.format(file=name, row=len(rows) + 1)) from None
    return rows


@dataclass(frozen=True)
class CsvRow:
    """One data row of a CSV: its ``number`` as a person counts (the header is row 1)
    and its cells, read by column name."""

    number: int
    cells: list[str] = field(repr=False)
    columns: dict[str, int] = field(repr=False)

    @property
    def where(self) -> str:
        """``"row 3"``: how a person finds this row."""
        return place("row", self.number)

    def get(self, column: str) -> str:
        """The cell in ``column``, or ``""`` when the file has no such column or the
        row is short."""
        index = self.columns.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def csv_table(text: str, name: str,
              delimiter: str = ",") -> tuple[dict[str, int], list[CsvRow]]:
    """A CSV's columns (each name, see :func:`header_name`, and its index; the first
    column of a name that stands twice) and its rows, blank ones left out."""
    rows = csv_rows(text, name, delimiter)
    names = [header_name(cell) for cell in rows[0]] if rows else []
    columns = {column: index for index, column in reversed(list(enumerate(names)))}
    return columns, [
        CsvRow(number, row, columns)
        for number, row in enumerate(rows[1:], start=2)
        # blank lines at the end of a spreadsheet export
        if any(value.strip() for value in row)
    ]
