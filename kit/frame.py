"""The tidy frame: one row per incident, with derived durations, and its row cache.

``incident_row`` flattens one ``Incident``; ``rows_frame`` (or ``columns_frame``, for
the same rows given column by column) orders, numbers and types rows into the DataFrame
that metrics and charts read. ``RowCache`` keeps each file's row under the file's size,
change time and inode, stored column by column, so a journal that has not changed is
not parsed again; a changed file is always read again, so the frame is never stale.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import KitError, SaveFailed
from .record import SYMPTOMS, TECHNIQUES, TIME_FIELDS, Incident
from .storage import atomic_write

__all__ = [
    "FRAME_DURATIONS",
    "FRAME_COLUMNS",
    "LOOKBACK_COLUMNS",
    "RowCache",
    "incident_row",
    "rows_frame",
    "columns_frame",
    "incidents_frame",
]

#: Derived durations in the frame: column name -> the time they run to from the alert.
FRAME_DURATIONS = {
    "panic_to_action_min": "first_action_at",
    "to_hands_on_min": "hands_on_at",
    "to_broadcast_min": "broadcast_at",
    "to_escalate_min": "escalated_at",
    "to_mitigate_min": "mitigated_at",
    "to_resolve_min": "resolved_at",
}

#: The morning-after look-back's ratings (never its words) and its delay in days.
LOOKBACK_COLUMNS: tuple[str, ...] = (
    "lookback_heavy_now",
    "lookback_sleep",
    "lookback_dread_next",
    "lookback_days",
)

#: The frame's columns, in order.
FRAME_COLUMNS: tuple[str, ...] = (
    "incident_no",
    "id",
    "title",
    "service",
    "severity",
    "role",
    "whose",
    "draft",
    "source",
    "alert_source",
    *TIME_FIELDS,
    "alert_offset_min",
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
    *LOOKBACK_COLUMNS,
)

# A row: the alert as a UTC timestamp (for ordering) and every column but the number.
_ROW_ORDER: tuple[str, ...] = ("_alert_utc", *FRAME_COLUMNS[1:])
_ROW_KEYS = frozenset(_ROW_ORDER)
_FLOAT_COLUMNS = (
    *FRAME_DURATIONS,
    "distress_peak",
    "clarity_next_step",
    "heart_rate_bpm",
    "culture_safety",
    "lookback_heavy_now",
    "lookback_dread_next",
    "lookback_days",
)
_BOOL_COLUMNS = (*(f"technique_{t}" for t in TECHNIQUES), "draft")
_INT_COLUMNS = (
    *(f"symptom_{s}" for s in SYMPTOMS),
    "n_techniques",
    "n_dead_ends",
    "alert_offset_min",
)
_TYPES = {
    **dict.fromkeys(_FLOAT_COLUMNS, "float64"),
    **dict.fromkeys(_BOOL_COLUMNS, "bool"),
    **dict.fromkeys(_INT_COLUMNS, "int64"),
}


def incident_row(inc: Incident) -> dict[str, Any]:
    """One incident as a flat, JSON-safe row of the frame (without ``incident_no``)."""
    row: dict[str, Any] = {
        "id": inc.id,
        "title": inc.title,
        "service": inc.service,
        "severity": inc.severity,
        "role": inc.role,
        "whose": inc.whose,
        "draft": inc.draft,
        "source": inc.times.source,
        # where the alert time came from: typed by hand in a live draft is recalled
        "alert_source": inc.times.alert_source or inc.times.source,
    }
    for name in TIME_FIELDS:
        when = getattr(inc.times, name)
        row[name] = when.isoformat() if when else None
    row["_alert_utc"] = inc.times.alert_at.timestamp()
    offset = inc.times.alert_at.utcoffset()
    row["alert_offset_min"] = int(offset.total_seconds() // 60) if offset else 0
    for column, time_name in FRAME_DURATIONS.items():
        row[column] = inc.minutes_to(time_name)
    row["distress_peak"] = inc.body.distress_peak
    row["clarity_next_step"] = inc.clarity.next_step
    row["heart_rate_bpm"] = inc.body.heart_rate_bpm
    symptoms = {str(name): value for name, value in inc.body.symptoms.items()}
    for symptom in SYMPTOMS:
        row[f"symptom_{symptom}"] = symptoms.get(symptom, 0)
    for technique in TECHNIQUES:
        row[f"technique_{technique}"] = technique in inc.techniques
    row["n_techniques"] = len(inc.techniques)
    row["n_dead_ends"] = sum(1 for e in inc.events if e.kind == "dead-end")
    row["culture_response"] = inc.culture.response
    row["culture_safety"] = inc.culture.safe_to_say_i_broke_it
    back = inc.lookback
    row["lookback_heavy_now"] = back.heavy_now if back else None
    row["lookback_sleep"] = back.sleep if back else None
    row["lookback_dread_next"] = back.dread_next if back else None
    row["lookback_days"] = (
        (back.at - inc.times.alert_at).total_seconds() / 86_400.0
        if back is not None and back.at is not None
        else None
    )
    return row


def rows_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The tidy frame from rows made by ``incident_row``: ordered, numbered, typed."""
    return columns_frame({key: [row[key] for row in rows] for key in _ROW_ORDER})


def columns_frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """The tidy frame of ``rows_frame`` from the same rows given column by column.

    ``columns`` holds every key of an ``incident_row`` row, each a list in one and the
    same order of rows. Raises ``ValueError`` when the lists differ in length.
    """
    n = len(columns["id"])
    if any(len(columns[key]) != n for key in _ROW_ORDER):
        msg = "the columns of the rows differ in length"
        raise ValueError(msg)
    alert, ids = columns["_alert_utc"], columns["id"]
    order = sorted(range(n), key=lambda i: (alert[i], ids[i]))
    numbers = np.empty(n, dtype="int64")
    numbers[order] = np.arange(1, n + 1, dtype="int64")
    # Text columns are given as lists, so each one's type is inferred from its values
    # as a frame built row by row would infer it; the other columns are typed here.
    typed: dict[str, Any] = {"incident_no": numbers}
    for name in FRAME_COLUMNS[1:]:
        values = columns[name]
        if name in TIME_FIELDS:
            typed[name] = pd.to_datetime(
                pd.Series(values, dtype=None if n else object),
                utc=True,
                format="ISO8601",
            )
        elif name in _TYPES:
            typed[name] = np.array(values, dtype=_TYPES[name])
        else:
            typed[name] = values if n else np.array([], dtype=object)
    data = pd.DataFrame(typed).take(order)
    data.index = pd.RangeIndex(n)
    return data


def incidents_frame(incidents: list[Incident]) -> pd.DataFrame:
    """The tidy frame of ``Journal.frame`` for a list of incidents."""
    return rows_frame([incident_row(inc) for inc in incidents])


#: A file's state: (name, size, mtime_ns, inode).
_FileState = tuple[str, int, int, int]
#: Stored files: name -> [size, mtime_ns, inode, the row's number or the problem].
_Files = dict[str, list[Any]]


class RowCache:
    """Each record file's row (or its problem), keyed by the file's state.

    Rows are stored column by column (each column's name once, not once per row), with
    each file's state and the number of its row, or its problem.

    Parameters
    ----------
    path : Path or None
        The cache file (``.frame-cache.json`` in the journal); None keeps the cache in
        memory only (a read-only journal).
    seal, unseal : callable, optional
        Encrypt the cache's bytes before writing and decrypt them after reading (an
        encrypted journal: rows are plain text otherwise). A cache that does not
        unseal is ignored and rebuilt.
    """

    # 2: schema-2 rows (hands-on time, look-back); 3: the alert's offset; 4: rows
    # stored column by column. A cache of another version is ignored and rebuilt.
    VERSION = 4

    def __init__(
        self,
        path: Path | None,
        *,
        seal: Callable[[bytes], bytes] | None = None,
        unseal: Callable[[bytes], bytes] | None = None,
    ):
        self.path = path
        self._seal, self._unseal = seal, unseal

    def read(self) -> tuple[_Files, dict[str, list[Any]]]:
        """The stored files and columns; empty when there is no cache, or it is of
        another version, or it cannot be read, or its parts do not fit together."""
        if self.path is None:
            return {}, {}
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
            stored = json.loads(self._unseal(raw) if self._unseal else raw)
            if stored.get("version") != self.VERSION:
                return {}, {}
            files, columns = stored["files"], stored["columns"]
            if _fits(files, columns):
                return files, columns
        except (OSError, ValueError, KeyError, TypeError, AttributeError, KitError):
            pass  # no cache, or an unreadable one: read the files themselves
        return {}, {}

    def write(self, files: _Files, columns: dict[str, list[Any]]) -> None:
        """Store ``files`` and ``columns``; a cache that cannot be written only makes
        loads slower."""
        if self.path is None:
            return
        data = json.dumps(
            {"version": self.VERSION, "files": files, "columns": columns},
            separators=(",", ":"),
        ).encode("utf-8")
        with contextlib.suppress(SaveFailed):
            atomic_write(self.path, self._seal(data) if self._seal else data)

    @staticmethod
    def rows(
        state: tuple[_FileState, ...],
        stored: tuple[_Files, dict[str, list[Any]]],
        read_row: Callable[[str], dict[str, Any]],
        reason: Callable[[str, Exception], str],
    ) -> tuple[_Files, dict[str, list[Any]], list[tuple[str, str]], bool]:
        """Rows for every file in ``state``, column by column: from ``stored`` when
        its key matches, else from ``read_row(name)``; files that fail give
        ``(name, reason)``.

        Returns the files and columns to store, the problems, and whether anything
        differs from ``stored`` (then the cache is to be written again).
        """
        stored_files, stored_columns = stored
        problems: list[tuple[str, str]] = []
        if stored_columns and len(stored_files) == len(state):
            for name, size, mtime_ns, ino in state:  # the usual case: nothing changed
                entry = stored_files.get(name)
                if entry is None or entry[:3] != [size, mtime_ns, ino]:
                    problems.clear()
                    break
                if isinstance(entry[3], str):
                    problems.append((name, entry[3]))
            else:  # every stored row belongs to one of these files (``_fits``)
                return stored_files, stored_columns, problems, False
        files: _Files = {}
        kept: list[int] = []
        fresh: list[dict[str, Any]] = []
        for name, size, mtime_ns, ino in state:
            entry = stored_files.get(name)
            if entry is not None and entry[:3] == [size, mtime_ns, ino]:
                place = entry[3]
                if isinstance(place, int):
                    kept.append(place)
                    place = len(kept) - 1
            else:
                try:
                    fresh.append(read_row(name))
                    place = -len(fresh)  # numbered after the kept rows, below
                except Exception as error:  # load() explains every kind of failure
                    place = reason(name, error)
            if isinstance(place, str):
                problems.append((name, place))
            files[name] = [size, mtime_ns, ino, place]
        for entry in files.values():
            if isinstance(entry[3], int) and entry[3] < 0:
                entry[3] = len(kept) - entry[3] - 1
        columns = {}
        for key in _ROW_ORDER:
            values = stored_columns.get(key, [])
            columns[key] = [values[i] for i in kept] + [row[key] for row in fresh]
        return files, columns, problems, bool(state) or bool(stored_files)


def _fits(files: Any, columns: Any) -> bool:
    """True when stored files and columns fit together: every column of a row, all of
    one length, and each row belonging to exactly one file (a tampered cache fails)."""
    if not isinstance(files, dict) or not isinstance(columns, dict):
        return False
    if set(columns) != _ROW_KEYS or not all(
        isinstance(values, list) for values in columns.values()
    ):
        return False
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1:
        return False
    places = []
    for entry in files.values():
        if not isinstance(entry, list) or len(entry) != 4:
            return False
        place = entry[3]
        if type(place) is int:
            places.append(place)
        elif not isinstance(place, str):
            return False
    return sorted(places) == list(range(lengths.pop()))
