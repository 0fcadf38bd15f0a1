"""The hub load proof itself, reduced: three participants, one fault of each kind.

Runs ``python -m proofs.hub_load --participants 3 --no-app`` (a real JupyterHub with
the shipped configuration, real accounts, a tmpfs drop folder) and checks what a
facilitator would: every export and survey answer arrived, each fault reached the
person it touched with a clear message and cost nothing else. Needs root and
``configurable-http-proxy``, like the hub test; skips and says which is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from proofs.hub_load import missing

    why = missing()
    if why:
        pytest.skip(why)
    out = tmp_path_factory.mktemp("hub-load") / "figures.json"
    done = subprocess.run(
        [sys.executable, "-m", "proofs.hub_load", "--participants", "3", "--no-app",
         "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert out.exists(), done.stdout + done.stderr[-3000:]
    return json.loads(out.read_text()), done


def test_every_export_and_answer_arrives(figures):
    got, done = figures
    assert got["errors"] == {}, done.stderr[-3000:]
    assert got["exports_expected"] == got["exports_arrived"] == 3
    assert got["exports_lost"] == 0
    assert got["temp_files_left"] == []
    assert got["answers_confirmed"] == got["answers_pooled"] == 3
    assert done.returncode == 0, done.stdout


def test_pooling_while_exports_land_never_reads_half_a_file(figures):
    got, _ = figures
    assert got["watch"]["rounds"] > 0
    assert got["watch"]["partial"] == 0
    # The only problem allowed meanwhile: a second copy of the killed person's export.
    assert got["watch"]["unexpected_problem_files"] == []


def test_each_fault_is_injected_and_survived(figures):
    got, _ = figures
    faults = {fault["fault"]: fault for fault in got["faults"]}
    assert len(faults) == 4, list(faults)
    assert all(fault["survived"] for fault in faults.values()), faults
    full = faults["drop folder's disk full for one export"]["person_saw"]
    assert full["ok"] is None  # nothing dropped, and the form says why
    assert "No space left on device" in full["status"]
    restart = faults["hub and proxy restarted mid-run"]
    assert restart["servers_kept"] == restart["servers_before"] == 3
    cut = faults["an export truncated by hand"]["facilitator_saw"]
    assert any(got["truncated"] in message for message in cut)
    assert got["pooled_whole_people"] == 3 - 1 - 1  # one cut short, one withdrawn


def test_a_withdrawn_export_leaves_the_next_pool(figures):
    got, _ = figures
    assert got["withdrawal"]["left_out"] is True


def test_the_figures_are_printed_with_their_command(figures):
    _, done = figures
    assert done.stdout.startswith("# python -m proofs.hub_load --participants 3")
    for label in ("exports expected / arrived / lost", "faults injected / survived",
                  "peak memory per participant", "pool at the end"):
        assert label in done.stdout
