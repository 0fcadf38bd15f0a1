"""The morning-after look-backs across incidents, beside the hour of each alert.

One row per incident with a look-back: how heavy it felt the day after, how you slept,
the dread before the next on-call, and the alert's local hour with night or day
(``kit.hours``), so a night page that stayed heavy shows up as one. The words of the
look-back stay in the record; this table holds ratings and categories only.
"""

from __future__ import annotations

from typing import Any

from . import messages
from .hours import NIGHT, alert_hours

__all__ = ["lookback_table"]

_COLUMNS = ("incident_no", "lookback_heavy_now", "lookback_sleep",
            "lookback_dread_next", "hour", "night")


def lookback_table(data: Any, *, night: tuple[int, int] = NIGHT) -> Any:
    """The look-backs as a small table with readable column names.

    Parameters
    ----------
    data : Journal or iterable of Incident
        A journal (its local alert hours are needed, so not a frame).
    night : (int, int)
        The night window (default 22 to 7), as in ``kit.hours``.

    Returns
    -------
    DataFrame, or IPython Markdown saying how to start when there is no look-back.

    Examples
    --------
    >>> import kit
    >>> lookback_table(kit.Journal.sample())["Sleep"].tolist()[:2]
    ['slept poorly', 'slept, on and off']
    """
    table = alert_hours(data, night=night)  # numbered as the journal's frame is
    answered = table[
        table[["lookback_heavy_now", "lookback_dread_next"]].notna().any(axis=1)
        | table["lookback_sleep"].notna()
    ]
    if not len(answered):
        from IPython.display import Markdown

        return Markdown(messages.LOOKBACK_TABLE_EMPTY)
    shown = answered.loc[:, list(_COLUMNS)].copy()
    shown["lookback_sleep"] = shown["lookback_sleep"].map(
        lambda value: messages.SLEEP_LABELS.get(value, "") if isinstance(value, str)
        else "")
    for column in ("lookback_heavy_now", "lookback_dread_next"):
        shown[column] = shown[column].astype("Int64")
    shown["night"] = shown["night"].map({True: "yes", False: "no"})
    shown = shown.rename(columns=messages.LOOKBACK_TABLE_COLUMNS)
    return shown.reset_index(drop=True)
