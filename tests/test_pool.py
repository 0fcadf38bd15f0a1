"""kit.pool: a folder of exports read into one table; every bad file is left out and
reported by file, line and column, and never stops the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kit
from kit import export, paths, pool, privacy, synthetic

SAMPLE_TEAM = paths.team_sample()


@pytest.fixture
def team_folder(tmp_path) -> Path:
    folder = tmp_path / "pool"
    shutil.copytree(SAMPLE_TEAM, folder)
    return folder


def _rewrite(path: Path, edit) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(edit(lines)) + "\n")


def test_the_sample_team_pools_cleanly():
    pooled = pool.pool()
    assert pooled.attrs["problems"] == []
    assert pooled.attrs["is_sample"] is True
    assert privacy.count_people(pooled) == 12
    assert "format" not in pooled.columns
    assert pooled["incident_no"].dtype == "int64"
    assert pooled["technique_box_breathing"].dtype == bool
    assert pooled["panic_to_action_min"].dtype == "float64"


def test_a_pool_with_broken_files_loads_the_rest_and_reports_each(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    corrupt, extra, wrong_type, truncated = files[:4]
    corrupt.write_bytes(bytes(range(256)) * 4)
    secret = "I rolled back without telling anyone"
    _rewrite(extra, lambda lines: [lines[0] + ",notes"]
             + [line + f",{secret}" for line in lines[1:]])

    def wrong(lines):
        cells = lines[2].split(",")
        cells[export.EXPORT_COLUMNS.index("distress_peak")] = "very high"
        lines[2] = ",".join(cells)
        return lines

    _rewrite(wrong_type, wrong)
    raw = truncated.read_bytes()
    truncated.write_bytes(raw[: len(raw) - 20])

    pooled, problems = pool.pool_with_problems(team_folder)
    assert privacy.count_people(pooled) == 8
    assert set(pooled["pseudonym"]) == {p.stem for p in files[4:]}
    by_file = {p.file: p for p in problems}
    assert set(by_file) == {corrupt.name, extra.name, wrong_type.name, truncated.name}
    assert "not UTF-8" in by_file[corrupt.name].reason
    assert "notes" in by_file[extra.name].reason
    assert "free text" in by_file[extra.name].reason
    assert by_file[wrong_type.name].line == 3
    assert by_file[wrong_type.name].column == "distress_peak"
    assert "line 3, column distress_peak" in by_file[wrong_type.name].reason
    assert "cut short" in by_file[truncated.name].reason
    every_word = " ".join(p.reason for p in problems)
    assert secret not in every_word and "very high" not in every_word
    assert secret not in pooled.to_csv()
    text = pool.describe_pool(pool.pool(team_folder))
    assert "4 file(s) could not be used" in text
    assert "Pooled 8 export(s)" in text


def test_each_rule_of_the_format_is_checked_with_line_and_column(team_folder):
    path = sorted(team_folder.glob("*.csv"))[0]
    column = export.EXPORT_COLUMNS.index
    cases = {
        "severity": "SEV9",
        "whose": "nobody",
        "clarity_next_step": "55",
        "symptom_freezing": "11",
        "technique_rollback_first": "2",
        "culture_safety": "0",
        "distress_peak": "7",  # an exact rating, not a band
        "panic_to_action_min": "",
        "to_resolve_min": "-4",
        "to_mitigate_min": "37",  # not on the coarse grid (fives from 10 to 60)
        "receipt_hash": "not-a-hash",
        "format": "1",
    }
    for name, value in cases.items():
        original = path.read_bytes()

        def edit(lines, name=name, value=value):
            cells = lines[1].split(",")
            cells[column(name)] = value
            lines[1] = ",".join(cells)
            return lines

        _rewrite(path, edit)
        _, problems = pool.pool_with_problems(team_folder)
        mine = [p for p in problems if p.file == path.name]
        assert mine, name
        assert mine[0].line == 2 and mine[0].column == name, (name, mine)
        assert f"column {name}:" in mine[0].reason
        path.write_bytes(original)
    _, problems = pool.pool_with_problems(team_folder)
    assert problems == []


def test_time_order_duplicates_and_mixed_pseudonyms_are_reported(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    order = export.EXPORT_COLUMNS.index

    def backwards(lines):
        cells = lines[1].split(",")
        cells[order("to_mitigate_min")] = "0.5"
        cells[order("panic_to_action_min")] = "9.0"
        lines[1] = ",".join(cells)
        return lines

    _rewrite(files[0], backwards)
    _rewrite(files[1], lambda lines: lines + [lines[1]])  # incident 1 twice
    _rewrite(files[2], lambda lines: lines[:2] + [lines[2].replace(
        files[2].stem, "other-name-11")] + lines[3:])
    # One person exporting twice gets two pseudonyms: the content gives it away.
    (team_folder / "zz-copy.csv").write_text(
        files[3].read_text().replace(files[3].stem, "second-export-12"))
    # Two files with one pseudonym (a copy, cut to its first incident).
    _rewrite(shutil.copy(files[4], team_folder / "zz-same-name.csv"),
             lambda lines: lines[:2])
    _, problems = pool.pool_with_problems(team_folder)
    reasons = {p.file: p.reason for p in problems}
    assert "to_mitigate_min" in reasons[files[0].name]
    assert "incident_no" in reasons[files[1].name]
    assert "more than one pseudonym" in reasons[files[2].name]
    assert "exactly the same incidents" in reasons["zz-copy.csv"]
    assert "same pseudonym" in reasons["zz-same-name.csv"]


def test_a_quoted_cell_cannot_smuggle_text_or_shift_lines(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    where = export.EXPORT_COLUMNS.index("culture_response")

    def quoted(lines):
        cells = lines[3].split(",")
        cells[where] = '"blame,\nsee my notes"'
        lines[3] = ",".join(cells)
        return lines

    _rewrite(files[0], quoted)
    pooled, problems = pool.pool_with_problems(team_folder)
    (problem,) = problems
    assert problem.file == files[0].name and problem.line == 4
    assert "notes" not in problem.reason
    assert privacy.count_people(pooled) == 11
    # every other file's rows are intact: the next file's first line is still line 2
    again = pd.read_csv(files[1])
    mine = pooled.loc[pooled["pseudonym"] == files[1].stem]
    assert mine["panic_to_action_min"].tolist() == \
        again["panic_to_action_min"].tolist()


def test_extra_columns_with_free_text_names_are_not_echoed(team_folder):
    path = sorted(team_folder.glob("*.csv"))[0]
    _rewrite(path, lambda lines: [lines[0] + ",My private thoughts about Bob"]
             + [line + ",x" for line in lines[1:]])
    _, problems = pool.pool_with_problems(team_folder)
    (problem,) = problems
    assert "Bob" not in problem.reason
    assert "an unexpected column at position 1" in problem.reason


def test_pool_never_fails_on_odd_folders(tmp_path, monkeypatch):
    missing, problems = pool.pool_with_problems(tmp_path / "nowhere")
    assert missing.empty and "There is no folder" in problems[0].reason
    empty = pool.pool(tmp_path)
    assert empty.empty and empty.attrs["problems"] == []
    assert "No exports are in" in pool.describe_pool(empty)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header-only.csv").write_text(",".join(export.EXPORT_COLUMNS) + "\n")
    (tmp_path / "notes.txt").write_text("ignored: not a csv")
    (tmp_path / "big.csv").write_bytes(b"x" * 2_000)
    monkeypatch.setattr(pool, "MAX_EXPORT_BYTES", 1_000)
    pooled, problems = pool.pool_with_problems(tmp_path)
    reasons = {p.file: p.reason for p in problems}
    assert set(reasons) == {"empty.csv", "header-only.csv", "big.csv"}
    assert "is empty" in reasons["empty.csv"]
    assert "no incidents" in reasons["header-only.csv"]
    assert "more than the 1,000 bytes" in reasons["big.csv"]


def test_a_hundred_thousand_rows_over_many_files_pool_correctly(tmp_path):
    synthetic.team_exports(tmp_path, people=200, incidents=500, seed=7)
    pooled = pool.pool(tmp_path)
    assert len(pooled) == 100_000
    assert privacy.count_people(pooled) == 200
    assert pooled.attrs["problems"] == []
    expected = pd.concat([pd.read_csv(p) for p in sorted(tmp_path.glob("*.csv"))])
    assert np.allclose(np.sort(pooled["panic_to_action_min"].to_numpy()),
                       np.sort(expected["panic_to_action_min"].to_numpy()))


def test_pool_reads_one_level_of_sub_folders_but_not_survey_answers(tmp_path):
    """On Kubernetes each person drops into a sub-folder of their own."""
    source = SAMPLE_TEAM
    exports = sorted(p for p in source.iterdir() if p.suffix == ".csv")
    for n, path in enumerate(exports[:6]):
        own = tmp_path / f"person-{n}"
        own.mkdir()
        shutil.copy(path, own / path.name)
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "answers.csv").write_text("format,q1\n1,7\n")
    pooled = pool.pool(tmp_path)
    assert pooled["pseudonym"].nunique() == 6
    assert pooled.attrs["problems"] == []


def test_a_line_short_of_a_field_is_caught_not_filled_in(team_folder):
    """pandas fills a short line with empty cells; the pool counts fields itself."""
    path = sorted(team_folder.glob("*.csv"))[0]
    # Drop the last field (culture_safety, which may be empty): the values do not
    # shift, so only the count of fields can tell.
    _rewrite(path, lambda lines: lines[:2] + [lines[2].rsplit(",", 1)[0]] + lines[3:])
    _, problems = pool.pool_with_problems(team_folder)
    (problem,) = problems
    assert problem.file == path.name and problem.line == 3
    assert "does not split into the export's columns" in problem.reason


def test_the_format_is_described_once_from_the_records_vocabularies():
    import kit.record as record

    by_name = {column.name: column for column in export.EXPORT_SCHEMA}
    assert tuple(by_name) == export.EXPORT_COLUMNS
    assert by_name["severity"].allowed == record.SEVERITIES
    assert by_name["role"].allowed == record.ROLES
    assert by_name["whose"].allowed == record.WHOSE
    assert by_name["culture_response"].allowed == record.CULTURE_RESPONSES
    assert export.SYMPTOM_COLUMNS == tuple(f"symptom_{s}" for s in record.SYMPTOMS)
    assert set(export.TEXT_COLUMNS) | set(export.NUMBER_COLUMNS) == set(by_name)
    assert export.EXPORT_HEADER == (SAMPLE_TEAM / "cedar-quail-19.csv").read_text(
        ).splitlines()[0]


def test_only_an_empty_cell_is_missing_and_windows_line_ends_are_fine(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    where = export.EXPORT_COLUMNS.index("to_escalate_min")

    def spelled_missing(lines):
        cells = lines[1].split(",")
        cells[where] = "NA"
        lines[1] = ",".join(cells)
        return lines

    _rewrite(files[0], spelled_missing)
    files[1].write_bytes(files[1].read_bytes().replace(b"\n", b"\r\n"))
    pooled, problems = pool.pool_with_problems(team_folder)
    (problem,) = problems
    assert problem.file == files[0].name
    assert (problem.line, problem.column) == (2, "to_escalate_min")
    assert "a number was expected" in problem.reason
    assert files[1].stem in set(pooled["pseudonym"])


# --- withdrawal ----------------------------------------------------------------------


def test_a_withdrawn_export_is_absent_from_the_next_pool(tmp_path):
    from kit import workshop

    drop = tmp_path / "drop"
    drop.mkdir()
    synthetic.team_exports(drop, people=6, seed=3)
    mine = workshop.drop_export(kit.Journal.sample(), drop)
    before = pool.pool(drop)
    assert mine.stem in set(before["pseudonym"]) and before.attrs["withdrawn"] == 0

    # A forged note (a receipt of the right shape, but not this export's) is ignored,
    # and so is a note that holds anything else.
    workshop.withdraw(export.new_receipt(), drop)
    (drop / "withdraw-junk.withdraw").write_text(mine.stem + "\n")
    forged = pool.pool(drop)
    assert mine.stem in set(forged["pseudonym"]) and forged.attrs["withdrawn"] == 0

    note = workshop.withdraw(mine.receipt, drop)
    assert note.suffix == export.WITHDRAWAL_SUFFIX
    assert mine.receipt in note.read_text() and mine.stem not in note.name
    after = pool.pool(drop)
    assert mine.stem not in set(after["pseudonym"])
    assert after["pseudonym"].nunique() == 6 and after.attrs["problems"] == []
    assert after.attrs["withdrawn"] == 1
    assert "1 export(s) were withdrawn" in str(pool.describe_pool(after))

    # Exporting again after withdrawing is a new file, pooled as usual.
    again = workshop.drop_export(kit.Journal.sample(), drop)
    assert again.stem in set(pool.pool(drop)["pseudonym"])


def test_a_receipt_of_the_wrong_shape_sends_nothing(tmp_path):
    from kit import workshop
    from kit.errors import SaveFailed

    with pytest.raises(SaveFailed, match="not a receipt"):
        workshop.withdraw("my name is Sam", tmp_path)
    assert list(tmp_path.iterdir()) == []
