"""Tables for people: no index column, no ``NaN``, units in the headers, every row and
column shown.

``table(frame)`` returns an object that Jupyter shows as an accessible HTML table: a
caption, header cells with ``scope``, every value escaped, a missing value as a dash
and a word, whole numbers without ``.0``. A wide table is folded into a region that
scrolls sideways, which a keyboard can reach (``tabindex="0"``, named after the
caption), instead of being cut with ``...``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from . import messages as msg
from ._text import html_escape as esc

__all__ = ["Table", "table", "html_table", "cell_text", "WIDE_COLUMNS"]

WIDE_COLUMNS = 6  # more columns than this scroll sideways in their own region

_STYLE = (
    "<style>.kit-table-wrap { max-width: 100%; overflow-x: auto; }"
    ".kit-table-wrap:focus-visible { outline: 3px solid #3b6584; }"
    ".kit-table { border-collapse: collapse; font-size: 14px; color: #1f3447; }"
    ".kit-table caption { text-align: left; font-weight: 600; padding: 4px 0; }"
    ".kit-table th, .kit-table td { padding: 4px 10px; border-bottom: 1px solid "
    "#c9d6e2; text-align: left; vertical-align: top; }"
    ".kit-table td.kit-num { text-align: right; font-variant-numeric: tabular-nums; }"
    ".kit-table .kit-missing { color: #4b5d6e; }</style>"
)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: Any) -> str:
    """A value as a person reads it: ``— not given`` for a missing one, whole
    numbers without ``.0``, other floats to one decimal.

    Examples
    --------
    >>> cell_text(float("nan")), cell_text(12.0), cell_text(3.14159), cell_text("a")
    ('— not given', '12', '3.1', 'a')
    """
    if _missing(value):
        return msg.TABLE_MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        number = float(value)
        if math.isfinite(number) and number == round(number):
            return f"{number:.0f}"
        return f"{number:.1f}"
    return str(value)


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) or (
        type(value).__name__.startswith(("int", "float"))
    )


def html_table(
    frame, caption: str = "", *, units: Mapping[str, str] | None = None
) -> str:
    """``frame`` (a pandas DataFrame) as an accessible HTML table (see module doc).

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows; its index is left out (make it a column first if it matters).
    caption : str
        Says what the table holds; also names the scrolling region of a wide table.
    units : mapping, optional
        Column name -> unit, shown in the header: ``Panic to action (min)``.

    Returns
    -------
    str
        HTML, every header and value escaped.
    """
    units = dict(units or {})
    heads = "".join(
        f'<th scope="col">{esc(str(col))}'
        + (f" ({esc(units[str(col)])})" if str(col) in units else "")
        + "</th>"
        for col in frame.columns
    )
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for value in values:
            text = cell_text(value)
            if _missing(value):
                cells.append(f'<td class="kit-missing">{esc(text)}</td>')
            elif _is_number(value):
                cells.append(f'<td class="kit-num">{esc(text)}</td>')
            else:
                cells.append(f"<td>{esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    body = (
        f'<table class="kit-table">{cap}<thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if len(frame.columns) > WIDE_COLUMNS:
        name = esc(msg.TABLE_REGION.format(caption=caption or ""))
        note = f'<p class="kit-help">{esc(msg.TABLE_WIDE_NOTE)}</p>'
        body = (
            f'{note}<div class="kit-table-wrap" role="region" tabindex="0" '
            f'aria-label="{name}">{body}</div>'
        )
    return _STYLE + body


class Table:
    """A table Jupyter shows as ``html_table``; ``.frame`` holds the data."""

    def __init__(
        self, frame, caption: str = "", units: Mapping[str, str] | None = None
    ):
        self.frame = frame
        self.caption = caption
        self.units = dict(units or {})

    def _repr_html_(self) -> str:
        return html_table(self.frame, self.caption, units=self.units)

    def __repr__(self) -> str:
        return f"Table({self.caption!r}, {len(self.frame)} rows)"


def table(frame, caption: str = "", units: Mapping[str, str] | None = None) -> Table:
    """``frame`` shown for people (see ``html_table``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"minutes": [12.0, None]}), "Panic to action")
    >>> "— not given" in t._repr_html_() and "NaN" not in t._repr_html_()
    True
    """
    return Table(frame, caption, units)
