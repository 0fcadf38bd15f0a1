"""The readings of the wording check: what in a sentence is blame, and whose. Each
reading looks for one kind of phrase (a lapse with its subject, a judgement, a label,
hindsight ...) in the structure ``kit._sentence`` found, and adds a hit with its
category and reason; ``kit.blame`` keeps the best reading of each stretch of words.
The readings of what could have been (hindsight, wishes, questions about who) are in
``kit._hindsight``; those of who caused what (an agent after "by", "because of",
a record, an instruction, one thing done in place of another) in ``kit._causes``."""

from __future__ import annotations

from ._causes import Causes
from ._hindsight import Hindsight
from ._sentence import (
    AFFIRMING,
    DETERMINERS,
    IDENTITY_LEAD,
    NOT_JUDGEMENT_BEFORE,
    NOT_LAPSE_BEFORE,
    NOT_VERBS,
    OTHER,
    PASSIVE,
    SELF,
    SKIP,
    is_adverb,
)

__all__ = ["Reading"]

# Verbs that tell of a slip plainly ("I realised my mistake"), and the slips they take.
_PLAIN_ABOUT = frozenset(
    {"realised", "realized", "noticed", "saw", "discovered", "caught", "found",
     "explained", "reported", "admitted", "acknowledged", "corrected", "fixed",
     "told", "owned", "disclosed", "understood", "kept", "report", "hid", "admit"}
)
_SLIPS = frozenset({"mistake", "error", "oversight", "slip"})
# Before "make mistakes", these make it what anyone may do ("you will make mistakes").
_MAY_MAKE = frozenset({"will", "might", "may", "can", "could", "would", "to", "all",
                       "else", "everyone", "everybody", "people", "also", "we",
                       "sometimes", "often", "occasionally"})
# Someone, anyone: the one punished is nobody in particular.
_ANYONE = frozenset({"someone", "somebody", "anyone", "anybody", "people", "employees",
                     "staff", "engineers", "workers"})
# Before a gerund, these leave its subject to the main clause ("after forgetting").
_GERUND_LEAD = frozenset({"after", "before", "while", "for", "by", "from"})
# Objects that make any verb before them a slip: "marked the wrong leg".
_WRONG = frozenset({"wrong", "incorrect"})
# Verbs of seeing: a wrong thing seen is not a wrong thing done.
_SEEING = frozenset({"noticing", "seeing", "spotting", "finding", "catching",
                     "watching", "checking", "flagged", "showed", "showing",
                     "displayed", "displaying", "received", "receiving", "meaning",
                     "indicating"})
# Verbs of thinking and saying: a person before them is not the subject of what follows.
_THINKING = frozenset(
    {"think", "thinks", "thought", "believe", "believes", "believed", "suspect",
     "suspects", "suspected", "say", "says", "said", "guess", "assume", "assumed",
     "know", "knew", "expect", "expected"}
)


class Reading(Hindsight, Causes):
    """A sentence read for blame: ``Reading(text, begin, end).read()`` fills hits."""

    def read(self) -> None:
        self._self_verdicts()
        self._self_reproach()
        self._self_shame()
        self._lapses()
        self._lapse_adverbs()
        self._lapse_objects()
        self._nobody()
        self._should_have()
        self._hindsight()
        self._counterfactual()
        self._questions()
        self._even()
        self._judgements()
        self._punishment()
        self._labels()
        self._faults()
        self._possessed_lapses()
        self._agents()
        self._because()
        self._records()
        self._orders()
        self._instead()

    def _self_verdicts(self) -> None:
        for start, end in self.found["self-verdicts"]:
            self.add(start, end, "self_blame", "identity", self.cue(start, end))
        for start, end in self.found["identity"]:
            j = start - 1
            lead = 0
            while j >= 0 and lead < 4 and self.norms[j] in IDENTITY_LEAD:
                j -= 1
                lead += 1
            verbs = {"am", "was", "feel", "felt", "feeling", "be"}
            if j >= 1 and self.norms[j] in verbs and self.kind[j - 1] == SELF:
                self.add(j - 1, end, "self_blame", "identity", self.cue(start, end))

    def _self_reproach(self) -> None:
        for start, end in self.found["self-reproach"]:
            if self._denied(start, 3) or self._meta_before(start):
                continue
            if any(self.kind[k] == SELF for k in range(start, end)):
                told = any(self.norms[k] in _PLAIN_ABOUT
                           for k in range(max(0, start - 3), start))
                if self.norms[end - 1] in _SLIPS and (
                    told or self.norms[end: end + 2] in (["was", "to"], ["was", "that"])
                ):  # "I realised my mistake", "my mistake was to ...": an account
                    self.add(start, end, "ownership", "owned", self.cue(start, end))
                else:
                    self.add(start, end, "self_blame", "reproach", self.cue(start, end))
                continue
            person = self._nearest_person(start)
            if person is None:
                if self.norms[start] == "be":
                    # "but be more careful from now on": said to someone else
                    self.add(start, end, "blame_other", "judgement",
                             self.cue(start, end))
                elif self.norms[start] not in {"more", "less"}:
                    # "Mea culpa." "Screwed up again.": nobody else named, the writer
                    self.add(start, end, "self_blame", "reproach", self.cue(start, end))
                continue
            whose = self._whose(person)
            if whose == "we" and self.norms[start] in {"let", "lets"}:
                # "we let our customers down": an organisation's apology
                self.add(min(person, start), max(end, person + 1), "ownership",
                         "owned", self.cue(start, end))
            elif whose in {"self", "we"}:
                self.add(min(person, start), max(end, person + 1), "self_blame",
                         "reproach", self.cue(start, end))
            elif whose == "blame_other" and person < start and self._as_subject(
                    person, self._clause_bounds(person)[0]) is not None:
                self.add(min(person, start), max(end, person + 1), "blame_other",
                         "judgement", self.cue(start, end))

    def _self_shame(self) -> None:
        for start, end in self.found["self-shame"]:
            if self._negated(start, 2):
                continue
            person = self._nearest_person(start, 5)
            if person is not None and self.kind[person] == SELF:
                self.add(min(person, start), max(end, person + 1), "self_blame",
                         "reproach", self.cue(start, end))

    def _lapses(self) -> None:
        not_lapses = self.lex["not-lapses"]
        for start, end in self.found["lapse-verbs"]:
            head = self.norms[start]
            if head in {"did", "does", "never", "failed"} and end - start <= 2 and (
                self.norms[end - 1] != "nothing"
            ):
                nxt = end
                while nxt < self.count and (
                    self.norms[nxt] in SKIP or is_adverb(self.norms[nxt])
                ) and nxt - end < 3:
                    nxt += 1
                if head == "failed" and end - start == 1:
                    if nxt < self.count and self.norms[nxt] not in {
                        ",", ".", ";", "!", "and", "but"
                    }:
                        continue  # "failed to" is its own entry; "failed over" is not
                    nxt = start  # "he failed.": the phrase ends at "failed"
                elif nxt >= self.count or not self.norms[nxt][:1].isalpha():
                    continue
                elif self.norms[nxt] in NOT_VERBS:
                    continue
                elif self.norms[nxt] in not_lapses:
                    continue
                elif head == "never" and not (
                    self.norms[nxt].endswith("ed")
                    or self.norms[nxt] in self.lex["attention-verbs"]
                    or self.norms[nxt] in self.lex["action-verbs"]
                ):
                    continue  # "they never leave this machine": no step skipped
                elif nxt + 1 < self.count and self.norms[nxt + 1] == "anything":
                    continue  # "he did not notice anything": nothing to notice
                elif head == "never" and start and self.norms[start - 1] in {
                    "was", "were", "is", "are", "been", "be"
                }:
                    continue  # "was never told": something not done to them
                end = nxt + 1
            elif (self._negated(start, 2) or self._next(end - 1) == "nothing"
                  or self._meta_before(start)):
                continue  # "he was not hurried", "she forgot nothing": denied
            elif self._next(end - 1) in NOT_LAPSE_BEFORE.get(head, ()):
                continue  # "engineers rushed to restore service"
            elif self._has("purpose", self._clause_bounds(start)[0],
                           min(self._clause_bounds(start)[1], end + 6)) >= 0:
                continue  # "skipped the optional step to restore service faster"
            subject = self._subject_before(start)
            if subject is None and head.endswith("ing") and start and (
                self.norms[start - 1] in _GERUND_LEAD
            ):  # "a signalman brought chaos after forgetting to switch the points"
                subject = self._initial_subject(self._clause_bounds(start)[0], start)
            self._attribute_lapse(subject, start, end)
        norms = self.norms
        nouns, failures = self.lex["lapse-nouns"], self.lex["failure-words"]
        attention = self.lex["attention-verbs"]
        for index, word in enumerate(norms):
            if word == "not" and index + 1 < self.count:
                following = norms[index + 1]
                if following.endswith("ing") and following in attention:
                    # "the driver not remembering", "was not monitoring"
                    subject = self._subject_before(index)
                    if subject is None and index and self.kind[index - 1]:
                        subject = index - 1
                    self._attribute_lapse(subject, index, index + 2)
                elif index and norms[index - 1] in {"had", "has", "have"} and (
                    following in attention
                ):  # "the nurse had not checked the wristband"
                    self._attribute_lapse(
                        self._subject_before(index - 1), index - 1, index + 2
                    )
                elif following == "to" and norms[index + 2: index + 3] == ["have"]:
                    # "the captain appears not to have followed"
                    self._attribute_lapse(
                        self._subject_before(index), index, min(index + 4, self.count)
                    )
            elif word in {"made", "make", "makes", "making", "committed"} and not (
                word in {"make", "makes"} and index
                and norms[index - 1] in _MAY_MAKE
            ):  # "doctors, like everybody else, make mistakes" is what happens
                # "a staffer made the critical error", "made errors of judgment"
                for k in range(index + 1, min(index + 5, self.count)):
                    if norms[k] in nouns.first and norms[k] != "fault":
                        if not self._negated(index, 3) and norms[index + 1] not in {
                            "no", "any"
                        }:
                            self._attribute_lapse(
                                self._subject_before(index), index, k + 1
                            )
                        break
            elif word in {"caused", "triggered", "sparked", "started"}:
                # "you caused an outage", "triggered the meltdown"
                for k in range(index + 1, min(index + 4, self.count)):
                    if norms[k] in failures.first:
                        self._attribute_lapse(
                            self._subject_before(index), index, k + 1
                        )
                        break
        for start, end in self.found["harm-verbs"]:
            before = norms[max(0, start - 3): start]
            if any(word in PASSIVE for word in before):
                continue  # "they were deleted", "get you killed": done to them
            if start and norms[start - 1] in _THINKING:
                continue  # "what you think caused it": "what" did it, not "you"
            low, high = self._clause_bounds(start)
            if self._has("purpose", low, high) >= 0:
                continue  # "dropped the unused index", "cut it to isolate the fault"
            self._attribute_lapse(self._subject_anywhere(start), start, end)

    def _lapse_adverbs(self) -> None:
        for start, end in self.found["lapse-adverbs"]:
            agent = None
            for by in range(end, min(end + 4, self.count)):  # "shut down by a worker"
                agent = self._followed_by_agent(by)
                if agent is not None or self.norms[by] == "by":
                    break
            low, _ = self._clause_bounds(start)
            for by in range(max(low, start - 8), start):  # "by Sam without review"
                if agent is None and self.norms[by] == "by":
                    agent = self._followed_by_agent(by)
            subject = agent if agent is not None else self._subject_anywhere(start)
            self._attribute_lapse(subject, start, end)

    def _lapse_objects(self) -> None:
        actions = self.lex["action-verbs"]
        for start, end in self.found["lapse-objects"]:
            if start and self.norms[start - 1] in {"not", "no"}:
                continue
            low, _ = self._clause_bounds(start)
            action = None
            for k in range(start - 1, max(low, start - 7) - 1, -1):
                word = self.norms[k]
                if word in actions or (
                    k == start - 2 and self.norms[start] in _WRONG
                    and self.norms[k + 1] in {"the", "a", "an"}
                    and len(word) > 5 and word.endswith(("ed", "ing"))
                    and not word.endswith("thing") and word not in _PLAIN_ABOUT
                    and word not in _THINKING and word not in _SEEING
                ):  # "marked the wrong leg", "selected the wrong host"
                    action = k
                    break
            if action is None:
                continue
            subject = self._subject_before(action)
            if subject is None:
                subject = self._subject_anywhere(action)
            self._attribute_lapse(subject, action, end)

    def _nobody(self) -> None:
        for start, end in self.found["attention-verbs"]:
            low, _ = self._clause_bounds(start)
            for k in range(start - 1, max(low, start - 11) - 1, -1):
                word = self.norms[k]
                if word in {"nobody", "neither", "no-one"} or (
                    word == "one" and k and self.norms[k - 1] == "no"
                ):
                    if k and self.norms[k - 1] in {"with", "for", "to", "by", "of"}:
                        break  # "with nobody around to watch it": a condition
                    if word == "neither" and not any(
                        self.kind[m] == OTHER for m in range(k + 1, start)
                    ):
                        break
                    if any(self.kind[m] == SELF for m in range(k, start)):
                        break
                    if word == "neither":  # "neither the pilot nor the FO checked"
                        self.add(k, end, "blame_other", "lapse", self.cue(start, end))
                    else:  # "nobody noticed" names nobody: say what was visible
                        self.add(k, end, "hindsight", "nobody", self.cue(start, end))
                    break

    def _judgements(self) -> None:
        for name in ("judgement", "judgement-weak"):
            for start, end in self.found[name]:
                word = self.norms[start]
                if end < self.count and self.norms[end] in NOT_JUDGEMENT_BEFORE.get(
                    word, ()
                ):
                    continue
                if self._denied(start, 6) or self._meta_before(start):
                    continue
                reach = 4 if name == "judgement-weak" else 8
                person = self._nearest_person(start, reach)
                if person is None:  # "the failure of the ship's captain to ..."
                    person = next((k for k in range(start, end) if self.kind[k]), None)
                whose = self._whose(person)
                if person is not None and whose in {"self", "we"} and any(
                    self.norms[k] in AFFIRMING for k in range(person + 1, start)
                ):  # "I cannot accept such carelessness": someone else is judged
                    others = [k for k in range(*self._clause_bounds(start))
                              if self.kind[k] == OTHER]
                    person = others[0] if others else None
                    whose = "blame_other"
                if whose is None and name == "judgement-weak":
                    continue
                cues = self.cue(start, end)
                first, last = start, end
                if person is not None and abs(person - start) <= 3:
                    first, last = min(person, start), max(end, person + 1)
                if whose in {"self", "we"}:
                    self.add(first, last, "self_blame", "reproach", cues)
                else:
                    self.add(first, last, "blame_other", "judgement", cues)

    def _punishment(self) -> None:
        needs_person = self.lex["punishment-verbs"]
        if not any(self.kind):
            return  # "disciplinary action can be slow": about a process, nobody in it
        for start, end in self.found["punishment"]:
            if self._negated(start, 8) or self._meta_before(start):
                continue
            if needs_person.match(self.norms, start, self.count) == end and not (
                self._punished(start, end)
            ):  # "fired" needs a person fired; "should not be allowed" does not
                continue
            if self.norms[start].endswith("ing") and self._anyone_after(end):
                continue  # "firing someone for one mistake will ...": a practice
            self.add(start, end, "blame_other", "punishment", self.cue(start, end))

    def _anyone_after(self, end: int) -> bool:
        """Nobody in particular right after ``end``: "firing people", "someone"."""
        k = end
        while k < self.count and k - end < 2 and self.norms[k] in DETERMINERS:
            k += 1
        return k < self.count and self.norms[k] in _ANYONE

    def _punished(self, start: int, end: int) -> bool:
        """A person is the one punished: "fired the intern", "he was let go"."""
        k = end
        while k < self.count and k - end < 3 and self.norms[k] in DETERMINERS:
            k += 1
        if k < self.count and self.kind[k] == OTHER:
            return True  # the one punished is the object
        if k > end and self.kind[k - 1] == OTHER and (
            k >= self.count or not self.norms[k][:1].isalpha()
        ):
            return True  # "the hospital fired her.": a person, not "her job"
        before = range(max(0, start - 2), start)
        if any(self.kind[k] == OTHER for k in before):
            return True
        verb = start - 1
        while verb > 0 and start - verb < 5 and (
            self.norms[verb].endswith(("ly", "ed"))
            or self.norms[verb] in {"and", '"', "'", "also", "later", "then"}
        ):
            verb -= 1  # "has been temporarily reassigned", "was blamed and fired"
        if start and self.norms[verb] in PASSIVE:
            low = max(0, verb - 14)
            return any(self.kind[k] == OTHER for k in range(low, start))
        return False

    def _labels(self) -> None:
        if self._generic():
            return
        for start, end in self.found["blame-labels"]:
            if self._negated(start, 5) or self._meta_before(start):
                continue
            agent = self._followed_by_agent(end, frozenset({"by", "from", "of"}))
            if not (self.found["cause-markers"] or agent):
                continue
            nameless = (start, end) in self.found["nameless-labels"]
            if nameless and agent is None:
                # "the cause was human error": nobody named, yet the question is closed
                self.add(start, end, "label", "label", self.cue(start, end))
            else:
                self.add(start, end, "blame_other", "label", self.cue(start, end))

    def _faults(self) -> None:
        for start, end in self.found["fault-phrases"]:
            if self._negated(start, 6) or self._meta_before(start):
                continue
            if self.norms[end - 1] in {"on", "with"}:
                person = next((k for k in range(end, min(end + 4, self.count))
                               if self.kind[k]), None)
                while person is not None and person + 1 < self.count and (
                    self.kind[person + 1] == self.kind[person]
                ):
                    person += 1
            else:
                person = self._nearest_person(start, 6)
            whose = self._whose(person)
            if whose is None or person is None:
                continue
            first, last = min(person, start), max(end, person + 1)
            if whose == "blame_other":
                self.add(first, last, "blame_other", "label", self.cue(start, end))
            elif whose == "self":
                self.add(first, last, "self_blame", "reproach", self.cue(start, end))

        for k in range(1, self.count):  # "the employee responsible", "those ..."
            if self.norms[k] != "responsible" or self._next(k) in {"for", "to"}:
                continue
            if (self.kind[k - 1] == OTHER or self.norms[k - 1] == "those") and not (
                self._negated(k, 6) or self._meta_before(k)
            ):
                self.add(k - 1, k + 1, "blame_other", "label", ("responsible",))

    def _possessed_lapses(self) -> None:
        slips = [(start, end) for start, end in self.found["lapse-verbs"]
                 if start >= 2 and self.norms[start - 1] == "'s"
                 and self.norms[start].startswith("mis")]  # "an engineer's mistyped"
        for start, end in self.found["lapse-nouns"] + slips:
            j = start - 1
            if j >= 0 and self.norms[j] not in {"'s"} and not self.kind[j]:
                j -= 1  # one adjective: "Alice's silly typo"
            if j < 0:
                continue
            if self.norms[j] == "'s" and j >= 1 and self.kind[j - 1]:
                owner = j - 1
            elif self.kind[j] and self.norms[j] in {"his", "her", "their", "your",
                                                    "my", "our"}:
                owner = j
            else:
                continue
            if self._negated(owner, 5) or self._meta_before(owner):
                continue
            whose = self._whose(owner)
            if whose is None:
                continue
            cues = self.cue(start, end)
            if whose == "blame_other":
                self.add(owner, end, "blame_other", "label", cues)
            else:
                self.add(owner, end, "ownership", "owned", cues)
