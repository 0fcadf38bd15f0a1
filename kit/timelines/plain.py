"""The plain timeline CSV that any tool or spreadsheet can produce.

Columns ``time``, ``event`` and (optional) ``text``; other columns are ignored. Header
names are matched without regard to case or surrounding spaces. Times are ISO 8601 with
a timezone offset (``2026-03-10T14:47:00+00:00``, ``...Z``). Event names
(case-insensitive):

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

\\* Offered only when the file has no ``first_action``; see :mod:`kit.timelines`.
"""

from __future__ import annotations

from .. import messages as msgs
from .timeline import (
    EVENT_ALIASES,
    EVENTS,
    Source,
    Timeline,
    TimelineEvent,
    csv_table,
    fail,
    note_text,
    read_time,
)

__all__ = ["KIND", "COLUMNS", "read", "recognises"]

KIND = "csv"
COLUMNS = ("time", "event")


def recognises(header: list[str]) -> bool:
    """True when a CSV header (as column names) is the plain format's."""
    return set(COLUMNS) <= set(header)


def read(source: Source) -> Timeline:
    """Read a plain ``time,event,text`` CSV.

    Parameters
    ----------
    source : Source
        The file's text and name.

    Returns
    -------
    Timeline
        One event per non-blank row; notes keep their ``text``.

    Raises
    ------
    InvalidTimeline
        Naming the file, the row and the column, and the fix.
    """
    name = source.name
    columns, rows = csv_table(source.text, name)
    if not recognises(list(columns)):
        missing = ", ".join(c for c in COLUMNS if c not in columns)
        raise fail(msgs.IMPORT_ERR_COLUMNS.format(file=name, missing=missing))
    events = []
    for row in rows:
        where = row.where
        raw_event = row.get("event").strip().lower()
        event = EVENT_ALIASES.get(raw_event) or EVENT_ALIASES.get(
            raw_event.replace("_", " ")
        )
        if event is None:
            raise fail(
                msgs.IMPORT_ERR_EVENT_UNKNOWN.format(
                    file=name, where=where, names=", ".join(EVENTS)
                )
            )
        at = read_time(row.get("time"), source.zone, name, where, "time")
        note = note_text(row.get("text").strip(), name, where, "text")
        origin = "acknowledged" if event == "acknowledge" else ""
        text = note if event == "note" else ""
        events.append(TimelineEvent(at, event, row.number, "time", text, origin))
    return Timeline(name, KIND, tuple(events))
