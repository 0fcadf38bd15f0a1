"""The log form without a browser: fill it in, press Save, read the journal's files."""

from __future__ import annotations

import stat
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock

import ipywidgets as widgets
import pytest
import yaml

import kit
from kit import messages as msg
from kit.errors import SaveFailed
from kit.forms._common import esc
from kit.forms.live import live_companion
from kit.forms.log import TIME_FIELDS, log_form
from kit.forms.log_layout import SUMMARY_ID, slot_id
from kit.forms.time_entry import picked_text, read_time

REFLECTION = "I was scared they would think I could not do this job"


def fill(form, **values):
    for name, value in values.items():
        form.controls[name].value = value


def complete(form, **overrides):
    """Every kind of field filled in, as a person would."""
    values = {
        "title": "Payments down after a config typo",
        "service": "payments-api",
        "severity": "SEV1",
        "role": "author",
        "whose": "mine",
        "timezone": "+05:30",
        "alert_at_date": date(2026, 3, 10),
        "alert_at_time": clock(9, 15),
        "first_action_at_time": clock(9, 27),
        "broadcast_at_time": clock(9, 20, 30),
        "escalated_at_time": clock(9, 22),
        "mitigated_at_time": clock(9, 28),
        "resolved_at_date": date(2026, 3, 10),
        "resolved_at_time": clock(9, 55),
        "source": "recalled",
        "symptom_racing_heart": 9,
        "symptom_freezing": 7,
        "distress_peak": 8,
        "clarity_next_step": 30,
        "heart_rate_bpm": "112",
        "body_notes": "Cold hands for an hour afterwards.",
        "technique_box_breathing": True,
        "technique_rollback_first": True,
        "pm_what_happened": "A config key was renamed in one place only.",
        "pm_one_change": "Validate config against the schema in CI.",
        "refl_body": REFLECTION,
        "refl_at_3am": "Breathe, then roll back before reading code.",
        "include_in_postmortem": True,
        "culture_response": "blameless",
        "culture_safety": 4,
    }
    values.update(overrides)
    fill(form, **values)
    return values


def values_of(form) -> dict:
    return {
        name: widget.value
        for name, widget in form.controls.items()
        if hasattr(widget, "value") and name not in ("status", "summary", "mode")
    }


def test_a_new_incident_is_saved_exactly_as_typed(tmp_journal):
    form = log_form(tmp_journal)
    assert form.mode == "new"
    complete(form)
    form.controls["save"].click()

    (incident_id,) = tmp_journal.ids()
    assert incident_id == "2026-03-10-payments-down-after-a-config-typo"
    assert form.status.value == esc(msg.LOG_SAVED_NEW.format(id=incident_id))
    path = tmp_journal.path / f"{incident_id}.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = yaml.safe_load(path.read_text())
    assert data["times"] == {
        "alert_at": "2026-03-10T09:15:00+05:30",
        "first_action_at": "2026-03-10T09:27:00+05:30",
        "broadcast_at": "2026-03-10T09:20:30+05:30",
        "escalated_at": "2026-03-10T09:22:00+05:30",
        "mitigated_at": "2026-03-10T09:28:00+05:30",
        "resolved_at": "2026-03-10T09:55:00+05:30",
        "source": "recalled",
    }
    inc = tmp_journal.get(incident_id)
    assert inc.draft is False
    assert (inc.title, inc.service, inc.severity, inc.role, inc.whose) == (
        "Payments down after a config typo",
        "payments-api",
        "SEV1",
        "author",
        "mine",
    )
    assert inc.body.symptoms == {"racing_heart": 9, "freezing": 7}
    assert inc.body.distress_peak == 8
    assert inc.clarity.next_step == 30
    assert inc.body.heart_rate_bpm == 112
    assert inc.body.notes == "Cold hands for an hour afterwards."
    assert inc.techniques == ["box_breathing", "rollback_first"]
    assert inc.postmortem.what_happened == "A config key was renamed in one place only."
    assert inc.postmortem.one_change == "Validate config against the schema in CI."
    assert inc.postmortem.summary == ""
    assert inc.reflection.body == REFLECTION
    assert inc.reflection.include_in_postmortem is True
    assert (inc.culture.response, inc.culture.safe_to_say_i_broke_it) == (
        "blameless",
        4,
    )
    assert inc.panic_to_action_min == 12.0
    # The form now edits what it saved: a second Save updates, never duplicates.
    assert (form.mode, form.incident_id) == ("edit", incident_id)
    form.controls["clarity_next_step"].value = 40
    form.controls["save"].click()
    assert tmp_journal.ids() == [incident_id]
    assert tmp_journal.get(incident_id).clarity.next_step == 40


def test_untouched_ratings_are_saved_as_not_rated(tmp_journal):
    form = log_form(tmp_journal)
    complete(form)
    fill(form, distress_rated=False, clarity_rated=False, heart_rate_bpm="")
    form.controls["save"].click()
    inc = tmp_journal.get(tmp_journal.ids()[0])
    assert inc.body.distress_peak is None
    assert inc.clarity.next_step is None
    assert inc.body.heart_rate_bpm is None
    # Moving a slider ticks its "include" box.
    form.controls["distress_peak"].value = 3
    assert form.controls["distress_rated"].value is True


@pytest.fixture
def berlin(monkeypatch):
    """This computer's timezone set to Europe/Berlin for one test."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_time_uses_the_offset_of_that_date(tmp_journal, berlin):
    form = log_form(tmp_journal)
    complete(
        form,
        timezone="local",
        alert_at_date=date(2026, 1, 14),
        resolved_at_date=date(2026, 1, 14),
    )
    form.controls["save"].click()
    winter = yaml.safe_load(next(tmp_journal.path.glob("*.yaml")).read_text())
    assert winter["times"]["alert_at"] == "2026-01-14T09:15:00+01:00"

    summer_form = log_form(tmp_journal)
    complete(
        summer_form,
        title="Summer one",
        timezone="local",
        alert_at_date=date(2026, 7, 14),
        resolved_at_date=date(2026, 7, 14),
    )
    summer_form.controls["save"].click()
    summer = tmp_journal.get(summer_form.incident_id)
    assert summer.times.alert_at.isoformat() == "2026-07-14T09:15:00+02:00"


def test_invalid_input_is_shown_next_to_its_field_and_nothing_is_written(
    tmp_journal,
):
    form = log_form(tmp_journal)
    complete(
        form,
        title="   ",
        first_action_at_time=clock(9, 5),
        heart_rate_bpm="fast",
        mitigated_at_date=date(2026, 3, 10),
        mitigated_at_time=None,  # a date without its time
    )
    before = values_of(form)
    form.controls["save"].click()

    assert tmp_journal.ids() == []
    assert list(tmp_journal.path.iterdir()) == []
    assert values_of(form) == before
    problems = {key: slot.value for key, slot in form.problems.items() if slot.value}
    assert set(problems) == {
        "title",
        "times.first_action_at",
        "body.heart_rate_bpm",
        "times.mitigated_at",
    }
    assert "First deliberate step" in problems["times.first_action_at"]
    assert "is before Alert" in problems["times.first_action_at"]  # the form's words
    assert 'tabindex="-1">title is empty' in problems["title"]
    assert "beats per minute" in problems["body.heart_rate_bpm"]
    assert "Mitigated" in problems["times.mitigated_at"]
    assert "add the time too" in problems["times.mitigated_at"]
    for key in problems:
        assert form.problems[key].layout.display is None
        # each message is where the summary's link lands, just above its field
        assert f'id="{slot_id(key)}" tabindex="-1"' in problems[key]
    assert form.problems["service"].layout.display == "none"
    assert form.status.value.startswith(esc(msg.LOG_INVALID.format(n=4)))
    assert f'<a href="#{SUMMARY_ID}">' in form.status.value
    summary = form.problem_summary.value
    assert f'role="alert" id="{SUMMARY_ID}"' in summary
    assert summary.count("<li>") == 4
    assert f'href="#{slot_id("times.first_action_at")}"' in summary
    assert "First deliberate step" in summary and "first_action_at" not in summary
    assert REFLECTION not in "".join(problems.values())

    # Correcting the fields clears the messages and saves.
    fill(
        form,
        title="Payments down",
        first_action_at_time=clock(9, 27),
        heart_rate_bpm="112",
        mitigated_at_time=clock(9, 28),
    )
    form.controls["save"].click()
    assert tmp_journal.ids() == ["2026-03-10-payments-down"]
    assert all(slot.value == "" for slot in form.problems.values())
    assert form.problem_summary.layout.display == "none"


def test_a_finished_incident_needs_a_severity_and_a_first_step(tmp_journal):
    form = log_form(tmp_journal)
    complete(form, severity="", first_action_at_time=None, mitigated_at_time=None)
    form.controls["save"].click()
    assert tmp_journal.ids() == []
    shown = form.problems["times.first_action_at"].value
    assert "First deliberate step is missing" in shown  # the label, not the path
    # (one problem at a time from the record's final check)
    form.controls["first_action_at_time"].value = clock(9, 27)
    form.controls["save"].click()
    assert "severity is missing" in form.problems["severity"].value
    # Keeping it as a draft is allowed.
    form.controls["keep_draft"].value = True
    form.controls["save"].click()
    assert tmp_journal.get(tmp_journal.ids()[0]).draft is True


def test_the_alert_needs_a_date_and_a_time(tmp_journal):
    form = log_form(tmp_journal)
    complete(form, alert_at_date=None, alert_at_time=None)
    form.controls["save"].click()
    alert = msg.FIELD_NAMES["times.alert_at"]
    wanted = msg.LOG_ALERT_NEEDED.replace("times.alert_at", alert)
    assert esc(wanted) in form.problems["times.alert_at"].value
    # A time without its date: the alert's own day cannot be assumed.
    fill(form, alert_at_time=clock(9, 15))
    form.controls["save"].click()
    assert msg.LOG_DATE_NEEDED.format(field=msg.LOG_TIME_NAMES["alert_at"]) in (
        form.problems["times.alert_at"].value)
    assert tmp_journal.ids() == []
    fill(form, alert_at_date=date(2026, 3, 10))
    form.controls["save"].click()
    assert tmp_journal.ids() == ["2026-03-10-payments-down-after-a-config-typo"]


def test_an_empty_later_date_is_the_alerts_day_even_after_midnight(tmp_journal):
    form = log_form(tmp_journal)
    complete(form, timezone="+00:00", alert_at_time=clock(23, 50),
             first_action_at_time=clock(23, 58), broadcast_at_time=None,
             escalated_at_time=None, mitigated_at_time=clock(0, 10),
             mitigated_at_date=date(2026, 3, 11), resolved_at_date=None,
             resolved_at_time=clock(0, 20))
    form.controls["save"].click()
    # 00:20 with no date is the alert's day, so before the alert: said, not guessed.
    assert "Resolved" in form.problems["times.resolved_at"].value
    assert tmp_journal.ids() == []
    fill(form, resolved_at_date=date(2026, 3, 11))
    form.controls["save"].click()
    saved = tmp_journal.get(tmp_journal.ids()[0])
    assert saved.times.resolved_at.isoformat() == "2026-03-11T00:20:00+00:00"
    assert saved.minutes_to("mitigated_at") == 20


def test_typed_times_follow_the_same_rules_as_picked_ones():
    """``read_time`` reads text; the pickers' values are written as that text."""
    assert picked_text(date(2026, 3, 10), clock(9, 5)) == ("2026-03-10", "09:05")
    assert picked_text(None, clock(9, 5, 30)) == ("", "09:05:30")
    assert picked_text(None, None) == ("", "")
    alert_day = date(2026, 3, 10)

    def read(day, time_text, *, is_alert=False):
        return read_time(day, time_text, "+01:00", label="Mitigated",
                         is_alert=is_alert, alert_day=alert_day)

    moment, problem = read("", "9:05")
    assert problem is None and moment.isoformat() == "2026-03-10T09:05:00+01:00"
    assert read("", "") == (None, None)
    assert read("", "", is_alert=True) == (None, msg.LOG_ALERT_NEEDED)
    assert read("2026-03-10", "")[1] == msg.LOG_DATE_WITHOUT_TIME.format(
        field="Mitigated")
    assert read_time("", "09:15", "local", label="Alert", is_alert=True,
                     alert_day=None)[1] == msg.LOG_DATE_NEEDED.format(field="Alert")
    for day, time_text in (("2026-02-30", "09:15"), ("10/03/2026", "09:15")):
        assert read(day, time_text)[1] == msg.LOG_DATE_UNREADABLE.format(
            field="Mitigated")
    for time_text in ("9.15", "25:00", "09:61"):
        assert read("2026-03-10", time_text)[1] == msg.LOG_TIME_UNREADABLE.format(
            field="Mitigated")


def test_opening_and_saving_changes_nothing_but_what_was_edited(sample_copy):
    for incident_id in sample_copy.ids():
        before = sample_copy.get(incident_id)
        form = log_form(sample_copy, incident_id)
        assert form.mode == "edit"
        form.controls["save"].click()
        assert form.status.value == esc(msg.LOG_SAVED_UPDATE.format(id=incident_id))
        assert sample_copy.get(incident_id).to_data() == before.to_data()

    incident_id = "2026-03-03-search-cache-stampede"
    before = sample_copy.get(incident_id).to_data()
    form = log_form(sample_copy, sample_copy.get(incident_id))
    form.controls["clarity_next_step"].value = 90
    form.controls["symptom_sweating"].value = 6
    form.controls["save"].click()
    after = sample_copy.get(incident_id).to_data()
    assert after["clarity"] == {"next_step": 90}
    assert after["body"]["symptoms"]["sweating"] == 6
    for key in ("times", "events", "postmortem", "reflection", "title", "culture",
                "lookback"):
        assert after[key] == before[key]
    assert sorted(sample_copy.ids()) == sorted(kit.Journal.sample().ids())


def test_a_moved_time_in_another_zone_is_saved_as_typed(sample_copy):
    incident_id = "2026-06-30-batch-disk-full"  # times at +01:00
    form = log_form(sample_copy, incident_id)
    assert form.controls["timezone"].value == "+01:00"
    assert form.controls["first_action_at_time"].value == clock(11, 5, 30)
    assert form.controls["first_action_at_date"].value == date(2026, 6, 30)
    form.controls["first_action_at_time"].value = clock(11, 7)
    form.controls["save"].click()
    data = yaml.safe_load((sample_copy.path / f"{incident_id}.yaml").read_text())
    assert data["times"]["first_action_at"] == "2026-06-30T11:07:00+01:00"
    assert data["times"]["alert_at"] == "2026-06-30T11:05:00+01:00"


def test_finishing_a_live_draft_keeps_its_id_times_and_events(tmp_journal):
    now = [datetime(2026, 3, 10, 14, 47, 0, tzinfo=timezone(timedelta(hours=1)))]

    def live_clock():
        return now[0]

    live = live_companion(tmp_journal, clock=live_clock)
    live.controls["title"].value = "Checkout errors"
    live.controls["alert"].click()
    for name, value, after in (
        ("dead_end", "Restarted pods", 75),
        ("step", "Rolled back 4.2.1", 200),
        ("mitigated", None, 61),
        ("resolved", None, 900),
    ):
        now[0] += timedelta(seconds=after)
        if value:
            live.controls[f"{name}_text"].value = value
        live.controls[name].click()
    draft = tmp_journal.get(live.incident_id)

    form = log_form(tmp_journal)
    options = dict((value, label) for label, value in form.controls["picker"].options)
    assert options[draft.id] == msg.LOG_PICKER_DRAFT.format(
        title="Checkout errors", when="2026-03-10 14:47"
    )
    assert "1 draft(s)" in form.controls["mode"].value
    form.controls["picker"].value = draft.id
    form.controls["load"].click()
    assert (form.mode, form.incident_id) == ("draft", draft.id)
    assert form.controls["source"].value == "live"
    assert form.controls["first_action_at_time"].value == clock(14, 51, 35)
    assert "Restarted pods" in form.controls["events"].value
    fill(form, severity="SEV2", distress_peak=7, title="Checkout errors after 4.2.1")
    form.controls["save"].click()

    done = tmp_journal.get(draft.id)
    assert tmp_journal.ids() == [draft.id]
    assert done.draft is False
    assert done.title == "Checkout errors after 4.2.1"
    assert done.times == draft.times
    assert done.events == draft.events
    assert done.times.source == "live"
    assert done.body.distress_peak == 7
    assert form.mode == "edit"


def test_the_summary_echoes_values_but_never_reflections(tmp_journal):
    form = log_form(tmp_journal)
    complete(
        form,
        title="<script>alert(1)</script> outage",
        pm_what_happened="The cache <b>was</b> cold",
    )
    summary = form.summary.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; outage" in summary
    assert "<script>" not in summary
    assert "peak distress 8/10" in summary
    assert "clarity 30/100" in summary
    assert "heart racing or pounding 9" in summary
    assert msg.TECHNIQUE_LABELS["rollback_first"] in summary
    assert "2026-03-10 09:27 +05:30 (12 min after the alert)" in summary
    assert "reflection: 2 of 3 answered" in summary
    assert "post-mortem: 2 of 6 answered" in summary
    for private in (REFLECTION, "Breathe, then roll back", "cache", "Cold hands"):
        assert private not in summary
    form.controls["symptom_freezing"].value = 2
    assert "freezing: unable to start 2" in form.summary.value


def test_opening_another_incident_asks_before_replacing_typed_text(tmp_journal):
    first = log_form(tmp_journal)
    complete(first)
    first.controls["save"].click()
    form = log_form(tmp_journal)
    form.controls["title"].value = "Half-typed"
    form.controls["picker"].value = tmp_journal.ids()[0]
    form.controls["load"].click()
    assert form.status.value == esc(msg.LOG_LOAD_CONFIRM)
    assert form.controls["title"].value == "Half-typed"
    form.controls["load"].click()
    assert form.controls["title"].value == "Payments down after a config typo"
    assert form.mode == "edit"


def test_a_failed_save_keeps_everything(tmp_journal, monkeypatch):
    form = log_form(tmp_journal)
    complete(form)

    def refuse(incident):
        reason = "the journal folder is read-only: check its permissions"
        raise SaveFailed(reason)

    monkeypatch.setattr(tmp_journal, "save", refuse)
    before = values_of(form)
    form.controls["save"].click()
    assert form.status.value.startswith("Not saved: the journal folder is read-only")
    assert values_of(form) == before
    assert form.mode == "new"


def test_the_sample_journal_cannot_be_written():
    form = log_form(kit.Journal.sample())
    assert form.controls["save"].disabled
    assert form.status.value == esc(msg.FORM_READ_ONLY)


def test_every_time_field_has_a_date_a_time_and_a_message_slot(tmp_journal):
    form = log_form(tmp_journal)
    for name in TIME_FIELDS:
        day, time_of_day = form.controls[f"{name}_date"], form.controls[f"{name}_time"]
        # the browser's own date and time inputs, each named by its visible label
        assert isinstance(day, widgets.DatePicker)
        assert isinstance(time_of_day, widgets.TimePicker)
        assert day.description == msg.LOG_TIME_NAMES[name]
        assert time_of_day.description == msg.LOG_TIME_CLOCK_LABEL
        assert time_of_day.step == 60  # minutes; a time with seconds keeps them
        assert f"times.{name}" in form.problems
    assert "kit-alert-at-date" in form.controls["alert_at_date"]._dom_classes


def test_notebook_02_runs_on_a_journal_with_incidents(run_notebook, sample_copy):
    before = {path.name: path.read_bytes() for path in sample_copy.path.iterdir()}
    nb = run_notebook(
        "02-after-the-incident.ipynb", params={"JOURNAL": str(sample_copy.path)}
    )
    views = [
        output
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    forms = [v for v in views if v["data"]["text/plain"].startswith("LogForm(")]
    assert len(forms) == 1  # the log form is one cell's output
    looks = [v for v in views if v["data"]["text/plain"].startswith("LookbackForm(")]
    assert len(looks) == 1  # the morning-after look-back another
    assert len(views) == 3  # and the optional import form a third
    after = {path.name: path.read_bytes() for path in sample_copy.path.iterdir()}
    assert after == before  # opening the form writes nothing


def test_a_problem_is_placed_by_its_field_whatever_its_words(tmp_journal, monkeypatch):
    monkeypatch.setitem(kit.messages._loaded, "TIME_ORDER",
                        "Reworded: {late_name} {late} / {early_name} {early}")
    monkeypatch.setitem(kit.messages._loaded, "MISSING_SEVERITY", "Reworded severity")
    form = log_form(tmp_journal)
    complete(form, mitigated_at_time=clock(9, 20))  # before the first step
    form.controls["save"].click()
    assert tmp_journal.ids() == []
    assert 'tabindex="-1">Reworded:' in form.problems["times.mitigated_at"].value
    fill(form, mitigated_at_time=clock(9, 28), severity="")
    form.controls["save"].click()
    assert ">Reworded severity</div>" in form.problems["severity"].value


# --- the first deliberate step, picked from the timeline ---------------------------


def test_the_pick_of_the_first_deliberate_step_changes_it(sample_copy):
    """The live log is shown, and picking an event makes it the first step."""
    incident_id = "2026-06-30-batch-disk-full"
    form = log_form(sample_copy, incident_id)
    picker = form.controls["first_step"]
    labels = [label for label, _ in picker.options]
    assert labels[0] == msg.FIRST_STEP_KEEP
    # the current first step (the hands-off timer at 11:05:30) is preselected
    assert picker.value == "0" and labels[1].startswith("11:05:30")
    assert "Read the error aloud" in form.controls["events"].value
    picker.value = "1"  # 11:08: reading the error aloud
    assert form.controls["first_action_at_time"].value == clock(11, 8)
    form.controls["save"].click()
    assert form.status.value == esc(msg.LOG_SAVED_UPDATE.format(id=incident_id))
    saved = sample_copy.get(incident_id)
    assert saved.times.first_action_at == saved.events[1].at
    assert saved.panic_to_action_min == 3.0
    assert saved.lookback is not None and saved.lookback.sleep == "well"  # kept


def test_an_event_picked_to_the_second_is_saved_to_the_second(sample_copy):
    incident = sample_copy.get("2026-09-08-feature-flag-rollout")
    form = log_form(sample_copy, incident)
    form.controls["first_step"].value = "2"  # 16:21:30, the flag rolled back
    form.controls["save"].click()
    saved = sample_copy.get(incident.id)
    assert saved.times.first_action_at == incident.events[2].at
    assert saved.panic_to_action_min == 1.5


def test_the_kind_note_appears_after_saving_when_lookbacks_stay_heavy(tmp_journal):
    sample = kit.Journal.sample().load().incidents
    now = datetime.now().astimezone().replace(microsecond=0)
    for days, incident in zip((30, 20, 10), sample[:3], strict=True):
        data = incident.to_data()
        alert = now - timedelta(days=days)
        data["times"] = {"alert_at": alert.isoformat(),
                         "first_action_at": alert.isoformat()}
        data["events"] = []
        data["lookback"] = {"at": (alert + timedelta(days=1)).isoformat(),
                            "heavy_now": 8, "sleep": "poorly", "dread_next": 8}
        tmp_journal.save(kit.record.validate_incident(data))
    form = log_form(tmp_journal, sample[0].id)
    assert form.controls["care"].value == ""
    form.controls["save"].click()
    assert "employee assistance programme" in form.controls["care"].value
    assert "doctor" in form.controls["care"].value
