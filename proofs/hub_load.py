"""A workshop of thirty on one hub: load held, faults survived, nothing lost.

``python -m proofs.hub_load [--participants 30]``, as root, from the repository root.

Starts the shipped ``deploy/jupyterhub/jupyterhub_config.py`` on 127.0.0.1 the way the
hub test does (loaded as a sub-configuration, a dummy authenticator, the default
LocalProcessSpawner, real Unix accounts, ``setup_workshop.py install``), with the
workshop drop folder on a small tmpfs of its own. Each participant logs in through
the login form, starts their server, opens notebook 02 as a Voila app and waits for
the whole page, logs an incident in a kernel of their own server; then all press
Export at once (a start barrier), then answer the safety survey, while the
facilitator's kernel pools the drop folder continuously. Meanwhile:

- one participant's server is SIGKILLed while their export runs;
- once the exports are confirmed, the hub and its proxy are stopped and started
  again, and everyone sends their survey answer while they are down (retried until
  the hub is back; the servers keep running);
- one export meets a full drop folder (the tmpfs filled by a file, for that one
  write; nothing else writes to the drop at that moment);
- after every export has landed, one export file is truncated by hand.

Every figure printed is counted in the run. Accounts, servers, the mount and the
folders are removed at the end. Every request loop is bounded in tries and time.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import http.cookiejar
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from proofs.hub_code import (
    POOL,
    WATCH,
    Sampler,
    answer_code,
    export_code,
    save_code,
    wait_for,
    withdraw_code,
)
from proofs.hub_figures import APP, count, show_all

__all__ = ["missing", "run", "main"]

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DEPLOY = ROOT / "deploy" / "jupyterhub"
RUN_LIMIT_S = 570  # every loop below stops by this, whatever happens
PAGE_TIMEOUT_S = 120  # an app page with no answer this long is reloaded
DROP_SIZE = "8m"


def _hub_test():
    """The hub test's own way of running a hub and a kernel: imported, not copied."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import test_jupyterhub

    return test_jupyterhub


def missing() -> str | None:
    """Why this machine cannot run the proof (None: it can)."""
    return _hub_test()._missing()


class _Gate:
    """Everyone waits here until the clock opens it; a person who failed on the way
    is counted as arrived, so that one failure never holds up the others."""

    def __init__(self, n: int):
        self.n = n
        self.arrived: set[str] = set()
        self.opened = False
        self.cond = threading.Condition()

    def arrive(self, role: str, timeout: float) -> None:
        with self.cond:
            self.arrived.add(role)
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.opened, timeout)

    def leave(self, role: str) -> None:
        with self.cond:
            self.arrived.add(role)
            self.cond.notify_all()

    def wait_all(self, timeout: float) -> None:
        with self.cond:
            self.cond.wait_for(lambda: len(self.arrived) >= self.n, timeout)

    def open(self) -> None:
        with self.cond:
            self.opened = True
            self.cond.notify_all()


class _Run:
    """Shared state of one run: the deadline, the hub and what each person saw."""

    def __init__(self, n: int, app: bool):
        self.n = n
        self.app = app
        self.started = time.monotonic()
        self.deadline = self.started + RUN_LIMIT_S
        self.hub = None
        self.process: subprocess.Popen | None = None
        self.people: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.barrier = _Gate(n)  # everyone presses Export when it opens
        self.answers_go = _Gate(n)  # opened while the hub is down
        self.hub_down = threading.Event()
        self.faults: list[dict] = []
        self.kernels_replaced: list[str] = []  # a kernel gone (404): a new one started
        self.pages_reloaded: list[str] = []  # an app page not whole in time: reloaded

    def left(self) -> float:
        return max(1.0, self.deadline - time.monotonic())

    def note(self, text: str) -> None:
        """Progress on stderr, so that a long run shows where it is."""
        print(f"[{time.monotonic() - self.started:6.1f} s] {text}", file=sys.stderr,
              flush=True)


def _transient(error: BaseException) -> bool:
    """A failure that goes away when the hub or proxy is back (retried)."""
    from tornado.httpclient import HTTPClientError
    from tornado.iostream import StreamClosedError
    from tornado.websocket import WebSocketClosedError

    if isinstance(error, http.client.HTTPException):  # a page cut off part-way
        return True
    if isinstance(error, urllib.error.HTTPError):
        return error.code in (404, 424, 502, 503, 504)
    return isinstance(
        error,
        (
            urllib.error.URLError,
            ConnectionError,
            TimeoutError,
            HTTPClientError,
            StreamClosedError,
            WebSocketClosedError,
            AssertionError,  # "the kernel connection closed" from the hub test
        ),
    )


def _retry(run: _Run, fn, tries: int = 200, window: float = 180.0):
    """``fn()`` until it works: at most ``tries`` times, for ``window`` seconds, and
    never past the run's deadline."""
    stop = min(run.deadline, time.monotonic() + window)
    for attempt in range(tries):
        try:
            return fn()
        except Exception as error:
            if not _transient(error) or attempt == tries - 1:
                raise
            if time.monotonic() > stop:
                raise
            time.sleep(min(0.25 * (attempt + 1), 2.0))
    return None  # not reached


def _code(run: _Run, role: str, code: str) -> dict:
    """Run code in the person's kernel. If the kernel is gone (404 on its channels),
    forget it, so that the retry starts a new one, as a reloaded page would; each
    such case is counted and shown, never hidden."""
    from tornado.httpclient import HTTPClientError

    try:
        return run.hub.run(role, code)
    except HTTPClientError as error:
        if error.code == 404:
            with run.lock:
                run.hub.kernels.pop(role, None)
                run.kernels_replaced.append(role)
            run.note(f"{role}: kernel gone (HTTP 404); a new one is started")
        raise


def _log_in(url: str, name: str) -> urllib.request.OpenerDirector:
    """The login form, as a browser fills it (the dummy authenticator)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(url + "/hub/login", timeout=60).read()
    xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    form = urllib.parse.urlencode(
        {"username": name, "password": "any", "_xsrf": xsrf}
    ).encode()
    opener.open(url + "/hub/login", data=form, timeout=120).read()
    if not any(cookie.name == "jupyterhub-hub-login" for cookie in jar):
        msg = f"{name} was not logged in by the login form"
        raise RuntimeError(msg)
    return opener


def _server_pids(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if entry.stat().st_uid != uid:
                continue
            if b"singleuser" in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
    return pids


def _title(notebook: Path) -> str:
    cells = json.loads(notebook.read_text())["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _incident(role: str, number: int) -> str:
    """One finished incident per person, different for everyone even once the export
    has coarsened it (the pool counts identical exports once)."""
    from helpers import incident_data

    from kit.record import SEVERITIES, TECHNIQUES, WHOSE

    data = incident_data(id=f"2026-03-10-load-{role}")
    data["severity"] = SEVERITIES[number % len(SEVERITIES)]
    data["whose"] = WHOSE[(number // len(SEVERITIES)) % len(WHOSE)]
    spread = number // (len(SEVERITIES) * len(WHOSE))
    data["techniques"] = list(TECHNIQUES[: 1 + spread % len(TECHNIQUES)])
    return json.dumps(data)


# --- one participant --------------------------------------------------------------


def _participant(run: _Run, role: str, number: int, top: Path) -> None:
    hub, me = run.hub, run.people[role]
    name = hub.users[role]
    uid = pwd.getpwnam(name).pw_uid
    began = time.monotonic()
    opener = _retry(run, lambda: _log_in(hub.url, name))
    _retry(run, lambda: hub.start(role))
    me["spawn_s"] = time.monotonic() - began
    run.note(f"{role} logged in, server ready")
    if run.app:
        began = time.monotonic()
        url = f"{hub.url}/user/{name}/voila/render/incident-kit/{APP}"

        def page() -> str:
            # The socket's timeout only notices silence; a page that keeps sending
            # a little and never ends would hold everyone at the Export barrier, so
            # the whole page has the same limit.
            opened = time.monotonic()
            try:
                with opener.open(url, timeout=PAGE_TIMEOUT_S) as answer:
                    parts = []
                    while chunk := answer.read1(65536):
                        parts.append(chunk)
                        if time.monotonic() - opened > PAGE_TIMEOUT_S:
                            raise TimeoutError(PAGE_TIMEOUT_S)
                    return b"".join(parts).decode(errors="replace")
            except (TimeoutError, urllib.error.URLError) as error:
                if not isinstance(getattr(error, "reason", error), TimeoutError):
                    raise
                # No whole page in two minutes: a person reloads it; counted.
                with run.lock:
                    run.pages_reloaded.append(role)
                run.note(f"{role}: no whole app page in {PAGE_TIMEOUT_S} s; reloading")
                raise

        html = _retry(run, page, tries=5, window=RUN_LIMIT_S)
        me["app_s"] = time.monotonic() - began
        me["app_ok"] = run.app_title in html and "import kit" not in html
        run.note(f"{role} app page loaded")
    me["log"] = _retry(
        run, lambda: _code(run, role, save_code(_incident(role, number)))
    )
    run.note(f"{role} logged an incident")

    if role == run.disk_full_role:
        me["disk_full"] = _full_drop_export(run, role)
    run.barrier.arrive(role, timeout=run.left())

    pressed = time.monotonic()
    if role == run.kill_role:
        _killed_during_export(run, role, uid, top)
    else:
        me["export"] = _retry(run, lambda: _code(run, role, export_code()))
    me["export_s"] = time.monotonic() - pressed
    run.note(f"{role} export confirmed")
    answers = [1 + (number + item) % 7 for item in range(7)]
    run.answers_go.arrive(role, timeout=run.left())
    sent = time.monotonic()
    me["answer"] = _retry(run, lambda: _code(run, role, answer_code(answers)))
    me["answer_s"] = time.monotonic() - sent
    run.note(f"{role} survey answered")


def _full_drop_export(run: _Run, role: str) -> dict:
    """Export once into a drop folder whose disk is full, then free the space."""
    filler = run.drop / ".kit-proof-filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        for size in (65536, 1):  # unbuffered, until the disk says ENOSPC
            with contextlib.suppress(OSError):
                while os.write(fd, b"\0" * size):
                    pass
    finally:
        os.close(fd)
    try:
        seen = _retry(run, lambda: _code(run, role, export_code()))
    finally:
        filler.unlink()
    temps = [p.name for p in run.drop.iterdir() if p.name.endswith(".tmp")]
    return {"seen": seen, "temps_left": temps}


def _killed_during_export(run: _Run, role: str, uid: int, top: Path) -> None:
    """SIGKILL this person's server while their export runs; they start it again."""
    hub, me = run.hub, run.people[role]
    home = Path(pwd.getpwnam(hub.users[role]).pw_dir)
    marker = home / ".kit-proof-exporting"
    killed: list[int] = []

    def killer() -> None:
        if wait_for(marker, 60):
            for pid in _server_pids(uid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    try:
        me["kill_first"] = {"result": hub.run(role, export_code(str(marker)))}
    except Exception as error:
        me["kill_first"] = {"error": f"{type(error).__name__}: {error}"}
    thread.join(timeout=60)
    me["killed_pids"] = killed
    # What the person's browser gets on the next request to their server.
    name = hub.users[role]
    request = urllib.request.Request(
        f"{hub.url}/user/{name}/api/status",
        headers={"Authorization": f"token {hub.user_token(role)}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            me["kill_next_page"] = f"HTTP {answer.status}"
    except urllib.error.HTTPError as error:
        me["kill_next_page"] = f"HTTP {error.code}: {error.reason}"
    except Exception as error:
        me["kill_next_page"] = type(error).__name__
    # They stop and start their server from the hub's home page, then export again.
    hub.kernels.pop(role, None)
    run.note(f"{role} server killed; they saw {me['kill_first']}")

    def restart() -> None:
        with contextlib.suppress(urllib.error.HTTPError):
            hub.api("DELETE", f"/hub/api/users/{name}/server")
        for _ in range(120):
            if not hub.api("GET", f"/hub/api/users/{name}")["servers"]:
                break
            time.sleep(0.5)
        hub.start(role)

    _retry(run, restart)
    run.note(f"{role} server started again")
    first = me["kill_first"].get("result") or {}
    if first.get("ok"):  # the confirmation came before the server died: done
        me["export"] = first
    else:  # no confirmation: they press Export again
        me["export"] = _retry(run, lambda: _code(run, role, export_code()))


def _withdraw(run: _Run, drop: Path, exports: list[Path], uids: dict) -> dict:
    """The disk-full person withdraws their export with its receipt; the next pool
    must leave it out (and only it)."""
    role = run.disk_full_role
    receipt = run.people.get(role or "", {}).get("export", {}).get("receipt")
    if not receipt:
        return {}
    before = _retry(run, lambda: _code(run, "fac", POOL))
    said = _retry(run, lambda: _code(run, role, withdraw_code(receipt)))
    after = _retry(run, lambda: _code(run, "fac", POOL))
    mine = [p for p in exports if uids.get(p.stat().st_uid) == role]
    pseudonym = mine[0].read_text().splitlines()[1].split(",")[1] if mine else None
    return {
        "person_saw": said["status"],
        "left_out": pseudonym in before["pseudonyms"]
        and pseudonym not in after["pseudonyms"]
        and after["withdrawn"] == before["withdrawn"] + 1
        and after["people"] == before["people"] - 1,
    }


# --- the hub ----------------------------------------------------------------------


def _start_hub(run: _Run, wrapper: Path, env: dict, log: Path) -> None:
    with open(log, "ab") as sink:
        run.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(wrapper)],
            cwd=wrapper.parent,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    from helpers import wait_http

    wait_http(run.hub_url + "/hub/api/", timeout=120)


def _stop_hub(run: _Run) -> None:
    process = run.process
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)  # the hub stops its proxy, not servers
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _proxy_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if b"configurable-http-proxy" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


def _restart_hub(run: _Run, wrapper: Path, env: dict, log: Path, after: float):
    """Stop the hub and its proxy mid-run and start them again."""
    time.sleep(after)
    servers = {role: _server_pids(pwd.getpwnam(n).pw_uid) for role, n in
               run.hub.users.items() if role != run.kill_role}
    proxies = _proxy_pids()
    began = time.monotonic()
    run.note("stopping the hub and its proxy")
    _stop_hub(run)
    run.hub_down.set()
    run.note("hub stopped; starting it again")
    # The hub asks its proxy to stop; give the proxy time to exit before asking.
    waited = time.monotonic() + 15
    while set(proxies) & set(_proxy_pids()) and time.monotonic() < waited:
        time.sleep(0.1)
    proxy_gone = not (set(proxies) & set(_proxy_pids()))
    _start_hub(run, wrapper, env, log)
    down = time.monotonic() - began
    run.note(f"hub back after {down:.1f} s")
    run.sampler.watch("hub", run.process.pid)
    kept = sum(
        1 for role, pids in servers.items()
        if pids and all(Path(f"/proc/{pid}").exists() for pid in pids)
    )
    run.restart = {"down_s": down, "proxy_restarted": proxy_gone,
                   "servers_before": sum(1 for p in servers.values() if p),
                   "servers_kept": kept}


# --- the run ----------------------------------------------------------------------


def run(n: int = 30, *, app: bool = True) -> dict:  # noqa: C901 - one story, in order
    """Run the workshop of ``n`` participants and return every figure counted."""
    pieces = _hub_test()
    why = pieces._missing()
    if why:
        msg = f"cannot run: {why}"
        raise SystemExit(msg)
    import pytest

    # Thirty servers starting at once on two cores take longer than the hub test's
    # two minutes; the spawner's own timeout below is five.
    pieces.START_TIMEOUT_S = 300
    state = _Run(n, app)
    state.app_title = _title(ROOT / "notebooks" / APP)
    top = Path(tempfile.mkdtemp(prefix="kit-hubload-", dir="/tmp"))
    top.chmod(0o755)
    tag = secrets.token_hex(2)
    users = {f"p{i:02d}": f"kl{tag}p{i:02d}" for i in range(n)}
    users["fac"] = f"kl{tag}fac"
    facilitators, participants = f"klfac{tag}", f"klpar{tag}"
    made: list[str] = []
    mounted = False
    prefix = top / "srv"
    drop = prefix / "workshop-drop"
    try:
        for name in users.values():
            subprocess.run(["useradd", "--create-home", "--user-group", "--shell",
                            "/bin/bash", name], check=True, capture_output=True)
            made.append(name)
        drop.mkdir(parents=True)
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DROP_SIZE}", "tmpfs", str(drop)],
            capture_output=True, check=False,
        ).returncode == 0
        command = [sys.executable, str(DEPLOY / "setup_workshop.py"), "--prefix",
                   str(prefix), "--group", facilitators, "install",
                   "--participants-group", participants, "--notebooks",
                   str(ROOT / "notebooks"), "--facilitator", users["fac"]]
        for role, name in users.items():
            if role != "fac":
                command += ["--participant", name]
        setup = subprocess.run(command, capture_output=True, text=True, check=False)
        if setup.returncode != 0:
            raise SystemExit(setup.stderr + setup.stdout)
        try:
            python = pieces._user_python(top, users["p00"])
        except pytest.skip.Exception as skipped:
            msg = f"cannot run: {skipped}"
            raise SystemExit(msg) from None

        from helpers import free_port

        port, hub_port, api_port = free_port(), free_port(), free_port()
        token = secrets.token_hex(32)
        hubdir = top / "hub"
        hubdir.mkdir(mode=0o700)
        wrapper = hubdir / "load_config.py"
        wrapper.write_text(
            "c = get_config()  # noqa\n"
            f"load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n"
            "c.JupyterHub.authenticator_class = 'dummy'\n"
            f"c.Authenticator.allowed_users = {set(users.values())!r}\n"
            f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'\n"
            f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
            "def _list(value):\n"
            "    return value if isinstance(value, list) else []\n"
            "c.JupyterHub.services = [*_list(c.JupyterHub.services), "
            f"{{'name': 'kit-proof', 'api_token': {token!r}}}]\n"
            "c.JupyterHub.load_roles = [*_list(c.JupyterHub.load_roles), "
            "{'name': 'kit-proof', 'services': ['kit-proof'], 'scopes': "
            "['admin:users', 'admin:servers', 'tokens', 'list:services']}]\n"
            "c.Spawner.start_timeout = 300\n"
            "c.Spawner.http_timeout = 300\n"
        )
        env = dict(os.environ, KIT_HUB_PREFIX=str(prefix),
                   KIT_HUB_FACILITATORS=facilitators,
                   KIT_HUB_PARTICIPANTS=participants, KIT_USER_PYTHON=python)
        log = hubdir / "hub.log"
        state.hub_url = f"http://127.0.0.1:{port}"
        state.drop = drop
        state.disk_full_role = "p01" if mounted and n > 1 else None
        state.kill_role = "p02" if n > 2 else None
        uids = {pwd.getpwnam(name).pw_uid: role for role, name in users.items()}
        with Sampler(uids) as sampler:
            state.sampler = sampler
            state.note(f"{n} accounts made, drop folder on tmpfs: {mounted}")
            _start_hub(state, wrapper, env, log)
            sampler.watch("hub", state.process.pid)
            state.note("hub started")
            hub = pieces.Hub(state.hub_url, token, log, users, drop, facilitators)
            state.hub = hub
            services = hub.api("GET", "/hub/api/services")
            state.culler = "kit-idle-culler" in services
            for role in users:
                state.people[role] = {}
            fac_home = Path(pwd.getpwnam(users["fac"]).pw_dir)
            watch_out, watch_stop = fac_home / ".kit-watch.json", fac_home / ".stop"
            hub.run("fac", WATCH.format(rows=1, out=str(watch_out),
                                        stop=str(watch_stop), rounds=3000,
                                        seconds=RUN_LIMIT_S - 60))
            state.note("the facilitator's kernel pools continuously")
            restarter = threading.Thread(
                target=_restart_hub, args=(state, wrapper, env, log, 0.0), daemon=True
            )
            errors: dict[str, str] = {}

            def person(role: str, number: int) -> None:
                try:
                    _participant(state, role, number, top)
                except Exception as error:
                    errors[role] = f"{type(error).__name__}: {error}"
                    state.barrier.leave(role)
                    state.answers_go.leave(role)

            threads = [threading.Thread(target=person, args=(role, i), daemon=True)
                       for i, role in enumerate(r for r in users if r != "fac")]
            for thread in threads:
                thread.start()
            # Everyone presses Export at once. Once every export is confirmed, the
            # hub and its proxy are stopped and started again, and everyone answers
            # the survey while they are down.
            state.barrier.wait_all(timeout=state.left())
            with state.barrier.cond:
                stuck = sorted(set(users) - {"fac"} - state.barrier.arrived)
            if stuck:  # named, so a run that ends past its deadline says who held it
                state.note(f"not at Export by the deadline: {', '.join(stuck)}")
            state.barrier.open()
            burst = time.monotonic()
            state.answers_go.wait_all(timeout=state.left())
            restarter.start()
            state.hub_down.wait(timeout=state.left())
            state.answers_go.open()
            periodic = 0
            while any(t.is_alive() for t in threads):
                if time.monotonic() > state.deadline:
                    break
                with contextlib.suppress(Exception):
                    _retry(state, lambda: _code(state, "fac", POOL), tries=3)
                    periodic += 1
                time.sleep(3)
            for thread in threads:
                thread.join(timeout=state.left())
            restarter.join(timeout=state.left())
            burst_s = time.monotonic() - burst
            watch_stop.touch()
            wait_for(watch_out, 10)
            watched = json.loads(watch_out.read_text()) if watch_out.exists() else {}

            exports = [p for p in drop.iterdir() if p.is_file()
                       and not p.name.startswith(".")]
            by_owner: dict[str, int] = {}
            for path in exports:
                owner = uids.get(path.stat().st_uid, "?")
                by_owner[owner] = by_owner.get(owner, 0) + 1
            temps = [p.name for p in drop.iterdir() if p.name.startswith(".")]
            # Problems while exports landed are expected only for a person who
            # exported twice (the pool notes the second copy); anything else would
            # be a file read before it was whole.
            twice = {r for r, count in by_owner.items() if count > 1}
            watched["unexpected_problem_files"] = [
                name for name in watched.get("problem_files", [])
                if uids.get((drop / name).stat().st_uid) not in twice
            ]
            answered: dict[str, int] = {}
            for path in (drop / "safety").iterdir():
                if path.is_file() and not path.name.startswith("."):
                    owner = uids.get(path.stat().st_uid, "?")
                    answered[owner] = answered.get(owner, 0) + 1
            withdrawal = _withdraw(state, drop, exports, uids)
            truncated = None
            victim = next((p for p in sorted(exports)
                           if uids.get(p.stat().st_uid) not in
                           (state.kill_role, state.disk_full_role)), None)
            if victim is not None:
                data = victim.read_bytes()
                victim.write_bytes(data[: len(data) // 2])  # by hand, in place
                truncated = victim.name
            final = _retry(state, lambda: _code(state, "fac", POOL))
        figures = count(state, users, by_owner, temps, truncated, final, watched,
                           burst_s, periodic, errors, answered, withdrawal)
        return figures
    finally:
        _stop_hub(state)
        ids = set()
        for name in made:
            with contextlib.suppress(KeyError):
                ids.add(pwd.getpwnam(name).pw_uid)
        pieces._kill_leftovers(ids)
        if mounted:
            subprocess.run(["umount", "--lazy", str(drop)], capture_output=True,
                           check=False)
        for name in made:
            subprocess.run(["userdel", "--remove", name], capture_output=True,
                           check=False)
        for group in (facilitators, participants):
            subprocess.run(["groupdel", group], capture_output=True, check=False)
        shutil.rmtree(top, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m proofs.hub_load``: run the workshop and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m proofs.hub_load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--no-app", action="store_true",
                        help="skip opening notebook 02 as an app (faster)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    command = " ".join(["python -m proofs.hub_load", *(argv or sys.argv[1:])])
    why = missing()
    if why:
        print(f"# {command}: skipped, {why}")
        return 0
    # A stop from outside (timeout, Ctrl-C) still removes the accounts and the mount.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    figures = run(args.participants, app=not args.no_app)
    show_all(figures, command)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str))
    held = (figures["exports_lost"] == 0 and not figures["errors"]
            and figures["answers_pooled"] == figures["answers_expected"]
            and figures["faults_survived"] == figures["faults_injected"]
            and figures["watch"].get("partial") == 0
            and figures["watch"].get("unexpected_problem_files") == []
            and bool(figures["withdrawal"].get("left_out")))
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
