"""kit.team: anonymous exports, pooling with problems, minimum group sizes, team charts
and the mentor walkthrough helpers."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import incident_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit import synthetic, team
from kit.errors import InvalidExport, NotEnoughData, SaveFailed
from kit.record import validate_incident

SAMPLE_TEAM = team.sample_folder()


def _free_texts(incidents) -> set[str]:
    """Every free-text value a person typed or that names the incident."""
    texts: set[str] = set()
    for inc in incidents:
        texts |= {inc.id, inc.title, inc.service, inc.body.notes}
        texts |= {inc.id[:10], inc.id[11:]}  # the date and the slug of the id
        texts |= {event.text for event in inc.events}
        texts |= set(inc.postmortem.model_dump().values())
        texts |= {inc.reflection.body, inc.reflection.at_3am, inc.reflection.learned}
    return {text for text in texts if isinstance(text, str) and len(text) > 4}


def _marked_journal(journal, marker: str):
    """A journal whose every free-text field holds a unique marker, plus a draft."""
    alert = datetime(2026, 5, 4, 2, 13, tzinfo=timezone.utc)
    data = incident_data(
        id="2026-05-04-quokka-secret-outage",
        title=f"Title {marker} quokka",
        service=f"service-{marker.lower()}",
        events=[{"at": (alert + timedelta(minutes=3)).isoformat(), "kind": "dead-end",
                 "text": f"Event {marker} restarted the pods"}],
        body={"distress_peak": 6, "symptoms": {"racing_heart": 5},
              "notes": f"Notes {marker} hands shaking"},
        postmortem={"summary": f"Summary {marker}", "impact": f"Impact {marker}",
                    "what_happened": f"Happened {marker}",
                    "why_tests_missed": f"Tests {marker}",
                    "one_change": f"Change {marker}", "went_well": f"Well {marker}"},
        reflection={"body": f"Body {marker}", "at_3am": f"Night {marker}",
                    "learned": f"Learned {marker}", "include_in_postmortem": False},
    )
    data["times"] = dict(data["times"], alert_at=alert.isoformat(),
                         first_action_at=(alert + timedelta(minutes=4)).isoformat(),
                         mitigated_at=(alert + timedelta(minutes=9)).isoformat(),
                         resolved_at=(alert + timedelta(minutes=30)).isoformat())
    journal.save(validate_incident(data))
    draft = incident_data(id="2026-05-20-draft-walrus", title=f"Draft {marker}",
                          draft=True, severity=None)
    draft["times"] = {"alert_at": "2026-05-20T10:00:00+00:00"}
    journal.save(validate_incident(draft))
    return journal


# --- export ---------------------------------------------------------------------------


def test_export_holds_exactly_the_allow_listed_columns(tmp_path):
    path = team.export_anonymous(kit.Journal.sample(), tmp_path / "workshop")
    lines = path.read_text().splitlines()
    assert lines[0].split(",") == list(team.EXPORT_COLUMNS)
    data = pd.read_csv(path)
    assert list(data.columns) == list(team.EXPORT_COLUMNS)
    assert len(data) == 5
    assert (data["format"] == team.EXPORT_FORMAT).all()
    assert data["pseudonym"].nunique() == 1
    assert data["pseudonym"].iloc[0] == path.stem
    assert data["incident_no"].tolist() == [1, 2, 3, 4, 5]
    assert data["panic_to_action_min"].tolist() == [12, 7, 8.5, 3, 1.5]
    assert data["whose"].tolist() == ["mine", "teammate", "dependency", "systemic",
                                      "mine"]


def test_export_leaks_none_of_the_samples_free_text(tmp_path):
    journal = kit.Journal.sample()
    path = team.export_anonymous(journal, tmp_path)
    exported = path.read_bytes().lower()
    texts = _free_texts(journal.load().incidents)
    assert len(texts) > 40  # titles, ids, events, post-mortems, reflections...
    leaked = [text for text in texts if text.lower().encode() in exported]
    assert leaked == []
    for inc in journal.load().incidents:  # no exact dates or clock times either
        assert inc.times.alert_at.strftime("%Y-%m-%d").encode() not in exported
        assert inc.times.alert_at.strftime("%H:%M").encode() not in exported


def test_export_leaks_no_free_text_from_any_field_and_skips_drafts(tmp_journal,
                                                                    tmp_path):
    marker = "Zq8Kx"
    _marked_journal(tmp_journal, marker)
    path = team.export_anonymous(tmp_journal, tmp_path)
    raw = path.read_bytes()
    assert marker.lower().encode() not in raw.lower()
    assert b"quokka" not in raw and b"walrus" not in raw and b"2026" not in raw
    data = pd.read_csv(path)
    assert len(data) == 1  # the draft stayed private
    assert set(data.columns) == set(team.EXPORT_COLUMNS)


def test_export_preview_is_what_is_written(tmp_path):
    journal = kit.Journal.sample()
    preview = team.export_preview(journal)
    path = team.export_anonymous(journal, tmp_path)
    where = team.EXPORT_COLUMNS.index("pseudonym")

    def cells(lines):
        return [line.split(",")[:where] + line.split(",")[where + 1:] for line in lines]

    shown = preview.to_csv(index=False, lineterminator="\n").splitlines()
    assert cells(shown) == cells(path.read_text().splitlines())
    assert preview["pseudonym"].iloc[0] == kit.messages.EXPORT_PREVIEW_PSEUDONYM


def test_two_workshops_never_share_a_pseudonym(tmp_path):
    journal = kit.Journal.sample()
    first = team.export_anonymous(journal, tmp_path / "spring")
    second = team.export_anonymous(journal, tmp_path / "autumn")
    assert first.stem != second.stem
    many = {team.new_pseudonym() for _ in range(200)}
    assert len(many) >= 195  # about 180,000 combinations
    assert all(re.fullmatch(team.PSEUDONYM_PATTERN, name) for name in many)


ROSTER = [
    "Alice Moreau", "Bilal Khan", "Chen Wei", "Dana Okafor", "Elif Yilmaz",
    "Farid Haddad", "Grace Kim", "Hugo Martin", "Ines Duarte", "Jonas Berg",
    "Kavya Rao", "Liam O'Brien", "Maya Cohen", "Noah Fischer", "Olga Petrova",
    "Pablo Ruiz", "Qi Zhang", "Rosa Alvarez", "Sven Larsen", "Tariq Aziz",
    "Uma Patel", "Victor Nguyen", "Wanda Nowak", "Xavier Dubois", "Yara Haddad",
    "Zoe Turner", "Ahmed Saleh", "Beatriz Lima", "Carlos Mendes", "Divya Iyer",
    "Emil Novak", "Fatima Zahra", "Goran Petrovic", "Hana Sato", "Igor Ivanov",
    "Julia Schmidt", "Kofi Mensah", "Lena Vogel", "Marco Rossi", "Nadia Ali",
]


def test_a_pseudonym_cannot_be_matched_to_a_roster_by_hashing(tmp_path, sample_copy):
    assert len(ROSTER) == 40
    pseudonyms = [team.export_anonymous(sample_copy, tmp_path / f"w{i}").stem
                  for i in range(12)]
    salts = ["", "salt", "workshop", "team", "kit", "incident-kit", "2026", "secret"]
    digests = set()
    for name in ROSTER:
        for spelled in {name, name.lower(), name.replace(" ", "").lower(),
                        name.split()[0].lower()}:
            for salt in salts:
                for text in (salt + spelled, spelled + salt):
                    for algorithm in (hashlib.sha256, hashlib.md5, hashlib.sha1):
                        digests.add(algorithm(text.encode()).hexdigest())
    for pseudonym in pseudonyms:
        compact = pseudonym.replace("-", "")
        for digest in digests:
            assert not digest.startswith(compact)
            assert compact not in digest
            # no run of 6+ hex characters of the pseudonym comes from a digest
            for run in re.findall(r"[0-9a-f]{6,}", compact):
                assert run not in digest
        assert not any(part.lower() in pseudonym for name in ROSTER
                       for part in name.split() if len(part) > 3)
    colours, nature = set(kit.messages.PSEUDONYM_COLOURS), set(
        kit.messages.PSEUDONYM_NATURE)
    for pseudonym in pseudonyms:  # built only from the word lists and a number
        colour, thing, number = pseudonym.split("-")
        assert colour in colours and thing in nature and 10 <= int(number) <= 99


def test_a_chosen_pseudonym_is_used_checked_and_never_overwritten(tmp_path):
    journal = kit.Journal.sample()
    path = team.export_anonymous(journal, tmp_path, pseudonym="quiet-river")
    assert path.name == "quiet-river.csv"
    before = path.read_bytes()
    with pytest.raises(SaveFailed, match="quiet-river.csv is already in"):
        team.export_anonymous(journal, tmp_path, pseudonym="quiet-river")
    assert path.read_bytes() == before
    for bad in ("Alice Moreau", "x", "../escape", "a" * 41, "-dash", "UPPER"):
        with pytest.raises(InvalidExport, match="cannot be used"):
            team.export_anonymous(journal, tmp_path, pseudonym=bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiet-river.csv"]


def test_export_is_atomic_when_the_move_fails(tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(SaveFailed, match="No space left"):
        team.export_anonymous(kit.Journal.sample(), tmp_path)
    assert list(tmp_path.iterdir()) == []  # no half-written file, no temp file


def test_export_of_an_empty_journal_says_so(tmp_journal, tmp_path):
    with pytest.raises(NotEnoughData, match="nothing to export"):
        team.export_anonymous(tmp_journal, tmp_path)


def test_an_export_pools_back_to_the_journal_numbers(tmp_path):
    journal = kit.Journal.sample()
    team.export_anonymous(journal, tmp_path)
    pooled = team.pool(tmp_path)
    frame = journal.frame()
    assert pooled.attrs["problems"] == []
    for column in ("panic_to_action_min", "distress_peak", "n_techniques"):
        assert pooled[column].tolist() == frame[column].tolist()
    for name in kit.record.TECHNIQUES:
        column = f"technique_{name}"
        assert pooled[column].tolist() == frame[column].tolist()
    assert pooled["culture_response"].tolist() == frame["culture_response"].tolist()


# --- pooling --------------------------------------------------------------------------


@pytest.fixture
def team_folder(tmp_path) -> Path:
    folder = tmp_path / "pool"
    shutil.copytree(SAMPLE_TEAM, folder)
    return folder


def _rewrite(path: Path, edit) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(edit(lines)) + "\n")


def test_the_sample_team_pools_cleanly():
    pooled = team.pool()
    assert pooled.attrs["problems"] == []
    assert pooled.attrs["is_sample"] is True
    assert team.count_people(pooled) == 12
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
        cells[team.EXPORT_COLUMNS.index("distress_peak")] = "very high"
        lines[2] = ",".join(cells)
        return lines

    _rewrite(wrong_type, wrong)
    raw = truncated.read_bytes()
    truncated.write_bytes(raw[: len(raw) - 20])

    pooled, problems = team.pool_with_problems(team_folder)
    assert team.count_people(pooled) == 8
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
    text = team.describe_pool(team.pool(team_folder))
    assert "4 file(s) could not be used" in text
    assert "Pooled 8 export(s)" in text


def test_each_rule_of_the_format_is_checked_with_line_and_column(team_folder):
    path = sorted(team_folder.glob("*.csv"))[0]
    column = team.EXPORT_COLUMNS.index
    cases = {
        "severity": "SEV9",
        "whose": "nobody",
        "clarity_next_step": "55",
        "symptom_freezing": "11",
        "technique_rollback_first": "2",
        "culture_safety": "0",
        "panic_to_action_min": "",
        "to_resolve_min": "-4",
        "format": "2",
    }
    for name, value in cases.items():
        original = path.read_bytes()

        def edit(lines, name=name, value=value):
            cells = lines[1].split(",")
            cells[column(name)] = value
            lines[1] = ",".join(cells)
            return lines

        _rewrite(path, edit)
        _, problems = team.pool_with_problems(team_folder)
        mine = [p for p in problems if p.file == path.name]
        assert mine, name
        assert mine[0].line == 2 and mine[0].column == name, (name, mine)
        assert f"column {name}:" in mine[0].reason
        path.write_bytes(original)
    _, problems = team.pool_with_problems(team_folder)
    assert problems == []


def test_time_order_duplicates_and_mixed_pseudonyms_are_reported(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    order = team.EXPORT_COLUMNS.index

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
    _, problems = team.pool_with_problems(team_folder)
    reasons = {p.file: p.reason for p in problems}
    assert "to_mitigate_min" in reasons[files[0].name]
    assert "incident_no" in reasons[files[1].name]
    assert "more than one pseudonym" in reasons[files[2].name]
    assert "exactly the same incidents" in reasons["zz-copy.csv"]
    assert "same pseudonym" in reasons["zz-same-name.csv"]


def test_a_quoted_cell_cannot_smuggle_text_or_shift_lines(team_folder):
    files = sorted(team_folder.glob("*.csv"))
    where = team.EXPORT_COLUMNS.index("culture_response")

    def quoted(lines):
        cells = lines[3].split(",")
        cells[where] = '"blame,\nsee my notes"'
        lines[3] = ",".join(cells)
        return lines

    _rewrite(files[0], quoted)
    pooled, problems = team.pool_with_problems(team_folder)
    (problem,) = problems
    assert problem.file == files[0].name and problem.line == 4
    assert "notes" not in problem.reason
    assert team.count_people(pooled) == 11
    # every other file's rows are intact: the next file's first line is still line 2
    again = pd.read_csv(files[1])
    mine = pooled.loc[pooled["pseudonym"] == files[1].stem]
    assert mine["panic_to_action_min"].tolist() == \
        again["panic_to_action_min"].tolist()


def test_extra_columns_with_free_text_names_are_not_echoed(team_folder):
    path = sorted(team_folder.glob("*.csv"))[0]
    _rewrite(path, lambda lines: [lines[0] + ",My private thoughts about Bob"]
             + [line + ",x" for line in lines[1:]])
    _, problems = team.pool_with_problems(team_folder)
    (problem,) = problems
    assert "Bob" not in problem.reason
    assert "an unexpected column at position 1" in problem.reason


def test_pool_never_fails_on_odd_folders(tmp_path, monkeypatch):
    missing, problems = team.pool_with_problems(tmp_path / "nowhere")
    assert missing.empty and "There is no folder" in problems[0].reason
    empty = team.pool(tmp_path)
    assert empty.empty and empty.attrs["problems"] == []
    assert "No exports are in" in team.describe_pool(empty)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header-only.csv").write_text(",".join(team.EXPORT_COLUMNS) + "\n")
    (tmp_path / "notes.txt").write_text("ignored: not a csv")
    (tmp_path / "big.csv").write_bytes(b"x" * 2_000)
    monkeypatch.setattr(team, "MAX_EXPORT_BYTES", 1_000)
    pooled, problems = team.pool_with_problems(tmp_path)
    reasons = {p.file: p.reason for p in problems}
    assert set(reasons) == {"empty.csv", "header-only.csv", "big.csv"}
    assert "is empty" in reasons["empty.csv"]
    assert "no incidents" in reasons["header-only.csv"]
    assert "more than the 1,000 bytes" in reasons["big.csv"]


def test_a_hundred_thousand_rows_over_many_files_pool_correctly(tmp_path):
    synthetic.team_exports(tmp_path, people=200, incidents=500, seed=7)
    pooled = team.pool(tmp_path)
    assert len(pooled) == 100_000
    assert team.count_people(pooled) == 200
    assert pooled.attrs["problems"] == []
    expected = pd.concat([pd.read_csv(p) for p in sorted(tmp_path.glob("*.csv"))])
    assert np.allclose(np.sort(pooled["panic_to_action_min"].to_numpy()),
                       np.sort(expected["panic_to_action_min"].to_numpy()))


# --- minimum group sizes --------------------------------------------------------------


def _pool_of(tmp_path, people: int, incidents=4) -> pd.DataFrame:
    synthetic.team_exports(tmp_path, people=people, incidents=incidents, seed=3)
    return team.pool(tmp_path)


def test_an_aggregate_over_four_people_is_hidden_and_over_five_shown(tmp_path):
    four = _pool_of(tmp_path / "four", 4)
    five = _pool_of(tmp_path / "five", 5)
    hidden = team.breakdown(four, "severity")
    assert not hidden["shown"].any()
    assert hidden["value"].isna().all() and hidden["people"].isna().all()
    assert "only 4 people contributed" in hidden.attrs["note"]
    shown = team.breakdown(five, "severity")
    assert bool(shown["shown"].iloc[-1])
    assert shown["people"].iloc[-1] == 5
    assert shown["value"].iloc[-1] == pytest.approx(
        five["panic_to_action_min"].median())
    for table in (team.systemic_share(four), team.technique_comparison(four),
                  team.by_incident_number(four)):
        assert not table["shown"].any()
        assert "only 4 people" in table.attrs["note"]
    assert team.by_incident_number(five)["shown"].all()
    assert "Team figures are hidden" in team.describe_pool(four)
    assert "Team figures are hidden" not in team.describe_pool(five)


def _frame(groups: dict[str, list[str]]) -> pd.DataFrame:
    """A pooled-like frame: for each group, one incident per listed person."""
    rows = [{"pseudonym": person, "group": group, "panic_to_action_min": float(i)}
            for group, people in groups.items() for i, person in enumerate(people)]
    return pd.DataFrame(rows)


def test_complementary_suppression_hides_the_next_smallest_group():
    people = [f"p{i}" for i in range(12)]
    data = _frame({
        "A": people[:2],          # 2 people: too few
        "B": people[2:8],         # 6 people: the next smallest, hidden too
        "C": people[:9],          # 9 people
        "D": people,              # 12 people
    })
    table = team.breakdown(data, "group", stat="share").set_index("group")
    assert not table.loc["A", "shown"] and "fewer than 5" in table.loc["A", "why"]
    assert not table.loc["B", "shown"] and "worked out" in table.loc["B", "why"]
    assert table.loc["C", "shown"] and table.loc["D", "shown"]
    total = table.loc[kit.messages.TEAM_TOTAL_LABEL]
    assert total["shown"] and total["incidents"] == len(data)
    # What subtraction recovers is A and B together: 8 people, not A alone.
    recovered = total["incidents"] - table.loc[["C", "D"], "incidents"].sum()
    assert recovered == 2 + 6
    assert len(set(people[:2]) | set(people[2:8])) >= team.MIN_PEOPLE


def test_one_small_group_beside_one_big_one_hides_both_but_not_the_total():
    people = [f"p{i}" for i in range(7)]
    table = team.breakdown(_frame({"used": people[:3], "not used": people}),
                           "group").set_index("group")
    assert not table.loc["used", "shown"] and not table.loc["not used", "shown"]
    assert table.loc[kit.messages.TEAM_TOTAL_LABEL, "shown"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 9), st.sampled_from("ABCDE")),
                min_size=1, max_size=60))
def test_no_hidden_group_can_be_recovered_from_the_total(rows):
    data = pd.DataFrame([{"pseudonym": f"p{person}", "group": group,
                          "panic_to_action_min": float(person)}
                         for person, group in rows])
    table = team.breakdown(data, "group")
    groups, total = table.iloc[:-1], table.iloc[-1]
    people_of = data.groupby("group")["pseudonym"].agg(set)
    everyone = data["pseudonym"].nunique()
    if everyone < team.MIN_PEOPLE:
        assert not table["shown"].any()
        return
    assert bool(total["shown"])
    for row in groups.itertuples():
        if row.shown:
            assert len(people_of[row.group]) >= team.MIN_PEOPLE
    hidden = groups.loc[~groups["shown"], "group"]
    if len(hidden):
        # Subtracting the shown groups from the total recovers only the hidden groups
        # together, and they involve at least MIN_PEOPLE people.
        assert len(hidden) >= 2
        assert len(set().union(*(people_of[g] for g in hidden))) >= team.MIN_PEOPLE


# --- team charts ----------------------------------------------------------------------


def test_small_multiples_one_panel_per_person_and_hidden_below_five(tmp_path):
    pooled = team.pool()
    axes = team.small_multiples_chart(pooled)
    assert len(axes) == 12
    assert sorted(ax.get_title() for ax in axes) == sorted(pooled["pseudonym"].unique())
    small = _pool_of(tmp_path, 3)
    (ax,) = team.small_multiples_chart(small)
    assert "panels are hidden" in ax.texts[0].get_text()
    assert not ax.lines


def test_incident_number_chart_draws_only_numbers_with_five_people():
    pooled = team.pool()
    table = team.by_incident_number(pooled)
    ax = team.incident_number_chart(pooled)
    shown = table.loc[table["shown"], "incident_no"].astype(str).tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == shown
    medians = [line.get_ydata()[0] for line in ax.lines
               if line.get_color() == kit.charts.PALETTE["navy"]]
    assert medians == pytest.approx(table.loc[table["shown"], "median"].tolist())
    assert "8" not in shown and "9" not in shown  # 2 people at 9; 8 hidden with it


def test_systemic_share_chart_bars_match_the_table():
    pooled = team.pool()
    table = team.systemic_share(pooled).iloc[:-1]
    ax = team.systemic_share_chart(pooled)
    widths = [patch.get_width() for patch in ax.patches]
    assert widths == pytest.approx(table["value"].fillna(0).tolist())
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("hidden") == int((~table["shown"]).sum())
    assert ax.get_title().startswith("Whose incident")


def test_techniques_chart_plots_the_shown_medians():
    pooled = team.pool()
    table = team.technique_comparison(pooled)
    ax = team.techniques_chart(pooled)
    used = table.loc[table["used"] & table["shown"], "value"].tolist()
    assert ax.lines[0].get_xdata().tolist() == pytest.approx(used)


def test_team_charts_draw_words_instead_of_figures_for_three_people(tmp_path):
    small = _pool_of(tmp_path, 3)
    import matplotlib.pyplot as plt

    for chart in (team.incident_number_chart, team.systemic_share_chart,
                  team.techniques_chart):
        _, ax = plt.subplots()
        assert chart(small, ax=ax) is ax
        assert not ax.patches and not ax.lines
        assert "Hidden" in ax.texts[0].get_text()


# --- words, escaping and the mentor helpers -------------------------------------------


def test_show_marks_hidden_cells_and_carries_the_note(tmp_path):
    text = team.show(team.systemic_share(team.pool()))
    assert "| hidden | hidden | hidden |" in text
    assert "worked out" in text and "%" in text


def test_problems_and_titles_are_escaped(tmp_path, tmp_journal):
    folder = tmp_path / "pool"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.csv").write_text("nonsense\n")
    text = team.describe_pool(team.pool(folder))
    assert "<img" not in text and "&lt;img" in text
    tmp_journal.save(validate_incident(incident_data(title="<script>x</script> | *b*")))
    table = team.attribution_table(tmp_journal.frame())
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert "\\|" in table  # a pipe cannot break the table


def test_attribution_sorts_whose_into_mine_and_the_systems():
    table = team.attribution(kit.Journal.sample().frame())
    assert table["bucket"].tolist() == ["yours to own", "the system's", "the system's",
                                        "the system's", "yours to own"]
    assert "2 came from a change of yours, 3 belonged to the system" in \
        table.attrs["summary"]


def test_beside_sample_keeps_each_curve_separate(sample_copy):
    both = team.beside_sample(sample_copy.frame())
    assert both["pseudonym"].value_counts().tolist() == [5, 5]
    only = team.beside_sample(kit.Journal.sample().frame(), is_sample=True)
    assert only["pseudonym"].nunique() == 1


def test_mentor_and_workshop_words():
    assert "What would you tell a junior engineer in your exact seat?" in \
        team.mentor_questions("change")
    assert team.mentor_agenda().count("min |") == 5
    with pytest.raises(ValueError, match="choose one of"):
        team.mentor_questions("nope")
    assert "system" in team.workshop_prompts()


def test_the_kits_team_words_hold_no_blame():
    from kit.messages import surveys as survey_words
    from kit.messages import team as team_words

    for module in (team_words, survey_words):
        for name in module.__all__:
            value = getattr(module, name)
            texts = value if isinstance(value, (tuple, list)) else (
                value.values() if isinstance(value, dict) else [value])
            for text in texts:
                for part in (text if isinstance(text, tuple) else (text,)):
                    if isinstance(part, str):
                        assert kit.check_blame(part) == [], (name, part)


def test_public_names():
    for name in team.__all__:
        assert hasattr(team, name)
    assert kit.team.pool is team.pool and kit.team.export_anonymous
    assert team.MIN_PEOPLE == 5


def test_pool_reads_one_level_of_sub_folders_but_not_survey_answers(tmp_path):
    """On Kubernetes each person drops into a sub-folder of their own."""
    import shutil as _shutil

    from kit import team as _team

    source = _team.sample_folder()
    exports = sorted(p for p in source.iterdir() if p.suffix == ".csv")
    for n, path in enumerate(exports[:6]):
        own = tmp_path / f"person-{n}"
        own.mkdir()
        _shutil.copy(path, own / path.name)
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "answers.csv").write_text("format,q1\n1,7\n")
    pooled = _team.pool(tmp_path)
    assert pooled["pseudonym"].nunique() == 6
    assert pooled.attrs["problems"] == []


def test_exports_are_not_world_readable(tmp_path, sample_copy):
    import stat as _stat

    from kit import team as _team

    path = _team.export_anonymous(sample_copy, tmp_path / "drop")
    assert _stat.S_IMODE(path.stat().st_mode) & 0o007 == 0
