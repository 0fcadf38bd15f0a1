"""``python -m kit mark`` and ``python -m kit status``, run as a person runs them: in a
separate process, beside (or instead of) notebook 01's live companion."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

import kit
from kit import draft, messages
from kit.forms import live_companion
from kit.marks import COMMAND_MARKS, record, status


def kit_command(journal: kit.Journal, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIT_JOURNAL": str(journal.path)}
    return subprocess.run([sys.executable, "-m", "kit", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def popen(journal: kit.Journal, *args: str) -> subprocess.Popen:
    env = {**os.environ, "KIT_JOURNAL": str(journal.path)}
    return subprocess.Popen([sys.executable, "-m", "kit", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def the_draft(journal: kit.Journal) -> kit.Incident:
    found = draft.running(journal)
    assert found is not None
    return found


def test_a_mark_with_no_draft_running_is_refused_and_writes_nothing(tmp_journal):
    done = kit_command(tmp_journal, "mark", "breathe")
    assert done.returncode == 1
    assert messages.MARK_NONE_RUNNING in done.stderr
    assert done.stdout == ""
    assert not tmp_journal.path.exists() or not tmp_journal.load().incidents


def test_alert_starts_the_draft_then_a_whole_incident_is_marked(tmp_journal):
    started = kit_command(tmp_journal, "mark", "alert", "Checkout errors")
    assert started.returncode == 0, started.stderr
    assert "Checkout errors" in started.stdout
    for args in (["breathe"], ["step", "rolled back the config"],
                 ["broadcast", "Detected 5xx on checkout. Impact: 2k. Investigating"],
                 ["escalate"], ["dead-end", "restarted the pods"],
                 ["update", "Root cause: TTL typo. Fix: rollback. ETA: 5 min"],
                 ["mitigated"]):
        done = kit_command(tmp_journal, "mark", *args)
        assert done.returncode == 0, done.stderr
        assert messages.MARK_NAMES[args[0]] in done.stdout
    incident = the_draft(tmp_journal)
    times = incident.times
    assert times.source == "live" and incident.draft
    for name in ("first_action_at", "broadcast_at", "escalated_at", "mitigated_at"):
        assert getattr(times, name) is not None, name
    assert {"breathing", "step", "broadcast", "escalated", "dead-end", "update",
            "mitigated"} <= draft.marks(incident)
    assert "box_breathing" in incident.techniques
    again = kit_command(tmp_journal, "mark", "mitigated")
    assert again.returncode == 0
    assert "already" in again.stdout
    resolved = kit_command(tmp_journal, "mark", "resolved")
    assert resolved.returncode == 0
    assert draft.running(tmp_journal) is None  # it now waits for the log form
    assert tmp_journal.get(incident.id).times.resolved_at is not None


def test_words_are_needed_where_the_draft_needs_them(tmp_journal):
    kit_command(tmp_journal, "mark", "alert")
    for what in ("broadcast", "dead-end", "update", "note"):
        done = kit_command(tmp_journal, "mark", what)
        assert done.returncode == 1, what
        assert done.stderr.strip()
    assert draft.marks(the_draft(tmp_journal)) == {"triage-started"}


def test_a_second_alert_while_one_runs_is_refused(tmp_journal):
    kit_command(tmp_journal, "mark", "alert", "First")
    done = kit_command(tmp_journal, "mark", "alert", "Second")
    assert done.returncode == 1
    assert "already running" in done.stderr
    assert [inc.title for inc in tmp_journal.load().incidents] == ["First"]


def test_an_unknown_mark_is_refused_by_the_command_line(tmp_journal):
    done = kit_command(tmp_journal, "mark", "panic")
    assert done.returncode == 2  # argparse's usage error
    assert "invalid choice" in done.stderr


def test_alert_at_a_time_today(tmp_journal):
    now = datetime(2026, 3, 10, 3, 12, 40).astimezone()
    done = record(tmp_journal, "alert", at="02:47", clock=lambda: now)
    assert done.started
    assert done.incident.times.alert_at == now.replace(hour=2, minute=47, second=0)
    with pytest.raises(kit.KitError, match="later than now"):
        record(kit.Journal(tmp_journal.path / "other"), "alert", at="23:59",
               clock=lambda: now)
    with pytest.raises(kit.KitError, match="not a time"):
        record(kit.Journal(tmp_journal.path / "other"), "alert", at="2pm",
               clock=lambda: now)
    with pytest.raises(kit.KitError, match="alert"):
        record(tmp_journal, "breathe", at="02:50", clock=lambda: now)


def test_two_marks_at_once_from_two_processes_both_land(tmp_journal):
    kit_command(tmp_journal, "mark", "alert", "Two terminals")
    runs = [popen(tmp_journal, "mark", "dead-end", f"tried {side} {n}")
            for n in range(4) for side in ("left", "right")]
    for run in runs:
        run.wait(timeout=120)
        assert run.returncode == 0, run.stderr.read() if run.stderr else ""
    incident = the_draft(tmp_journal)
    texts = sorted(e.text for e in incident.events if e.kind == "dead-end")
    assert texts == sorted(f"tried {side} {n}" for n in range(4)
                           for side in ("left", "right"))


def test_a_terminal_mark_beside_an_open_live_companion(tmp_journal):
    companion = live_companion(tmp_journal)
    companion.controls["title"].value = "Search latency"
    companion.controls["alert"].click()
    incident_id = companion.incident_id
    assert incident_id is not None
    done = kit_command(tmp_journal, "mark", "dead-end", "cleared the cache")
    assert done.returncode == 0, done.stderr
    companion.controls["breathe"].click()  # the companion writes after the terminal
    saved = tmp_journal.get(incident_id)
    assert {"dead-end", "breathing"} <= draft.marks(saved)  # neither lost the other
    # notebook 01 opened now continues the same draft, with the terminal's mark
    reopened = live_companion(tmp_journal)
    assert reopened.incident_id == incident_id
    assert "cleared the cache" in reopened.controls["timeline"].value
    # and the open companion shows it at its next refresh, after its own mark
    assert "cleared the cache" in companion.controls["timeline"].value


def test_status_says_how_long_and_what_is_marked_but_never_the_words(tmp_journal):
    empty = kit_command(tmp_journal, "status")
    assert empty.returncode == 0
    assert messages.STATUS_NONE in empty.stdout
    alert = datetime(2026, 3, 10, 2, 47).astimezone()
    record(tmp_journal, "alert", "Checkout errors", clock=lambda: alert)
    record(tmp_journal, "dead-end", "restarted the pods, private detail",
           clock=lambda: alert + timedelta(minutes=2))
    lines = status(tmp_journal, clock=lambda: alert + timedelta(minutes=3, seconds=5))
    text = "\n".join(lines)
    assert "Checkout errors" in text and "3:05" in text
    assert messages.STATUS_TRIAGE_LEFT.format(left="1:55") in lines
    assert "private detail" not in text
    later = status(tmp_journal, clock=lambda: alert + timedelta(minutes=7))
    assert messages.STATUS_TRIAGE_OVER in later
    shown = kit_command(tmp_journal, "status")
    assert shown.returncode == 0 and "Checkout errors" in shown.stdout
    assert "private detail" not in shown.stdout


def test_help_lists_every_mark_in_the_kits_words(tmp_journal):
    done = kit_command(tmp_journal, "mark", "--help")
    assert done.returncode == 0
    flat = " ".join(done.stdout.split())
    for what in COMMAND_MARKS:
        assert what in flat
    assert " ".join(messages.CLI_MARK_HELP.split()) in flat
