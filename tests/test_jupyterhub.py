"""A team on one machine: the shipped JupyterHub configuration with real accounts.

Starts a real JupyterHub on 127.0.0.1 that loads the shipped
``deploy/jupyterhub/jupyterhub_config.py`` as a sub-configuration (the way The
Littlest JupyterHub loads it), with a dummy authenticator and JupyterHub's default
LocalProcessSpawner, for three Unix accounts
made here: two participants and a facilitator. Each person logs in, gets a server
running as their own account, and runs kit code in a kernel of that server. Then:

- each has the notebooks in ``~/incident-kit`` on first login;
- each journal is private: the other participant's kernel gets PermissionError;
- both drop an anonymous export into the workshop folder; neither can list it or read
  the other's export; the facilitator pools both;
- with KIT_JOURNAL unset, the journal falls back to ``~/.local/share`` because the
  repository folder is not writable for them.

Needs root (useradd), ``configurable-http-proxy`` (npm) and ``jupyterhub`` (PyPI);
skips and says which is missing. Accounts, servers and folders are removed at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import html as html_module
import http.cookiejar
import json
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import ROOT, free_port, incident_data, wait_http

pytestmark = pytest.mark.slow

DEPLOY = ROOT / "deploy" / "jupyterhub"
CONFIG = DEPLOY / "jupyterhub_config.py"
SETUP = DEPLOY / "setup_workshop.py"
NOTEBOOKS = ROOT / "notebooks"
START_TIMEOUT_S = 120


def _missing() -> str | None:
    """Why this machine cannot run a real hub with real accounts (None: it can)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to create the Unix accounts of the test (useradd)"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "gpasswd"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if not shutil.which("configurable-http-proxy"):
        return (
            "configurable-http-proxy is not installed "
            "(npm install -g configurable-http-proxy)"
        )
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed (.venv/bin/pip install jupyterhub)"
    return None


def _runs_as(user: str, python: str) -> bool:
    try:
        result = subprocess.run(
            [python, "-c", "import kit, jupyterhub"],
            user=user,
            capture_output=True,
            cwd="/",
            check=False,
        )
    except PermissionError:  # the interpreter itself is out of the account's reach
        return False
    return result.returncode == 0


def _user_python(folder: Path, probe_user: str) -> str:
    """A Python the test accounts may run, with the kit and Jupyter importable.

    The project's venv may rest on an interpreter inside /root (pyenv), which no other
    account can reach. Then a venv of the system's Python of the same version is made
    whose site-packages add the project's venv: the same packages, a reachable binary.
    Its ``share`` and ``etc`` point at the venv's, so Jupyter finds JupyterLab, Voila
    and their server extensions.
    """
    if _runs_as(probe_user, sys.executable):
        return sys.executable
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    system = Path(f"/usr/bin/python{version}")
    if not system.exists():
        pytest.skip(
            f"{sys.executable} cannot be run by other accounts and there is no "
            f"{system} to build a venv they can run"
        )
    shim = folder / "user-venv"
    subprocess.run(
        [str(system), "-m", "venv", "--without-pip", str(shim)],
        check=True,
        capture_output=True,
    )
    site = next((shim / "lib").glob("python*/site-packages"))
    venv_site = next(
        p for p in (Path(sys.prefix) / "lib").glob("python*/site-packages")
    )
    (site / "kit-project-venv.pth").write_text(
        f"import site; site.addsitedir({str(venv_site)!r})\n"
    )
    for name in ("share", "etc"):
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(shim / name)
        (shim / name).symlink_to(Path(sys.prefix) / name)
    subprocess.run(["chmod", "-R", "a+rX", str(shim)], check=True)
    python = str(shim / "bin" / "python")
    if not _runs_as(probe_user, python):
        pytest.skip("no Python here that the test accounts can run with the kit")
    return python


class Hub:
    """A running hub, and the REST and kernel calls the tests make through it."""

    def __init__(self, url, token, log, users, drop, facilitators):
        self.url = url
        self.facilitators = facilitators
        self.token = token
        self.log = log
        self.users = users  # role -> Unix name
        self.drop = drop
        self.kernels: dict[str, str] = {}
        self.tokens: dict[str, str] = {}

    def log_tail(self, n: int = 40) -> str:
        lines = self.log.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def api(self, method: str, path: str, body=None, token: str | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"token {token or self.token}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            raw = response.read()
        return json.loads(raw) if raw else None

    def start(self, role: str) -> None:
        name = self.users[role]
        with contextlib.suppress(urllib.error.HTTPError):  # 400: already running
            self.api("POST", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            server = self.api("GET", f"/hub/api/users/{name}")["servers"].get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        msg = f"the server of {name} did not start:\n{self.log_tail()}"
        raise AssertionError(msg)

    def user_token(self, role: str) -> str:
        if role not in self.tokens:
            name = self.users[role]
            made = self.api(
                "POST",
                f"/hub/api/users/{name}/tokens",
                {"note": "kit-test", "expires_in": 900},
            )
            self.tokens[role] = made["token"]
        return self.tokens[role]

    def server_api(self, role: str, method: str, path: str, body=None):
        name = self.users[role]
        return self.api(
            method, f"/user/{name}{path}", body, token=self.user_token(role)
        )

    def run(self, role: str, code: str) -> dict:
        """Run ``code`` in a kernel of the person's own server; it prints one JSON
        line, which is returned. A kernel error fails the test with its message."""
        if role not in self.kernels:
            self.start(role)
            kernel = self.server_api(role, "POST", "/api/kernels", {"name": "python3"})
            self.kernels[role] = kernel["id"]
        name = self.users[role]
        ws = self.url.replace("http://", "ws://") + (
            f"/user/{name}/api/kernels/{self.kernels[role]}/channels"
        )
        out = asyncio.run(_execute(ws, self.user_token(role), code))
        return json.loads(out.strip().splitlines()[-1])


async def _execute(ws_url: str, token: str, code: str, timeout: float = 90) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
    connection = await asyncio.wait_for(websocket_connect(request), timeout)
    msg_id = uuid.uuid4().hex
    connection.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "kit-test",
                    "session": uuid.uuid4().hex,
                    "date": datetime.now(timezone.utc).isoformat(),
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    out: list[str] = []
    error = None
    try:
        while True:
            raw = await asyncio.wait_for(connection.read_message(), timeout)
            if raw is None:
                msg = "the kernel connection closed"
                raise AssertionError(msg)
            if isinstance(raw, bytes):
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "stream":
                out.append(message["content"]["text"])
            elif kind == "error":
                error = (
                    message["content"]["ename"] + ": " + message["content"]["evalue"]
                )
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                break
    finally:
        connection.close()
    if error:
        raise AssertionError(error)
    return "".join(out)


def _kill_leftovers(uids: set[int]) -> None:
    """Stop any process still running as a test account (servers, kernels)."""
    for _ in range(3):
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if entry.stat().st_uid in uids:
                        pids.append(int(entry.name))
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)


@pytest.fixture(scope="module")
def hub():
    why = _missing()
    if why:
        pytest.skip(why)
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="kit-hub-", dir="/tmp"))
    top.chmod(0o755)  # the accounts must reach the user venv and the set-up folder
    tag = secrets.token_hex(3)
    users = {"ana": f"kit{tag}a", "ben": f"kit{tag}b", "fay": f"kit{tag}f"}
    facilitators, participants = f"kitfac{tag}", f"kitpar{tag}"
    made_users: list[str] = []
    made_groups: list[str] = []
    process = None
    try:
        for name in users.values():
            subprocess.run(
                [
                    "useradd",
                    "--create-home",
                    "--user-group",
                    "--shell",
                    "/bin/bash",
                    name,
                ],
                check=True,
                capture_output=True,
            )
            made_users.append(name)
        made_groups += [facilitators, participants]
        prefix = top / "srv"
        setup = subprocess.run(
            [
                sys.executable,
                str(SETUP),
                "--prefix",
                str(prefix),
                "--group",
                facilitators,
                "install",
                "--participants-group",
                participants,
                "--notebooks",
                str(NOTEBOOKS),
                "--facilitator",
                users["fay"],
                "--participant",
                users["ana"],
                "--participant",
                users["ben"],
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert setup.returncode == 0, setup.stderr + setup.stdout
        python = _user_python(top, users["ana"])

        port, hub_port, api_port = free_port(), free_port(), free_port()
        token = secrets.token_hex(32)
        hubdir = top / "hub"
        hubdir.mkdir()
        hubdir.chmod(0o700)
        wrapper = hubdir / "test_config.py"
        wrapper.write_text(
            "c = get_config()  # noqa\n"
            f"load_subconfig({str(CONFIG)!r})\n"
            "c.JupyterHub.authenticator_class = 'dummy'\n"
            f"c.Authenticator.allowed_users = {set(users.values())!r}\n"
            f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'\n"
            f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
            "c.JupyterHub.services = "
            f"[{{'name': 'kit-test', 'api_token': {token!r}}}]\n"
            "c.JupyterHub.load_roles = [{'name': 'kit-test', 'services': "
            "['kit-test'], 'scopes': ['admin:users', 'admin:servers', 'tokens']}]\n"
            "c.Spawner.start_timeout = 120\n"
            "c.Spawner.http_timeout = 120\n"
        )
        env = dict(
            os.environ,
            KIT_HUB_PREFIX=str(prefix),
            KIT_HUB_FACILITATORS=facilitators,
            KIT_HUB_PARTICIPANTS=participants,
            KIT_USER_PYTHON=python,
        )
        log = hubdir / "hub.log"
        with open(log, "wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(wrapper)],
                cwd=hubdir,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(url + "/hub/api/", timeout=90)
        except TimeoutError:
            pytest.fail("the hub did not start:\n" + log.read_text(errors="replace"))
        yield Hub(url, token, log, users, prefix / "workshop-drop", facilitators)
    finally:
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)  # the hub stops the servers
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        uids = set()
        for name in made_users:
            with contextlib.suppress(KeyError):
                uids.add(pwd.getpwnam(name).pw_uid)
        _kill_leftovers(uids)
        for name in made_users:
            subprocess.run(
                ["userdel", "--remove", name], capture_output=True, check=False
            )
        for group in made_groups:
            subprocess.run(["groupdel", group], capture_output=True, check=False)
        shutil.rmtree(top, ignore_errors=True)


# Code run in a person's kernel. Each prints one JSON line.
SAVE = """
import json, os, kit
from kit.record import validate_incident
journal = kit.Journal()
incident = validate_incident(json.loads({data!r}))
path = journal.save(incident)
print(json.dumps({{"journal": str(journal.path), "file": str(path),
                  "uid": os.getuid(), "home": os.path.expanduser("~")}}))
"""

TRY_READ = """
import json, os
def attempt(action):
    try:
        action()
        return "read"
    except Exception as error:
        return type(error).__name__
print(json.dumps({{
    "open": attempt(lambda: open({path!r}).read()),
    "list": attempt(lambda: os.listdir({folder!r})),
}}))
"""

DROP = """
import json, kit, kit.workshop
path = kit.workshop.drop_export(kit.Journal())
print(json.dumps({"export": str(path)}))
"""

PEEK_DROP = """
import json, os
def attempt(action):
    try:
        action()
        return "done"
    except Exception as error:
        return type(error).__name__
print(json.dumps({{
    "list": attempt(lambda: os.listdir({folder!r})),
    "open": attempt(lambda: open({other!r}).read()),
    "remove": attempt(lambda: os.unlink({other!r})),
    "replace": attempt(lambda: os.replace({own!r}, {other!r})),
}}))
"""

POOL = """
import json, os, kit, kit.paths
folder = kit.paths.pool_folder()
frame, problems = kit.team.pool_with_problems(folder)
print(json.dumps({"folder": str(folder), "people": int(frame["pseudonym"].nunique()),
                  "rows": len(frame), "files": sorted(os.listdir(folder)),
                  "problems": [str(problem) for problem in problems]}))
"""

ANSWER = """
import json, os, kit
folder = os.path.join(os.environ["KIT_WORKSHOP_DROP"], "safety")
path = kit.surveys.save_safety_answers({answers!r}, folder)
print(json.dumps({{"answers": str(path)}}))
"""

COUNT_ANSWERS = """
import json, os, kit, kit.paths
folder = os.path.join(kit.paths.pool_folder(), "safety")
print(json.dumps({"people": len(kit.surveys.load_safety_answers(folder))}))
"""

FALLBACK = """
import json, os
import kit.paths
# The kernel is shared with later steps: put KIT_JOURNAL back once the default is read.
configured = os.environ.pop("KIT_JOURNAL", None)
default = str(kit.paths.journal_dir())
if configured is not None:
    os.environ["KIT_JOURNAL"] = configured
print(json.dumps({"default": default,
                  "repo_data_writable": os.access(kit.paths._CHECKOUT / "data",
                                                  os.W_OK)}))
"""


def _incident(title: str, slug: str, distress: int) -> str:
    # Two people with different numbers: the pool drops an export identical to another.
    body = {"distress_peak": distress, "symptoms": {"racing_heart": distress}}
    return json.dumps(incident_data(id=f"2026-03-10-{slug}", title=title, body=body))


@pytest.fixture(scope="module")
def saved(hub):
    """Ana and Ben each save one incident from their own kernel."""
    return {
        role: hub.run(role, SAVE.format(data=_incident(title, slug, distress)))
        for role, title, slug, distress in (
            ("ana", "Checkout slow after a deploy", "checkout-slow", 8),
            ("ben", "Queue stuck on a bad message", "queue-stuck", 5),
        )
    }


def test_a_person_logs_in_and_lands_in_the_app(hub):
    name = hub.users["ana"]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(hub.url + "/hub/login", timeout=30).read()  # sets the _xsrf cookie
    xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    form = urllib.parse.urlencode(
        {"username": name, "password": "any", "_xsrf": xsrf}
    ).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    no_follow = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        no_follow.open(hub.url + "/hub/login", data=form, timeout=30)
    assert answer.value.code == 302, "the login form did not log in"
    assert any(cookie.name == "jupyterhub-hub-login" for cookie in jar)

    hub.start("ana")
    with opener.open(f"{hub.url}/user/{name}/", timeout=60) as page:
        landed, html = page.geturl(), page.read().decode()
    assert landed.endswith(f"/user/{name}/voila/tree/incident-kit"), landed
    assert "<title>\n      incident-kit/" in html
    # One notebook opened as an app: its guidance shows, its code does not.
    start = json.loads((NOTEBOOKS / "00-start-here.ipynb").read_text())
    title = next(
        line[2:].strip()
        for cell in start["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith("# ")
    )
    app = f"{hub.url}/user/{name}/voila/render/incident-kit/00-start-here.ipynb"
    with opener.open(app, timeout=120) as page:
        html = page.read().decode()
    assert html_module.escape(title) in html or title in html, "no guidance shown"
    assert "import kit" not in html, "a code cell's source is visible in the app"


def test_the_notebooks_are_there_on_first_login(hub):
    hub.start("ben")
    listing = hub.server_api("ben", "GET", "/api/contents/incident-kit")
    names = {item["name"] for item in listing["content"]}
    assert names == {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    folder = Path(pwd.getpwnam(hub.users["ben"]).pw_dir) / "incident-kit"
    info = folder.stat()
    assert info.st_uid == pwd.getpwnam(hub.users["ben"]).pw_uid
    assert stat.S_IMODE(info.st_mode) == 0o700
    for copy in folder.glob("*.ipynb"):
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600, copy.name


def test_each_journal_is_private_to_its_owner(hub, saved):
    for role in ("ana", "ben"):
        account = pwd.getpwnam(hub.users[role])
        result = saved[role]
        journal = Path(result["journal"])
        assert journal == Path(account.pw_dir) / "incident-journal"
        assert result["uid"] == account.pw_uid
        assert stat.S_IMODE(journal.stat().st_mode) == 0o700
        assert journal.stat().st_uid == account.pw_uid
        assert stat.S_IMODE(Path(result["file"]).stat().st_mode) == 0o600
    # The homes themselves are world-readable here (Debian's default 0755): the
    # journal's own modes are what keep it private.
    for reader, owner in (("ben", "ana"), ("ana", "ben")):
        tried = hub.run(
            reader,
            TRY_READ.format(path=saved[owner]["file"], folder=saved[owner]["journal"]),
        )
        assert tried == {"open": "PermissionError", "list": "PermissionError"}, (
            f"{reader} could reach {owner}'s journal: {tried}"
        )
    audit = subprocess.run(
        [
            sys.executable,
            str(SETUP),
            "--prefix",
            str(hub.drop.parent),
            "--group",
            hub.facilitators,
            "check",
            hub.users["ana"],
            hub.users["ben"],
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert audit.stdout.count("is private (1 incidents, every file 0600)") == 2, (
        audit.stdout
    )


def test_exports_go_in_but_only_the_facilitator_reads_them(hub, saved):
    exports = {role: Path(hub.run(role, DROP)["export"]) for role in ("ana", "ben")}
    facilitators = hub.drop.stat().st_gid
    for role, path in exports.items():
        info = path.stat()
        assert path.parent == hub.drop
        assert info.st_uid == pwd.getpwnam(hub.users[role]).pw_uid
        assert info.st_gid == facilitators
        assert stat.S_IMODE(info.st_mode) == 0o640
    peek = hub.run(
        "ben",
        PEEK_DROP.format(
            folder=str(hub.drop), other=str(exports["ana"]), own=str(exports["ben"])
        ),
    )
    assert peek == {
        "list": "PermissionError",
        "open": "PermissionError",
        "remove": "PermissionError",
        "replace": "PermissionError",
    }, peek
    assert exports["ana"].exists() and exports["ben"].exists()
    pooled = hub.run("fay", POOL)
    assert pooled["folder"] == str(hub.drop)
    assert pooled["problems"] == []
    assert pooled["people"] == 2
    assert pooled["files"] == sorted([*(p.name for p in exports.values()), "safety"])
    # Notebook 07's survey answers go into the drop's "safety" folder the same way.
    for role, answers in (("ana", [4, 5, 3, 6, 2, 5, 4]), ("ben", [6] * 7)):
        hub.run(role, ANSWER.format(answers=answers))
    assert hub.run("fay", COUNT_ANSWERS) == {"people": 2}


def test_without_kit_journal_the_journal_falls_back_to_the_home(hub):
    found = hub.run("ana", FALLBACK)
    home = pwd.getpwnam(hub.users["ana"]).pw_dir
    assert found["repo_data_writable"] is False
    assert found["default"] == f"{home}/.local/share/incident-kit/journal"


def test_on_a_plain_hub_pam_lets_in_the_workshop_groups_only(tmp_path, monkeypatch):
    """``jupyterhub -f jupyterhub_config.py`` alone: PAM login with real passwords,
    members of the participants' or facilitators' group in, anyone else out."""
    if os.geteuid() != 0 or not shutil.which("chpasswd"):
        pytest.skip("needs root and chpasswd to make accounts with passwords")
    pytest.importorskip("pamela", reason="jupyterhub's PAM binding is not installed")
    from jupyterhub.auth import PAMAuthenticator
    from traitlets.config.loader import PyFileConfigLoader

    tag = secrets.token_hex(3)
    member, outsider, group = f"kit{tag}m", f"kit{tag}o", f"kitpar{tag}"
    password = secrets.token_urlsafe(12)
    made = []
    try:
        subprocess.run(["groupadd", group], check=True, capture_output=True)
        for name in (member, outsider):
            subprocess.run(
                ["useradd", "--no-create-home", name], check=True, capture_output=True
            )
            made.append(name)
            subprocess.run(
                ["chpasswd"],
                input=f"{name}:{password}\n",
                text=True,
                check=True,
                capture_output=True,
            )
        subprocess.run(
            ["gpasswd", "--add", member, group], check=True, capture_output=True
        )
        monkeypatch.setenv("KIT_HUB_PARTICIPANTS", group)
        config = PyFileConfigLoader(
            "jupyterhub_config.py", path=str(DEPLOY)
        ).load_config()
        authenticator = PAMAuthenticator(config=config)

        def login(name, secret):
            data = {"username": name, "password": secret}
            return asyncio.run(authenticator.get_authenticated_user(None, data))

        assert login(member, password)["name"] == member
        assert login(member, "not the password") is None
        assert login(outsider, password) is None  # a real account, not in a group
    finally:
        for name in made:
            subprocess.run(["userdel", name], capture_output=True, check=False)
        subprocess.run(["groupdel", group], capture_output=True, check=False)


# --- the workshop as an app: every action a button ------------------------------------
# Voila under the hub needs a browser to press the buttons; here the very form objects
# the app shows (kit.forms.workshop_form) run in a kernel of each participant's own
# server, as their own account, with the environment the hub gives that server.

WORKSHOP_APP = """
import json, os, kit
from kit.record import validate_incident
journal = kit.Journal()
journal.save(validate_incident(json.loads({data!r})))
form = kit.forms.workshop_form()
sent, survey = form.sections["export"], form.sections["safety"]
sent.incidents[{leave_out!r}].value = False
sent.controls["export"].click()
for number, value in enumerate({answers!r}, start=1):
    survey.controls[f"item_{{number}}"].value = value
survey.controls["save"].click()
made = sent.exported
print(json.dumps({{"receipt": made.receipt if made else None,
                  "export": str(made) if made else None,
                  "export_status": sent.status.value,
                  "survey_status": survey.status.value,
                  "safety_folder": str(survey.folder),
                  "can_list_drop": os.access(os.environ["KIT_WORKSHOP_DROP"],
                                             os.R_OK)}}))
"""

WITHDRAW_APP = """
import json, kit
back = kit.forms.workshop_form().sections["withdraw"]
back.controls["receipt"].value = {receipt!r}
back.controls["withdraw"].click()
print(json.dumps({{"status": back.status.value}}))
"""

POOL_PSEUDONYMS = """
import json, kit
team = kit.team.pool()
answers = kit.surveys.load_safety_answers(kit.paths.safety_folder())
print(json.dumps({"pseudonyms": sorted(set(team["pseudonym"])),
                  "withdrawn": team.attrs["withdrawn"],
                  "problems": [str(problem) for problem in team.attrs["problems"]],
                  "answers": len(answers)}))
"""


def _pseudonym(path: Path) -> str:
    return path.read_text().splitlines()[1].split(",")[1]


def test_a_workshop_without_code_two_participants_and_a_withdrawal(hub, saved):
    before = hub.run("fay", POOL_PSEUDONYMS)
    firsts = {"ana": "2026-03-10-checkout-slow", "ben": "2026-03-10-queue-stuck"}
    done = {}
    for role, slug, answers in (("ana", "cache-cold", [3, 5, 3, 5, 2, 5, 6]),
                                ("ben", "cron-overlap", [5, 4, 2, 4, 3, 6, 5])):
        second = json.loads(_incident(f"Second page {role}", slug, 4))
        second["times"] = {key: value.replace("2026-03-10", "2026-03-11")
                           for key, value in second["times"].items()
                           if isinstance(value, str)}
        second["id"] = f"2026-03-11-{slug}"
        done[role] = hub.run(role, WORKSHOP_APP.format(
            data=json.dumps(second), leave_out=firsts[role], answers=answers))
        result = done[role]
        assert result["receipt"], result["export_status"]
        assert "Added anonymously" in result["survey_status"]
        assert result["safety_folder"] == str(hub.drop / "safety")
        assert result["can_list_drop"] is False  # write-only, and the form still works
        export = Path(result["export"])
        assert export.parent == hub.drop
        rows = export.read_text().splitlines()[1:]
        assert len(rows) == 1 and rows[0].split(",")[2] == "2"  # the first left out
        assert "Second page" not in export.read_text()
    # The honest caveat, checked: the facilitator can see whose account wrote a file.
    ana_export = Path(done["ana"]["export"])
    assert ana_export.stat().st_uid == pwd.getpwnam(hub.users["ana"]).pw_uid

    withdrawn = hub.run("ben", WITHDRAW_APP.format(receipt=done["ben"]["receipt"]))
    assert "Withdrawn" in withdrawn["status"]

    after = hub.run("fay", POOL_PSEUDONYMS)
    assert after["problems"] == []
    assert _pseudonym(ana_export) in after["pseudonyms"]
    assert _pseudonym(Path(done["ben"]["export"])) not in after["pseudonyms"]
    assert after["withdrawn"] == before["withdrawn"] + 1
    assert len(after["pseudonyms"]) == len(before["pseudonyms"]) + 1
    assert after["answers"] == before["answers"] + 2
