"""The morning-after look-back: the form, the record and the frame agree."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pytest
import yaml

import kit
from kit import messages as msg
from kit.forms._common import esc
from kit.forms.lookback import lookback_form

MORNING = datetime(2026, 9, 9, 8, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def journal(tmp_path) -> kit.Journal:
    folder = tmp_path / "journal"
    shutil.copytree(kit.Journal.sample().path, folder)
    return kit.Journal(folder)


def test_the_lookback_round_trips_to_the_frame(journal):
    incident_id = "2026-06-30-batch-disk-full"
    form = lookback_form(journal, incident_id, clock=lambda: MORNING)
    c = form.controls
    assert c["incident"].value == incident_id
    assert c["sleep"].value == "well"  # what was saved before is shown
    c["heavy_now"].value = 6
    c["sleep"].value = "hardly"
    c["dread_next"].value = -1  # not answered
    c["tell_junior"].value = "It is fine to say <I do not know yet>."
    c["at_3am"].value = "Breathe, then the runbook."
    c["save"].click()
    assert form.status.value == esc(msg.LOOKBACK_SAVED.format(id=incident_id))
    raw = yaml.safe_load((journal.path / f"{incident_id}.yaml").read_text())
    assert raw["schema"] == 2
    assert raw["lookback"] == {
        "at": MORNING.isoformat(),
        "heavy_now": 6,
        "sleep": "hardly",
        "tell_junior": "It is fine to say <I do not know yet>.",
        "at_3am": "Breathe, then the runbook.",
    }
    row = journal.frame().set_index("id").loc[incident_id]
    assert row["lookback_heavy_now"] == 6
    assert row["lookback_sleep"] == "hardly"
    assert row["lookback_dread_next"] != row["lookback_dread_next"]  # NaN
    alert = journal.get(incident_id).times.alert_at
    assert row["lookback_days"] == pytest.approx((MORNING - alert).total_seconds()
                                                 / 86400)
    # the words stay in the record, never in the frame
    assert "runbook" not in journal.frame().to_csv()


def test_the_other_fields_are_kept(journal):
    incident_id = "2026-03-03-search-cache-stampede"
    before = journal.get(incident_id).to_data()
    form = lookback_form(journal, incident_id, clock=lambda: MORNING)
    form.controls["heavy_now"].value = 1
    form.controls["save"].click()
    after = journal.get(incident_id).to_data()
    assert after.pop("lookback")["heavy_now"] == 1
    before.pop("lookback")
    assert after == before


def test_the_sample_is_read_only(tmp_path):
    form = lookback_form(kit.Journal.sample())
    assert form.controls["save"].disabled
    assert form.status.value == esc(msg.LOOKBACK_SAMPLE)


def test_an_empty_journal_says_what_to_do(tmp_path):
    form = lookback_form(kit.Journal(tmp_path / "empty"))
    assert form.controls["save"].disabled
    assert form.status.value == esc(msg.LOOKBACK_NONE)


def test_a_lookback_before_the_alert_names_the_field(journal):
    incident = journal.get("2026-09-08-feature-flag-rollout")
    data = incident.to_data()
    data["lookback"]["at"] = "2026-09-01T08:00:00+01:00"
    with pytest.raises(kit.InvalidIncident) as caught:
        kit.record.validate_incident(data, "x.yaml")
    assert caught.value.problems[0][0] == "lookback.at"
    assert "lookback.at" in str(caught.value) and "x.yaml" in str(caught.value)


def test_a_sleep_answer_outside_the_vocabulary_is_refused(journal):
    data = journal.get("2026-09-08-feature-flag-rollout").to_data()
    data["lookback"]["sleep"] = "like a log"
    with pytest.raises(kit.InvalidIncident, match="well, patchy, poorly, hardly"):
        kit.record.validate_incident(data, "x.yaml")


def test_the_kind_note_appears_after_a_heavy_second_morning(tmp_path):
    journal = kit.Journal(tmp_path / "journal")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    for days, incident in zip((20, 5), kit.Journal.sample().load().incidents[:2],
                              strict=True):
        data = incident.to_data()
        alert = now - timedelta(days=days)
        data["times"] = {"alert_at": alert.isoformat(),
                         "first_action_at": alert.isoformat()}
        data["events"] = []
        data.pop("lookback")
        journal.save(kit.record.validate_incident(data))
    ids = journal.ids()
    first = lookback_form(journal, ids[0], clock=lambda: now)
    first.controls["sleep"].value = "poorly"
    first.controls["save"].click()
    assert first.controls["care"].value == ""  # one heavy morning is not sustained
    second = lookback_form(journal, ids[1], clock=lambda: now)
    second.controls["dread_next"].value = 9
    second.controls["save"].click()
    assert "someone you trust" in second.controls["care"].value
    assert 'role="note"' in second.controls["care"].value


def test_the_table_beside_the_hour_holds_ratings_not_words(journal):
    table = kit.lookback.lookback_table(journal)
    assert table["Sleep"].tolist()[0] == msg.SLEEP_LABELS["poorly"]
    night = table.loc[table["Night page"] == "yes", "Incident"].tolist()
    assert night == [3]  # the 22:40 DNS page
    assert "tell" not in " ".join(map(str, table.to_numpy().ravel())).lower()
    kit.settings.set_prior_incidents(journal.path, 4)
    assert kit.lookback.lookback_table(journal)["Incident"].tolist() == [5, 6, 7, 8, 9]


def test_an_empty_table_says_how_to_start(tmp_path):
    shown = kit.lookback.lookback_table(kit.Journal(tmp_path / "none"))
    assert shown.data == msg.LOOKBACK_TABLE_EMPTY
