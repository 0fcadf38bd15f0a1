"""The team's charts: a pooled frame in, the Axes out, in the personal charts' look.

Every chart here draws only what :mod:`kit.privacy` lets through: below
:data:`kit.privacy.MIN_PEOPLE` people a chart shows words instead of figures, and
hidden groups get no mark. Colours and the quiet axes come from :mod:`kit.chart_style`,
the look the personal charts share; the per-person panels are
:func:`kit.multiples_chart.small_multiples`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from . import messages
from .chart_style import PALETTE, calm, current_axes, legend_below, say
from .multiples_chart import small_multiples
from .privacy import (
    MIN_PEOPLE,
    by_incident_number,
    count_people,
    systemic_share,
    technique_comparison,
)

__all__ = [
    "small_multiples_chart",
    "incident_number_chart",
    "systemic_share_chart",
    "techniques_chart",
    "night_and_day_chart",
]


def _hidden(ax: Axes, text: str | None = None) -> Axes:
    """Words instead of a figure, wrapped to fit a small panel."""
    words = text or messages.CHART_HIDDEN.format(min_people=MIN_PEOPLE)
    lines = [textwrap.fill(line, 56) for line in words.split("\n")]
    return say(ax, "\n".join(lines))


def small_multiples_chart(data: pd.DataFrame, *, person: str = "pseudonym",
                          x: str = "incident_no", y: str = "panic_to_action_min",
                          axes=None, ncols: int = 4, **kwargs) -> np.ndarray:
    """One panel per pseudonym (:func:`kit.charts.small_multiples`), never one curve.

    Below :data:`~kit.privacy.MIN_PEOPLE` people the panels are hidden too (in a small
    room it is easy to tell whose curve is whose) and a single Axes says so.

    Returns
    -------
    numpy.ndarray of Axes
    """
    if count_people(data, person) < MIN_PEOPLE:
        if axes is None:
            _, ax = plt.subplots(figsize=(6, 1.6))
        else:
            ax = np.asarray(axes).ravel()[0]
        _hidden(ax, messages.PANELS_HIDDEN.format(min_people=MIN_PEOPLE))
        return np.array([ax])
    return small_multiples(data, person=person, x=x, y=y, axes=axes,
                                  ncols=ncols, **kwargs)


def incident_number_chart(data: pd.DataFrame, *, value: str = "panic_to_action_min",
                          ax: Axes | None = None, **kwargs) -> Axes:
    """Boxes of panic to action at each incident number where enough people contribute.

    Each box is the spread across people at that step (quartiles and median); hidden
    numbers are left empty. ``**kwargs`` go to ``ax.bxp``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = current_axes(ax)
    table = by_incident_number(data, value=value)
    people = table.attrs["people"]
    if people < MIN_PEOPLE or not table["shown"].any():
        return _hidden(ax)
    shown = table.loc[table["shown"]]
    stats = [{"med": median, "q1": q1, "q3": q3, "whislo": q1, "whishi": q3,
              "label": str(number), "fliers": []}
             for number, q1, median, q3 in zip(shown["incident_no"], shown["q1"],
                                               shown["median"], shown["q3"],
                                               strict=True)]
    kwargs.setdefault("patch_artist", True)
    kwargs.setdefault("boxprops", {"facecolor": PALETTE["band"],
                                   "edgecolor": PALETTE["teal"]})
    kwargs.setdefault("medianprops", {"color": PALETTE["navy"], "linewidth": 2})
    kwargs.setdefault("whiskerprops", {"color": PALETTE["teal"]})
    kwargs.setdefault("capprops", {"color": PALETTE["teal"]})
    ax.bxp(stats, positions=shown["incident_no"].to_numpy(dtype=float),
           showfliers=False, **kwargs)
    calm(ax)
    labels = messages.CHART_LABELS
    ax.set_xlabel(labels["incident_no"])
    ax.set_ylabel(labels["panic_to_action_min"])
    ax.set_title(labels["by_number_title"].format(people=people) + "\n"
                 + labels["by_number_note"].format(min_people=MIN_PEOPLE),
                 fontsize="medium")
    ax.set_ylim(bottom=0)
    return ax


def systemic_share_chart(data: pd.DataFrame, *, ax: Axes | None = None,
                         **kwargs) -> Axes:
    """Horizontal bars: the share of pooled incidents in each ``whose`` category.

    Hidden groups get no bar and are labelled "hidden". ``**kwargs`` go to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = current_axes(ax)
    if count_people(data) < MIN_PEOPLE:
        return _hidden(ax)
    table = systemic_share(data).iloc[:-1]
    shares = table["value"].fillna(0).to_numpy()
    positions = np.arange(len(table))[::-1]
    kwargs.setdefault("color", PALETTE["teal"])
    ax.barh(positions, shares, **kwargs)
    calm(ax)
    for position, shown, share in zip(positions, table["shown"], shares, strict=True):
        text = f"{share:.0%}" if shown else messages.TEAM_HIDDEN_CELL
        ax.text(share + 0.01, position, text, va="center", color=PALETTE["ink"])
    ax.set_yticks(positions, list(table["group"]))
    ax.set_xlim(0, 1)
    ax.set_xlabel(messages.CHART_LABELS["share_axis"])
    ax.set_title(messages.CHART_LABELS["share_title"])
    return ax


def techniques_chart(data: pd.DataFrame, *, value: str = "panic_to_action_min",
                     ax: Axes | None = None, **kwargs) -> Axes:
    """Median panic to action with (filled) and without (open) each technique.

    Hidden pairs are left out and labelled. ``**kwargs`` go to ``ax.plot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = current_axes(ax)
    table = technique_comparison(data, value=value)
    if table.attrs["people"] < MIN_PEOPLE:
        return _hidden(ax)
    names = list(dict.fromkeys(table.index))  # the record's techniques, in order
    position = {name: len(names) - 1 - i for i, name in enumerate(names)}
    used = table.loc[table["used"] & table["shown"]]
    not_used = table.loc[~table["used"] & table["shown"]]
    ax.plot(used["value"], [position[n] for n in used.index], "o",
            color=PALETTE["teal"], label=messages.TECHNIQUE_USED, **kwargs)
    ax.plot(not_used["value"], [position[n] for n in not_used.index], "o",
            color=PALETTE["grey"], markerfacecolor="none",
            label=messages.TECHNIQUE_NOT_USED, **kwargs)
    calm(ax)
    for name in names:
        if not table.loc[[name], "shown"].all():
            ax.text(0, position[name], "  " + messages.TEAM_HIDDEN_CELL, va="center",
                    color=PALETTE["ink"])
    ax.set_yticks(list(position.values()),
                  [messages.TECHNIQUE_SHORT[name] for name in position])
    ax.set_xlim(left=0)
    ax.set_xlabel(messages.CHART_LABELS["techniques_axis"])
    ax.set_title(messages.CHART_LABELS["techniques_title"] + "\n"
                 + messages.CHART_LABELS["techniques_note"], fontsize="medium")
    legend_below(ax)
    return ax


def night_and_day_chart(data: pd.DataFrame, *, value: str = "panic_to_action_min",
                        night: str = "night", person: str = "pseudonym",
                        ax: Axes | None = None, **kwargs) -> Axes:
    """Median minutes to the first deliberate step at night and by day, pooled.

    Each side is drawn only with :data:`MIN_PEOPLE` people or more behind it (and the
    other side is hidden too when it would give the hidden one away; see
    :func:`kit.privacy.pooled_night_and_day`). Night is a hatched bar and day a plain
    one, each labelled with its people and incidents, so colour carries nothing alone.
    Exports carry no time of day yet: without a ``night`` column the chart says so.
    ``**kwargs`` go to ``ax.bar``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .privacy import pooled_night_and_day

    ax = current_axes(ax)
    if night not in data.columns:
        return _hidden(ax, messages.HOURS_POOL_NEEDS_NIGHT.format(column=night))
    table = pooled_night_and_day(data, value=value, night=night, person=person)
    sides = table.iloc[:-1].reset_index(drop=True)
    if count_people(data, person) < MIN_PEOPLE or not sides["shown"].any():
        return _hidden(ax)
    looks = ({"hatch": "//", "color": PALETTE["band"], "edgecolor": PALETTE["navy"]},
             {"color": PALETTE["teal"], "edgecolor": PALETTE["teal"]})
    top = float(sides["value"].max())
    for index, row in sides.iterrows():
        if not row["shown"]:
            ax.text(index, 0, messages.CHART_HOURS_HIDDEN.format(min_people=MIN_PEOPLE),
                    ha="center", va="bottom", color=PALETTE["ink"], fontsize="small")
            continue
        style = {**looks[index % 2], "label": row["group"], **kwargs}
        ax.bar(index, row["value"], width=0.6, **style)
        ax.text(index, row["value"] + top * 0.02, messages.CHART_HOURS_COUNTS.format(
            people=int(row["people"]), incidents=int(row["incidents"])),
            ha="center", va="bottom", color=PALETTE["ink"], fontsize="small")
    ax.set_xticks(range(len(sides)), list(sides["group"]))
    ax.set_ylim(0, top * 1.2)
    ax.set_ylabel(messages.CHART_HOURS_POOLED_YLABEL)
    ax.set_title(messages.CHART_HOURS_POOLED_TITLE)
    calm(ax)
    return ax
