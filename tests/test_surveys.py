"""kit.surveys: the psychological safety scale, the audit, the reflections, and the
distress note."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import incident_data

import kit
from kit import pool, surveys
from kit.errors import NotEnoughData
from kit.forms import audit_form, defect_form, safety_form, stay_or_fight_form
from kit.record import validate_incident

DIAGNOSIS_WORDS = (
    "diagnos", "disorder", "depress", "anxiety", "ptsd", "trauma", "burnout",
    "illness", "mental health condition", "patholog", "symptom", "clinical",
    "panic attack", "you have", "you are suffering",
)


# --- psychological safety -----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # reverse items 1, 3, 5 are scored 8 - answer
        ([1, 7, 1, 7, 1, 7, 7], 7.0),
        ([7, 1, 7, 1, 7, 1, 1], 1.0),
        ([4, 4, 4, 4, 4, 4, 4], 4.0),
        # (8-2) + 6 + (8-3) + 5 + (8-4) + 6 + 7 = 6+6+5+5+4+6+7 = 39 -> 39/7
        ([2, 6, 3, 5, 4, 6, 7], 39 / 7),
        # (8-6) + 2 + (8-7) + 3 + (8-5) + 2 + 1 = 2+2+1+3+3+2+1 = 14 -> 2.0
        ([6, 2, 7, 3, 5, 2, 1], 2.0),
    ],
)
def test_safety_score_matches_hand_computed_values(answers, expected):
    assert surveys.safety_score(answers) == pytest.approx(expected)
    as_mapping = {number: value for number, value in enumerate(answers, start=1)}
    assert surveys.safety_score(as_mapping) == pytest.approx(expected)


@pytest.mark.parametrize("answers", [
    [0, 4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4, 8], [4, 4, 4, 4, 4, 4],
    [4, 4, 4, 4, 4, 4, 4, 4], [4, 4, True, 4, 4, 4, 4], [4, 4, 4, 3.5, 4, 4, 4],
    [4, None, 4, 4, 4, 4, 4], "4444444",
])
def test_safety_score_refuses_answers_outside_the_scale(answers):
    with pytest.raises(ValueError, match="statement"):
        surveys.safety_score(answers)


def test_vectorised_scores_equal_one_at_a_time():
    rng = np.random.default_rng(5)
    answers = rng.integers(1, 8, size=(50, 7))
    frame = pd.DataFrame(answers, columns=[f"item_{n}" for n in range(1, 8)])
    expected = [surveys.safety_score(list(map(int, row))) for row in answers]
    assert surveys.safety_scores(frame).tolist() == pytest.approx(expected)


def test_answers_are_saved_anonymously_and_loaded_with_problems(tmp_path):
    paths = [surveys.save_safety_answers([2, 6, 3, 5, 4, 6, 7], tmp_path)
             for _ in range(3)]
    assert len({p.name for p in paths}) == 3
    assert all(re.fullmatch(r"answers-[0-9a-f]{16}\.csv", p.name) for p in paths)
    assert paths[0].read_text() == ("format,item_1,item_2,item_3,item_4,item_5,"
                                    "item_6,item_7\n1,2,6,3,5,4,6,7\n")
    (tmp_path / "bad.csv").write_text("format,item_1,item_2,item_3,item_4,item_5,"
                                      "item_6,item_7\n1,2,6,9,5,4,6,7\n")
    (tmp_path / "other.csv").write_text("name,score\nAlice,7\n")
    loaded = surveys.load_safety_answers(tmp_path)
    assert len(loaded) == 3
    assert loaded["score"].tolist() == pytest.approx([39 / 7] * 3)
    problems = {p.file: p for p in loaded.attrs["problems"]}
    assert problems["bad.csv"].line == 2 and problems["bad.csv"].column == "item_3"
    assert "Alice" not in problems["other.csv"].reason


def test_the_team_figure_is_hidden_below_five_answers(tmp_path):
    answers = [[2, 6, 3, 5, 4, 6, 7], [1, 7, 1, 7, 1, 7, 7], [4] * 7,
               [6, 2, 7, 3, 5, 2, 1], [3, 5, 2, 6, 3, 5, 6]]
    for values in answers[:4]:
        surveys.save_safety_answers(values, tmp_path)
    four = surveys.safety_aggregate(tmp_path)
    assert not four.shown and four.score is None and four.respondents == 4
    assert "hidden" in four.text and "4 answer(s)" in four.text
    surveys.save_safety_answers(answers[4], tmp_path)
    five = surveys.safety_aggregate(tmp_path)
    assert five.shown and five.respondents == 5
    expected = np.mean([surveys.safety_score(a) for a in answers])
    assert five.score == pytest.approx(expected)
    # item 1 is reverse-scored: mean of 8 - answer
    assert five.items["item_1"] == pytest.approx(np.mean([8 - a[0] for a in answers]))
    assert five.items["item_2"] == pytest.approx(np.mean([a[1] for a in answers]))
    assert f"{expected:.1f} out of 7" in five._repr_markdown_()
    # seven statement lines and one team figure: no line per respondent
    assert len(re.findall(r"^\d\. \d\.\d: ", five.text, flags=re.M)) == 7


def test_the_aggregate_defaults_to_the_pool_folder(tmp_path):
    sample = surveys.safety_aggregate()
    assert sample.shown and sample.respondents == 12
    empty = surveys.safety_aggregate(pool=pool.pool(tmp_path))
    assert not empty.shown and "No survey answers yet" in empty.text


def _answer(form, values) -> None:
    for number, value in enumerate(values, start=1):
        form.controls[f"item_{number}"].value = value


def test_the_safety_form_shows_a_score_and_saves_only_when_asked(tmp_path):
    form = safety_form()
    assert form.controls["save"].disabled
    form.controls["show"].click()
    assert "still open: 1, 2, 3, 4, 5, 6, 7" in form.status.value
    _answer(form, [2, 6, 3, 5, 4, 6, 7])
    form.controls["show"].click()
    assert "5.6 out of 7" in form.status.value
    assert list(tmp_path.iterdir()) == []
    shared = safety_form(tmp_path)
    _answer(shared, [4] * 7)
    shared.controls["save"].click()
    (saved,) = tmp_path.iterdir()
    assert saved.read_text().endswith("1,4,4,4,4,4,4,4\n")
    assert shared.controls["save"].disabled and "anonymously" in shared.status.value


def test_the_statements_are_seven_paraphrases_with_a_citation():
    assert len(kit.messages.SAFETY_ITEMS) == 7
    assert surveys.REVERSE_ITEMS == (1, 3, 5)
    assert "Administrative Science Quarterly, 44(2), 350-383" in \
        kit.messages.SAFETY_SOURCE
    assert "paraphrased" in kit.messages.SAFETY_PARAPHRASE_NOTE


# --- the audit and the reflections --------------------------------------------------


def test_audit_observations_are_plain_and_about_the_system():
    found = surveys.audit_observations(surveys.EXAMPLE_AUDIT)
    text = " ".join(found)
    assert "about 50 service(s)" in text
    assert "3 of them (38%)" in text
    assert "6 of 40 deploy(s) (15%) skipped staging" in text
    assert "3 deploy(s) went out on a Friday evening" in text
    assert "2 of 5 post-mortem(s) started with a person" in text
    for line in found:
        assert kit.check_blame(line) == [], line
    assert surveys.audit_observations({}) == []
    calm = surveys.audit_observations({"rotation_people": 8, "services_covered": 12,
                                       "deploys_last_month": 30,
                                       "deploys_skipping_staging": 0,
                                       "postmortems_last_quarter": 4,
                                       "postmortems_about_a_person": 0})
    assert any("No deploy skipped staging" in line for line in calm)
    assert any("started with the mechanism" in line for line in calm)
    assert not any("more than anyone can know" in line for line in calm)
    assert "resilient against what" in surveys.audit_report(surveys.EXAMPLE_AUDIT)


def test_audit_form_shows_observations_on_click():
    form = audit_form()
    form.controls["show"].click()
    assert "Fill in the numbers" in form.status.value
    form.controls["rotation_people"].value = "2"
    form.controls["services_covered"].value = "100"
    form.controls["show"].click()
    observations = form.controls["observations"].value
    assert "about 50 service(s)" in observations
    assert "<li>" in observations
    # Nothing else was answered, so nothing else is said.
    assert observations.count("<li>") == 3  # coverage, too wide, small rotation
    assert "post-mortem" not in observations and "staging" not in observations
    form.controls["pages_per_week"].value = "a few"
    form.controls["show"].click()
    assert "needs a whole number" in form.status.value
    assert form.controls["observations"].value == ""


def test_an_audit_with_one_answer_draws_no_observation_from_the_others():
    for key in kit.messages.AUDIT_FIELDS:
        for value in (0, 1, 5):
            found = surveys.audit_observations({key: value})
            text = " ".join(found)
            assert "post-mortem" not in text or key.startswith("postmortems"), key
            assert "staging" not in text, key  # needs deploys and skipped, both
            assert len(found) <= 1, (key, value, found)
    assert surveys.audit_observations({"postmortems_last_quarter": None}) == []
    assert surveys.audit_observations({"postmortems_last_quarter": 0}) == [
        kit.messages.AUDIT_OBSERVATIONS["no_postmortems"]]
    assert surveys.audit_observations({"pages_per_week": 8}) == [
        "8 page(s) in a typical week is about 1.1 a day."]


def test_defect_form_never_echoes_what_was_typed():
    form = defect_form()
    form.controls["reflect"].click()
    assert "Nothing comes to mind" in form.status.value
    form.controls["answer"].value = "<b>fixed the flaky disk alert</b>"
    form.controls["reflect"].click()
    assert "That counts" in form.status.value
    assert "flaky" not in form.status.value


def test_stay_or_fight_observations_follow_the_answers():
    fight = surveys.stay_or_fight_observations({"leadership": "yes",
                                                "influence": "yes"})
    assert any("something to work with" in line for line in fight)
    leave = surveys.stay_or_fight_observations({"leadership": "no", "influence": "no",
                                                "learning": "enduring",
                                                "support": "no"})
    text = " ".join(leave)
    assert "not a career strategy" in text and "room the environment" in text
    assert "endured" in text and "Having nobody to tell" in text
    for line in leave + fight:
        assert kit.check_blame(line) == [], line


def test_stay_or_fight_form_adds_the_note_for_a_heavy_weight():
    form = stay_or_fight_form()
    shown = form.controls["observations"]
    form.controls["leadership"].value = "no"
    form.controls["weight"].value = 3
    form.controls["reflect"].click()
    assert "not a career strategy" in shown.value
    assert "findahelpline.com" not in shown.value
    form.controls["weight"].value = 9
    form.controls["reflect"].click()
    assert "9 out of 10" in shown.value
    assert "findahelpline.com" in shown.value


def test_the_forms_are_forms_and_the_instruments_hold_no_widgets():
    from kit.forms._common import Form

    for form in (safety_form(), audit_form(), defect_form(), stay_or_fight_form()):
        assert isinstance(form, Form) and "status" in form.controls
    source = Path(surveys.__file__).read_text()
    assert "ipywidgets" not in source


# --- the distress note --------------------------------------------------------------


def _journal_with(journal, peaks, lookbacks=None, *, drafts=()):
    """Incidents a week apart, ending a week ago, with these peaks and look-backs."""
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(
        days=7 * (len(peaks) + 1))
    lookbacks = lookbacks or [None] * len(peaks)
    for number, (peak, back) in enumerate(zip(peaks, lookbacks, strict=True)):
        alert = start + timedelta(days=7 * number)
        data = incident_data(id=f"{alert:%Y-%m-%d}-incident-{number}",
                             body={"distress_peak": peak} if peak is not None else {})
        data["times"] = {"alert_at": alert.isoformat(),
                         "first_action_at": (alert + timedelta(minutes=5)).isoformat()}
        if back is not None:
            data["lookback"] = {"at": (alert + timedelta(days=1)).isoformat(), **back}
        journal.save(validate_incident(data))
    for number in drafts:
        alert = start + timedelta(days=7 * number, hours=1)
        data = incident_data(id=f"{alert:%Y-%m-%d}-draft-{number}", draft=True,
                             severity=None, body={"distress_peak": 2})
        data["times"] = {"alert_at": alert.isoformat()}
        journal.save(validate_incident(data))
    return journal.frame()


HEAVY = {"heavy_now": 8, "sleep": "poorly", "dread_next": 8}
CALM = {"heavy_now": 2, "sleep": "well", "dread_next": 1}


@pytest.mark.parametrize("lookbacks", [
    [HEAVY, HEAVY, CALM], [CALM, {"sleep": "hardly"}, {"dread_next": 9}],
    [None, HEAVY, HEAVY],
])
def test_the_distress_note_appears_for_distress_that_lasts(tmp_journal, lookbacks):
    note = surveys.distress_note(_journal_with(tmp_journal, [3, 3, 3], lookbacks))
    assert note is not None
    text = str(note).lower()
    assert "look-backs" in text
    for place in ("someone you trust", "employee assistance programme", "doctor",
                  "emergency services", "crisis line", "findahelpline.com"):
        assert place in text
    for word in DIAGNOSIS_WORDS:
        assert word not in text, word
    assert kit.check_blame(str(note)) == []
    assert note._repr_markdown_() == str(note)


@pytest.mark.parametrize("peaks", [
    [], [9, 9], [9, 7, 7], [7, 7, 7], [3, 7, 8, 9], [9, 9, 9, 2, 3, 4], [8, None, 8],
])
def test_high_peaks_during_incidents_never_bring_the_note(tmp_journal, peaks):
    """Peaks of 9, 7, 7 on the first incidents are the normal early pattern."""
    assert surveys.distress_note(_journal_with(tmp_journal, peaks)) is None


def test_one_heavy_morning_and_calm_ones_stay_quiet(tmp_journal):
    frame = _journal_with(tmp_journal, [9, 7, 7], [HEAVY, CALM, CALM])
    assert surveys.distress_note(frame) is None


def test_drafts_do_not_break_the_rule(tmp_journal):
    frame = _journal_with(tmp_journal, [8, 8, 9], [HEAVY, None, HEAVY], drafts=(1, 2))
    assert surveys.distress_note(frame) is not None


def test_the_note_reads_a_reflection_too_and_never_a_pool():
    assert surveys.distress_note(reflection={"weight": 8}) is not None
    assert surveys.distress_note(reflection={"weight": 7}) is None
    assert surveys.distress_note(reflection={"weight": True}) is None
    assert surveys.distress_note(kit.Journal.sample().frame()) is None
    with pytest.raises(NotEnoughData, match="one person's own journal"):
        surveys.distress_note(pool.pool())


def test_help_text_points_to_real_help_without_diagnosing():
    text = str(surveys.help_text()).lower()
    for place in ("someone you trust", "employee assistance programme", "doctor",
                  "emergency services", "crisis line", "findahelpline.com"):
        assert place in text
    for word in DIAGNOSIS_WORDS:
        assert word not in text, word


def test_public_names():
    for name in surveys.__all__:
        assert hasattr(surveys, name)
    assert kit.surveys.safety_score is surveys.safety_score
