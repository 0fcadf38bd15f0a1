"""How long the apps take to open: from the request to a usable app, in Voila (the
server `make app` runs) and headless Chromium.

For each app the page is opened ``--runs`` times and two moments are timed from the
request:

- drawn: Voila's loading screen is gone and the app's first control (or chart) shows;
- usable: the first control answered a person: the kernel echoed a key press (02: the
  title appears in "What Save will write"), recorded a click (01: "An alert came in"
  starts the clock), or the charts are all drawn (04: four charts, no spinner).

Settings compared (``--setting``, or ``--compare`` for all of them, interleaved):

- ``preheated``: what `make app` runs: Voila reads ``notebooks/voila.json`` and keeps
  one kernel per app started ahead, with the kit loaded and the notebook paused before
  it reads the journal (so the page shows the journal as it is when opened);
- ``plain``: the same server with preheating off: each page starts its own kernel.

Every open waits first until the server is idle (a preheated kernel refilled, the
last page's kernel quiet), so a measure is not slowed by the one before it. The machine
may be shared: the load average is printed beside each figure, and with ``--compare``
the settings take turns app by app, so load changes hit both alike.

Run: ``.venv/bin/python bench/app_ready.py`` (``make bench`` runs it). It uses a copy of
the sample journal and a temporary home, never your own journal. Prints a table; no
target is asserted here.
"""

from __future__ import annotations

import argparse
import json
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

# name -> voila options beside notebooks/voila.json (read in the folder voila runs in)
SETTINGS = {
    "preheated": [],
    "plain": ["--VoilaConfiguration.preheat_kernel=False"],
}


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


def _load() -> float:
    """The one-minute load average."""
    return os.getloadavg()[0]


def _cpu_seconds(root: int) -> float:
    """CPU seconds used so far by a process and its descendants (server and kernels:
    kernels start in sessions of their own, so they are found by their parent)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        # fields[1] is the parent; fields[11] and [12] are user and system time
        used = int(fields[11]) + int(fields[12])
        stats[int(stat.parent.name)] = (int(fields[1]), used)
    family, total, grew = {root}, 0, True
    while grew:
        grew = False
        for pid, (parent, _) in stats.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    for pid in family:
        total += stats.get(pid, (0, 0))[1]
    return total / tick


def _settle(session: int, timeout: float = 120) -> None:
    """Wait until the server and its kernels have been idle for two seconds."""
    deadline = time.monotonic() + timeout
    quiet = 0
    before = _cpu_seconds(session)
    while time.monotonic() < deadline and quiet < 4:
        time.sleep(0.5)
        now = _cpu_seconds(session)
        quiet = quiet + 1 if now - before < 0.02 else 0
        before = now


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


class _Server:
    """One Voila server on the notebooks folder, with one setting."""

    def __init__(self, setting: str, env: dict, log: Path, extra: list[str]):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        voila = Path(sys.executable).parent / "voila"
        self.options = [*SETTINGS[setting], *extra]
        self.log = log
        self.opened: dict[str, int] = {}
        cmd = [str(voila), ".", "--no-browser", f"--port={self.port}",
               "--Voila.ip=127.0.0.1", *self.options]
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=NOTEBOOKS, stdout=log.open("wb"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def start(self) -> None:
        _wait(self.url + "/")
        _settle(self.proc.pid)

    def refilled(self, notebook: str, timeout: float = 90) -> None:
        """After an open, wait until a preheated server has a kernel ready again."""
        self.opened[notebook] = self.opened.get(notebook, 0) + 1
        if "preheat_kernel=False" in " ".join(self.options):
            return
        line = f"Kernel pool of {notebook}.ipynb is filled"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log.read_text(errors="replace").count(line) > self.opened[notebook]:
                return
            time.sleep(0.5)

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, 15)
        except ProcessLookupError:
            return
        self.proc.wait(timeout=30)


def _clean(journal: Path, shipped: set[str]) -> None:
    """01 starts a draft: start each open from the sample as shipped."""
    for entry in journal.iterdir():
        if entry.name.startswith("20") and entry.name not in shipped:
            entry.unlink()


def _print(rows: dict, args, servers: dict) -> None:
    settings = " ".join(f"--setting {s}" for s in servers)
    if args.compare:
        settings = "--compare"
    extra = " ".join(f"--voila-arg={a}" for a in args.voila_arg)
    print(f"# .venv/bin/python bench/app_ready.py --runs {args.runs} {settings} "
          f"{extra}".rstrip())
    print(f"# {os.cpu_count()} cores, Python {platform.python_version()}, "
          "Voila + headless Chromium; load = one-minute load average at each open;")
    print("# server CPU = CPU seconds Voila and its kernels used from the request to "
          "usable (the browser's not counted): the work, whatever the load")
    config = json.loads((NOTEBOOKS / "voila.json").read_text())
    print(f"# notebooks/voila.json: {json.dumps(config, separators=(',', ':'))}")
    for setting, server in servers.items():
        options = " ".join(server.options) or "(no more options)"
        print(f"# {setting}: cd notebooks; voila . {options}")
    print(f"{'app':24s} {'setting':10s} {'drawn s':>8s} {'max':>6s} {'usable s':>9s}"
          f" {'max':>6s} {'server CPU':>10s} {'load':>10s} {'runs':>5s}"
          "   (median; target usable <= 3 s)")
    for name in APPS:
        for setting in servers:
            drawn, usable, load, cpu = rows[name, setting]
            print(f"{name:24s} {setting:10s} {statistics.median(drawn):8.2f} "
                  f"{max(drawn):6.2f} {statistics.median(usable):9.2f} "
                  f"{max(usable):6.2f} {statistics.median(cpu):10.2f} "
                  f"{min(load):4.1f}-{max(load):<5.1f} {len(usable):5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--setting", action="append", choices=sorted(SETTINGS),
                        help="a Voila setting to time (default: preheated, "
                        "what make app runs); repeat to compare")
    parser.add_argument("--compare", action="store_true",
                        help="time every setting, taking turns app by app")
    parser.add_argument(
        "--voila-arg", action="append", default=[],
        help="an extra option for voila, e.g. "
        "--voila-arg=--VoilaKernelManager.fill_delay=1",
    )
    args = parser.parse_args()
    chosen = sorted(SETTINGS) if args.compare else (args.setting or ["preheated"])
    from playwright.sync_api import sync_playwright

    import kit
    from kit.reporting import CHROMIUM_OFFLINE_ARGS

    root = Path(tempfile.mkdtemp(prefix="kit-app-ready-"))
    journal = root / "journal"
    shutil.copytree(kit.paths.sample_journal(), journal)
    for entry in journal.iterdir():
        entry.chmod(0o600)
    journal.chmod(0o700)
    shipped = {entry.name for entry in journal.iterdir()}
    home = root / "home"
    home.mkdir()
    env = dict(os.environ, KIT_JOURNAL=str(journal), HOME=str(home),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               IPYTHONDIR=str(home / ".ipython"), MPLCONFIGDIR=str(home / ".mpl"))
    servers = {s: _Server(s, env, root / f"voila-{s}.log", args.voila_arg)
               for s in chosen}
    rows: dict = {(name, s): ([], [], [], []) for name in APPS for s in chosen}
    try:
        for server in servers.values():
            server.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=args.chromium, headless=True,
                args=list(CHROMIUM_OFFLINE_ARGS),
            )
            for _ in range(args.runs):
                for name, (ready, use) in APPS.items():
                    for setting, server in servers.items():
                        _clean(journal, shipped)
                        for other in servers.values():
                            _settle(other.proc.pid)
                        load = _load()
                        cpu = _cpu_seconds(server.proc.pid)
                        page = browser.new_page(
                            viewport={"width": 1280, "height": 900})
                        d, u = _open(page, server.url, name, ready, use)
                        cpu = _cpu_seconds(server.proc.pid) - cpu
                        page.close()
                        server.refilled(name)
                        drawn, usable, loads, cpus = rows[name, setting]
                        drawn.append(d)
                        usable.append(u)
                        loads.append(load)
                        cpus.append(cpu)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
    _print(rows, args, servers)


if __name__ == "__main__":
    main()
