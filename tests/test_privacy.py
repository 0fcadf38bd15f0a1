"""kit.privacy: every team figure counts distinct people, hides groups of fewer than
five, and hides a partner group too so that no small group can be worked out."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit import pool, privacy, synthetic


def _pool_of(tmp_path, people: int, incidents=4) -> pd.DataFrame:
    synthetic.team_exports(tmp_path, people=people, incidents=incidents, seed=3)
    return pool.pool(tmp_path)


def test_an_aggregate_over_four_people_is_hidden_and_over_five_shown(tmp_path):
    four = _pool_of(tmp_path / "four", 4)
    five = _pool_of(tmp_path / "five", 5)
    hidden = privacy.breakdown(four, "severity")
    assert not hidden["shown"].any()
    assert hidden["value"].isna().all() and hidden["people"].isna().all()
    assert "only 4 people contributed" in hidden.attrs["note"]
    shown = privacy.breakdown(five, "severity")
    assert bool(shown["shown"].iloc[-1])
    assert shown["people"].iloc[-1] == 5
    assert shown["value"].iloc[-1] == pytest.approx(
        five["panic_to_action_min"].median())
    for table in (privacy.systemic_share(four), privacy.technique_comparison(four),
                  privacy.by_incident_number(four)):
        assert not table["shown"].any()
        assert "only 4 people" in table.attrs["note"]
    assert privacy.by_incident_number(five)["shown"].all()
    assert "Team figures are hidden" in pool.describe_pool(four)
    assert "Team figures are hidden" not in pool.describe_pool(five)


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
    table = privacy.breakdown(data, "group", stat="share").set_index("group")
    assert not table.loc["A", "shown"] and "fewer than 5" in table.loc["A", "why"]
    assert not table.loc["B", "shown"] and "worked out" in table.loc["B", "why"]
    assert table.loc["C", "shown"] and table.loc["D", "shown"]
    total = table.loc[kit.messages.TEAM_TOTAL_LABEL]
    assert total["shown"] and total["incidents"] == len(data)
    # What subtraction recovers is A and B together: 8 people, not A alone.
    recovered = total["incidents"] - table.loc[["C", "D"], "incidents"].sum()
    assert recovered == 2 + 6
    assert len(set(people[:2]) | set(people[2:8])) >= privacy.MIN_PEOPLE


def test_one_small_group_beside_one_big_one_hides_both_but_not_the_total():
    people = [f"p{i}" for i in range(7)]
    table = privacy.breakdown(_frame({"used": people[:3], "not used": people}),
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
    table = privacy.breakdown(data, "group")
    groups, total = table.iloc[:-1], table.iloc[-1]
    people_of = data.groupby("group")["pseudonym"].agg(set)
    everyone = data["pseudonym"].nunique()
    if everyone < privacy.MIN_PEOPLE:
        assert not table["shown"].any()
        return
    assert bool(total["shown"])
    for row in groups.itertuples():
        if row.shown:
            assert len(people_of[row.group]) >= privacy.MIN_PEOPLE
    hidden = groups.loc[~groups["shown"], "group"]
    if len(hidden):
        # Subtracting the shown groups from the total recovers only the hidden groups
        # together, and they involve at least MIN_PEOPLE people.
        assert len(hidden) >= 2
        assert len(set().union(*(people_of[g] for g in hidden))) >= privacy.MIN_PEOPLE


def test_show_marks_hidden_cells_and_carries_the_note(tmp_path):
    text = privacy.show(privacy.systemic_share(pool.pool()))
    assert "| hidden | hidden | hidden |" in text
    assert "worked out" in text and "%" in text
