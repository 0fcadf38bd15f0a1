"""PagerDuty's files: log entries, raw incident analytics, and the incidents CSVs.

JSON (kind ``pagerduty-log-entries``; the shape tells which it is):

- **Log entries**, the response of the REST API's ``GET /incidents/{id}/log_entries``
  or the account-wide ``GET /log_entries`` (an object with a ``log_entries`` list; a
  bare list of entries, and the single ``{"log_entry": ...}`` of
  ``GET /log_entries/{id}``, are read too). Each entry's ``type`` and ``created_at``
  are used: ``trigger_log_entry`` -> alert, ``acknowledge_log_entry`` -> acknowledge,
  ``escalate_log_entry`` -> escalate (every one is kept: see
  :func:`kit.timelines.choice.alternatives`), ``resolve_log_entry`` -> resolve,
  ``annotate_log_entry`` -> note, whose text is the entry's ``note`` or, failing that,
  ``channel.summary``, ``channel.content`` or the entry's ``summary``. Other types
  (notify, assign, snooze...) are counted and left out. An escalation whose
  ``channel.type`` is ``timeout`` was made by the tool, and a resolution whose
  ``channel.type`` is ``auto`` or ``timeout`` was automatic; the preview says so.
  Entries of several incidents (``incident.id``) are never mixed: the file is refused
  with the ids it holds unless ``tool_incident`` names one. A page that is not the
  whole log is refused: ``"more": true``, a later page (``offset`` above 0) without the
  trigger, or fewer entries than its ``total``.
- **Raw incident analytics**, the response of ``POST /analytics/raw/incidents``
  (``{"data": [...], "time_zone": ...}``): ``created_at`` -> alert, ``created_at`` +
  ``seconds_to_first_ack`` -> acknowledge, ``resolved_at`` -> resolve (labelled
  automatic when ``auto_resolved`` is true). Times without an offset are in the file's
  ``time_zone``. ``tool_incident`` (the ``incident_number`` or ``id``) picks the row.
- **Webhook payloads** (``{"messages": ...}`` of webhooks v2, ``{"event": ...}`` of v3)
  and incident records (``{"incidents": ...}``) hold no usable timeline and are refused
  with what to save instead.

CSV (kind ``pagerduty-incidents-csv``): the incidents list PagerDuty exports, and the
Basic reporting CSV. Headers such as ``Opened On`` are read as ``opened_on``; commas,
semicolons and tabs all work as separators. ``created_on``, ``created_at`` or
``opened_on`` -> alert; ``acknowledged_on``/``acknowledged_at`` when present, else the
alert + ``seconds_to_first_ack`` -> acknowledge; ``resolved_on`` or ``resolved_at`` ->
resolve, labelled automatic when ``auto_resolved`` is true; ``incident_number``, ``id``
or ``incident_id`` pick the row. Escalation counts carry no time and are not used.

Dates are read in ISO 8601 only (:data:`kit.messages.PAGERDUTY_TIME_FORMATS`):
``03/10/2026`` could be 3 October or 10 March, so it is refused with what to do.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime, timedelta, tzinfo
from typing import Any

from .. import messages as msgs
from ..errors import InvalidTimeline
from .timeline import (
    MAX_TIMELINE_ROWS,
    CsvRow,
    Source,
    Timeline,
    TimelineEvent,
    csv_table,
    fail,
    header_name,
    note_text,
    place,
    read_time,
    zone_named,
)

__all__ = [
    "LOG_ENTRIES",
    "INCIDENTS_CSV",
    "ANALYTICS",
    "CREATED_COLUMNS",
    "read_log_entries",
    "read_incidents_csv",
    "recognises",
]

LOG_ENTRIES = "pagerduty-log-entries"
INCIDENTS_CSV = "pagerduty-incidents-csv"
ANALYTICS = "pagerduty-analytics-incidents"
CREATED_COLUMNS = ("created_on", "created_at", "opened_on")

_TYPES = {
    "trigger_log_entry": "alert",
    "acknowledge_log_entry": "acknowledge",
    "escalate_log_entry": "escalate",
    "resolve_log_entry": "resolve",
    "annotate_log_entry": "note",
}
_SEPARATORS = (",", ";", "\t")
_TRUE = {"true", "yes", "1", "t", "y"}
_SPACE_BEFORE_OFFSET = re.compile(r"(\d)\s+([+-]\d{2}:?\d{2})$")


def recognises(header: list[str]) -> bool:
    """True when a CSV header (as column names) looks like an incidents export.

    A header read with the wrong separator arrives as one cell (``"created_on;id"``);
    it is split on semicolons and tabs too.
    """
    names = [header_name(part) for column in header
             for part in re.split(r"[;\t]", column)]
    if len(names) == 1:  # tabs were already read as spaces, then as underscores
        return any(re.search(rf"(^|[_;]){column}($|[_;])", names[0])
                   for column in CREATED_COLUMNS)
    return any(column in names for column in CREATED_COLUMNS)


def _time(value: Any, zone: tzinfo | None, name: str, where: str,
          column: str) -> datetime:
    """A time from PagerDuty, or an error naming the formats the kit reads."""
    if isinstance(value, str):
        value = _SPACE_BEFORE_OFFSET.sub(r"\1\2", value.strip())
    return read_time(value, zone, name, where, column,
                     unreadable=msgs.PAGERDUTY_ERR_TIME_FORMAT.format(
                         file=name, where=where, column=column,
                         formats=msgs.PAGERDUTY_TIME_FORMATS))


def _listed(values: list[str]) -> str:
    shown = [v[:20] for v in values[:10]]
    return ", ".join(shown) + (", ..." if len(values) > 10 else "")


# --- JSON: which shape is it ----------------------------------------------------------


def read_log_entries(source: Source) -> Timeline:
    """Read PagerDuty JSON: log entries, or raw incident analytics.

    Parameters
    ----------
    source : Source
        The file's text and name, the timezone for times without an offset, and
        ``tool_incident`` for a file that holds several incidents.

    Returns
    -------
    Timeline
        Counted in log entries (the first is 1), or in entries of ``data``.

    Raises
    ------
    InvalidTimeline
        Naming the file, the entry and the field, and the fix; or saying what to save
        instead of a webhook payload or an incident record.
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
    if isinstance(data, list):
        return _log_entries(data, {}, source)
    if not isinstance(data, dict):
        raise fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name))
    if isinstance(data.get("log_entries"), list):
        return _log_entries(data["log_entries"], data, source)
    if isinstance(data.get("log_entry"), dict):
        return _log_entries([data["log_entry"]], {}, source)
    if isinstance(data.get("data"), list) and "time_zone" in data:
        return _analytics(data, source)
    if isinstance(data.get("messages"), list):
        raise fail(msgs.PAGERDUTY_ERR_WEBHOOK.format(file=name, shape="webhooks v2"))
    if isinstance(data.get("event"), dict) and "event_type" in data["event"]:
        raise fail(msgs.PAGERDUTY_ERR_WEBHOOK.format(file=name, shape="webhooks v3"))
    for key in ("incidents", "incident"):
        if key in data:
            raise fail(msgs.PAGERDUTY_ERR_INCIDENT_OBJECT.format(file=name, key=key))
    raise fail(msgs.IMPORT_ERR_JSON_SHAPE.format(file=name))


# --- log entries ----------------------------------------------------------------------


def _incident_of(entry: Any) -> str | None:
    incident = entry.get("incident") if isinstance(entry, dict) else None
    if isinstance(incident, dict) and isinstance(incident.get("id"), str):
        return incident["id"]
    return None


def _numbers_of(entries: list[Any]) -> dict[str, str]:
    """Incident number -> id, from summaries such as ``[#1234] The server is on
    fire.`` (so a person can give the number they see in PagerDuty)."""
    found: dict[str, str] = {}
    for entry in entries:
        incident = entry.get("incident") if isinstance(entry, dict) else None
        summary = incident.get("summary") if isinstance(incident, dict) else None
        match = re.match(r"\[#(\d+)\]", summary) if isinstance(summary, str) else None
        known = _incident_of(entry)
        if match and known:
            found[match.group(1)] = known
    return found


def _one_incident(entries: list[Any], source: Source) -> set[int]:
    """The numbers (from 1) of the entries of the one incident to read."""
    ids: list[str] = []
    for entry in entries:
        found = _incident_of(entry)
        if found is not None and found not in ids:
            ids.append(found)
    everything = set(range(1, len(entries) + 1))
    if source.tool_incident is None:
        if len(ids) > 1:
            raise fail(msgs.PAGERDUTY_ERR_SEVERAL_INCIDENTS.format(
                file=source.name, n=len(ids), ids=_listed(ids)))
        return everything
    wanted = str(source.tool_incident).strip().lstrip("#")
    if not ids:
        return everything  # entries of one incident's own log carry no reference
    wanted = _numbers_of(entries).get(wanted, wanted)
    if wanted not in ids:
        raise fail(msgs.PAGERDUTY_ERR_NO_SUCH_INCIDENT.format(
            file=source.name, wanted=wanted[:20], ids=_listed(ids)))
    return {n for n, entry in enumerate(entries, start=1)
            if _incident_of(entry) in (wanted, None)}


def _whole_log(entries: list[Any], page: dict, name: str) -> None:
    """Refuse a page that is not the whole log: the earliest times may be missing."""
    if page.get("more") is True:
        raise fail(msgs.IMPORT_ERR_MORE_PAGES.format(file=name))
    offset, total = page.get("offset"), page.get("total")
    has_trigger = any(isinstance(e, dict) and e.get("type") == "trigger_log_entry"
                      for e in entries)
    if isinstance(offset, int) and not isinstance(offset, bool) and offset > 0 \
            and not has_trigger:
        raise fail(msgs.PAGERDUTY_ERR_MID_INCIDENT.format(file=name, offset=offset))
    if isinstance(total, int) and not isinstance(total, bool) and total > len(entries):
        raise fail(msgs.PAGERDUTY_ERR_ENTRIES_MISSING.format(
            file=name, held=len(entries), total=total))


def _log_entries(entries: list[Any], page: dict, source: Source) -> Timeline:
    name = source.name
    if len(entries) > MAX_TIMELINE_ROWS:
        raise fail(
            msgs.IMPORT_ERR_TOO_MANY_ROWS.format(file=name, limit=MAX_TIMELINE_ROWS)
        )
    _whole_log(entries, page, name)
    chosen = _one_incident(entries, source)
    events, ignored = [], 0
    for number, entry in enumerate(entries, start=1):
        if number not in chosen:
            continue
        where = place("log entry", number)
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise fail(msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                file=name, where=where, column="type"))
        event = _TYPES.get(entry["type"])
        if event is None:
            ignored += 1
            continue
        if "created_at" not in entry:
            raise fail(msgs.IMPORT_ERR_ENTRY_SHAPE.format(
                file=name, where=where, column="created_at"))
        at = _time(entry["created_at"], source.zone, name, where, "created_at")
        given = entry.get("channel")
        channel: dict = given if isinstance(given, dict) else {}
        channel_type = channel.get("type")
        note, origin = "", ""
        if event == "note":
            column, found = _note_text(entry, channel)
            note = note_text(found, name, where, column)
        elif event == "acknowledge":
            origin = "acknowledged"
        elif event == "escalate" and channel_type == "timeout":
            origin = "tool-timeout"
        elif event == "resolve" and channel_type in {"auto", "timeout"}:
            origin = "tool-automatic"
        events.append(TimelineEvent(at, event, number, "created_at", note, origin))
    return Timeline(name, LOG_ENTRIES, tuple(events), ignored, unit="log entry")


def _note_text(entry: dict, channel: dict) -> tuple[str, str]:
    """Where PagerDuty keeps a note, and its text: the entry's ``note``, then
    ``channel.summary``, ``channel.content``, then the entry's ``summary``."""
    for column, candidate in (("note", entry.get("note")),
                              ("channel.summary", channel.get("summary")),
                              ("channel.content", channel.get("content")),
                              ("summary", entry.get("summary"))):
        if isinstance(candidate, str) and candidate.strip():
            return column, candidate.strip()
    return "note", ""


# --- raw incident analytics -----------------------------------------------------------


def _zone_of(data: dict, source: Source) -> tzinfo | None:
    """The file's ``time_zone``; the one given to the reader when it is unknown."""
    named = data.get("time_zone")
    if named in (None, ""):
        return source.zone
    try:
        return zone_named(str(named))
    except InvalidTimeline:
        if source.zone is not None:
            return source.zone
        raise fail(msgs.PAGERDUTY_ERR_ANALYTICS_ZONE.format(file=source.name)) from None


def _analytics(data: dict, source: Source) -> Timeline:
    name = source.name
    zone = _zone_of(data, source)
    rows = data["data"]
    if len(rows) > MAX_TIMELINE_ROWS:
        raise fail(
            msgs.IMPORT_ERR_TOO_MANY_ROWS.format(file=name, limit=MAX_TIMELINE_ROWS)
        )
    numbered = [(n, row) for n, row in enumerate(rows, start=1)]
    for number, row in numbered:
        if not isinstance(row, dict):
            raise fail(msgs.PAGERDUTY_ERR_ANALYTICS_SHAPE.format(
                file=name, where=place("data entry", number), column="id"))

    def key(row: dict) -> str:
        return str(row.get("incident_number") or row.get("id") or "")

    def numbers() -> str:
        return _listed([key(row) or str(n) for n, row in numbered])

    if source.tool_incident is not None:
        wanted = str(source.tool_incident).strip().lstrip("#")
        found = [(n, row) for n, row in numbered
                 if wanted in (str(row.get("incident_number", "")),
                               str(row.get("id", "")))]
        if not found:
            raise fail(msgs.PAGERDUTY_ERR_ANALYTICS_NO_SUCH.format(
                file=name, numbers=numbers()))
        numbered = found
    if not numbered:
        raise fail(msgs.IMPORT_ERR_NO_TIMES.format(file=name))
    if len(numbered) > 1:
        raise fail(msgs.PAGERDUTY_ERR_ANALYTICS_CHOOSE.format(
            file=name, n=len(numbered), numbers=numbers()))
    number, row = numbered[0]
    where = place("data entry", number)
    if "created_at" not in row:
        raise fail(msgs.PAGERDUTY_ERR_ANALYTICS_SHAPE.format(
            file=name, where=where, column="created_at"))
    alert = _time(row["created_at"], zone, name, where, "created_at")
    events = [TimelineEvent(alert, "alert", number, "created_at")]
    seconds = row.get("seconds_to_first_ack")
    if seconds is not None:
        value = _seconds(str(seconds), name, where, "seconds_to_first_ack")
        events.append(TimelineEvent(alert + timedelta(seconds=value), "acknowledge",
                                    number, "seconds_to_first_ack",
                                    origin="acknowledged"))
    if row.get("resolved_at") not in (None, ""):
        resolved = _time(row["resolved_at"], zone, name, where, "resolved_at")
        origin = "tool-automatic" if row.get("auto_resolved") is True else ""
        events.append(TimelineEvent(resolved, "resolve", number, "resolved_at",
                                    origin=origin))
    return Timeline(name, ANALYTICS, tuple(events), unit="data entry")


# --- the incidents CSV ----------------------------------------------------------------


def _separator(text: str) -> str:
    """The separator of a CSV: the one of comma, semicolon and tab that splits its
    header into the most columns (quotes respected)."""
    first = text.split("\n", 1)[0]
    best, columns = ",", 0
    for separator in _SEPARATORS:
        try:
            count = len(next(csv.reader([first], delimiter=separator), []))
        except csv.Error:
            continue
        if count > columns:
            best, columns = separator, count
    return best


def read_incidents_csv(source: Source) -> Timeline:
    """Read one incident's row of PagerDuty's incidents CSV (or Basic reporting CSV).

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
    columns, rows = csv_table(source.text, name, _separator(source.text))
    created = next((c for c in CREATED_COLUMNS if c in columns), None)
    if created is None:
        raise fail(
            msgs.IMPORT_ERR_COLUMNS.format(
                file=name, missing="created_on (or created_at, or Opened On)"
            )
        )
    row = _choose_row(rows, columns, source)
    number, where = row.number, row.where

    def at(column: str | None) -> datetime | None:
        value = row.get(column) if column else ""
        if not value.strip():
            return None
        return _time(value, source.zone, name, where, column or "")

    alert = _time(row.get(created), source.zone, name, where, created)
    events = [TimelineEvent(alert, "alert", number, created)]
    ack_column: str | None = next(
        (c for c in ("acknowledged_on", "acknowledged_at", "first_acknowledged_on")
         if c in columns), None)
    ack = at(ack_column)
    if ack is None and "seconds_to_first_ack" in columns:
        seconds = row.get("seconds_to_first_ack").strip()
        if seconds:
            ack = alert + timedelta(
                seconds=_seconds(seconds, name, where, "seconds_to_first_ack"))
            ack_column = "seconds_to_first_ack"
    if ack is not None:
        events.append(TimelineEvent(ack, "acknowledge", number, ack_column or "",
                                    origin="acknowledged"))
    resolve_column = next((c for c in ("resolved_on", "resolved_at") if c in columns),
                          None)
    resolved = at(resolve_column)
    if resolved is not None:
        automatic = row.get("auto_resolved").strip().lower() in _TRUE
        events.append(TimelineEvent(resolved, "resolve", number, resolve_column or "",
                                    origin="tool-automatic" if automatic else ""))
    return Timeline(name, INCIDENTS_CSV, tuple(events))


def _seconds(text: str, name: str, where: str, column: str) -> float:
    """A count of seconds, refusing negatives, NaN and the absurd."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value > 10 * 365 * 86400:
        raise fail(msgs.IMPORT_ERR_SECONDS.format(
            file=name, where=where, column=column))
    return value


def _choose_row(rows: list[CsvRow], columns: dict[str, int],
                source: Source) -> CsvRow:
    """The one incident's row: the only one, or the one ``tool_incident`` names."""
    name = source.name
    if not rows:
        raise fail(msgs.IMPORT_ERR_NO_TIMES.format(file=name))
    keys: list[str] = [c for c in ("incident_number", "id", "incident_id")
                       if c in columns]
    if source.tool_incident is not None:
        wanted = str(source.tool_incident).strip().lstrip("#")
        chosen = [row for row in rows
                  if any(row.get(key).strip() == wanted for key in keys)]
        if not chosen:
            raise fail(msgs.IMPORT_ERR_NO_SUCH_INCIDENT.format(
                file=name, numbers=_numbers(rows, keys)))
        rows = chosen
    if len(rows) > 1:
        raise fail(msgs.IMPORT_ERR_CHOOSE_INCIDENT.format(
            file=name, n=len(rows), numbers=_numbers(rows, keys)))
    return rows[0]


def _numbers(rows: list[CsvRow], keys: list[str]) -> str:
    """The incidents a file holds, by the first key column (else by row number)."""
    return _listed([row.get(keys[0]).strip() if keys else str(row.number)
                    for row in rows])
