"""The journal's settings: how many incidents came before the journal.

Someone who starts the journal at their tenth incident is not at "incident 1". The
count of earlier incidents is said once and kept in ``settings.json`` inside the
journal folder, written atomically (temp file, fsync, rename). It is a number, not a
reflection, so it stays in plain text even in an encrypted journal (``kit.vault``
encrypts incident files; this file is neither an incident nor free text, and
``kit.journal`` reads only ``<id>.yaml`` and ``<id>.yaml.age`` as incidents).

The frame numbers incidents from there (:func:`numbered`): with 9 earlier incidents,
the journal's first is incident 10.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from . import messages
from .errors import AlreadyExists, KitError, UnreadableFile
from .storage import atomic_write, private_dir

__all__ = [
    "SETTINGS_NAME",
    "MAX_PRIOR",
    "prior_incidents",
    "set_prior_incidents",
    "numbered",
]

SETTINGS_NAME = "settings.json"
MAX_PRIOR = 1000
_FORMAT = 1
_MAX_BYTES = 10_000


def _file(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / SETTINGS_NAME


def prior_incidents(folder: str | os.PathLike[str]) -> int:
    """How many incidents came before the journal in ``folder`` (0 when never said).

    Raises
    ------
    UnreadableFile
        When ``settings.json`` is there but cannot be read or holds a wrong value;
        the message names the file, the field and the fix.

    Examples
    --------
    >>> prior_incidents("/nonexistent-folder")
    0
    """
    path = _file(folder)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return 0
    except OSError as error:
        msg = messages.PRIOR_UNREADABLE.format(
            file=path, reason=error.strerror or type(error).__name__)
        raise UnreadableFile(msg) from None
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        msg = messages.PRIOR_UNREADABLE.format(file=path, reason="not JSON")
        raise UnreadableFile(msg) from None
    value = data.get("prior_incidents", 0) if isinstance(data, dict) else None
    if type(value) is not int or not 0 <= value <= MAX_PRIOR:
        msg = messages.PRIOR_INVALID.format(file=path)
        raise UnreadableFile(msg)
    return value


def set_prior_incidents(
    folder: str | os.PathLike[str], n: int, *, replace: bool = False
) -> Path:
    """Say how many incidents came before the journal in ``folder``.

    Parameters
    ----------
    folder : path
        The journal folder (``journal.path``).
    n : int
        0 to :data:`MAX_PRIOR`.
    replace : bool
        Change a number said before; without it an existing setting is never
        overwritten.

    Returns
    -------
    Path
        The settings file.

    Raises
    ------
    AlreadyExists
        When a number was said before and ``replace`` is False.
    UnreadableFile
        For ``n`` out of range (nothing is written).
    SaveFailed
        When the folder cannot be written.
    """
    path = _file(folder)
    if type(n) is not int or not 0 <= n <= MAX_PRIOR:
        msg = messages.PRIOR_INVALID.format(file=path)
        raise UnreadableFile(msg)
    if not replace and path.exists():
        try:
            said = prior_incidents(folder)
        except KitError as error:  # unreadable: its own message says the fix
            raise AlreadyExists(str(error)) from None
        msg = messages.PRIOR_ALREADY.format(file=path, n=said)
        raise AlreadyExists(msg)
    private_dir(Path(folder))
    data = json.dumps({"format": _FORMAT, "prior_incidents": n}) + "\n"
    # A count, not a reflection: plain text is allowed in an encrypted journal.
    atomic_write(path, data.encode("utf-8"), overwrite=replace, plain_ok=True)
    return path


def numbered(data: pd.DataFrame, folder: str | os.PathLike[str] | None) -> pd.DataFrame:
    """A copy of the frame with ``incident_no`` counted after the earlier incidents.

    A settings file that cannot be read counts from 1, as if never said; the form in
    notebook 04 shows why (``prior_incidents`` raises with the fix).
    """
    data = data.copy()
    if folder is None or not len(data):
        return data
    try:
        prior = prior_incidents(folder)
    except KitError:
        prior = 0
    if prior:
        data["incident_no"] = data["incident_no"] + prior
    return data
