"""Shared fixtures: journals, a valid incident factory, notebook runs, and servers
(JupyterLab, Voila) driven by headless Chromium.

The root ``conftest.py`` has already pointed KIT_JOURNAL, HOME and the Jupyter folders
at temporary places, so nothing here can touch a real journal.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # unit tests only; notebook kernels keep the inline backend

import matplotlib.pyplot as plt  # noqa: E402
from helpers import (  # noqa: E402
    NOTEBOOKS,
    free_port,
    incident_data,
    wait_http,
)

import kit  # noqa: E402
from kit.record import Incident, validate_incident  # noqa: E402
from kit.reporting import CHROMIUM_OFFLINE_ARGS, find_chromium  # noqa: E402

CHROMIUM = find_chromium() or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _close_figures_and_seed():
    import random

    import numpy as np

    random.seed(1234)
    np.random.seed(1234)
    yield
    plt.close("all")


# --- journals and incidents ---------------------------------------------------


@pytest.fixture
def tmp_journal(tmp_path) -> kit.Journal:
    """An empty private journal in a temporary folder."""
    return kit.Journal(tmp_path / "journal")


@pytest.fixture
def sample_copy(tmp_path) -> kit.Journal:
    """A writable copy of the sample journal."""
    folder = tmp_path / "sample-copy"
    shutil.copytree(kit.paths.sample_journal(), folder)
    for entry in folder.iterdir():
        entry.chmod(0o600)
    folder.chmod(0o700)
    return kit.Journal(folder)


@pytest.fixture
def make_incident():
    """Factory for a valid ``Incident``; keyword arguments replace top-level fields."""

    def make(**overrides) -> Incident:
        return validate_incident(incident_data(**overrides))

    return make


# --- notebooks ----------------------------------------------------------------


@pytest.fixture
def run_notebook(monkeypatch):
    """Execute ``notebooks/<name>`` top to bottom and return the executed notebook.

    ``journal`` (a folder) becomes KIT_JOURNAL for the kernel; ``params`` replace the
    cell tagged ``parameters``. Any cell error fails the test with its traceback.
    """
    import nbformat
    from nbclient import NotebookClient

    def run(
        name: str,
        *,
        journal: Path | None = None,
        params: dict | None = None,
        timeout: int = 180,
    ):
        if journal is not None:
            monkeypatch.setenv("KIT_JOURNAL", str(journal))
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        if params:
            cells = [
                c
                for c in nb.cells
                if "parameters" in c.get("metadata", {}).get("tags", [])
            ]
            assert cells, f"{name} has no cell tagged 'parameters'"
            cells[0].source = "\n".join(f"{k} = {v!r}" for k, v in params.items())
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        client.execute()
        return nb

    return run


# --- servers and a real browser -----------------------------------------------


def _lab_settings(folder: Path) -> Path:
    """User settings that start kernels without a dialog and fetch no news."""
    tracker = (
        folder / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    )
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"autoStartDefaultKernel": True}))
    note = (
        folder
        / "@jupyterlab"
        / "apputils-extension"
        / "notification.jupyterlab-settings"
    )
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    return folder


@pytest.fixture
def jupyter_server(tmp_path):
    """Factory: ``start(kind, journal, notebook=None)`` runs JupyterLab (``kind="lab"``)
    or Voila (``kind="voila"``, serving ``notebook``) on a free loopback port with
    KIT_JOURNAL=journal, and returns its base URL. Stopped at teardown."""
    procs: list[subprocess.Popen] = []

    def start(
        kind: str,
        journal: Path,
        notebook: str | None = None,
        extra_env: dict | None = None,
    ) -> str:
        port = free_port()
        env = dict(os.environ, KIT_JOURNAL=str(journal), **(extra_env or {}))
        bindir = Path(sys.executable).parent
        log = open(tmp_path / f"{kind}-{port}.log", "wb")  # noqa: SIM115
        if kind == "lab":
            settings = _lab_settings(tmp_path / f"lab-settings-{port}")
            cmd = [
                str(bindir / "jupyter"),
                "lab",
                "--no-browser",
                f"--port={port}",
                "--ServerApp.token=",
                "--ServerApp.password=",
                "--ServerApp.ip=127.0.0.1",
                "--allow-root",
                f"--ServerApp.root_dir={NOTEBOOKS}",
                f"--LabApp.user_settings_dir={settings}",
                "--LabServerApp.extra_labextensions_path=[]",
            ]
            status = f"http://127.0.0.1:{port}/api/status"
        elif kind == "voila":
            cmd = [
                str(bindir / "voila"),
                str(NOTEBOOKS / notebook),
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--ServerApp.token=",
                "--ServerApp.password=",
            ]
            status = f"http://127.0.0.1:{port}/"
        else:
            msg = f"unknown server kind {kind}"
            raise ValueError(msg)
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=NOTEBOOKS,
            start_new_session=True,
        )
        procs.append(proc)
        wait_http(status, timeout=90)
        return f"http://127.0.0.1:{port}"

    yield start
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


@pytest.fixture
def browser_page(tmp_path):
    """A Playwright page in Debian's headless Chromium; skips (with why) without it."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed here (apt-get install -y chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed"
    )
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=list(CHROMIUM_OFFLINE_ARGS),
            viewport={"width": 1280, "height": 2400},
        )
        context.set_default_timeout(60_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()
