"""The phases of one incident against the 45-minute walk: triage, fix, post-mortem.

The walk from the article: five minutes to stop, breathe and triage; twenty to fix,
communicate and document; twenty for the post-mortem and a personal reflection. This
module measures one incident's phases against that plan; ``kit.charts.phase_timeline``
draws them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from . import messages
from .record import Incident

__all__ = ["PLAN_MINUTES", "phases", "latest_incident"]

# The 45-minute walk: triage, then fix, then post-mortem and reflection (minutes).
PLAN_MINUTES = {"triage": 5.0, "fix": 20.0, "post-mortem": 20.0}


def phases(incident: Incident) -> pd.DataFrame:
    """The incident's phases against the 5 / 20 / 20 minute plan.

    - **triage** runs from the alert to the first hands-on step on the problem
      (``hands_on_at``): the plan's first five minutes are for stopping, breathing,
      the one sentence, the broadcast and, without a cause, escalating; fixing starts
      after them. Without a hands-on time, triage's end is unknown (NaN). This is a
      different measure from panic-to-action, which ends at the first step chosen on
      purpose (``first_action_at``), breathing and broadcasting included.
    - **fix** runs from the end of triage until users stopped being affected
      (``mitigated_at``), or until ``resolved_at`` when no mitigation time is known.
    - **post-mortem** has the plan's 20 minutes; the record holds no time for it, so its
      actual length is unknown (NaN) and its start is the end of the fix.

    Parameters
    ----------
    incident : Incident

    Returns
    -------
    DataFrame
        One row per phase (``triage``, ``fix``, ``post-mortem``) with ``label``,
        ``planned_start_min``, ``planned_end_min``, ``planned_min``, ``start_min``,
        ``end_min``, ``actual_min`` (NaN when unknown), ``over_plan_min`` (actual minus
        planned) and ``ended_by`` (the time field that ended it, or None).

    Examples
    --------
    >>> import kit
    >>> first = kit.Journal.sample().load().incidents[0]
    >>> kit.metrics.phases(first)[["phase", "planned_min", "actual_min"]]
             phase  planned_min  actual_min
    0       triage          5.0    3.000000
    1          fix         20.0    9.833333
    2  post-mortem         20.0         NaN
    """
    triage_end: float = math.nan
    triage_by: str | None = None
    hands_on = incident.minutes_to("hands_on_at")
    if hands_on is not None:
        triage_end, triage_by = hands_on, "hands_on_at"
    fix_end: float = math.nan
    fix_by: str | None = None
    for name in ("mitigated_at", "resolved_at"):
        minutes = incident.minutes_to(name)
        if minutes is not None:
            fix_end, fix_by = minutes, name
            break
    if not math.isnan(fix_end) and not math.isnan(triage_end):
        # a hands-on step after mitigation cannot end triage after the fix ended
        triage_end = min(triage_end, fix_end)
    planned_starts = np.cumsum([0.0, *PLAN_MINUTES.values()])
    rows: list[tuple[str, float, float, str | None]] = [
        ("triage", 0.0, triage_end, triage_by),
        ("fix", triage_end, fix_end, fix_by),
        ("post-mortem", fix_end, math.nan, None),
    ]
    records = []
    for index, (phase, start, end, ended_by) in enumerate(rows):
        planned = PLAN_MINUTES[phase]
        actual = end - start
        records.append(
            {
                "phase": phase,
                "label": messages.PHASE_LABELS[phase],
                "planned_start_min": planned_starts[index],
                "planned_end_min": planned_starts[index + 1],
                "planned_min": planned,
                "start_min": start,
                "end_min": end,
                "actual_min": actual,
                "over_plan_min": actual - planned,
                "ended_by": ended_by,
            }
        )
    return pd.DataFrame.from_records(records)


def latest_incident(incidents: Any) -> Incident | None:
    """The incident with the latest alert time, or None when there is none.

    Parameters
    ----------
    incidents : Journal or iterable of Incident
        A journal (its loadable incidents are used) or incidents.

    Examples
    --------
    >>> import kit
    >>> kit.metrics.latest_incident(kit.Journal.sample()).times.alert_at.year
    2026
    """
    if hasattr(incidents, "load"):
        incidents = incidents.load().incidents
    ordered = sorted(incidents, key=lambda inc: (inc.times.alert_at, inc.id))
    return ordered[-1] if ordered else None
