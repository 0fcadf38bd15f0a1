"""kit.mentor: the attribution exercise, the curve beside the sample, and the
walkthrough's and workshop's words; titles a person typed are escaped."""

from __future__ import annotations

import pytest
from helpers import incident_data

import kit
from kit import mentor, pool
from kit.record import validate_incident


def test_problems_and_titles_are_escaped(tmp_path, tmp_journal):
    folder = tmp_path / "pool"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.csv").write_text("nonsense\n")
    text = pool.describe_pool(pool.pool(folder))
    assert "<img" not in text and "&lt;img" in text
    tmp_journal.save(validate_incident(incident_data(title="<script>x</script> | *b*")))
    table = mentor.attribution_table(tmp_journal.frame())
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert "\\|" in table  # a pipe cannot break the table


def test_attribution_sorts_whose_into_mine_and_the_systems():
    table = mentor.attribution(kit.Journal.sample().frame())
    assert table["bucket"].tolist() == ["yours to own", "the system's", "the system's",
                                        "the system's", "yours to own"]
    assert "2 came from a change of yours, 3 belonged to the system" in \
        table.attrs["summary"]


def test_beside_sample_keeps_each_curve_separate(sample_copy):
    both = mentor.beside_sample(sample_copy.frame())
    assert both["pseudonym"].value_counts().tolist() == [5, 5]
    only = mentor.beside_sample(kit.Journal.sample().frame(), is_sample=True)
    assert only["pseudonym"].nunique() == 1


def test_mentor_and_workshop_words():
    assert "What would you tell a junior engineer in your exact seat?" in \
        mentor.mentor_questions("change")
    assert mentor.mentor_agenda().count("min |") == 5
    with pytest.raises(ValueError, match="choose one of"):
        mentor.mentor_questions("nope")
    assert "system" in mentor.workshop_prompts()


def test_every_step_of_the_walkthrough_has_questions():
    assert set(mentor.MENTOR_STEPS) == set(kit.messages.MENTOR_QUESTIONS)
    for step in mentor.MENTOR_STEPS:
        assert mentor.mentor_questions(step).startswith("- ")
