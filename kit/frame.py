"""The tidy frame: one row per incident, with derived durations, and its row cache.

``incident_row`` flattens one ``Incident``; ``rows_frame`` orders, numbers and types
rows into the DataFrame that metrics and charts read. ``RowCache`` keeps each file's
row under the file's size, change time and inode, so a journal that has not changed is
not parsed again; a changed file is always read again, so the frame is never stale.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
_ROW_KEYS = frozenset(["_alert_utc", *FRAME_COLUMNS[1:]])


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
    ordered = sorted(rows, key=lambda row: (row["_alert_utc"], row["id"]))
    data = pd.DataFrame(ordered, columns=["_alert_utc", *FRAME_COLUMNS[1:]])
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
        "lookback_heavy_now",
        "lookback_dread_next",
        "lookback_days",
    ):
        data[name] = pd.to_numeric(data[name], errors="coerce").astype("float64")
    for name in (*(f"technique_{t}" for t in TECHNIQUES), "draft"):
        data[name] = data[name].astype(bool)
    for name in (
        *(f"symptom_{s}" for s in SYMPTOMS),
        "n_techniques",
        "n_dead_ends",
        "alert_offset_min",
    ):
        data[name] = data[name].astype("int64")
    return data


def incidents_frame(incidents: list[Incident]) -> pd.DataFrame:
    """The tidy frame of ``Journal.frame`` for a list of incidents."""
    return rows_frame([incident_row(inc) for inc in incidents])


#: A file's state: (name, size, mtime_ns, inode).
_FileState = tuple[str, int, int, int]


class RowCache:
    """Each record file's row (or its problem), keyed by the file's state.

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

    VERSION = 3  # 2: schema-2 rows (hands-on time, look-back); 3: the alert's offset

    def __init__(
        self,
        path: Path | None,
        *,
        seal: Callable[[bytes], bytes] | None = None,
        unseal: Callable[[bytes], bytes] | None = None,
    ):
        self.path = path
        self._seal, self._unseal = seal, unseal

    def read(self) -> dict[str, dict[str, Any]]:
        """The stored entries; empty when there is no cache or it cannot be read."""
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
            stored = json.loads(self._unseal(raw) if self._unseal else raw)
            if stored.get("version") != self.VERSION:
                return {}
            entries = stored["entries"]
            return entries if isinstance(entries, dict) else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, KitError):
            return {}  # no cache, or an unreadable one: read the files themselves

    def write(self, entries: dict[str, dict[str, Any]]) -> None:
        """Store ``entries``; a cache that cannot be written only makes loads slower."""
        if self.path is None:
            return
        data = json.dumps({"version": self.VERSION, "entries": entries}).encode("utf-8")
        with contextlib.suppress(SaveFailed):
            atomic_write(self.path, self._seal(data) if self._seal else data)

    @staticmethod
    def rows(
        state: tuple[_FileState, ...],
        stored: dict[str, dict[str, Any]],
        read_row: Callable[[str], dict[str, Any]],
        reason: Callable[[str, Exception], str],
    ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[tuple[str, str]]]:
        """Rows for every file in ``state``: from ``stored`` when its key matches,
        else from ``read_row(name)``; files that fail give ``(name, reason)``.

        Raises ``ValueError`` for a stored row of the wrong shape (a tampered cache),
        so the caller can start again without it.
        """
        entries: dict[str, dict[str, Any]] = {}
        rows: list[dict[str, Any]] = []
        problems: list[tuple[str, str]] = []
        for name, size, mtime_ns, ino in state:
            key = [size, mtime_ns, ino]
            entry = stored.get(name)
            if not isinstance(entry, dict) or entry.get("key") != key:
                entry = {"key": key}
                try:
                    entry["row"] = read_row(name)
                except Exception as error:  # load() explains every kind of failure
                    entry["problem"] = reason(name, error)
            entries[name] = entry
            if "row" in entry:
                if not isinstance(entry["row"], dict) or set(entry["row"]) != _ROW_KEYS:
                    msg = "a cached row has unexpected fields"
                    raise ValueError(msg)
                rows.append(entry["row"])
            else:
                problems.append((name, str(entry["problem"])))
        return entries, rows, problems
