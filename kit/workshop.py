"""The kit on a shared machine: a workshop drop folder that only ever receives anonymous
exports, and each person's own copy of the notebooks.

On a team server (JupyterHub, see ``deploy/jupyterhub/``) every participant runs as
their own account. Their journal is private to that account (a 0700 folder of 0600
files). The facilitator's set-up makes one shared *drop* folder that participants can
write into but not list or read (owned by the facilitators' group, mode 3773: setgid so
every file joins that group, sticky so nobody can remove or replace another person's
file). An export is delivered there readable by its author and the facilitators' group
(0640) and by nobody else.

Environment (set for every person by the hub's spawner):

- ``KIT_WORKSHOP_DROP``: the drop folder participants write their exports into.
- ``KIT_WORKSHOP_POOL``: where the facilitator reads the exports (defaults to the drop
  folder; on Kubernetes it is a different mount of the same volume).
- ``KIT_NOTEBOOKS_SOURCE``: the read-only master copy of the notebooks.
- ``KIT_NOTEBOOKS_HOME``: where each person's own copy goes (``~/incident-kit``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import tempfile
from pathlib import Path

from . import messages
from .errors import KitError, SaveFailed
from .storage import atomic_write, private_dir

__all__ = [
    "DROP_ENV",
    "POOL_ENV",
    "NOTEBOOKS_ENV",
    "HOME_NOTEBOOKS_ENV",
    "DEFAULT_HOME_NOTEBOOKS",
    "EXPORT_MODE",
    "drop_folder",
    "pool_folder",
    "deliver",
    "drop_export",
    "prepare_home",
    "main",
]

DROP_ENV = "KIT_WORKSHOP_DROP"
POOL_ENV = "KIT_WORKSHOP_POOL"
NOTEBOOKS_ENV = "KIT_NOTEBOOKS_SOURCE"
HOME_NOTEBOOKS_ENV = "KIT_NOTEBOOKS_HOME"
DEFAULT_HOME_NOTEBOOKS = "~/incident-kit"
# Author and the facilitators' group may read; other participants may not.
EXPORT_MODE = 0o640
_NAME_TRIES = 8


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def drop_folder(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The workshop folder that anonymous exports are dropped into.

    Parameters
    ----------
    folder : str or Path, optional
        An explicit folder; wins over the environment.

    Returns
    -------
    Path or None
        ``folder``, else ``$KIT_WORKSHOP_DROP`` (``~`` expanded), else None when this
        machine has no workshop folder.

    Examples
    --------
    >>> drop_folder("/srv/incident-kit/workshop-drop")
    PosixPath('/srv/incident-kit/workshop-drop')
    """
    if folder is not None and str(folder).strip():
        return Path(folder).expanduser()
    return _from_env(DROP_ENV)


def pool_folder(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the facilitator reads the pooled exports.

    ``folder``, else ``$KIT_WORKSHOP_POOL``, else ``$KIT_WORKSHOP_DROP``, else None
    (a notebook then shows the synthetic team sample instead).
    """
    if folder is not None and str(folder).strip():
        return Path(folder).expanduser()
    return _from_env(POOL_ENV) or _from_env(DROP_ENV)


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
        The export file (written by ``kit.team.export_anonymous``).
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


def drop_export(journal, folder=None, *, pseudonym: str | None = None) -> Path:
    """Export your journal anonymously and drop it into the workshop folder.

    The export is made by ``kit.team.export_anonymous`` (allow-listed numbers and
    categories only) in a private temporary folder, then delivered with ``deliver``.

    Parameters
    ----------
    journal : kit.Journal
        Your journal.
    folder : str or Path, optional
        The drop folder; default ``$KIT_WORKSHOP_DROP``.
    pseudonym : str, optional
        Passed to ``export_anonymous`` (default: a random one).

    Returns
    -------
    Path
        The file in the drop folder.

    Raises
    ------
    SaveFailed
        When there is no drop folder, or it cannot be written.
    """
    target = drop_folder(folder)
    if target is None:
        raise SaveFailed(messages.DROP_NOT_SET)
    from . import team

    with tempfile.TemporaryDirectory(prefix="kit-export-") as private:
        made = team.export_anonymous(journal, Path(private), pseudonym=pseudonym)
        return deliver(made, target)


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
    master = Path(source).expanduser() if source else _from_env(NOTEBOOKS_ENV)
    if master is None or not master.is_dir():
        return []
    mine = (
        Path(target).expanduser()
        if target
        else _from_env(HOME_NOTEBOOKS_ENV) or Path(DEFAULT_HOME_NOTEBOOKS).expanduser()
    )
    private_dir(mine)
    copied = []
    for notebook in sorted(master.glob("*.ipynb")):
        destination = mine / notebook.name
        if destination.exists() or destination.is_symlink():
            continue
        atomic_write(destination, notebook.read_bytes(), overwrite=False)
        copied.append(destination)
    return copied


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
        from .journal import Journal

        Journal()  # creates $KIT_JOURNAL (0700) now, before the first save
    except (KitError, OSError) as error:
        source = os.environ.get(NOTEBOOKS_ENV, "")
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
