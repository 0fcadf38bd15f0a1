"""The row cache, stored column by column: the same frame, never stale, and old
caches rebuilt."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

import kit
from kit import synthetic
from kit.frame import RowCache, incidents_frame, rows_frame

CACHE = ".frame-cache.json"


def _fresh(journal: kit.Journal) -> pd.DataFrame:
    return incidents_frame(journal.load().incidents)


def _stored(journal: kit.Journal) -> dict:
    return json.loads((journal.path / CACHE).read_text())


def test_the_cache_names_each_column_once(sample_copy):
    sample_copy.frame()
    stored = _stored(sample_copy)
    assert stored["version"] == RowCache.VERSION
    assert set(stored["files"]) == {p.name for p in sample_copy.path.glob("*.yaml")}
    lengths = {len(values) for values in stored["columns"].values()}
    assert lengths == {5}


def test_an_old_cache_is_ignored_and_rebuilt(sample_copy):
    fresh = _fresh(sample_copy)
    rows = {name: {"key": [1, 2, 3], "row": {"id": "x"}} for name in ("a.yaml",)}
    old = {"version": 3, "entries": rows}
    (sample_copy.path / CACHE).write_text(json.dumps(old))
    pd.testing.assert_frame_equal(kit.Journal(sample_copy.path).frame(), fresh)
    assert _stored(sample_copy)["version"] == RowCache.VERSION
    pd.testing.assert_frame_equal(kit.Journal(sample_copy.path).frame(), fresh)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: s["columns"]["alert_at"].__setitem__(0, "not a time"),
        lambda s: s["columns"]["distress_peak"].__setitem__(0, "high"),
        lambda s: s["columns"]["id"].append("2026-01-01-extra"),  # lengths differ
        lambda s: s["columns"].pop("title"),
        lambda s: [e.__setitem__(3, 0) for e in s["files"].values()],  # one row, 5x
        lambda s: s.__setitem__("files", []),
    ],
)
def test_a_tampered_cache_never_skews_the_frame(sample_copy, tamper):
    fresh = sample_copy.frame()
    stored = _stored(sample_copy)
    tamper(stored)
    (sample_copy.path / CACHE).write_text(json.dumps(stored))
    pd.testing.assert_frame_equal(kit.Journal(sample_copy.path).frame(), fresh)


def test_changed_added_and_removed_files_are_never_served_stale(tmp_path):
    journal = kit.Journal(tmp_path / "j")
    incidents = synthetic.incidents(30, seed=7)
    for incident in incidents[:20]:
        journal.save(incident)
    kit.Journal(journal.path).frame()  # writes the cache
    for incident in incidents[20:]:  # added
        journal.save(incident)
    os.remove(journal.path / f"{incidents[3].id}.yaml")  # removed
    edited = incidents[5].model_copy(update={"title": "Edited elsewhere"})
    journal.update(edited)  # changed
    (journal.path / "broken.yaml").write_text("title: [unclosed")  # bad
    again = kit.Journal(journal.path)
    frame = again.frame()
    expected = rows_frame(
        [kit.frame.incident_row(i) for i in again.load().incidents]
    )
    pd.testing.assert_frame_equal(frame, expected)
    assert len(frame) == 29
    assert incidents[3].id not in set(frame["id"])
    assert frame.set_index("id").loc[edited.id, "title"] == "Edited elsewhere"
    assert [p.path.name for p in again.problems] == ["broken.yaml"]
    # the rewritten cache serves the same frame and the same problem to a new reader
    later = kit.Journal(journal.path)
    pd.testing.assert_frame_equal(later.frame(), expected)
    assert [p.path.name for p in later.problems] == ["broken.yaml"]


def test_rows_frame_is_the_same_in_any_row_order(sample_copy):
    incidents = sample_copy.load().incidents
    rows = [kit.frame.incident_row(i) for i in incidents]
    pd.testing.assert_frame_equal(rows_frame(rows), rows_frame(rows[::-1]))
    assert list(rows_frame([]).columns) == list(kit.frame.FRAME_COLUMNS)
