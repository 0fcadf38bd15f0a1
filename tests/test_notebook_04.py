"""Notebook 04 (your trend) runs end to end on the sample and on journals holding 0, 1
and 2 incidents, and says in words what it cannot chart."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import nbformat
import pytest
from helpers import NOTEBOOKS, notebook_text

from kit import messages

NAME = "04-your-trend.ipynb"
UTC = timezone.utc


def add_incidents(journal, make_incident, minutes: list[float]) -> None:
    for number, taken in enumerate(minutes, start=1):
        alert = datetime(2026, 2, 1, 9, 0, tzinfo=UTC) + timedelta(days=40 * number)
        journal.save(
            make_incident(
                id=f"{alert:%Y-%m-%d}-trend-{number}",
                times={
                    "alert_at": alert.isoformat(),
                    "first_action_at": (alert + timedelta(minutes=taken)).isoformat(),
                    "mitigated_at": (alert + timedelta(minutes=taken + 9)).isoformat(),
                    "source": "live",
                },
            )
        )


def outputs(nb, kind: str) -> list[dict]:
    return [
        out
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == kind
    ]


def images(nb) -> int:
    return sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        for out in cell.get("outputs", [])
    )


def assert_clean(nb) -> None:
    """No error output, no traceback, no warning on stderr, no echoed Axes repr."""
    assert outputs(nb, "error") == []
    stderr = [out["text"] for out in outputs(nb, "stream") if out["name"] == "stderr"]
    assert stderr == []
    text = notebook_text(nb)
    assert "Traceback" not in text
    assert "<Axes" not in text and "Line2D" not in text


# --- the committed notebook ----------------------------------------------------------


def test_the_notebook_is_committed_clean_and_shaped_like_the_others():
    nb = nbformat.read(NOTEBOOKS / NAME, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    top = first.source.splitlines()
    # the path a person alone takes: 03 -> 04 -> 07
    assert "03-post-mortem.ipynb" in top[0]
    assert "07-resilient-against-what.ipynb" in top[0]
    assert any(line.startswith("# ") for line in top)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].source == "import kit"
    for cell in code:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None
        assert len(cell.source.splitlines()) <= 3  # logic lives in kit/
    (parameters,) = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert parameters.source.startswith("JOURNAL = None")
    assert "SAMPLE_IF_EMPTY = True" in parameters.source
    for cell in code:
        if "kit.charts." in cell.source and "save_pngs" not in cell.source:
            assert cell.source.rstrip().endswith(";")  # no Axes repr in the output
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    assert headings[-2:] == ["## Questions to sit with", "## Further reading"]
    assert any("report_form(journal)" in cell.source for cell in nb.cells)


# --- runs ----------------------------------------------------------------------------


def test_runs_on_the_sample(run_notebook):
    nb = run_notebook(NAME, params={"JOURNAL": "sample", "SAMPLE_IF_EMPTY": True})
    assert_clean(nb)
    text = notebook_text(nb)
    assert messages.SHOWING_SAMPLE in text
    assert "fell from 12 to 0.2 minutes" in text
    assert "rule of thumb" in text
    # the morning-after look-backs beside the hour, and the kind note's rule
    assert "slept poorly" in text and "Night page" in text
    assert "normal early pattern" in text
    assert "employee assistance programme" not in text.split("## Questions")[0]
    assert "Incident 3 took longer than incident 2" in text
    assert "each doubling of the number of incidents" in text
    assert images(nb) == 5
    assert "sample-panic-to-action.png" in text


def test_runs_on_an_empty_journal_and_says_there_is_nothing_yet(
    run_notebook, tmp_journal
):
    nb = run_notebook(
        NAME, params={"JOURNAL": str(tmp_journal.path), "SAMPLE_IF_EMPTY": False}
    )
    assert_clean(nb)
    text = notebook_text(nb)
    assert "0 incident(s)" in text
    assert messages.TREND_NOTHING_YET in text
    assert "There is nothing to chart yet" in text
    assert messages.CHARTS_NOTHING_TO_SAVE in text
    assert not (tmp_journal.path / "charts").exists()


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        ([9.5], "was 9.5 minutes. That is your baseline"),
        ([12.0, 7.0], "fell from 12 to 7 minutes"),
    ],
)
def test_runs_on_one_and_two_incidents(
    run_notebook, tmp_journal, make_incident, minutes, expected
):
    add_incidents(tmp_journal, make_incident, minutes)
    nb = run_notebook(
        NAME, params={"JOURNAL": str(tmp_journal.path), "SAMPLE_IF_EMPTY": False}
    )
    assert_clean(nb)
    text = notebook_text(nb)
    assert expected in text
    assert f"{len(minutes)} incident(s)" in text
    assert messages.TREND_STAGE_EARLY.format(n=len(minutes)) in text
    if len(minutes) == 2:
        assert messages.TREND_NO_FIT_FEW.format(n=2) in text
    assert "descriptive line through" not in text  # no fit below 3 incidents
    saved = sorted(p.name for p in (tmp_journal.path / "charts").iterdir())
    assert saved == [".pngs.json",  # what they were drawn from: not drawn twice
                     "body.png", "clarity.png", "panic-to-action.png", "timeline.png"]
