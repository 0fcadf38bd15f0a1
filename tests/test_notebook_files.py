"""Committed notebooks are clean and follow the kit's notebook shape."""

from __future__ import annotations

import json

import pytest
from helpers import NOTEBOOKS

PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_every_notebook_in_the_design_is_there():
    names = {p.name for p in PATHS}
    assert "00-start-here.ipynb" in names


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_committed_without_outputs(path):
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} holds outputs"
            assert cell.get("execution_count") is None, f"{path.name} has counts"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_shape(path):
    notebook = json.loads(path.read_text())
    cells = notebook["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown"
    assert "Next" in first or "Back" in first, "a Back · Next line at the top"
    assert "\n# " in "\n" + first, "an H1 title in the first cell"
    text = "\n".join(
        "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
    )
    assert "Questions to sit with" in text
    assert "Further reading" in text
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "one cell tagged parameters"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert any("import kit" in "".join(c["source"]) for c in code)
    assert not any("sys.path" in "".join(c["source"]) for c in code)
    # thin notebooks: logic lives in kit/, cells stay short
    lengths = sorted(len("".join(c["source"]).splitlines()) for c in code)
    assert lengths[len(lengths) // 2] <= 3, "median code cell of 1-3 lines"
    assert not any("def " in "".join(c["source"]) for c in code), (
        "no functions in cells"
    )
