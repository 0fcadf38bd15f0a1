"""Proofs that the kit keeps its promises: one line per promise, from real runs.

Run them all with ``make proof`` (``python -m proofs``). Every figure is counted in
the run; nothing is a constant. A promise that does not hold makes the run exit 1
after printing every line.

- ``hostile``: bad files of every kind, for the journal and the team pool;
- ``kills``: SIGKILLs during saves, and many processes saving at once;
- ``round_trips``: a state machine against an in-memory model;
- ``faults``: a full disk and a read-only folder;
- ``modes``: private file modes under the loosest umask;
- ``injection``: typed payloads rendered in real Chromium (payloads, widget walking,
  documents, notebooks, the detector's own check, browser driving);
- ``sockets``: an audit hook in every notebook's kernel counting network sockets;
- ``vault``: the encrypted journal: hostile files, kills during saves and
  conversions, and a scan for plain text.
"""

from __future__ import annotations

from pathlib import Path

import kit

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "journals" / "hostile"
FAILED: list[str] = []


def set_parameters(nb, values: dict) -> None:
    """Give a notebook's ``parameters`` cell these values, after its own defaults, as
    papermill does: a parameter not given keeps the notebook's default."""
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            given = "\n".join(f"{k} = {v!r}" for k, v in values.items())
            cell.source = f"{cell.source}\n{given}"
            return
    msg = "the notebook has no cell tagged 'parameters'"
    raise ValueError(msg)


def line(text: str, ok: bool) -> None:
    print(text + ("" if ok else "   <-- PROMISE BROKEN"), flush=True)
    if not ok:
        FAILED.append(text)


def good_incidents(n: int) -> list[kit.Incident]:
    """``n`` valid incidents: the sample's five, then seeded synthetic ones."""
    from kit import synthetic

    sample = kit.Journal.sample().load().incidents
    return (sample + synthetic.incidents(max(0, n - len(sample)), seed=7))[:n]
