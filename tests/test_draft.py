"""The live draft without widgets: start, mark, find, finish; old drafts resume."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import Clock

import kit
from kit import draft
from kit import messages as msg
from kit.errors import InvalidMark
from kit.forms.live import live_companion

TZ = timezone(timedelta(hours=1))
ALERT = datetime(2026, 3, 10, 14, 47, tzinfo=TZ)
OLD = Path(__file__).resolve().parent / "data" / "drafts" / "before-marks"
OLD_ID = "2026-03-10-checkout-errors"


@pytest.fixture
def clock() -> Clock:
    return Clock(ALERT)


@pytest.fixture
def old_journal(tmp_path) -> kit.Journal:
    """A journal holding one live draft written before events carried a mark."""
    folder = tmp_path / "journal"
    shutil.copytree(OLD, folder)
    folder.chmod(0o700)
    for entry in folder.iterdir():
        entry.chmod(0o600)
    return kit.Journal(folder)


def test_start_saves_a_live_draft_that_is_then_the_running_one(tmp_journal, clock):
    started = draft.start(tmp_journal, alert_at=ALERT, title="Checkout errors",
                          clock=clock)
    assert started.draft and started.times.source == "live"
    assert draft.running(tmp_journal).id == started.id
    assert [e.mark for e in started.events] == ["triage-started"]


def test_each_mark_is_timestamped_and_saved_in_order(tmp_journal, clock):
    started = draft.start(tmp_journal, alert_at=ALERT, clock=clock)
    clock.advance(minutes=1)
    draft.mark(tmp_journal, None, "breathing", clock=clock)
    clock.advance(minutes=3)
    sent = draft.mark(tmp_journal, started.id, "broadcast", "Checkout is failing",
                      service="checkout", clock=clock)
    clock.advance(minutes=2)
    draft.mark(tmp_journal, None, "step", "rolled back", clock=clock)
    saved = tmp_journal.get(started.id)
    assert sent.at == ALERT + timedelta(minutes=4)
    assert saved.times.broadcast_at == ALERT + timedelta(minutes=4)
    # the first deliberate press (breathing) ends panic-to-action; the step on the
    # problem is the hands-on time of the phase view
    assert saved.times.first_action_at == ALERT + timedelta(minutes=1)
    assert saved.times.hands_on_at == ALERT + timedelta(minutes=6)
    assert saved.service == "checkout"
    assert [e.mark for e in saved.events] == [
        "triage-started", "breathing", "broadcast", "step"]
    assert {"box_breathing", "broadcast_template"} <= set(saved.techniques)


def test_the_time_is_taken_inside_the_journal_lock(tmp_journal, monkeypatch):
    started = draft.start(tmp_journal, alert_at=ALERT)
    inside = []
    real_change = tmp_journal.change

    def change(incident_id, edit):
        def wrapped(current):
            inside.append(True)
            try:
                return edit(current)
            finally:
                inside.append(False)
        return real_change(incident_id, wrapped)

    monkeypatch.setattr(tmp_journal, "change", change)
    seen = []

    def clock():
        seen.append(inside[-1] if inside else False)
        return ALERT + timedelta(minutes=1)

    draft.mark(tmp_journal, started.id, "dead-end", "restarted the pods", clock=clock)
    assert seen == [True]


def test_an_end_time_is_recorded_once(tmp_journal, clock):
    started = draft.start(tmp_journal, alert_at=ALERT, clock=clock)
    clock.advance(minutes=10)
    first = draft.mark(tmp_journal, None, "mitigated", clock=clock)
    clock.advance(minutes=5)
    again = draft.mark(tmp_journal, None, "mitigated", clock=clock)
    assert first.added and not again.added
    assert again.at == ALERT + timedelta(minutes=10)
    assert tmp_journal.get(started.id).times.mitigated_at == first.at
    done = draft.finish(tmp_journal, clock=clock)
    assert done.incident.times.resolved_at == ALERT + timedelta(minutes=15)
    assert draft.running(tmp_journal) is None


def test_bad_marks_are_refused_with_the_fix(tmp_journal, clock):
    with pytest.raises(InvalidMark, match="no running live draft"):
        draft.mark(tmp_journal, None, "breathing")
    draft.start(tmp_journal, alert_at=ALERT, clock=clock)
    with pytest.raises(InvalidMark, match="use one of"):
        draft.mark(tmp_journal, None, "panic")
    with pytest.raises(InvalidMark, match="needs a few words"):
        draft.mark(tmp_journal, None, "dead-end", "   ")


def test_the_sample_journal_takes_no_marks():
    sample = kit.Journal.sample()
    assert draft.running(sample) is None
    first = sample.load().incidents[0]
    with pytest.raises(kit.ReadOnlyJournal):
        draft.mark(sample, first.id, "note", "hello")


# --- drafts written before events carried a mark --------------------------------------


def test_a_draft_in_the_old_shape_is_recognised(old_journal):
    old = draft.running(old_journal)
    assert old is not None and old.id == OLD_ID
    assert all(event.mark is None for event in old.events)
    assert {"triage-started", "breathing", "read-error", "triage-up", "rollback-0",
            "rollback-1"} <= draft.marks(old)
    assert not draft.root_cause_known(old)


def test_a_draft_in_the_old_shape_resumes_in_the_companion(old_journal):
    clock = Clock(ALERT + timedelta(minutes=12))
    companion = live_companion(old_journal, clock=clock)
    assert companion.incident_id == OLD_ID
    ticks = [companion.controls[f"rollback_{n}"].value for n in range(5)]
    assert ticks == [True, True, False, False, False]
    before = len(old_journal.get(OLD_ID).events)
    companion.controls["root_cause"].click()
    after = old_journal.get(OLD_ID)
    # The five minutes had already passed: no second "triage passed" event.
    assert len(after.events) == before + 1
    assert after.events[-1].mark == "root-cause"
    assert draft.root_cause_known(after)


def test_rewording_the_kit_s_words_does_not_break_resuming(tmp_journal, monkeypatch):
    clock = Clock(ALERT)
    companion = live_companion(tmp_journal, clock=clock)
    companion.controls["alert"].click()
    clock.advance(minutes=1)
    companion.controls["rollback_2"].value = True
    companion.controls["root_cause"].click()
    for key in list(msg.LIVE_EVENT_TEXTS):
        monkeypatch.setitem(msg.LIVE_EVENT_TEXTS, key, f"Reworded {key}.")
    reworded = tuple(f"Reworded step {n}" for n in range(5))
    monkeypatch.setitem(kit.messages._loaded, "LIVE_ROLLBACK_ITEMS", reworded)
    clock.advance(minutes=10)
    again = live_companion(tmp_journal, clock=clock)
    assert again.incident_id == companion.incident_id
    assert again.controls["rollback_2"].value is True
    saved = tmp_journal.get(again.incident_id)
    assert draft.root_cause_known(saved)
    assert "triage-up" not in draft.marks(saved), "root cause noted: no nudge"


def test_a_typed_alert_time_is_read_as_a_person_means_it():
    now = datetime(2026, 3, 10, 0, 10, tzinfo=TZ)
    assert draft.alert_time("", now) == now
    assert draft.alert_time("23:50", now, local_rules=False) == datetime(
        2026, 3, 9, 23, 50, tzinfo=TZ)  # paged before midnight, typed after
    assert draft.alert_time("2026-03-09 22:05", now, local_rules=False) == datetime(
        2026, 3, 9, 22, 5, tzinfo=TZ)
    with pytest.raises(InvalidMark, match="HH:MM"):
        draft.alert_time("ten past", now)
    with pytest.raises(InvalidMark):
        draft.alert_time("2026-03-11 09:00", now, local_rules=False)  # still to come


# --- one rule for the first deliberate step, live and from a terminal -----------------


def test_the_terminal_stamps_the_first_deliberate_mark_once(tmp_journal, clock):
    from kit import marks

    marks.record(tmp_journal, "alert", "Checkout errors", clock=clock)
    clock.advance(seconds=45)
    first = clock.now
    marks.record(tmp_journal, "breathe", clock=clock)
    clock.advance(minutes=2)
    marks.record(tmp_journal, "broadcast", "Detected errors on checkout.", clock=clock)
    clock.advance(minutes=2)
    marks.record(tmp_journal, "step", "rolled back", clock=clock)
    (incident,) = tmp_journal.load().incidents
    assert incident.times.first_action_at == first
    assert incident.times.hands_on_at == clock.now
    assert incident.panic_to_action_min == 0.75
    assert incident.times.alert_source is None  # pressed at the alert: live


def test_a_terminal_alert_typed_with_at_is_recalled(tmp_journal, clock):
    from kit import marks

    marks.record(tmp_journal, "alert", "Checkout errors", at="14:40", clock=clock)
    (incident,) = tmp_journal.load().incidents
    assert incident.times.alert_source == "recalled"


def test_notes_and_dead_ends_are_not_deliberate_marks():
    deliberate = kit.record.DELIBERATE_MARKS
    assert {"breathing", "hands-off", "read-error", "broken", "broadcast",
            "escalated", "step"} <= deliberate
    assert not {"dead-end", "note", "root-cause", "triage-started", "triage-up",
                "mitigated", "resolved"} & deliberate
    assert set(deliberate) <= set(draft.MARKS)
    assert set(kit.record.HANDS_ON_MARKS) <= set(draft.MARKS)


def test_a_first_step_after_mitigation_keeps_the_order_valid(tmp_journal, clock):
    started = draft.start(tmp_journal, alert_at=ALERT, clock=clock)
    clock.advance(minutes=3)
    draft.mark(tmp_journal, started.id, "mitigated", clock=clock)
    clock.advance(minutes=1)
    draft.mark(tmp_journal, started.id, "breathing", clock=clock)
    saved = tmp_journal.get(started.id)
    assert saved.times.first_action_at is None  # to be picked in notebook 02
