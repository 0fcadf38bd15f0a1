"""The readings of the wording check about who caused what: a person named as the
agent ("misconfigured by the admin"), as the reason ("because of Sam"), by their
record ("a pattern of mistakes"), told what to do about what they did ("please don't
merge on red"), or doing one thing in place of another ("put /3 instead of /30").
Private to the wording check; ``kit._readings`` runs them with the others."""

from __future__ import annotations

from ._sentence import DETERMINERS, OTHER, PASSIVE, QUANTITY, SELF, WE, Sentence

__all__ = ["Causes"]

# What "you" did, in a request: "please revert broken pushes when you are working".
_YOU_DID = frozenset({"make", "made", "add", "added", "working", "rewriting",
                      "haven't", "push", "pushed", "merge", "merged", "commit",
                      "committed", "release", "released", "change", "changed",
                      "publish", "published", "deploy", "deployed", "tag", "tagged",
                      "run", "ran", "delete", "deleted"})


class Causes(Sentence):
    """Readings of causes, agents, records and instructions (mixed into Reading)."""

    def _attribute_lapse(self, subject: int | None, start: int, end: int,
                         reason: str = "lapse") -> None:
        whose = self._whose(subject)
        if whose is None or subject is None:
            return
        first, last = min(subject, start), max(end, subject + 1)
        cues = self.cue(start, end)
        if whose == "blame_other":
            self.add(first, last, "blame_other", reason, cues)
        else:
            self.add(first, last, "ownership", "owned", cues)


    def _agents(self) -> None:
        markers = ("lapse-objects", "lapse-nouns", "lapse-verbs", "judgement",
                   "lapse-adverbs", "failure-words", "cause-markers", "harm-verbs")
        for index, word in enumerate(self.norms):
            if word != "by":
                continue
            agent = self._followed_by_agent(index)
            if agent is None:
                continue
            low, high = self._clause_bounds(index)
            if self._has("generic", low, high) >= 0:
                continue  # "can be caused by operators": what happens in general
            lo = max(low, index - 8)
            marker = -1
            for name in markers:
                found = self._has(name, lo, index)
                if found >= 0 and (marker < 0 or found < marker):
                    marker = found
            if marker < 0 or self._negated(marker, 4):
                continue
            verb = self.norms[index - 1] if index else ""
            participle = verb.endswith(("ed", "en")) or verb in {
                "made", "done", "set", "run", "cut", "hit", "put"
            }
            if not (participle or verb in self.lex["lapse-nouns"].first):
                continue  # "texting by train operators": not an agent of a failure
            cues = (self.norms[marker],)
            if self.kind[agent] == OTHER:
                self.add(marker, agent + 1, "blame_other", "cause", cues)
            else:
                self.add(marker, agent + 1, "ownership", "owned", cues)

    def _because(self) -> None:
        norms = self.norms
        for index, word in enumerate(norms):
            direct = False
            if word == "because" and self._next(index) == "of":
                direct, k = True, index + 2
            elif word in {"thanks", "due"} and self._next(index) == "to":
                direct, k = True, index + 2
            elif word in {"because", "since"}:
                k = index + 1
            else:
                continue
            person = None
            for m in range(k, min(k + 3, self.count)):
                if self.kind[m] == OTHER:
                    person = m
                    break
                if norms[m] not in DETERMINERS:
                    break
            if person is None:
                continue
            while person + 1 < self.count and self.kind[person + 1] == OTHER:
                person += 1
            if self._next(person) == "'s":
                continue  # "due to the company's security": the security did it
            if not direct:
                low = self.clause_start[max(0, self.clause[index] - 1)]
                if self._has("failure-words", low, index) < 0:
                    continue
            if self._negated(index, 3):
                continue
            low, high = self._clause_bounds(index)
            if self._has("generic", low, high) >= 0:
                continue  # "sometimes it is due to pilot error": in general
            self.add(index, person + 1, "blame_other", "cause", (word,))

    def _records(self) -> None:
        for start, end in self.found["record"]:
            low, high = self._clause_bounds(start)
            others = [k for k in range(max(low, start - 8), min(high, end + 8))
                      if self.kind[k] == OTHER]  # "how many times ... tell you"
            person = min(others, key=lambda k: abs(k - start)) if others else None
            if person is not None:
                self.add(min(person, start), max(end, person + 1), "blame_other",
                         "record", self.cue(start, end))
        for start, end in self.found["record-nouns"]:
            low, _ = self._clause_bounds(start)
            quantity = any(
                self.norms[k] in QUANTITY or self.norms[k][:1].isdigit()
                for k in range(max(low, start - 4), start)
            )
            had = -1
            for k in range(max(low, start - 6), start):
                if self.norms[k] in {"had", "has", "with"}:
                    had = k
            if not quantity or had < 0:
                continue
            person = self._subject_before(had)
            if person is None:
                person = self._initial_subject(low, had)
            if person is not None and self.kind[person] == OTHER:
                self.add(person, end, "blame_other", "record", self.cue(start, end))

    def _orders(self) -> None:
        """An instruction to someone about what they did: "Please don't merge things
        that are failing CI", "Next time, review the changes", "Be careful when you
        add files". A request with nothing done in it ("please reach out if you have
        questions") is not one."""
        first = 0
        while first < self.count and not self.norms[first][:1].isalpha():
            first += 1
        lead = self.norms[first: first + 3]
        if not lead or self._meta_before(first):
            return
        if lead[:2] == ["next", "time"]:
            if any(kind in {SELF, WE} for kind in self.kind):
                return  # "next time I'll run the tests": a plan of your own
            self.add(first, first + 2, "blame_other", "order", ("next time",))
            return
        if lead[0] == "be" and "careful" in lead[1:3]:
            end = first + lead.index("careful") + 1
            self.add(first, end, "blame_other", "order", ("careful",))
            return
        if lead[0] != "please":
            return
        if lead[1:2] in (["don't"], ["never"], ["always"]) or (
            lead[1:3] == ["do", "not"]
        ):
            self.add(first, first + 2, "blame_other", "order", (lead[1],))
            return
        done = self.lex["action-verbs"]
        attention = self.lex["attention-verbs"]
        for k in range(first + 1, self.count):
            word = self.norms[k]
            if word == "future" or (word == "this" and self.norms[k - 1] == "prevent"):
                self.add(first, k + 1, "blame_other", "order", (word,))
                return
            if word != "you" or (k and self.norms[k - 1] in {"if", "thank"}):
                continue
            after = self.norms[k + 1: k + 3]
            if any(w in done or w in attention or w in _YOU_DID for w in after):
                self.add(first, min(k + 3, self.count), "blame_other", "order",
                         ("you",))
                return

    def _instead(self) -> None:
        """A person doing one thing in place of the intended one: "he put /3 instead
        of /30", "[name] built the site on production rather than staging"."""
        actions = self.lex["action-verbs"]
        for index in range(1, self.count):
            pair = (self.norms[index - 1], self.norms[index])
            if pair not in {("instead", "of"), ("rather", "than")}:
                continue
            if self._meta_before(index):
                continue
            low, _ = self._clause_bounds(index)
            for k in range(index - 2, max(low, index - 12) - 1, -1):
                word = self.norms[k]
                if word in actions or (len(word) > 4 and word.endswith("ed")):
                    if k and self.norms[k - 1] in PASSIVE:
                        break  # "was injected instead of": done, by nobody named
                    subject = self._subject_before(k)
                    if subject is not None:
                        self._attribute_lapse(subject, k, index + 1)
                    break
