"""The charts, checked by the data on their Axes (never by pixels): the points, the
band, the descriptive line, the labels, and that a given Axes is drawn on and returned
without a new figure."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta, timezone

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

import kit
from kit import chart_files, charts, messages
from kit.record import SYMPTOMS

UTC = timezone.utc
SAMPLE_TIMES = [[1, 12.0], [2, 5.0], [3, 6.0], [4, 0.5], [5, 0.2]]


@pytest.fixture
def sample_frame() -> pd.DataFrame:
    return kit.Journal.sample().frame()


@pytest.fixture
def fresh_ax():
    figure, ax = plt.subplots()
    return figure, ax


def labelled(ax, label):
    """Every artist on ``ax`` (lines, collections, patches) with exactly this label."""
    artists = [*ax.lines, *ax.collections, *ax.patches]
    return [artist for artist in artists if artist.get_label() == label]


def all_words(ax) -> list[str]:
    """Every piece of text drawn on ``ax``: texts, title, labels, ticks, legend."""
    words = [text.get_text() for text in ax.texts]
    words += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    words += [tick.get_text() for tick in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        words += [text.get_text() for text in legend.get_texts()]
    return words


def is_alarm_red(colour) -> bool:
    red, green, blue, _ = to_rgba(colour)
    return red > 0.6 and green < 0.45 and blue < 0.45


# --- panic to action -----------------------------------------------------------------


def test_panic_to_action_draws_the_raw_points_on_the_given_axes(sample_frame, fresh_ax):
    figure, ax = fresh_ax
    before = plt.get_fignums()
    returned = charts.panic_to_action(sample_frame, ax=ax)
    assert returned is ax
    assert plt.get_fignums() == before  # no new figure
    assert ax.lines[0].get_xydata().tolist() == SAMPLE_TIMES
    assert ax.get_xscale() == "linear" and ax.get_yscale() == "linear"
    assert ax.get_xlabel() == messages.CHART_PANIC_XLABEL
    assert "Minutes" in ax.get_ylabel()
    assert ax.get_title() == messages.CHART_PANIC_TITLE
    assert ax.get_ylim()[0] == 0


def test_panic_to_action_shades_and_labels_the_three_to_five_band(sample_frame):
    ax = charts.panic_to_action(sample_frame, ax=plt.figure().add_subplot())
    (band,) = labelled(ax, messages.CHART_BAND_LABEL)
    assert isinstance(band, Rectangle)
    assert (band.get_x(), band.get_x() + band.get_width()) == (2.5, 5.5)
    assert messages.CHART_BAND_LABEL in all_words(ax)  # in the legend
    assert messages.CHART_BAND_TEXT in [text.get_text() for text in ax.texts]


def test_the_descriptive_line_covers_only_the_observed_incidents(sample_frame):
    ax = charts.panic_to_action(sample_frame, ax=plt.figure().add_subplot())
    (line,) = labelled(ax, messages.CHART_FIT_LABEL)
    assert "descriptive" in line.get_label()
    assert line.get_linestyle() == "--"
    xs, ys = line.get_xydata().T
    assert xs.min() == 1 and xs.max() == 5  # never beyond the last incident
    fit = kit.trend(sample_frame).fit
    assert ys == pytest.approx(fit.a * xs**-fit.b)


def test_severity_is_visible_by_marker_and_colour(sample_frame):
    ax = charts.panic_to_action(sample_frame, ax=plt.figure().add_subplot())
    found = {
        c.get_label(): c for c in ax.collections if c.get_label().startswith("SEV")
    }
    assert sorted(found) == ["SEV1", "SEV2", "SEV3"]
    assert found["SEV2"].get_offsets().tolist() == [[2, 5], [3, 6], [5, 0.2]]
    assert found["SEV1"].get_offsets().tolist() == [[1, 12]]
    colours = {tuple(c.get_facecolor()[0]) for c in found.values()}
    assert len(colours) == 3
    paths = {c.get_paths()[0].vertices.tobytes() for c in found.values()}
    assert len(paths) == 3  # three different markers


def test_two_incidents_draw_points_but_no_line(sample_frame):
    ax = charts.panic_to_action(sample_frame.head(2), ax=plt.figure().add_subplot())
    assert ax.lines[0].get_xydata().tolist() == SAMPLE_TIMES[:2]
    assert labelled(ax, messages.CHART_FIT_LABEL) == []
    assert not any("descriptive" in line.get_label() for line in ax.lines)


def test_no_incidents_give_words_instead_of_an_empty_chart(tmp_journal):
    ax = charts.panic_to_action(tmp_journal.frame(), ax=plt.figure().add_subplot())
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    assert [text.get_text() for text in ax.texts] == [messages.CHART_EMPTY]
    assert not ax.axison


def test_without_ax_it_draws_on_the_current_axes(sample_frame):
    figure = plt.figure()
    current = figure.add_subplot()
    assert charts.panic_to_action(sample_frame) is current
    assert plt.get_fignums() == [figure.number]


def test_kwargs_go_to_the_points_call(sample_frame):
    ax = charts.panic_to_action(
        sample_frame, ax=plt.figure().add_subplot(), color="black", linewidth=3
    )
    assert ax.lines[0].get_color() == "black"
    assert ax.lines[0].get_linewidth() == 3


def test_other_columns_can_be_named():
    data = pd.DataFrame({"n": [1, 2, 3], "t": [9.0, 4.0, 2.0]})
    ax = charts.panic_to_action(data, x="n", y="t", ax=plt.figure().add_subplot())
    assert ax.lines[0].get_xydata().tolist() == [[1, 9], [2, 4], [3, 2]]
    assert labelled(ax, messages.CHART_FIT_LABEL)


# --- body heatmap --------------------------------------------------------------------


def test_body_heatmap_holds_the_intensities_by_incident(sample_frame, fresh_ax):
    figure, ax = fresh_ax
    before = plt.get_fignums()
    assert charts.body_heatmap(sample_frame, ax=ax) is ax
    assert plt.get_fignums() == before
    shown = [s for s in SYMPTOMS if (sample_frame[f"symptom_{s}"] > 0).any()]
    expected = np.vstack([sample_frame[f"symptom_{s}"].to_numpy() for s in shown])
    assert np.array_equal(np.asarray(ax.images[0].get_array()), expected)
    rows = [tick.get_text() for tick in ax.get_yticklabels()]
    assert rows == [messages.SYMPTOM_LABELS[s] for s in shown]
    columns = [tick.get_text() for tick in ax.get_xticklabels()]
    assert columns == ["1", "2", "3", "4", "5"]
    assert ax.images[0].get_clim() == (0, 10)
    # the colourbar sits beside the chart, in the same figure
    colourbars = [other for other in figure.axes if other is not ax]
    assert [bar.get_ylabel() for bar in colourbars] == [messages.CHART_HEATMAP_COLORBAR]


def test_body_heatmap_can_show_chosen_symptoms(sample_frame):
    ax = charts.body_heatmap(
        sample_frame, symptoms=["racing_heart"], ax=plt.figure().add_subplot()
    )
    assert np.asarray(ax.images[0].get_array()).tolist() == [[9, 7, 6, 3, 2]]


def test_body_heatmap_with_no_ratings_says_so(make_incident, tmp_journal):
    tmp_journal.save(make_incident(body={}))
    ax = charts.body_heatmap(tmp_journal.frame(), ax=plt.figure().add_subplot())
    assert len(ax.images) == 0
    assert [text.get_text() for text in ax.texts] == [messages.CHART_HEATMAP_NONE]


# --- clarity against distress --------------------------------------------------------


def test_clarity_vs_distress_joins_numbered_points_in_order(sample_frame, fresh_ax):
    figure, ax = fresh_ax
    before = plt.get_fignums()
    assert charts.clarity_vs_distress(sample_frame, ax=ax) is ax
    assert plt.get_fignums() == before
    assert ax.lines[0].get_xydata().tolist() == [
        [9, 20], [7, 40], [7, 50], [4, 70], [3, 90]
    ]
    numbers = [text.get_text() for text in ax.texts if text.get_text().isdigit()]
    assert numbers == ["1", "2", "3", "4", "5"]
    assert "distress" in ax.get_xlabel() and "0-10" in ax.get_xlabel()
    assert "Clarity" in ax.get_ylabel() and "0-100" in ax.get_ylabel()


def test_the_clear_while_not_calm_region_is_shaded_and_named(sample_frame):
    ax = charts.clarity_vs_distress(sample_frame, ax=plt.figure().add_subplot())
    (region,) = labelled(ax, messages.CHART_CLARITY_REGION)
    assert (region.get_x(), region.get_y()) == (5, 50)  # high distress, high clarity
    assert region.get_x() + region.get_width() >= 10
    assert region.get_y() + region.get_height() >= 100
    assert messages.CHART_CLARITY_REGION in [text.get_text() for text in ax.texts]


def test_clarity_points_at_the_same_spot_share_one_label():
    data = pd.DataFrame(
        {"incident_no": [1, 2, 3], "distress_peak": [7.0, 7.0, 4.0],
         "clarity_next_step": [40.0, 40.0, 70.0]}
    )
    ax = charts.clarity_vs_distress(data, ax=plt.figure().add_subplot())
    labels = [text.get_text() for text in ax.texts if text.get_text()[0].isdigit()]
    assert sorted(labels) == ["1, 2", "3"]


def test_clarity_without_ratings_says_so(tmp_journal):
    ax = charts.clarity_vs_distress(tmp_journal.frame(), ax=plt.figure().add_subplot())
    assert len(ax.lines) == 0
    assert [text.get_text() for text in ax.texts] == [messages.CHART_EMPTY]


# --- phase timeline ------------------------------------------------------------------


def test_phase_timeline_marks_phases_events_and_the_first_step(fresh_ax):
    figure, ax = fresh_ax
    first = kit.Journal.sample().load().incidents[0]
    before = plt.get_fignums()
    assert charts.phase_timeline(first, ax=ax) is ax
    assert plt.get_fignums() == before
    # the plan: 5 / 20 / 20 from the alert
    plan = [(p.get_x(), p.get_width()) for p in ax.patches if p.get_y() > 1.5]
    assert plan == [(0, 5), (5, 20), (25, 20)]
    # this incident: triage to the first hands-on step (a pod restart at minute 3),
    # then the fix; the first deliberate step (the rollback at 12) is marked apart
    actual = [(p.get_x(), p.get_width()) for p in ax.patches if 0.5 < p.get_y() < 1.5]
    assert actual == [(0, 3), (3, pytest.approx(12 + 50 / 60 - 3))]
    (step,) = labelled(ax, messages.CHART_TIMELINE_MARKS["first_action"])
    assert step.get_xdata()[0] == 12
    (escalated,) = labelled(ax, messages.CHART_TIMELINE_MARKS["escalated"])
    assert escalated.get_xdata()[0] == 14
    (dead_ends,) = labelled(ax, messages.EVENT_KIND_LABELS["dead-end"])
    assert dead_ends.get_offsets()[:, 0].tolist() == [3, 7]
    (updates,) = labelled(ax, messages.EVENT_KIND_LABELS["update"])
    assert updates.get_offsets()[:, 0].tolist() == [14, 15]
    assert ax.get_xlabel() == messages.CHART_TIMELINE_XLABEL


def test_phase_timeline_never_draws_what_the_person_wrote():
    for incident in kit.Journal.sample().load().incidents:
        ax = charts.phase_timeline(incident, ax=plt.figure().add_subplot())
        words = " ".join(all_words(ax))
        private = [incident.title, incident.service, incident.id]
        private += [event.text for event in incident.events if event.text]
        for text in private:
            assert text not in words
        # and no long fragment of an event's text either
        for event in incident.events:
            assert event.text[:12] not in words
        plt.close("all")


def test_phase_timeline_with_a_breathing_event(make_incident):
    alert = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    incident = make_incident(
        events=[
            {"at": (alert + timedelta(minutes=1)).isoformat(), "kind": "breathing",
             "text": "$secret$ pager text"},
        ],
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=3)).isoformat(),
        },
    )
    ax = charts.phase_timeline(incident, ax=plt.figure().add_subplot())
    (breathing,) = labelled(ax, messages.EVENT_KIND_LABELS["breathing"])
    assert breathing.get_offsets()[:, 0].tolist() == [1]
    assert "secret" not in " ".join(all_words(ax))
    ax.figure.canvas.draw()  # renders without tripping on anything


def test_phase_timeline_without_an_incident_says_so():
    ax = charts.phase_timeline(None, ax=plt.figure().add_subplot())
    assert [text.get_text() for text in ax.texts] == [messages.CHART_NO_INCIDENT]


# --- small multiples -----------------------------------------------------------------


@pytest.fixture
def pool() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pseudonym": ["fox"] * 4 + ["owl"] * 2 + ["elk"] * 3,
            "incident_no": [1, 2, 3, 4, 1, 2, 1, 2, 3],
            "panic_to_action_min": [12, 6, 4, 3, 5, 9, 8, 4, 2.0],
        }
    )


def test_small_multiples_draws_one_panel_per_person(pool):
    axes = charts.small_multiples(pool, ncols=2)
    assert isinstance(axes, np.ndarray) and len(axes) == 3
    assert [ax.get_title() for ax in axes] == ["elk", "fox", "owl"]
    assert axes[1].lines[0].get_xydata().tolist() == [[1, 12], [2, 6], [3, 4], [4, 3]]
    assert axes[2].lines[0].get_xydata().tolist() == [[1, 5], [2, 9]]
    # shared scales, and one figure for all panels
    assert len({ax.get_ylim() for ax in axes}) == 1
    assert len({ax.get_xlim() for ax in axes}) == 1
    assert len({id(ax.figure) for ax in axes}) == 1
    # never an averaged curve: each panel holds one person's points only
    for ax in axes:
        points = labelled(ax, messages.CHART_POINTS_LABEL)
        assert len(points) == 1
    # a descriptive line only for people with 3 or more points, over their own range
    assert labelled(axes[2], messages.CHART_FIT_LABEL) == []
    (fox_line,) = labelled(axes[1], messages.CHART_FIT_LABEL)
    assert fox_line.get_xdata().min() == 1 and fox_line.get_xdata().max() == 4
    assert labelled(axes[0], messages.CHART_BAND_LABEL)


def test_small_multiples_draws_on_given_axes(pool):
    figure, grid = plt.subplots(1, 3, sharey=True)
    before = plt.get_fignums()
    axes = charts.small_multiples(pool, axes=grid)
    assert plt.get_fignums() == before
    assert list(axes) == list(grid)
    assert axes[0].get_xlabel() == messages.CHART_SMALL_XLABEL


def test_small_multiples_refuses_too_few_axes(pool):
    _, grid = plt.subplots(1, 2)
    with pytest.raises(kit.NotEnoughData, match="3 people need 3 panels"):
        charts.small_multiples(pool, axes=grid)


def test_small_multiples_with_nobody_says_so():
    empty = pd.DataFrame(
        {"pseudonym": [], "incident_no": [], "panic_to_action_min": []}
    )
    axes = charts.small_multiples(empty)
    assert len(axes) == 1
    assert [text.get_text() for text in axes[0].texts] == [messages.CHART_EMPTY]


def test_small_multiples_draws_a_dollar_pseudonym_literally(pool):
    pool = pool.assign(pseudonym=pool["pseudonym"].replace("owl", "$owl"))
    axes = charts.small_multiples(pool, person="pseudonym")
    axes[0].figure.canvas.draw()  # a lone $ would fail in math mode
    assert "\\$owl" in [ax.get_title() for ax in axes]


# --- palette, quiet output -----------------------------------------------------------


def test_the_palette_has_no_alarm_red(sample_frame):
    figure, grid = plt.subplots(2, 2)
    charts.panic_to_action(sample_frame, ax=grid[0, 0])
    charts.body_heatmap(sample_frame, ax=grid[0, 1])
    charts.clarity_vs_distress(sample_frame, ax=grid[1, 0])
    latest = kit.metrics.latest_incident(kit.Journal.sample())
    charts.phase_timeline(latest, ax=grid[1, 1])
    for ax in grid.ravel():
        for line in ax.lines:
            assert not is_alarm_red(line.get_color())
        for patch in ax.patches:
            assert not is_alarm_red(patch.get_facecolor())
        for collection in ax.collections:
            for colour in collection.get_facecolor():
                assert not is_alarm_red(colour)
    cmap = grid[0, 1].images[0].get_cmap()
    assert not any(is_alarm_red(cmap(v)) for v in np.linspace(0, 1, 11))


def test_charts_print_nothing(sample_frame, capsys):
    charts.panic_to_action(sample_frame, ax=plt.figure().add_subplot())
    charts.body_heatmap(sample_frame, ax=plt.figure().add_subplot())
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# --- saving PNG files ----------------------------------------------------------------


def test_save_pngs_writes_four_private_files_next_to_the_journal(sample_copy):
    open_figures = plt.get_fignums()
    saved = chart_files.save_pngs(sample_copy)
    folder = sample_copy.path / "charts"
    assert [path.name for path in saved] == [
        "panic-to-action.png", "body.png", "clarity.png", "timeline.png"
    ]
    for path in saved:
        assert path.parent == folder
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert plt.get_fignums() == open_figures  # drawn off screen
    assert str(folder) in saved._repr_markdown_()
    # the journal still loads exactly as before: the charts folder is not a record
    assert len(sample_copy.load().incidents) == 5 and sample_copy.problems == []


def test_save_pngs_for_the_sample_goes_to_your_journal_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_JOURNAL", str(tmp_path / "mine"))
    saved = chart_files.save_pngs(kit.Journal.sample(), dpi=50)
    assert {path.parent for path in saved} == {tmp_path / "mine" / "charts"}
    assert all(path.name.startswith("sample-") for path in saved)
    assert not (kit.paths.sample_journal() / "charts").exists()
    assert "read-only" in saved._repr_markdown_()


def test_save_pngs_into_a_chosen_folder(sample_copy, tmp_path):
    saved = chart_files.save_pngs(sample_copy, tmp_path / "elsewhere", dpi=50)
    assert len(saved) == 4 and all(p.parent == tmp_path / "elsewhere" for p in saved)


def test_save_pngs_with_no_incidents_writes_nothing_and_says_so(tmp_journal):
    saved = chart_files.save_pngs(tmp_journal)
    assert saved == []
    assert not (tmp_journal.path / "charts").exists()
    assert saved._repr_markdown_() == messages.CHARTS_NOTHING_TO_SAVE


def test_save_pngs_into_an_unwritable_place_raises_save_failed(sample_copy, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(kit.SaveFailed, match="could not be"):
        chart_files.save_pngs(sample_copy, blocker / "charts")


# --- one list of charts, one look -----------------------------------------------------


def test_saved_files_follow_the_one_list_of_personal_charts(tmp_path):
    saved = chart_files.save_pngs(kit.Journal.sample(), tmp_path, dpi=30)
    names = [spec.name for spec in charts.PERSONAL_CHARTS]
    assert [path.stem.removeprefix("sample-") for path in saved] == names
    assert set(kit.messages.REPORT_CHARTS) == set(names), "each chart has its words"


def test_the_calm_look_is_public_for_team_charts():
    from kit import chart_style

    assert charts.PALETTE is chart_style.PALETTE
    fig, ax = plt.subplots()
    assert charts.calm(ax) is ax
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    said = charts.say(fig.add_subplot(2, 1, 2), "nothing yet")
    assert not said.axison and said.texts[0].get_text() == "nothing yet"


def test_the_3am_chart_marks_night_by_the_window_it_shades():
    # A window of 23:00-05:00: an alert at 22:00 is shaded as day and drawn as day.
    table = pd.DataFrame({"hour": [22, 2, 14], "panic_to_action_min": [4.0, 9.0, 3.0]})
    table.attrs["night"] = (23, 5)
    ax = charts.night_and_day(table, ax=plt.figure().add_subplot())
    night, day = ax.lines
    assert night.get_xydata().tolist() == [[2.0, 9.0]]
    assert day.get_xydata().tolist() == [[22.0, 4.0], [14.0, 3.0]]
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches] == [
        (22.5, 23.5), (-0.5, 4.5)]
