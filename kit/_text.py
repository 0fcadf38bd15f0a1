"""The kit's one way of making text safe and of writing numbers and times for people.

- :func:`html_escape` for anything shown as HTML (text and attribute values).
- :func:`md_escape` for anything put into Markdown (``inline=True`` for titles and
  table cells, which must stay on one line).
- :func:`minutes`, :func:`clock`, :func:`hm`, :func:`hms` for durations and times.
- :class:`Markdown` for text a notebook should show as Markdown.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

__all__ = ["Markdown", "html_escape", "md_escape", "minutes", "clock", "hm", "hms"]

# Line breaks of every kind become \n; other control characters are dropped.
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Markdown punctuation that can start markup anywhere in a line (tables, emphasis,
# links, code, headings, strike-through, maths).
_MD_PUNCT = re.compile(r"([\\`*_\[\]#|~$])")
# Markup that only counts at the start of a line: lists, quotes, breaks, setext lines.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


class Markdown(str):
    """A string that Jupyter shows as Markdown (and tests and code read as plain text).

    Whoever builds one has already escaped any text a person typed (:func:`md_escape`).
    """

    def _repr_markdown_(self) -> str:
        return str(self)


def html_escape(value: object) -> str:
    """``value`` as text that is safe inside HTML, attribute values included.

    Examples
    --------
    >>> html_escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def _neutralise(match: re.Match[str]) -> str:
    """Backslash-escape the character that would start a list, quote or rule."""
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def md_escape(text: object, *, inline: bool = False) -> str:
    """Make any text safe and readable inside a Markdown document.

    HTML is escaped, Markdown punctuation that could start markup is backslash-escaped,
    and line starts that would begin a heading, list, quote, code block, table or rule
    are neutralised. With ``inline=True`` (titles, table cells, list items) the text is
    joined into one line.

    Examples
    --------
    >>> md_escape("# <b>hi</b> [x](javascript:alert(1))")
    '\\\\# &lt;b&gt;hi&lt;/b&gt; \\\\[x\\\\](javascript:alert(1))'
    """
    text = _CONTROL.sub("", _NEWLINES.sub("\n", str(text))).replace("\t", " ")
    if inline:
        text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MD_PUNCT.sub(r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        line = line.strip()  # leading spaces would start a code block
        lines.append(_LINE_START.sub(_neutralise, line))
    # Keep paragraphs: at most one blank line in a row.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def minutes(value: float | None, *, missing: str = "—") -> str:
    """A number of minutes for people: ``12``, ``8.5``, ``1.5``; ``missing`` for None.

    Examples
    --------
    >>> minutes(8.5), minutes(12.0), minutes(None)
    ('8.5', '12', '—')
    """
    if value is None or value != value:  # None or NaN
        return missing
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def clock(seconds: float) -> str:
    """``4:05`` or ``1:02:03`` for a number of seconds (never negative)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{mins:02d}:{secs:02d}"
    return f"{mins}:{secs:02d}"


def hm(moment: datetime) -> str:
    """``14:47``."""
    return moment.strftime("%H:%M")


def hms(moment: datetime) -> str:
    """``14:47:05``."""
    return moment.strftime("%H:%M:%S")
