"""Schema-1 files: real ones from the previous sample and test data load (migrated in
memory), are written in the new shape only when saved, and a kill during that save
loses nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import filelock  # noqa: F401  imported before the fork, so the writer saves at once
import pytest
import yaml

import kit
from kit.record import SCHEMA_VERSION, migrate, validate_incident

DATA = Path(__file__).parent / "data"
SCHEMA_1 = sorted((DATA / "journals" / "schema-1").glob("*.yaml"))
OLD_DRAFT = DATA / "drafts" / "before-marks" / "2026-03-10-checkout-errors.yaml"


@pytest.fixture
def old_journal(tmp_path) -> kit.Journal:
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    for path in SCHEMA_1:
        shutil.copy(path, folder / path.name)
    return kit.Journal(folder)


def test_the_fixtures_are_real_schema_1_files():
    assert len(SCHEMA_1) == 5
    for path in [*SCHEMA_1, OLD_DRAFT]:
        assert yaml.safe_load(path.read_text())["schema"] == 1


def test_schema_1_files_load_unchanged_on_disk(old_journal):
    before = {p.name: p.read_bytes() for p in old_journal.path.glob("*.yaml")}
    result = old_journal.load()
    assert result.problems == []
    assert len(result.incidents) == 5
    assert {inc.schema_version for inc in result.incidents} == {SCHEMA_VERSION}
    frame = old_journal.frame()
    assert frame["panic_to_action_min"].notna().all()
    # reading never writes: the files are still schema 1, byte for byte
    assert {p.name: p.read_bytes() for p in old_journal.path.glob("*.yaml")} == before


def test_a_save_writes_schema_2(old_journal):
    incident = old_journal.get("2026-01-14-payment-config-typo")
    path = old_journal.path / "2026-01-14-payment-config-typo.yaml"
    assert yaml.safe_load(path.read_text())["schema"] == 1
    old_journal.update(incident)
    data = yaml.safe_load(path.read_text())
    assert data["schema"] == 2
    # a recalled record keeps the person's own times as they were
    old = yaml.safe_load(SCHEMA_1[0].read_text())
    assert data["times"] == old["times"]
    assert old_journal.get(incident.id) == incident


def test_a_live_schema_1_draft_moves_the_step_to_hands_on():
    """Schema 1 stamped first_action_at at the step button; the breathing before it
    was the first deliberate step."""
    incident = validate_incident(yaml.safe_load(OLD_DRAFT.read_text()))
    assert incident.times.first_action_at.strftime("%H:%M") == "14:48"  # breathing
    assert incident.times.hands_on_at.strftime("%H:%M") == "14:53"  # rollback check
    assert incident.times.broadcast_at.strftime("%H:%M") == "14:51"


def test_a_first_action_typed_by_hand_in_schema_1_is_kept():
    data = yaml.safe_load(OLD_DRAFT.read_text())
    data["times"]["first_action_at"] = "2026-03-10T14:50:00+01:00"  # no event there
    incident = validate_incident(data)
    assert incident.times.first_action_at.strftime("%H:%M") == "14:50"
    assert incident.times.hands_on_at is None


def test_migrate_leaves_its_input_and_newer_records_alone():
    data = yaml.safe_load(OLD_DRAFT.read_text())
    copy = yaml.safe_load(OLD_DRAFT.read_text())
    migrate(data)
    assert data == copy
    assert migrate({"schema": 2, "id": "x"}) == {"schema": 2, "id": "x"}
    assert migrate("not a record") == "not a record"


def _writer(journal_path: Path, incident_id: str) -> None:
    """Child process: save the incident again and again (schema 2)."""
    journal = kit.Journal(journal_path)
    incident = journal.get(incident_id)
    while True:
        journal.update(incident)


@pytest.mark.slow
def test_a_kill_during_the_first_schema_2_save_loses_nothing(tmp_path):
    """Fork a writer, SIGKILL it at a random moment, and find either the old
    schema-1 bytes or a valid schema-2 record: never a half-written file."""
    rng = random.Random(20261201)
    source = SCHEMA_1[2]
    incident_id = source.stem
    old = source.read_bytes()
    expected = validate_incident(yaml.safe_load(old))
    outcomes = {"schema 1": 0, "schema 2": 0}
    for round_number in range(60):
        folder = tmp_path / f"j{round_number}"
        folder.mkdir(mode=0o700)
        target = folder / source.name
        target.write_bytes(old)
        # load once in the parent so the child's first save is not the import
        kit.Journal(folder).get(incident_id)
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            try:
                _writer(folder, incident_id)
            finally:
                os._exit(0)
        # 0-150 ms: the first save (migration, YAML, fsyncs) takes tens of ms on a
        # busy machine, so the kills land before, during and after it
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raw = target.read_bytes()
        if raw == old:
            outcomes["schema 1"] += 1
            continue
        data = yaml.safe_load(raw)
        assert data["schema"] == 2, f"round {round_number}: not schema 2"
        assert validate_incident(data) == expected
        outcomes["schema 2"] += 1
        assert kit.Journal(folder).load().problems == []
    # the kills landed on both sides of the first save
    assert outcomes["schema 2"] > 0
    assert sum(outcomes.values()) == 60
