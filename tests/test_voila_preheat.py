"""`make app` keeps one kernel per app started ahead (``notebooks/voila.json``), yet
each app shows the journal as it is when a person opens it.

A preheated kernel runs its notebook before anyone asks for the page. The notebooks
load the kit, then wait there for the request, so nothing is read from the journal
until the page is opened. Here the server prepares its kernels, the journal changes
(an incident saved, a live draft started by ``python -m kit mark``), and only then are
04, 02 and 01 opened: each must show the change.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import NOTEBOOKS

import kit
from kit import messages as msg

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_TIMEOUT_MS = 120_000
PREHEATED = ("01-during-an-incident", "02-after-the-incident", "04-your-trend")


def _kernels(journal: Path) -> list[int]:
    """Process ids of the preheated kernels started for ``journal``."""
    wanted = (b"VOILA_PREHEAT=True", f"KIT_JOURNAL={journal}".encode())
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            values = environ.read_bytes().split(b"\0")
        except OSError:
            continue
        if all(value in values for value in wanted):
            found.append(int(environ.parent.name))
    return found


def _cpu(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


def _wait_until_prepared(journal: Path, timeout: float = 240) -> None:
    """Until the three kernels exist and have been idle for three seconds: each has
    run its notebook as far as it goes before the page is asked for."""
    deadline = time.monotonic() + timeout
    quiet, before = 0, -1
    while time.monotonic() < deadline:
        pids = _kernels(journal)
        now = _cpu(pids)
        quiet = quiet + 1 if len(pids) == len(PREHEATED) and now == before else 0
        if quiet >= 6:
            return
        before = now
        time.sleep(0.5)
    pytest.fail(f"the preheated kernels were not ready within {timeout} s")


def test_the_preheating_setting_covers_the_three_apps():
    config = json.loads((NOTEBOOKS / "voila.json").read_text())
    assert config["VoilaConfiguration"]["preheat_kernel"] is True
    pools = config["VoilaKernelManager"]["kernel_pools_config"]
    assert pools["default"]["pool_size"] == 0  # the other notebooks start on request
    for name in PREHEATED:
        assert pools[f"{name}.ipynb"]["pool_size"] == 1
        notebook = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text())
        code = ["".join(c["source"]) for c in notebook["cells"]
                if c["cell_type"] == "code"]
        waits = [i for i, source in enumerate(code)
                 if f'kit.preheat.wait_for_page("{name[:2]}")' in source]
        reads = [i for i, source in enumerate(code) if "JOURNAL)" in source]
        assert waits and waits[0] < reads[0], f"{name} reads the journal before waiting"


def test_preheated_apps_show_the_journal_as_it_is_when_opened(
    jupyter_server, browser_page, sample_copy, make_incident
):
    journal = sample_copy.path
    url = jupyter_server("voila", journal, notebook=".")
    _wait_until_prepared(journal)

    # The journal changes after the kernels were prepared.
    title = "Queue stuck after a failover"
    saved = make_incident(id="2026-06-01-queue-stuck", title=title)
    sample_copy.save(saved)
    marked = "Disk full on the build runner"
    subprocess.run(
        [sys.executable, "-m", "kit", "mark", "alert", marked, "--journal",
         str(journal)],
        check=True, capture_output=True,
    )
    count = len(kit.Journal(journal).load().incidents)
    assert count == 7  # five in the sample, the saved one, the draft

    page = browser_page
    page.goto(f"{url}/voila/render/04-your-trend.ipynb", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".jp-OutputArea-output img", timeout=APP_TIMEOUT_MS)
    text = page.inner_text("body")
    assert msg.SHOWING_YOURS.format(path=journal, n=count) in text

    page.goto(f"{url}/voila/render/02-after-the-incident.ipynb",
              timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".kit-picker select", timeout=APP_TIMEOUT_MS)
    choices = [
        choice.replace("\xa0", " ")  # the picker keeps its words on one line
        for choice in page.locator(".kit-picker select option").all_inner_texts()
    ]
    assert any(title in choice for choice in choices), choices
    assert any(marked in choice for choice in choices), choices

    page.goto(f"{url}/voila/render/01-during-an-incident.ipynb",
              timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".kit-status", timeout=APP_TIMEOUT_MS)
    page.wait_for_function(
        "(words) => document.querySelector('.kit-status').innerText.includes(words)",
        arg=msg.LIVE_RESUMED, timeout=APP_TIMEOUT_MS,
    )


def test_outside_a_kernel_started_ahead_the_wait_returns_at_once(monkeypatch):
    import kit.preheat

    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    before = set(sys.modules)
    kit.preheat.wait_for_page("04")  # JupyterLab, nbval, the hub: nothing to wait for
    assert not kit.preheat.prepared_ahead()
    assert "voila.utils" not in set(sys.modules) - before
    assert set(kit.preheat.APP_MODULES) == {name[:2] for name in PREHEATED}
