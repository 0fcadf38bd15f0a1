"""The encrypted journal keeps every promise of the plain one, and its own: nothing in
plain text beside the encrypted files, and the passphrase never shown or written."""

from __future__ import annotations

import os
import pickle
import shutil
import traceback
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit import conversion, messages, storage, vault
from kit.__main__ import main
from kit._text import html_escape

SECRET = "tangerine owl under the bridge 7391"
OTHER = "a different passphrase 4402"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".journal.lock"
        and not p.name.startswith(".frame-cache")  # the kit's own, rebuilt at will
    }


def sample_incidents() -> list[kit.Incident]:
    return kit.Journal.sample().load().incidents


@pytest.fixture(scope="module")
def sealed_template(tmp_path_factory):
    """An encrypted journal of the sample's five incidents (scrypt runs once)."""
    folder = tmp_path_factory.mktemp("sealed") / "journal"
    journal = kit.Journal(folder)
    for incident in sample_incidents():
        journal.save(incident)
    conversion.encrypt_journal(folder, SECRET)
    key = vault._KEYS[vault._resolved(folder)]
    vault.lock(folder)
    return folder, key


@pytest.fixture
def sealed(tmp_path, sealed_template):
    """A fresh copy of the template, unlocked in this process."""
    source, key = sealed_template
    folder = tmp_path / "journal"
    shutil.copytree(source, folder)
    vault._KEYS[vault._resolved(folder)] = key  # as if unlocked, without scrypt again
    yield folder
    vault.lock(folder)


def no_plain_text(folder: Path, needles: list[str]) -> list[str]:
    """Files under ``folder`` that contain any of ``needles``."""
    found = []
    for name, data in snapshot(folder).items():
        found += [f"{name}: {n}" for n in needles if n.encode() in data]
    return found


# --- on, off, and the files on disk ---------------------------------------------------


def test_a_new_journal_encrypts_every_save(tmp_path):
    folder = tmp_path / "journal"
    folder.mkdir()
    report = conversion.encrypt_journal(folder, SECRET)
    assert report.finished and report.converted == 0
    journal = kit.Journal(folder)
    for incident in sample_incidents():
        journal.save(incident)
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == sorted(
        ["identity.age"] + [f"{i.id}.yaml.age" for i in sample_incidents()]
    )
    assert len(journal.load().incidents) == 5 and len(journal.frame()) == 5
    assert not (folder / ".frame-cache.json").exists()  # rows, encrypted instead:
    cache = (folder / ".frame-cache.json.age").read_bytes()
    assert cache.startswith(b"age-encryption.org/v1\n")
    titles = [i.title for i in sample_incidents()]
    assert no_plain_text(folder, titles + [SECRET]) == []
    assert all(
        (folder / n).read_bytes().startswith(b"age-encryption.org/v1\n") for n in names
    )
    vault.lock(folder)


def test_a_plain_journal_converts_both_ways_byte_for_byte(tmp_path):
    folder = tmp_path / "journal"
    journal = kit.Journal(folder)
    for incident in sample_incidents():
        journal.save(incident)
    journal.frame()
    before = snapshot(folder)
    assert (folder / ".frame-cache.json").exists()  # plain rows, to be removed

    report = conversion.encrypt_journal(folder, SECRET)
    assert report.finished and report.converted == 5
    assert not (folder / ".frame-cache.json").exists()
    assert not list(folder.glob("*.yaml"))
    vault.lock(folder)
    with pytest.raises(vault.JournalLocked):
        journal.load()
    vault.unlock_with(folder, SECRET)
    loaded = kit.Journal(folder).load()
    assert loaded.problems == []
    assert [i.to_data() for i in loaded.incidents] == [
        i.to_data() for i in sample_incidents()
    ]

    report = conversion.decrypt_journal(folder, SECRET)
    assert report.finished and report.converted == 5
    after = snapshot(folder)
    assert not (folder / "identity.age").exists()
    assert {k: v for k, v in after.items() if k.endswith(".yaml")} == {
        k: v for k, v in before.items() if k.endswith(".yaml")
    }
    assert not vault.is_unlocked(folder)


def test_the_encrypted_row_cache_is_never_stale_and_never_trusted_blindly(sealed):
    kit.Journal(sealed).frame()
    cache = sealed / ".frame-cache.json.age"
    assert cache.exists()
    incident = kit.Journal(sealed).load().incidents[0]
    kit.Journal(sealed).update(incident.model_copy(update={"title": "Renamed"}))
    frame = kit.Journal(sealed).frame()  # a new kernel's journal, reading the cache
    assert "Renamed" in set(frame["title"])
    cache.write_bytes(b"age-encryption.org/v1\n-> X25519 tampered\n--- x\n")
    assert len(kit.Journal(sealed).frame()) == 5  # rebuilt from the files
    vault.lock(sealed)
    with pytest.raises(vault.JournalLocked):
        kit.Journal(sealed).frame()


def test_encrypting_twice_is_refused_and_changes_nothing(sealed):
    before = snapshot(sealed)
    with pytest.raises(vault.EncryptionError, match="already encrypted"):
        conversion.encrypt_journal(sealed, SECRET)
    assert snapshot(sealed) == before


def test_a_short_passphrase_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(vault.EncryptionError) as caught:
        conversion.encrypt_journal(tmp_path, "short")
    assert str(caught.value) == messages.VAULT_PASSPHRASE_SHORT.format(
        n=vault.MIN_PASSPHRASE
    )
    assert not (tmp_path / "identity.age").exists()


# --- locked, unlocked, wrong passphrase -----------------------------------------------


def test_a_locked_journal_says_so_and_still_lists_its_ids(sealed):
    vault.lock(sealed)
    journal = kit.Journal(sealed)
    before = snapshot(sealed)
    for action in (journal.load, journal.frame, lambda: journal.get(journal.ids()[0])):
        with pytest.raises(vault.JournalLocked) as caught:
            action()
        assert str(sealed) in str(caught.value) and "kit.unlock()" in str(caught.value)
    with pytest.raises(vault.JournalLocked):
        journal.update(sample_incidents()[0])
    assert sorted(journal.ids()) == sorted(i.id for i in sample_incidents())
    assert snapshot(sealed) == before


def test_a_wrong_passphrase_changes_nothing(sealed):
    vault.lock(sealed)
    before = snapshot(sealed)
    for attempt in (
        lambda: vault.unlock_with(sealed, OTHER),
        lambda: conversion.decrypt_journal(sealed, OTHER),
        lambda: conversion.change_passphrase(sealed, OTHER, "whatever new one 1"),
    ):
        with pytest.raises(vault.WrongPassphrase) as caught:
            attempt()
        assert "identity.age" in str(caught.value) and str(sealed) in str(caught.value)
    assert snapshot(sealed) == before
    assert not vault.is_unlocked(sealed)


def test_changing_the_passphrase_rewrites_only_the_key_file(sealed):
    before = snapshot(sealed)
    conversion.change_passphrase(sealed, SECRET, OTHER)
    after = snapshot(sealed)
    assert after["identity.age"] != before["identity.age"]
    assert {k: v for k, v in after.items() if k != "identity.age"} == {
        k: v for k, v in before.items() if k != "identity.age"
    }
    vault.lock(sealed)
    with pytest.raises(vault.WrongPassphrase):
        vault.unlock_with(sealed, SECRET)
    vault.unlock_with(sealed, OTHER)
    assert len(kit.Journal(sealed).load().incidents) == 5


# --- bad and foreign files ------------------------------------------------------------


def test_bad_and_foreign_files_are_reported_and_others_load(sealed, tmp_path):
    import pyrage

    good = sorted(sealed.glob("*.yaml.age"))[0]
    plain = storage.dump_yaml(sample_incidents()[0].to_data()).encode()
    stranger = pyrage.x25519.Identity.generate().to_public()
    hostile = {
        "2027-01-01-plain.yaml": plain,
        "2027-01-02-passphrase.yaml.age": pyrage.passphrase.encrypt(plain, OTHER),
        "2027-01-03-stranger.yaml.age": pyrage.encrypt(plain, [stranger]),
        "2027-01-04-truncated.yaml.age": good.read_bytes()[:-40],
        "2027-01-05-header-only.yaml.age": good.read_bytes()[:120],
        "2027-01-06-noise.yaml.age": os.urandom(300),
        "2027-01-07-empty.yaml.age": b"",
        "2027-01-08-wrong-name.yaml.age": vault.seal(sealed, plain),
        "2027-01-09-not-yaml.yaml.age": vault.seal(sealed, b"[[[[: {"),
    }
    for name, data in hostile.items():
        (sealed / name).write_bytes(data)
    before = snapshot(sealed)
    result = kit.Journal(sealed).load()
    assert len(result.incidents) == 5
    reasons = {p.path.name: str(p) for p in result.problems}
    assert sorted(reasons) == sorted(hostile)
    assert all(name in reason for name, reason in reasons.items())
    expected = {
        "2027-01-01-plain.yaml": messages.VAULT_PLAIN_IN_ENCRYPTED,
        "2027-01-02-passphrase.yaml.age": messages.VAULT_PASSPHRASE_FILE,
        "2027-01-03-stranger.yaml.age": messages.VAULT_OTHER_KEY,
        "2027-01-04-truncated.yaml.age": messages.VAULT_OTHER_KEY,
        "2027-01-06-noise.yaml.age": messages.VAULT_NOT_AGE,
        "2027-01-07-empty.yaml.age": messages.VAULT_NOT_AGE,
    }
    for name, template in expected.items():
        assert reasons[name] == template.format(name=name)
    assert "does not match its id" in reasons["2027-01-08-wrong-name.yaml.age"]
    assert len(kit.Journal(sealed).frame()) == 5
    assert snapshot(sealed) == before  # nothing was changed


def test_an_encrypted_file_in_a_plain_journal_is_reported(sealed, tmp_path):
    folder = tmp_path / "plain"
    journal = kit.Journal(folder)
    journal.save(sample_incidents()[0])
    stray = sorted(sealed.glob("*.yaml.age"))[1]
    shutil.copy(stray, folder / stray.name)
    result = journal.load()
    assert len(result.incidents) == 1
    assert [str(p) for p in result.problems] == [
        messages.VAULT_ENCRYPTED_IN_PLAIN.format(name=stray.name)
    ]


# --- atomic saves and nothing in plain text -------------------------------------------


def test_a_failed_save_leaves_the_old_encrypted_file(sealed, monkeypatch):
    journal = kit.Journal(sealed)
    incident = journal.load().incidents[0]
    path = sealed / f"{incident.id}.yaml.age"
    old = path.read_bytes()

    def broken_replace(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = incident.model_copy(update={"title": "A new title"})
    with pytest.raises(kit.SaveFailed):
        journal.update(changed)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert journal.get(incident.id).title == incident.title
    assert [p.name for p in sealed.iterdir() if storage.is_temp_name(p.name)] == []


def test_reports_and_documents_are_not_written_inside(sealed, tmp_path):
    journal = kit.Journal(sealed)
    with pytest.raises(kit.SaveFailed) as caught:
        kit.postmortem.export_markdown(journal, journal.ids()[0])
    assert "inside an encrypted journal" in str(caught.value)
    with pytest.raises(kit.SaveFailed):
        storage.atomic_write(sealed / "reports" / "r.html", b"<p>x</p>")
    titles = [i.title for i in sample_incidents()]
    assert no_plain_text(sealed, titles) == []
    outside = kit.postmortem.export_markdown(journal, journal.ids()[0], tmp_path)
    assert outside.exists()  # outside the journal, a plain document as asked


# --- stopped conversions finish when run again ----------------------------------------


class Stop(Exception):
    """Stands for the process being killed after a given number of files."""


def stop_after(monkeypatch, n: int) -> None:
    calls = {"n": 0}
    real = conversion._fsync_folder

    def counting(folder):
        real(folder)
        calls["n"] += 1
        if calls["n"] > n:
            raise Stop

    monkeypatch.setattr(conversion, "_fsync_folder", counting)


def readable_everywhere(folder: Path, key) -> set[str]:
    """Ids readable as plain YAML or with the key: what a person could still open."""
    import pyrage

    ids = set()
    for path in folder.iterdir():
        if path.name.endswith(".yaml.age"):
            pyrage.decrypt(path.read_bytes(), [key])
            ids.add(path.name[: -len(".yaml.age")])
        elif path.name.endswith(".yaml"):
            storage.parse_yaml(path.read_bytes(), path.name)
            ids.add(path.stem)
    return ids


def test_a_stopped_encryption_is_finished_by_running_it_again(tmp_path, monkeypatch):
    folder = tmp_path / "journal"
    journal = kit.Journal(folder)
    for incident in sample_incidents():
        journal.save(incident)
    ids = {i.id for i in sample_incidents()}
    stop_after(monkeypatch, 2)
    with pytest.raises(Stop):
        conversion.encrypt_journal(folder, SECRET)
    monkeypatch.undo()
    key = vault._KEYS[vault._resolved(folder)]
    assert readable_everywhere(folder, key) == ids
    result = journal.load()
    assert len(result.incidents) == 3  # stopped just after the third file
    assert {str(p) for p in result.problems} == {
        messages.VAULT_PLAIN_WHILE_CHANGING.format(name=name, command="encrypt")
        for name in sorted(p.name for p in folder.glob("*.yaml"))
    }
    vault.lock(folder)
    report = conversion.encrypt_journal(folder, SECRET)  # asks for the same one
    assert report.finished and report.converted == 2
    assert len(journal.load().incidents) == 5 and not list(folder.glob("*.yaml"))
    assert not (folder / ".vault-pending.json").exists()
    vault.lock(folder)


def test_a_stopped_decryption_is_finished_by_running_it_again(sealed, monkeypatch):
    ids = {i.id for i in sample_incidents()}
    key = vault._KEYS[vault._resolved(sealed)]
    stop_after(monkeypatch, 3)
    with pytest.raises(Stop):
        conversion.decrypt_journal(sealed, SECRET)
    monkeypatch.undo()
    assert readable_everywhere(sealed, key) == ids
    assert (sealed / "identity.age").exists()  # the key goes last
    report = conversion.decrypt_journal(sealed, SECRET)
    assert report.finished and report.converted == 1  # stopped after the fourth
    assert len(kit.Journal(sealed).load().incidents) == 5
    assert not list(sealed.glob("*.age"))


def test_two_different_copies_of_one_incident_are_both_kept(sealed):
    encrypted = sorted(sealed.glob("*.yaml.age"))[0]
    plain = sealed / encrypted.name[: -len(".age")]
    plain.write_bytes(b"a different version\n")
    before = snapshot(sealed)
    report = conversion.decrypt_journal(sealed, SECRET)
    assert not report.finished and [name for name, _ in report.left] == [
        encrypted.name
    ]
    assert plain.read_bytes() == b"a different version\n"
    assert (sealed / "identity.age").exists() and encrypted.exists()
    assert "run `python -m kit decrypt` again" in str(report)
    assert snapshot(sealed)[encrypted.name] == before[encrypted.name]


# --- the passphrase never shows -------------------------------------------------------


def formatted(error: BaseException) -> str:
    """The traceback with every local variable shown, from the kit's frames on (the
    test's own frames hold the passphrase it typed)."""
    exc = traceback.TracebackException.from_exception(error, capture_locals=True)
    kit_dir = str(Path(kit.__file__).parent)
    exc.stack = traceback.StackSummary.from_list(
        [frame for frame in exc.stack if frame.filename.startswith(kit_dir)]
    )
    assert exc.stack, "the error came from the kit"
    return "".join(exc.format())


def test_the_passphrase_never_appears_in_errors_reprs_or_files(sealed, tmp_path):
    typed = "plum-kettle-secret-5521"
    texts = [repr(vault.Passphrase(typed)), str(vault.Passphrase(typed))]
    with pytest.raises(TypeError):
        pickle.dumps(vault.Passphrase(typed))
    vault.lock(sealed)
    attempts = [
        lambda: vault.unlock_with(sealed, typed),
        lambda: conversion.decrypt_journal(sealed, typed),
        lambda: conversion.change_passphrase(sealed, typed, typed + "x"),
        lambda: conversion.change_passphrase(sealed, SECRET, typed[:5]),
        lambda: conversion.encrypt_journal(sealed, typed),
        lambda: vault.unlock(sealed, ask=lambda prompt: typed),
        lambda: kit.Journal(sealed).load(),
    ]
    for attempt in attempts:
        with pytest.raises(kit.KitError) as caught:
            attempt()
        texts.append(formatted(caught.value))
    vault.unlock_with(sealed, SECRET)
    conversion.change_passphrase(sealed, SECRET, typed)
    journal = kit.Journal(sealed)
    texts += [repr(journal), journal.describe(), repr(vault._KEYS)]
    assert not [text for text in texts if typed in text or SECRET in text]
    assert no_plain_text(sealed, [typed, SECRET]) == []


# --- the commands ---------------------------------------------------------------------


def answers(monkeypatch, *typed: str) -> list[str]:
    queue = list(typed)
    prompts: list[str] = []

    def fake_getpass(prompt=""):
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return prompts


def test_the_commands_encrypt_rekey_and_decrypt(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "journal"
    journal = kit.Journal(folder)
    for incident in sample_incidents():
        journal.save(incident)

    answers(monkeypatch, SECRET, SECRET)
    assert main(["encrypt", "--journal", str(folder)]) == 0
    assert len(list(folder.glob("*.yaml.age"))) == 5
    answers(monkeypatch, SECRET, OTHER, OTHER + "?")
    assert main(["rekey", "--journal", str(folder)]) == 1  # the two differ
    err = capsys.readouterr().err
    assert messages.VAULT_PASSPHRASES_DIFFER in err
    answers(monkeypatch, SECRET, OTHER, OTHER)
    assert main(["rekey", "--journal", str(folder)]) == 0
    answers(monkeypatch, SECRET)
    assert main(["decrypt", "--journal", str(folder)]) == 1  # the old one
    answers(monkeypatch, OTHER)
    assert main(["decrypt", "--journal", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "Decrypted 5 incident(s)" in out
    assert SECRET not in out + err and OTHER not in out + err
    assert len(kit.Journal(folder).load().incidents) == 5


def test_the_passphrase_is_never_a_command_line_argument():
    import argparse

    for name in ("encrypt", "decrypt", "rekey"):
        parser = argparse.ArgumentParser()
        kit.__main__.COMMANDS[name][1](parser)
        flags = {o for a in parser._actions for o in a.option_strings}
        assert not [f for f in flags if "pass" in f or "key" in f]


# --- the notebook's unlock step -------------------------------------------------------


def test_unlock_does_nothing_for_a_plain_journal_or_the_sample(tmp_path):
    def must_not_ask(prompt):
        raise AssertionError(prompt)

    assert kit.unlock(tmp_path, ask=must_not_ask) is None
    assert kit.unlock("sample", ask=must_not_ask) is None
    assert kit.unlock(kit.Journal(tmp_path / "j"), ask=must_not_ask) is None


def test_unlock_asks_once_and_a_wrong_answer_changes_nothing(sealed):
    vault.lock(sealed)
    with pytest.raises(vault.WrongPassphrase):
        kit.unlock(kit.Journal(sealed), ask=lambda prompt: OTHER)
    assert not vault.is_unlocked(sealed)
    prompts = []
    assert kit.unlock(sealed, ask=lambda p: prompts.append(p) or SECRET) is None
    assert prompts == [messages.VAULT_PROMPT]
    assert len(kit.Journal(sealed).load().incidents) == 5
    assert kit.unlock(sealed, ask=lambda p: prompts.append(p) or SECRET) is None
    assert len(prompts) == 1  # already unlocked in this kernel


def test_where_no_prompt_can_be_shown_a_password_form_unlocks(sealed):
    from IPython.core.error import StdinNotImplementedError

    vault.lock(sealed)

    def no_stdin(prompt):
        msg = "getpass was called, but this frontend does not support input requests."
        raise StdinNotImplementedError(msg)

    form = kit.unlock(sealed, ask=no_stdin)
    assert form is not None and form.password.description == messages.VAULT_FORM_LABEL
    form.password.value = OTHER
    form.button.click()
    assert form.password.value == ""  # never kept in the widget
    wrong = messages.VAULT_WRONG_PASSPHRASE.format(name="identity.age", folder=sealed)
    assert form.status.value == f'<div role="alert">{html_escape(wrong)}</div>'
    assert not vault.is_unlocked(sealed)
    form.password.value = SECRET
    form.button.click()
    assert form.password.value == ""
    unlocked = html_escape(messages.VAULT_FORM_UNLOCKED)
    assert form.status.value == f'<div role="status">{unlocked}</div>'
    assert len(kit.Journal(sealed).load().incidents) == 5


# --- any bytes at all -----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=600), header=st.booleans())
def test_any_bytes_in_an_encrypted_file_are_reported_never_fatal(
    sealed_template, tmp_path_factory, data, header
):
    source, key = sealed_template
    folder = tmp_path_factory.mktemp("any") / "journal"
    shutil.copytree(source, folder)
    vault._KEYS[vault._resolved(folder)] = key
    raw = (b"age-encryption.org/v1\n" if header else b"") + data
    stray = folder / "2027-05-05-any.yaml.age"
    stray.write_bytes(raw)
    try:
        result = kit.Journal(folder).load()
        assert len(result.incidents) == 5
        assert [p.path.name for p in result.problems] == [stray.name]
        assert stray.name in str(result.problems[0])
        assert stray.read_bytes() == raw
    finally:
        vault.lock(folder)
        shutil.rmtree(folder.parent, ignore_errors=True)
