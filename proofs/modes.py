"""File modes: the journal folder 0700 and every file 0600, under the loosest umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import kit

from . import good_incidents, line


def prove_modes(work: Path) -> None:
    old = os.umask(0o000)  # the loosest umask a machine could have
    try:
        journal = kit.Journal(work / "modes" / "journal")
        for incident in good_incidents(5):
            journal.save(incident)
        journal.frame()
    finally:
        os.umask(old)
    folder_mode = stat.S_IMODE(journal.path.stat().st_mode)
    loose = [
        p.name for p in journal.path.iterdir() if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    line(
        f"privacy: journal folder mode {folder_mode:o}, "
        f"{len(list(journal.path.iterdir()))} files, {len(loose)} readable by others "
        "(umask 000)",
        folder_mode == 0o700 and not loose,
    )
