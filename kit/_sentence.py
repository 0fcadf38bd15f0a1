"""The structure of one sentence: its words, clauses, people, and who did what.

Private to the wording check (``kit.blame``): ``Sentence`` finds the clauses, marks
each word that names a person (someone else, the writer, or "we"), and answers
questions such as "who is the subject of the verb at this word?". The readings that
turn that structure into findings are in ``kit._readings``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .lexicon import index as lexicon_index
from .lexicon import lexicons, tokenise

__all__ = [
    "Hit",
    "Sentence",
    "OTHER",
    "SELF",
    "WE",
    # word sets the readings share (kit._readings)
    "AFFIRMING",
    "DETERMINERS",
    "IDENTITY_LEAD",
    "NO_OBJECT",
    "NOT_JUDGEMENT_BEFORE",
    "NOT_LAPSE_BEFORE",
    "NOT_VERBS",
    "PARTICIPLES",
    "PASSIVE",
    "QUANTITY",
    "SKIP",
    "WHO_NOT",
    "WHY_AUX",
    "is_adverb",
]


OTHER, SELF, WE = 1, 2, 3
_SELF_WORDS = frozenset({"i", "me", "my", "myself", "mine"})
_WE_WORDS = frozenset({"we", "us", "our", "ours", "ourselves"})
# A bare plural role, then one of these in the present, is what happens in general.
_NOT_PLURAL_ROLES = frozenset(
    {"others", "theirs", "yours", "hers", "ours", "themselves", "yourselves",
     "ourselves"}
)
_QUANTIFIERS = frozenset({"all", "most", "many", "some", "few"})
_GENERIC_LEAD = frozenset({"who", "that", ",", "often", "always", "sometimes", "also",
                           "usually", "will", "can", "may", "might", "do", "still"})
_PRESENT_SLIPS = frozenset(
    {"make", "forget", "miss", "skip", "ignore", "break", "err", "slip", "cause",
     "fail", "mess", "screw", "misread", "overlook", "neglect", "get", "are", "tend",
     "have", "need", "should", "must"}
)
# Verbs of thinking and saying: the person before them only reports what follows.
_SAYING = frozenset({"think", "thinks", "thought", "guess", "believe", "believes",
                     "suspect", "suspects", "assume", "said", "says", "reckon"})
# Clause breaks that, between commas, are only an aside.
_ASIDES = frozenset({"though"})
# Verbs that end in "-ly" like an adverb ("failed to apply the brakes").
_LY_VERBS = frozenset({"apply", "reply", "supply", "comply", "rely", "fly", "imply",
                       "multiply", "rally", "tally", "bully", "ally"})


def is_adverb(word: str) -> bool:
    """An "-ly" word read as an adverb: "quickly", not "apply" or "reply"."""
    return word.endswith("ly") and word not in _LY_VERBS


# Person nouns that are also adjectives: a person only when no noun follows.
_ALSO_ADJECTIVES = frozenset({"individual"})
# Possessives that make the person noun after them someone else ("my friend").
_OWNERS = frozenset({"my", "our"})
# Words that end a clause (they start the next one).
_CLAUSE_BREAK = frozenset(
    {";", ":", "\u2014", "\u2013", "-", "--", "?", "!", "but",
     "because", "so", "while", "whereas", "although", "though", "when", "whenever",
     "until", "if", "since", "however"}
)
# Words between a subject and its verb that say nothing about who acted.
SKIP = frozenset(
    {"just", "then", "also", "again", "still", "even", "both", "all", "each", "simply",
     "once", "later", "pretty", "much", "kind", "sort", "of", "had", "has", "have",
     "was", "were", "is", "are", "be", "been", "being", "did", "does", "do", "not",
     "never", "would", "could", "should", "might", "may", "will", "can", "must",
     "to", "apparently", "basically", "somehow", "themselves", "himself",
     "herself", "myself", "ourselves", "immediately", "clearly", "obviously",
     "appears", "appeared", "seems", "seemed", "definitely", "really", "always",
     "often", "sometimes", "already", "ever"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her",
     "my", "your", "some", "one", "another", "every", "each", "two", "both", "any",
     "tired", "new", "junior", "senior", "on-call", "third", "second", "first",
     "'s", "flight", "train", "its", "single", "lone", "whole", "entire"}
)
# A person right after these is an object, not the one who acted.
_NOT_A_SUBJECT_AFTER = frozenset(
    {"by", "of", "to", "for", "with", "from", "at", "on", "in", "into", "about",
     "than", "causing", "caused", "cause", "causes", "led", "leading",
     "forced", "forcing", "prompted", "prompting", "making", "made", "helped",
     "allowing", "allowed", "let", "letting", "told", "asked", "required", "requires",
     "help", "helping", "alert", "alerted", "warn", "warned", "tell", "telling"}
)
# After a negator, verbs that let what follows stand rather than deny it.
AFFIRMING = frozenset(
    {"stop", "help", "believe", "accept", "tolerate", "excuse", "condone",
     "understand", "fathom", "comprehend", "forgive", "stand"}
)
# A person then one of these starts a phrase that still names who acted:
# "the director of ops", "someone at the vendor", "an engineer from the other team".
_PERSON_PHRASE = frozenset({"of", "at", "from", "with", "in", "on"})
# How far an adverb may stand from the subject it is read against, in words.
_REACH = 14
# Clauses that may leave their subject out: "..., but should have", "however, missed".
_ELLIPSIS = frozenset({"but", "however", "so", "then"})
_RELATIVE = frozenset({"who", "that", "which"})
_GENERIC_SUBJECTS = frozenset(
    {"someone", "somebody", "anyone", "anybody", "you", "whoever", "people"}
)
# Said of people in general, these name nobody: "people make mistakes".
_NOBODY_IN_PARTICULAR = frozenset(
    {"people", "everyone", "everybody", "anyone", "anybody", "folks"}
)
PASSIVE = frozenset({"was", "were", "been", "be", "being", "is", "are", "get", "got",
                      "gets", "getting"})
QUANTITY = frozenset(
    {"two", "three", "four", "five", "six", "several", "multiple", "many", "repeated",
     "previous", "prior", "similar", "numerous", "a", "few"}
)
WHO_NOT = frozenset(
    {"is", "are", "can", "could", "will", "would", "should", "knows", "know", "has",
     "have", "owns", "on", "to", "else", "in", "at", "from", "we", "the", "this",
     "needs", "want", "wants", "might", "may", "of"}
)
WHY_AUX = frozenset(
    {"did", "would", "could", "do", "does", "was", "were", "has", "had", "is", "are"}
)
IDENTITY_LEAD = frozenset(
    {"a", "an", "the", "such", "so", "just", "really", "complete", "total", "totally",
     "absolute", "utter", "clearly", "completely", "truly", "simply", "basically",
     "like", "honestly"}
)
NOT_JUDGEMENT_BEFORE = {
    "lazy": frozenset({"loading", "load", "evaluation", "init", "initialisation",
                       "initialization", "import", "imports", "iterator", "property"}),
    "dumb": frozenset({"pipe", "terminal", "client", "proxy"}),
}
# Lapse verbs that mean something else before these words ("rushed to restore
# service", "broke off the approach").
NOT_LAPSE_BEFORE = {
    "rushed": frozenset({"to", "back", "in", "over"}),
    "hurried": frozenset({"to", "back", "in", "over"}),
    "broke": frozenset({"off", "away", "out", "ground", "up"}),
}
# Words after "never" or "did not" that are not the verb of a lapse.
NOT_VERBS = frozenset(
    {"as", "a", "an", "the", "in", "on", "at", "to", "been", "again", "ever", "before",
     "after", "so", "once", "more", "mind", "enough", "too", "any", "all", "only"}
)
# Past participles that do not end in -ed or -en ("if he had read the runbook").
PARTICIPLES = frozenset(
    {"read", "known", "seen", "done", "taken", "run", "caught", "thought", "kept",
     "left", "put", "set", "told", "made", "sent", "spent", "held", "waited", "checked"}
)
NO_OBJECT = frozenset(
    {"a", "an", "the", "some", "any", "no", "more", "enough", "access", "its", "their",
     "our", "one", "two", "alerts"}
)


@dataclass
class Hit:
    first: int  # token index where the phrase starts
    last: int  # token index where it ends (exclusive)
    category: str
    reason: str
    cues: tuple[str, ...]
    rank: int  # lower wins where two phrases overlap


_RANK = {"self_blame": 0, "blame_other": 1, "ownership": 2, "label": 3, "hindsight": 4}


class Sentence:
    """One sentence, its words, clauses and people, and the findings in it."""

    def __init__(self, text: str, begin: int, end: int) -> None:
        self.tokens = tokenise(text, begin, end)
        norms = self.norms = self.tokens.norms
        count = self.count = len(norms)
        lex = self.lex = lexicons()
        self.kind = [0] * count
        self.clause = [0] * count
        self.clause_start: list[int] = []
        self.segment_start = [0] * count
        clause = -1
        segment = 0
        for index, word in enumerate(norms):
            if index == 0 or (word in _CLAUSE_BREAK and not (
                word in _ASIDES and norms[index - 1] == ","
                and index + 1 < count and norms[index + 1] == ","
            )):  # ", though," is an aside, not a new clause
                clause += 1
                self.clause_start.append(index)
                segment = index
            elif word == ",":
                segment = index + 1
            self.clause[index] = clause
            self.segment_start[index] = segment
        self.clause_start.append(count)
        people, names = lex["people"], lex["first-names"]
        index = 0
        while index < count:
            word = norms[index]
            if word in _OWNERS and index + 1 < count and (
                people.match(norms, index + 1, count) > index + 1
            ):
                word = ""  # "my friend", "our contractor": another person
            if word in _SELF_WORDS and not (word == "i" and self._next(index) == "."):
                self.kind[index] = SELF
            elif word in _WE_WORDS:
                self.kind[index] = WE
            elif word in names.first and self.tokens.capital[index]:
                self.kind[index] = OTHER
            else:
                end = people.match(norms, index, count)
                if end > index and norms[end - 1] in _ALSO_ADJECTIVES and (
                    end < count and norms[end].isalpha()
                    and norms[end] not in SKIP and norms[end] not in _RELATIVE
                    and not norms[end].endswith("ed")
                ):
                    end = index  # "the individual circumstances": not a person
                if end > index:
                    for covered in range(index, end):
                        self.kind[covered] = OTHER
                    index = end
                    continue
            index += 1
        # Where each lexicon matches: {lexicon: [(start, end), ...]}.
        self.found: dict[str, list[tuple[int, int]]] = {name: [] for name in lex}
        exact, stems = lexicon_index()
        for index, word in enumerate(norms):
            matched = exact.get(word, ())
            by_stem = stems.get(word[:3])
            if by_stem:
                matched = matched + tuple(
                    name for stem, name in by_stem if word.startswith(stem)
                )
            for name in matched:
                if name in {"people", "first-names"}:
                    continue
                found = self.found[name]
                if found and found[-1][0] == index:
                    continue  # a word and its stem in the same lexicon
                end = lex[name].match(norms, index, count)
                if end > index:
                    found.append((index, end))
        self.starts = {name: [s for s, _ in hits] for name, hits in self.found.items()}
        self.hits: list[Hit] = []

    # --- small helpers -------------------------------------------------------------

    def _next(self, index: int) -> str:
        return self.norms[index + 1] if index + 1 < self.count else ""

    def _clause_bounds(self, index: int) -> tuple[int, int]:
        clause = self.clause[index]
        return self.clause_start[clause], self.clause_start[clause + 1]

    def _has(self, name: str, low: int, high: int) -> int:
        """Index of the first match of lexicon ``name`` within [low, high), or -1."""
        starts = self.starts[name]
        at = bisect.bisect_left(starts, low)
        return starts[at] if at < len(starts) and starts[at] < high else -1

    def _negated(self, index: int, reach: int = 6) -> bool:
        """A negator earlier in the same clause, at most ``reach`` words before."""
        low, _ = self._clause_bounds(index)
        return self._has("negators", max(low, index - reach), index) >= 0

    def _denied(self, index: int, reach: int) -> bool:
        """Negated, but not by "cannot stop" or "did not" (those affirm or lapse)."""
        low, _ = self._clause_bounds(index)
        starts = self.starts["negators"]
        first = bisect.bisect_left(starts, low)
        last = bisect.bisect_left(starts, index)
        for start, end in self.found["negators"][first:last]:
            if start < index - reach:
                continue
            before = self.norms[start - 1] if start else ""
            after = self.norms[end] if end < self.count else ""
            if after in AFFIRMING:
                continue  # "I cannot accept such carelessness": the judgement stands
            if before in {"did", "does", "do"} and after not in self.lex["not-lapses"]:
                continue
            return True
        # "it's not that people have become more careless": the whole clause
        return any(
            self.norms[end: end + 1] == ["that"]
            for _, end in self.found["negators"][first:last]
        )

    def _meta_before(self, index: int) -> bool:
        """Talk about blame earlier in the sentence, or in the same clause."""
        starts = self.starts["meta"]
        if not starts:
            return False
        _, high = self._clause_bounds(index)
        return starts[0] < max(index, high)

    def _generic(self) -> bool:
        return bool(self.found["generic"])

    def _np_start(self, head: int, low: int) -> int:
        start = head
        while (
            start - 1 >= low
            and head - start < 4
            and (self.kind[start - 1] == self.kind[head]
                 or self.norms[start - 1] in DETERMINERS)
        ):
            start -= 1
        return start

    def _as_subject(self, head: int, low: int) -> int | None:
        """``head`` if it is a person acting as a subject, else None."""
        if not self.kind[head]:
            return None
        start = self._np_start(head, low)
        before = self.norms[start - 1] if start - 1 >= low else ""
        if before in _NOT_A_SUBJECT_AFTER and self.norms[head] != "whoever":
            return None  # but "for whoever mixed up the numbers": whoever did it
        if self._modal_generic(head):
            return None  # "you can accidentally delete it": what anyone could do
        if self._plural_generic(head, start):
            return None  # "nurses make errors": what happens to anyone in the role
        clause_low = self._clause_bounds(head)[0]
        if self.norms[head] in _GENERIC_SUBJECTS and self.norms[clause_low] in {
            "if", "when", "whenever"
        }:
            return None  # "if someone forgets ...": a general case, not this one
        return head

    def _plural_generic(self, head: int, start: int) -> bool:
        """A bare plural role in the present: "doctors make mistakes"."""
        word = self.norms[head]
        if (len(word) < 5 or not word.endswith("s") or word in _NOT_PLURAL_ROLES
                or self.kind[head] != OTHER):
            return False
        if start < head and self.norms[start] not in _QUANTIFIERS:
            return False  # "the engineers", "our pilots": these people
        if start and self.norms[start - 1] in DETERMINERS:
            return False
        k = head + 1
        while k < self.count and self.norms[k] in _GENERIC_LEAD:
            k += 1
        return k < self.count and self.norms[k] in _PRESENT_SLIPS

    def _modal_generic(self, head: int) -> bool:
        return self.norms[head] in _GENERIC_SUBJECTS and self._next(head) in {
            "can", "could", "might", "may", "will", "would"
        }

    def _subject_before(self, index: int) -> int | None:
        """The person whose verb starts at ``index``, looking back within the clause."""
        low, _ = self._clause_bounds(index)
        if self.norms[low] in _CLAUSE_BREAK:
            low += 1
        while low < index and self.norms[low] == ",":
            low += 1  # "however, missed one"
        j = self._skip_back(index - 1, low)
        if j < low:
            return self._elided_subject(index)
        inside = [k for k in range(j + 1, index) if self.kind[k] == SELF]
        if inside and self.norms[j + 1] == "(":
            return inside[0]  # "Someone (me) broke CI"
        word = self.norms[j]
        if word == ",":  # "[name], of Germantown, nodded off"
            for k in range(j - 1, max(low, j - 8) - 1, -1):
                if (self.kind[k] and self.norms[k] not in _NOBODY_IN_PARTICULAR
                        and self._as_subject(k, low) is not None):
                    return k
        if word in {"and", ","}:  # "he rushes, and makes mistakes": a shared subject
            return self._initial_subject(low, j)
        if word in {"mine", "ours", "yours", "his", "hers", "theirs"} and (
            j - 1 >= low and self.norms[j - 1] == "of"
        ):
            j = self._skip_back(j - 2, low)  # "a coworker of mine"
            if j < low:
                return None
            word = self.norms[j]
        if not self.kind[j]:
            for k in range(j - 1, max(low, j - 5) - 1, -1):
                if (self.norms[k] in _PERSON_PHRASE and k - 1 >= low
                        and self.kind[k - 1]):
                    return self._as_subject(k - 1, low)  # "someone at the vendor"
                if self.norms[k] in _CLAUSE_BREAK or self.norms[k] == ",":
                    break
        if word in _RELATIVE:  # "the pilot, who should have ..."
            k = j - 1
            if k >= 0 and self.norms[k] == ",":
                k -= 1
            if k >= 0 and self.kind[k] == OTHER:
                return k
            if word == "that" and j - 1 >= low and self.norms[j - 1] in {
                "did", "do", "does", "done"
            }:  # "the individual who did that did not follow": "that" is done
                return self._subject_over_relative(index, low)
            return None
        if word == "'s" and j - 1 >= low and self.kind[j - 1]:
            return None  # "Sam's change failed": the change did it
        found = self._as_subject(j, low)
        if found is not None:
            return found
        if self.kind[j]:  # "someone on the team force-pushed": the one before
            start = self._np_start(j, low)
            if start - 2 >= low and self.norms[start - 1] in _PERSON_PHRASE and (
                self.kind[start - 2]
            ):
                return self._as_subject(start - 2, low)
        return self._subject_over_relative(index, low)

    def _skip_back(self, j: int, low: int) -> int:
        """The first word at or before ``j`` that is not an adverb, an auxiliary or
        a parenthesis."""
        steps = 0
        while j >= low and steps < 8:
            word = self.norms[j]
            if word == ")":
                k = j - 1
                while k >= low and self.norms[k] != "(" and j - k < 8:
                    k -= 1
                j = k - 1
            elif word in SKIP or is_adverb(word) or word == "(":
                j -= 1
            else:
                break
            steps += 1
        return j

    def _elided_subject(self, index: int) -> int | None:
        """"I did not run the tests but should have": the subject of the last clause."""
        clause = self.clause[index]
        if clause == 0 or self.norms[self.clause_start[clause]] not in _ELLIPSIS:
            return None
        low, high = self.clause_start[clause - 1], self.clause_start[clause]
        last = self.segment_start[high - 1]
        if last >= high - 1 and high - 2 > low:
            last = self.segment_start[high - 2]  # the clause ended with a comma
        if last > low:
            found = self._initial_subject(last, high)
            if found is not None:
                return found
        return self._initial_subject(low, high)

    def _initial_subject(self, low: int, high: int) -> int | None:
        """A person among the first words of a clause or segment."""
        j = low
        seen = 0
        while j < high and seen < 4:
            word = self.norms[j]
            if self.kind[j]:
                start = self._np_start(j, low)
                while j + 1 < high and self.kind[j + 1] == self.kind[j]:
                    j += 1  # the last word of "first officer"
                before = self.norms[start - 1] if start - 1 >= low else ""
                if before in _NOT_A_SUBJECT_AFTER or self._modal_generic(j):
                    return None
                say = j + 1
                while say < high and say - j < 3 and self.tokens.capital[say]:
                    say += 1  # "officer Kate McKenzie said"
                if say < high and self.norms[say] in _SAYING:
                    j = say + 1  # "I think Sam meant to ...": Sam is who acted
                    seen = 0
                    continue
                return j
            if word not in SKIP and word not in DETERMINERS and word not in (
                _CLAUSE_BREAK | {",", "neither", "nor", "then", "and", "as"}
            ) and not is_adverb(word):
                seen += 1
            j += 1
        return None

    def _subject_over_relative(self, index: int, low: int) -> int | None:
        """"The crew of a flight that crashed ... failed to": a relative between."""
        subject = self._initial_subject(low, index)
        if subject is None:
            return None
        if self.norms[subject] == "whoever":
            return subject  # "whoever wrote this query clearly did not think"
        if any(self.norms[k] in _RELATIVE for k in range(subject + 1, index)):
            return subject
        after = self.norms[subject + 1] if subject + 1 < index else ""
        if (len(after) > 4 and after.endswith("ing")) or after == "involved":
            return subject  # "a technician tending to a fault did not follow"
        return None

    def _subject_anywhere(self, index: int) -> int | None:
        """For an adverb or object: the person who acted, before it in the clause."""
        found = self._subject_before(index)
        if found is not None:
            return found
        segment = self.segment_start[index]
        low, _ = self._clause_bounds(index)
        if self.norms[low] in _CLAUSE_BREAK:
            low += 1
        for start in (max(segment, low), low):
            found = self._initial_subject(start, index)
            if found is not None and index - found <= _REACH:
                return found
        for k in range(index - 1, max(low, index - _REACH), -1):
            if self.norms[k] in {"who", "whose"} and self.kind[k - 1] == OTHER:
                return k - 1  # "a worker who rebooted the system too quickly"
        start = low + 1 if self.norms[low] in _ELLIPSIS else low
        while start < index and (self.norms[start] in SKIP or self.norms[start] == ","
                                 or is_adverb(self.norms[start])):
            start += 1
        verb = self.norms[start] if start < index else ""
        if verb.endswith("ed") or verb in PARTICIPLES:
            return self._elided_subject(index)  # "..., but read it back wrongly"
        return None

    def _nearest_person(self, index: int, reach: int = 8) -> int | None:
        low, high = self._clause_bounds(index)
        for distance in range(1, reach + 1):
            j = index - distance
            if j >= low and self.kind[j]:
                return j
        for distance in range(1, reach + 1):
            j = index + distance
            if j < high and self.kind[j]:
                return j
        return None

    def _whose(self, person: int | None, other: str = "blame_other") -> str | None:
        if person is None:
            return None
        if self.norms[person] in _NOBODY_IN_PARTICULAR and not (
            person and self.norms[person - 1] in {"these", "those", "the"}
        ):  # "people make mistakes", but "these people did not test it"
            return None
        kind = self.kind[person]
        if kind == OTHER:
            return other
        if kind == SELF:
            return "self"
        return "we"

    def _followed_by_agent(self, end: int, words: frozenset[str] = frozenset({"by"})
                           ) -> int | None:
        """A person named by "by" just after ``end``: "entered incorrectly by Sam"."""
        if end < self.count and self.norms[end] in words:
            for k in range(end + 1, min(end + 6, self.count)):
                if self.kind[k]:
                    while k + 1 < self.count and self.kind[k + 1] == self.kind[k]:
                        k += 1
                    return k
                if not self.norms[k][:1].isalnum() or self.norms[k] in {
                    "the", "a", "an"
                } and k > end + 1:
                    return None
        return None

    def add(self, first: int, last: int, category: str, reason: str,
            cues: tuple[str, ...]) -> None:
        if self.kind[first]:  # "The admin misconfigured": the whole noun phrase
            first = self._np_start(first, self._clause_bounds(first)[0])
        self.hits.append(Hit(first, last, category, reason, cues, _RANK[category]))

    def cue(self, start: int, end: int) -> tuple[str, ...]:
        return (" ".join(self.norms[start:end]),)


