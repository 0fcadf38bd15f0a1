"""Every app and every notebook's outputs, checked by the axe-core engine in Chromium.

One Voila server (what `make app` runs) serves all eight notebooks; each is opened in
turn, axe-core runs on the rendered page, and any serious or critical violation fails
the test with the rule, the elements and axe's advice. A second pass opens each
notebook in JupyterLab, runs it, and checks the kit's outputs only (JupyterLab's own
chrome is not the kit's to fix).

axe-core comes from npm (``.ci/run`` installs it into ``.ci/node``); nothing is fetched
at test time. Without Chromium, Playwright or axe-core the tests skip and say why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from helpers import ARTEFACTS, NOTEBOOKS, ROOT, free_port, wait_http

import kit
from kit.reporting import CHROMIUM_OFFLINE_ARGS, find_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(
    os.environ.get("KIT_AXE", ROOT / ".ci" / "node" / "node_modules" / "axe-core")
) / "axe.min.js"
BLOCKING = ("serious", "critical")
APP_TIMEOUT_MS = 120_000
APPS = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _need_browser() -> str:
    chromium = find_chromium() or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Chromium is not installed here (apt-get install -y chromium)")
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (run .ci/run, or "
                    "npm install --prefix .ci/node axe-core@4)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    return chromium


def run_axe(page, context: str = "document") -> list[dict]:
    """axe-core's serious and critical violations on ``page`` (within ``context``)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    found = page.evaluate(
        f"async () => (await axe.run({context}, {{resultTypes: ['violations']}}))"
        ".violations"
    )
    return [v for v in found if v.get("impact") in BLOCKING]


def describe(violations: list[dict]) -> str:
    """One line per violation and node: what a person can act on."""
    lines = []
    for v in violations:
        for node in v["nodes"][:6]:
            target = " ".join(map(str, node.get("target", [])))
            lines.append(f"{v['impact']} {v['id']}: {target} ({v['help']})")
        if len(v["nodes"]) > 6:
            lines.append(f"  ... and {len(v['nodes']) - 6} more {v['id']}")
    return "\n".join(lines)


def count(violations: list[dict]) -> int:
    return sum(len(v["nodes"]) for v in violations)


def wait_for_voila(page) -> None:
    """Voila is ready when its loading screen is gone and the widgets are drawn."""
    page.wait_for_function(
        "() => { const l = document.querySelector('#loading');"
        " return !l || l.offsetParent === null"
        " || getComputedStyle(l).visibility === 'hidden'; }",
        timeout=APP_TIMEOUT_MS,
    )
    page.wait_for_load_state("networkidle", timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(300)


def _journal_copy(root: Path) -> Path:
    folder = root / "journal"
    shutil.copytree(kit.paths.sample_journal(), folder)
    for entry in folder.iterdir():
        entry.chmod(0o600)
    folder.chmod(0o700)
    return folder


def _serve(cmd: list[str], env: dict, log: Path, status: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        cwd=NOTEBOOKS, start_new_session=True,
    )
    try:
        wait_http(status, timeout=90)
    except TimeoutError:
        _stop(proc)
        raise
    return proc


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


@pytest.fixture(scope="module")
def browser():
    chromium = _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=chromium, headless=True, args=list(CHROMIUM_OFFLINE_ARGS)
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    """One Voila server on the notebooks folder, as `make app` runs it."""
    _need_browser()
    root = tmp_path_factory.mktemp("voila-axe")
    port = free_port()
    env = dict(os.environ, KIT_JOURNAL=str(_journal_copy(root)))
    bindir = Path(sys.executable).parent
    proc = _serve(
        [str(bindir / "voila"), str(NOTEBOOKS), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password="],
        env, root / "voila.log", f"http://127.0.0.1:{port}/",
    )
    yield f"http://127.0.0.1:{port}"
    _stop(proc)


@pytest.mark.parametrize("name", APPS)
def test_every_app_has_no_serious_or_critical_axe_violation(browser, voila_url, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{voila_url}/voila/render/{name}", timeout=APP_TIMEOUT_MS)
        wait_for_voila(page)
        assert "There was an error" not in page.inner_text("body")
        violations = run_axe(page)
        ARTEFACTS.mkdir(exist_ok=True)
        (ARTEFACTS / f"axe-voila-{name[:2]}.json").write_text(
            json.dumps(violations, indent=1)
        )
    finally:
        page.close()
    assert not violations, (
        f"{name} as an app: {count(violations)} serious or critical\n"
        + describe(violations)
    )


# --- JupyterLab: the kit's outputs inside a notebook -------------------------------


def _lab_settings(folder: Path) -> Path:
    for plugin, values in (
        ("notebook-extension/tracker",
         {"autoStartDefaultKernel": True, "windowingMode": "none"}),
        ("apputils-extension/notification",
         {"fetchNews": "false", "checkForUpdates": False}),
    ):
        path = folder / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return folder


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    _need_browser()
    root = tmp_path_factory.mktemp("lab-axe")
    work = root / "notebooks"
    shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns(".ipynb_*"))
    port = free_port()
    env = dict(os.environ, KIT_JOURNAL=str(_journal_copy(root)))
    bindir = Path(sys.executable).parent
    proc = _serve(
        [str(bindir / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.ip=127.0.0.1",
         "--allow-root", f"--ServerApp.root_dir={work}",
         f"--LabApp.user_settings_dir={_lab_settings(root / 'settings')}",
         "--LabServerApp.extra_labextensions_path=[]"],
        env, root / "lab.log", f"http://127.0.0.1:{port}/api/status",
    )
    yield f"http://127.0.0.1:{port}"
    _stop(proc)


def _kernels_idle(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=5) as response:  # noqa: S310
        sessions = json.loads(response.read())
    return bool(sessions) and all(
        s["kernel"]["execution_state"] == "idle" for s in sessions
    )


@pytest.mark.skipif(
    os.environ.get("KIT_AXE_LAB") != "1",
    reason="driving Run All in JupyterLab is not reliable yet on two busy cores "
    "(a kernel or its outputs sometimes never arrive); run with KIT_AXE_LAB=1",
)
@pytest.mark.parametrize("name", APPS)
def test_every_notebooks_outputs_in_jupyterlab_pass_axe(browser, lab_url, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        # A workspace of its own, reset: only this notebook open (tabs of earlier
        # notebooks would otherwise stay, hidden, and match the selectors below).
        page.goto(
            f"{lab_url}/lab/workspaces/axe-{name[:2]}/tree/{name}?reset",
            timeout=APP_TIMEOUT_MS,
        )
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=APP_TIMEOUT_MS)
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        for _ in range(120):  # the kernel exists and is idle (testing.md)
            if dialog.count():
                dialog.first.click()
            if _kernels_idle(lab_url):
                break
            page.wait_for_timeout(500)
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-item:has-text('Run All Cells')")
        page.wait_for_timeout(1500)
        for _ in range(240):
            if _kernels_idle(lab_url) and page.locator(
                ".jp-InputPrompt:has-text('[*]')"
            ).count() == 0:
                break
            page.wait_for_timeout(500)
        page.wait_for_timeout(800)
        assert page.locator(".jp-OutputArea-output[data-mime-type="
                            "'application/vnd.jupyter.error']").count() == 0
        violations = run_axe(
            page, "{include: [['.jp-Notebook .jp-OutputArea-output']]}"
        )
        ARTEFACTS.mkdir(exist_ok=True)
        (ARTEFACTS / f"axe-lab-{name[:2]}.json").write_text(
            json.dumps(violations, indent=1)
        )
    finally:
        page.close()
    assert not violations, (
        f"{name} in JupyterLab (outputs): {count(violations)} serious or critical\n"
        + describe(violations)
    )
