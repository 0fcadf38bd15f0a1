"""Round trips: a hypothesis state machine (create, update, corrupt a file, leave a
temp file, reload) against an in-memory model of the journal."""

from __future__ import annotations

import tempfile
from pathlib import Path

import kit

from . import line


def prove_round_trips(work: Path, examples: int) -> None:
    from hypothesis import settings
    from hypothesis import strategies as st
    from hypothesis.stateful import (
        RuleBasedStateMachine,
        invariant,
        rule,
        run_state_machine_as_test,
    )

    base = kit.Journal.sample().load().incidents
    texts = st.text(max_size=40) | st.sampled_from(
        ["no", "10:05", "- x", "#", "\u0085", "\u2028", "\r", "\ufeff", "🔥"]
    )
    counter = {"steps": 0}

    class JournalModel(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.folder = Path(tempfile.mkdtemp(dir=work))
            self.journal = kit.Journal(self.folder)
            self.model: dict[str, kit.Incident] = {}
            self.corrupt: set[str] = set()

        @rule(which=st.integers(0, 4), suffix=st.integers(0, 30), title=texts)
        def create(self, which, suffix, title):
            incident = base[which].model_copy(
                update={"id": f"{base[which].id}-{suffix}", "title": title or "t"}
            )
            if incident.id in self.model or incident.id in self.corrupt:
                try:
                    self.journal.save(incident)
                except kit.DuplicateIncident:
                    return
                msg = "a duplicate save was accepted"
                raise AssertionError(msg)
            self.journal.save(incident)
            self.model[incident.id] = incident

        @rule(notes=texts, pick=st.integers(0, 10**6))
        def update(self, notes, pick):
            if not self.model:
                return
            key = sorted(self.model)[pick % len(self.model)]
            changed = self.model[key].model_copy(deep=True)
            changed.body.notes = notes
            self.journal.update(changed)
            self.model[key] = changed

        @rule(pick=st.integers(0, 10**6), garbage=st.binary(max_size=60))
        def corrupt_a_file(self, pick, garbage):
            if not self.model:
                return
            key = sorted(self.model)[pick % len(self.model)]
            (self.folder / f"{key}.yaml").write_bytes(b"title: [" + garbage)
            del self.model[key]
            self.corrupt.add(key)

        @rule(name=st.text("abcdef", min_size=1, max_size=8))
        def stray_temp_file(self, name):
            (self.folder / f".{name}.yaml.0000.tmp").write_text("half a rec")

        @invariant()
        def reload_matches_the_model(self):
            counter["steps"] += 1
            result = kit.Journal(self.folder).load()
            assert {i.id: i for i in result.incidents} == self.model
            assert {p.path.stem for p in result.problems} == self.corrupt
            frame = kit.Journal(self.folder).frame()
            assert set(frame["id"]) == set(self.model)

    divergences = 0
    try:
        run_state_machine_as_test(
            JournalModel,
            settings=settings(
                max_examples=examples, deadline=None, stateful_step_count=20
            ),
        )
    except Exception as error:  # noqa: BLE001 - a divergence is counted, then shown
        divergences = 1
        print(f"  divergence: {type(error).__name__}: {str(error)[:300]}")
    line(
        f"round trips: {examples} stateful runs, {counter['steps']} reloads checked "
        f"against an in-memory model, {divergences} divergences",
        divergences == 0,
    )
