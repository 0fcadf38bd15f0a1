"""Many people, one small panel each, on shared scales: never one averaged curve.

A learning curve belongs to one person; averaging curves across engineers draws a
curve nobody has. Team charts (``kit.team_charts``) call this with a pooled frame.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import messages, metrics
from .chart_style import FIT_GID, PALETTE, calm, plain, say, shade_band
from .errors import NotEnoughData

__all__ = ["small_multiples"]


def small_multiples(
    data: pd.DataFrame,
    *,
    person: str = "pseudonym",
    x: str = "incident_no",
    y: str = "panic_to_action_min",
    axes: Any = None,
    ncols: int = 4,
    **kwargs: Any,
) -> np.ndarray:
    """One small panel per person on shared scales: never one averaged curve.

    Each panel shows that person's raw points joined in order, the 3-5 incident band,
    and with 3 or more timed incidents their own descriptive log-log line (from
    ``kit.metrics.trend_by_person``) over their own incidents only.

    Parameters
    ----------
    data : DataFrame
        One row per incident, with a column naming the person (a pooled team export).
    person, x, y : str
        Columns with the person, the incident number and the minutes.
    axes : array of Axes, optional
        Panels to draw in, one per person at least (in sorted person order). Default: a
        new figure with a grid of shared-axis panels, ``ncols`` wide.
    ncols : int
        Panels per row of a new grid.
    **kwargs
        Passed to ``ax.plot`` for each person's points.

    Returns
    -------
    numpy.ndarray of Axes
        One Axes per person, in sorted person order (one Axes with words when there is
        nobody to show).

    Raises
    ------
    NotEnoughData
        When ``axes`` holds fewer panels than there are people.
    """
    for column, argument in ((person, "person"), (x, "x"), (y, "y")):
        if column not in data.columns:
            msg = messages.TREND_MISSING_COLUMN.format(column=column, argument=argument)
            raise NotEnoughData(msg)
    people = sorted(pd.unique(data[person].dropna()), key=str)
    created = axes is None
    if created:
        count = max(len(people), 1)
        width = max(1, min(ncols, count))
        nrows = math.ceil(count / width)
        figure, grid = plt.subplots(
            nrows,
            width,
            sharex=True,
            sharey=True,
            squeeze=False,
            figsize=(2.8 * width, 2.3 * nrows + 0.6),
            layout="constrained",
        )
        panels = grid.ravel()
        for spare in panels[count:]:
            spare.set_visible(False)
    else:
        panels = np.asarray(axes, dtype=object).ravel()
        if len(panels) < len(people):
            msg = messages.CHARTS_TOO_FEW_AXES.format(
                people=len(people), axes=len(panels)
            )
            raise NotEnoughData(msg)
    if not people:
        say(panels[0], messages.CHART_EMPTY)
        return np.array(panels[:1], dtype=object)

    fits = metrics.trend_by_person(data, person=person, x=x, y=y)
    xs_all = pd.to_numeric(data[x], errors="coerce")
    ys_all = pd.to_numeric(data[y], errors="coerce")
    x_right = max(metrics.BAND[1], float(xs_all.max()) if xs_all.notna().any() else 0)
    y_top = float(ys_all.max()) if ys_all.notna().any() else 1.0
    low, high = metrics.BAND
    shown = panels[: len(people)]
    for index, (panel, who) in enumerate(zip(shown, people, strict=True)):
        mine = pd.DataFrame(
            {"x": xs_all[data[person] == who], "y": ys_all[data[person] == who]}
        ).dropna().sort_values("x", kind="stable")
        panel.set_title(plain(who), fontsize="medium", color=PALETTE["ink"])
        shade_band(panel, low, high, messages.CHART_BAND_LABEL)
        if mine.empty:
            panel.text(
                0.5,
                0.5,
                messages.CHART_EMPTY_PERSON,
                ha="center",
                va="center",
                transform=panel.transAxes,
                color=PALETTE["grey"],
                fontsize="small",
            )
        else:
            style = {
                "color": PALETTE["teal"],
                "marker": "o",
                "markersize": 4.5,
                "linewidth": 1.1,
                "label": messages.CHART_POINTS_LABEL,
            }
            style.update(kwargs)
            panel.plot(mine["x"].to_numpy(), mine["y"].to_numpy(), **style)
            row = fits.loc[who]
            if not math.isnan(row["b"]):
                used = mine[mine["y"] > 0]
                line_x = np.linspace(used["x"].min(), used["x"].max(), 40)
                panel.plot(
                    line_x,
                    row["a"] * line_x ** -row["b"],
                    linestyle="--",
                    color=PALETTE["navy"],
                    linewidth=1.0,
                    label=messages.CHART_FIT_LABEL,
                    gid=FIT_GID,  # a description, not data: left out of the alt text
                )
        panel.set_xlim(0.5, x_right + 0.5)
        panel.set_ylim(0, max(y_top, 1.0) * 1.15)
        panel.xaxis.set_major_locator(MaxNLocator(integer=True))
        calm(panel)
        if not created:
            panel.set_xlabel(messages.CHART_SMALL_XLABEL, fontsize="small")
            panel.set_ylabel(messages.CHART_SMALL_YLABEL, fontsize="small")
        if index == 0 and not created:
            panel.legend(frameon=False, fontsize="x-small", loc="best")
    if created:
        figure.supxlabel(messages.CHART_SMALL_XLABEL, color=PALETTE["ink"])
        figure.supylabel(messages.CHART_SMALL_YLABEL, color=PALETTE["ink"])
        # one legend for the grid, from the panel with the most kinds of line
        richest = max(shown, key=lambda one: len(one.get_legend_handles_labels()[0]))
        handles, labels = richest.get_legend_handles_labels()
        figure.legend(
            handles,
            labels,
            loc="outside upper center",
            ncols=len(labels),
            frameon=False,
            fontsize="small",
        )
    return np.array(panels[: len(people)], dtype=object)
