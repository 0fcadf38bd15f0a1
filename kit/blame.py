"""The wording check: mechanics, not blame.

``check_blame(text)`` reads text one sentence at a time and returns a ``BlameFinding``
for each phrase that makes a person the cause of a failure (``blame_other``), turns a
hard moment into a reproach or a verdict on yourself (``self_blame``), owns a slip of
your own plainly (``ownership``: a kind prompt to add the mechanism), names a cause
that closes the question without naming anyone (``label``: "the cause was human
error"), or judges with hindsight and nobody in it (``hindsight``). Each finding says
why, kindly, and offers a way to say it as mechanics. The check reflects; it never
blocks a save.

How it reads a sentence
-----------------------
The words it knows are data: the lexicons in ``kit/lexicons/`` (people and roles, lapse
verbs and adverbs, judgements, punishment, self-reproach ...). The structure is code:

- **who did what**: a lapse counts against whoever is its subject, found inside the
  clause (``the admin misconfigured``; ``an engineer made a typo``; ``the crew, who
  ...``; the agent of a passive, ``a wrong command entered by a team member``). A
  lapse of a system (``the job failed to start``) or with no person (``the step was
  missed``) is mechanics. A person after a preposition or a causing verb (``causing
  some pilots to mis-set``) is not the subject.
- **whose**: another person is ``blame_other``; ``I`` with a reproach or a verdict is
  ``self_blame``; ``I`` or ``we`` with a plain slip is ``ownership``.
- **scope**: a judgement, a label or a punishment that is denied (``it was not
  carelessness``, ``nobody is at fault``) or that is talk about blame itself (``the
  review avoids blaming human error``) is not blame; nor is a general statement
  (``60% of downtime is attributed to human error``, ``everyone will make
  mistakes``, ``firing someone for one slip ...``). ``Nobody noticed`` names no one:
  it is a hindsight prompt (say what was visible then), not blame.
- **instructions**: a request aimed at what someone did (``please don't merge on a
  red build``, ``next time, run it in staging``) reads as a verdict on them; a request
  with nothing done in it (``please reach out if you have questions``) does not.

Every sentence a person reads (why, rewrite, group labels) lives in
``kit.messages.postmortem``. The time grows in proportion to the text: a sentence is
read only when it holds one of the lexicons' words, and every look-around is bounded.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ._readings import Reading
from ._text import html_escape
from .lexicon import STRAIGHTEN, lexicons
from .messages import postmortem as words

__all__ = [
    "BLAME_CATEGORIES",
    "CATEGORIES",
    "PLACES",
    "BlameFinding",
    "check_blame",
    "check_own_words",
    "explain",
    "findings_html",
    "group_findings",
    "strip_quoted",
]

#: Every category a finding can carry, in the order findings are shown.
CATEGORIES = ("self_blame", "ownership", "blame_other", "label", "hindsight")
#: The categories that are blame (of someone else, or of yourself).
BLAME_CATEGORIES = frozenset({"blame_other", "self_blame"})
#: Where a text was written: a shared post-mortem document, or a private reflection.
PLACES = ("postmortem", "reflection")


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
        ``blame_other``, ``self_blame``, ``ownership``, ``label`` or ``hindsight``.
    reason : str
        What kind of phrase it is: ``lapse``, ``judgement``, ``punishment``,
        ``label``, ``cause``, ``record``, ``question``, ``hindsight``,
        ``counterfactual``, ``identity``, ``reproach`` or ``owned``.
    cues : tuple of str
        The lexicon words that were found (lower case, as the check reads them).
    why : str
        Why it may read as blame (kind words, from ``kit.messages.postmortem``).
    rewrite : str
        A suggested way to say it as mechanics.
    """

    phrase: str
    span: tuple[int, int]
    category: str
    reason: str
    cues: tuple[str, ...]
    why: str
    rewrite: str

    @property
    def start(self) -> int:
        """Where the phrase starts in the text."""
        return self.span[0]

    @property
    def end(self) -> int:
        """Where the phrase ends in the text (exclusive)."""
        return self.span[1]

    @property
    def is_blame(self) -> bool:
        """True for blame of someone else or of yourself."""
        return self.category in BLAME_CATEGORIES

    @property
    def is_self_blame(self) -> bool:
        """True when the phrase reproaches or judges the writer."""
        return self.category == "self_blame"


# --- sentences ------------------------------------------------------------------------

# Where a sentence ends: after . ! ? (and closing quotes) before whitespace, at a blank
# line, or before a line that starts a list item, a heading, a quote or a table row.
_BOUNDARY = re.compile(
    r"[.!?][\"')\]*_~]{0,3}(?=\s)"
    r"|\n[ \t]{0,20}\n"
    r"|\n(?=[ \t]{0,3}(?:[-*+>#|]|\d{1,9}[.)])[ \t])"
)
_NOT_SPACE = re.compile(r"\S")
# Longer "sentences" (a megabyte without a full stop) are read in pieces this long, cut
# at a space: every finding is a few words, so nothing real is lost.
_PIECE = 2_000


def _sentences(text: str) -> list[tuple[int, int]]:
    """Starts and ends of the sentences (leading whitespace skipped, empty ones out)."""
    found: list[tuple[int, int]] = []
    begin = 0
    cuts = [match.end() for match in _BOUNDARY.finditer(text)] + [len(text)]
    for cut in cuts:
        while begin < cut:
            first = _NOT_SPACE.search(text, begin, cut)
            if not first:
                break
            start = first.start()
            end = cut
            if end - start > _PIECE:
                space = text.rfind(" ", start + _PIECE // 2, start + _PIECE)
                end = space if space > start else start + _PIECE
            found.append((start, end))
            begin = end
        begin = cut
    return found


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Every word a reading starts from: a sentence without one is not read further.

    Read as plain runs of letters, so "didn't" gives *didn* and *t*, and
    "fat-fingered" gives *fat*: each piece of every first word is a head.
    """
    skip = {"people", "first-names", "negators", "generic", "cause-markers",
            "failure-words", "action-verbs", "not-lapses", "record-nouns", "purpose",
            "attention-verbs"}
    heads = {"should", "ought", "if", "had", "who", "whoever", "whose", "why", "how",
             "by", "because", "since", "thanks", "due", "not", "never", "nobody",
             "neither", "one", "made", "make", "makes", "making", "committed",
             "caused", "triggered", "sparked", "started", "t", "m", "ve"}
    for name, table in lexicons().items():
        if name not in skip:
            for word in table.first:
                heads.update(_LETTERS.findall(word))
    return frozenset(heads)


def check_blame(text: str, *, where: str = "postmortem") -> list[BlameFinding]:
    """Find phrases that may read as blame; say why, and how to say them as mechanics.

    Parameters
    ----------
    text : str
        Any text: one sentence, an answer, a whole document.
    where : {"postmortem", "reflection"}
        Where the text was written. In a post-mortem document a slip you own plainly
        ("I skipped the staging test") gets a kind prompt to add the mechanism
        (category ``ownership``); in a private reflection it is honest ownership,
        and nothing is said about it. Blame of others and of yourself is found in
        both.

    Returns
    -------
    list of BlameFinding
        Ordered by position; spans never overlap (where two readings cover the same
        words, self-blame wins over blame of others, which wins over ownership and
        hindsight).

    Raises
    ------
    TypeError
        When ``text`` is not a string.
    ValueError
        When ``where`` is not one of ``PLACES``.

    Examples
    --------
    >>> check_blame("Sam rolled back the deploy at 14:59.")
    []
    >>> [(f.category, f.phrase) for f in check_blame("The admin misconfigured it.")]
    [('blame_other', 'The admin misconfigured')]
    >>> [f.category for f in check_blame("I skipped the staging test.")]
    ['ownership']
    >>> check_blame("I skipped the staging test.", where="reflection")
    []
    """
    if not isinstance(text, str):
        msg = f"check_blame reads text (str), not {type(text).__name__}"
        raise TypeError(msg)
    if where not in PLACES:
        msg = f"where={where!r} is not a place the check knows: use one of {PLACES}"
        raise ValueError(msg)
    if not text.strip():
        return []
    findings: list[BlameFinding] = []
    for sentence in _read(text):
        findings += _resolve(text, sentence, where)
    findings.sort(key=lambda finding: finding.span)
    return findings


def _read(text: str) -> Iterator[Reading]:
    """Each sentence that holds a word the check knows, read for blame."""
    straight = text.translate(STRAIGHTEN)
    heads = _heads()
    lower = straight.translate(_ASCII_LOWER)  # same length: offsets agree
    for begin, end in _sentences(straight):
        if heads.isdisjoint(_LETTERS.findall(lower, begin, end)):
            continue
        sentence = Reading(straight, begin, end)
        if sentence.count:
            sentence.read()
            yield sentence


def _resolve(text: str, sentence: Reading, where: str) -> list[BlameFinding]:
    """Keep the best reading of each stretch of words, and word the findings."""
    hits = sentence.hits
    if not hits:
        return []
    if any(hit.category == "self_blame" for hit in hits):
        # A reproach answers the whole sentence: its slip needs no second prompt.
        hits = [hit for hit in hits if hit.category != "ownership"]
    if where == "reflection":
        hits = [hit for hit in hits if hit.category != "ownership"]
    hits.sort(key=lambda hit: (hit.rank, hit.first, -(hit.last - hit.first)))
    taken: list[tuple[int, int]] = []
    tokens = sentence.tokens
    out: list[BlameFinding] = []
    for hit in hits:
        if any(hit.first < b and a < hit.last for a, b in taken):
            continue
        taken.append((hit.first, hit.last))
        start, end = tokens.starts[hit.first], tokens.ends[hit.last - 1]
        answer = _answer(hit.category, hit.reason)
        out.append(
            BlameFinding(
                phrase=text[start:end],
                span=(start, end),
                category=hit.category,
                reason=hit.reason,
                cues=hit.cues,
                why=answer["why"],
                rewrite=answer["rewrite"],
            )
        )
    return out


def _answer(category: str, reason: str) -> dict[str, str]:
    answers = words.BLAME_ANSWERS[category]
    return answers.get(reason) or answers["default"]


# --- the kit's own words --------------------------------------------------------------

# A quoted counter-example: ~~like this~~ (renders crossed out in Markdown).
_QUOTED = re.compile(r"~~(?:[^~]|~(?!~)){1,5000}?~~")


def strip_quoted(text: str) -> str:
    """Blank out ``~~...~~`` spans (quoted counter-examples), keeping every offset.

    Examples
    --------
    >>> strip_quoted("never ~~who did this~~ again")
    'never                  again'
    """
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def check_own_words(text: str) -> list[BlameFinding]:
    """``check_blame`` for the kit's own writing, where blame is quoted only to show it.

    The convention for every notebook and message: wrap a quoted counter-example in
    strikethrough, ``~~the junior dev forgot~~``, so it renders crossed out ("not
    this"). Those spans are skipped; everything else must pass ``check_blame``. Owning
    a slip plainly is what the kit hopes people can say ("I broke it"), so the kit's
    own words may quote it: ``ownership`` findings are left out here.
    """
    found = check_blame(strip_quoted(text))
    return [finding for finding in found if finding.category != "ownership"]


# --- showing findings -----------------------------------------------------------------


def group_findings(findings: list[BlameFinding]) -> dict[str, list[BlameFinding]]:
    """The findings by category, in the order they are shown (``CATEGORIES``).

    Examples
    --------
    >>> found = check_blame("I'm an idiot. The admin misconfigured it.")
    >>> list(group_findings(found))
    ['self_blame', 'blame_other']
    """
    groups: dict[str, list[BlameFinding]] = {}
    for category in CATEGORIES:
        inside = [finding for finding in findings if finding.category == category]
        if inside:
            groups[category] = inside
    return groups


def findings_html(findings: list[BlameFinding]) -> str:
    """The findings as small HTML lists grouped by category, everything escaped.

    Blame of someone else is shown crossed out (the kit's "not this"); words about
    yourself and a slip you own are shown in quotes, each group with its own kind
    introduction, and self-blame with a note about where to find support.
    """
    if not findings:
        return ""
    blocks = []
    for category, inside in group_findings(findings).items():
        items = []
        for finding in inside:
            phrase = html_escape(finding.phrase)
            if category == "blame_other":
                shown = f"<s>{phrase}</s>"
            else:
                shown = f"&ldquo;{phrase}&rdquo;"
            items.append(
                f"<li>{shown}<br>{html_escape(finding.why)}"
                f"<br><em>{html_escape(words.POSTMORTEM_FORM['finding_try'])}</em> "
                f"{html_escape(finding.rewrite)}</li>"
            )
        label = html_escape(words.BLAME_CATEGORY_LABELS[category])
        intro = html_escape(words.BLAME_GROUP_INTROS[category])
        care = ""
        if category == "self_blame":
            care = f"<p><small>{html_escape(words.SELF_BLAME_CARE)}</small></p>"
        blocks.append(
            f"<div class='kit-findings-group kit-findings-{category}'>"
            f"<p><strong>{label}</strong>. {intro}</p>"
            f"<ul class='kit-findings'>{''.join(items)}</ul>{care}</div>"
        )
    return "".join(blocks)


def explain(text: str, *, where: str = "postmortem"):
    """Show what the check finds in ``text``, in a notebook (escaped HTML).

    Returns
    -------
    IPython.display.HTML
        The findings grouped by category, with why and a rewrite, or a line saying
        nothing reads as blame.
    """
    from IPython.display import HTML

    findings = check_blame(text, where=where)
    if not findings:
        return HTML(f"<p>{html_escape(words.POSTMORTEM_FORM['no_findings'])}</p>")
    return HTML(findings_html(findings))
