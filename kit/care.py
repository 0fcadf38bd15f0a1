"""The kind note: when the look-backs suggest distress that lasts after incidents.

The article's point is that the body's alarm is loud in the first incidents and
quietens with familiarity: peaks of 9, 7 and 7 in someone's first three incidents are
the normal early pattern, not a warning sign. What deserves a kind word is distress
that stays *after* incidents: the morning-after look-back (``Incident.lookback``)
still feeling heavy, poor sleep, or dread of the next on-call, across recent
incidents.

The rule (:data:`RULE`, said in words by :func:`rule_text`):

- take the look-backs of the :data:`RUN` most recent incidents that have one, among
  incidents whose alert was in the last :data:`WINDOW_DAYS` days;
- a look-back is *heavy* when ``heavy_now >= HEAVY``, ``dread_next >= DREAD``, or
  ``sleep`` is one of :data:`POOR_SLEEP`;
- the note speaks when at least :data:`NEEDED` of them are heavy.

Peak distress during an incident (``distress_peak``) is never part of the rule. The
note never diagnoses; it says what the answers were and points to people who help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import pandas as pd

from . import messages
from .errors import NotEnoughData

__all__ = [
    "RUN",
    "NEEDED",
    "WINDOW_DAYS",
    "HEAVY",
    "DREAD",
    "POOR_SLEEP",
    "CareSignal",
    "rule_text",
    "sustained_distress",
    "care_note",
    "signal_text",
    "care_markdown",
]

RUN = 3
"""How many of the most recent look-backs are read."""
NEEDED = 2
"""How many of them must be heavy for the note."""
WINDOW_DAYS = 90
"""Only incidents whose alert was this recent count: the note is about now."""
HEAVY = 7
"""``heavy_now`` (0-10) at or above which a look-back counts as heavy."""
DREAD = 7
"""``dread_next`` (0-10) at or above which a look-back counts as heavy."""
POOR_SLEEP = ("poorly", "hardly")
"""Sleep answers that count as heavy."""


@dataclass(frozen=True)
class CareSignal:
    """What the rule found: ``heavy`` of the ``total`` look-backs read, and which
    answers made them heavy (field names, e.g. ``"sleep"``), most recent last."""

    heavy: int
    total: int
    reasons: tuple[str, ...]


def rule_text() -> str:
    """The rule in plain words, for the notebooks."""
    return messages.CARE_RULE.format(
        run=RUN, days=WINDOW_DAYS, needed=NEEDED, heavy=HEAVY, dread=DREAD
    )


def _frame_of(data: Any) -> pd.DataFrame:
    if hasattr(data, "frame") and not isinstance(data, pd.DataFrame):
        return data.frame()
    return data


def _heavy_reasons(row: pd.Series) -> list[str]:
    found = []
    heavy_now, dread, sleep = (
        row.get("lookback_heavy_now"), row.get("lookback_dread_next"),
        row.get("lookback_sleep"),
    )
    if pd.notna(heavy_now) and heavy_now >= HEAVY:
        found.append("heavy_now")
    if isinstance(sleep, str) and sleep in POOR_SLEEP:
        found.append("sleep")
    if pd.notna(dread) and dread >= DREAD:
        found.append("dread_next")
    return found


def sustained_distress(
    data: Any, *, today: datetime | None = None
) -> CareSignal | None:
    """Apply the rule to one person's journal.

    Parameters
    ----------
    data : DataFrame or Journal
        ``journal.frame()`` of one person (never a pooled team frame).
    today : datetime, optional
        The day the window ends (default: now); tests pass a fixed one.

    Returns
    -------
    CareSignal or None
        None when the rule does not speak.

    Raises
    ------
    NotEnoughData
        For a frame that holds several people.

    Examples
    --------
    >>> import kit
    >>> sustained_distress(kit.Journal.sample()) is None
    True
    """
    frame = _frame_of(data)
    if "pseudonym" in frame.columns and frame["pseudonym"].nunique() > 1:
        raise NotEnoughData(messages.DISTRESS_NOT_ONE_PERSON)
    if not len(frame) or "lookback_heavy_now" not in frame.columns:
        return None
    today = today or datetime.now(timezone.utc)
    since = pd.Timestamp(today - timedelta(days=WINDOW_DAYS))
    answered = frame[
        frame[["lookback_heavy_now", "lookback_dread_next"]].notna().any(axis=1)
        | frame["lookback_sleep"].notna()
    ]
    answered = answered[answered["alert_at"] >= since].sort_values("alert_at")
    recent = answered.tail(RUN)
    if len(recent) < NEEDED:
        return None
    reasons: list[str] = []
    heavy = 0
    for _, row in recent.iterrows():
        found = _heavy_reasons(row)
        heavy += bool(found)
        reasons += [r for r in found if r not in reasons]
    if heavy < NEEDED:
        return None
    return CareSignal(heavy=heavy, total=len(recent), reasons=tuple(reasons))


def care_note(data: Any, *, today: datetime | None = None) -> str | None:
    """The kind note as Markdown text, or None when the rule does not speak.

    It names what the answers were (never what anyone wrote) and where help is:
    someone you trust, a doctor, an employee assistance programme, a crisis line where
    you live. It does not diagnose.
    """
    signal = sustained_distress(data, today=today)
    if signal is None:
        return None
    return "\n\n".join([signal_text(signal), messages.CARE_NOTE_HELP])


def signal_text(signal: CareSignal) -> str:
    """What the look-backs showed, in the kit's words (no help lines)."""
    details = ", ".join(messages.CARE_REASONS[r] for r in signal.reasons)
    return messages.CARE_NOTE_LOOKBACK.format(
        n=signal.heavy, total=signal.total, details=details
    )


def care_markdown(data: Any, *, today: datetime | None = None) -> Any:
    """The kind note for a notebook cell: IPython Markdown, or None (nothing shown)
    when the rule does not speak. Only the kit's own words are in it."""
    note = care_note(data, today=today)
    if note is None:
        return None
    from IPython.display import Markdown

    return Markdown(note)
