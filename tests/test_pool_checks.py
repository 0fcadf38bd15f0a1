"""The pool's whole-file checks: the line pattern, the order of files, categories."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kit import export, pool, synthetic


@pytest.fixture
def folder(tmp_path) -> Path:
    place = tmp_path / "pool"
    synthetic.team_exports(place, people=6, seed=11, incidents=8)
    return place


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines()


@pytest.mark.parametrize(
    "edit",
    [
        lambda lines: [
            *lines[:3], lines[3] + ",", lines[4].rsplit(",", 1)[0], *lines[5:]
        ],
        lambda lines: [*lines[:3], lines[3].replace(",", ',"', 1), *lines[4:]],
        lambda lines: [*lines[:3], lines[3].replace(",", ",\r", 1), *lines[4:]],
    ],
)
def test_a_line_that_breaks_the_pattern_is_named(folder, edit):
    """One comma too many on line 4 and one too few on line 5 still count as wrong."""
    path = sorted(folder.glob("*.csv"))[0]
    path.write_bytes(("\n".join(edit(_lines(path))) + "\n").encode())
    data, problems = pool.pool_with_problems(folder)
    assert [(p.file, p.line) for p in problems] == [(path.name, 4)]
    assert data["pseudonym"].nunique() == 5


def test_files_are_ordered_as_their_paths(folder):
    first = sorted(folder.glob("*.csv"))[0]
    (folder / "a-b").mkdir()
    shutil.copy(first, folder / "a-b" / "copy.csv")  # same person: the first is kept
    _, problems = pool.pool_with_problems(folder)
    assert [p.file for p in problems] == [first.name]  # "a-b/copy.csv" comes first
    assert "a-b/copy.csv" in problems[0].reason


def test_categories_are_checked_as_plain_text_is():
    values = ["SEV1", "SEV9", None, "SEV2", "SEV9"]
    as_text = pd.Series(values, dtype=object)
    as_categories = pd.Series(values, dtype="category")
    allowed = export.EXPORT_SCHEMA[3].allowed
    expected = as_text.isin(allowed).to_numpy()
    assert np.array_equal(export._one_of(as_categories, allowed), expected)
    assert np.array_equal(export._one_of(as_text, allowed), expected)
