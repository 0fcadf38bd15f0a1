"""How long the apps take to open: from the request to a usable app, in Voila (the
server `make app` runs) and headless Chromium.

For each app the page is opened ``--runs`` times on one Voila server and two moments
are timed from the request:

- drawn: Voila's loading screen is gone and the app's first control (or chart) shows;
- usable: the first control answered a person: the kernel echoed a key press (02: the
  title appears in "What Save will write"), recorded a click (01: "An alert came in"
  starts the clock), or the charts are all drawn (04: four charts, no spinner).

Run: ``.venv/bin/python bench/app_ready.py`` (``make bench`` runs it). It uses a copy of
the sample journal and a temporary home, never your own journal. Prints a table; no
target is asserted here.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT_MS = 120_000


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    msg = f"{url} did not answer within {timeout} s"
    raise TimeoutError(msg)


def _voila_ready(page) -> None:
    page.wait_for_function(
        "() => { const l = document.querySelector('#loading');"
        " return !l || l.offsetParent === null; }",
        timeout=TIMEOUT_MS,
    )


def _open(page, url: str, notebook: str, ready: str, use) -> tuple[float, float]:
    """Seconds from the request to the first control drawn, and to its first use."""
    start = time.perf_counter()
    page.goto(f"{url}/voila/render/{notebook}.ipynb", timeout=TIMEOUT_MS)
    _voila_ready(page)
    page.wait_for_selector(ready, state="visible", timeout=TIMEOUT_MS)
    drawn = time.perf_counter() - start
    use(page)
    return drawn, time.perf_counter() - start


def _wait_for(page, script: str, arg=None) -> None:
    page.wait_for_function(script, arg=arg, timeout=TIMEOUT_MS)


def _use_01(page) -> None:
    """Press the alert: the kernel answers on the status line."""
    from kit import messages as msg

    page.click("button.kit-alert")
    _wait_for(page, "(words) => { const s = document.querySelector('.kit-status');"
              " return s && s.innerText.includes(words); }", msg.LIVE_STARTED)


def _use_02(page) -> None:
    """Type a title: the kernel echoes it in the summary."""
    page.focus(".kit-title input")
    page.keyboard.type("Q")
    page.keyboard.press("Tab")
    _wait_for(page, "() => { const s = document.querySelector('.kit-summary');"
              " return s && s.innerText.includes('«Q»'); }")


def _use_04(page) -> None:
    """Wait for the four charts."""
    _wait_for(page, "() => document.querySelectorAll('.jp-OutputArea-output img')"
              ".length >= 4")


# notebook -> (the first control to wait for, what a person does with it)
APPS = {
    "01-during-an-incident": ("button.kit-alert", _use_01),
    "02-after-the-incident": (".kit-title input", _use_02),
    "04-your-trend": (".jp-OutputArea-output img", _use_04),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--voila-arg", action="append", default=[],
        help="an extra option for voila, e.g. --voila-arg=--preheat_kernel=True",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    import kit
    from kit.reporting import CHROMIUM_OFFLINE_ARGS

    root = Path(tempfile.mkdtemp(prefix="kit-app-ready-"))
    journal = root / "journal"
    shutil.copytree(kit.paths.sample_journal(), journal)
    for entry in journal.iterdir():
        entry.chmod(0o600)
    journal.chmod(0o700)
    home = root / "home"
    home.mkdir()
    env = dict(os.environ, KIT_JOURNAL=str(journal), HOME=str(home),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               IPYTHONDIR=str(home / ".ipython"), MPLCONFIGDIR=str(home / ".mpl"))
    port = _free_port()
    voila = Path(sys.executable).parent / "voila"
    cmd = [str(voila), str(NOTEBOOKS), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", *args.voila_arg]
    server = subprocess.Popen(
        cmd, env=env, stdout=(root / "voila.log").open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        _wait(url + "/")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=args.chromium, headless=True,
                args=list(CHROMIUM_OFFLINE_ARGS),
            )
            shipped = {entry.name for entry in kit.paths.sample_journal().iterdir()}
            for name, (ready, use) in APPS.items():
                drawn, usable = [], []
                for _ in range(args.runs):
                    for entry in journal.iterdir():
                        if entry.name.startswith("20") and entry.name not in shipped:
                            entry.unlink()  # 01 starts a draft; start each run clean
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    d, u = _open(page, url, name, ready, use)
                    page.close()
                    drawn.append(d)
                    usable.append(u)
                rows.append((name, drawn, usable))
            browser.close()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)

    extra = " ".join(args.voila_arg)
    print(f"# python bench/app_ready.py --runs {args.runs} {extra}".rstrip()
          + f"  (Python {platform.python_version()}, {os.cpu_count()} cores, "
          "Voila + headless Chromium, one server)")
    print(f"{'app':28s} {'drawn s':>9s} {'usable s':>9s} {'min-max usable':>16s}"
          f" {'runs':>5s}  target usable <= 3 s")
    for name, drawn, usable in rows:
        print(f"{name:28s} {statistics.median(drawn):9.2f} "
              f"{statistics.median(usable):9.2f} "
              f"{min(usable):7.2f}-{max(usable):<7.2f} {len(usable):5d}")


if __name__ == "__main__":
    main()
