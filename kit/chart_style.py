"""The look every chart of the kit shares: one calm palette and quiet axes.

Personal charts (``kit.charts``) and team charts draw with these, so a person sees
one visual language throughout: blues, teals and greys (no alarm red), no top or right
spine, words in place of an empty chart. Severity and event kinds are shown by colour
*and* marker, so they survive grey printing and colour-blind eyes.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .alt_text import FIT_GID

__all__ = [
    "PALETTE",
    "SEVERITY_STYLE",
    "EVENT_STYLE",
    "calm",
    "say",
    "shade_band",
    "legend_below",
    "plain",
    "current_axes",
    "FIT_GID",
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


def current_axes(ax: Axes | None) -> Axes:
    """``ax``, or the current Axes when None (never a new figure when given one)."""
    found = plt.gca() if ax is None else ax
    _show_with_text()  # after gca: starting the inline backend resets the formatters
    return found


def calm(ax: Axes) -> Axes:
    """Give ``ax`` the kit's quiet look: no top or right spine, grey ticks, ink
    labels. Returns ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = calm(Figure().add_subplot())
    >>> ax.spines["top"].get_visible()
    False
    """
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(PALETTE["grey"])
    ax.tick_params(colors=PALETTE["ink"], labelcolor=PALETTE["ink"])
    ax.title.set_color(PALETTE["ink"])
    _show_with_text()
    return ax


def say(ax: Axes, text: str) -> Axes:
    """Words in place of an empty chart (axes hidden). Returns ``ax``."""
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


def shade_band(ax: Axes, low: float, high: float, label: str) -> Axes:
    """Shade incident numbers ``low`` to ``high`` behind the points (the article's
    three to five), named ``label`` in the legend. Returns ``ax``."""
    ax.axvspan(
        low - 0.5,
        high + 0.5,
        color=PALETTE["band"],
        zorder=0,
        linewidth=0,
        label=label,
    )
    return ax


def legend_below(ax: Axes, ncols: int = 2) -> None:
    """A frameless legend under the Axes, so the chart keeps its full width."""
    ax.legend(
        frameon=False,
        fontsize="small",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncols=ncols,
    )


def plain(text: Any) -> str:
    """Text drawn literally: a ``$`` would otherwise start matplotlib's math mode."""
    return str(text).replace("$", r"\$")


def _show_with_text() -> None:
    """Inside Jupyter, show every figure with its text alternative and its table
    (``kit.alt_text.figure_html``); elsewhere nothing changes.

    Called on import and again by ``calm`` and ``current_axes``: IPython forgets
    every figure formatter when the inline backend starts, which happens at the
    first figure, so registering once at import is not enough.
    """
    from . import alt_text

    alt_text.register()


_show_with_text()
