"""Tables for people (kit.tables) and the charts' text alternatives (kit.alt_text)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

import kit
from kit import alt_text, tables
from kit import messages as msg


def test_a_table_has_no_index_no_nan_and_units_in_its_headers():
    frame = pd.DataFrame(
        {"incident": [1, 2, 3], "panic to action": [12.0, np.nan, 4.5]},
        index=[10, 20, 30],
    )
    html = tables.html_table(frame, "Your incidents", units={"panic to action": "min"})
    assert "NaN" not in html and "nan" not in html
    assert msg.TABLE_MISSING in html
    assert "panic to action (min)" in html
    assert "<caption>Your incidents</caption>" in html
    assert ">10<" not in html and ">20<" not in html  # the index is left out
    assert ">12<" in html and ">4.5<" in html  # whole numbers without .0
    assert html.count('scope="col"') == 2


def test_a_wide_table_scrolls_in_a_region_a_keyboard_reaches_and_shows_every_column():
    frame = pd.DataFrame({f"column {n}": [n] for n in range(30)})
    html = tables.html_table(frame, "Pooled")
    assert 'tabindex="0"' in html and 'role="region"' in html
    assert 'aria-label="Table: Pooled"' in html
    assert "column 29" in html and "..." not in html
    narrow = tables.html_table(frame.iloc[:, :3], "Narrow")
    assert "tabindex" not in narrow


def test_a_table_escapes_what_people_typed():
    html = tables.table(pd.DataFrame({"<b>": ["<img src=x onerror=alert(1)>"]}))
    shown = html._repr_html_()
    assert "<img" not in shown and "&lt;img" in shown and "&lt;b&gt;" in shown


def test_the_alt_text_carries_first_latest_and_change_of_the_trend():
    frame = kit.Journal.sample().frame()
    figure = Figure()
    ax = figure.add_subplot()
    kit.charts.panic_to_action(frame, ax=ax)
    points = ax.lines[0].get_xydata()[:, 1]
    alt = alt_text.figure_alt(figure)
    first, latest = alt_text._num(points[0]), alt_text._num(points[-1])
    assert ax.get_title() in alt
    assert f"the first {first}, the latest {latest}" in alt
    assert f"a change of {alt_text._signed(points[-1] - points[0])}" in alt
    assert msg.CHART_FIT_LABEL not in alt  # the descriptive line is not data


def test_a_chart_shows_as_an_image_with_alt_text_and_its_table_one_click_away():
    figure = Figure()
    ax = figure.add_subplot()
    ax.plot([1, 2, 3], [9, 7, 4], label="peak distress", marker="o")
    ax.set_xlabel("incident")
    ax.set_title("Distress")
    html = alt_text.figure_html(figure, dpi=30)
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert "peak distress: 3 points; the first 9, the latest 4, a change of -5." in alt
    details = html[html.index("<details>") :]
    assert msg.CHART_TABLE_SUMMARY in details
    assert "<th scope=\"col\">incident</th>" in details
    assert re.findall(r">([0-9])<", details) == ["1", "9", "2", "7", "3", "4"]


def test_a_heat_map_is_described_by_its_grid_and_tabled_by_its_row_labels():
    frame = kit.Journal.sample().frame()
    figure = Figure()
    ax = figure.add_subplot()
    kit.charts.body_heatmap(frame, ax=ax)
    table = alt_text.chart_table(ax)
    assert len(table) == len(ax.get_yticklabels())
    assert "A grid of" in alt_text.describe(ax)


def test_a_timeline_is_described_by_when_its_events_happened():
    journal = kit.Journal(kit.paths.sample_journal())
    latest = journal.load().incidents[-1]
    ax = kit.charts.phase_timeline(latest, ax=Figure().add_subplot())
    alt = alt_text.describe(ax)
    # Events sit on rows: their minutes after the alert are what a reader needs,
    # never the row's height ("from 0 to 0").
    assert "from 0 to 0" not in alt
    minutes = sorted(
        (event.at - latest.times.alert_at).total_seconds() / 60
        for event in latest.events
        if event.kind == "action"
    )
    axis = ax.get_xlabel()
    assert (
        f"{len(minutes)} points along {axis}, from {alt_text._num(minutes[0])} "
        f"to {alt_text._num(minutes[-1])}" in alt
    )
