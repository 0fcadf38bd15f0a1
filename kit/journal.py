"""The private journal: a folder holding one ``<id>.yaml`` file per incident.

Reading never stops at a bad file: every good record loads and every bad one is reported
with a reason a person can act on, and left exactly where it is. Writing is atomic and
serialised under a lock, so a crash or a second process cannot lose a record.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import messages, paths, vault
from .errors import (
    DuplicateIncident,
    InvalidIncident,
    ReadOnlyJournal,
    SaveFailed,
    UnknownIncident,
    UnreadableFile,
)
from .frame import RowCache, columns_frame, incident_row
from .record import ID_PATTERN, Incident, validate_incident
from .settings import numbered
from .storage import (
    PRIVATE_FILE_MODE,
    atomic_write,
    dump_yaml,
    is_temp_name,
    parse_yaml,
    private_dir,
    read_yaml,
)

__all__ = ["Journal", "LoadResult", "Problem"]

_STALE_TEMP_S = 600
_ROW_CACHE = ".frame-cache.json"
_LOCK_NAME = ".journal.lock"
_LOCK_TIMEOUT_S = 30


def _lock_timeout() -> type[Exception]:
    import filelock

    return filelock.Timeout


def _problem_reason(path: Path, error: Exception) -> str:
    """Why a file did not load, in words a person can act on."""
    if isinstance(error, (UnreadableFile, InvalidIncident)):
        return str(error)
    if isinstance(error, RecursionError):
        return messages.NESTED_TOO_DEEPLY.format(name=path.name)
    return messages.NOT_A_RECORD_FILE.format(
        name=path.name, kind=type(error).__name__
    )


@dataclass(frozen=True)
class Problem:
    """A file that could not be loaded, and why (never quoting its contents)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        if self.path.name in self.reason:
            return self.reason
        return f"{self.path.name}: {self.reason}"


@dataclass
class LoadResult:
    """Everything that loaded, and every file that did not."""

    incidents: list[Incident] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __iter__(self):  # allows ``incidents, problems = journal.load()``
        return iter((self.incidents, self.problems))


class Journal:
    """A folder of incidents, one ``<id>.yaml`` file each.

    Parameters
    ----------
    path : str or Path, optional
        The folder. Default: :func:`kit.paths.journal_dir` (``$KIT_JOURNAL``, else
        ``data/journal/``). Created readable by you only (0700) if missing.
    read_only : bool
        Refuse every save (the sample journal is read-only).

    Examples
    --------
    >>> journal = Journal.sample()
    >>> result = journal.load()
    >>> len(result.incidents), len(result.problems)
    (5, 0)
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only=False):
        self.path = Path(path).expanduser() if path else paths.journal_dir()
        self.read_only = read_only
        self.is_sample = False
        if not read_only and not self.path.exists():
            try:
                private_dir(self.path)
            except OSError as error:
                msg = messages.JOURNAL_NOT_CREATED.format(
                    path=self.path, reason=error.strerror
                )
                raise SaveFailed(msg) from None
        self._cache: tuple[tuple, pd.DataFrame, LoadResult] | None = None
        self._filelock: Any = None  # a filelock.FileLock, made on the first save

    def __repr__(self) -> str:
        kind = "sample, read-only" if self.is_sample else str(self.path)
        return f"Journal({kind})"

    @classmethod
    def sample(cls) -> Journal:
        """The fictional engineer's five incidents; read-only."""
        journal = cls(paths.sample_journal(), read_only=True)
        journal.is_sample = True
        return journal

    @classmethod
    def for_reading(
        cls, path: str | os.PathLike[str] | None = None, *, sample_if_empty: bool = True
    ) -> Journal:
        """Your journal, or the sample when yours holds no incidents yet.

        ``path="sample"`` always gives the sample. Check ``journal.is_sample`` to say
        which one is shown.
        """
        if str(path) == "sample":
            return cls.sample()
        journal = cls(path)
        if sample_if_empty and not journal.ids():
            return cls.sample()
        return journal

    def describe(self) -> str:
        """One sentence saying which journal this is and what it holds."""
        if self.is_sample:
            return messages.SHOWING_SAMPLE
        result = self.load()
        text = messages.SHOWING_YOURS.format(path=self.path, n=len(result.incidents))
        if result.problems:
            text += " " + messages.PROBLEMS_FOUND.format(n=len(result.problems))
            text += "".join(f"\n- {problem}" for problem in result.problems)
        return text

    # --- paths and ids -------------------------------------------------------------
    def _file(self, incident_id: str) -> Path:
        if not isinstance(incident_id, str) or not re.match(ID_PATTERN, incident_id):
            msg = messages.NOT_AN_ID.format(shown=f"{incident_id!r:.80}")
            raise UnknownIncident(msg)
        return self.path / vault.record_name(incident_id, vault.is_encrypted(self.path))

    def _files(self) -> list[Path]:
        return [self.path / name for name, *_ in self._state()]

    def _sweep(self, temp: Path) -> None:
        """Remove a temp file left by a save that was killed mid-write.

        Only files older than ``_STALE_TEMP_S`` go: a live save takes milliseconds.
        """
        if self.read_only:
            return
        with contextlib.suppress(OSError):
            if time.time() - temp.stat().st_mtime > _STALE_TEMP_S:
                temp.unlink()

    def ids(self) -> list[str]:
        """The ids of the files in the journal (whether or not they are valid)."""
        return [vault.record_id(entry.name) for entry in self._files()]

    def __contains__(self, incident_id: str) -> bool:
        return incident_id in self.ids()

    def free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is not taken yet."""
        taken = set(self.ids())
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    # --- writing -------------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            msg = messages.READ_ONLY_JOURNAL.format(path=self.path)
            raise ReadOnlyJournal(msg)

    def _lock(self):
        import filelock  # only a save needs it; keeps `import kit` quick

        if self._filelock is None:
            private_dir(self.path)
            self._filelock = filelock.FileLock(
                self.path / _LOCK_NAME, timeout=_LOCK_TIMEOUT_S, mode=PRIVATE_FILE_MODE
            )
        return self._filelock

    def _write(self, incident: Incident, *, overwrite: bool) -> Path:
        # Revalidate: the object may have been changed after it was built.
        checked = validate_incident(incident.to_data(), f"{incident.id}.yaml")
        text = dump_yaml(checked.to_data())
        target = self._file(checked.id)
        data = vault.seal(self.path, text.encode("utf-8"))  # encrypted when it is on
        atomic_write(target, data, overwrite=overwrite)
        self._cache = None
        return target

    def save(self, incident: Incident) -> Path:
        """Add a new incident. Never replaces one: see ``update``.

        Raises
        ------
        DuplicateIncident
            When the id is already in the journal (nothing is changed).
        InvalidIncident, SaveFailed, ReadOnlyJournal
        """
        self._writable()
        try:
            with self._lock():
                if self._file(incident.id).exists():
                    msg = messages.ALREADY_IN_JOURNAL.format(
                        id=incident.id, free=self.free_id(incident.id)
                    )
                    raise DuplicateIncident(msg)
                return self._write(incident, overwrite=False)
        except _lock_timeout():
            raise SaveFailed(messages.LOCK_TIMEOUT.format(path=self.path)) from None

    def update(self, incident: Incident) -> Path:
        """Replace an existing incident with this version.

        Raises
        ------
        UnknownIncident
            When there is no such id yet (use ``save``).
        """
        self._writable()
        try:
            with self._lock():
                if not self._file(incident.id).exists():
                    msg = messages.NOT_IN_JOURNAL.format(
                        id=incident.id, path=self.path
                    )
                    raise UnknownIncident(msg)
                return self._write(incident, overwrite=True)
        except _lock_timeout():
            raise SaveFailed(messages.LOCK_TIMEOUT.format(path=self.path)) from None

    def change(
        self, incident_id: str, edit: Callable[[Incident], Incident]
    ) -> Incident:
        """Read, edit and write one incident while holding the lock (no lost updates).

        ``edit`` receives the current incident and returns the new one (same id).
        """
        self._writable()
        try:
            with self._lock():
                current = self.get(incident_id)
                changed = edit(current)
                if changed.id != incident_id:
                    msg = messages.CANNOT_RENAME
                    raise InvalidIncident(msg, [("id", msg)])
                self._write(changed, overwrite=True)
                return changed
        except _lock_timeout():
            raise SaveFailed(messages.LOCK_TIMEOUT.format(path=self.path)) from None

    # --- reading -------------------------------------------------------------------
    def _read(self, path: Path) -> Incident:
        raw = vault.record_bytes(path)  # decrypted; None for a plain journal's file
        data = read_yaml(path) if raw is None else parse_yaml(raw, path.name)
        incident = validate_incident(data, path.name)
        if incident.id != vault.record_id(path.name):
            msg = messages.NAME_MISMATCH.format(name=path.name, id=incident.id)
            raise InvalidIncident(msg, [("id", msg)])
        return incident

    def get(self, incident_id: str) -> Incident:
        """One incident by id.

        Raises
        ------
        UnknownIncident
            When no file has that id.
        UnreadableFile, InvalidIncident
            When the file is there but broken (its reason says how to fix it).
        """
        path = self._file(incident_id)
        if not path.exists():
            msg = messages.NO_SUCH_INCIDENT.format(id=incident_id, path=self.path)
            raise UnknownIncident(msg)
        return self._read(path)

    def _state(self) -> tuple:
        """The record files as they are now: (name, size, mtime_ns, inode), by name.

        Temp files left by killed saves are swept here once they are stale.
        """
        state: list[tuple[str, int, int, int]] = []
        add = state.append
        records = (vault.PLAIN_SUFFIX, vault.ENCRYPTED_SUFFIX)
        try:
            entries = os.scandir(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return ()
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    if is_temp_name(name):
                        self._sweep(Path(entry.path))
                    continue
                # vault.is_record_name, inlined: this runs for every file on every load
                if not name.endswith(records):  # <id>.yaml or <id>.yaml.age
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue  # removed while we looked
                add((name, info.st_size, info.st_mtime_ns, info.st_ino))
        state.sort()
        return tuple(state)

    def load(self) -> LoadResult:
        """Every incident that loads (by alert time), and every file that did not.

        Bad files are reported in ``problems`` (path and reason) and never modified.
        """
        vault.key_for(self.path)  # a locked journal says so, once, instead of per file
        result = LoadResult()
        for path in self._files():
            try:
                result.incidents.append(self._read(path))
            except Exception as error:  # a hostile file must never stop the others
                result.problems.append(Problem(path, _problem_reason(path, error)))
        result.incidents.sort(key=lambda inc: (inc.times.alert_at, inc.id))
        return result

    def frame(self) -> pd.DataFrame:
        """A tidy DataFrame, one row per incident ordered by alert time.

        Columns: ``incident_no`` (1, 2, ..., or after the incidents that came before
        the journal: ``kit.settings``), the ids and categories, the times (UTC),
        the derived durations in minutes (``panic_to_action_min``,
        ``to_broadcast_min``, ``to_escalate_min``, ``to_mitigate_min``,
        ``to_resolve_min``), ``distress_peak``, ``clarity_next_step``, one
        ``symptom_<name>`` column per symptom (0-10, 0 when not reported), one
        ``technique_<name>`` column per technique (True/False), ``n_dead_ends`` and the
        culture answers.

        Each file's row is cached (in memory, and in a private ``.frame-cache.json``
        beside the files, encrypted in an encrypted journal) under the file's name,
        size, change time and inode, and is read again whenever any of those
        changes: the frame is never stale.
        """
        vault.key_for(self.path)  # a locked journal says so instead of listing files
        state = self._state()
        if self._cache is not None and self._cache[0] == state:
            return numbered(self._cache[1], self.path)
        cache = self._row_cache()
        stored = cache.read()

        def read_row(name: str) -> dict:
            return incident_row(self._read(self.path / name))

        def reason(name: str, error: Exception) -> str:
            return _problem_reason(self.path / name, error)

        try:
            files, columns, failed, changed = RowCache.rows(
                state, stored, read_row, reason
            )
            data = columns_frame(columns)
        except Exception:  # a tampered cache must never break or skew the frame
            files, columns, failed, changed = RowCache.rows(
                state, ({}, {}), read_row, reason
            )
            data = columns_frame(columns)
            changed = True
        if changed:
            cache.write(files, columns)
        problems = [Problem(self.path / name, why) for name, why in failed]
        self._cache = (state, data, LoadResult([], problems))
        return numbered(data, self.path)  # counted after the incidents before it

    def _row_cache(self) -> RowCache:
        """Where rows are kept between loads: in memory only when read-only, and
        encrypted (``.frame-cache.json.age``) when the journal is, as rows hold text."""
        if self.read_only:
            return RowCache(None)
        if vault.is_encrypted(self.path):
            return RowCache(
                self.path / (_ROW_CACHE + ".age"),
                seal=functools.partial(vault.seal, self.path),
                unseal=functools.partial(vault.unseal, self.path),
            )
        return RowCache(self.path / _ROW_CACHE)

    def table(self) -> pd.DataFrame:
        """A short overview to read: one row per incident with friendly column names.

        Text is left as data; pandas escapes it when the table is shown as HTML.
        """
        data = self.frame()
        table = pd.DataFrame(
            {
                label: (
                    data[column].dt.strftime("%Y-%m-%d")
                    if column == "alert_at"
                    else data[column].round(1)
                    if column == "panic_to_action_min"
                    else data[column].astype("Int64")
                    if column in ("distress_peak", "clarity_next_step")
                    else data[column]
                )
                for column, label in messages.TABLE_COLUMNS.items()
            }
        )
        return table.set_index(messages.TABLE_COLUMNS["incident_no"])

    @property
    def problems(self) -> list[Problem]:
        """The problems found by the latest ``frame()`` (or a fresh load)."""
        self.frame()
        return list(self._cache[2].problems) if self._cache else []
