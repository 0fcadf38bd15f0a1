"""An encrypted journal opens with the age format's reference tool, outside the kit.

Debian's ``age`` reads a passphrase from a terminal only, so the passphrase is typed
into a pseudo-terminal, as a person would type it.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import kit
from kit import conversion, storage, vault

AGE = shutil.which("age")
SECRET = "walnut lantern ferry 2290"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        AGE is None, reason="the age command is not installed (apt-get install -y age)"
    ),
]


def age_with_passphrase(args: list[str], passphrase: str, timeout: float = 30) -> int:
    """Run ``age ARGS`` in a pseudo-terminal, type the passphrase when asked."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: age, with the pseudo-terminal as its terminal
        os.execv(AGE, [AGE, *args])
    seen, typed, deadline = b"", False, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if not typed and b"passphrase" in seen.lower():
                os.write(fd, passphrase.encode() + b"\n")
                typed = True
            finished, status = os.waitpid(pid, os.WNOHANG)
            if finished:
                return os.waitstatus_to_exitcode(status)
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    finally:
        os.close(fd)


def test_the_age_tool_opens_the_key_and_every_incident(tmp_path):
    folder = tmp_path / "journal"
    journal = kit.Journal(folder)
    incidents = kit.Journal.sample().load().incidents
    for incident in incidents:
        journal.save(incident)
    conversion.encrypt_journal(folder, SECRET)

    identity_txt = tmp_path / "identity.txt"
    code = age_with_passphrase(
        ["-d", "-o", str(identity_txt), str(folder / "identity.age")], SECRET
    )
    assert code == 0 and identity_txt.read_text().count("AGE-SECRET-KEY-") == 1
    for incident in incidents:
        sealed = folder / f"{incident.id}.yaml.age"
        opened = subprocess.run(
            [AGE, "-d", "-i", str(identity_txt), str(sealed)],
            capture_output=True,
            check=True,
        ).stdout
        data = storage.parse_yaml(opened, incident.id)
        assert data["id"] == incident.id and data["title"] == incident.title

    wrong = age_with_passphrase(
        ["-d", "-o", str(tmp_path / "nope.txt"), str(folder / "identity.age")],
        "not the passphrase at all",
    )
    assert wrong != 0 and not (tmp_path / "nope.txt").exists()
    vault.lock(folder)


def test_a_file_the_age_tool_encrypted_loads_in_the_kit(tmp_path):
    folder = tmp_path / "journal"
    folder.mkdir()
    conversion.encrypt_journal(folder, SECRET)
    identity_txt = tmp_path / "identity.txt"
    assert age_with_passphrase(
        ["-d", "-o", str(identity_txt), str(folder / "identity.age")], SECRET
    ) == 0
    recipient = next(
        line.split(": ", 1)[1]
        for line in identity_txt.read_text().splitlines()
        if line.startswith("# public key: ")
    )
    incident = kit.Journal.sample().load().incidents[0]
    plain = Path(tmp_path / "plain.yaml")
    plain.write_text(storage.dump_yaml(incident.to_data()))
    subprocess.run(
        [AGE, "-r", recipient, "-o", str(folder / f"{incident.id}.yaml.age"),
         str(plain)],
        check=True,
    )
    loaded = kit.Journal(folder).load()
    assert loaded.problems == [] and [i.id for i in loaded.incidents] == [incident.id]
    vault.lock(folder)
