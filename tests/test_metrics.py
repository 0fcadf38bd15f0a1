"""The trend and its honest fit, the phases of the 45-minute walk, and the per-person
slope used by team pools: checked on data whose answer is known."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

import kit
from kit import messages
from kit.metrics import (
    Fit,
    Trend,
    fit_power_law,
    trend,
    trend_by_person,
)
from kit.phases import latest_incident, phases

UTC = timezone.utc


def points(times, *, severity=None, source=None, start=1) -> pd.DataFrame:
    """A minimal frame: incident numbers from ``start`` and the given minutes."""
    frame = pd.DataFrame(
        {
            "incident_no": np.arange(start, start + len(times)),
            "panic_to_action_min": np.asarray(times, dtype="float64"),
        }
    )
    if severity is not None:
        frame["severity"] = severity
    if source is not None:
        frame["source"] = source
    return frame


def timed_incident(make_incident, number: int, minutes: float | None, **extra):
    """A finished incident (or a draft when ``minutes`` is None), one month apart."""
    alert = datetime(2026, 1, 5, 9, 0, tzinfo=UTC) + timedelta(days=30 * number)
    times = {"alert_at": alert.isoformat(), "source": "live"}
    if minutes is not None:
        times["first_action_at"] = (alert + timedelta(minutes=minutes)).isoformat()
    else:
        extra.setdefault("draft", True)
    return make_incident(id=f"{alert:%Y-%m-%d}-incident-{number}", times=times, **extra)


# --- the fit -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 5, 8])
def test_the_fit_recovers_b_from_an_exact_power_law(count):
    n = np.arange(1, count + 1)
    result = trend(points(12 * n**-1.2))
    assert result.fit is not None
    assert result.fit.b == pytest.approx(1.2, abs=0.05)
    assert result.fit.a == pytest.approx(12, rel=0.01)
    assert result.fit.doubling_factor == pytest.approx(2**-1.2, abs=0.02)
    assert result.reason is None


def test_the_fit_recovers_b_through_modest_noise():
    rng = np.random.default_rng(7)
    n = np.arange(1, 9)
    noisy = 12 * n**-1.2 * np.exp(rng.normal(0, 0.03, size=n.size))
    assert trend(points(noisy)).fit.b == pytest.approx(1.2, abs=0.05)


def test_the_doubling_sentence_reports_two_to_the_minus_b():
    n = np.arange(1, 6)
    result = trend(points(12 * n**-1.0))
    text = " ".join(result.summary)
    assert "each doubling of the number of incidents" in text
    assert "multiplied by about 0.50" in text
    assert "b = 1.00" in text


def test_two_incidents_give_no_fit_and_say_why():
    result = trend(points([12, 7]))
    assert result.fit is None
    assert result.reason == messages.TREND_NO_FIT_FEW.format(n=2)
    assert "at least 3 incidents" in result.reason
    assert result.reason in result.summary
    assert "fell from 12 to 7 minutes" in result.summary[0]


def test_one_incident_is_a_baseline_not_a_trend():
    result = trend(points([9.5]))
    assert result.fit is None
    assert result.change_min is None
    assert result.summary[0] == messages.TREND_ONE_POINT.format(first="9.5")
    assert "baseline" in result.summary[0]


def test_zero_incidents_give_a_clear_message_not_a_traceback(tmp_journal):
    result = trend(tmp_journal.frame())
    assert result.n_incidents == 0 and result.n_points == 0
    assert result.fit is None
    assert result.summary == [messages.TREND_NOTHING_YET]
    assert "nothing to chart yet" in str(result)
    assert result.reason == messages.TREND_NOTHING_YET
    assert trend(pd.DataFrame()).summary == [messages.TREND_NOTHING_YET]


def test_leave_one_out_range_only_with_four_points_or_more():
    three = trend(points([12, 7, 3])).fit
    assert three.loo_b is None and three.loo_doubling is None
    assert not any("Leaving out" in s for s in trend(points([12, 7, 3])).summary)

    times = [12.0, 7.0, 8.5, 3.0]
    four = trend(points(times))
    low, high = four.fit.loo_b
    expected = []
    for left_out in range(4):
        keep = [i for i in range(4) if i != left_out]
        x = np.log(np.arange(1, 5)[keep])
        y = np.log(np.asarray(times)[keep])
        expected.append(-np.polyfit(x, y, 1)[0])
    assert (low, high) == pytest.approx((min(expected), max(expected)))
    assert four.fit.loo_doubling == pytest.approx((2**-high, 2**-low))
    assert any(s.startswith("Leaving out one incident at a time") for s in four.summary)


def test_no_value_is_predicted_beyond_the_last_incident():
    result = trend(points([12, 7, 8.5, 3, 1.5]))
    fit = result.fit
    line = fit.line()
    assert line["x"].min() == 1 and line["x"].max() == 5
    inside = np.array([1, 3, 5.0])
    assert fit.predict(inside) == pytest.approx(fit.a * inside**-fit.b)
    for outside in (6, 5.01, 0.5, [2, 7]):
        with pytest.raises(kit.NotEnoughData, match="does not predict"):
            fit.predict(outside)
    # nothing in the result holds a value for an incident after the last one
    assert result.points["incident_no"].max() == 5
    assert not any("next incident will" in s for s in result.summary)


def test_the_sample_is_reported_honestly(sample_copy):
    result = trend(sample_copy.frame())
    assert (result.first, result.latest) == (12.0, 0.2)
    assert result.change_min == pytest.approx(-11.8)
    assert result.change_pct == pytest.approx(-98.33, abs=0.01)
    assert result.summary[0].startswith(
        "From your first to your latest incident, the time from the alert to your "
        "first deliberate step fell from 12 to 0.2 minutes (11.8 minutes less, 98% "
        "shorter). Incidents differ a lot;"
    )
    # incident 3 got worse: said in words, never smoothed away
    assert result.longer == [(2, 3, 5.0, 6.0)]
    assert "Incident 3 took longer than incident 2 (6 against 5 minutes)." in (
        result.summary
    )
    assert result.position == 5
    assert result.stage == messages.TREND_STAGE_IN_BAND.format(n=5)
    assert result.sentences() == result.summary


def test_a_journal_can_be_passed_directly():
    sample = kit.Journal.sample()
    assert trend(sample).summary == trend(sample.frame()).summary


def test_a_rise_is_said_plainly():
    result = trend(points([3, 5]))
    assert result.change_min == 2
    assert "rose from 3 to 5 minutes (2 minutes more)" in result.summary[0]
    assert result.longer == [(1, 2, 3.0, 5.0)]


def test_every_rise_is_named_not_only_the_first():
    result = trend(points([10, 6, 7, 4, 5]))
    assert [(a, b) for a, b, _, _ in result.longer] == [(2, 3), (4, 5)]
    text = " ".join(result.summary)
    assert "Incident 3 took longer than incident 2" in text
    assert "Incident 5 took longer than incident 4" in text


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (1, messages.TREND_STAGE_EARLY),
        (2, messages.TREND_STAGE_EARLY),
        (3, messages.TREND_STAGE_IN_BAND),
        (5, messages.TREND_STAGE_IN_BAND),
        (7, messages.TREND_STAGE_PAST),
    ],
)
def test_the_stage_in_the_three_to_five_band(position, expected):
    result = trend(points(np.linspace(10, 2, position)))
    assert result.stage == expected.format(n=position)
    assert result.stage in result.summary
    if position == 2:
        assert "This is incident 2." in result.stage
        assert "rule of thumb" in result.stage and "not a norm" in result.stage
        assert messages.TREND_PRIOR_ASK in result.summary


def test_incidents_before_the_journal_move_the_count(tmp_path):
    """Starting the journal at the tenth incident is not 'early days'."""
    journal = kit.Journal(tmp_path / "journal")
    for incident in kit.Journal.sample().load().incidents[:2]:
        journal.save(incident)
    assert trend(journal).stage == messages.TREND_STAGE_EARLY.format(n=2)
    kit.settings.set_prior_incidents(journal.path, 9)
    frame = journal.frame()
    assert frame["incident_no"].tolist() == [10, 11]
    result = trend(frame)
    assert result.position == 11
    assert result.stage == messages.TREND_STAGE_PAST.format(n=11)
    assert messages.TREND_PRIOR.format(prior=9, first=10) in result.summary
    assert messages.TREND_PRIOR_ASK not in result.summary


def test_drafts_without_a_first_action_are_skipped_and_named(
    tmp_journal, make_incident
):
    for number, minutes in [(1, 10.0), (2, None), (3, 6.0), (4, 4.0)]:
        tmp_journal.save(timed_incident(make_incident, number, minutes))
    result = trend(tmp_journal.frame())
    assert result.n_incidents == 4 and result.n_points == 3
    assert result.skipped == [2]
    assert result.points["incident_no"].tolist() == [1, 3, 4]
    assert messages.TREND_SKIPPED_DRAFTS.format(numbers="2") in result.summary
    # the fit uses the real incident numbers, not renumbered points
    assert result.fit.x_min == 1 and result.fit.x_max == 4


def test_only_drafts_say_there_is_nothing_to_chart(tmp_journal, make_incident):
    tmp_journal.save(timed_incident(make_incident, 1, None))
    result = trend(tmp_journal.frame())
    assert result.fit is None and result.n_points == 0
    assert result.summary == [messages.TREND_NO_TIMES_YET.format(n=1)]


def test_a_zero_time_is_left_out_of_the_line_and_said():
    result = trend(points([10, 5, 0, 3, 2]))
    assert result.fit is not None
    assert result.fit.excluded == (3,)
    assert result.fit.n_points == 4
    expected = -np.polyfit(np.log([1, 2, 4, 5]), np.log([10, 5, 3, 2]), 1)[0]
    assert result.fit.b == pytest.approx(expected)
    assert messages.TREND_CAVEAT_ZERO.format(numbers="3") in result.summary
    assert result.points["minutes"].tolist() == [10, 5, 0, 3, 2]  # still a point


def test_zeros_that_leave_too_few_points_give_no_fit_and_say_why():
    result = trend(points([4, 0, 0]))
    assert result.fit is None
    assert result.reason == messages.TREND_NO_FIT_ZEROS.format(n=1)
    assert "cannot pass through a time of 0 minutes" in result.reason


def test_caveats_for_severity_recalled_times_and_few_points():
    result = trend(
        points(
            [12, 7, 8.5],
            severity=["SEV1", "SEV2", "SEV2"],
            source=["recalled", "live", "live"],
        )
    )
    severity = messages.TREND_CAVEAT_SEVERITY.format(severities="SEV1, SEV2")
    assert severity in result.caveats
    assert messages.TREND_CAVEAT_RECALLED.format(n=1, total=3) in result.caveats
    assert messages.TREND_CAVEAT_FEW.format(n=3) in result.caveats
    assert set(result.caveats) <= set(result.summary)
    every = trend(points([12, 7], source=["recalled", "recalled"]))
    assert messages.TREND_CAVEAT_RECALLED_ALL in every.caveats
    # a uniform, live, long journal needs none of these
    calm = trend(points(np.linspace(9, 2, 8), severity="SEV2", source="live"))
    assert calm.caveats == []


def test_a_missing_column_names_the_column():
    with pytest.raises(kit.NotEnoughData, match="no column 'minutes'"):
        trend(points([1, 2, 3]), y="minutes")


def test_the_trend_reads_as_markdown_bullets():
    result = trend(points([12, 7, 3]))
    assert isinstance(result, Trend)
    assert result._repr_markdown_().splitlines() == [f"- {s}" for s in result.summary]


def test_fit_power_law_names_its_reason():
    assert fit_power_law([2, 2, 2], [5, 4, 3]) == (None, messages.TREND_NO_FIT_SAME_X)
    fit, reason = fit_power_law([1, 2, 4], [12, 6, 3])
    assert isinstance(fit, Fit) and reason is None
    assert fit.b == pytest.approx(1.0)


# --- phases of the 45-minute walk ----------------------------------------------------


def test_phases_of_the_first_sample_incident():
    first = kit.Journal.sample().load().incidents[0]
    table = phases(first).set_index("phase")
    assert table.index.tolist() == ["triage", "fix", "post-mortem"]
    assert table["planned_min"].tolist() == [5.0, 20.0, 20.0]
    assert table["planned_start_min"].tolist() == [0.0, 5.0, 25.0]
    # triage ends at the first hands-on step (a pod restart at minute 3), not at the
    # first deliberate step (the rollback at minute 12): two different measures
    assert table.loc["triage", "actual_min"] == pytest.approx(3.0)
    assert table.loc["triage", "ended_by"] == "hands_on_at"
    assert table.loc["triage", "over_plan_min"] == pytest.approx(-2.0)
    assert first.panic_to_action_min == pytest.approx(12.0)
    assert table.loc["fix", "actual_min"] == pytest.approx(12 + 50 / 60 - 3)
    assert table.loc["fix", "ended_by"] == "mitigated_at"
    assert math.isnan(table.loc["post-mortem", "actual_min"])  # not recorded


def test_breathing_and_broadcasting_do_not_end_triage(make_incident):
    """They end panic-to-action; triage is the plan's time before fixing."""
    alert = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    incident = make_incident(
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=1)).isoformat(),
            "broadcast_at": (alert + timedelta(minutes=3)).isoformat(),
            "hands_on_at": (alert + timedelta(minutes=6)).isoformat(),
            "resolved_at": (alert + timedelta(minutes=30)).isoformat(),
        }
    )
    table = phases(incident).set_index("phase")
    assert incident.panic_to_action_min == 1.0
    assert table.loc["triage", "actual_min"] == 6.0
    assert table.loc["triage", "ended_by"] == "hands_on_at"
    # no mitigation time: the fix runs until resolved
    assert table.loc["fix", "actual_min"] == 24.0
    assert table.loc["fix", "ended_by"] == "resolved_at"


def test_an_unfinished_fix_is_unknown_not_zero(make_incident):
    alert = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    incident = make_incident(
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=2)).isoformat(),
            "hands_on_at": (alert + timedelta(minutes=4)).isoformat(),
        }
    )
    table = phases(incident).set_index("phase")
    assert table.loc["triage", "actual_min"] == 4.0
    assert math.isnan(table.loc["fix", "actual_min"])


def test_without_a_hands_on_time_triage_is_unknown(make_incident):
    alert = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    incident = make_incident(
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=2)).isoformat(),
            "resolved_at": (alert + timedelta(minutes=20)).isoformat(),
        }
    )
    table = phases(incident).set_index("phase")
    assert math.isnan(table.loc["triage", "actual_min"])
    assert not isinstance(table.loc["triage", "ended_by"], str)  # nothing ended it


def test_a_recalled_alert_in_a_live_draft_is_a_caveat(make_incident):
    frame = kit.Journal.sample().frame()
    frame["source"] = "live"
    frame["alert_source"] = "live"
    assert messages.TREND_CAVEAT_RECALLED.format(n=1, total=5) not in trend(
        frame).summary
    frame.loc[0, "alert_source"] = "recalled"
    assert messages.TREND_CAVEAT_RECALLED.format(n=1, total=5) in trend(frame).summary


def test_latest_incident(tmp_journal, make_incident):
    assert latest_incident(tmp_journal) is None
    assert latest_incident([]) is None
    for number in (2, 1, 3):
        tmp_journal.save(timed_incident(make_incident, number, 5.0))
    assert latest_incident(tmp_journal).id.endswith("incident-3")


# --- many people ----------------------------------------------------------------------


def random_pool(rng, people=40) -> pd.DataFrame:
    rows = []
    for person in range(people):
        count = int(rng.integers(0, 8))
        a, b = rng.uniform(3, 20), rng.uniform(-0.5, 2)
        for n in range(1, count + 1):
            minutes = a * n**-b * math.exp(rng.normal(0, 0.4))
            roll = rng.random()
            if roll < 0.07:
                minutes = 0.0
            elif roll < 0.12:
                minutes = math.nan
            rows.append(
                {"pseudonym": f"p{person:03d}", "incident_no": n,
                 "panic_to_action_min": round(minutes, 1)}
            )
    frame = pd.DataFrame(rows)
    return frame.sample(frac=1.0, random_state=3)  # row order must not matter


def test_trend_by_person_matches_trend_for_each_person():
    rng = np.random.default_rng(11)
    pool = random_pool(rng)
    table = trend_by_person(pool)
    assert table.index.tolist() == sorted(pool["pseudonym"].unique())
    compared = 0
    for who, rows in pool.groupby("pseudonym"):
        single = trend(rows)
        row = table.loc[who]
        assert row["n_points"] == single.n_points
        if single.fit is None:
            assert math.isnan(row["b"]) and math.isnan(row["doubling_factor"])
        else:
            compared += 1
            assert row["b"] == pytest.approx(single.fit.b, abs=1e-9)
            assert row["a"] == pytest.approx(single.fit.a, rel=1e-9)
            assert row["n_fit"] == single.fit.n_points
        if single.n_points:
            assert row["first_min"] == single.first
            assert row["latest_min"] == single.latest
    assert compared >= 10  # the comparison really covered fitted people


def test_trend_by_person_gives_nan_below_three_points():
    pool = pd.DataFrame(
        {
            "pseudonym": ["a", "a", "b", "b", "b", "c"],
            "incident_no": [1, 2, 1, 2, 4, 1],
            "panic_to_action_min": [10.0, 5.0, 12.0, 6.0, 3.0, math.nan],
        }
    )
    table = trend_by_person(pool)
    assert math.isnan(table.loc["a", "b"])
    assert table.loc["b", "b"] == pytest.approx(1.0)
    assert table.loc["c", "n_points"] == 0 and math.isnan(table.loc["c", "b"])


def test_trend_by_person_handles_a_hundred_thousand_rows():
    rng = np.random.default_rng(5)
    people, per_person = 20_000, 5
    n = np.tile(np.arange(1, per_person + 1), people)
    b = np.repeat(rng.uniform(0.2, 1.8, people), per_person)
    pool = pd.DataFrame(
        {
            "pseudonym": np.repeat([f"p{i:05d}" for i in range(people)], per_person),
            "incident_no": n,
            "panic_to_action_min": 12.0 * n.astype(float) ** -b,
        }
    )
    assert len(pool) == 100_000
    table = trend_by_person(pool)
    assert len(table) == people
    assert np.allclose(table["b"].to_numpy(), b[::per_person])
    assert (table["n_points"] == per_person).all()
