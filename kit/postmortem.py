"""The blameless post-mortem: a wording check (mechanics, not blame) and a document.

``check_blame(text)`` reads text one sentence at a time against the rule table in
``kit.messages.postmortem`` and returns a ``BlameFinding`` for each phrase that makes a
person the cause, asks who, closes the question with a label, judges with hindsight,
or turns a hard moment into a verdict on yourself. Each finding says why, kindly, and
offers a way to say it as mechanics. The check reflects; it never blocks a save.

``to_markdown(incident)`` writes the post-mortem document: everything a person typed
is escaped, so it reads as text and never becomes markup. ``export_markdown`` writes it
next to the journal without ever replacing an earlier export.
"""

from __future__ import annotations

import bisect
import html
import os
import re
import string
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import ReadOnlyJournal, SaveFailed
from .messages import postmortem as words
from .messages.postmortem import BLAME_RULES, FRAGMENTS, BlameRule
from .messages.record import EVENT_KIND_LABELS
from .record import Incident
from .storage import atomic_write, private_dir

__all__ = [
    "POSTMORTEM_FIELDS",
    "REFLECTION_FIELDS",
    "BlameFinding",
    "BlameRule",
    "RULES",
    "check_blame",
    "check_own_words",
    "strip_quoted",
    "check_incident",
    "findings_html",
    "explain",
    "escape_markdown",
    "to_markdown",
    "export_markdown",
]

#: The post-mortem answers, in the order of the document.
POSTMORTEM_FIELDS = (
    "summary",
    "impact",
    "what_happened",
    "why_tests_missed",
    "one_change",
    "went_well",
)
#: The reflection's answers, shared only when the author chooses to.
REFLECTION_FIELDS = ("body", "at_3am", "learned")

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


def check_incident(
    incident: Incident, *, include_reflection: bool | None = None
) -> dict[str, list[BlameFinding]]:
    """Check every post-mortem answer of an incident (and its reflection if shared).

    Returns
    -------
    dict
        ``{"postmortem.summary": [...], "reflection.body": [...], ...}`` for the
        answers with findings only.
    """
    share = _shares_reflection(incident, include_reflection)
    texts = [(f"postmortem.{name}", getattr(incident.postmortem, name))
             for name in POSTMORTEM_FIELDS]
    if share:
        texts += [(f"reflection.{name}", getattr(incident.reflection, name))
                  for name in REFLECTION_FIELDS]
    result = {}
    for key, value in texts:
        findings = check_blame(value)
        if findings:
            result[key] = findings
    return result


def findings_html(findings: list[BlameFinding]) -> str:
    """The findings as a small HTML list, every phrase escaped (safe for any input).

    A phrase that blames is shown crossed out (the kit's "not this"); a phrase about
    yourself is shown in quotes, with a note about where to find support.
    """
    if not findings:
        return ""
    items = []
    for finding in findings:
        phrase = html.escape(finding.phrase)
        if finding.is_self_blame:
            shown = f"&ldquo;{phrase}&rdquo;"
        else:
            shown = f"<s>{phrase}</s>"
        label = html.escape(words.BLAME_CATEGORY_LABELS.get(finding.category, ""))
        items.append(
            f"<li>{shown} <small>({label})</small><br>{html.escape(finding.why)}"
            f"<br><em>{html.escape(words.POSTMORTEM_FORM['finding_try'])}</em> "
            f"{html.escape(finding.rewrite)}</li>"
        )
    care = ""
    if any(finding.is_self_blame for finding in findings):
        care = f"<p><small>{html.escape(words.SELF_BLAME_CARE)}</small></p>"
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
        return HTML(f"<p>{html.escape(words.POSTMORTEM_FORM['no_findings'])}</p>")
    return HTML(findings_html(findings))


# --- the Markdown document ----------------------------------------------------------

# Line breaks of every kind become \n; other control characters are dropped.
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Markdown punctuation that can start markup anywhere in a line.
_MD_PUNCT = re.compile(r"([\\`*_\[\]#|~$])")
# Markup that only counts at the start of a line: lists, quotes, breaks, setext lines.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def _neutralise(match: re.Match[str]) -> str:
    """Backslash-escape the character that would start a list, quote or rule."""
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def escape_markdown(text: str, *, inline: bool = False) -> str:
    """Make any text safe and readable inside a Markdown document.

    HTML is escaped (``html.escape``), Markdown punctuation that could start markup is
    backslash-escaped, and line starts that would begin a heading, list, quote, code
    block, table or rule are neutralised. With ``inline=True`` (titles, table cells) the
    text is joined into one line.

    Examples
    --------
    >>> escape_markdown("# <b>hi</b> [x](javascript:alert(1))")
    '\\\\# &lt;b&gt;hi&lt;/b&gt; \\\\[x\\\\](javascript:alert(1))'
    """
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text)).replace("\t", " ")
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


def _block(text: str) -> str:
    escaped = escape_markdown(text)
    return escaped if escaped else f"*{words.POSTMORTEM_DOC['not_written']}*"


def _shares_reflection(incident: Incident, include_reflection: bool | None) -> bool:
    if include_reflection is None:
        return bool(incident.reflection.include_in_postmortem)
    return bool(include_reflection)


def _when(moment: datetime, zone, previous: datetime | None) -> str:
    local = moment.astimezone(zone)
    if previous is None or previous.astimezone(zone).date() != local.date():
        return f"{local:%Y-%m-%d %H:%M}"
    return f"{local:%H:%M}"


# Events about the author's own coping (breathing, timers) are personal: they join the
# timeline only when the author shares the reflection.
_PERSONAL_EVENTS = ("breathing", "timer")


def _timeline_rows(incident: Incident, personal: bool) -> list[tuple[datetime, str]]:
    rows: list[tuple[datetime, int, str]] = []
    for order, name in enumerate(words.POSTMORTEM_TIMELINE):
        when = getattr(incident.times, name, None) if name.endswith("_at") else None
        if when is not None:
            rows.append((when, order, escape_markdown(words.POSTMORTEM_TIMELINE[name])))
    for event in incident.events:
        if event.kind in _PERSONAL_EVENTS and not personal:
            continue
        label = words.POSTMORTEM_TIMELINE.get(event.kind) or EVENT_KIND_LABELS.get(
            event.kind, event.kind
        )
        label = label[:1].upper() + label[1:]
        text = escape_markdown(event.text, inline=True)
        kind = f"**{escape_markdown(label, inline=True)}**"
        rows.append((event.at, 100, f"{kind}: {text}" if text else kind))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [(when, what) for when, _, what in rows]


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def to_markdown(incident: Incident, *, include_reflection: bool | None = None) -> str:
    """The post-mortem as a Markdown document, with everything typed escaped.

    Sections: title, a short facts list, summary, impact, a timeline built from the
    times and the live log (dead ends included), the three questions with their
    answers, the dead ends, what went well, and the author's reflection only when they
    chose to share it (their breathing and timer events join the timeline only then,
    too). Body ratings, culture answers and notes are never part of the document.

    Parameters
    ----------
    incident : kit.Incident
    include_reflection : bool, optional
        Share the reflection? Default: what the author ticked
        (``incident.reflection.include_in_postmortem``).

    Returns
    -------
    str
        Markdown in which no typed text can become a heading, link, image, HTML or
        table structure.
    """
    doc = words.POSTMORTEM_DOC
    zone = incident.times.alert_at.tzinfo
    title = escape_markdown(incident.title, inline=True)
    out = [f"# {doc['title'].format(title=title)}", ""]
    if incident.draft:
        out += [f"*{doc['draft_note']}*", ""]
    facts = []
    if incident.service:
        facts.append((doc["service"], escape_markdown(incident.service, inline=True)))
    if incident.severity:
        facts.append((doc["severity"], incident.severity))
    facts.append((doc["alert"], f"{incident.times.alert_at:%Y-%m-%d %H:%M %z}"))
    for key, field in (("to_mitigate", "mitigated_at"), ("to_resolve", "resolved_at")):
        minutes = incident.minutes_to(field)
        if minutes is not None:
            facts.append((doc[key], doc["minutes"].format(m=_minutes(minutes))))
    out += [f"- **{name}:** {value}" for name, value in facts] + [""]

    out += [f"## {doc['summary']}", "", _block(incident.postmortem.summary), ""]
    out += [f"## {doc['impact']}", "", _block(incident.postmortem.impact), ""]

    out += [f"## {doc['timeline']}", ""]
    share = _shares_reflection(incident, include_reflection)
    rows = _timeline_rows(incident, personal=share)
    if len(rows) <= 1:
        out += [f"*{doc['no_timeline']}*", ""]
    header = (doc["timeline_time"], doc["timeline_since"], doc["timeline_what"])
    out += ["| " + " | ".join(header) + " |", "| --- | ---: | --- |"]
    previous = None
    for when, what in rows:
        since = (when - incident.times.alert_at).total_seconds() / 60.0
        out.append(f"| {_when(when, zone, previous)} | +{_minutes(round(since, 1))} "
                   f"| {what} |")
        previous = when
    out.append("")

    for name in ("what_happened", "why_tests_missed", "one_change"):
        out += [f"## {doc[name]}", "", _block(getattr(incident.postmortem, name)), ""]

    dead_ends = [event for event in incident.events if event.kind == "dead-end"]
    if dead_ends:
        out += [f"## {doc['dead_ends']}", "", f"*{doc['dead_ends_note']}*", ""]
        for event in dead_ends:
            text = escape_markdown(event.text, inline=True) or "…"
            out.append(f"- {_when(event.at, zone, incident.times.alert_at)}: {text}")
        out.append("")

    out += [f"## {doc['went_well']}", "", _block(incident.postmortem.went_well), ""]

    if share:
        out += [f"## {doc['reflection']}", ""]
        for name in REFLECTION_FIELDS:
            value = getattr(incident.reflection, name)
            if value.strip():
                out += [f"**{doc['reflection_' + name]}**", "", _block(value), ""]

    out += ["---", "", f"*{doc['footer']}*", ""]
    return "\n".join(out)


def export_markdown(
    journal, incident_id: str, folder: str | os.PathLike[str] | None = None
) -> Path:
    """Write the post-mortem of one incident as ``<id>-postmortem.md``, mode 0600.

    An earlier export is never replaced: when ``<id>-postmortem.md`` exists, the new
    document goes to ``<id>-postmortem-2.md`` (then ``-3`` ...), and the returned path
    says which. The write is atomic (``kit.storage.atomic_write``).

    Parameters
    ----------
    journal : kit.Journal
    incident_id : str
    folder : path, optional
        Default: a ``postmortems`` folder inside the journal folder (created 0700).
        The read-only sample journal needs an explicit folder.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    UnknownIncident
        When the journal has no such incident.
    ReadOnlyJournal
        For a read-only journal without a ``folder``.
    SaveFailed
        When the folder cannot be created or written.
    """
    incident = journal.get(incident_id)
    if folder is None:
        if journal.read_only:
            msg = (
                f"{journal.path} is read-only (the sample journal cannot be changed): "
                "pass folder= to write the document somewhere else"
            )
            raise ReadOnlyJournal(msg)
        target_dir = journal.path / "postmortems"
    else:
        target_dir = Path(folder).expanduser()
    try:
        private_dir(target_dir)
    except OSError as error:
        msg = (
            f"the folder {target_dir} could not be created ({error.strerror}): "
            "choose a folder you can write"
        )
        raise SaveFailed(msg) from None
    data = to_markdown(incident).encode("utf-8")
    for number in range(1, 1_000):
        suffix = "" if number == 1 else f"-{number}"
        path = target_dir / f"{incident.id}-postmortem{suffix}.md"
        if path.exists():
            continue
        try:
            atomic_write(path, data, overwrite=False)
        except SaveFailed:
            if path.exists():  # another export took this name a moment ago
                continue
            raise
        return path
    msg = (
        f"{target_dir} already holds 999 exports of {incident.id}: move some of them "
        "elsewhere, then export again"
    )
    raise SaveFailed(msg)
