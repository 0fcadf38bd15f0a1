"""Charts people can read in more than one way: a text alternative that carries the
key numbers, and a table of the same data one click away.

Both are read from the drawn Axes (lines, scatter points, heat-map cells, bars), so
every chart of the kit, personal or team, gets them without knowing its columns, and
they can never disagree with the picture.

Inside Jupyter, importing the charts registers ``figure_html`` as the HTML form of a
matplotlib ``Figure``: the inline backend's picture is then shown as
``<figure><img alt="…"><details><table>…</table></details></figure>`` (the PNG is
still in the output for tools that want it).
"""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.patches import Rectangle

from . import messages as msg
from ._text import html_escape as esc

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FIT_GID",
    "Series",
    "series",
    "describe",
    "chart_table",
    "figure_alt",
    "figure_table",
    "figure_html",
    "register",
]

# The gid of a descriptive fit line: drawn to describe the points, not a series of
# data, so the text alternative and the table leave it out.
FIT_GID = "kit-fit"
_MAX_ROWS = 60  # a table longer than this is cut to its first and last rows
_MAX_SERIES = 6  # an alt text names this many series, then says how many more


@dataclass
class Series:
    """One drawn series: its name and its points (x may be words, e.g. tick labels)."""

    name: str
    x: list = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    joined: bool = False  # a line through the points (first and latest matter)


def _num(value: float) -> str:
    """A number as a person reads it: whole when whole, else one decimal."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return msg.TABLE_MISSING
    value = float(value)
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _signed(value: float) -> str:
    text = _num(abs(value))
    return text if abs(value) < 0.05 else ("+" if value > 0 else "-") + text


def _data_lines(ax: Axes) -> list:
    """Lines that carry data: not the axis-spanning reference lines."""
    found = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        if line.get_gid() == FIT_GID:
            continue  # a descriptive fit, not data
        transform = line.get_transform()
        if transform is not ax.transData and not transform.contains_branch(
            ax.transData
        ):
            continue  # axhline / axvline: drawn in axes coordinates on one side
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if x.size == 0 or np.isnan(y).all():
            continue
        found.append(line)
    return found


def series(ax: Axes) -> list[Series]:
    """Every data series drawn on ``ax``, in drawing order."""
    out: list[Series] = []
    lines = _data_lines(ax)
    named = [line for line in lines if not line.get_label().startswith("_")]
    for line in named or lines:
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        label = line.get_label()
        if label.startswith("_") and len(x) == 2 and (x[0] == x[1] or y[0] == y[1]):
            continue  # a segment of a shape (a box's whisker, cap or median)
        joined = line.get_linestyle() not in ("None", "none", "", " ")
        out.append(Series(
            label if not label.startswith("_") else _axis_name(ax, "y"),
            list(x), list(y), joined,
        ))
    for collection in ax.collections:
        offsets = np.asarray(collection.get_offsets(), dtype=float)
        if offsets.ndim != 2 or len(offsets) == 0 or not collection.get_visible():
            continue
        label = str(collection.get_label() or "")
        name = label if label and not label.startswith("_") else _axis_name(ax, "y")
        out.append(Series(name, list(offsets[:, 0]), list(offsets[:, 1])))
    return out


def _axis_name(ax: Axes, which: str) -> str:
    text = ax.get_ylabel() if which == "y" else ax.get_xlabel()
    return text or msg.CHART_SERIES_UNNAMED


def _title(ax: Axes) -> str:
    title = ax.get_title() or ax.get_title("left")
    suptitle = getattr(ax.figure, "_suptitle", None)
    if not title and suptitle is not None:
        title = suptitle.get_text()
    return title or _axis_name(ax, "y")


def _image(ax: Axes):
    return next((im for im in ax.images if im.get_visible()), None)


def _finite(values) -> list[float]:
    """The numbers among ``values`` (dates and text are left out)."""
    found = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if not math.isnan(number):
            found.append(number)
    return found


def describe(ax: Axes) -> str:
    """The text alternative of one chart: its title and, per series, the first and
    latest values and the change (or the range, for a scatter of points).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> _ = ax.plot([1, 2, 3], [12, 7, 4], label="minutes")
    >>> _ = ax.set_title("Panic to action")
    >>> describe(ax)  # doctest: +NORMALIZE_WHITESPACE
    'Chart: Panic to action. minutes: 3 points; the first 12, the latest 4,
     a change of -8.'
    """
    parts = []
    found = series(ax)
    # Events on rows (a timeline): each series keeps one height, and what varies is
    # along x, so the alternative gives the x values.
    rows = bool(found) and all(
        not s.joined and len({v for v in s.y if not math.isnan(v)}) <= 1
        for s in found
    ) and any(len(set(_finite(s.x))) > 1 for s in found)
    for s in found:
        ys = [v for v in s.y if not math.isnan(v)]
        if not ys:
            continue
        xs = _finite(s.x)
        if rows and len(xs) == 1:
            parts.append(msg.CHART_ALT_ONE_AT.format(
                series=s.name, value=_num(xs[0]), axis=_axis_name(ax, "x")))
        elif rows and xs:
            parts.append(msg.CHART_ALT_ALONG.format(
                series=s.name, n=len(xs), axis=_axis_name(ax, "x"),
                low=_num(min(xs)), high=_num(max(xs)),
            ))
        elif s.joined and len(ys) > 1:
            parts.append(msg.CHART_ALT_SERIES.format(
                series=s.name, n=len(ys), first=_num(ys[0]), latest=_num(ys[-1]),
                change=_signed(ys[-1] - ys[0]),
            ))
        elif len(ys) == 1:
            parts.append(msg.CHART_ALT_ONE.format(series=s.name, value=_num(ys[0])))
        else:
            parts.append(msg.CHART_ALT_POINTS.format(
                series=s.name, n=len(ys), low=_num(min(ys)), high=_num(max(ys)),
            ))
    image = _image(ax)
    if image is not None:
        grid = np.ma.masked_invalid(np.asarray(image.get_array(), dtype=float))
        if grid.count():
            parts.append(msg.CHART_ALT_GRID.format(
                rows=grid.shape[0], cols=grid.shape[1],
                low=_num(grid.min()), high=_num(grid.max()),
            ))
    bars = [
        p for p in ax.patches
        if isinstance(p, Rectangle) and p.get_visible() and p.get_width() > 0
    ]
    if not parts and bars:
        widths = [p.get_width() for p in bars]
        parts.append(msg.CHART_ALT_POINTS.format(
            series=_axis_name(ax, "x"), n=len(bars),
            low=_num(min(widths)), high=_num(max(widths)),
        ))
    if len(parts) > _MAX_SERIES:  # the table holds the rest
        more = len(parts) - _MAX_SERIES
        parts = [*parts[:_MAX_SERIES], msg.CHART_ALT_MORE.format(n=more)]
    if not parts:  # shapes only (box plots): the range of what they span
        spans = [
            v for line in _data_lines(ax)
            for v in np.asarray(line.get_ydata(), dtype=float) if not math.isnan(v)
        ]
        if spans:
            parts.append(msg.CHART_ALT_RANGE.format(
                what=_axis_name(ax, "y"), low=_num(min(spans)), high=_num(max(spans)),
            ))
    what = " ".join(parts) if parts else msg.CHART_ALT_EMPTY
    return msg.CHART_ALT.format(title=_title(ax), what=what)


def _ticks(labels) -> list[str]:
    return [t.get_text() for t in labels]


def chart_table(ax: Axes):
    """The numbers drawn on ``ax`` as a tidy table (a ``pandas.DataFrame``): one row
    per x value and one column per series; a heat map gives one row per row label.
    """
    import pandas as pd

    image = _image(ax)
    if image is not None:
        grid = np.asarray(np.ma.filled(image.get_array().astype(float), np.nan))
        rows, cols = _ticks(ax.get_yticklabels()), _ticks(ax.get_xticklabels())
        if len(rows) != grid.shape[0]:
            rows = [str(n + 1) for n in range(grid.shape[0])]
        if len(cols) != grid.shape[1]:
            cols = [str(n + 1) for n in range(grid.shape[1])]
        frame = pd.DataFrame(grid, columns=cols)
        frame.insert(0, _axis_name(ax, "y"), rows)
        return frame
    found = series(ax)
    if not found:
        return pd.DataFrame()
    xname = _axis_name(ax, "x")
    if len({len(s.x) for s in found}) == 1 and all(
        s.x == found[0].x for s in found
    ):
        frame = pd.DataFrame({xname: found[0].x})
        for s in found:
            frame[s.name] = s.y
        return frame
    # Series on different x values: one row per point, the series named.
    return pd.DataFrame(
        [(s.name, x, y) for s in found for x, y in zip(s.x, s.y, strict=True)],
        columns=[msg.CHART_TABLE_SERIES, xname, _axis_name(ax, "y")],
    )


def _axes_with_data(figure: Figure) -> list[Axes]:
    return [
        ax for ax in figure.axes
        if ax.get_visible() and ax.axison
        and (_data_lines(ax) or series(ax) or _image(ax) is not None)
        and not ax.get_label() == "<colorbar>"
    ]


def figure_alt(figure: Figure) -> str:
    """The text alternative of a whole figure: one ``describe`` per chart in it."""
    axes = _axes_with_data(figure)
    if not axes:
        texts = [t.get_text() for ax in figure.axes for t in ax.texts if t.get_text()]
        return msg.CHART_ALT.format(
            title=_title(figure.axes[0]) if figure.axes else msg.CHART_UNTITLED,
            what=" ".join(texts) or msg.CHART_ALT_EMPTY,
        )
    return " ".join(describe(ax) for ax in axes)


def figure_table(figure: Figure) -> str:
    """The figure's numbers as HTML tables (one per chart), for a ``<details>``."""
    from .tables import html_table

    parts = []
    for ax in _axes_with_data(figure):
        frame = chart_table(ax)
        if frame.empty:
            continue
        if len(frame) > _MAX_ROWS:
            frame = frame.iloc[list(range(_MAX_ROWS // 2)) + list(
                range(len(frame) - _MAX_ROWS // 2, len(frame)))]
        parts.append(html_table(frame, caption=_title(ax)))
    return "".join(parts)


def figure_html(figure: Figure, *, dpi: float | None = None) -> str:
    """The figure as ``<img alt>`` with its table one click away (``<details>``)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=dpi or "figure")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    table = figure_table(figure)
    details = (
        f"<details><summary>{esc(msg.CHART_TABLE_SUMMARY)}</summary>{table}</details>"
        if table else ""
    )
    return (
        '<figure class="kit-chart" style="margin: 0">'
        f'<img src="data:image/png;base64,{data}" alt="{esc(figure_alt(figure))}" '
        'style="max-width: 100%; height: auto">'
        f"{details}</figure>"
    )


def register() -> bool:
    """Show every matplotlib Figure in this IPython session as ``figure_html``.

    Returns True when a session was found (inside Jupyter), False otherwise.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["text/html"].for_type(Figure, figure_html)
    return True
