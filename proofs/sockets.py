"""Proof that the kit opens no network socket while its notebooks run.

``prove_no_sockets(work)`` executes every notebook (00-07) with nbclient, each in its
own kernel, with a Python audit hook installed by a cell put before the notebook's
first cell. A ninth run exercises what the notebooks leave to a person's clicks: every
form filled and every button pressed, the report written (PDF included), a team export
pooled, a timeline imported. A last cell in each run reports what the hook saw.

What is counted
---------------
Audit events ``socket.__new__``, ``socket.connect``, ``socket.bind``,
``socket.sendto``, ``socket.sendmsg`` on sockets of family AF_INET or AF_INET6, and
every ``socket.getaddrinfo``, ``socket.gethostbyname``, ``socket.gethostbyname_ex``,
``socket.gethostbyaddr``, ``urllib.Request`` and ``http.client.connect``. Unix sockets
are listed apart. The kernel's own channels are ZeroMQ sockets made in C by libzmq:
they never pass through Python's ``socket`` module, so the hook cannot see them (and
they are the notebook's link to Jupyter, not the kit's). Subprocesses are counted too:
the hook does not follow them (the report's PDF is printed by Chromium).

Each run ends with a self-check: a deliberate bind of an AF_INET socket to 127.0.0.1
and a lookup of ``localhost`` must both be seen, or the hook proves nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from . import set_parameters

__all__ = ["collect", "prove_no_sockets", "summarise"]

ROOT = Path(__file__).resolve().parent.parent  # the repository
NOTEBOOKS = ROOT / "notebooks"
MARK = "KIT-SOCKET-AUDIT "

HOOK_CELL = r'''
import sys as _kit_sys
import socket as _kit_socket

_KIT_AUDIT = []
_KIT_WATCH = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.sendto",
    "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyname_ex", "socket.gethostbyaddr", "urllib.Request",
    "http.client.connect", "subprocess.Popen",
}


def _kit_family(value):
    try:
        return _kit_socket.AddressFamily(value).name
    except Exception:
        return str(value)


def _kit_hook(event, args):
    if event not in _KIT_WATCH:
        return
    try:
        if event == "socket.__new__":
            what = _kit_family(args[1])
        elif event in ("socket.connect", "socket.bind", "socket.sendto",
                       "socket.sendmsg"):
            what = _kit_family(args[0].family) + " " + repr(args[1])[:120]
        elif event == "subprocess.Popen":
            what = str(args[0] or (args[1][0] if args[1] else ""))[:120]
        else:
            what = repr(args[:3] if event != "urllib.Request" else args[0])[:160]
        _KIT_AUDIT.append([event, what])
    except Exception as error:  # never break the operation being audited
        _KIT_AUDIT.append([event, "unreadable: " + type(error).__name__])


_kit_sys.addaudithook(_kit_hook)
'''

REPORT_CELL = r'''
import json as _kit_json
_kit_seen = list(_KIT_AUDIT)
# Self-check: the hook must see a deliberate AF_INET bind and a name lookup.
with _kit_socket.socket(_kit_socket.AF_INET, _kit_socket.SOCK_STREAM) as _kit_probe:
    _kit_probe.bind(("127.0.0.1", 0))
_kit_socket.getaddrinfo("localhost", None)
_kit_check = _KIT_AUDIT[len(_kit_seen):]
print("KIT-SOCKET-AUDIT " + _kit_json.dumps({"seen": _kit_seen, "check": _kit_check}))
'''

# What a person does with the notebooks' widgets, done in the hooked kernel.
EXERCISE_CELLS = [
    r'''
import os, re, shutil, tempfile
from pathlib import Path
import ipywidgets as widgets
import kit

HERE = Path(tempfile.mkdtemp(prefix="kit-socket-exercise-"))
os.chdir(HERE)  # nothing relative may land in the repository
journal = kit.Journal(HERE / "journal")
for incident in kit.Journal.sample().load().incidents:
    journal.save(incident)


def walk(root):
    seen, stack, found = set(), [root], []
    while stack:
        w = stack.pop()
        if id(w) in seen or not isinstance(w, widgets.Widget):
            continue
        seen.add(id(w))
        found.append(w)
        stack.extend(getattr(w, "children", ()) or ())
        stack.extend(getattr(w, "controls", {}).values())
    return found


NOT_FREE_TEXT = re.compile(r"(_date|_time|alert_time|heart_rate_bpm)$")


def press_everything(root, text="The cache was cold; the job ran first."):
    names = {id(w): n for n, w in getattr(root, "controls", {}).items()}
    for w in walk(root):
        if isinstance(w, (widgets.Text, widgets.Textarea)) and not w.disabled:
            if not NOT_FREE_TEXT.search(names.get(id(w), "")):
                w.value = text
        if isinstance(w, (widgets.ToggleButtons, widgets.RadioButtons)):
            if w.value is None and w.options:
                w.index = len(w.options) // 2
    for w in walk(root):
        if isinstance(w, widgets.Button) and not w.disabled:
            w.click()
''',
    r'''
live = kit.forms.live_companion(journal)
live.controls["title"].value = "Checkout errors after deploy"
live.controls["alert"].click()
press_everything(live)
log = kit.forms.log_form(journal, live.incident_id)
press_everything(log)
pm = kit.forms.postmortem_form(journal)
press_everything(pm)
''',
    r'''
timeline = HERE / "timeline.csv"
alert = journal.load().incidents[0].times.alert_at
timeline.write_text(
    "time,event,text\n"
    f"{alert.isoformat()},alert,paged\n"
    f"{(alert + __import__('datetime').timedelta(minutes=3)).isoformat()},note,x\n"
)
importer = kit.forms.import_form(journal, journal.load().incidents[0].id)
importer.path.value = str(timeline)
importer.preview_button.click()
importer.save_button.click()
form = kit.forms.report_form(journal)
form.path.value = str(HERE / "report-form.html")
form.write_button.click()
written = kit.report(journal, HERE / "report.html", pdf=True)
kit.chart_files.save_pngs(journal, HERE / "charts", dpi=40)
''',
    r'''
pool = HERE / "pool"
for source in kit.paths.team_sample().glob("*.csv"):
    shutil.copy(source, pool / source.name) if pool.exists() else (
        pool.mkdir(), shutil.copy(source, pool / source.name))
kit.team.export_anonymous(journal, pool)
team = kit.team.pool(pool)
kit.team.describe_pool(team)
for make in (lambda: kit.forms.safety_form(HERE / "safety"), kit.forms.audit_form,
             kit.forms.defect_form,
             lambda: kit.forms.stay_or_fight_form(journal.frame())):
    press_everything(make())
kit.surveys.safety_aggregate(HERE / "safety", pool=team)
''',
    r'''
# The exercise did what it says (a failed assertion fails the proof).
assert any(i.times.source == "live" and i.times.resolved_at is not None
           for i in journal.load().incidents)
assert list((HERE / "journal" / "postmortems").glob("*.md"))
assert (HERE / "report-form.html").exists() and written.pdf is not None
assert kit.team.count_people(team) >= 2
assert list((HERE / "safety").iterdir())
''',
]


@dataclass
class Run:
    name: str
    seen: list[list[str]] = field(default_factory=list)
    check: list[list[str]] = field(default_factory=list)
    error: str = ""


def _network(events: list[list[str]]) -> list[list[str]]:
    """The events that are network: AF_INET/AF_INET6 sockets and any name lookup."""
    out = []
    for event, what in events:
        if event == "subprocess.Popen":
            continue
        if event.startswith("socket.") and event not in (
            "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr",
        ):
            if not what.startswith(("AF_INET ", "AF_INET6 ")) and what not in (
                "AF_INET", "AF_INET6"
            ):
                continue
        out.append([event, what])
    return out


def _local(events: list[list[str]]) -> list[list[str]]:
    return [e for e in events if e[0].startswith("socket.") and e not in _network([e])]


def _run(name: str, cells: list, params: dict | None, env: dict[str, str]) -> Run:
    import nbformat
    from nbclient import NotebookClient

    run = Run(name)
    nb = (nbformat.read(NOTEBOOKS / name, as_version=4) if name.endswith(".ipynb")
          else nbformat.v4.new_notebook())
    if params:
        set_parameters(nb, params)
    nb.cells = [
        nbformat.v4.new_code_cell(HOOK_CELL),
        *nb.cells,
        *[nbformat.v4.new_code_cell(source) for source in cells],
        nbformat.v4.new_code_cell(REPORT_CELL),
    ]
    with mock.patch.dict(os.environ, env):
        try:
            NotebookClient(
                nb, timeout=300, kernel_name="python3",
                resources={"metadata": {"path": str(NOTEBOOKS)}},
            ).execute(stderr=subprocess.DEVNULL)
        except Exception as error:  # noqa: BLE001 - reported in the line
            run.error = type(error).__name__
    for output in nb.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(MARK):
                found = json.loads(line[len(MARK):])
                run.seen, run.check = found["seen"], found["check"]
    if not run.error and not run.check:
        run.error = "no audit report"
    return run




def collect(work: Path) -> list[Run]:
    """Run the eight notebooks and the exercise, each in a hooked kernel."""
    import kit

    journal_dir = work / "journal"
    journal = kit.Journal(journal_dir)
    for incident in kit.Journal.sample().load().incidents:
        journal.save(incident)
    empty = work / "empty-journal"
    env = {
        "KIT_JOURNAL": str(empty),
        "IPYTHONDIR": str(work / "ipython"),
        "MPLCONFIGDIR": str(work / "mpl"),
    }
    plan = [
        ("00-start-here.ipynb", {"JOURNAL": "sample"}),
        ("01-during-an-incident.ipynb", {"JOURNAL": str(journal_dir)}),
        ("02-after-the-incident.ipynb", {"JOURNAL": str(journal_dir)}),
        ("03-post-mortem.ipynb", {"JOURNAL": str(journal_dir), "INCIDENT": None}),
        ("04-your-trend.ipynb", {"JOURNAL": str(journal_dir),
                                 "SAMPLE_IF_EMPTY": True}),
        ("05-mentor-walkthrough.ipynb", {"JOURNAL": "sample"}),
        ("06-team-workshop.ipynb", None),
        ("07-resilient-against-what.ipynb", {"JOURNAL": str(journal_dir),
                                             "SAFETY_FOLDER": str(work / "safety")}),
    ]
    runs = [_run(name, [], params, env) for name, params in plan]
    runs.append(_run("kit exercise", EXERCISE_CELLS, None, env))
    shutil.rmtree(empty, ignore_errors=True)
    return runs


def summarise(runs: list[Run]) -> tuple[str, bool]:
    notebooks = [r for r in runs if r.name.endswith(".ipynb")]
    network = [(r.name, e) for r in runs for e in _network(r.seen)]
    local = sum(len(_local(r.seen)) for r in runs)
    popen = [Path(e[1]).name for r in runs for e in r.seen
             if e[0] == "subprocess.Popen"]
    checked = [
        r for r in runs
        if any(e[0] == "socket.bind" and "AF_INET" in e[1] for e in r.check)
        and any(e[0] == "socket.getaddrinfo" for e in r.check)
    ]
    failed = [f"{r.name}: {r.error}" for r in runs if r.error]
    names = ", ".join(sorted(set(popen))) or "none"
    text = (
        f"privacy: {len(notebooks)} notebooks + 1 run pressing every form's buttons "
        f"(report with PDF, team pool, import) with a socket audit hook, "
        f"{len(network)} network sockets opened or names looked up "
        f"({local} Unix sockets; {len(popen)} subprocesses not followed: {names}; "
        f"the kernel's ZMQ channels are libzmq C sockets, invisible to Python audit "
        f"hooks); hook self-check seen in {len(checked)}/{len(runs)} kernels"
    )
    if network:
        shown = "; ".join(f"{name}: {event} {what}" for name, (event, what)
                          in network[:3])
        text += f"; SEEN: {shown}"
    if failed:
        text += f"; FAILED: {', '.join(failed)}"
    ok = not network and not failed and len(checked) == len(runs) and len(runs) == 9
    return text, ok


def prove_no_sockets(work: Path) -> tuple[str, bool]:
    """Run every notebook under a socket audit hook; count network sockets.

    Parameters
    ----------
    work : Path
        A scratch folder (journals and kernel settings go inside).

    Returns
    -------
    tuple of (str, bool)
        The line to print, and whether the promise held: no AF_INET/AF_INET6 socket
        and no name lookup in any run, every run finished, and the hook's self-check
        was seen in every kernel.
    """
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="sockets-", dir=work))
    text, ok = summarise(collect(folder))
    return f"{text} [{time.monotonic() - started:.0f} s]", ok


if __name__ == "__main__":  # a quick look: python -m proofs.sockets
    import sys

    with tempfile.TemporaryDirectory(prefix="kit-sockets-") as tmp:
        line, held = prove_no_sockets(Path(tmp))
        print(line)
        sys.exit(0 if held else 1)
