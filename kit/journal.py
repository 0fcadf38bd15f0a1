"""The private journal: a folder holding one ``<id>.yaml`` file per incident.

Reading never stops at a bad file: every good record loads and every bad one is reported
with a reason a person can act on, and left exactly where it is. Writing is atomic and
serialised under a lock, so a crash or a second process cannot lose a record.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import filelock
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
from .record import ID_PATTERN, SYMPTOMS, TECHNIQUES, Incident, validate_incident
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
        if not self.path.is_dir():
            return []
        return sorted(
            entry
            for entry in self.path.iterdir()
            if entry.suffix == ".yaml"
            and not entry.name.startswith(".")
            and not is_temp_name(entry.name)
        )

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

    def _lock(self) -> filelock.BaseFileLock:
        private_dir(self.path)
        return filelock.FileLock(
            self.path / _LOCK_NAME, timeout=_LOCK_TIMEOUT_S, mode=PRIVATE_FILE_MODE
        )

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
        except filelock.Timeout:
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
        except filelock.Timeout:
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
        except filelock.Timeout:
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
        """What the folder looks like now: names, sizes and change times."""
        state = []
        for entry in self._files():
            try:
                info = entry.stat()
            except OSError:
                continue
            state.append((entry.name, info.st_size, info.st_mtime_ns, info.st_ino))
        return tuple(state)

    def load(self) -> LoadResult:
        """Every incident that loads (by alert time), and every file that did not.

        Bad files are reported in ``problems`` (path and reason) and never modified.
        """
        result = LoadResult()
        for path in self._files():
            try:
                result.incidents.append(self._read(path))
            except (UnreadableFile, InvalidIncident) as error:
                result.problems.append(Problem(path, str(error)))
            except RecursionError:
                reason = f"{path.name} is nested too deeply to be a record"
                result.problems.append(Problem(path, reason))
            except Exception as error:  # a hostile file must never stop the others
                reason = (
                    f"{path.name} could not be read ({type(error).__name__}): it is "
                    "probably not a record; move it out of the folder"
                )
                result.problems.append(Problem(path, reason))
        result.incidents.sort(key=lambda inc: (inc.times.alert_at, inc.id))
        return result

    def frame(self) -> pd.DataFrame:
        """A tidy DataFrame, one row per incident ordered by alert time.

        Columns: ``incident_no`` (1, 2, ...), the ids and categories, the times, the
        derived durations in minutes (``panic_to_action_min``, ``to_broadcast_min``,
        ``to_escalate_min``, ``to_mitigate_min``, ``to_resolve_min``),
        ``distress_peak``, ``clarity_next_step``, one ``symptom_<name>`` column per
        symptom (0-10, 0 when not reported), one ``technique_<name>`` column per
        technique (True/False), ``n_dead_ends`` and the culture answers.

        The frame is rebuilt whenever any file in the folder has changed.
        """
        state = self._state()
        if self._cache is not None and self._cache[0] == state:
            return self._cache[1].copy()
        result = self.load()
        data = incidents_frame(result.incidents)
        self._cache = (state, data, result)
        return data.copy()

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
        if self._cache is not None and self._cache[0] == self._state():
            return list(self._cache[2].problems)
        return self.load().problems


_CATEGORIES = {
    "severity": ("SEV1", "SEV2", "SEV3", "SEV4"),
}


def incidents_frame(incidents: list[Incident]) -> pd.DataFrame:
    """The tidy frame of ``Journal.frame`` for a list of incidents."""
    ordered = sorted(incidents, key=lambda inc: (inc.times.alert_at, inc.id))
    rows = []
    for number, inc in enumerate(ordered, start=1):
        row = {
            "incident_no": number,
            "id": inc.id,
            "title": inc.title,
            "service": inc.service,
            "severity": inc.severity,
            "role": inc.role,
            "whose": inc.whose,
            "draft": inc.draft,
            "source": inc.times.source,
        }
        for name in (
            "alert_at",
            "first_action_at",
            "broadcast_at",
            "escalated_at",
            "mitigated_at",
            "resolved_at",
        ):
            when = getattr(inc.times, name)
            row[name] = pd.Timestamp(when).tz_convert("UTC") if when else pd.NaT
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
        rows.append(row)
    columns = _frame_columns()
    data = pd.DataFrame(rows, columns=columns)
    for name in FRAME_DURATIONS:
        data[name] = data[name].astype("float64")
    for name in (
        "distress_peak",
        "clarity_next_step",
        "heart_rate_bpm",
        "culture_safety",
    ):
        data[name] = data[name].astype("Float64").astype("float64")
    for name in (
        "alert_at",
        "first_action_at",
        "broadcast_at",
        "escalated_at",
        "mitigated_at",
        "resolved_at",
    ):
        data[name] = pd.to_datetime(data[name], utc=True)
    data["incident_no"] = data["incident_no"].astype("int64")
    return data


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
        "alert_at",
        "first_action_at",
        "broadcast_at",
        "escalated_at",
        "mitigated_at",
        "resolved_at",
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
