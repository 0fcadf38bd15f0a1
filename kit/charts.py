"""Matplotlib charts of the trend: a tidy DataFrame in, the Axes out.

Each chart takes the columns to use as keyword arguments, draws on ``ax`` (default: the
current Axes), passes ``**kwargs`` to its main matplotlib call and returns the Axes. A
chart never shows, prints, or opens a figure of its own when it is given an Axes. When
there is nothing to draw, the chart says so in words instead of showing empty axes.

One calm palette (blues, teals and greys, no alarm red; ``kit.chart_style``); every
word on a chart comes from ``kit.messages`` and nothing a person typed is drawn: the
timeline (``kit.phase_chart``) shows the kind of each event, never its text.
:data:`PERSONAL_CHARTS` is the one list of the four charts a journal is summed up by;
``save_pngs`` (``kit.chart_files``) and the report both draw from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from . import messages, metrics
from .chart_style import (
    EVENT_STYLE,
    FIT_GID,
    PALETTE,
    SEVERITY_STYLE,
    calm,
    current_axes,
    legend_below,
    say,
    shade_band,
)
from .multiples_chart import small_multiples
from .phase_chart import phase_timeline
from .record import SYMPTOMS, Incident

__all__ = [
    "PALETTE",
    "calm",
    "say",
    "SEVERITY_STYLE",
    "EVENT_STYLE",
    "CLEAR_NOT_CALM",
    "ChartSpec",
    "PERSONAL_CHARTS",
    "panic_to_action",
    "body_heatmap",
    "clarity_vs_distress",
    "phase_timeline",
    "small_multiples",
    "night_and_day",
]

# "Clear while not calm": peak distress of 5 or more with clarity of 50 or more, the
# upper-right quarter of the distress-clarity plane.
CLEAR_NOT_CALM = {"distress": (5.0, 10.0), "clarity": (50.0, 100.0)}


# --- panic to action ------------------------------------------------------------------


def panic_to_action(
    data: pd.DataFrame,
    *,
    x: str = "incident_no",
    y: str = "panic_to_action_min",
    hue: str | None = "severity",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Minutes from the alert to the first deliberate step, incident by incident.

    Raw points on linear axes, joined in order; the 3-5 incident band shaded and
    labelled; severity shown by colour and marker; and, with 3 or more timed incidents,
    the descriptive log-log line, dashed and drawn only over the incidents it describes.

    Parameters
    ----------
    data : DataFrame
        ``journal.frame()``: one row per incident.
    x, y : str
        Columns with the incident number and the minutes.
    hue : str or None
        Column with the severity (None: one style for all points).
    ax : Axes, optional
        Where to draw (default: the current Axes).
    **kwargs
        Passed to ``ax.plot`` for the raw points.

    Returns
    -------
    Axes
        ``ax.lines[0]`` holds the raw points; the descriptive line, when drawn, is the
        line labelled ``messages.CHART_FIT_LABEL``.

    Examples
    --------
    >>> import kit
    >>> from matplotlib.figure import Figure
    >>> ax = panic_to_action(kit.Journal.sample().frame(), ax=Figure().add_subplot())
    >>> ax.lines[0].get_xydata()[:, 1].tolist()
    [12.0, 7.0, 8.5, 3.0, 1.5]
    """
    ax = current_axes(ax)
    found = metrics.trend(data, x=x, y=y)
    points = found.points
    if points.empty:
        return say(ax, messages.CHART_EMPTY)
    low, high = metrics.BAND
    shade_band(ax, low, high, messages.CHART_BAND_LABEL)
    xs = points["incident_no"].to_numpy(dtype="float64")
    ys = points["minutes"].to_numpy(dtype="float64")
    style: dict[str, Any] = {"color": PALETTE["grey"], "linewidth": 1.2, "zorder": 2}
    style.update(kwargs)
    style.setdefault("label", messages.CHART_POINTS_LABEL)
    ax.plot(xs, ys, **style)
    if hue is not None and hue in data.columns:
        lookup = data.drop_duplicates(x).set_index(x)[hue]
        groups = lookup.reindex(points["incident_no"]).to_numpy()
    else:
        groups = np.array([None] * len(points), dtype=object)
    for severity in [*SEVERITY_STYLE]:
        chosen = np.array(
            [(g if isinstance(g, str) else None) == severity for g in groups]
        )
        if not chosen.any():
            continue
        colour, marker = SEVERITY_STYLE[severity]
        label = severity if severity is not None else messages.CHART_SEVERITY_UNKNOWN
        if hue is None or hue not in data.columns:
            label = messages.CHART_POINTS_LABEL
        ax.scatter(
            xs[chosen],
            ys[chosen],
            color=colour,
            marker=marker,
            s=56,
            zorder=3,
            edgecolors="white",
            linewidths=0.8,
            label=label,
        )
    top = max(ys.max(), 1.0)
    if found.fit is not None:
        line = found.fit.line()
        top = max(top, float(line["y"].max()))
        ax.plot(
            line["x"],
            line["y"],
            linestyle="--",
            color=PALETTE["teal"],
            linewidth=1.4,
            zorder=2.5,
            label=messages.CHART_FIT_LABEL,
            gid=FIT_GID,  # a description, not data: left out of the alt text
        )
    ax.set_xlim(0.5, max(high, xs.max()) + 0.5)
    ax.set_ylim(0, top * 1.12)
    ax.text(
        (low + high) / 2,
        0.98,
        messages.CHART_BAND_TEXT,
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize="small",
        color=PALETTE["teal"],
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(messages.CHART_PANIC_XLABEL)
    ax.set_ylabel(messages.CHART_PANIC_YLABEL)
    ax.set_title(messages.CHART_PANIC_TITLE)
    legend_below(ax)
    calm(ax)
    return ax


# --- the body -------------------------------------------------------------------------


def body_heatmap(
    data: pd.DataFrame,
    *,
    x: str = "incident_no",
    symptoms: list[str] | None = None,
    ax: Axes | None = None,
    colorbar: bool = True,
    **kwargs: Any,
) -> Axes:
    """How strongly each body response was felt (0-10), incident by incident.

    Parameters
    ----------
    data : DataFrame
        ``journal.frame()``, with one ``symptom_<name>`` column per response.
    x : str
        Column with the incident number.
    symptoms : list of str, optional
        Which responses to show (names from ``kit.record.SYMPTOMS``). Default: those
        rated above 0 in at least one incident.
    ax : Axes, optional
    colorbar : bool
        Add a colourbar for the 0-10 scale beside the Axes.
    **kwargs
        Passed to ``ax.imshow``.

    Returns
    -------
    Axes
        ``ax.images[0].get_array()`` holds the intensities, one row per response (in
        the order of the y tick labels) and one column per incident.
    """
    ax = current_axes(ax)
    if data.empty:
        return say(ax, messages.CHART_EMPTY)
    ordered = data.sort_values(x, kind="stable")
    names = list(symptoms) if symptoms is not None else [
        name
        for name in SYMPTOMS
        if f"symptom_{name}" in ordered.columns
        and (pd.to_numeric(ordered[f"symptom_{name}"], errors="coerce") > 0).any()
    ]
    if not names:
        return say(ax, messages.CHART_HEATMAP_NONE)
    matrix = np.vstack(
        [
            pd.to_numeric(ordered[f"symptom_{name}"], errors="coerce").to_numpy(
                dtype="float64"
            )
            for name in names
        ]
    )
    style: dict[str, Any] = {
        "cmap": PALETTE["cmap"],
        "vmin": 0,
        "vmax": 10,
        "aspect": "auto",
        "interpolation": "nearest",
    }
    style.update(kwargs)
    image = ax.imshow(matrix, **style)
    numbers = ordered[x].tolist()
    ax.set_xticks(range(len(numbers)), labels=[str(n) for n in numbers])
    ax.set_yticks(
        range(len(names)), labels=[messages.SYMPTOM_LABELS.get(n, n) for n in names]
    )
    if matrix.size <= 300:  # numbers in the cells while they stay readable
        for (row, col), value in np.ndenumerate(matrix):
            if not math.isnan(value):
                ax.text(
                    col,
                    row,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize="small",
                    color="white" if value >= 6 else PALETTE["ink"],
                )
    ax.set_xlabel(messages.CHART_HEATMAP_XLABEL)
    ax.set_title(messages.CHART_HEATMAP_TITLE)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(length=0, labelcolor=PALETTE["ink"])
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
        bar.set_label(messages.CHART_HEATMAP_COLORBAR, color=PALETTE["ink"])
        bar.outline.set_visible(False)
    return ax


# --- clarity while not calm -----------------------------------------------------------


def clarity_vs_distress(
    data: pd.DataFrame,
    *,
    x: str = "distress_peak",
    y: str = "clarity_next_step",
    number: str = "incident_no",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Peak distress (0-10) against clarity of the next step (0-100), in order.

    Points are numbered by incident and joined in order. The "clear while not calm"
    region (distress 5 or more, clarity 50 or more) is shaded and named: the skill is
    a clear next step while you are not calm, not calm itself.

    Parameters
    ----------
    data : DataFrame
        ``journal.frame()``.
    x, y, number : str
        Columns with the distress, the clarity and the incident number.
    ax : Axes, optional
    **kwargs
        Passed to ``ax.plot`` for the joined points.

    Returns
    -------
    Axes
        ``ax.lines[0]`` holds the (distress, clarity) points in incident order; the
        region is the patch labelled ``messages.CHART_CLARITY_REGION``.
    """
    ax = current_axes(ax)
    rows = pd.DataFrame(
        {
            "no": pd.to_numeric(data[number], errors="coerce") if len(data) else [],
            "x": pd.to_numeric(data[x], errors="coerce") if len(data) else [],
            "y": pd.to_numeric(data[y], errors="coerce") if len(data) else [],
        }
    ).dropna()
    if rows.empty:
        return say(ax, messages.CHART_EMPTY)
    rows = rows.sort_values("no", kind="stable")
    (x0, x1), (y0, y1) = CLEAR_NOT_CALM["distress"], CLEAR_NOT_CALM["clarity"]
    region = Rectangle(
        (x0, y0),
        x1 - x0 + 0.5,
        y1 - y0 + 5,
        facecolor=PALETTE["region"],
        edgecolor="none",
        zorder=0,
        label=messages.CHART_CLARITY_REGION,
    )
    ax.add_patch(region)
    ax.text(
        x1 + 0.3,
        y1 + 3,
        messages.CHART_CLARITY_REGION,
        ha="right",
        va="top",
        color=PALETTE["blue"],
        fontsize="small",
        fontstyle="italic",
    )
    style = {
        "color": PALETTE["teal"],
        "marker": "o",
        "markersize": 7,
        "linewidth": 1.2,
        "markerfacecolor": PALETTE["teal"],
        "markeredgecolor": "white",
        "label": messages.CHART_CLARITY_PATH,
        "zorder": 2,
    }
    style.update(kwargs)
    ax.plot(rows["x"].to_numpy(), rows["y"].to_numpy(), **style)
    # one label per spot: incidents at the same point share it ("2, 3")
    for (px, py), group in rows.groupby(["x", "y"], sort=False):
        label = ", ".join(str(int(n)) for n in group["no"])
        ax.annotate(
            label,
            (px, py),
            xytext=(6, 6),
            textcoords="offset points",
            color=PALETTE["ink"],
            fontsize="small",
        )
    ax.set_xlim(-0.5, 10.5)
    ax.set_ylim(-5, 105)
    ax.set_xticks(range(0, 11, 1))
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlabel(messages.CHART_CLARITY_XLABEL)
    ax.set_ylabel(messages.CHART_CLARITY_YLABEL)
    ax.set_title(messages.CHART_CLARITY_TITLE)
    ax.legend(frameon=False, fontsize="small", loc="lower left")
    calm(ax)
    return ax


# --- the 3 AM view --------------------------------------------------------------------


def night_and_day(
    data: pd.DataFrame,
    *,
    x: str = "hour",
    y: str = "panic_to_action_min",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A measure by the local hour of each alert, night hours shaded and labelled.

    Night and day incidents differ by marker shape and fill as well as colour (filled
    diamonds at night, open circles by day), and the legend names both. One window
    (``data.attrs["night"]``, else ``kit.metrics.NIGHT``) gives both the shaded hours
    and which points are night, so the two always agree.

    Parameters
    ----------
    data : DataFrame
        ``kit.metrics.alert_hours(journal)``: one row per incident with the local hour.
    x, y : str
        Columns with the local hour (0-23) and the measure.
    ax : Axes, optional
        Where to draw (default: the current Axes).
    **kwargs
        Passed to both ``ax.plot`` calls of the points.

    Returns
    -------
    Axes
        ``ax.lines[0]`` holds the night points and ``ax.lines[1]`` the day points
        (a side with no incidents draws no line).

    Examples
    --------
    >>> import kit
    >>> ax = night_and_day(kit.metrics.alert_hours(kit.Journal.sample()))
    >>> ax.lines[0].get_xydata()[:, 0].tolist()  # the night incident's local hour
    [22.0]
    """
    ax = current_axes(ax)
    hours = pd.to_numeric(data[x], errors="coerce") if len(data) else pd.Series([])
    values = pd.to_numeric(data[y], errors="coerce") if len(data) else pd.Series([])
    known = hours.notna() & values.notna()
    if not known.any():
        return say(ax, messages.CHART_HOURS_EMPTY)
    start, end = data.attrs.get("night", metrics.NIGHT)
    spans = [(start, end)] if start < end else [(start, 24), (0, end)]
    for index, (low, high) in enumerate(spans):
        ax.axvspan(
            low - 0.5,
            high - 0.5,
            color=PALETTE["band"],
            zorder=0,
            linewidth=0,
            label=None if index else messages.CHART_HOURS_NIGHT_BAND.format(
                start=f"{start:02d}:00", end=f"{end:02d}:00"
            ),
        )
    at_night = pd.Series(metrics.is_night(hours.to_numpy(), (start, end)),
                         index=hours.index, dtype=bool)
    styles = {
        "night": {"marker": "D", "color": PALETTE["navy"], "markerfacecolor":
                  PALETTE["navy"]},
        "day": {"marker": "o", "color": PALETTE["teal"], "markerfacecolor": "white"},
    }
    for side, mask in (("night", at_night), ("day", ~at_night)):
        chosen = known & mask
        if not chosen.any():
            continue
        style = {"linestyle": "none", "markersize": 8, "markeredgewidth": 1.5,
                 "zorder": 3, **styles[side], **kwargs}
        style.setdefault("label", messages.CHART_HOURS_POINT_LABELS[side])
        ax.plot(hours[chosen].to_numpy(dtype="float64"),
                values[chosen].to_numpy(dtype="float64"), **style)
    ax.set_xlim(-0.5, 23.5)
    ax.set_xticks(range(0, 24, 3))
    ax.set_xticklabels([f"{hour:02d}:00" for hour in range(0, 24, 3)])
    ax.set_ylim(0, max(float(values[known].max()), 1.0) * 1.12)
    ax.set_xlabel(messages.CHART_HOURS_XLABEL)
    ax.set_ylabel(messages.CHART_HOURS_YLABELS.get(y, y))
    ax.set_title(messages.CHART_HOURS_TITLE)
    legend_below(ax, ncols=3)
    calm(ax)
    return ax


# --- the four charts a journal is summed up by ----------------------------------------


@dataclass(frozen=True)
class ChartSpec:
    """One personal chart: its ``name`` (the PNG's file name and the report's figure
    id; its words are ``kit.messages.REPORT_CHARTS[name]``), its figure ``size`` in
    inches, and ``draw(frame, latest_incident, ax) -> Axes``."""

    name: str
    size: tuple[float, float]
    draw: Callable[[pd.DataFrame, Incident | None, Axes], Axes]


PERSONAL_CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("panic-to-action", (7.5, 4.5),
              lambda frame, latest, ax: panic_to_action(frame, ax=ax)),
    ChartSpec("body", (8.0, 5.0),
              lambda frame, latest, ax: body_heatmap(frame, ax=ax)),
    ChartSpec("clarity", (6.5, 5.0),
              lambda frame, latest, ax: clarity_vs_distress(frame, ax=ax)),
    ChartSpec("timeline", (9.5, 3.6),
              lambda frame, latest, ax: phase_timeline(latest, ax=ax)),
)
