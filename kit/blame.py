"""The wording check: mechanics, not blame.

``check_blame(text)`` reads text one sentence at a time against the rule table in
``kit.messages.postmortem`` and returns a ``BlameFinding`` for each phrase that makes a
person the cause, asks who, closes the question with a label, judges with hindsight,
or turns a hard moment into a verdict on yourself. Each finding says why, kindly, and
offers a way to say it as mechanics. The check reflects; it never blocks a save.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass

from ._text import html_escape
from .messages import postmortem as words
from .messages.postmortem import BLAME_RULES, FRAGMENTS, BlameRule

__all__ = [
    "BlameFinding",
    "BlameRule",
    "RULES",
    "check_blame",
    "check_own_words",
    "strip_quoted",
    "findings_html",
    "explain",
]

#: The rule table (defined with its words in ``kit.messages.postmortem``).
RULES: tuple[BlameRule, ...] = BLAME_RULES

# A rule is tried only this many characters either side of one of its keywords. The
# longest match any rule can make is well under this (every quantifier is bounded).
_REACH = 250

# --- the wording check ---------------------------------------------------------------


@dataclass(frozen=True)
class BlameFinding:
    """A phrase that may read as blame, where it is, why, and a mechanics rewrite.

    Attributes
    ----------
    phrase : str
        The words found, exactly as in the text (``text[span[0]:span[1]]``).
    span : tuple of int
        ``(start, end)`` character offsets into the text that was checked.
    category : str
        ``self-blame``, ``person-as-cause``, ``who-question``, ``blame-word``,
        ``hindsight`` or ``counterfactual``.
    why : str
        Why it may read as blame (kind words, from the rule table).
    rewrite : str
        A suggested way to say it as mechanics.
    rule : str
        The name of the rule in the table that matched.
    """

    phrase: str
    span: tuple[int, int]
    category: str
    why: str
    rewrite: str
    rule: str

    @property
    def start(self) -> int:
        """Where the phrase starts in the text."""
        return self.span[0]

    @property
    def end(self) -> int:
        """Where the phrase ends in the text (exclusive)."""
        return self.span[1]

    @property
    def is_self_blame(self) -> bool:
        """True when the phrase turns an event into a verdict on yourself."""
        return self.category == "self-blame"


_FRAGMENT_RE = re.compile(r"@([A-Z_]{1,30})@")


def _expand(pattern: str, depth: int = 0) -> str:
    """Spell out the ``@FRAGMENT@`` names of a pattern (fragments may use fragments)."""
    if depth > 5:
        msg = "the rule fragments refer to each other in a loop"
        raise ValueError(msg)
    return _FRAGMENT_RE.sub(
        lambda m: _expand(FRAGMENTS[m.group(1)], depth + 1), pattern
    )


def _compile(text: str) -> re.Pattern[str]:
    # A space in a pattern stands for a short run of any whitespace (wrapped lines).
    return re.compile(_expand(text).replace(" ", r"\s{1,8}"), re.IGNORECASE)


def _compile_keywords(text: str) -> re.Pattern[str]:
    # Matched against an ASCII-lower-cased copy without IGNORECASE: several times
    # faster, because the regex engine can then skip ahead to the keywords' letters.
    return re.compile(text.replace(" ", r"\s{1,8}"))


_COMPILED: tuple[tuple[BlameRule, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (rule, _compile(rule.pattern), _compile_keywords(rule.keywords)) for rule in RULES
)

# Curly quotes become straight ones (one character each, so offsets do not move).
_STRAIGHTEN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# Where a sentence ends: after . ! ? (and closing quotes) before whitespace, at a blank
# line, or before a line that starts a list item, a heading, a quote or a table row.
_BOUNDARY = re.compile(
    r"[.!?][\"')\]*_~]{0,3}(?=\s)"
    r"|\n[ \t]{0,20}\n"
    r"|\n(?=[ \t]{0,3}(?:[-*+>#|]|\d{1,9}[.)])[ \t])"
)


_NOT_SPACE = re.compile(r"\S")


def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentences (leading whitespace skipped, empty ones out)."""
    starts: list[int] = []
    ends: list[int] = []
    begin = 0
    cuts = [match.end() for match in _BOUNDARY.finditer(text)] + [len(text)]
    for cut in cuts:
        first = _NOT_SPACE.search(text, begin, cut)
        if first:
            starts.append(first.start())
            ends.append(cut)
        begin = cut
    return starts, ends


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Taken:
    """Non-overlapping spans accepted so far in one sentence (sorted, for bisect)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add_if_free(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)
        if index and self.ends[index - 1] > start:
            return False
        self.starts.insert(index, start)
        self.ends.insert(index, end)
        return True


def check_blame(text: str) -> list[BlameFinding]:
    """Find phrases that may read as blame; say why, and how to say them as mechanics.

    The check looks for a person made the cause of a failure ("X forgot", "X should
    have", "X didn't check", "X pushed a bad ..."), questions about who, labels that
    close the question (an error pinned on people, fault, judgements of character),
    hindsight, counterfactuals about a person's choice, and self-blame turned into a
    verdict on yourself. Plain mechanics, and people doing things ("Sam rolled back the
    deploy at 14:59"), are not flagged. The rules are the table
    ``kit.messages.postmortem.BLAME_RULES``.

    Parameters
    ----------
    text : str
        Any text: one sentence, an answer, a whole document. Rules are tried one
        sentence at a time, only near their keywords, with bounded patterns, so the
        time grows in proportion to the text (about a second for a megabyte).

    Returns
    -------
    list of BlameFinding
        Ordered by position; spans never overlap (where two rules match the same
        words, the one higher in the table wins).

    Examples
    --------
    >>> [f.category for f in check_blame("Sam rolled back the deploy at 14:59.")]
    []
    >>> finding, = check_blame("Who merged this?")
    >>> finding.category, finding.span
    ('who-question', (0, 15))
    """
    if not isinstance(text, str):
        msg = f"check_blame reads text (str), not {type(text).__name__}"
        raise TypeError(msg)
    if not text:
        return []
    straight = text.translate(_STRAIGHTEN)
    lower = straight.translate(_LOWER)  # same length: offsets agree
    starts, ends = _sentences(straight)
    # Which rule to try where: windows around each keyword, per sentence.
    todo: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for number, (_, _, keywords) in enumerate(_COMPILED):
        for hit in keywords.finditer(lower):
            index = bisect.bisect_right(starts, hit.start()) - 1
            if index < 0 or hit.start() >= ends[index]:
                continue
            low = max(starts[index], hit.start() - _REACH)
            high = min(ends[index], hit.end() + _REACH)
            while high < ends[index] and not straight[high].isspace():
                high += 1  # never cut a word in two at the window's end
            todo.setdefault(index, {}).setdefault(number, []).append((low, high))
    findings: list[BlameFinding] = []
    for index in sorted(todo):
        offset = starts[index]
        sentence = straight[offset : ends[index]]  # so that ^ means sentence start
        taken = _Taken()
        for number in sorted(todo[index]):  # table order: the first rule wins
            rule, pattern, _ = _COMPILED[number]
            for low, high in _merge(todo[index][number]):
                for match in pattern.finditer(sentence, low - offset, high - offset):
                    a, b = match.span()
                    # A rule may start at punctuation (the "who" rule): report words.
                    while a < b and not sentence[a].isalnum():
                        a += 1
                    while b > a and sentence[b - 1].isspace():
                        b -= 1
                    if a < b and taken.add_if_free(a, b):
                        span = (offset + a, offset + b)
                        findings.append(
                            BlameFinding(
                                phrase=text[span[0] : span[1]],
                                span=span,
                                category=rule.category,
                                why=rule.why,
                                rewrite=rule.rewrite,
                                rule=rule.name,
                            )
                        )
    findings.sort(key=lambda finding: finding.span)
    return findings


# A quoted counter-example: ~~like this~~ (renders crossed out in Markdown).
_QUOTED = re.compile(r"~~(?:[^~]|~(?!~)){1,5000}?~~")


def strip_quoted(text: str) -> str:
    """Blank out ``~~...~~`` spans (quoted counter-examples), keeping every offset.

    Examples
    --------
    >>> strip_quoted("never ~~who did this~~ again")
    'never                    again'
    """
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def check_own_words(text: str) -> list[BlameFinding]:
    """``check_blame`` for the kit's own writing, where blame is quoted only to show it.

    The convention for every notebook and message: wrap a quoted counter-example in
    strikethrough, ``~~the junior dev forgot~~``, so it renders crossed out ("not
    this"). Those spans are skipped; everything else must pass ``check_blame``.
    """
    return check_blame(strip_quoted(text))



def findings_html(findings: list[BlameFinding]) -> str:
    """The findings as a small HTML list, every phrase escaped (safe for any input).

    A phrase that blames is shown crossed out (the kit's "not this"); a phrase about
    yourself is shown in quotes, with a note about where to find support.
    """
    if not findings:
        return ""
    items = []
    for finding in findings:
        phrase = html_escape(finding.phrase)
        if finding.is_self_blame:
            shown = f"&ldquo;{phrase}&rdquo;"
        else:
            shown = f"<s>{phrase}</s>"
        label = html_escape(words.BLAME_CATEGORY_LABELS.get(finding.category, ""))
        items.append(
            f"<li>{shown} <small>({label})</small><br>{html_escape(finding.why)}"
            f"<br><em>{html_escape(words.POSTMORTEM_FORM['finding_try'])}</em> "
            f"{html_escape(finding.rewrite)}</li>"
        )
    care = ""
    if any(finding.is_self_blame for finding in findings):
        care = f"<p><small>{html_escape(words.SELF_BLAME_CARE)}</small></p>"
    return f"<ul class='kit-findings'>{''.join(items)}</ul>{care}"


def explain(text: str):
    """Show what the check finds in ``text``, in a notebook (escaped HTML).

    Returns
    -------
    IPython.display.HTML
        The findings with why and a rewrite, or a line saying nothing reads as blame.
    """
    from IPython.display import HTML

    findings = check_blame(text)
    if not findings:
        return HTML(f"<p>{html_escape(words.POSTMORTEM_FORM['no_findings'])}</p>")
    return HTML(findings_html(findings))
