"""Matplotlib charts of the trend: a tidy DataFrame in, the Axes out.

Each chart takes the columns to use as keyword arguments, draws on ``ax`` (default: the
current Axes), passes ``**kwargs`` to its main matplotlib call and returns the Axes. A
chart never shows, prints, or opens a figure of its own when it is given an Axes. When
there is nothing to draw, the chart says so in words instead of showing empty axes.

One calm palette (blues, teals and greys, no alarm red); every word on a chart comes
from ``kit.messages`` and nothing a person typed is drawn: the timeline shows the kind
of each event, never its text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from . import messages, metrics
from .errors import NotEnoughData, SaveFailed
from .journal import default_journal_path
from .record import EVENT_KINDS, SYMPTOMS, Incident
from .storage import PRIVATE_FILE_MODE, atomic_write, private_dir

__all__ = [
    "PALETTE",
    "SEVERITY_STYLE",
    "EVENT_STYLE",
    "CLEAR_NOT_CALM",
    "SavedCharts",
    "panic_to_action",
    "body_heatmap",
    "clarity_vs_distress",
    "phase_timeline",
    "small_multiples",
    "save_pngs",
]

# One palette for every chart: ink, greys, teals and blues.
PALETTE = {
    "ink": "#26343c",
    "grey": "#8a979e",
    "light": "#c9d3d8",
    "band": "#dcecef",
    "region": "#dde8f3",
    "teal": "#2a7f8e",
    "blue": "#2f5f8a",
    "sky": "#6fa8c7",
    "navy": "#1d3550",
    "cmap": "Blues",
}
# Severity is shown twice over, by colour and by marker, so it survives grey printing.
SEVERITY_STYLE = {
    "SEV1": (PALETTE["navy"], "D"),
    "SEV2": (PALETTE["teal"], "o"),
    "SEV3": (PALETTE["sky"], "s"),
    "SEV4": (PALETTE["grey"], "^"),
    None: (PALETTE["light"], "X"),
}
EVENT_STYLE = {
    "action": (PALETTE["teal"], "o"),
    "dead-end": (PALETTE["grey"], "x"),
    "update": (PALETTE["blue"], "s"),
    "breathing": (PALETTE["sky"], "^"),
    "timer": (PALETTE["navy"], "v"),
    "note": (PALETTE["light"], "."),
}
# "Clear while not calm": peak distress of 5 or more with clarity of 50 or more, the
# upper-right quarter of the distress-clarity plane.
CLEAR_NOT_CALM = {"distress": (5.0, 10.0), "clarity": (50.0, 100.0)}
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


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _say(ax: Axes, text: str) -> Axes:
    """Words in place of an empty chart."""
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=PALETTE["ink"],
        fontsize="large",
    )
    return ax


def _legend_below(ax: Axes, ncols: int = 2) -> None:
    """A frameless legend under the Axes, so the chart keeps its full width."""
    ax.legend(
        frameon=False,
        fontsize="small",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncols=ncols,
    )


def _plain(text: Any) -> str:
    """Text drawn literally: a ``$`` would otherwise start matplotlib's math mode."""
    return str(text).replace("$", r"\$")


def _minutes(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _calm(ax: Axes) -> None:
    """The kit's quiet axes: no top or right spine, grey ticks, ink labels."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(PALETTE["grey"])
    ax.tick_params(colors=PALETTE["ink"], labelcolor=PALETTE["ink"])
    ax.title.set_color(PALETTE["ink"])


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
    >>> ax = panic_to_action(kit.Journal.sample().frame())
    >>> ax.lines[0].get_xydata()[:, 1].tolist()
    [12.0, 7.0, 8.5, 3.0, 1.5]
    """
    ax = _axes(ax)
    found = metrics.trend(data, x=x, y=y)
    points = found.points
    if points.empty:
        return _say(ax, messages.CHART_EMPTY)
    low, high = metrics.BAND
    ax.axvspan(
        low - 0.5,
        high + 0.5,
        color=PALETTE["band"],
        zorder=0,
        linewidth=0,
        label=messages.CHART_BAND_LABEL,
    )
    xs = points["incident_no"].to_numpy(dtype="float64")
    ys = points["minutes"].to_numpy(dtype="float64")
    style = {"color": PALETTE["grey"], "linewidth": 1.2, "zorder": 2}
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
    _legend_below(ax)
    _calm(ax)
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
    ax = _axes(ax)
    if data.empty:
        return _say(ax, messages.CHART_EMPTY)
    ordered = data.sort_values(x, kind="stable")
    names = list(symptoms) if symptoms is not None else [
        name
        for name in SYMPTOMS
        if f"symptom_{name}" in ordered.columns
        and (pd.to_numeric(ordered[f"symptom_{name}"], errors="coerce") > 0).any()
    ]
    if not names:
        return _say(ax, messages.CHART_HEATMAP_NONE)
    matrix = np.vstack(
        [
            pd.to_numeric(ordered[f"symptom_{name}"], errors="coerce").to_numpy(
                dtype="float64"
            )
            for name in names
        ]
    )
    style = {
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
    ax = _axes(ax)
    rows = pd.DataFrame(
        {
            "no": pd.to_numeric(data[number], errors="coerce") if len(data) else [],
            "x": pd.to_numeric(data[x], errors="coerce") if len(data) else [],
            "y": pd.to_numeric(data[y], errors="coerce") if len(data) else [],
        }
    ).dropna()
    if rows.empty:
        return _say(ax, messages.CHART_EMPTY)
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
    _calm(ax)
    return ax


# --- one incident against the 45-minute walk ------------------------------------------


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
    ax = _axes(ax)
    if incident is None:
        return _say(ax, messages.CHART_NO_INCIDENT)
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
            f"{item.label} {_minutes(item.planned_min)}",
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
            "label": f"{item.label}: {_minutes(item.actual_min)} min",
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
    _calm(ax)
    ax.tick_params(axis="y", length=0)
    return ax


# --- many people, one panel each ------------------------------------------------------


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
        _say(panels[0], messages.CHART_EMPTY)
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
        panel.set_title(_plain(who), fontsize="medium", color=PALETTE["ink"])
        panel.axvspan(
            low - 0.5,
            high + 0.5,
            color=PALETTE["band"],
            zorder=0,
            linewidth=0,
            label=messages.CHART_BAND_LABEL,
        )
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
                )
        panel.set_xlim(0.5, x_right + 0.5)
        panel.set_ylim(0, max(y_top, 1.0) * 1.15)
        panel.xaxis.set_major_locator(MaxNLocator(integer=True))
        _calm(panel)
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


# --- saving the charts ----------------------------------------------------------------


def _code(value: Any) -> str:
    """Text for a Markdown code span, which cannot hold a backtick."""
    return str(value).replace("`", "'")


class SavedCharts(list):
    """The PNG files written by ``save_pngs`` (a list of Path), shown as a sentence."""

    def __init__(self, paths: list[Path], folder: Path, note: str = "") -> None:
        super().__init__(paths)
        self.folder = folder
        self.note = note

    def _repr_markdown_(self) -> str:
        if not self:
            return self.note or messages.CHARTS_NOTHING_TO_SAVE
        lines = [messages.CHARTS_SAVED.format(n=len(self), folder=_code(self.folder))]
        lines += [f"- `{_code(path.name)}`" for path in self]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)


_FIGURE_SIZES = {
    "panic-to-action": (7.5, 4.5),
    "body": (8.0, 5.0),
    "clarity": (6.5, 5.0),
    "timeline": (9.5, 3.6),
}


def save_pngs(
    journal: Any, folder: str | Path | None = None, *, dpi: int = 150
) -> SavedCharts:
    """Draw the four charts of a journal and save them as PNG files (0600).

    The charts are panic to action, the body heatmap, clarity against distress, and
    the timeline of the latest incident. They are drawn on figures of their own, off
    screen, so nothing appears in the notebook and no open figure is touched.

    Where they go: ``folder`` when given; otherwise a ``charts/`` folder inside the
    journal's folder. The sample journal is read-only, so its charts go to
    ``charts/`` inside *your* journal's folder (``$KIT_JOURNAL`` or ``data/journal``),
    with names starting ``sample-`` so they never pass for your own. Files are
    replaced on each save.

    Parameters
    ----------
    journal : Journal
    folder : str or Path, optional
    dpi : int

    Returns
    -------
    SavedCharts
        A list of the written paths (empty when the journal holds no incidents),
        shown in a notebook as a sentence naming the folder.

    Raises
    ------
    SaveFailed
        When the folder cannot be created or written (nothing half-written is left).
    """
    frame = journal.frame()
    sample = bool(getattr(journal, "is_sample", False))
    prefix = "sample-" if sample else ""
    note = ""
    if folder is not None:
        target = Path(folder).expanduser()
    elif sample or getattr(journal, "read_only", False):
        target = default_journal_path() / "charts"
        note = messages.CHARTS_SAMPLE_FOLDER.format(folder=target.parent)
    else:
        target = Path(journal.path) / "charts"
    if frame.empty:
        return SavedCharts([], target, messages.CHARTS_NOTHING_TO_SAVE)
    try:
        private_dir(target)
    except OSError as error:
        msg = (
            f"the folder {target} could not be created ({error.strerror}): pass "
            "folder= with a folder you can write"
        )
        raise SaveFailed(msg) from None
    latest = metrics.latest_incident(journal)
    drawings: dict[str, Callable[[Axes], Axes]] = {
        "panic-to-action": lambda ax: panic_to_action(frame, ax=ax),
        "body": lambda ax: body_heatmap(frame, ax=ax),
        "clarity": lambda ax: clarity_vs_distress(frame, ax=ax),
        "timeline": lambda ax: phase_timeline(latest, ax=ax),
    }
    paths = []
    for name, draw in drawings.items():
        figure = Figure(figsize=_FIGURE_SIZES[name], layout="constrained")
        draw(figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        path = target / f"{prefix}{name}.png"
        atomic_write(path, buffer.getvalue(), mode=PRIVATE_FILE_MODE)
        paths.append(path)
    return SavedCharts(paths, target, note)
