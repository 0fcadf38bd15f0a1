"""The kind note's rule: distress that lasts after incidents, never loud peaks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

import kit
from kit import care
from kit import messages as msg
from kit.frame import incidents_frame
from kit.record import validate_incident

TODAY = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def journal_frame(peaks, lookbacks=None, *, days_apart=10) -> pd.DataFrame:
    """A frame of incidents ending a week before TODAY, with these peaks and
    look-backs (dicts, or None for an incident without one)."""
    lookbacks = lookbacks or [None] * len(peaks)
    incidents = []
    count = len(peaks)
    for number, (peak, back) in enumerate(zip(peaks, lookbacks, strict=True)):
        alert = TODAY - timedelta(days=7 + days_apart * (count - 1 - number))
        data = {
            "schema": 2,
            "id": f"{alert:%Y-%m-%d}-incident-{number}",
            "title": f"Incident {number}",
            "severity": "SEV2",
            "times": {"alert_at": alert.isoformat(),
                      "first_action_at": (alert + timedelta(minutes=3)).isoformat()},
            "body": {"distress_peak": peak},
        }
        if back is not None:
            data["lookback"] = {"at": (alert + timedelta(days=1)).isoformat(), **back}
        incidents.append(validate_incident(data))
    return incidents_frame(incidents)


CALM = {"heavy_now": 2, "sleep": "well", "dread_next": 2}
HEAVY = {"heavy_now": 8, "sleep": "poorly", "dread_next": 8}


def test_silent_on_the_sample():
    sample = kit.Journal.sample()
    assert care.care_note(sample) is None
    # and also while the sample's incidents were recent
    for day in pd.to_datetime(sample.frame()["alert_at"]):
        assert care.care_note(sample, today=day + pd.Timedelta(days=2)) is None


def test_silent_on_the_normal_early_pattern_of_high_peaks():
    """Peaks of 9, 7, 7 in the first three incidents are how it starts."""
    frame = journal_frame([9, 7, 7])
    assert care.sustained_distress(frame, today=TODAY) is None
    frame = journal_frame([9, 7, 7], [CALM, CALM, {"heavy_now": 5}])
    assert care.care_note(frame, today=TODAY) is None


def test_speaks_on_sustained_lookback_distress():
    frame = journal_frame([4, 3, 3], [HEAVY, {"sleep": "hardly"}, CALM])
    signal = care.sustained_distress(frame, today=TODAY)
    assert signal == care.CareSignal(heavy=2, total=3,
                                     reasons=("heavy_now", "sleep", "dread_next"))
    note = care.care_note(frame, today=TODAY)
    assert note is not None
    assert "2 of your last 3 look-backs" in note
    for kind_of_help in ("someone you trust", "a doctor",
                         "employee assistance programme", "crisis line"):
        assert kind_of_help in note
    assert not any(ch.isdigit() for ch in note.split("look-backs")[1])  # no numbers


def test_one_heavy_morning_is_not_sustained():
    frame = journal_frame([5, 5, 5], [CALM, CALM, HEAVY])
    assert care.care_note(frame, today=TODAY) is None


def test_old_lookbacks_fall_out_of_the_window():
    frame = journal_frame([5, 5], [HEAVY, HEAVY], days_apart=10)
    assert care.care_note(frame, today=TODAY) is not None
    later = TODAY + timedelta(days=care.WINDOW_DAYS)
    assert care.care_note(frame, today=later) is None


def test_each_answer_alone_can_make_a_morning_heavy():
    for heavy in ({"heavy_now": care.HEAVY}, {"dread_next": care.DREAD},
                  {"sleep": "poorly"}, {"sleep": "hardly"}):
        frame = journal_frame([2, 2], [heavy, heavy])
        assert care.sustained_distress(frame, today=TODAY) is not None, heavy
    for light in ({"heavy_now": care.HEAVY - 1}, {"dread_next": care.DREAD - 1},
                  {"sleep": "patchy"}):
        frame = journal_frame([2, 2], [light, light])
        assert care.sustained_distress(frame, today=TODAY) is None, light


def test_the_rule_is_written_down_with_its_numbers():
    text = care.rule_text()
    for number in (care.RUN, care.NEEDED, care.WINDOW_DAYS, care.HEAVY):
        assert str(number) in text
    assert "peaks" in text and "normal early pattern" in text


def test_a_pooled_frame_is_refused():
    frame = journal_frame([2, 2], [HEAVY, HEAVY])
    frame["pseudonym"] = ["a", "b"]
    with pytest.raises(kit.NotEnoughData):
        care.sustained_distress(frame, today=TODAY)


def test_the_note_is_kind_and_never_diagnoses():
    words = " ".join([msg.CARE_NOTE_LOOKBACK, msg.CARE_NOTE_HELP, msg.CARE_RULE])
    assert kit.check_blame(words) == []
    for clinical in ("disorder", "depress", "anxiety", "PTSD", "symptom of"):
        assert clinical.lower() not in words.lower()
    assert "does not try" in msg.CARE_NOTE_HELP  # it says it cannot tell
