"""The private journal: a folder holding one ``<id>.yaml`` file per incident.

Reading never stops at a bad file: every good record loads and every bad one is reported
with a reason a person can act on, and left exactly where it is. Writing is atomic and
serialised under a lock, so a crash or a second process cannot lose a record.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import messages
from .errors import (
    DuplicateIncident,
    InvalidIncident,
    ReadOnlyJournal,
    SaveFailed,
    UnknownIncident,
    UnreadableFile,
)
from .record import (
    ID_PATTERN,
    SYMPTOMS,
    TECHNIQUES,
    TIME_FIELDS,
    Incident,
    validate_incident,
)
from .storage import (
    PRIVATE_FILE_MODE,
    atomic_write,
    dump_yaml,
    is_temp_name,
    private_dir,
    read_yaml,
)

__all__ = [
    "Journal",
    "LoadResult",
    "Problem",
    "default_journal_path",
    "sample_path",
    "FRAME_DURATIONS",
]

_STALE_TEMP_S = 600
_ROW_CACHE = ".frame-cache.json"
_ROW_CACHE_VERSION = 1
_PROJECT_ROOT = Path(__file__).resolve().parent.parent
_LOCK_NAME = ".journal.lock"
_LOCK_TIMEOUT_S = 30

# Derived durations in the frame: column name -> the time they run to from the alert.
FRAME_DURATIONS = {
    "panic_to_action_min": "first_action_at",
    "to_broadcast_min": "broadcast_at",
    "to_escalate_min": "escalated_at",
    "to_mitigate_min": "mitigated_at",
    "to_resolve_min": "resolved_at",
}


def default_journal_path() -> Path:
    """Where your journal lives: ``$KIT_JOURNAL``, else ``data/journal/`` in the kit's
    folder when that folder is writable, else
    ``~/.local/share/incident-kit/journal``."""
    configured = os.environ.get("KIT_JOURNAL")
    if configured:
        return Path(configured).expanduser()
    data = _PROJECT_ROOT / "data"
    if (_PROJECT_ROOT / "pyproject.toml").exists() and os.access(data, os.W_OK):
        return data / "journal"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "incident-kit" / "journal"


def sample_path() -> Path:
    """The fictional sample journal shipped with the kit."""
    in_repo = _PROJECT_ROOT / "data" / "sample"
    if in_repo.is_dir():
        return in_repo
    return Path(__file__).resolve().parent / "_sample"


def _lock_timeout() -> type[Exception]:
    import filelock

    return filelock.Timeout


def _problem_reason(path: Path, error: Exception) -> str:
    """Why a file did not load, in words a person can act on."""
    if isinstance(error, (UnreadableFile, InvalidIncident)):
        return str(error)
    if isinstance(error, RecursionError):
        return f"{path.name} is nested too deeply to be a record"
    return (
        f"{path.name} could not be read ({type(error).__name__}): it is probably not "
        "a record; move it out of the folder"
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
        The folder. Default: ``default_journal_path()`` (``$KIT_JOURNAL``, else
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
        self.path = Path(path).expanduser() if path else default_journal_path()
        self.read_only = read_only
        self.is_sample = False
        if not read_only and not self.path.exists():
            try:
                private_dir(self.path)
            except OSError as error:
                msg = (
                    f"the journal folder {self.path} could not be created "
                    f"({error.strerror}): set KIT_JOURNAL to a folder you can write"
                )
                raise SaveFailed(msg) from None
        self._cache: tuple[tuple, pd.DataFrame, LoadResult] | None = None
        self._filelock = None

    def __repr__(self) -> str:
        kind = "sample, read-only" if self.is_sample else str(self.path)
        return f"Journal({kind})"

    @classmethod
    def sample(cls) -> Journal:
        """The fictional engineer's five incidents; read-only."""
        journal = cls(sample_path(), read_only=True)
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
        import re

        if not isinstance(incident_id, str) or not re.match(ID_PATTERN, incident_id):
            msg = (
                f"{incident_id!r:.80} is not an incident id: ids look like "
                "2026-03-10-payment-typo"
            )
            raise UnknownIncident(msg)
        return self.path / f"{incident_id}.yaml"

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
        return [entry.stem for entry in self._files()]

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
            msg = (
                f"{self.path} is read-only (the sample journal cannot be changed): "
                "save into your own journal, kit.Journal()"
            )
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
        atomic_write(target, text.encode("utf-8"), overwrite=overwrite)
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
                    msg = (
                        f"{incident.id}.yaml is already in the journal and was left as "
                        "it is: choose another id (for example "
                        f"{self.free_id(incident.id)})"
                        " or use update() to replace it"
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
                    msg = (
                        f"{incident.id}.yaml is not in the journal at {self.path}: "
                        "use save() for a new incident"
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
                    msg = "change() cannot rename an incident: keep the same id"
                    raise InvalidIncident(msg, [("id", msg)])
                self._write(changed, overwrite=True)
                return changed
        except _lock_timeout():
            raise SaveFailed(messages.LOCK_TIMEOUT.format(path=self.path)) from None

    # --- reading -------------------------------------------------------------------
    def _read(self, path: Path) -> Incident:
        data = read_yaml(path)
        incident = validate_incident(data, path.name)
        if incident.id != path.stem:
            msg = (
                f"the file name {path.name} does not match its id {incident.id}: "
                f"rename the file to {incident.id}.yaml, or correct the id"
            )
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
            msg = f"there is no incident {incident_id} in the journal at {self.path}"
            raise UnknownIncident(msg)
        return self._read(path)

    def _state(self) -> tuple:
        """The record files as they are now: (name, size, mtime_ns, inode), by name.

        Temp files left by killed saves are swept here once they are stale.
        """
        state = []
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
                if not name.endswith(".yaml"):
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue  # removed while we looked
                state.append((name, info.st_size, info.st_mtime_ns, info.st_ino))
        state.sort()
        return tuple(state)

    def load(self) -> LoadResult:
        """Every incident that loads (by alert time), and every file that did not.

        Bad files are reported in ``problems`` (path and reason) and never modified.
        """
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

        Columns: ``incident_no`` (1, 2, ...), the ids and categories, the times (UTC),
        the derived durations in minutes (``panic_to_action_min``,
        ``to_broadcast_min``, ``to_escalate_min``, ``to_mitigate_min``,
        ``to_resolve_min``), ``distress_peak``, ``clarity_next_step``, one
        ``symptom_<name>`` column per symptom (0-10, 0 when not reported), one
        ``technique_<name>`` column per technique (True/False), ``n_dead_ends`` and the
        culture answers.

        Each file's row is cached (in memory, and in a private ``.frame-cache.json``
        beside the files) under the file's name, size, change time and inode, and is
        read again whenever any of those changes: the frame is never stale.
        """
        state = self._state()
        if self._cache is not None and self._cache[0] == state:
            return self._cache[1].copy()
        stored = self._read_row_cache()
        try:
            entries, data, problems = self._rows(state, stored)
        except Exception:  # a tampered cache must never break or skew the frame
            stored = {}
            entries, data, problems = self._rows(state, stored)
        if entries != stored:
            self._write_row_cache(entries)
        self._cache = (state, data, LoadResult([], problems))
        return data.copy()

    def _rows(self, state: tuple, stored: dict) -> tuple[dict, pd.DataFrame, list]:
        entries: dict[str, dict] = {}
        rows, problems = [], []
        for name, size, mtime_ns, ino in state:
            key = [size, mtime_ns, ino]
            entry = stored.get(name)
            if not isinstance(entry, dict) or entry.get("key") != key:
                entry = {"key": key}
                try:
                    entry["row"] = incident_row(self._read(self.path / name))
                except Exception as error:  # load() explains every kind of failure
                    entry["problem"] = _problem_reason(self.path / name, error)
            entries[name] = entry
            if "row" in entry:
                if set(entry["row"]) != _ROW_KEYS:
                    msg = "a cached row has unexpected fields"
                    raise ValueError(msg)
                rows.append(entry["row"])
            else:
                problems.append(Problem(self.path / name, str(entry["problem"])))
        return entries, rows_frame(rows), problems

    def _read_row_cache(self) -> dict[str, dict]:
        path = self.path / _ROW_CACHE
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
            if stored.get("version") != _ROW_CACHE_VERSION:
                return {}
            entries = stored["entries"]
            return entries if isinstance(entries, dict) else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # no cache, or an unreadable one: read the files themselves

    def _write_row_cache(self, entries: dict[str, dict]) -> None:
        if self.read_only:
            return
        data = json.dumps({"version": _ROW_CACHE_VERSION, "entries": entries})
        with contextlib.suppress(SaveFailed):  # a cache that cannot be written is
            atomic_write(self.path / _ROW_CACHE, data.encode("utf-8"))  # just slower

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




def incident_row(inc: Incident) -> dict:
    """One incident as a flat, JSON-safe row of the frame (without ``incident_no``)."""
    row = {
        "id": inc.id,
        "title": inc.title,
        "service": inc.service,
        "severity": inc.severity,
        "role": inc.role,
        "whose": inc.whose,
        "draft": inc.draft,
        "source": inc.times.source,
    }
    for name in TIME_FIELDS:
        when = getattr(inc.times, name)
        row[name] = when.isoformat() if when else None
    row["_alert_utc"] = inc.times.alert_at.timestamp()
    for column, time_name in FRAME_DURATIONS.items():
        row[column] = inc.minutes_to(time_name)
    row["distress_peak"] = inc.body.distress_peak
    row["clarity_next_step"] = inc.clarity.next_step
    row["heart_rate_bpm"] = inc.body.heart_rate_bpm
    for symptom in SYMPTOMS:
        row[f"symptom_{symptom}"] = inc.body.symptoms.get(symptom, 0)
    for technique in TECHNIQUES:
        row[f"technique_{technique}"] = technique in inc.techniques
    row["n_techniques"] = len(inc.techniques)
    row["n_dead_ends"] = sum(1 for e in inc.events if e.kind == "dead-end")
    row["culture_response"] = inc.culture.response
    row["culture_safety"] = inc.culture.safe_to_say_i_broke_it
    return row


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    """The tidy frame from rows made by ``incident_row``: ordered, numbered, typed."""
    ordered = sorted(rows, key=lambda row: (row["_alert_utc"], row["id"]))
    data = pd.DataFrame(ordered, columns=["_alert_utc", *_frame_columns()[1:]])
    data = data.drop(columns="_alert_utc")
    data.insert(0, "incident_no", range(1, len(data) + 1))
    data["incident_no"] = data["incident_no"].astype("int64")
    for name in TIME_FIELDS:
        data[name] = pd.to_datetime(data[name], utc=True, format="ISO8601")
    for name in (
        *FRAME_DURATIONS,
        "distress_peak",
        "clarity_next_step",
        "heart_rate_bpm",
        "culture_safety",
    ):
        data[name] = pd.to_numeric(data[name], errors="coerce").astype("float64")
    for name in (*(f"technique_{t}" for t in TECHNIQUES), "draft"):
        data[name] = data[name].astype(bool)
    for name in (*(f"symptom_{s}" for s in SYMPTOMS), "n_techniques", "n_dead_ends"):
        data[name] = data[name].astype("int64")
    return data


def incidents_frame(incidents: list[Incident]) -> pd.DataFrame:
    """The tidy frame of ``Journal.frame`` for a list of incidents."""
    return rows_frame([incident_row(inc) for inc in incidents])


def _row_keys() -> frozenset[str]:
    return frozenset(["_alert_utc", *_frame_columns()[1:]])


def _frame_columns() -> list[str]:
    return [
        "incident_no",
        "id",
        "title",
        "service",
        "severity",
        "role",
        "whose",
        "draft",
        "source",
        *TIME_FIELDS,
        *FRAME_DURATIONS,
        "distress_peak",
        "clarity_next_step",
        "heart_rate_bpm",
        *(f"symptom_{s}" for s in SYMPTOMS),
        *(f"technique_{t}" for t in TECHNIQUES),
        "n_techniques",
        "n_dead_ends",
        "culture_response",
        "culture_safety",
    ]


_ROW_KEYS = _row_keys()
