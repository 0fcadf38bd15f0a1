"""The words the wording check knows, and how it reads a sentence into words.

The lexicons are data files in ``kit/lexicons/`` (one entry a line; see the README
there). ``tokenise`` turns text into lower-case words with their character offsets,
spelling contractions out ("didn't" becomes *did*, *not*) so that a lexicon lists each
phrase once. ``lexicon(name)`` shows one file's entries as the check reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["FILES", "Lexicon", "Tokens", "index", "lexicon", "lexicons",
           "split_word", "tokenise", "TOKEN", "STRAIGHTEN"]


# Curly quotes become straight ones (one character each, so offsets do not move).
STRAIGHTEN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"}
)
TOKEN = re.compile(
    r"@?\[name\]|@[A-Za-z0-9_][\w-]{0,38}"
    r"|[A-Za-z0-9]{1,60}(?:['\-][A-Za-z0-9]{1,60}){0,4}"
    r"|[%;:()?!,\"\u2014\u2013]|(?<![\w-])-{1,2}(?![\w-])"
)
_NT = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SUFFIX = {"m": "am", "ve": "have", "ll": "will", "d": "would", "re": "are", "s": "'s"}
# Contractions written without the apostrophe, as people type in a hurry.
_BARE = {
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "dont": ("do", "not"),
    "didnt": ("did", "not"),
    "doesnt": ("does", "not"),
    "cant": ("can", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "wouldnt": ("would", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "isnt": ("is", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "shouldve": ("should", "have"),
    "cannot": ("can", "not"),
}
_ILL_NEXT = frozenset({"be", "try", "make", "never", "just", "do", "have", "own"})


def split_word(word: str) -> tuple[str, ...]:
    """One written word as the words the check reads ("didn't" -> did, not)."""
    low = word.lower()
    if low.startswith("@"):
        return ("[name]",)
    if "'" in low:
        base, _, suffix = low.partition("'")
        if suffix == "t" and base.endswith("n"):
            stem = base[:-1]
            return (_NT.get(stem, stem), "not")
        if suffix in _SUFFIX and base:
            return (base, _SUFFIX[suffix])
        return (low,)
    return _BARE.get(low, (low,))


@dataclass
class Tokens:
    norms: list[str]
    starts: list[int]
    ends: list[int]
    capital: list[bool]


def tokenise(text: str, begin: int, end: int) -> Tokens:
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    capital: list[bool] = []
    for match in TOKEN.finditer(text, begin, end):
        word = match.group()
        parts = split_word(word)
        if parts == ("ill",) and word[0] == "I":
            parts = ("i", "will")  # "Ill be more careful": the apostrophe was lost
        for number, part in enumerate(parts):
            norms.append(part)
            starts.append(match.start())
            ends.append(match.end())
            capital.append(number == 0 and word[:1].isupper())
    for index in range(len(norms) - 1):  # "ill be" typed in lower case
        if norms[index] == "ill" and norms[index + 1] in _ILL_NEXT:
            norms[index] = "i"
    return Tokens(norms, starts, ends, capital)


# --- the lexicons ---------------------------------------------------------------------

_GAP = 4  # a "~" in an entry stands for up to this many words


class Lexicon:
    """Entries of one lexicon file, indexed by their first word."""

    def __init__(self, name: str, entries: list[tuple[str, ...]]) -> None:
        self.name = name
        self.entries = entries
        self.first: dict[str, list[tuple[str, ...]]] = {}
        self.prefixes: list[tuple[str, tuple[str, ...]]] = []
        for entry in entries:
            head = entry[0]
            if head.endswith("*"):
                self.prefixes.append((head[:-1], entry))
            else:
                self.first.setdefault(head, []).append(entry)
        for found in self.first.values():
            found.sort(key=len, reverse=True)
        # For speed: one-word entries, and the rest by their first two words.
        self.single = {entry[0] for entry in entries if len(entry) == 1}
        self.by_two: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self.open: dict[str, list[tuple[str, ...]]] = {}  # second word "~" or "x*"
        for entry in entries:
            if len(entry) > 1 and not entry[0].endswith("*"):
                second = entry[1]
                if second == "~" or second.endswith("*"):
                    self.open.setdefault(entry[0], []).append(entry)
                else:
                    self.by_two.setdefault((entry[0], second), []).append(entry)

    def __contains__(self, word: str) -> bool:
        return word in self.first or any(word.startswith(p) for p, _ in self.prefixes)

    def match(self, norms: list[str], index: int, limit: int) -> int:
        """The end (exclusive) of the longest entry starting at ``index``, or -1."""
        word = norms[index]
        best = index + 1 if word in self.single else -1
        following = norms[index + 1] if index + 1 < limit else ""
        candidates = self.by_two.get((word, following), [])
        if word in self.open:
            candidates = candidates + self.open[word]
        if self.prefixes:
            candidates = candidates + [
                entry for p, entry in self.prefixes if word.startswith(p)
            ]
        for entry in candidates:
            end = _match_rest(entry, 1, norms, index + 1, limit)
            if end > best:
                best = end
        return best


def _same(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _match_rest(
    entry: tuple[str, ...], k: int, norms: list[str], j: int, limit: int
) -> int:
    if k == len(entry):
        return j
    if entry[k] == "~":
        for gap in range(_GAP + 1):
            end = _match_rest(entry, k + 1, norms, j + gap, limit)
            if end >= 0:
                return end
        return -1
    if j < limit and _same(entry[k], norms[j]):
        return _match_rest(entry, k + 1, norms, j + 1, limit)
    return -1


FILES = (
    "people",
    "first-names",
    "lapse-verbs",
    "lapse-adverbs",
    "lapse-objects",
    "action-verbs",
    "attention-verbs",
    "not-lapses",
    "lapse-nouns",
    "harm-verbs",
    "judgement",
    "judgement-weak",
    "record",
    "record-nouns",
    "punishment",
    "punishment-verbs",
    "self-reproach",
    "self-shame",
    "identity",
    "self-verdicts",
    "blame-labels",
    "nameless-labels",
    "fault-phrases",
    "hindsight",
    "negators",
    "meta",
    "generic",
    "cause-markers",
    "failure-words",
    "purpose",
)


def _entry_words(line: str) -> tuple[str, ...]:
    out: list[str] = []
    for piece in line.split():
        if piece in {"~", "%"} or piece.endswith("*"):
            out.append(piece.lower())
        else:
            for match in TOKEN.finditer(piece):
                out.extend(split_word(match.group()))
    return tuple(out)


@lru_cache(maxsize=1)
def index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[str, str], ...]]]:  # noqa: E501
    """Which lexicons have an entry starting with a word, and with a word's stem.

    Returns ``(exact, stems)``: ``exact[word]`` names the lexicons with an entry that
    starts with ``word``; ``stems[word[:3]]`` lists ``(stem, lexicon)`` for entries
    starting with ``stem*``.
    """
    exact: dict[str, list[str]] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    for name, table in lexicons().items():
        for word in table.first:
            exact.setdefault(word, []).append(name)
        for stem, _ in table.prefixes:
            pair = (stem, name)
            if pair not in stems.setdefault(stem[:3], []):
                stems[stem[:3]].append(pair)
    return (
        {word: tuple(names) for word, names in exact.items()},
        {key: tuple(pairs) for key, pairs in stems.items()},
    )


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    folder = resources.files("kit") / "lexicons"
    found: dict[str, Lexicon] = {}
    for name in FILES:
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        entries: list[tuple[str, ...]] = []
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            entry = _entry_words(line)
            entries.append(entry)
            if name == "people" and not entry[-1].endswith(("s", "*", "]")):
                entries.append((*entry[:-1], entry[-1] + "s"))  # plurals
        found[name] = Lexicon(name, entries)
    return found


def lexicon(name: str) -> tuple[str, ...]:
    """The entries of one lexicon file, as the check reads them (for reading and tests).

    Examples
    --------
    >>> "technician" in lexicon("people")
    True
    """
    found = lexicons()
    if name not in found:
        msg = f"there is no lexicon {name!r}: choose one of {', '.join(FILES)}"
        raise KeyError(msg)
    return tuple(" ".join(entry) for entry in found[name].entries)


