"""Every app and every notebook's outputs, checked by the axe-core engine in Chromium.

One Voila server (what `make app` runs) serves all eight notebooks; each is opened in
turn, axe-core runs on the rendered page, and any serious or critical violation fails
the test with the rule, the elements and axe's advice. A second pass opens each
notebook alone in JupyterLab, runs every cell with JupyterLab's own Run All command,
waits on the notebook's model (an idle kernel, then every code cell's execution
count, then every output and widget view drawn) rather than on fixed sleeps, checks
the kit's outputs only (JupyterLab's own chrome is not the kit's to fix) and shuts
the kernel down before the next notebook. A notebook whose outputs do not arrive is
opened again, at most three times, each reason printed; then the test fails. A
notebook with planted faults proves the check can fail. The HTML report is checked
too.

axe-core comes from npm (``make test`` installs it into ``.ci/node``); nothing is
fetched at test time. Without Chromium, Playwright or axe-core the tests skip and say
why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ARTEFACTS, NOTEBOOKS, ROOT, free_port, save_artefact, wait_http

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
        pytest.skip(f"axe-core is not installed at {AXE} (run make test "
                    "with npm installed, or .ci/run)")
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


# A notebook with known faults, beside the kit's: an image without a text
# alternative (JupyterLab fills in alt="Image", which axe accepts, so the test counts
# those itself), a text box without a label and a slider without a name. The check
# must find them, or it could not fail on the kit's own outputs either.
CANARY = "axe-canary.ipynb"
_DOT = (  # a 1x1 PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)
_CANARY_SOURCE = (
    "import ipywidgets\n"
    "from IPython.display import HTML, display\n"
    "display(HTML('<img width=\"40\" height=\"40\" '\n"
    f"             'src=\"data:image/png;base64,{_DOT}\">'\n"
    "             '<input type=\"text\">'))\n"
    "ipywidgets.IntSlider()"
)


def _write_canary(path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(_CANARY_SOURCE)]
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    _need_browser()
    root = tmp_path_factory.mktemp("lab-axe")
    work = root / "notebooks"
    shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns(".ipynb_*"))
    _write_canary(work / CANARY)
    port = free_port()
    env = dict(os.environ, KIT_JOURNAL=str(_journal_copy(root)))
    bindir = Path(sys.executable).parent
    log = root / "lab.log"
    proc = _serve(
        [str(bindir / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.ip=127.0.0.1",
         "--allow-root", f"--ServerApp.root_dir={work}",
         f"--LabApp.user_settings_dir={_lab_settings(root / 'settings')}",
         "--LabServerApp.extra_labextensions_path=[]",
         # window.jupyterapp: the test runs JupyterLab's own commands and reads the
         # notebook's model (execution counts, kernel status) instead of guessing
         # from the screen.
         "--LabApp.expose_app_in_browser=True"],
        env, log, f"http://127.0.0.1:{port}/api/status",
    )
    yield f"http://127.0.0.1:{port}"
    _stop(proc)
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copy(log, ARTEFACTS / "axe-lab-server.log")


LAB_ATTEMPTS = 3
KERNEL_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 180_000

# The open notebook panel, once JupyterLab has opened the file asked for.
_PANEL = """(name) => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  return w && w.context && w.context.path.endsWith(name) && w.content ? w : null;
}"""

_KERNEL_READY = f"""async (name) => {{
  const w = ({_PANEL})(name);
  if (!w) return false;
  await w.context.ready;
  await w.sessionContext.ready;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}}"""

# Run All with JupyterLab's own command; it resolves when the last cell is done
# (true when no cell raised). Then every code cell must carry an execution count.
_RUN_ALL = f"""async (name) => {{
  const w = ({_PANEL})(name);
  window.jupyterapp.shell.activateById(w.id);
  const ok = await window.jupyterapp.commands.execute('notebook:run-all-cells');
  const all = w.content.widgets;
  const cells = all.filter(c => c.model.type === 'code');
  const unrun = cells.filter(c => c.model.executionCount === null)
    .map(c => all.indexOf(c) + 1);
  const outputs = cells.reduce((n, c) => n + c.model.outputs.length, 0);
  const errors = cells.flatMap(c => c.model.outputs.toJSON())
    .filter(o => o.output_type === 'error').map(o => o.ename);
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return {{ok: ok !== false, cells: cells.length, unrun, outputs, errors,
          kernel: k ? k.status + '/' + k.connectionStatus : 'none'}};
}}"""

# Every output drawn, and every widget view inside its output drawn.
_OUTPUTS_DRAWN = """(expected) => {
  const shown = document.querySelectorAll('.jp-Notebook .jp-OutputArea-output');
  if (shown.length < expected) return false;
  const views = document.querySelectorAll('.jp-Notebook .jp-OutputArea-output'
    + '[data-mime-type="application/vnd.jupyter.widget-view+json"]');
  return [...views].every(v => v.querySelector('.jupyter-widgets, .widget-inline-hbox,'
    + ' .lm-Widget'));
}"""

# JupyterLab gives an image without a text alternative the stand-in alt="Image",
# which satisfies axe but tells nobody anything: such images are counted here.
_STAND_IN_ALT = """() => [...document.querySelectorAll(
    '.jp-Notebook .jp-OutputArea-output img')]
  .filter(i => !(i.getAttribute('alt') || '').trim()
               || i.getAttribute('alt') === 'Image')
  .map(i => ({target: ['img' + (i.closest('[data-mime-type]')
    ? '[in ' + i.closest('[data-mime-type]').dataset.mimeType + ']' : '')]}))"""


def _stand_in_alt(page) -> list[dict]:
    """Images in the outputs whose only text alternative is JupyterLab's stand-in,
    as one serious violation in axe's shape (empty when there are none)."""
    nodes = page.evaluate(_STAND_IN_ALT)
    return [{"id": "image-alt-stand-in", "impact": "serious", "nodes": nodes,
             "help": "Images must have a text alternative that says what they show"}
            ] if nodes else []


_SHUTDOWN = f"""async (name) => {{
  const w = ({_PANEL})(name);
  if (w) await w.sessionContext.shutdown();
  return true;
}}"""


class OutputsMissing(AssertionError):
    """Raised when a notebook's kernel or outputs never arrived in JupyterLab."""


def _open_and_run(browser, lab_url: str, name: str) -> list[dict]:
    """Open ``name`` alone in JupyterLab, run every cell, and return axe's serious
    and critical violations in the kit's outputs; the kernel is shut down after."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        # A workspace of its own, reset: only this notebook open.
        page.goto(f"{lab_url}/lab/workspaces/axe-{name[:2]}/tree/{name}?reset",
                  timeout=APP_TIMEOUT_MS)
        try:
            page.wait_for_function(_PANEL, arg=name, timeout=APP_TIMEOUT_MS)
        except Exception as error:
            msg = f"the notebook never opened ({error})"
            raise OutputsMissing(msg) from None
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        deadline = KERNEL_TIMEOUT_MS // 500
        for _ in range(deadline):
            if dialog.count():  # "Select Kernel": take the default
                dialog.first.click()
            if page.evaluate(_KERNEL_READY, name):
                break
            page.wait_for_timeout(500)
        else:
            msg = f"no idle kernel within {KERNEL_TIMEOUT_MS // 1000} s"
            raise OutputsMissing(msg)
        page.set_default_timeout(RUN_TIMEOUT_MS)
        run = page.evaluate(_RUN_ALL, name)
        assert not run["errors"], f"{name}: a cell raised {run['errors']}"
        if run["unrun"] or not run["cells"]:
            msg = (f"{len(run['unrun'])} of {run['cells']} code cells did not run "
                   f"(cells {run['unrun']}; Run All answered {run['ok']}; "
                   f"kernel {run['kernel']})")
            raise OutputsMissing(msg)
        try:
            page.wait_for_function(_OUTPUTS_DRAWN, arg=run["outputs"],
                                   timeout=APP_TIMEOUT_MS)
        except Exception:
            save_artefact(page, f"axe-lab-{name[:2]}-missing.png")
            msg = (f"{run['outputs']} outputs were made but not all were drawn "
                   "(screenshot in tests/artefacts)")
            raise OutputsMissing(msg) from None
        page.wait_for_timeout(500)
        assert page.locator(".jp-OutputArea-output[data-mime-type="
                            "'application/vnd.jupyter.error']").count() == 0
        violations = run_axe(
            page, "{include: [['.jp-Notebook .jp-OutputArea-output']]}"
        ) + _stand_in_alt(page)
        save_artefact(page, f"axe-lab-{name[:2]}.png")
        return violations
    finally:
        try:
            page.evaluate(_SHUTDOWN, name)
        except Exception as error:  # noqa: BLE001 - the page may be gone already
            print(f"{name}: could not shut its kernel down ({error})")
        page.close()


@pytest.mark.parametrize("name", APPS)
def test_every_notebooks_outputs_in_jupyterlab_pass_axe(browser, lab_url, name):
    # One notebook, one page and one kernel at a time (shut down after), so two
    # cores never serve eight kernels. When the kernel or the outputs do not
    # arrive, the whole cycle is tried again, at most LAB_ATTEMPTS times, and each
    # reason is printed; the test fails, never skips, when they never arrive.
    reasons = []
    for attempt in range(1, LAB_ATTEMPTS + 1):
        try:
            violations = _open_and_run(browser, lab_url, name)
            break
        except OutputsMissing as missing:
            reasons.append(f"attempt {attempt}: {missing}")
            print(f"{name} in JupyterLab, {reasons[-1]}")
    else:
        pytest.fail(f"{name}: the outputs never arrived in JupyterLab\n"
                    + "\n".join(reasons))
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / f"axe-lab-{name[:2]}.json").write_text(
        json.dumps({"retries": reasons, "violations": violations}, indent=1)
    )
    assert not violations, (
        f"{name} in JupyterLab (outputs): {count(violations)} serious or critical\n"
        + describe(violations)
    )


def test_the_jupyterlab_check_finds_faults_planted_in_an_output(browser, lab_url):
    violations = _open_and_run(browser, lab_url, CANARY)
    found = {v["id"] for v in violations}
    assert {"image-alt-stand-in", "label", "aria-input-field-name"} <= found, (
        describe(violations))


def test_the_report_has_no_serious_or_critical_axe_violation(browser, tmp_path):
    written = kit.report(kit.Journal.sample(), tmp_path / "report.html")
    # The report's own policy forbids every script; axe is let in by the browser.
    context = browser.new_context(bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(written.resolve().as_uri(), wait_until="load")
        page.click("details.numbers summary")  # one table open, as a person would
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, (
        f"the report: {count(violations)} serious or critical\n" + describe(violations)
    )
