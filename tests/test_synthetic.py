"""kit.synthetic: a seeded, documented generator of team exports and incidents."""

from __future__ import annotations

import numpy as np
import pytest

import kit
from kit import metrics, paths, pool, privacy, synthetic
from kit.errors import SaveFailed
from kit.record import Incident


def test_team_exports_are_reproducible_and_pool_cleanly(tmp_path):
    first = synthetic.team_exports(tmp_path / "a", seed=11)
    again = synthetic.team_exports(tmp_path / "b", seed=11)
    other = synthetic.team_exports(tmp_path / "c", seed=12)
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    pooled = pool.pool(tmp_path / "a")
    assert pooled.attrs["problems"] == []
    assert privacy.count_people(pooled) == 12


def test_the_team_is_varied_like_a_real_one():
    data = synthetic.team_frame(12, seed=synthetic.DEFAULT_SEED)
    counts = data.groupby("pseudonym").size()
    assert counts.min() >= 2 and counts.max() <= 10 and counts.nunique() >= 4
    b = metrics.trend_by_person(data)["b"].dropna()  # each person's own exponent
    assert (b > 0.5).sum() >= 4  # some improve clearly...
    assert (b < 0).sum() >= 2  # ...and some get slower
    first_last = data.groupby("pseudonym")["panic_to_action_min"].agg(
        lambda s: s.iloc[-1] - s.iloc[0])
    assert (first_last < 0).sum() >= 4  # some improve...
    assert (first_last > 0).sum() >= 2  # ...and some do not
    systemic = data.groupby("pseudonym")["whose"].agg(
        lambda whose: (whose == "systemic").mean())
    assert (systemic >= 0.4).any() and (systemic <= 0.2).any()
    plan = data.attrs["plan"]
    assert {profile for profile, _ in plan.values()} == set(synthetic.PROFILES)
    assert {env for _, env in plan.values()} == set(synthetic.ENVIRONMENTS)


def test_the_shipped_sample_is_exactly_what_the_generator_makes(tmp_path):
    assert synthetic.main([str(tmp_path), "--seed", str(synthetic.DEFAULT_SEED)]) == 0
    shipped = paths.team_sample()
    made = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert made == sorted(p.name for p in shipped.glob("*.csv"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
    made_answers = sorted(p.name for p in (tmp_path / "safety").glob("*.csv"))
    assert made_answers == sorted(p.name for p in (shipped / "safety").glob("*.csv"))
    for name in made_answers:
        assert (tmp_path / "safety" / name).read_bytes() == \
            (shipped / "safety" / name).read_bytes()


def test_the_sample_readme_says_synthetic_seed_and_command():
    readme = (paths.team_sample() / "README.md").read_text()
    assert "synthetic" in readme.lower()
    assert str(synthetic.DEFAULT_SEED) in readme
    assert "python -m kit.synthetic data/team-sample --overwrite" in readme


def test_nothing_is_overwritten_unless_asked(tmp_path):
    synthetic.team_exports(tmp_path, people=5, seed=1)
    with pytest.raises(SaveFailed, match="nothing was overwritten"):
        synthetic.team_exports(tmp_path, people=5, seed=1)
    synthetic.team_exports(tmp_path, people=5, seed=1, overwrite=True)
    assert synthetic.main([str(tmp_path), "--people", "5", "--overwrite"]) == 0
    assert len(list(tmp_path.glob("*.csv"))) == 5
    assert len(list((tmp_path / "safety").glob("*.csv"))) == 5


def test_a_benchmark_sized_team_has_the_requested_shape(tmp_path):
    data = synthetic.team_frame(40, seed=2, incidents=25)
    assert len(data) == 1_000 and data["pseudonym"].nunique() == 40
    ranged = synthetic.team_frame(30, seed=2, incidents=(3, 5))
    sizes = ranged.groupby("pseudonym").size()
    assert sizes.between(3, 5).all()


@pytest.mark.parametrize("n", [0, 1, 50, 1_000])
def test_incidents_are_valid_unique_and_seeded(n):
    made = synthetic.incidents(n, seed=4)
    assert len(made) == n
    assert all(isinstance(inc, Incident) for inc in made)
    assert len({inc.id for inc in made}) == n
    again = synthetic.incidents(n, seed=4)
    assert [inc.to_data() for inc in made] == [inc.to_data() for inc in again]
    if n > 1:
        other = synthetic.incidents(n, seed=5)
        assert [inc.to_data() for inc in made] != [inc.to_data() for inc in other]
    if n:
        alerts = [inc.times.alert_at for inc in made]
        assert alerts == sorted(alerts)
        assert all(inc.panic_to_action_min is not None for inc in made)


def test_incidents_go_through_a_journal_and_its_frame(tmp_path):
    journal = kit.Journal(tmp_path / "journal")
    for inc in synthetic.incidents(50, seed=9):
        journal.save(inc)
    result = journal.load()
    assert len(result.incidents) == 50 and result.problems == []
    frame = journal.frame()
    assert frame["panic_to_action_min"].notna().all()
    assert np.isfinite(frame["distress_peak"]).all()
    # a later incident tends to be quicker: the generator follows a practice curve
    assert frame["panic_to_action_min"].iloc[-10:].median() < \
        frame["panic_to_action_min"].iloc[:10].median()
