"""Faults: a full disk and a read-only folder (written to as an unprivileged user): a
clear error, the old file intact, nothing half-written."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import kit
from kit import storage

from . import line


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def prove_faults(work: Path) -> None:
    folder = work / "faults"
    journal = kit.Journal(folder)
    incident = kit.Journal.sample().get("2026-01-14-payment-config-typo")
    journal.save(incident)
    changed = incident.model_copy(update={"title": "changed"})
    results = []

    def attempt(label: str, patch: Callable[[], Callable[[], None]]) -> None:
        before = _snapshot(folder)
        undo = patch()
        try:
            journal.update(changed)
            outcome = "no error"
        except kit.SaveFailed as error:
            outcome = "clear error" if "unchanged" in str(error) else "unclear error"
        except Exception as error:  # noqa: BLE001
            outcome = f"unexpected {type(error).__name__}"
        finally:
            undo()
        intact = _snapshot(folder) == before
        results.append((label, outcome, intact))

    def enospc():
        real = os.write

        def full(fd, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        storage.os.write = full
        real_fsync = os.fsync
        storage.os.fsync = lambda fd: (_ for _ in ()).throw(
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        )

        def undo():
            storage.os.write = real
            storage.os.fsync = real_fsync

        return undo

    attempt("full disk (ENOSPC on write)", enospc)
    folder.chmod(0o500)
    if os.geteuid() == 0:  # root ignores modes: write as an unprivileged user instead
        outcome, intact = _read_only_as_nobody(folder, changed)
        results.append(("read-only journal folder", outcome, intact))
    else:
        attempt("read-only journal folder", lambda: lambda: None)
    folder.chmod(0o700)
    for label, outcome, intact in results:
        line(
            f"faults: {label}: {outcome}, old file "
            f"{'intact' if intact else 'CHANGED'}, "
            f"{sum(storage.is_temp_name(p.name) for p in folder.iterdir())} "
            "half-written files",
            outcome == "clear error" and intact,
        )


def _read_only_as_nobody(folder: Path, changed: kit.Incident) -> tuple[str, bool]:
    import pwd

    nobody = pwd.getpwnam("nobody")
    before = _snapshot(folder)
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    for p in folder.iterdir():
        os.chown(p, nobody.pw_uid, nobody.pw_gid)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: become nobody, try to save into the read-only folder
        os.close(read)
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
        try:
            kit.Journal(folder).update(changed)
            message = "no error"
        except kit.SaveFailed as error:
            message = "clear error" if "writable" in str(error) else "unclear error"
        except Exception as error:  # noqa: BLE001
            message = f"unexpected {type(error).__name__}"
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    outcome = os.read(read, 200).decode()
    os.chown(folder, 0, 0)
    for p in folder.iterdir():
        os.chown(p, 0, 0)
    return outcome, _snapshot(folder) == before
