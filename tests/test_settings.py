"""How many incidents came before the journal: said once, kept atomically."""

from __future__ import annotations

import json
import os

import pytest

import kit
from kit import messages as msg
from kit.errors import AlreadyExists, UnreadableFile
from kit.settings import SETTINGS_NAME, prior_incidents, set_prior_incidents


def test_unset_counts_from_one(tmp_path):
    assert prior_incidents(tmp_path) == 0


def test_said_once_and_never_overwritten_silently(tmp_path):
    path = set_prior_incidents(tmp_path, 9)
    assert prior_incidents(tmp_path) == 9
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    with pytest.raises(AlreadyExists, match="replace=True"):
        set_prior_incidents(tmp_path, 3)
    assert prior_incidents(tmp_path) == 9
    set_prior_incidents(tmp_path, 3, replace=True)
    assert prior_incidents(tmp_path) == 3


@pytest.mark.parametrize("bad", [-1, 1001, True, "9", 2.0])
def test_out_of_range_is_refused_and_nothing_written(tmp_path, bad):
    with pytest.raises(UnreadableFile, match="whole number from 0 to 1000"):
        set_prior_incidents(tmp_path, bad)
    assert not (tmp_path / SETTINGS_NAME).exists()


@pytest.mark.parametrize("content", [b"{", b'{"prior_incidents": "9"}', b"[]",
                                     b'{"prior_incidents": -3}', b"\xff\xfe"])
def test_a_broken_file_names_the_file_and_the_fix(tmp_path, content):
    (tmp_path / SETTINGS_NAME).write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        prior_incidents(tmp_path)
    assert SETTINGS_NAME in str(caught.value)
    assert "delete" in str(caught.value)


def test_a_broken_file_does_not_break_the_frame(tmp_path):
    journal = kit.Journal(tmp_path / "j")
    journal.save(kit.Journal.sample().load().incidents[0])
    (journal.path / SETTINGS_NAME).write_text("{")
    assert journal.frame()["incident_no"].tolist() == [1]


def test_the_setting_is_not_an_incident_file(tmp_path):
    journal = kit.Journal(tmp_path / "j")
    journal.save(kit.Journal.sample().load().incidents[0])
    set_prior_incidents(journal.path, 4)
    assert journal.load().problems == []
    assert journal.ids() == ["2026-01-14-payment-config-typo"]
    assert journal.frame()["incident_no"].tolist() == [5]


def test_an_encrypted_journal_keeps_the_count_in_plain_text(tmp_path):
    """A number, not a reflection: the vault refuses other plain files there."""
    folder = tmp_path / "j"
    folder.mkdir(mode=0o700)
    (folder / "identity.age").write_bytes(b"stand-in: only its presence matters")
    set_prior_incidents(folder, 2)
    assert json.loads((folder / SETTINGS_NAME).read_text()) == {
        "format": 1, "prior_incidents": 2}
    assert msg.PRIOR_PLAIN_NOTE


def test_the_write_is_atomic(tmp_path, monkeypatch):
    set_prior_incidents(tmp_path, 1)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(kit.SaveFailed):
        set_prior_incidents(tmp_path, 5, replace=True)
    assert prior_incidents(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_NAME]


def test_the_form_keeps_the_number_and_the_trend_counts_from_it(tmp_path):
    from kit.forms.settings import prior_form

    journal = kit.Journal(tmp_path / "j")
    journal.save(kit.Journal.sample().load().incidents[0])
    form = prior_form(journal)
    assert form.controls["prior"].value == 0
    form.controls["prior"].value = 9
    form.controls["save"].click()
    assert "number 10" in form.status.value
    assert kit.trend(journal).position == 10
    assert prior_form(journal).controls["prior"].value == 9  # shown when reopened


def test_the_form_cannot_write_into_the_sample():
    from kit.forms.settings import prior_form

    assert prior_form(kit.Journal.sample()).controls["save"].disabled
