"""PagerDuty's real files: account-wide logs, notes in ``note``, later pages, automatic
resolutions, every escalation, other separators, the Basic reporting CSV, raw incident
analytics, single entries, and the files the kit does not read.

The files in ``tests/data/pagerduty`` follow the shapes of PagerDuty's REST API v2
reference (log entries with ``incident`` references and ``limit``/``offset``/``more``/
``total`` pagination; ``POST /analytics/raw/incidents`` with ``data`` and
``time_zone``) with invented ids and times.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import kit
from kit import messages, timelines
from kit.timelines.choice import alternatives, choose

FILES = Path(__file__).resolve().parent / "data" / "pagerduty"
UTC = timezone.utc


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def times(timeline) -> dict[str, datetime]:
    return {name: event.at for name, event in timeline.proposed().items()}


# --- an account-wide log with two incidents -------------------------------------------


def test_a_log_of_two_incidents_is_refused_with_their_ids():
    with pytest.raises(kit.InvalidTimeline) as error:
        timelines.read_timeline(FILES / "account-log-entries.json")
    text = str(error.value)
    assert "account-log-entries.json" in text
    assert "PT4KHLK" in text and "PQ7Z0XB" in text
    assert "tool_incident" in text and "Nothing was saved" in text


@pytest.mark.parametrize("wanted", ["PQ7Z0XB", "1235", "#1235"])
def test_the_chosen_incident_gives_every_time_and_the_other_is_left_out(wanted):
    timeline = timelines.read_timeline(FILES / "account-log-entries.json",
                                       tool_incident=wanted)
    assert times(timeline) == {
        "alert_at": at("2026-03-10T14:49:30+00:00"),
        "first_action_at": at("2026-03-10T14:55:00+00:00"),
        "resolved_at": at("2026-03-10T15:40:00+00:00"),
    }
    assert timeline.proposed()["resolved_at"].origin == "tool-automatic"


def test_an_id_not_in_the_log_names_those_that_are():
    with pytest.raises(kit.InvalidTimeline, match="PT4KHLK, PQ7Z0XB"):
        timelines.read_timeline(FILES / "account-log-entries.json",
                                tool_incident="PNOPE00")


# --- notes, pages ---------------------------------------------------------------------


def test_a_note_kept_in_the_note_field_is_read():
    for name in ("incident-log-entries.json", "note-in-note-field.json"):
        timeline = timelines.read_timeline(FILES / name)
        assert [n.text for n in timeline.notes] == [
            "Rolling back checkout-api to the previous release"]


def test_a_later_page_without_the_trigger_says_it_starts_mid_incident():
    with pytest.raises(kit.InvalidTimeline) as error:
        timelines.read_timeline(FILES / "later-page.json")
    assert "starts mid-incident" in str(error.value)
    assert "offset 3" in str(error.value)


def test_a_file_holding_fewer_entries_than_its_total_is_refused():
    with pytest.raises(kit.InvalidTimeline, match="holds 4 of the 6 log entries"):
        timelines.read_timeline(FILES / "fewer-than-total.json")


def test_a_first_page_with_a_total_that_matches_is_read(tmp_path):
    data = json.loads((FILES / "incident-log-entries.json").read_text())
    data["total"] = len(data["log_entries"])
    path = tmp_path / "whole.json"
    path.write_text(json.dumps(data))
    assert "alert_at" in times(timelines.read_timeline(path))


def test_a_single_log_entry_is_read():
    timeline = timelines.read_timeline(FILES / "single-log-entry.json")
    assert times(timeline) == {"alert_at": at("2026-03-10T14:47:00+00:00")}


# --- every escalation is offered ------------------------------------------------------


def test_each_escalation_can_be_chosen_not_only_the_first(tmp_journal, make_incident):
    timeline = timelines.read_timeline(FILES / "incident-log-entries.json")
    found = alternatives(timeline, "escalated_at")
    assert [(e.row, e.at, e.origin) for e in found] == [
        (3, at("2026-03-10T14:52:00+00:00"), "tool-timeout"),
        (5, at("2026-03-10T14:58:00+00:00"), ""),
    ]
    second = choose(timeline, "escalated_at", 5)
    assert times(second)["escalated_at"] == at("2026-03-10T14:58:00+00:00")
    # the other times are untouched
    assert times(second)["alert_at"] == times(timeline)["alert_at"]
    incident = make_incident(
        id="2026-03-10-checkout",
        times={"alert_at": "2026-03-10T14:47:00+00:00",
               "first_action_at": "2026-03-10T14:49:00+00:00", "source": "recalled"})
    tmp_journal.save(incident)
    plan = timelines.save_plan(tmp_journal, incident.id, second)
    assert plan.apply().times.escalated_at == at("2026-03-10T14:58:00+00:00")
    assert tmp_journal.get(incident.id).times.escalated_at == at(
        "2026-03-10T14:58:00+00:00")


def test_choosing_a_row_that_is_not_an_escalation_lists_those_that_are():
    timeline = timelines.read_timeline(FILES / "incident-log-entries.json")
    with pytest.raises(kit.InvalidTimeline, match="log entry 3, log entry 5"):
        choose(timeline, "escalated_at", 4)
    with pytest.raises(kit.InvalidTimeline, match="escalated_by"):
        alternatives(timeline, "escalated_by")


# --- CSVs -----------------------------------------------------------------------------


def test_the_incidents_csv_labels_an_automatic_resolution():
    timeline = timelines.read_timeline(
        Path(__file__).parent / "data" / "timelines" / "pagerduty-incidents.csv",
        tool_incident=1203)
    assert timeline.proposed()["resolved_at"].origin == "tool-automatic"
    other = timelines.read_timeline(
        Path(__file__).parent / "data" / "timelines" / "pagerduty-incidents.csv",
        tool_incident=1201)
    assert other.proposed()["resolved_at"].origin == ""


def test_a_semicolon_separated_export_is_read():
    path = FILES / "semicolon-incidents.csv"
    assert timelines.guess_kind(path.read_text()) == "pagerduty-incidents-csv"
    timeline = timelines.read_timeline(path, tool_incident=1235)
    assert times(timeline) == {
        "alert_at": at("2026-03-12T16:10:00+01:00"),
        "resolved_at": at("2026-03-12T16:41:00+01:00"),
    }
    assert timeline.proposed()["resolved_at"].origin == "tool-automatic"
    first = timelines.read_timeline(path, tool_incident=1234)
    assert times(first)["first_action_at"] == at("2026-03-10T14:48:12+00:00")


def test_a_tab_separated_export_is_read(tmp_path):
    path = tmp_path / "tabs.csv"
    path.write_text((FILES / "semicolon-incidents.csv").read_text().replace(";", "\t"))
    timeline = timelines.read_timeline(path, tool_incident=1234)
    assert times(timeline)["alert_at"] == at("2026-03-10T14:47:00+00:00")


def test_the_basic_reporting_csv_is_read():
    timeline = timelines.read_timeline(FILES / "basic-reporting.csv")
    assert timeline.kind == "pagerduty-incidents-csv"
    assert times(timeline) == {
        "alert_at": at("2026-03-10T14:47:00+00:00"),
        "first_action_at": at("2026-03-10T14:48:12+00:00"),
        "resolved_at": at("2026-03-10T15:05:30+00:00"),
    }
    assert timelines.read_timeline(FILES / "basic-reporting.csv",
                                   tool_incident="PT4KHLK").events


def test_a_day_first_or_month_first_date_is_refused_with_the_formats_read():
    with pytest.raises(kit.InvalidTimeline) as error:
        timelines.read_timeline(FILES / "us-dates.csv", assume_timezone="UTC")
    text = str(error.value)
    assert "us-dates.csv, row 2, created_on" in text
    assert messages.PAGERDUTY_TIME_FORMATS in text
    assert "03/10/2026" in text  # the kit's own example, not the cell's value
    assert "09:13" not in text


# --- raw incident analytics -----------------------------------------------------------


def test_raw_incident_analytics_are_read_in_their_own_time_zone():
    path = FILES / "analytics-raw-incidents.json"
    with pytest.raises(kit.InvalidTimeline, match="1234, 1235"):
        timelines.read_timeline(path)
    timeline = timelines.read_timeline(path, tool_incident=1234)
    assert timeline.kind == "pagerduty-analytics-incidents"
    new_york = ZoneInfo("America/New_York")
    alert = datetime(2026, 3, 10, 2, 47, tzinfo=new_york)
    assert times(timeline) == {
        "alert_at": alert,
        "first_action_at": alert + timedelta(seconds=72),
        "resolved_at": datetime(2026, 3, 10, 3, 5, 30, tzinfo=new_york),
    }
    # summer time began in New York on 8 March
    assert timeline.proposed()["alert_at"].at.utcoffset() == timedelta(hours=-4)
    automatic = timelines.read_timeline(path, tool_incident="PQ7Z0XB")
    assert automatic.proposed()["resolved_at"].origin == "tool-automatic"
    assert "first_action_at" not in automatic.proposed()  # never acknowledged


def test_raw_analytics_round_trip_to_the_frame(tmp_journal, make_incident):
    incident = make_incident(
        id="2026-03-10-checkout",
        times={"alert_at": "2026-03-10T06:47:00+00:00", "source": "recalled"},
        draft=True)
    tmp_journal.save(incident)
    timelines.import_into(tmp_journal, incident.id,
                          FILES / "analytics-raw-incidents.json", tool_incident=1234)
    row = tmp_journal.frame().iloc[0]
    assert row["panic_to_action_min"] == pytest.approx(1.2)
    assert row["source"] == "imported"
    # the same moment as the typed alert, which is kept as typed (in UTC)
    assert kit.metrics.alert_hours(tmp_journal)["local_time"].tolist() == ["06:47"]


# --- files the kit does not read, said clearly ----------------------------------------


@pytest.mark.parametrize("name, words", [
    ("webhook-v2.json", "webhook payload (webhooks v2)"),
    ("webhook-v3.json", "webhook payload (webhooks v3)"),
    ("incidents.json", "incident records (\"incidents\")"),
])
def test_payloads_nobody_exports_by_hand_get_a_clear_word(name, words):
    with pytest.raises(kit.InvalidTimeline) as error:
        timelines.read_timeline(FILES / name)
    assert words in str(error.value)
    assert "GET /incidents/{id}/log_entries" in str(error.value)


def test_the_import_form_offers_each_escalation(tmp_journal, make_incident):
    incident = make_incident(
        id="2026-03-10-checkout",
        times={"alert_at": "2026-03-10T14:47:00+00:00",
               "first_action_at": "2026-03-10T14:49:00+00:00", "source": "recalled"})
    tmp_journal.save(incident)
    form = kit.forms.import_form(tmp_journal, incident.id)
    form.path.value = str(FILES / "incident-log-entries.json")
    form.preview_button.click()
    pick = form.pick["escalated_at"]
    assert [row for _, row in pick.options] == [3, 5]
    assert pick.value == 3  # the first, as before, until another is chosen
    assert "tool" in pick.options[0][0]  # the timeout escalation says so
    pick.value = 5
    assert "14:58:00" in form.table.value
    form.save_button.click()
    assert tmp_journal.get(incident.id).times.escalated_at == at(
        "2026-03-10T14:58:00+00:00")
