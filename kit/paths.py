"""Every "where" of the kit: your journal, the shipped samples and notebooks, the
workshop's drop and pool folders, and where charts and reports are written.

Nothing here creates a folder or reads a file; callers do that. Paths that ship with
the kit (the samples, the notebooks) come from the repository when the kit runs from a
checkout, and from the installed package's data otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "JOURNAL_ENV",
    "DROP_ENV",
    "POOL_ENV",
    "SAFETY_ENV",
    "NOTEBOOKS_ENV",
    "HOME_NOTEBOOKS_ENV",
    "DEFAULT_HOME_NOTEBOOKS",
    "journal_dir",
    "sample_journal",
    "team_sample",
    "notebooks_source",
    "drop_folder",
    "pool_folder",
    "safety_folder",
    "charts_dir",
    "reports_dir",
]

JOURNAL_ENV = "KIT_JOURNAL"
DROP_ENV = "KIT_WORKSHOP_DROP"
POOL_ENV = "KIT_WORKSHOP_POOL"
SAFETY_ENV = "KIT_WORKSHOP_SAFETY"
NOTEBOOKS_ENV = "KIT_NOTEBOOKS_SOURCE"
HOME_NOTEBOOKS_ENV = "KIT_NOTEBOOKS_HOME"
DEFAULT_HOME_NOTEBOOKS = "~/incident-kit"

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _in_checkout() -> bool:
    """True when the kit runs from its repository (an editable install or a clone)."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "kit").is_dir()


def _shipped(repo_relative: str, package_relative: str) -> Path:
    """A folder that ships with the kit: the checkout's copy, else the package data."""
    if _in_checkout():
        candidate = _CHECKOUT / repo_relative
        if candidate.is_dir():
            return candidate
    return _PACKAGE / package_relative


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def journal_dir() -> Path:
    """Where your journal lives.

    ``$KIT_JOURNAL`` when set; otherwise ``data/journal/`` in the kit's folder when the
    kit runs from a writable checkout; otherwise
    ``$XDG_DATA_HOME/incident-kit/journal`` (``~/.local/share/incident-kit/journal``).
    """
    configured = _from_env(JOURNAL_ENV)
    if configured is not None:
        return configured
    data = _CHECKOUT / "data"
    if _in_checkout() and os.access(data, os.W_OK):
        return data / "journal"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "incident-kit" / "journal"


def sample_journal() -> Path:
    """The fictional engineer's journal shipped with the kit (read-only)."""
    return _shipped("data/sample", "_sample")


def team_sample() -> Path:
    """The synthetic team's anonymous exports shipped with the kit."""
    return _shipped("data/team-sample", "_team_sample")


def notebooks_source() -> Path:
    """The kit's guided notebooks: ``$KIT_NOTEBOOKS_SOURCE``, else the shipped copy."""
    return _from_env(NOTEBOOKS_ENV) or _shipped("notebooks", "_notebooks")


def drop_folder(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The workshop folder that anonymous exports are dropped into.

    ``folder`` when given, else ``$KIT_WORKSHOP_DROP``, else None (no workshop here).

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

    ``folder``, else ``$KIT_WORKSHOP_POOL``, else ``$KIT_WORKSHOP_DROP``, else None (a
    notebook then shows the synthetic team sample instead).
    """
    if folder is not None and str(folder).strip():
        return Path(folder).expanduser()
    return _from_env(POOL_ENV) or _from_env(DROP_ENV)


def safety_folder(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the workshop's safety-survey answers go (no name goes with them).

    ``folder``, else ``$KIT_WORKSHOP_SAFETY``, else ``safety/`` inside the drop
    folder, else None (no workshop here). Both hub configurations set the variable.
    """
    if folder is not None and str(folder).strip():
        return Path(folder).expanduser()
    configured = _from_env(SAFETY_ENV)
    if configured is not None:
        return configured
    drop = drop_folder()
    return drop / "safety" if drop is not None else None


def charts_dir(journal_path: Path, *, read_only: bool = False) -> Path:
    """Where a journal's charts are saved: ``charts/`` inside it, or inside your own
    journal when ``journal_path`` is read-only (the sample)."""
    return (journal_dir() if read_only else Path(journal_path)) / "charts"


def reports_dir(journal_path: Path, *, read_only: bool = False) -> Path:
    """Where a journal's reports are written: ``reports/`` inside it, or inside your
    own journal when ``journal_path`` is read-only (the sample).

    An encrypted journal refuses plain files inside it (``kit.storage.atomic_write``):
    write its reports and charts to a folder outside it."""
    return (journal_dir() if read_only else Path(journal_path)) / "reports"
