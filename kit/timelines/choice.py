"""Choosing which of several events gives a time: the second escalation, not the first.

A timeline often holds more than one event that could fill the same time (a page
escalated twice; two messages that look like a broadcast). ``Timeline.proposed`` takes
the earliest (the latest for a resolution); :func:`alternatives` lists every candidate
so a person can see them, and :func:`choose` keeps the one they pick, so leaving the
first out no longer drops them all. The result is an ordinary ``Timeline`` for
``plan_import``.
"""

from __future__ import annotations

import dataclasses

from .. import messages as msgs
from ..errors import InvalidTimeline
from ..record import TIME_FIELDS
from .timeline import FIELD_FOR_EVENT, Timeline, TimelineEvent, fail

__all__ = ["alternatives", "choose"]


def _field(field: str) -> str:
    if field not in TIME_FIELDS:
        msg = msgs.CHOICE_ERR_NOT_A_TIME_FIELD.format(
            field=field, fields=", ".join(TIME_FIELDS)
        )
        raise InvalidTimeline(msg)
    return field


def alternatives(timeline: Timeline, field: str) -> list[TimelineEvent]:
    """Every event of ``timeline`` that could give ``field``, in time order.

    Examples
    --------
    >>> from kit.timelines import read_timeline
    >>> timeline = read_timeline("tests/data/timelines/pagerduty-log-entries.json")
    >>> [e.row for e in alternatives(timeline, "escalated_at")]
    [2]
    """
    _field(field)
    return sorted(
        (e for e in timeline.events if FIELD_FOR_EVENT.get(e.event) == field),
        key=lambda e: (e.at, e.row),
    )


def choose(timeline: Timeline, field: str, row: int) -> Timeline:
    """``timeline`` with only the event at ``row`` left to give ``field``.

    Parameters
    ----------
    timeline : Timeline
    field : str
        A time field, such as ``"escalated_at"``.
    row : int
        The ``row`` of the chosen event (see :func:`alternatives`).

    Raises
    ------
    InvalidTimeline
        When no event at ``row`` can give ``field``; the message lists those that can.
    """
    candidates = alternatives(timeline, field)
    if not any(e.row == row for e in candidates):
        choices = ", ".join(timeline.where(e.row) for e in candidates) or "—"
        raise fail(
            msgs.CHOICE_ERR_NO_SUCH_CHOICE.format(
                file=timeline.name,
                event=msgs.IMPORT_FIELD_LABELS.get(field, field),
                where=timeline.where(row),
                choices=choices,
            )
        )
    dropped = {id(e) for e in candidates if e.row != row}
    kept = tuple(e for e in timeline.events if id(e) not in dropped)
    return dataclasses.replace(timeline, events=kept)
