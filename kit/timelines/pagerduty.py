"""PagerDuty's exports: the log entries JSON and the incidents CSV.

``pagerduty-log-entries`` is the JSON response of PagerDuty's REST API
``GET /incidents/{id}/log_entries`` (an object with a ``log_entries`` list; a bare list
of entries is read too). A response that says ``"more": true`` is one page of several
and is refused, since the trigger may be on another page: save all pages' entries in
one list (or ask for ``limit=1000``). Each entry's ``type`` and ``created_at`` are used:
``trigger_log_entry`` -> alert, ``acknowledge_log_entry`` -> acknowledge,
``escalate_log_entry`` -> escalate, ``resolve_log_entry`` -> resolve,
``annotate_log_entry`` -> note, whose text is the entry's ``channel.summary`` (where
PagerDuty puts the note) or, failing that, ``channel.content`` or the entry's
``summary``. Entries of other types (notify, assign, snooze...) are counted and left
out. An escalation whose ``channel.type`` is ``timeout`` was made by the tool, not a
person, and a resolution whose ``channel.type`` is ``auto`` or ``timeout`` was
automatic; the preview says so, and you decide whether to keep them (``skip=``).

``pagerduty-incidents-csv`` is the incidents list PagerDuty exports as CSV. PagerDuty
documents this export thinly, so the kit reads the column names used by its CSV
downloads and by its Analytics API, which share them: ``created_on`` or ``created_at``
(-> alert), ``acknowledged_on``/``acknowledged_at`` when present, else ``created_on`` +
``seconds_to_first_ack`` (-> acknowledge), ``resolved_on`` or ``resolved_at``
(-> resolve); ``incident_number`` or ``id`` pick the row. Headers such as
``Created On`` are read as ``created_on``. Escalation counts carry no time and are not
used. If your export's columns differ, convert it to the plain CSV.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from .. import messages as msgs
from .timeline import (
    MAX_TEXT,
    MAX_TIMELINE_ROWS,
    MISSING,
    BadTime,
    Source,
    Timeline,
    TimelineEvent,
    bad_time,
    cell,
    csv_rows,
    fail,
    header_name,
    parse_time,
)

__all__ = [
    "LOG_ENTRIES",
    "INCIDENTS_CSV",
    "CREATED_COLUMNS",
    "read_log_entries",
    "read_incidents_csv",
    "recognises",
]

LOG_ENTRIES = "pagerduty-log-entries"
INCIDENTS_CSV = "pagerduty-incidents-csv"
CREATED_COLUMNS = ("created_on", "created_at")

_TYPES = {
    "trigger_log_entry": "alert",
    "acknowledge_log_entry": "acknowledge",
    "escalate_log_entry": "escalate",
    "resolve_log_entry": "resolve",
    "annotate_log_entry": "note",
}


def recognises(header: list[str]) -> bool:
    """True when a CSV header (as column names) looks like the incidents export."""
    return any(column in header for column in CREATED_COLUMNS)


# --- the log entries JSON ------------------------------------------------------------


def read_log_entries(source: Source) -> Timeline:
    """Read the JSON of ``GET /incidents/{id}/log_entries``.

    Parameters
    ----------
    source : Source
        The file's text and name, and the timezone for times without an offset.

    Returns
    -------
    Timeline
        Counted in log entries (the first is 1); other entry types in ``ignored``.

    Raises
    ------
    InvalidTimeline
        Naming the file, the log entry and the field, and the fix.
    """
    name = source.name
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as error:
        raise fail(
            msgs.IMPORT_ERR_JSON.format(file=name, row=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name)) from None
    entries = data.get("log_entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name))
    if isinstance(data, dict) and data.get("more") is True:
        # One page of several: the earliest times (the trigger) may be on another.
        raise fail(msgs.IMPORT_ERR_MORE_PAGES.format(file=name))
    if len(entries) > MAX_TIMELINE_ROWS:
        raise fail(
            msgs.IMPORT_ERR_TOO_MANY_ROWS.format(file=name, limit=MAX_TIMELINE_ROWS)
        )
    events, ignored = [], 0
    for number, entry in enumerate(entries, start=1):
        where = f"log entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise fail(msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                file=name, where=where, column="type"))
        event = _TYPES.get(entry["type"])
        if event is None:
            ignored += 1
            continue
        if "created_at" not in entry:
            raise fail(
                msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                    file=name, where=where, column="created_at"
                )
            )
        try:
            at = parse_time(entry["created_at"], source.zone)
        except BadTime as bad:
            raise bad_time(bad.args[0], name, where, "created_at") from None
        channel = entry.get("channel") if isinstance(entry.get("channel"), dict) else {}
        channel_type = channel.get("type")
        note, origin = "", ""
        if event == "note":
            note = _note_text(entry, channel)
            if len(note) > MAX_TEXT:
                raise fail(
                    msgs.IMPORT_ERR_TEXT_TOO_LONG.format(
                        file=name, where=where, column="channel.summary", limit=MAX_TEXT
                    )
                )
        elif event == "acknowledge":
            origin = "acknowledged"
        elif event == "escalate" and channel_type == "timeout":
            origin = "tool-timeout"
        elif event == "resolve" and channel_type in {"auto", "timeout"}:
            origin = "tool-automatic"
        events.append(TimelineEvent(at, event, number, "created_at", note, origin))
    return Timeline(name, LOG_ENTRIES, tuple(events), ignored, unit="log entry")


def _note_text(entry: dict, channel: dict) -> str:
    """Where PagerDuty keeps a note: ``channel.summary``, ``channel.content``, then
    the entry's ``summary``."""
    for candidate in (channel.get("summary"), channel.get("content"),
                      entry.get("summary")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return ""


# --- the incidents CSV ---------------------------------------------------------------


def read_incidents_csv(source: Source) -> Timeline:
    """Read one incident's row of PagerDuty's incidents CSV export.

    Parameters
    ----------
    source : Source
        The file's text and name; ``tool_incident`` picks the row when the file holds
        more than one incident.

    Returns
    -------
    Timeline
        The alert, the acknowledgement when known, and the resolution.

    Raises
    ------
    InvalidTimeline
        When the row cannot be chosen or a time cannot be read.
    """
    name = source.name
    rows = csv_rows(source.text, name)
    header = [header_name(c) for c in rows[0]]
    columns = {column: index for index, column in reversed(list(enumerate(header)))}
    created = next((c for c in CREATED_COLUMNS if c in columns), None)
    if created is None:
        raise fail(
            msgs.IMPORT_ERR_COLUMNS.format(
                file=name, missing="created_on (or created_at)"
            )
        )
    number, row = _choose_row(rows, columns, source)
    where = f"row {number}"

    def at(column: str) -> datetime | None:
        value = cell(row, columns, column)
        if not value.strip():
            return None
        try:
            return parse_time(value, source.zone)
        except BadTime as bad:
            raise bad_time(bad.args[0], name, where, column) from None

    alert = at(created)
    if alert is None:
        raise bad_time(MISSING, name, where, created)
    events = [TimelineEvent(alert, "alert", number, created)]
    ack_column = next((c for c in ("acknowledged_on", "acknowledged_at",
                                   "first_acknowledged_on") if c in columns), None)
    ack = at(ack_column) if ack_column else None
    if ack is None and "seconds_to_first_ack" in columns:
        seconds = cell(row, columns, "seconds_to_first_ack").strip()
        if seconds:
            ack = alert + timedelta(seconds=_seconds(seconds, name, where))
            ack_column = "seconds_to_first_ack"
    if ack is not None:
        events.append(TimelineEvent(ack, "acknowledge", number, ack_column or "",
                                    origin="acknowledged"))
    resolve_column = next((c for c in ("resolved_on", "resolved_at") if c in columns),
                          None)
    resolved = at(resolve_column) if resolve_column else None
    if resolved is not None:
        events.append(TimelineEvent(resolved, "resolve", number, resolve_column or ""))
    return Timeline(name, INCIDENTS_CSV, tuple(events))


def _seconds(text: str, name: str, where: str) -> float:
    """A count of seconds, refusing negatives, NaN and the absurd."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value > 10 * 365 * 86400:
        raise fail(msgs.IMPORT_ERR_SECONDS.format(
            file=name, where=where, column="seconds_to_first_ack"))
    return value


def _choose_row(rows: list[list[str]], columns: dict[str, int],
                source: Source) -> tuple[int, list[str]]:
    """The one incident's row: the only one, or the one ``tool_incident`` names."""
    name = source.name
    data = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if any(value.strip() for value in row)]
    if not data:
        raise fail(msgs.IMPORT_ERR_NO_TIMES.format(file=name))
    keys = [c for c in ("incident_number", "id") if c in columns]

    def numbers() -> str:
        shown = [cell(row, columns, keys[0]).strip()[:20] if keys else str(n)
                 for n, row in data[:10]]
        return ", ".join(shown) + (", ..." if len(data) > 10 else "")

    if source.tool_incident is not None:
        wanted = str(source.tool_incident).strip().lstrip("#")
        chosen = [(n, row) for n, row in data
                  if any(cell(row, columns, key).strip() == wanted for key in keys)]
        if not chosen:
            raise fail(msgs.IMPORT_ERR_NO_SUCH_INCIDENT.format(
                file=name, numbers=numbers()))
        data = chosen
    if len(data) > 1:
        raise fail(msgs.IMPORT_ERR_CHOOSE_INCIDENT.format(
            file=name, n=len(data), numbers=numbers()))
    return data[0]
