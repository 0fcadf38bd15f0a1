"""The live companion without a browser: press its buttons, read the journal's files."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from helpers import Clock

import kit
from kit import messages as msg
from kit.errors import SaveFailed
from kit.forms._common import esc
from kit.forms.live import TRIAGE_SECONDS, latest_live_draft, live_companion

TZ = timezone(timedelta(hours=1))


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 10, 14, 47, 0, tzinfo=TZ))


def start(journal, clock, title="Checkout errors", service="", alert_time=""):
    companion = live_companion(journal, clock=clock)
    companion.controls["title"].value = title
    companion.controls["service"].value = service
    companion.controls["alert_time"].value = alert_time
    companion.controls["alert"].click()
    return companion


def saved(journal, companion) -> kit.Incident:
    return journal.get(companion.incident_id)


def raw(journal, incident_id) -> dict:
    return yaml.safe_load((journal.path / f"{incident_id}.yaml").read_text())


def test_alert_creates_a_live_draft_with_the_alert_time(tmp_journal, clock):
    companion = start(tmp_journal, clock, service="checkout")

    assert companion.incident_id == kit.make_id(clock.now, "Checkout errors")
    inc = saved(tmp_journal, companion)
    assert inc.draft is True
    assert inc.times.source == "live"
    assert inc.times.alert_at == clock.now
    assert inc.service == "checkout"
    assert [e.kind for e in inc.events] == ["timer"]
    assert raw(tmp_journal, inc.id)["times"]["alert_at"] == "2026-03-10T14:47:00+01:00"
    mode = (tmp_journal.path / f"{inc.id}.yaml").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert companion.status.value == msg.LIVE_STARTED
    assert companion.controls["clock"].value.startswith("0:00")


def test_real_clock_gives_timezone_aware_local_time(tmp_journal):
    before = datetime.now().astimezone()
    companion = live_companion(tmp_journal)
    companion.controls["alert"].click()
    alert = saved(tmp_journal, companion).times.alert_at
    assert alert.utcoffset() == before.utcoffset()
    assert abs((alert - before).total_seconds()) < 5


def test_an_alert_time_typed_in_is_used(tmp_journal, clock):
    companion = start(tmp_journal, clock, alert_time="14:40")
    alert = saved(tmp_journal, companion).times.alert_at
    assert alert == datetime(2026, 3, 10, 14, 40, tzinfo=TZ)
    # Events still carry the time they were pressed.
    assert saved(tmp_journal, companion).events[0].at == clock.now


def test_an_alert_just_before_midnight_is_yesterday(tmp_journal):
    clock = Clock(datetime(2026, 3, 11, 0, 10, tzinfo=TZ))
    companion = start(tmp_journal, clock, alert_time="23:55")
    alert = saved(tmp_journal, companion).times.alert_at
    assert alert == datetime(2026, 3, 10, 23, 55, tzinfo=TZ)
    assert companion.incident_id.startswith("2026-03-10-")


@pytest.mark.parametrize(
    "typed", ["25:00", "quarter past", "14:50", "2026-03-11 09:00"]
)
def test_an_unusable_alert_time_writes_nothing_and_keeps_the_text(
    tmp_journal, clock, typed
):
    companion = start(tmp_journal, clock, alert_time=typed)
    assert companion.incident_id is None
    assert tmp_journal.ids() == []
    assert companion.controls["alert_time"].value == typed
    assert companion.controls["title"].value == "Checkout errors"
    assert companion.status.value.startswith("Not saved")


def test_default_title_and_ids_made_unique(tmp_journal, clock):
    first = start(tmp_journal, clock, title="")
    assert saved(tmp_journal, first).title == "Incident at 14:47"
    first.controls["new_incident"].click()
    first.controls["alert"].click()
    assert first.incident_id == "2026-03-10-incident-at-14-47-2"
    assert sorted(tmp_journal.ids()) == [
        "2026-03-10-incident-at-14-47",
        "2026-03-10-incident-at-14-47-2",
    ]


def test_a_whole_incident_is_timed_in_order(tmp_journal, clock):
    c = start(tmp_journal, clock).controls
    pressed = {}

    def press(name, *, after=20, **values):
        for field, value in values.items():
            c[field].value = value
        pressed[name] = clock.advance(seconds=after)
        c[name].click()

    press("breathe")
    press("hands_off", after=90)
    press("read_error", after=120, error_line="ERROR: card gateway timeout")
    press("keep_broken", broken="Card payments fail at checkout")
    press(
        "broadcast",
        bc_symptom="failed card payments",
        bc_service="checkout",
        bc_users="about 2,000 users",
    )
    press("step", step_text="Rolled back release 4.2.1")
    clock.advance(seconds=10)
    c["rollback_0"].value = True
    press("dead_end", after=30, dead_end_text="Restarted the gateway pods")
    press(
        "send_update",
        up_cause="bad timeout in 4.2.1",
        up_fix="rolled back",
        up_eta="10 minutes",
    )
    press("mitigated", after=60)
    press("resolved", after=300)

    (incident_id,) = tmp_journal.ids()
    inc = tmp_journal.get(incident_id)
    assert [e.kind for e in inc.events] == [
        "timer",
        "breathing",
        "timer",
        "note",
        "note",
        "update",
        "action",
        "note",
        "timer",  # five minutes of triage passed (no root cause was noted)
        "dead-end",
        "update",
        "note",
        "note",
    ]
    assert [e.at for e in inc.events] == sorted(e.at for e in inc.events)
    # the first deliberate press (breathing) ends panic-to-action; following the
    # advice never lengthens it. The step on the problem is the hands-on time.
    assert inc.times.first_action_at == pressed["breathe"]
    assert inc.times.hands_on_at == pressed["step"]
    assert inc.times.broadcast_at == pressed["broadcast"]
    assert inc.times.mitigated_at == pressed["mitigated"]
    assert inc.times.resolved_at == pressed["resolved"]
    assert inc.times.escalated_at is None
    assert inc.panic_to_action_min == pytest.approx(20 / 60)
    assert inc.hands_on_min == pytest.approx(290 / 60)
    texts = [e.text for e in inc.events]
    assert "Read the first error line aloud: ERROR: card gateway timeout" in texts
    assert "Rolled back release 4.2.1" in texts
    assert "Restarted the gateway pods" in texts
    assert (
        "Root cause: bad timeout in 4.2.1. Fix: rolled back. ETA: 10 minutes." in texts
    )
    assert set(inc.techniques) == {
        "box_breathing",
        "two_minute_timer",
        "read_error_aloud",
        "broadcast_template",
        "rollback_first",
    }
    assert inc.draft is True  # it becomes a full incident in 02
    # Fields for one-off entries are emptied after they are logged.
    assert c["dead_end_text"].value == "" and c["step_text"].value == ""
    assert msg.LIVE_RESOLVED_NEXT.split("{")[0] in c["end_note"].value
    assert c["resolved"].disabled and c["mitigated"].disabled


def test_broadcast_text_is_exactly_what_was_filled_in(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    c = companion.controls
    c["bc_symptom"].value = "  <500> errors & timeouts "
    c["bc_service"].value = "checkout-api"
    c["bc_users"].value = "about 2,000 users."
    expected = (
        "Detected <500> errors & timeouts on checkout-api. "
        "Impact: about 2,000 users. Investigating now."
    )
    assert c["bc_preview"].value == (
        "Detected &lt;500&gt; errors &amp; timeouts on checkout-api. "
        "Impact: about 2,000 users. Investigating now."
    )
    sent_at = clock.advance(minutes=2)
    c["broadcast"].click()

    inc = saved(tmp_journal, companion)
    assert inc.times.broadcast_at == sent_at
    assert (inc.events[-1].kind, inc.events[-1].text) == ("update", expected)
    assert inc.service == "checkout-api"  # the record had none yet
    assert "broadcast_template" in inc.techniques
    # A second broadcast is logged but the first time stays.
    clock.advance(minutes=1)
    c["broadcast"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.broadcast_at == sent_at
    assert [e.kind for e in inc.events].count("update") == 2


def test_broadcast_needs_all_three_blanks(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    companion.controls["bc_symptom"].value = "errors"
    companion.controls["broadcast"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.broadcast_at is None
    assert len(inc.events) == 1
    assert companion.status.value.startswith("Not saved")
    assert companion.controls["bc_symptom"].value == "errors"


def test_triage_running_out_in_the_browser_suggests_escalating(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    c = companion.controls
    assert c["triage_up"].layout.display == "none"
    clock.advance(seconds=TRIAGE_SECONDS + 1)
    c["triage_play"].value = TRIAGE_SECONDS  # what the browser's Play sends at the end
    assert c["triage_up"].value == msg.LIVE_TRIAGE_UP
    assert c["triage_up"].layout.display is None
    inc = saved(tmp_journal, companion)
    assert inc.events[-1].kind == "timer"
    assert inc.events[-1].text == msg.LIVE_EVENT_TEXTS["triage_up"]

    c["escalate_to"].value = "Priya, team lead"
    escalated = clock.advance(seconds=40)
    c["escalate"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.escalated_at == escalated
    assert (inc.events[-1].kind, inc.events[-1].text) == (
        "action",
        "Escalated: Priya, team lead",
    )
    assert "escalate_at_five" in inc.techniques
    assert c["triage_up"].layout.display == "none"
    # The suggestion was logged once only.
    texts = [e.text for e in inc.events]
    assert texts.count(msg.LIVE_EVENT_TEXTS["triage_up"]) == 1


def test_triage_is_also_checked_at_every_action(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    clock.advance(minutes=6)  # the browser was closed: no Play tick arrived
    companion.controls["dead_end_text"].value = "Checked the CDN"
    companion.controls["dead_end"].click()
    assert companion.controls["triage_up"].value == msg.LIVE_TRIAGE_UP
    kinds = [e.kind for e in saved(tmp_journal, companion).events]
    assert kinds == ["timer", "dead-end", "timer"]


def test_a_root_cause_in_time_means_no_escalation_prompt(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    c = companion.controls
    clock.advance(minutes=3)
    c["root_cause"].click()
    clock.advance(minutes=3)
    c["triage_play"].value = TRIAGE_SECONDS
    c["dead_end_text"].value = "Looked at the wrong dashboard"
    c["dead_end"].click()
    assert c["triage_up"].value == ""
    texts = [e.text for e in saved(tmp_journal, companion).events]
    assert msg.LIVE_EVENT_TEXTS["triage_up"] not in texts
    assert msg.LIVE_EVENT_TEXTS["root_cause"] in texts


def test_escalating_early_is_recorded_without_the_five_minute_technique(
    tmp_journal, clock
):
    companion = start(tmp_journal, clock)
    clock.advance(minutes=2)
    companion.controls["escalate"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.escalated_at == clock.now
    assert inc.events[-1].text == "Escalated."
    assert "escalate_at_five" not in inc.techniques


def test_the_first_deliberate_step_is_kept_when_more_follow(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    c = companion.controls
    first = clock.advance(minutes=4)
    c["step_text"].value = "Rolled back"
    c["step"].click()
    assert c["step"].description == msg.LIVE_STEP_AGAIN_BUTTON
    clock.advance(minutes=2)
    c["step_text"].value = "Flushed the cache"
    c["step"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.first_action_at == first
    assert [e.text for e in inc.events if e.kind == "action"] == [
        "Rolled back",
        "Flushed the cache",
    ]


def test_pressing_mitigated_twice_keeps_the_first_time(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    first = clock.advance(minutes=10)
    companion.controls["mitigated"].click()
    clock.advance(minutes=1)
    companion.controls["mitigated"].click()
    assert saved(tmp_journal, companion).times.mitigated_at == first
    assert "already recorded" in companion.status.value


def test_reopening_resumes_the_latest_unfinished_draft(tmp_journal, clock):
    first = start(tmp_journal, clock)
    clock.advance(minutes=1)
    first.controls["dead_end_text"].value = "Restarted pods"
    first.controls["dead_end"].click()
    first.controls["rollback_0"].value = True
    incident_id = first.incident_id

    # The browser closed; the notebook is opened again.
    clock.advance(minutes=2)
    again = live_companion(tmp_journal, clock=clock)
    assert again.incident_id == incident_id
    assert again.status.value == msg.LIVE_RESUMED
    assert "Restarted pods" in again.controls["timeline"].value
    assert again.controls["rollback_0"].value is True
    assert again.controls["clock"].value.startswith("3:00")
    again.controls["dead_end_text"].value = "Scaled up the workers"
    clock.advance(seconds=30)
    again.controls["dead_end"].click()
    inc = tmp_journal.get(incident_id)
    assert [e.text for e in inc.events if e.kind == "dead-end"] == [
        "Restarted pods",
        "Scaled up the workers",
    ]
    assert [e.at for e in inc.events] == sorted(e.at for e in inc.events)

    # "Start a new incident" goes back to the alert, and offers the old one.
    again.controls["new_incident"].click()
    assert again.incident_id is None
    assert again.controls["continue"].layout.display is None
    again.controls["title"].value = "Second incident"
    clock.advance(minutes=1)
    again.controls["alert"].click()
    second_id = again.incident_id
    assert second_id != incident_id
    # Reopening now continues the newest unfinished draft.
    assert live_companion(tmp_journal, clock=clock).incident_id == second_id
    # And "continue" goes back to the first.
    third = live_companion(tmp_journal, clock=clock)
    third.controls["new_incident"].click()
    third.controls["continue"].click()
    assert third.incident_id in {incident_id, second_id}


def test_a_resolved_draft_is_not_resumed(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    clock.advance(minutes=20)
    companion.controls["resolved"].click()
    assert latest_live_draft(tmp_journal) is None
    fresh = live_companion(tmp_journal, clock=clock)
    assert fresh.incident_id is None
    assert fresh.controls["continue"].layout.display == "none"


def test_clocks_start_only_once_the_page_shows_them(tmp_journal, clock):
    start(tmp_journal, clock)
    clock.advance(minutes=1)
    resumed = live_companion(tmp_journal, clock=clock)
    play = resumed.controls["triage_play"]
    assert (play.interval, play.max, play.value) == (1000, TRIAGE_SECONDS, 60)
    assert play.playing is False  # no browser view yet: nothing would tick
    play._view_count = 1  # what the browser reports when it draws the widget
    assert play.playing is True
    assert resumed.controls["clock_play"].playing is False
    resumed.controls["clock_play"]._view_count = 1
    assert resumed.controls["clock_play"].playing is True


def test_the_breathing_pacer_is_a_css_animation(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    companion.controls["breathe"].click()
    pacer = companion.controls["pacer"].value
    assert "@keyframes kit-box" in pacer
    assert "animation: kit-box 16s linear 6" in pacer
    for word in msg.LIVE_PACER_WORDS:
        assert word in pacer
    assert saved(tmp_journal, companion).events[-1].kind == "breathing"


def test_typed_text_is_escaped_in_the_timeline(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    companion.controls["dead_end_text"].value = "<img src=x onerror=alert(1)>"
    companion.controls["dead_end"].click()
    timeline = companion.controls["timeline"].value
    assert "<img" not in timeline
    assert "&lt;img src=x onerror=alert(1)&gt;" in timeline
    assert saved(tmp_journal, companion).events[-1].text == (
        "<img src=x onerror=alert(1)>"
    )


def test_a_failed_save_keeps_what_was_typed(tmp_journal, clock, monkeypatch):
    companion = start(tmp_journal, clock)
    before = saved(tmp_journal, companion)

    def refuse(*args, **kwargs):
        reason = "the disk is full: free some space and press again"
        raise SaveFailed(reason)

    monkeypatch.setattr(tmp_journal, "change", refuse)
    companion.controls["dead_end_text"].value = "Tried the replica"
    companion.controls["dead_end"].click()
    assert companion.status.value.startswith("Not saved: the disk is full")
    assert companion.controls["dead_end_text"].value == "Tried the replica"
    assert tmp_journal.get(companion.incident_id) == before


def test_the_sample_journal_cannot_be_written(clock):
    sample = kit.Journal.sample()
    companion = live_companion(sample, clock=clock)
    assert companion.controls["alert"].disabled
    assert companion.status.value == esc(msg.FORM_READ_ONLY)
    companion.controls["alert"].click()
    assert companion.incident_id is None
    assert len(sample.ids()) == 5


def test_notebook_01_runs_and_continues_an_unfinished_draft(
    run_notebook, tmp_journal, clock
):
    start(tmp_journal, clock)
    nb = run_notebook(
        "01-during-an-incident.ipynb", params={"JOURNAL": str(tmp_journal.path)}
    )
    views = [
        output
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    assert len(views) == 1  # the form is one cell's output
    assert len(tmp_journal.ids()) == 1  # reopening wrote no second incident


# --- the first deliberate press stops the panic-to-action clock -----------------------


@pytest.mark.parametrize(
    ("button", "values"),
    [
        ("breathe", {}),
        ("hands_off", {}),
        ("read_error", {"error_line": "ERROR: timeout"}),
        ("keep_broken", {"broken": "Checkout returns errors"}),
        ("broadcast", {"bc_symptom": "errors", "bc_service": "checkout",
                       "bc_users": "I do not know yet"}),
        ("escalate", {}),
        ("step", {"step_text": "rolled back"}),
    ],
)
def test_any_deliberate_press_is_the_first_step(tmp_journal, clock, button, values):
    companion = start(tmp_journal, clock)
    c = companion.controls
    for field, value in values.items():
        c[field].value = value
    first = clock.advance(seconds=40)
    c[button].click()
    assert saved(tmp_journal, companion).times.first_action_at == first
    assert msg.LIVE_FIRST_DELIBERATE.format(time="14:47:40") in companion.status.value
    # a later press of another kind leaves it where it was
    c["step_text"].value = "restarted the gateway"
    clock.advance(minutes=3)
    c["step"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.first_action_at == first
    assert inc.panic_to_action_min == pytest.approx(40 / 60)
    assert msg.LIVE_FIRST_DELIBERATE.format(time="14:47:40") not in (
        companion.status.value)


def test_a_dead_end_or_a_note_alone_does_not_stop_the_clock(tmp_journal, clock):
    """Thrashing makes dead ends too: only a chosen step ends panic-to-action."""
    companion = start(tmp_journal, clock)
    c = companion.controls
    c["dead_end_text"].value = "restarted every pod"
    clock.advance(seconds=30)
    c["dead_end"].click()
    inc = saved(tmp_journal, companion)
    assert inc.times.first_action_at is None
    assert inc.times.hands_on_at == clock.now  # it was hands-on, though
    breathed = clock.advance(seconds=30)
    c["breathe"].click()
    assert saved(tmp_journal, companion).times.first_action_at == breathed


def test_a_first_step_set_by_hand_is_not_moved_by_a_press(tmp_journal, clock):
    companion = start(tmp_journal, clock)
    inc = saved(tmp_journal, companion)
    data = inc.to_data()
    by_hand = clock.now + timedelta(seconds=10)
    data["times"]["first_action_at"] = by_hand.isoformat()
    tmp_journal.update(kit.record.validate_incident(data))
    clock.advance(minutes=1)
    companion.controls["breathe"].click()
    assert saved(tmp_journal, companion).times.first_action_at == by_hand


def test_an_alert_time_typed_by_hand_is_marked_recalled(tmp_journal, clock):
    typed = start(tmp_journal, clock, alert_time="14:40")
    inc = saved(tmp_journal, typed)
    assert inc.times.source == "live" and inc.times.alert_source == "recalled"
    assert kit.Journal(tmp_journal.path).frame()["alert_source"].tolist() == [
        "recalled"]
    typed.controls["resolved"].click()
    pressed = start(tmp_journal, clock, title="Second")
    assert saved(tmp_journal, pressed).times.alert_source is None
