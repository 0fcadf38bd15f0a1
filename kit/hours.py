"""The 3 AM view: your incidents by the local hour of their alert, night against day.

The hour is read in the alert's own recorded UTC offset (the clock where the page
reached you), never in UTC and never in the machine's zone, so an alert at 02:30 in
Berlin is a night alert wherever the journal is read. Night is 22:00 to 07:00 unless
you choose other hours.

Honest for small numbers: each side is described by its count and its values (listed,
or the lowest and highest once there are four or more), never a bare mean; one incident
on a side is never compared; a side with no incidents is not mentioned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import messages
from ._text import minutes
from .errors import NotEnoughData
from .frame import incidents_frame

__all__ = [
    "NIGHT",
    "MEASURES",
    "LOOKBACK_MEASURES",
    "NightAndDay",
    "is_night",
    "local_alert_times",
    "alert_hours",
    "night_and_day",
]

NIGHT = (22, 7)
"""Night by default: from 22:00 up to (not including) 07:00, local to the alert."""

MEASURES = ("panic_to_action_min", "distress_peak", "clarity_next_step")
"""The columns the view describes, in the order its sentences come."""

LOOKBACK_MEASURES = ("lookback_heavy_now", "lookback_dread_next")
"""The morning-after look-back's ratings, said beside the others when there are any."""

# Values on a side are listed up to this many, then given as lowest to highest.
_LISTED = 3


def _window(night: Any) -> tuple[int, int]:
    """``night`` checked: two different whole hours from 0 to 23."""
    try:
        start, end = night
    except (TypeError, ValueError):
        start = end = None
    if not all(
        isinstance(h, (int, np.integer)) and not isinstance(h, bool) and 0 <= h <= 23
        for h in (start, end)
    ) or start == end:
        msg = messages.HOURS_BAD_WINDOW.format(night=night)
        raise ValueError(msg)
    return int(start), int(end)


def is_night(hour: Any, night: tuple[int, int] = NIGHT) -> Any:
    """Whether a local hour (or an array of them) falls in the night window.

    The window may run over midnight (``(22, 7)``) or not (``(0, 6)``); its start hour
    is night, its end hour is not.

    Examples
    --------
    >>> is_night(2), is_night(7), is_night(22), is_night(21)
    (True, False, True, False)
    """
    start, end = _window(night)
    hours = np.asarray(hour)
    inside = (hours >= start) | (hours < end) if start > end else (
        (hours >= start) & (hours < end)
    )
    return bool(inside) if inside.ndim == 0 else inside


def local_alert_times(frame: pd.DataFrame) -> pd.Series:
    """Each alert's local wall-clock time: its UTC time plus its recorded offset.

    ``frame`` is a journal frame (``alert_at`` in UTC and ``alert_offset_min``).
    """
    return frame["alert_at"] + pd.to_timedelta(frame["alert_offset_min"], unit="min")


def alert_hours(data: Any, *, night: tuple[int, int] = NIGHT) -> pd.DataFrame:
    """One row per incident with the local hour of its alert and night or day.

    Parameters
    ----------
    data : Journal or iterable of Incident
        A journal (its frame is used, so no file is read again) or incidents.
    night : (int, int)
        The night window's first hour and the hour it ends (default 22 to 7).

    Returns
    -------
    DataFrame
        ``journal.frame()``'s rows (same ``incident_no``) with ``hour`` (0-23, in the
        alert's own recorded UTC offset), ``local_time`` (``"02:30"``),
        ``utc_offset_min``, ``night`` (bool) and ``side`` (``"night"`` or ``"day"``)
        added. ``.attrs["night"]`` holds the window.

    Raises
    ------
    NotEnoughData
        When given a DataFrame (see ``data``).

    Examples
    --------
    >>> import kit
    >>> table = alert_hours(kit.Journal.sample())
    >>> table.loc[table["night"], ["local_time", "side"]].values.tolist()
    [['22:40', 'night']]
    """
    window = _window(night)
    if isinstance(data, pd.DataFrame):
        raise NotEnoughData(messages.HOURS_NEEDS_LOCAL_HOUR)
    frame = data.frame() if hasattr(data, "frame") else incidents_frame(list(data))
    local = local_alert_times(frame)
    frame["hour"] = local.dt.hour.astype("int64")
    frame["local_time"] = local.dt.strftime("%H:%M").astype(object)
    frame["utc_offset_min"] = frame["alert_offset_min"].astype("int64")
    frame["night"] = pd.Series(
        is_night(frame["hour"].to_numpy(), window), dtype=bool
    ) if len(frame) else pd.Series([], dtype=bool)
    frame["side"] = np.where(frame["night"], "night", "day")
    frame.attrs["night"] = window
    return frame


@dataclass
class NightAndDay:
    """Night against day for your incidents, in a table and in plain sentences.

    Attributes
    ----------
    night : (int, int)
        The night window used.
    table : DataFrame
        :func:`alert_hours`' table, one row per incident.
    counts : dict
        Incidents per side: ``{"night": n, "day": n}``.
    values : dict
        ``{measure: {"night": [...], "day": [...]}}``: the known values per side, in
        incident order.
    summary : list of str
        The sentences to read (numbers and the kit's own words only).
    """

    night: tuple[int, int] = NIGHT
    table: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    counts: dict[str, int] = field(default_factory=dict)
    values: dict[str, dict[str, list[float]]] = field(default_factory=dict, repr=False)
    summary: list[str] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        return "\n".join(self.summary)

    def _repr_markdown_(self) -> str:
        # Only numbers and the kit's own words are in the summary: nothing to escape.
        return "\n".join(f"- {sentence}" for sentence in self.summary)


def _number(measure: str, value: float) -> str:
    if measure == "panic_to_action_min":
        return minutes(value)
    return str(round(value))


def _values_words(measure: str, values: list[float]) -> str:
    words = [_number(measure, v) for v in values]
    if len(words) == 1:
        return words[0]
    if len(words) <= _LISTED:
        return messages.HOURS_AND.format(first=", ".join(words[:-1]), last=words[-1])
    return messages.HOURS_RANGE.format(
        low=_number(measure, min(values)), high=_number(measure, max(values))
    )


def _clause(measure: str, side: str, values: list[float]) -> str:
    label = messages.HOURS_SIDES[side]
    count = (
        messages.HOURS_COUNT_ONE.format(side=label)
        if len(values) == 1
        else messages.HOURS_COUNT_MANY.format(n=len(values), side=label)
    )
    return messages.HOURS_CLAUSES[measure].format(
        count=count, values=_values_words(measure, values)
    )


def _measure_sentences(measure: str, sides: dict[str, list[float]]) -> list[str]:
    present = [side for side in ("night", "day") if sides[side]]
    if not present:
        return [messages.HOURS_NO_VALUES[measure]]
    clauses = "; ".join(_clause(measure, side, sides[side]) for side in present)
    said = [messages.HOURS_SENTENCE[measure].format(clauses=clauses)]
    if len(present) == 2 and min(len(sides["night"]), len(sides["day"])) >= 2:
        night, day = sides["night"], sides["day"]
        if min(night) > max(day) or min(day) > max(night):
            more, less = ("night", "day") if min(night) > max(day) else ("day", "night")
            said.append(
                messages.HOURS_APART[measure].format(
                    more=messages.HOURS_SIDES[more],
                    less=messages.HOURS_SIDES[less],
                    n_night=len(night),
                    n_day=len(day),
                )
            )
        else:
            said.append(messages.HOURS_OVERLAP[measure])
    return said


def night_and_day(
    data: Any,
    *,
    night: tuple[int, int] = NIGHT,
    measures: Iterable[str] = MEASURES,
    lookback: bool = True,
) -> NightAndDay:
    """Panic-to-action, peak distress and clarity at night and by day, in words.

    Parameters
    ----------
    data : Journal, iterable of Incident, or DataFrame
        A journal or incidents, or a table made by :func:`alert_hours`.
    night : (int, int)
        The night window's first hour and the hour it ends (default 22 to 7).
    measures : iterable of str
        Columns to describe (default :data:`MEASURES`).
    lookback : bool
        Also describe the morning-after look-back's ratings
        (:data:`LOOKBACK_MEASURES`) when any incident has one; nothing is said of
        them otherwise.

    Returns
    -------
    NightAndDay
        With ``summary`` sentences: for each measure, each side's count and values;
        a comparison only when both sides have two or more incidents; a word that one
        incident is not a pattern when a side has just one.

    Examples
    --------
    >>> import kit
    >>> view = night_and_day(kit.Journal.sample())
    >>> view.counts
    {'night': 1, 'day': 4}
    >>> view.summary[1].startswith("From the alert to your first deliberate step, "
    ...                            "your one night incident took")
    True
    """
    window = _window(night)
    if isinstance(data, pd.DataFrame):
        table = data
        for column in ("night", *measures):
            if column not in table.columns:
                msg = messages.HOURS_MISSING_COLUMN.format(
                    column=column, argument="measures"
                )
                raise NotEnoughData(msg)
        window = table.attrs.get("night", window)
    else:
        table = alert_hours(data, night=window)
    result = NightAndDay(night=window, table=table)
    if table.empty:
        result.counts = {"night": 0, "day": 0}
        result.summary = [messages.HOURS_NOTHING_YET]
        return result
    at_night = table["night"].astype(bool)
    result.counts = {"night": int(at_night.sum()), "day": int((~at_night).sum())}
    summary = [
        messages.HOURS_WINDOW.format(
            start=f"{window[0]:02d}:00", end=f"{window[1]:02d}:00"
        )
    ]
    single = False
    measures = list(measures)
    if lookback:
        measures += [m for m in LOOKBACK_MEASURES if m in table.columns
                     and m not in measures and table[m].notna().any()]
    for measure in measures:
        numbers = pd.to_numeric(table[measure], errors="coerce")
        sides = {
            side: [float(v) for v in numbers[mask].dropna()]
            for side, mask in (("night", at_night), ("day", ~at_night))
        }
        result.values[measure] = sides
        summary.extend(_measure_sentences(measure, sides))
        single = single or any(len(v) == 1 for v in sides.values())
    if single:
        summary.append(messages.HOURS_ONE_IS_NOT_A_PATTERN)
    result.summary = summary
    return result
