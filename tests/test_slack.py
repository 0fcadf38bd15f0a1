"""The Slack export import: your own messages propose the broadcast, the update, the
escalation and the all-clear; nothing else is read into anything, nothing is saved
until confirmed, and the journal keeps times and kinds, never words."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import slack_export  # the builder script next to this file

import kit
from kit import messages, timelines
from kit.timelines import slack

BERLIN = ZoneInfo("Europe/Berlin")
CHANNEL = slack_export.CHANNEL
OTHER_PEOPLES_WORDS = ["want a hand", "resolved on my side", "everyone?", "Triggered"]
MY_WORDS = ["Detected 5xx", "cache TTL", "escalating to", "All clear", "dashboard",
            "looking", "error rate after"]


@pytest.fixture
def export(tmp_path) -> Path:
    return slack_export.build(tmp_path / "export")


@pytest.fixture
def zipped(tmp_path) -> Path:
    return slack_export.build(tmp_path / "zipped", as_zip=True)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


# --- reading your messages ------------------------------------------------------------


def test_only_your_messages_in_the_channel_are_read(export):
    found = slack.proposals(export, channel=CHANNEL, user="U01ALEX")
    texts = [m.text for m in found.messages]
    assert len(texts) == 7  # across two day files, a thread reply and a file share
    for words in OTHER_PEOPLES_WORDS:  # Sam's, the bot's, and the join
        assert not any(words in text for text in texts)
    assert not any("lunch" in text for text in texts)  # another channel
    assert [m.kind for m in found.messages] == [
        None, "broadcast", "escalate", "update", None, "resolve", "resolve"]


def test_a_zip_and_its_folder_propose_the_same(export, zipped):
    folder = slack.proposals(export, channel=CHANNEL, user="alex")
    archive = slack.proposals(zipped, channel="C0INC1234", user="Alex Example")
    assert folder.messages == archive.messages


def test_times_are_yours_in_your_time_zone_with_edits_and_threads_marked(export):
    found = slack.proposals(export, channel=CHANNEL, user="U01ALEX")
    picked = found.proposed()
    broadcast = picked["broadcast_at"]
    assert broadcast.at.tzinfo == BERLIN
    assert broadcast.at.strftime("%H:%M:%S") == "00:52:30"  # 23:52:30 UTC
    assert broadcast.edited and not broadcast.in_thread
    # the time a message was posted, not the time it was edited
    assert broadcast.at == utc("2026-03-09T23:52:30.000100")
    assert picked["escalated_at"].in_thread
    assert picked["escalated_at"].at == utc("2026-03-09T23:57:00")
    assert picked["update"].at == utc("2026-03-10T00:06:00")
    # the first all-clear, not the later "fixed the dashboard link"
    assert picked["resolved_at"].at == utc("2026-03-10T00:15:30")


def test_every_other_match_can_be_chosen(export):
    found = slack.proposals(export, channel=CHANNEL, user="U01ALEX")
    timeline = found.timeline()
    later = [e.row for e in timelines.choice.alternatives(timeline, "resolved_at")]
    assert len(later) == 1  # the first is kept by default...
    rows = [row for row, m in enumerate(found.messages, start=1)
            if m.kind == "resolve"]
    chosen = found.timeline({"resolved_at": rows[1]})  # ...the other can be chosen
    assert chosen.proposed()["resolved_at"].at == utc("2026-03-10T00:31:00")
    with pytest.raises(kit.InvalidTimeline, match="message"):
        found.timeline({"resolved_at": 1})


@pytest.mark.parametrize("text, kind", [
    ("Detected 5xx on checkout. Impact: 2k users. Investigating now.", "broadcast"),
    ("detected a spike on search, investigating", "broadcast"),
    ("Root cause: TTL typo. Fix: rollback. ETA: 10 min", "update"),
    ("root-cause: disk full. ETA 5m", "update"),
    ("<!here> need eyes on the queue", "escalate"),
    ("paging <@U02SAM>", "escalate"),
    ("I'm escalating this to the DB team", "escalate"),
    ("all clear, closing", "resolve"),
    ("Fixed.", "resolve"),
    ("the fix is rolling out", None),  # "fix" alone is not a resolution
    ("detected nothing yet", None),
    ("lunch?", None),
])
def test_each_kind_is_told_by_the_articles_templates(text, kind):
    assert slack.classify(text) == kind


def test_a_mention_of_yourself_is_not_an_escalation():
    assert slack.classify("note to <@U01ALEX>: check logs", me="U01ALEX") is None


# --- plan, then save ------------------------------------------------------------------


@pytest.fixture
def incident(tmp_journal, make_incident):
    made = make_incident(
        id="2026-03-09-checkout",
        times={"alert_at": "2026-03-09T23:47:00+00:00",
               "first_action_at": "2026-03-09T23:50:00+00:00",
               "escalated_at": "2026-03-09T23:58:00+00:00",
               "source": "recalled"})
    tmp_journal.save(made)
    return made


def test_the_preview_saves_nothing_and_keeps_typed_times(export, tmp_journal,
                                                        incident):
    path = tmp_journal.path / f"{incident.id}.yaml"
    before = path.read_bytes()
    timeline = slack.read_slack(export, channel=CHANNEL, user="U01ALEX")
    plan = timelines.plan_import(tmp_journal.get(incident.id), timeline)
    actions = {t.field: t.action for t in plan.times}
    assert actions == {"broadcast_at": "add", "escalated_at": "conflict kept",
                       "resolved_at": "add"}
    assert path.read_bytes() == before
    replaced = timelines.plan_import(tmp_journal.get(incident.id), timeline,
                                     overwrite=["escalated_at"])
    assert replaced.apply().times.escalated_at == utc("2026-03-09T23:57:00")


def test_round_trip_to_the_frame_keeps_times_and_kinds_never_words(
        export, tmp_journal, incident):
    slack.import_slack(tmp_journal, incident.id, export, channel=CHANNEL,
                       user="U01ALEX")
    row = tmp_journal.frame().iloc[0]
    assert row["to_broadcast_min"] == pytest.approx(5.5, abs=0.01)
    assert row["to_escalate_min"] == pytest.approx(11.0)  # typed time kept
    assert row["to_resolve_min"] == pytest.approx(28.5)
    assert row["source"] == "imported"
    saved = tmp_journal.get(incident.id)
    notes = [e for e in saved.events if e.kind == "note"]
    assert [(n.at, n.text) for n in notes] == [
        (utc("2026-03-10T00:06:00"), messages.SLACK_UPDATE_NOTE)]
    stored = (tmp_journal.path / f"{incident.id}.yaml").read_text()
    for words in [*MY_WORDS, *OTHER_PEOPLES_WORDS, "Sam", "U02SAM"]:
        assert words not in stored


def test_the_preview_shows_each_proposal_beside_your_message_escaped(tmp_path):
    folder = slack_export.build(tmp_path / "export")
    day = folder / CHANNEL / "2026-03-10.json"
    entries = json.loads(day.read_text())
    entries.append({"type": "message", "user": "U01ALEX",
                    "ts": slack_export.ts("2026-03-10T00:40:00"),
                    "text": 'resolved <img src=x onerror="alert(1)">'})
    day.write_text(json.dumps(entries))
    html = slack.proposals(folder, channel=CHANNEL, user="U01ALEX").to_html()
    assert "<img" not in html and "&lt;img src=x" in html
    assert "Detected 5xx on checkout-api" in html  # your own message, shown to you
    assert "want a hand" not in html
    assert messages.SLACK_EDITED in html and messages.SLACK_IN_THREAD in html
    assert html.count(f"<small>{messages.SLACK_PROPOSED}</small>") == 4
    assert html.count(f"<small>{messages.SLACK_ALSO}</small>") == 2


# --- bad exports ---------------------------------------------------------------------


def test_a_malformed_day_file_is_named_and_nothing_is_saved(tmp_path, tmp_journal,
                                                          incident):
    broken = slack_export.build(tmp_path / "broken", as_zip=True, malformed=True)
    before = (tmp_journal.path / f"{incident.id}.yaml").read_bytes()
    with pytest.raises(kit.InvalidTimeline) as error:
        slack.import_slack(tmp_journal, incident.id, broken, channel=CHANNEL,
                           user="U01ALEX")
    text = str(error.value)
    assert "export.zip, incident-1234/2026-03-11.json" in text
    assert "Nothing was saved" in text
    assert (tmp_journal.path / f"{incident.id}.yaml").read_bytes() == before


def test_a_message_without_a_time_names_its_file_and_entry(export):
    day = export / CHANNEL / "2026-03-10.json"
    entries = json.loads(day.read_text())
    entries[2]["ts"] = "soon"
    day.write_text(json.dumps(entries))
    with pytest.raises(kit.InvalidTimeline,
                       match=r"incident-1234/2026-03-10.json, entry 3, ts"):
        slack.proposals(export, channel=CHANNEL, user="U01ALEX")


@pytest.mark.parametrize("breakage, words", [
    ("no-users", "is not a Slack workspace export"),
    ("users-not-a-list", "users.json: is not what a Slack export holds"),
    ("a-user-without-id", "users.json, entry 2, id"),
])
def test_broken_lists_are_explained(export, breakage, words):
    users = export / "users.json"
    if breakage == "no-users":
        users.unlink()
    elif breakage == "users-not-a-list":
        users.write_text('{"members": []}')
    else:
        users.write_text(json.dumps([{"id": "U1"}, {"name": "nobody"}]))
    with pytest.raises(kit.InvalidTimeline, match=words):
        slack.proposals(export, channel=CHANNEL, user="U01ALEX")


def test_an_unknown_channel_or_person_is_named(export, tmp_path):
    with pytest.raises(kit.InvalidTimeline, match="general, incident-1234"):
        slack.proposals(export, channel="incident-9999", user="U01ALEX")
    with pytest.raises(kit.InvalidTimeline, match="no person robin"):
        slack.proposals(export, channel=CHANNEL, user="robin")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(kit.InvalidTimeline, match="not a Slack workspace export"):
        slack.proposals(empty, channel=CHANNEL, user="U01ALEX")
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    with pytest.raises(kit.InvalidTimeline, match="notes.zip is not a Slack"):
        slack.proposals(not_zip, channel=CHANNEL, user="U01ALEX")


def test_a_bots_page_is_never_yours(export):
    # the PagerDuty bot's page reads like a broadcast, but a bot message has no user
    with pytest.raises(kit.InvalidTimeline, match="none of your messages"):
        slack.read_slack(export, channel=CHANNEL, user="pagerduty")
    found = slack.proposals(export, channel="general", user="U02SAM")
    assert messages.SLACK_PROPOSALS_NONE.format(channel="general") in found.to_html()


def test_without_a_time_zone_for_you_times_are_shown_where_you_say(export):
    users = json.loads((export / "users.json").read_text())
    del users[0]["tz"]
    (export / "users.json").write_text(json.dumps(users))
    found = slack.proposals(export, channel=CHANNEL, user="U01ALEX",
                            assume_timezone="Asia/Tokyo")
    assert found.proposed()["broadcast_at"].at.utcoffset() == timedelta(hours=9)
    plain = slack.proposals(export, channel=CHANNEL, user="U01ALEX")
    assert plain.proposed()["broadcast_at"].at.utcoffset() == timedelta(0)


def test_the_builder_script_runs_from_a_terminal(tmp_path):
    done = subprocess.run(
        [sys.executable, str(Path(slack_export.__file__)), str(tmp_path / "x"),
         "--zip"], capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()).name == "export.zip"


def test_the_import_form_previews_a_slack_export_then_saves(export, tmp_journal,
                                                          incident):
    form = kit.forms.import_form(tmp_journal, incident.id)
    form.path.value = str(export)
    form.slack_channel.value = CHANNEL
    form.slack_user.value = "alex"
    path = tmp_journal.path / f"{incident.id}.yaml"
    before = path.read_bytes()
    form.preview_button.click()
    assert "Detected 5xx on checkout-api" in form.table.value  # your message, shown
    assert "want a hand" not in form.table.value
    assert not form.save_button.disabled
    assert path.read_bytes() == before  # nothing saved by a preview
    form.save_button.click()
    saved = tmp_journal.get(incident.id)
    assert saved.times.broadcast_at == utc("2026-03-09T23:52:30.000100")
    assert saved.times.escalated_at == utc("2026-03-09T23:58:00")  # typed, kept
    assert "Detected" not in path.read_text()
