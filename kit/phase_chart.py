"""One incident's own timeline against the 45-minute walk (5 / 20 / 20 minutes).

Drawn from the record alone: the plan, this incident's triage and fix, its events by
kind (never their text) and the moments that matter (first deliberate step,
broadcast, escalation, mitigation).
"""

from __future__ import annotations

import math
from typing import Any

from matplotlib.axes import Axes

from . import messages, metrics
from ._text import minutes as minutes_text
from .chart_style import EVENT_STYLE, PALETTE, calm, current_axes, say
from .record import EVENT_KINDS, Incident

__all__ = ["phase_timeline"]

_PHASE_COLOURS = {
    "triage": PALETTE["sky"],
    "fix": PALETTE["teal"],
    "post-mortem": PALETTE["light"],
}
_TIME_MARKS = {
    "first_action": ("first_action_at", "-", PALETTE["teal"]),
    "broadcast": ("broadcast_at", ":", PALETTE["blue"]),
    "escalated": ("escalated_at", "-.", PALETTE["navy"]),
    "mitigated": ("mitigated_at", "--", PALETTE["grey"]),
}


def phase_timeline(
    incident: Incident | None, *, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """One incident's own timeline against the 5 / 20 / 20 minute plan.

    Three rows: the plan; this incident's triage and fix (see ``kit.metrics.phases``;
    the post-mortem is not timed); and what happened, with each event marked by its
    kind. Vertical lines mark the first deliberate step, the broadcast, the escalation
    and when users stopped being affected. Event text is never drawn, only its kind.

    Parameters
    ----------
    incident : Incident or None
        None draws a sentence saying there is no incident yet.
    ax : Axes, optional
    **kwargs
        Passed to ``ax.barh`` for this incident's phase bars.

    Returns
    -------
    Axes
    """
    ax = current_axes(ax)
    if incident is None:
        return say(ax, messages.CHART_NO_INCIDENT)
    table = metrics.phases(incident)
    rows = {"plan": 2.0, "actual": 1.0, "events": 0.0}
    height = 0.55
    for item in table.itertuples():
        colour = _PHASE_COLOURS[item.phase]
        ax.barh(
            rows["plan"],
            item.planned_min,
            left=item.planned_start_min,
            height=height,
            color=colour,
            edgecolor="white",
        )
        ax.text(
            item.planned_start_min + item.planned_min / 2,
            rows["plan"],
            f"{item.label} {minutes_text(item.planned_min)}",
            ha="center",
            va="center",
            fontsize="small",
            color=PALETTE["ink"],
        )
    ends = []
    for item in table.itertuples():
        if math.isnan(item.actual_min):
            continue
        style = {
            "height": height,
            "color": _PHASE_COLOURS[item.phase],
            "edgecolor": "white",
            "label": messages.CHART_PHASE_TOOK.format(
                label=item.label, minutes=minutes_text(item.actual_min)
            ),
        }
        style.update(kwargs)
        ax.barh(rows["actual"], item.actual_min, left=item.start_min, **style)
        ends.append(item.end_min)
    post = table.set_index("phase").loc["post-mortem"]
    not_timed_at = post.start_min
    if math.isnan(not_timed_at):
        not_timed_at = max(ends or [0.0])
    ax.text(
        not_timed_at + 0.8,
        rows["actual"],
        f"{messages.PHASE_LABELS['post-mortem']}: {messages.PHASE_NOT_TIMED}",
        ha="left",
        va="center",
        fontsize="small",
        fontstyle="italic",
        color=PALETTE["grey"],
    )
    alert = incident.times.alert_at
    moments = []
    for kind in EVENT_KINDS:
        at = [
            (event.at - alert).total_seconds() / 60.0
            for event in incident.events
            if event.kind == kind
        ]
        if not at:
            continue
        moments.extend(at)
        colour, marker = EVENT_STYLE[kind]
        ax.scatter(
            at,
            [rows["events"]] * len(at),
            color=colour,
            marker=marker,
            s=46,
            zorder=3,
            label=messages.EVENT_KIND_LABELS[kind],
        )
    for key, (field, linestyle, colour) in _TIME_MARKS.items():
        minutes = incident.minutes_to(field)
        if minutes is None:
            continue
        moments.append(minutes)
        ax.axvline(
            minutes,
            ymin=0.0,
            ymax=0.62,
            linestyle=linestyle,
            color=colour,
            linewidth=1.2,
            zorder=1,
            label=messages.CHART_TIMELINE_MARKS[key],
        )
    right = max([sum(metrics.PLAN_MINUTES.values()), *moments, *ends])
    ax.set_xlim(0, right * 1.05 + 1)
    ax.set_ylim(-0.6, 2.6)
    ax.set_yticks(
        [rows["events"], rows["actual"], rows["plan"]],
        labels=[
            messages.CHART_TIMELINE_ROWS["events"],
            messages.CHART_TIMELINE_ROWS["actual"],
            messages.CHART_TIMELINE_ROWS["plan"],
        ],
    )
    ax.set_xlabel(messages.CHART_TIMELINE_XLABEL)
    ax.set_title(
        messages.CHART_TIMELINE_TITLE.format(date=f"{alert:%d %b %Y}"),
    )
    ax.legend(
        frameon=False,
        fontsize="small",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    calm(ax)
    ax.tick_params(axis="y", length=0)
    return ax
