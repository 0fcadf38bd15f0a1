"""The 3 AM view: the local hour of each alert across time zones and clock changes, the
words for none, one and several incidents on each side, the chart, and the pooled
view's suppression."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

import kit
from kit import messages, team_charts
from kit.hours import alert_hours, is_night, night_and_day
from kit.privacy import pooled_night_and_day

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def incident_at(make_incident):
    """An incident alerted at ``alert`` (aware) with the given measures."""
    count = iter(range(1, 1000))

    def make(alert: datetime, ptoa: float = 5.0, distress: int = 5, clarity: int = 50):
        # in UTC: wall-clock arithmetic across a clock change would drop the fold
        first = alert.astimezone(timezone.utc) + timedelta(minutes=ptoa)
        return make_incident(
            id=f"{alert:%Y-%m-%d}-incident-{next(count)}",
            times={
                "alert_at": alert.isoformat(),
                "first_action_at": first.isoformat(),
                "source": "recalled",
            },
            body={"distress_peak": distress, "symptoms": {}},
            clarity={"next_step": clarity},
        )

    return make


def saved(journal, incidents):
    for incident in incidents:
        journal.save(incident)
    return journal


# --- the hour, local to the alert's own offset ----------------------------------------


def test_an_alert_at_0230_on_the_night_the_clocks_go_back_is_night_both_times(
    tmp_journal, incident_at
):
    # 25 October 2026 in Berlin: 02:30 happens twice, first in summer time (+02:00)
    # and an hour later in winter time (+01:00).
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)
    assert first.utcoffset() != second.utcoffset()  # the change really happened
    saved(tmp_journal, [incident_at(first), incident_at(second)])
    table = alert_hours(tmp_journal)  # read back from the YAML files
    assert table["local_time"].tolist() == ["02:30", "02:30"]
    assert table["hour"].tolist() == [2, 2]
    assert table["utc_offset_min"].tolist() == [120, 60]
    assert table["night"].tolist() == [True, True]
    # in UTC they would be 00:30 and 01:30: the view must not use that
    assert table["alert_at"].dt.hour.tolist() == [0, 1]


def test_the_same_local_hour_either_side_of_the_spring_change_stays_the_same(
    tmp_journal, incident_at
):
    # New York moves from -05:00 to -04:00 on 8 March 2026 at 02:00.
    before = datetime(2026, 3, 7, 6, 30, tzinfo=NEW_YORK)
    after = datetime(2026, 3, 9, 6, 30, tzinfo=NEW_YORK)
    saved(tmp_journal, [incident_at(before), incident_at(after)])
    table = alert_hours(tmp_journal)
    assert table["hour"].tolist() == [6, 6]
    assert table["utc_offset_min"].tolist() == [-300, -240]
    assert table["side"].tolist() == ["night", "night"]


def test_the_hour_is_the_alerts_own_not_utc_and_not_the_machines(
    tmp_journal, incident_at, monkeypatch
):
    tokyo = datetime(2026, 5, 4, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo"))  # 14:30 UTC
    auckland = datetime(2026, 5, 5, 8, 0, tzinfo=ZoneInfo("Pacific/Auckland"))  # 20:00
    london_edge = datetime(2026, 5, 6, 7, 0, tzinfo=ZoneInfo("Europe/London"))  # 06:00
    saved(tmp_journal, [incident_at(tokyo), incident_at(auckland),
                        incident_at(london_edge)])
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # +14:00, as far as it goes
    time.tzset()
    try:
        table = alert_hours(tmp_journal)
    finally:
        monkeypatch.undo()
        time.tzset()
    by_time = dict(zip(table["local_time"], table["side"], strict=True))
    assert by_time == {"23:30": "night", "08:00": "day", "07:00": "day"}


def test_night_windows_wrap_midnight_or_not_and_bad_ones_are_refused():
    assert is_night(np.arange(24)).tolist() == [h >= 22 or h < 7 for h in range(24)]
    assert is_night(np.arange(24), (0, 6)).tolist() == [h < 6 for h in range(24)]
    for bad in [(22, 22), (24, 6), (-1, 6), ("22", "7"), (22,), None, (True, 6)]:
        with pytest.raises(ValueError, match="night window"):
            is_night(3, bad)


def test_a_chosen_window_changes_the_sides(tmp_journal, incident_at):
    late = datetime(2026, 4, 21, 22, 40, tzinfo=timezone(timedelta(hours=1)))
    saved(tmp_journal, [incident_at(late)])
    assert alert_hours(tmp_journal)["night"].tolist() == [True]
    assert alert_hours(tmp_journal, night=(0, 6))["night"].tolist() == [False]
    view = night_and_day(tmp_journal, night=(23, 5))
    assert view.counts == {"night": 0, "day": 1}
    assert view.summary[0].startswith(
        messages.HOURS_WINDOW.format(start="23:00", end="05:00")[:30]
    )


def test_a_frame_is_refused_with_what_to_pass_instead(sample_copy):
    with pytest.raises(kit.NotEnoughData, match="Pass the journal itself"):
        alert_hours(sample_copy.frame())


def test_the_sample_journal_has_one_night_incident():
    table = kit.metrics.alert_hours(kit.Journal.sample())
    assert table.loc[table["night"], "incident_no"].tolist() == [3]
    # same numbering as the frame the other views use
    frame = kit.Journal.sample().frame()
    assert table["id"].tolist() == frame["id"].tolist()


# --- the words ------------------------------------------------------------------------


def journal_of(tmp_journal, incident_at, night_minutes, day_minutes):
    """Night alerts at 02:00 and day alerts at 14:00 (Berlin), one per day."""
    day0 = datetime(2026, 1, 5, tzinfo=BERLIN)
    incidents = []
    for index, value in enumerate(night_minutes):
        alert = (day0 + timedelta(days=index)).replace(hour=2)
        incidents.append(incident_at(alert, ptoa=value))
    for index, value in enumerate(day_minutes):
        alert = (day0 + timedelta(days=20 + index)).replace(hour=14)
        incidents.append(incident_at(alert, ptoa=value))
    return saved(tmp_journal, incidents)


def ptoa_sentences(view):
    start = messages.HOURS_SENTENCE["panic_to_action_min"].split("{")[0]
    return [s for s in view.summary if s.startswith(start)]


def test_two_night_and_four_day_incidents_are_told_with_their_numbers(
    tmp_journal, incident_at
):
    journal = journal_of(tmp_journal, incident_at, [9, 6], [2, 5, 3, 4])
    view = night_and_day(journal)
    assert view.counts == {"night": 2, "day": 4}
    assert ptoa_sentences(view) == [
        "From the alert to your first deliberate step, your 2 night incidents took "
        "9 and 6 minutes; your 4 day incidents took 2 to 5 minutes."
    ]
    apart = messages.HOURS_APART["panic_to_action_min"].format(
        more="night", less="day", n_night=2, n_day=4
    )
    assert apart in view.summary
    assert messages.HOURS_ONE_IS_NOT_A_PATTERN not in view.summary
    # no mean anywhere
    assert not any(re.search(r"\b(average|mean)\b", s) for s in view.summary)


def test_overlapping_sides_show_no_clear_difference(tmp_journal, incident_at):
    view = night_and_day(journal_of(tmp_journal, incident_at, [2, 9, 4], [3, 5]))
    assert "your 3 night incidents took 2, 9 and 4 minutes" in ptoa_sentences(view)[0]
    assert messages.HOURS_OVERLAP["panic_to_action_min"] in view.summary
    assert not any(s.startswith("Every") for s in view.summary)


def test_one_incident_on_a_side_is_never_compared(tmp_journal, incident_at):
    view = night_and_day(journal_of(tmp_journal, incident_at, [30], [1, 2, 3]))
    assert "your one night incident took 30 minutes" in ptoa_sentences(view)[0]
    assert messages.HOURS_ONE_IS_NOT_A_PATTERN in view.summary
    for measure in kit.hours.MEASURES:
        assert messages.HOURS_OVERLAP[measure] not in view.summary
    assert not any(s.startswith(("Every", "Peak distress was higher", "Clarity was"))
                   for s in view.summary)


def test_a_side_with_none_is_not_mentioned(tmp_journal, incident_at):
    view = night_and_day(journal_of(tmp_journal, incident_at, [], [2, 5, 3, 4]))
    assert view.counts == {"night": 0, "day": 4}
    assert ptoa_sentences(view) == [
        "From the alert to your first deliberate step, your 4 day incidents took "
        "2 to 5 minutes."
    ]
    # "night" appears only in the sentence saying what night means
    assert [s for s in view.summary if "night" in s.lower()] == [view.summary[0]]


def test_only_night_incidents_with_one_each(tmp_journal, incident_at):
    view = night_and_day(journal_of(tmp_journal, incident_at, [7], []))
    assert ptoa_sentences(view) == [
        "From the alert to your first deliberate step, your one night incident took "
        "7 minutes."
    ]
    assert not any("day incident" in s for s in view.summary)
    assert messages.HOURS_ONE_IS_NOT_A_PATTERN in view.summary


def test_an_empty_journal_says_nothing_yet(tmp_journal):
    view = night_and_day(tmp_journal)
    assert view.summary == [messages.HOURS_NOTHING_YET]
    assert view.counts == {"night": 0, "day": 0}


def test_distress_and_clarity_are_told_too(tmp_journal, incident_at):
    night = datetime(2026, 2, 1, 3, 0, tzinfo=BERLIN)
    day = datetime(2026, 2, 2, 11, 0, tzinfo=BERLIN)
    saved(tmp_journal, [incident_at(night, distress=8, clarity=30),
                        incident_at(night + timedelta(days=2), distress=9, clarity=20),
                        incident_at(day, distress=4, clarity=70),
                        incident_at(day + timedelta(days=2), distress=3, clarity=80)])
    view = night_and_day(tmp_journal)
    assert ("As you recalled it, your 2 night incidents had a peak distress of 8 and 9 "
            "out of 10; your 2 day incidents had a peak distress of 4 and 3 out of 10."
            ) in view.summary
    assert messages.HOURS_APART["clarity_next_step"].format(
        more="day", less="night", n_night=2, n_day=2) in view.summary
    assert view.values["distress_peak"] == {"night": [8.0, 9.0], "day": [4.0, 3.0]}


def test_a_draft_without_a_first_step_is_left_out_of_that_measure(
    tmp_journal, incident_at, make_incident
):
    saved(tmp_journal, [incident_at(datetime(2026, 2, 1, 3, 0, tzinfo=BERLIN), 4)])
    draft = make_incident(
        id="2026-02-03-draft",
        draft=True,
        times={"alert_at": datetime(2026, 2, 3, 2, 0, tzinfo=BERLIN).isoformat(),
               "source": "live"},
    )
    tmp_journal.save(draft)
    view = night_and_day(tmp_journal)
    assert view.counts["night"] == 2
    assert "your one night incident took 4 minutes" in ptoa_sentences(view)[0]


# --- the chart ------------------------------------------------------------------------


def test_the_chart_shows_each_side_by_shape_and_words_not_colour_alone(
    tmp_journal, incident_at
):
    table = alert_hours(journal_of(tmp_journal, incident_at, [9, 6], [2, 5]))
    ax = kit.charts.night_and_day(table)
    night, day = ax.lines
    assert night.get_xydata().tolist() == [[2.0, 9.0], [2.0, 6.0]]
    assert day.get_xydata().tolist() == [[14.0, 2.0], [14.0, 5.0]]
    assert night.get_marker() != day.get_marker()
    assert night.get_markerfacecolor() != day.get_markerfacecolor()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        messages.CHART_HOURS_NIGHT_BAND.format(start="22:00", end="07:00"),
        messages.CHART_HOURS_POINT_LABELS["night"],
        messages.CHART_HOURS_POINT_LABELS["day"],
    ]
    assert ax.get_title() == messages.CHART_HOURS_TITLE
    assert ax.get_ylabel() == messages.CHART_HOURS_YLABELS["panic_to_action_min"]
    # the shaded night wraps midnight: two spans, 22:00-24:00 and 00:00-07:00
    assert len(ax.patches) == 2


def test_the_chart_draws_the_measure_it_is_given_on_the_axes_it_is_given(
    tmp_journal, incident_at
):
    import matplotlib.pyplot as plt

    table = alert_hours(journal_of(tmp_journal, incident_at, [], [2]))
    fig, (left, right) = plt.subplots(1, 2)
    returned = kit.charts.night_and_day(table, y="distress_peak", ax=right)
    assert returned is right and not left.lines
    assert [line.get_label() for line in right.lines] == [
        messages.CHART_HOURS_POINT_LABELS["day"]]
    assert right.get_ylabel() == messages.CHART_HOURS_YLABELS["distress_peak"]


def test_the_chart_says_so_when_there_is_nothing(tmp_journal):
    ax = kit.charts.night_and_day(alert_hours(tmp_journal))
    assert [t.get_text() for t in ax.texts] == [messages.CHART_HOURS_EMPTY]


# --- pooled across a team -------------------------------------------------------------


def pool_of(night_people: int, day_people: int) -> pd.DataFrame:
    rows = []
    for index in range(night_people):
        rows += [{"pseudonym": f"owl-{index}", "night": True,
                  "panic_to_action_min": 10.0 + index}]
    for index in range(day_people):
        rows += [{"pseudonym": f"lark-{index}", "night": False,
                  "panic_to_action_min": 2.0 + index},
                 {"pseudonym": f"lark-{index}", "night": False,
                  "panic_to_action_min": 4.0 + index}]
    return pd.DataFrame(rows)


def test_pooled_sides_are_shown_with_five_people_each():
    table = pooled_night_and_day(pool_of(5, 6)).set_index("group")
    assert table.loc["night", "value"] == 12.0
    assert table.loc["night", "people"] == 5
    assert table.loc["day", "people"] == 6 and table.loc["day", "incidents"] == 12
    assert table["shown"].all()


def test_a_side_with_four_people_is_hidden_and_so_is_the_side_giving_it_away():
    table = pooled_night_and_day(pool_of(4, 6)).set_index("group")
    assert not table.loc["night", "shown"]
    assert np.isnan(table.loc["night", "value"])
    assert pd.isna(table.loc["night", "people"])
    # the day side alone would reveal the night count from the total: hidden too
    assert not table.loc["day", "shown"]
    assert "5" in table.loc["night", "why"]


def test_pooled_counts_people_not_rows():
    data = pool_of(0, 6)
    many_nights = pd.DataFrame({"pseudonym": ["owl-0"] * 9, "night": [True] * 9,
                                "panic_to_action_min": [20.0] * 9})
    table = pooled_night_and_day(pd.concat([data, many_nights])).set_index("group")
    assert not table.loc["night", "shown"]


def test_pooling_without_a_night_flag_says_what_is_missing():
    pooled = kit.team.pool().drop(columns="night")  # as exports older than format 3
    with pytest.raises(kit.NotEnoughData, match="'night'"):
        pooled_night_and_day(pooled)


def test_the_pooled_chart_shows_both_sides_by_pattern_and_words():
    ax = team_charts.night_and_day_chart(pool_of(5, 6))
    night, day = ax.patches
    assert night.get_height() == 12.0 and day.get_height() == 5.5
    assert night.get_hatch() and not day.get_hatch()  # not told by colour alone
    texts = [t.get_text() for t in ax.texts]
    assert messages.CHART_HOURS_COUNTS.format(people=5, incidents=5) in texts
    assert messages.CHART_HOURS_COUNTS.format(people=6, incidents=12) in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == ["night", "day"]


def test_the_pooled_chart_hides_a_side_with_too_few_people():
    ax = team_charts.night_and_day_chart(pool_of(4, 6))
    # both sides hidden (the day side would give the night side away): words only
    assert not ax.patches
    assert not any("12" in t.get_text() for t in ax.texts)


def test_the_pooled_chart_says_what_the_exports_lack():
    older = kit.team.pool().drop(columns="night")  # exports older than format 3
    ax = team_charts.night_and_day_chart(older)
    words = " ".join(t.get_text() for t in ax.texts)
    assert "'night'" in words and not ax.patches


def test_the_morning_after_look_back_is_told_beside_when_there_is_one(
    tmp_journal, incident_at
):
    journal = journal_of(tmp_journal, incident_at, [9, 6], [2, 5])
    assert not any("look-back" in s for s in night_and_day(journal).summary)
    for number, heavy in ((1, 7), (2, 8), (3, 2)):  # two night ones, one day one
        incident = journal.load().incidents[number - 1]
        data = incident.to_data()
        data["lookback"] = {"at": (incident.times.alert_at + timedelta(hours=9))
                            .isoformat(), "heavy_now": heavy, "dread_next": heavy - 1}
        journal.update(kit.record.validate_incident(data))
    view = night_and_day(journal)
    assert ("In your morning-after look-backs, your 2 night incidents felt 7 and 8 out "
            "of 10 heavy; your one day incident felt 2 out of 10 heavy."
            ) in view.summary
    assert messages.HOURS_ONE_IS_NOT_A_PATTERN in view.summary
    assert not any(s.startswith("The morning after, every") for s in view.summary)
    without = night_and_day(journal, lookback=False)
    assert not any("look-back" in s for s in without.summary)
    ax = kit.charts.night_and_day(view.table, y="lookback_heavy_now")
    assert ax.lines[0].get_xydata()[:, 1].tolist() == [7.0, 8.0]


def test_the_pooled_view_reads_the_team_samples_night_flags_and_hides_small_groups():
    """The shipped team sample carries night or day per incident; each side is shown
    only with five people or more behind it."""
    from kit import pool

    data = pool.pool(kit.paths.team_sample())
    assert set(data["night"].unique()) <= {0, 1}
    table = pooled_night_and_day(data)
    shown = table.loc[table["shown"]]
    assert not shown.empty
    assert (shown["people"] >= 5).all()
