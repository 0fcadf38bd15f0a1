"""The kit on a shared machine: a workshop drop folder that only ever receives anonymous
exports, and each person's own copy of the notebooks.

On a team server (JupyterHub, see ``deploy/jupyterhub/``) every participant runs as
their own account. Their journal is private to that account (a 0700 folder of 0600
files). The facilitator's set-up makes one shared *drop* folder that participants can
write into but not list or read (owned by the facilitators' group, mode 3773: setgid so
every file joins that group, sticky so nobody can remove or replace another person's
file). An export is delivered there readable by its author and the facilitators' group
(0640) and by nobody else.

Anyone can withdraw their export without saying which it is: each export carries the
one-way hash of a random receipt that only its author holds, and :func:`withdraw`
drops a note with the receipt into the same folder (participants cannot delete files
in a sticky, write-only folder); the next pool leaves the matching export out.

The environment variables that name these folders (``KIT_WORKSHOP_DROP``,
``KIT_WORKSHOP_POOL``, ``KIT_NOTEBOOKS_SOURCE``, ``KIT_NOTEBOOKS_HOME``) are read by
:mod:`kit.paths`, the one home of every "where".
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path

from . import messages, paths
from .errors import KitError, SaveFailed
from .export import (
    EXPORT_MODE,
    RECEIPT_PATTERN,
    WITHDRAWAL_SUFFIX,
    ExportFile,
    export_anonymous,
)
from .journal import Journal
from .notebooks import copy_notebooks

__all__ = [
    "deliver",
    "drop_export",
    "withdraw",
    "prepare_home",
    "main",
]

_NAME_TRIES = 8


def _candidate_names(name: str):
    yield name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    for _ in range(_NAME_TRIES - 1):
        token = secrets.token_hex(3)
        yield f"{stem}-{token}.{suffix}" if suffix else f"{stem}-{token}"


def deliver(source: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    """Copy one export file into a write-only drop folder, readable by the facilitators.

    Works in a folder you may write into but not list (mode 3773): the file is written
    under a temporary name, fsynced, given mode 0640 whatever the umask, and then
    linked to its final name, which never replaces an existing file (another name is
    chosen instead). Nothing half-written is ever left under a final name.

    Parameters
    ----------
    source : str or Path
        The export file (written by :func:`kit.export.export_anonymous`).
    folder : str or Path
        The drop folder.

    Returns
    -------
    Path
        The delivered file.

    Raises
    ------
    SaveFailed
        When the folder is missing or not writable, or no free name was found.
    """
    source, folder = Path(source), Path(folder).expanduser()
    data = source.read_bytes()
    if not folder.is_dir():
        raise SaveFailed(messages.DROP_MISSING.format(folder=folder))
    temp = folder / f".{source.name}.{secrets.token_hex(6)}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temp, flags, EXPORT_MODE)
        try:
            os.fchmod(fd, EXPORT_MODE)  # a umask of 077 would have made it 0600
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            for name in _candidate_names(source.name):
                target = folder / name
                try:
                    os.link(temp, target)  # never replaces: EEXIST if taken
                except FileExistsError:
                    continue
                return target
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SaveFailed(
            messages.DROP_FAILED.format(folder=folder, reason=reason)
        ) from None
    raise SaveFailed(messages.DROP_NAME_TAKEN.format(name=source.name, folder=folder))


def drop_export(journal, folder=None, *, pseudonym: str | None = None,
                incidents=None) -> ExportFile:
    """Export your journal anonymously and drop it into the workshop folder.

    The export is made by :func:`kit.export.export_anonymous` (allow-listed, coarsened
    numbers and categories only) in a private temporary folder, then delivered with
    ``deliver``. Keep the result's ``.receipt``: it is the only way to withdraw the
    file (:func:`withdraw`).

    Parameters
    ----------
    journal : kit.Journal
        Your journal.
    folder : str or Path, optional
        The drop folder; default :func:`kit.paths.drop_folder`.
    pseudonym : str, optional
        Passed to ``export_anonymous`` (default: a random one).
    incidents : iterable of str, optional
        The ids of the finished incidents to export (default: all of them).

    Returns
    -------
    ExportFile
        The file in the drop folder, with ``.receipt``.

    Raises
    ------
    SaveFailed
        When there is no drop folder, or it cannot be written.
    """
    target = paths.drop_folder(folder)
    if target is None:
        raise SaveFailed(messages.DROP_NOT_SET)
    with tempfile.TemporaryDirectory(prefix="kit-export-") as private:
        made = export_anonymous(journal, Path(private), pseudonym=pseudonym,
                                incidents=incidents)
        delivered = ExportFile(deliver(made, target))
    delivered.receipt = made.receipt
    return delivered


def withdraw(receipt: str, folder=None) -> Path:
    """Withdraw your export: drop a note with its receipt into the workshop folder.

    The next :func:`kit.pool.pool` of the folder leaves out the export whose
    ``receipt_hash`` is the receipt's hash. The note names nobody; the export stays
    on disk until the facilitator clears the folder, but no pool reads it again.

    Parameters
    ----------
    receipt : str
        The receipt shown when you exported (``kit-receipt-...``).
    folder : str or Path, optional
        The drop folder; default :func:`kit.paths.drop_folder`.

    Returns
    -------
    Path
        The note written.

    Raises
    ------
    SaveFailed
        When the receipt is not one the kit writes, or there is no drop folder, or
        it cannot be written.
    """
    receipt = str(receipt).strip()
    if re.fullmatch(RECEIPT_PATTERN, receipt) is None:
        raise SaveFailed(messages.WITHDRAW_BAD_RECEIPT)
    target = paths.drop_folder(folder)
    if target is None:
        raise SaveFailed(messages.DROP_NOT_SET)
    with tempfile.TemporaryDirectory(prefix="kit-withdraw-") as private:
        note = Path(private) / f"withdraw-{secrets.token_hex(8)}{WITHDRAWAL_SUFFIX}"
        note.write_text(receipt + "\n", encoding="utf-8")
        return deliver(note, target)


def prepare_home(
    source: str | os.PathLike[str] | None = None,
    target: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Give a person their own copy of the notebooks: copy the ones they lack.

    Never overwrites a notebook the person already has (their edits and outputs stay
    theirs). The folder is created 0700 and each copy is 0600, because a notebook
    saved with outputs can hold what its owner typed.

    Parameters
    ----------
    source : str or Path, optional
        The master copy; default ``$KIT_NOTEBOOKS_SOURCE``. Nothing happens without one.
    target : str or Path, optional
        The person's folder; default ``$KIT_NOTEBOOKS_HOME``, else ``~/incident-kit``.

    Returns
    -------
    list of Path
        The notebooks copied this time (empty when all were there).
    """
    if not source and not os.environ.get(paths.NOTEBOOKS_ENV, "").strip():
        return []  # no master copy named on this machine: nothing to give out
    master = Path(source).expanduser() if source else paths.notebooks_source()
    mine = (
        Path(target).expanduser()
        if target
        else Path(
            os.environ.get(paths.HOME_NOTEBOOKS_ENV, "").strip()
            or paths.DEFAULT_HOME_NOTEBOOKS
        ).expanduser()
    )
    return copy_notebooks(mine, master)


def main(argv: list[str] | None = None) -> int:
    """``python -m kit.workshop prepare|singleuser [args]``, run as the participant.

    ``singleuser`` is the spawner's command on the team server: it prepares the
    person's notebooks and journal, then replaces itself with
    ``jupyterhub-singleuser args`` from the same Python. A failed preparation is
    reported on stderr and never stops the server from starting.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("prepare", "singleuser"):
        print(messages.WORKSHOP_USAGE, file=sys.stderr)  # a command-line tool
        return 2
    command, rest = args[0], args[1:]
    try:
        copied = prepare_home()
        Journal()  # creates $KIT_JOURNAL (0700) now, before the first save
    except (KitError, OSError) as error:
        source = os.environ.get(paths.NOTEBOOKS_ENV, "")
        print(
            messages.PREPARE_FAILED.format(reason=error, source=source), file=sys.stderr
        )
    else:
        if copied:
            target = copied[0].parent
            print(
                messages.PREPARE_COPIED.format(n=len(copied), target=target),
                file=sys.stderr,
            )
    if command == "prepare":
        return 0
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *rest])
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main())
