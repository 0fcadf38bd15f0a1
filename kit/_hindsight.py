"""Readings of the wording check about what could have been: hindsight ("should
have", "obviously"), counterfactual wishes ("if only he had read it") and questions that
point at a person ("who merged this?"). Mixed into ``kit._readings.Reading``."""

from __future__ import annotations

from ._sentence import (
    NO_OBJECT,
    OTHER,
    PARTICIPLES,
    SELF,
    WHO_NOT,
    WHY_AUX,
    Sentence,
    is_adverb,
)

__all__ = ["Hindsight"]


# "should have", and "could have prevented" / "must have known" said of a person.
_WISH = frozenset({"should", "ought", "could", "must"})
_FORESEEN = frozenset(
    {"prevented", "avoided", "caught", "stopped", "spotted", "noticed", "known",
     "seen", "realised", "realized", "foreseen", "predicted"}
)


# Words that may stand between "should" and "have" ("should really have known").
_IN_BETWEEN = frozenset({"really", "definitely", "surely", "certainly", "also", "still",
                         "at", "least", "all", "both", "just", "obviously", "clearly"})


class Hindsight(Sentence):
    """The hindsight, counterfactual and question readings of a sentence."""

    def _should_have(self) -> None:
        for index, word in enumerate(self.norms):
            if word not in _WISH or index + 1 >= self.count:
                continue
            j = index + 1
            if self.norms[j] in {"to", "not", "never"}:
                j += 1
            if j + 1 < self.count and self.norms[j + 1] == "have" and (
                self.norms[j] in _IN_BETWEEN or is_adverb(self.norms[j])
            ):
                j += 1  # "should really have known"
            if j >= self.count or self.norms[j] != "have":
                continue
            after = self.norms[j + 1] if j + 1 < self.count else ""
            then = self.norms[j + 2] if j + 2 < self.count else ""
            if word in {"could", "must"} and after not in _FORESEEN:
                continue  # "could have been worse": no step someone missed
            if after in NO_OBJECT or then == "access":
                continue  # "we should have an alert": something to build
            if after == "been" and then.endswith(("ed", "en")):
                continue  # "Yuki should have been paged": done to them
            subject = self._subject_before(index)
            whose = self._whose(subject)
            if whose is None or subject is None:
                continue
            first, last = min(subject, index), max(j + 2, subject + 1)
            self._credit(whose, first, last, "hindsight", self.cue(index, j + 1))

    def _hindsight(self) -> None:
        for start, end in self.found["hindsight"]:
            if self._negated(start, 2):
                continue
            person = self._nearest_person(start, 3)
            whose = self._whose(person)
            if whose == "blame_other":
                first = min(person, start)  # type: ignore[type-var]
                self.add(first, max(end, person + 1), "blame_other",  # type: ignore
                         "hindsight", self.cue(start, end))
            else:
                self.add(start, end, "hindsight", "hindsight", self.cue(start, end))

    def _counterfactual(self) -> None:
        norms = self.norms
        for index, word in enumerate(norms):
            if word == "if":
                j = index + 1
                if j < self.count and norms[j] == "only":
                    j += 1
                person = None
                for k in range(j, min(j + 4, self.count)):
                    if self.kind[k]:
                        person = k
                        while person + 1 < self.count and self.kind[person + 1]:
                            person += 1
                        break
                if person is None or person + 1 >= self.count:
                    if j > index + 1:  # "if only" with nobody in it
                        self.add(index, j, "hindsight", "counterfactual",
                                 ("if only",))
                    continue
                if norms[person + 1] not in {"had", "would"}:
                    continue
                after = norms[person + 2] if person + 2 < self.count else ""
                if after in {"only", "just", "actually", "not"}:
                    after = norms[person + 3] if person + 3 < self.count else ""
                if not (after.endswith(("ed", "en")) or after in PARTICIPLES):
                    continue  # "if you had incidents": a condition, not a wish
                self._counterfactual_hit(person, index, person + 3)
            elif word == "had" and index + 2 < self.count and (
                self.kind[index + 1] or (
                    norms[index + 1] in {"the", "a", "an", "our", "that"}
                    and index + 3 < self.count and self.kind[index + 2]
                )
            ):
                if not self.kind[index + 1]:
                    index += 1  # "had the reviewer looked": step over the article
                low, _ = self._clause_bounds(index)
                prev = norms[index - 1] if index else ""
                if index != low and prev not in {",", "if"} and index - 1 != low:
                    continue
                verb = norms[index + 2]
                if verb.endswith("ed") or verb in {"read", "known", "seen", "done",
                                                   "taken", "run", "caught",
                                                   "thought", "waited", "just"}:
                    self._counterfactual_hit(index + 1, index, index + 3)

    def _counterfactual_hit(self, person: int, first: int, last: int) -> None:
        last = min(last, self.count)
        self._credit(self._whose(person), first, last, "counterfactual",
                     self.cue(first, last))

    def _credit(self, whose: str | None, first: int, last: int, reason: str,
                cues: tuple[str, ...]) -> None:
        """A wish about what someone did: blame of another (``reason``), a reproach
        of the writer, or the writer's organisation owning it ("we")."""
        last = min(last, self.count)
        if whose == "blame_other":
            self.add(first, last, "blame_other", reason, cues)
        elif whose == "self":
            self.add(first, last, "self_blame", "reproach", cues)
        else:
            self.add(first, last, "ownership", "owned", cues)

    def _questions(self) -> None:
        norms = self.norms
        for index, word in enumerate(norms):
            if word in {"who", "whoever", "whose"}:
                low, _ = self._clause_bounds(index)
                lead = index - low
                insinuated = index and norms[index - 1] in {"know", "knows", "wonder"}
                if not insinuated and (lead > 3 or "?" not in norms[index:]):
                    continue  # a question asked, or "we all know who ..."
                if index and self.kind[index - 1]:
                    continue  # "the pilot who ...": a relative clause, not a question
                nxt = self._next(index)
                if nxt in {"on", "the"} and norms[index + 2: index + 3] in (
                    ["earth"], ["hell"], ["heck"]
                ):
                    nxt = norms[index + 3] if index + 3 < self.count else ""
                if not nxt or nxt in WHO_NOT or not nxt[:1].isalpha():
                    continue
                if word == "whose" and not any(
                    self.found[name] for name in ("lapse-verbs", "harm-verbs")
                ):
                    continue  # "whose incidents were they?": a question of category
                if word == "who" and not (nxt.endswith("ed") or nxt in {
                    "broke", "wrote", "did", "made", "ran", "thought", "let", "forgot",
                    "signed", "caused", "messed", "screwed", "took", "brought", "the",
                    "pushed", "dropped", "shipped", "left", "put"
                }):
                    continue
                self.add(index, min(index + 2, self.count), "blame_other",
                         "question", (word,))
            elif (word == "which" and index + 2 < self.count and self.kind[index + 1]
                  == OTHER and "?" in norms[index:]):
                self.add(index, index + 3, "blame_other", "question", (word,))
            elif word in {"why", "how"} and index + 2 < self.count:
                aux = norms[index + 1]
                if word == "how" and aux not in {"could", "did", "can"}:
                    continue
                if word == "how" and aux == "did" and not any(
                    self._has(name, index + 3, index + 7) >= 0
                    for name in ("lapse-verbs", "attention-verbs", "harm-verbs")
                ):
                    continue  # "how did you sleep?" asks, it does not reproach
                if aux not in WHY_AUX and aux not in {"can", "could"}:
                    continue
                k = index + 2
                if k < self.count and norms[k] == "not":
                    k += 1
                if k < self.count and self.kind[k] == OTHER:
                    self.add(index, min(k + 2, self.count), "blame_other",
                             "question", (word, aux))
                elif k < self.count and self.kind[k] == SELF and aux in {
                    "did", "could"
                }:  # "how did I miss such a simple thing?"
                    self.add(index, min(k + 2, self.count), "self_blame",
                             "reproach", (word, aux))

    def _even(self) -> None:
        """"Did you even run the tests?", "did you not read the guide?": a question
        that is a reproach."""
        norms = self.norms
        attention = self.lex["attention-verbs"]
        for index in range(self.count - 2):
            if (norms[index] not in {"did", "do", "have", "has", "does"}
                    or self.kind[index + 1] != OTHER or "?" not in norms[index:]):
                continue
            if norms[index + 2] == "even":
                self.add(index, index + 3, "blame_other", "question", ("even",))
            elif norms[index + 2] == "not" and index + 3 < self.count and (
                norms[index + 3] in attention
            ):
                self.add(index, index + 4, "blame_other", "question", ("not",))
