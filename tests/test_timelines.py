"""Incident timelines from a tool: every format, every bad file, and the rule
that a time the person typed is never replaced without asking."""

from __future__ import annotations

import csv
import html
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import DATA, incident_data

import kit
from kit import timelines
from kit.forms import import_form
from kit.record import validate_incident

FILES = DATA / "timelines"
UTC = timezone.utc
ALERT = datetime(2026, 3, 10, 14, 47, tzinfo=UTC)
ID = "2026-03-10-payment-typo"
SECRET = "my private worry that must never be echoed"


def at(minutes: float) -> datetime:
    return ALERT + timedelta(minutes=minutes)


def typed(**times) -> kit.Incident:
    """A draft incident whose times were typed from memory (source: recalled)."""
    data = {"alert_at": ALERT.isoformat(), "source": "recalled"}
    data.update({name: value.isoformat() for name, value in times.items()})
    return validate_incident(incident_data(draft=True, times=data))


def saved(journal: kit.Journal, incident: kit.Incident) -> Path:
    journal.save(incident)
    return journal.path / f"{incident.id}.yaml"


def by_field(plan: timelines.ImportPlan) -> dict[str, timelines.PlannedTime]:
    return {item.field: item for item in plan.times}


# --- reading each format -----------------------------------------------------------


def test_plain_csv_gives_each_time_and_the_note():
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    assert timeline.kind == "csv"
    proposed = timeline.proposed()
    assert {name: item.at for name, item in proposed.items()} == {
        "alert_at": ALERT,
        "first_action_at": at(5.5),  # the first_action row, not the acknowledgement
        "broadcast_at": at(7),  # written as 15:54+01:00: the same instant
        "mitigated_at": at(11),
        "resolved_at": at(33),
    }
    assert proposed["first_action_at"].event == "first_action"
    assert proposed["broadcast_at"].row == 6
    [note] = timeline.notes
    assert note.at == at(2 + 10 / 60) and note.row == 4
    assert note.text.startswith("Read the first error line aloud")
    assert "Read the first" not in repr(note), "private text stays out of repr"


def test_pagerduty_log_entries_in_any_order():
    timeline = timelines.read_timeline(FILES / "pagerduty-log-entries.json")
    assert timeline.kind == "pagerduty-log-entries"
    proposed = timeline.proposed()
    assert {name: item.at for name, item in proposed.items()} == {
        "alert_at": ALERT,
        "first_action_at": at(1.2),  # acknowledged 14:48:12
        "escalated_at": at(6),
        "resolved_at": at(18.5),
    }
    ack = proposed["first_action_at"]
    assert ack.event == "acknowledge" and "acknowledged" in ack.label
    assert ack.row == 4, "log entries are counted from 1 in file order"
    [note] = timeline.notes
    assert note.text == "Rolling back checkout-api to the previous release"
    assert timeline.ignored == 1  # the notify_log_entry


def test_pagerduty_log_entries_say_when_the_tool_acted_alone(tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps([
        {"type": "trigger_log_entry", "created_at": "2026-03-10T14:47:00Z"},
        {"type": "escalate_log_entry", "created_at": "2026-03-10T15:02:00Z",
         "channel": {"type": "timeout"}},
        {"type": "resolve_log_entry", "created_at": "2026-03-10T15:30:00Z",
         "channel": {"type": "auto"}},
    ]))
    proposed = timelines.read_timeline(path).proposed()
    assert "timeout" in proposed["escalated_at"].label
    assert "automatically" in proposed["resolved_at"].label


def test_pagerduty_incidents_csv_by_number_or_id():
    for choice in (1201, "1201", "PINC0001"):
        timeline = timelines.read_timeline(FILES / "pagerduty-incidents.csv",
                                         tool_incident=choice)
        assert timeline.kind == "pagerduty-incidents-csv"
        proposed = timeline.proposed()
        assert proposed["alert_at"].at == ALERT  # 10:47-04:00
        assert proposed["first_action_at"].at == ALERT + timedelta(seconds=95)
        assert proposed["first_action_at"].column == "seconds_to_first_ack"
        assert proposed["resolved_at"].at == at(34)
        assert {e.row for e in timeline.events} == {2}


def test_pagerduty_incidents_csv_asks_which_incident():
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(FILES / "pagerduty-incidents.csv")
    message = str(caught.value)
    assert "3 incidents" in message and "1201, 1202, 1203" in message
    assert "tool_incident=" in message
    with pytest.raises(kit.InvalidTimeline, match="no incident with that number"):
        timelines.read_timeline(FILES / "pagerduty-incidents.csv", tool_incident=99)


def test_times_without_offset_need_a_named_timezone():
    path = FILES / "pagerduty-incidents-no-offset.csv"
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(path)
    message = str(caught.value)
    assert "row 2" in message and "created_on" in message
    assert "assume_timezone=" in message
    timeline = timelines.read_timeline(path, assume_timezone="America/New_York")
    assert timeline.proposed()["alert_at"].at == ALERT
    with pytest.raises(kit.InvalidTimeline, match="not a timezone"):
        timelines.read_timeline(path, assume_timezone="Mars/Olympus")


# --- bad files ---------------------------------------------------------------------

BAD = [
    # file, what the message must name (the row and the field), what it must not echo
    ("bad-columns.csv", ["row 1", "time, event", "time,event,text"], []),
    ("bad-time.csv", ["row 3", "time", "ISO 8601"], ["ten to three"]),
    ("bad-no-timezone.csv", ["row 4", "time", "no timezone", "+00:00"], []),
    ("bad-ack-before-trigger.csv",
     ["row 3", "time", "acknowledge", "before alert", "row 2", "same timezone"], []),
    ("bad-ack-before-trigger.json",
     ["log entry 2", "created_at", "acknowledge", "before alert", "log entry 1"], []),
    ("bad-log-entry-no-timezone.json",
     ["log entry 2", "created_at", "no timezone"], []),
    ("bad-unknown-event.csv", ["row 3", "event", "alert, acknowledge"], ["panicked"]),
    ("bad-empty.csv", ["is empty", "export the timeline again"], []),
    ("bad-not-utf8.csv", ["row 3", "UTF-8", "export it again"], ["caf"]),
    ("bad-invalid.json", ["row 3", "not valid JSON"], []),
    ("bad-log-entries-shape.json", ["log_entries", "GET /incidents/{id}/log_entries"],
     []),
]


@pytest.mark.parametrize(("name", "names", "hidden"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_explained_and_nothing_is_saved(tmp_journal, name, names, hidden):
    path = saved(tmp_journal, typed())
    before = path.read_bytes()
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(FILES / name)
    message = str(caught.value)
    assert message.startswith(name)
    for fragment in names:
        assert fragment in message, (fragment, message)
    for fragment in hidden:
        assert fragment not in message, "a cell's contents are never echoed"
    assert message.endswith("Nothing was saved.")
    with pytest.raises(kit.InvalidTimeline):
        timelines.import_into(tmp_journal, ID, FILES / name)
    assert path.read_bytes() == before


def test_too_large_a_file_is_refused_before_reading(tmp_path, tmp_journal):
    path = saved(tmp_journal, typed())
    big = tmp_path / "huge-timeline.csv"
    with open(big, "wb") as handle:
        handle.write(b"time,event,text\n")
        handle.truncate(timelines.MAX_TIMELINE_BYTES + 1)
    before = path.read_bytes()
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.import_into(tmp_journal, ID, big)
    message = str(caught.value)
    assert "huge-timeline.csv is 5,000,001 bytes" in message
    assert "this one incident only" in message
    assert path.read_bytes() == before
    with pytest.raises(kit.InvalidTimeline, match="more than the 5,000,000 bytes"):
        too_big = b"x" * (timelines.MAX_TIMELINE_BYTES + 1)
        timelines.parse_timeline(too_big, "upload.csv")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(kit.InvalidTimeline, match="nowhere.csv could not be opened"):
        timelines.read_timeline(tmp_path / "nowhere.csv")


def test_private_text_next_to_a_bad_cell_is_not_echoed(tmp_path):
    path = tmp_path / "timeline.csv"
    path.write_text("time,event,text\n2026-03-10T14:47:00Z,alert,\n"
                    f"soon,note,{SECRET}\n")
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(path)
    assert "row 3" in str(caught.value) and SECRET not in str(caught.value)


def test_out_of_order_times_in_the_file_name_both_rows(tmp_path):
    path = tmp_path / "timeline.csv"
    path.write_text("time,event,text\n"
                    "2026-03-10T14:47:00Z,alert,\n"
                    "2026-03-10T15:10:00Z,mitigate,\n"
                    "2026-03-10T15:00:00Z,resolve,\n")
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(path)
    message = str(caught.value)
    assert "row 4" in message and "resolve" in message and "(row 3)" in message


def test_a_long_note_is_refused_not_cut(tmp_path):
    path = tmp_path / "timeline.csv"
    path.write_text("time,event,text\n2026-03-10T14:47:00Z,alert,\n"
                    f"2026-03-10T14:50:00Z,note,{'x' * 5001}\n")
    with pytest.raises(kit.InvalidTimeline, match="row 3, text: .*5,000 characters"):
        timelines.read_timeline(path)


# --- the preview -------------------------------------------------------------------


def test_preview_shows_each_time_and_saves_nothing(tmp_journal):
    incident = typed(mitigated_at=at(14))  # typed: 15:01; the tool says 14:58
    path = saved(tmp_journal, incident)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    plan = timelines.plan_import(tmp_journal.get(ID), timeline)
    rows = by_field(plan)
    assert {name: row.action for name, row in rows.items()} == {
        "alert_at": "same",
        "first_action_at": "add",
        "broadcast_at": "add",
        "mitigated_at": "conflict kept",
        "resolved_at": "add",
    }
    assert rows["mitigated_at"].current == at(14)
    assert rows["mitigated_at"].imported == at(11)
    assert plan.conflicts == ["mitigated_at"]
    assert plan.counts() == {"added": 3, "replaced": 0, "kept": 1, "notes": 1}
    shown = plan.to_html()
    assert "differs: your typed time is kept" in shown
    assert "Nothing has been saved yet." in shown
    assert "2026-03-10 15:01:00 +0000" in shown  # the current time is shown
    assert "2026-03-10 14:58:00 +0000" in shown  # next to the tool's
    assert plan._repr_html_() == shown
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_a_typed_time_is_kept_unless_that_field_is_named(tmp_journal):
    incident = typed(mitigated_at=at(14), resolved_at=at(40))
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    kept = timelines.plan_import(incident, timeline).apply()
    assert kept.times.mitigated_at == at(14)
    assert kept.times.resolved_at == at(40)
    assert kept.times.first_action_at == at(5.5)  # added: there was none
    assert kept.times.source == "imported"
    one = timelines.plan_import(incident, timeline, overwrite=["mitigated_at"]).apply()
    assert one.times.mitigated_at == at(11)
    assert one.times.resolved_at == at(40), "only the named field is replaced"
    every = timelines.plan_import(incident, timeline, overwrite=True).apply()
    assert (every.times.mitigated_at, every.times.resolved_at) == (at(11), at(33))
    with pytest.raises(kit.InvalidTimeline, match="not a time"):
        timelines.plan_import(incident, timeline, overwrite=["mitigated"])


def test_times_imported_before_are_not_replaced_silently_either():
    earlier = typed(first_action_at=at(9))
    data = earlier.to_data()
    data["times"]["source"] = "imported"
    earlier = validate_incident(data)
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    rows = by_field(timelines.plan_import(earlier, timeline))
    assert rows["first_action_at"].action == "conflict kept"


def test_the_acknowledgement_is_offered_labelled_and_can_be_left_out():
    timeline = timelines.read_timeline(FILES / "pagerduty-log-entries.json")
    plan = timelines.plan_import(typed(), timeline)
    row = by_field(plan)["first_action_at"]
    assert row.action == "add" and "acknowledged in the tool" in row.label
    assert "acknowledged in the tool" in plan.to_html()
    assert "acknowledged in the tool" in plan.to_markdown()
    left_out = timelines.plan_import(typed(), timeline, skip=["first_action_at"])
    assert by_field(left_out)["first_action_at"].action == "skip"
    result = left_out.apply()
    assert result.times.first_action_at is None
    assert result.times.escalated_at == at(6)


def test_a_plan_that_would_break_the_order_says_so_and_cannot_be_saved(tmp_journal):
    incident = typed(first_action_at=at(25))  # remembered far too late
    path = saved(tmp_journal, incident)
    before = path.read_bytes()
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    plan = timelines.plan_import(incident, timeline)
    assert plan.problem and "mitigated_at" in plan.problem
    assert "overwrite=" in plan.problem
    assert "not possible" in plan.summary()
    with pytest.raises(kit.InvalidTimeline):
        plan.apply()
    with pytest.raises(kit.InvalidTimeline):
        timelines.import_into(tmp_journal, ID, FILES / "timeline.csv")
    assert path.read_bytes() == before
    fixed = timelines.plan_import(incident, timeline, overwrite=["first_action_at"])
    assert fixed.problem is None and fixed.apply().times.first_action_at == at(5.5)


def test_a_file_from_another_day_is_flagged():
    incident = kit.Journal.sample().load().incidents[0]  # 2026-01-14
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    plan = timelines.plan_import(incident, timeline)
    assert plan.far_apart and "55 day(s)" in plan.far_apart
    assert plan.summary().startswith(plan.far_apart)


def test_user_text_is_escaped_in_html_and_markdown(tmp_path):
    payload = '<img src=x onerror="window.__pwned=1"> | [link](javascript:x) *b*'
    path = tmp_path / "timeline.csv"
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows([["time", "event", "text"],
                                      ["2026-03-10T14:47:00Z", "alert", ""],
                                      ["2026-03-10T14:50:00Z", "note", payload]])
    plan = timelines.plan_import(typed(), timelines.read_timeline(path))
    shown = plan.to_html()
    assert "<img" not in shown and html.escape(payload) in shown
    markdown = plan.to_markdown()
    assert "<img" not in markdown and "&lt;img" in markdown
    assert "\\| \\[link\\](javascript:x) \\*b\\*" in markdown
    note_line = [line for line in markdown.splitlines() if "&lt;img" in line][0]
    assert note_line.startswith("- ")


# --- saving ------------------------------------------------------------------------


def test_round_trip_gives_the_tools_panic_to_action(tmp_journal):
    path = saved(tmp_journal, typed())
    plan = timelines.import_into(tmp_journal, ID, FILES / "timeline.csv")
    assert plan.counts() == {"added": 4, "replaced": 0, "kept": 0, "notes": 1}
    row = tmp_journal.frame().set_index("id").loc[ID]
    assert row["panic_to_action_min"] == pytest.approx(5.5)
    assert row["to_broadcast_min"] == pytest.approx(7)
    assert row["to_mitigate_min"] == pytest.approx(11)
    assert row["source"] == "imported"
    incident = tmp_journal.get(ID)
    notes = [e for e in incident.events if e.kind == "note"]
    assert [n.at for n in notes] == [at(2 + 10 / 60)]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    # Importing the same file again changes nothing and writes nothing.
    before = path.read_bytes()
    again = timelines.import_into(tmp_journal, ID, FILES / "timeline.csv")
    assert not again.changes and "nothing would change" in again.summary()
    assert path.read_bytes() == before


def test_round_trip_from_pagerduty_log_entries(tmp_journal):
    saved(tmp_journal, typed())
    timelines.import_into(tmp_journal, ID, FILES / "pagerduty-log-entries.json")
    row = tmp_journal.frame().set_index("id").loc[ID]
    assert row["panic_to_action_min"] == pytest.approx(1.2)
    assert row["to_escalate_min"] == pytest.approx(6)
    assert row["to_resolve_min"] == pytest.approx(18.5)


def test_round_trip_from_pagerduty_incidents_csv(tmp_journal):
    saved(tmp_journal, typed())
    timelines.import_into(tmp_journal, ID, FILES / "pagerduty-incidents.csv",
                        tool_incident=1201)
    row = tmp_journal.frame().set_index("id").loc[ID]
    assert row["panic_to_action_min"] == pytest.approx(95 / 60)
    assert row["to_resolve_min"] == pytest.approx(34)


def test_import_into_reads_the_incident_under_the_lock(tmp_journal, monkeypatch):
    saved(tmp_journal, typed())
    calls = []
    original = tmp_journal.change

    def spy(incident_id, edit):
        calls.append(incident_id)
        return original(incident_id, edit)

    monkeypatch.setattr(tmp_journal, "change", spy)
    timelines.import_into(tmp_journal, ID, FILES / "timeline.csv")
    assert calls == [ID]


def test_a_failed_save_leaves_the_file_as_it_was(tmp_journal, monkeypatch):
    path = saved(tmp_journal, typed())
    before = path.read_bytes()

    def broken_replace(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(kit.SaveFailed):
        timelines.import_into(tmp_journal, ID, FILES / "timeline.csv")
    assert path.read_bytes() == before


def test_the_sample_journal_is_never_changed():
    sample = kit.Journal.sample()
    first = sample.load().incidents[0]
    with pytest.raises(kit.ReadOnlyJournal):
        timelines.import_into(sample, first.id, FILES / "timeline.csv",
                            overwrite=True)


# --- the form ------------------------------------------------------------------------


def test_form_previews_then_saves_only_what_was_ticked(tmp_journal):
    path = saved(tmp_journal, typed(mitigated_at=at(14)))
    before = path.read_bytes()
    form = import_form(tmp_journal)
    assert form.incident.value == ID
    form.path.value = str(FILES / "timeline.csv")
    form.preview_button.click()
    assert "differs: your typed time is kept" in form.table.value
    assert "Nothing has been saved yet" in form.status.value
    assert path.read_bytes() == before, "a preview saves nothing"
    assert set(form.replace) == {"mitigated_at"}
    form.replace["mitigated_at"].value = True
    assert "replace" in form.table.value
    assert not form.save_button.disabled
    form.save_button.click()
    assert "Saved" in form.status.value
    incident = tmp_journal.get(ID)
    assert incident.times.mitigated_at == at(11)
    assert incident.times.first_action_at == at(5.5)


def test_form_lets_the_person_leave_the_acknowledgement_out(tmp_journal):
    saved(tmp_journal, typed())
    form = import_form(tmp_journal, ID)
    form.path.value = str(FILES / "pagerduty-log-entries.json")
    form.preview_button.click()
    assert form.use_ack.layout.display != "none"
    form.use_ack.value = False
    assert "left out, as you chose" in form.table.value
    form.save_button.click()
    assert tmp_journal.get(ID).times.first_action_at is None


def test_form_needs_a_new_preview_after_any_change(tmp_journal):
    saved(tmp_journal, typed())
    other = typed()
    data = other.to_data()
    data.update(id="2026-03-10-another", title="Another incident")
    other_path = saved(tmp_journal, validate_incident(data))
    before = other_path.read_bytes()
    form = import_form(tmp_journal, ID)
    form.path.value = str(FILES / "timeline.csv")
    form.preview_button.click()
    assert not form.save_button.disabled
    form.incident.value = "2026-03-10-another"  # chosen after the preview
    assert form.save_button.disabled and form.table.value == ""
    form.save_button.click()
    assert other_path.read_bytes() == before, "never saved without its own preview"


def test_form_explains_a_bad_file_and_saves_nothing(tmp_journal):
    path = saved(tmp_journal, typed())
    before = path.read_bytes()
    form = import_form(tmp_journal)
    form.path.value = str(FILES / "bad-ack-before-trigger.csv")
    form.preview_button.click()
    assert "row 3" in form.status.value and form.save_button.disabled
    form.save_button.click()
    assert path.read_bytes() == before


def test_form_on_an_empty_journal_says_what_to_do_first(tmp_journal):
    form = import_form(tmp_journal)
    assert "no incidents yet" in form.status.value
    form.preview_button.click()
    assert form.save_button.disabled


def test_messages_are_reachable_from_kit_messages():
    labels = kit.messages.IMPORT_ORIGIN_LABELS
    assert labels["acknowledged"] == kit.messages.IMPORT_ACK_LABEL
    for event in timelines.EVENTS:
        assert event in kit.messages.IMPORT_EVENT_HELP


def test_one_page_of_many_log_entries_is_refused(tmp_path):
    data = json.loads((FILES / "pagerduty-log-entries.json").read_text())
    data["log_entries"] = data["log_entries"][:3]  # newest first: no trigger here
    data["more"] = True
    path = tmp_path / "page-1.json"
    path.write_text(json.dumps(data))
    with pytest.raises(kit.InvalidTimeline) as caught:
        timelines.read_timeline(path)
    assert "more follow" in str(caught.value) and "limit=1000" in str(caught.value)


def test_a_plan_never_shows_private_text_in_its_repr(tmp_path):
    incident = validate_incident(incident_data(
        draft=True, times={"alert_at": ALERT.isoformat()},
        reflection={"body": SECRET}))
    timeline = timelines.read_timeline(FILES / "timeline.csv")
    plan = timelines.plan_import(incident, timeline)
    assert SECRET not in repr(plan)
    assert "Read the first error line" not in repr(plan)


# --- one reader interface, and behaviour that never keys on words --------------------


def test_every_kind_has_a_reader_and_the_contents_choose_it():
    assert set(timelines.KINDS) == set(timelines.READERS)
    assert timelines.guess_kind((FILES / "timeline.csv").read_text()) == "csv"
    assert (timelines.guess_kind((FILES / "pagerduty-log-entries.json").read_text())
            == "pagerduty-log-entries")
    assert (timelines.guess_kind((FILES / "pagerduty-incidents.csv").read_text())
            == "pagerduty-incidents-csv")


def test_a_registered_reader_is_used_for_its_kind(monkeypatch):
    def tally(source: timelines.Source) -> timelines.Timeline:
        lines = source.text.splitlines()
        return timelines.Timeline(source.name, "tally", tuple(
            timelines.TimelineEvent(ALERT + timedelta(minutes=n), event, n + 1)
            for n, event in enumerate(lines)))

    monkeypatch.setitem(timelines.READERS, "tally", tally)
    timeline = timelines.parse_timeline(b"alert\nfirst_action\nresolve", "t.txt",
                                        kind="tally")
    assert {name: item.at for name, item in timeline.proposed().items()} == {
        "alert_at": ALERT, "first_action_at": at(1), "resolved_at": at(2)}


def test_rewording_the_acknowledgement_label_changes_no_behaviour(
        tmp_journal, monkeypatch):
    monkeypatch.setitem(kit.messages.IMPORT_ORIGIN_LABELS, "acknowledged",
                        "seen in the tool")
    saved(tmp_journal, typed())
    timeline = timelines.read_timeline(FILES / "pagerduty-log-entries.json")
    plan = timelines.plan_import(tmp_journal.get(ID), timeline)
    assert plan.offers_acknowledgement
    assert by_field(plan)["first_action_at"].origin == "acknowledged"
    assert "seen in the tool" in plan.to_html()
    form = import_form(tmp_journal, ID)
    form.path.value = str(FILES / "pagerduty-log-entries.json")
    form.preview_button.click()
    assert form.use_ack.layout.display != "none"


def test_the_form_is_built_on_the_kit_form_base(tmp_journal):
    saved(tmp_journal, typed())
    form = import_form(tmp_journal)
    assert isinstance(form, kit.forms.timeline_import.Form)
    assert {"incident", "path", "preview", "save", "status"} <= set(form.controls)
    assert form.controls["save"] is form.save_button
