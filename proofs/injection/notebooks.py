"""Notebook places: every notebook executed on a journal full of payloads and exported
with nbconvert, as a person would open it."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
from pathlib import Path
from unittest import mock

from .. import set_parameters
from .payloads import PAYLOADS, finished_incident, journal_with, live_draft, path_part
from .places import NOTEBOOKS, Findings, Render


def _payload_mix(k: int) -> str:
    return PAYLOADS[k % len(PAYLOADS)]


def notebook_places(work: Path, findings: Findings) -> list[Render]:
    """Notebooks 00-07 run against a journal (and a pool) full of payloads, exported
    with nbconvert's default HTML template."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    from kit import paths, team

    base = work / "notebooks"
    journal_dir = base / "journal" / path_part(PAYLOADS[1])
    incidents = [finished_incident(p, 100 + n) for n, p in enumerate(PAYLOADS)]
    incidents.append(finished_incident(lambda k: _payload_mix(k + 5), 99))
    incidents.append(live_draft(_payload_mix, 0))
    journal = journal_with(journal_dir, incidents)
    mixed = incidents[-2]["id"]
    pool_dir = base / "pool" / path_part(PAYLOADS[3])
    pool_dir.mkdir(parents=True)
    for source in paths.team_sample().glob("*.csv"):
        shutil.copy(source, pool_dir / source.name)
    good = team.export_anonymous(journal, base / "exports")
    rows = list(csv.reader(io.StringIO(good.read_text())))
    where = rows[0].index("pseudonym")
    for n, payload in enumerate(PAYLOADS):
        for row in rows[1:]:
            row[where] = payload
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        name = payload.replace("/", "\u2215").replace("\n", " ")[:150]
        (pool_dir / f"{n:02d}-{name}.csv").write_text(text.getvalue())
    safety = base / "safety"
    params = {
        "00-start-here.ipynb": {"JOURNAL": str(journal.path)},
        "01-during-an-incident.ipynb": {"JOURNAL": str(journal.path)},
        "02-after-the-incident.ipynb": {"JOURNAL": str(journal.path)},
        "03-post-mortem.ipynb": {"JOURNAL": str(journal.path), "INCIDENT": mixed},
        "04-your-trend.ipynb": {"JOURNAL": str(journal.path),
                                "SAMPLE_IF_EMPTY": False},
        "05-mentor-walkthrough.ipynb": {"JOURNAL": str(journal.path)},
        "06-team-workshop.ipynb": {"POOL": str(pool_dir), "SAFETY": None},
        "07-resilient-against-what.ipynb": {"JOURNAL": str(journal.path),
                                            "SAFETY_FOLDER": str(safety)},
    }
    exporter = HTMLExporter()
    out = []
    env = {"KIT_JOURNAL": str(journal.path), "IPYTHONDIR": str(base / "ipython"),
           "MPLCONFIGDIR": str(base / "mpl")}
    with mock.patch.dict(os.environ, env):
        for name, values in params.items():
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            set_parameters(nb, values)
            place = f"notebook {name[:2]} exported by nbconvert"
            try:
                NotebookClient(nb, timeout=240, kernel_name="python3",
                               resources={"metadata": {"path": str(NOTEBOOKS)}}
                               ).execute(stderr=subprocess.DEVNULL)
            except Exception as error:  # noqa: BLE001 - reported, not hidden
                findings.notebook_errors.append(f"{name}: {type(error).__name__}")
            parts = _widget_state_parts(nb)
            if parts:  # what the export's widget manager would render, had it loaded
                out.append(Render("widget state saved in notebooks 00-07", None,
                                  parts=parts))
            path = base / f"{name}.html"
            try:
                body, _ = exporter.from_notebook_node(nb)
                path.write_text(body, encoding="utf-8")
            except Exception as error:  # noqa: BLE001
                out.append(Render(place, None, error=type(error).__name__))
                continue
            out.append(Render(place, None, path=path))
    return out


def _widget_state_parts(nb) -> list[tuple[str, str]]:
    """The HTML and Label values saved in an executed notebook's widget state."""
    saved = nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    parts: dict[tuple[str, str], None] = {}
    for model in saved.values():
        state = model.get("state", {})
        if model.get("model_name") in ("HTMLModel", "HTMLMathModel"):
            parts[("html", state.get("value", ""))] = None
        elif model.get("model_name") == "LabelModel":
            parts[("text", state.get("value", ""))] = None
        if state.get("description_allow_html"):
            parts[("html", state.get("description", ""))] = None
    return [part for part in parts if part[1]]




@contextlib.contextmanager
def inside(folder: Path):
    """Run with ``folder`` as the working directory (the forms' path fields get the
    payloads too, and a relative path must not land in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)
