"""kit.team_charts: the team's charts draw only what the minimum group size lets
through, and words instead of figures below five people."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import kit
from kit import pool, privacy, synthetic, team_charts


def _pool_of(tmp_path, people: int, incidents=4):
    synthetic.team_exports(tmp_path, people=people, incidents=incidents, seed=3)
    return pool.pool(tmp_path)


def test_small_multiples_one_panel_per_person_and_hidden_below_five(tmp_path):
    pooled = pool.pool()
    axes = team_charts.small_multiples_chart(pooled)
    assert len(axes) == 12
    assert sorted(ax.get_title() for ax in axes) == sorted(pooled["pseudonym"].unique())
    small = _pool_of(tmp_path, 3)
    (ax,) = team_charts.small_multiples_chart(small)
    assert "panels are hidden" in ax.texts[0].get_text()
    assert not ax.lines


def test_incident_number_chart_draws_only_numbers_with_five_people():
    pooled = pool.pool()
    table = privacy.by_incident_number(pooled)
    ax = team_charts.incident_number_chart(pooled)
    shown = table.loc[table["shown"], "incident_no"].astype(str).tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == shown
    medians = [line.get_ydata()[0] for line in ax.lines
               if line.get_color() == kit.charts.PALETTE["navy"]]
    assert medians == pytest.approx(table.loc[table["shown"], "median"].tolist())
    assert "8" not in shown and "9" not in shown  # 2 people at 9; 8 hidden with it


def test_systemic_share_chart_bars_match_the_table():
    pooled = pool.pool()
    table = privacy.systemic_share(pooled).iloc[:-1]
    ax = team_charts.systemic_share_chart(pooled)
    widths = [patch.get_width() for patch in ax.patches]
    assert widths == pytest.approx(table["value"].fillna(0).tolist())
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("hidden") == int((~table["shown"]).sum())
    assert ax.get_title() == kit.messages.CHART_LABELS["share_title"]


def test_techniques_chart_plots_the_shown_medians():
    pooled = pool.pool()
    table = privacy.technique_comparison(pooled)
    ax = team_charts.techniques_chart(pooled)
    used = table.loc[table["used"] & table["shown"], "value"].tolist()
    assert ax.lines[0].get_xdata().tolist() == pytest.approx(used)


def test_team_charts_draw_words_instead_of_figures_for_three_people(tmp_path):
    small = _pool_of(tmp_path, 3)
    for chart in (team_charts.incident_number_chart, team_charts.systemic_share_chart,
                  team_charts.techniques_chart):
        _, ax = plt.subplots()
        assert chart(small, ax=ax) is ax
        assert not ax.patches and not ax.lines
        assert "Hidden" in ax.texts[0].get_text()
