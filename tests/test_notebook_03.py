"""Notebook 03, the blameless post-mortem, runs on a real and on an empty journal.

Also run it under nbval, as ``make test`` does::

    pytest --nbval-lax --nbval-sanitize-with tests/nbval-sanitize.cfg \\
        notebooks/03-post-mortem.ipynb
"""

from __future__ import annotations

import nbformat
import pytest
from helpers import NOTEBOOKS, notebook_text

NAME = "03-post-mortem.ipynb"
WIDGET = "application/vnd.jupyter.widget-view+json"


def _errors(nb) -> list[str]:
    return [
        "\n".join(out.get("traceback", []))
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def _widget_shown(nb) -> bool:
    return any(
        WIDGET in out.get("data", {})
        for cell in nb.cells
        for out in cell.get("outputs", [])
    )


def _files(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.mark.slow
def test_runs_on_a_copy_of_the_sample(run_notebook, sample_copy):
    before = _files(sample_copy.path)
    nb = run_notebook(
        NAME,
        journal=sample_copy.path,
        params={
            "JOURNAL": str(sample_copy.path),
            "INCIDENT": "2026-03-03-search-cache-stampede",
        },
    )
    text = notebook_text(nb)
    assert _errors(nb) == []
    assert "This shows your journal" in text and "5 incident(s)" in text
    assert _widget_shown(nb)
    assert "PostMortemForm(2026-03-03-search-cache-stampede)" in text
    # the worked example: the neutral sentence passes, the quoted one is found
    assert "<s>The junior dev forgot</s>" in text
    assert "Sam rolled back" not in text.split("<s>The junior dev forgot</s>")[1]
    assert _files(sample_copy.path) == before  # running it writes nothing


@pytest.mark.slow
def test_runs_on_an_empty_journal_and_says_so_kindly(run_notebook, tmp_path):
    empty = tmp_path / "empty-journal"
    nb = run_notebook(NAME, journal=empty)
    text = notebook_text(nb)
    assert _errors(nb) == []
    assert "0 incident(s)" in text
    assert _widget_shown(nb)
    assert "PostMortemForm(2026-09-08-feature-flag-rollout)" in text  # the sample
    assert not any(path.suffix == ".yaml" for path in empty.rglob("*"))
    assert not (empty / "postmortems").exists()


def test_is_committed_clean_and_shaped_like_the_others():
    nb = nbformat.read(NOTEBOOKS / NAME, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("Back: [02 ")
    assert "Next: [04 " in first.source.splitlines()[0]
    assert "\n# The blameless post-mortem\n" in first.source
    assert "twenty minutes" in first.source
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].source == "import kit"
    params = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(params) == 1
    assert "JOURNAL = None" in params[0].source
    assert "INCIDENT = None" in params[0].source
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert len(cell.source.splitlines()) <= 3  # logic lives in kit/
    headings = [
        line
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("## ")
    ]
    assert headings[-2:] == ["## Questions to sit with", "## Further reading"]
    assert "## Three questions" in headings
    assert "## Mechanics, not blame" in headings
    assert "## Export" in headings
