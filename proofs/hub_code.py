"""What each person's kernel runs during the hub load proof, and the /proc sampler.

Every snippet prints one JSON line. The ones a person's page would show a result for
(log, export, answer) keep that result in the kernel, so that asking again after a
lost connection (the proxy restarting) shows the same confirmation instead of doing
the work twice: what the app's form does when its page reconnects.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

__all__ = [
    "save_code",
    "export_code",
    "answer_code",
    "withdraw_code",
    "WATCH",
    "POOL",
    "Sampler",
    "wait_for",
]

_ONCE = """
import json, os, kit, kit.workshop, kit.surveys, kit.paths
from kit.record import validate_incident
try:
    _kit_done
except NameError:
    _kit_done = {{}}
if {key!r} not in _kit_done:
    {marker}
    try:
        _kit_done[{key!r}] = {{"ok": str({action})}}
    except kit.KitError as error:
        print(json.dumps({{"error": str(error), "kind": type(error).__name__}}))
if {key!r} in _kit_done:
    print(json.dumps(_kit_done[{key!r}]))
"""

def save_code(data_json: str) -> str:
    """Log one incident (its data as JSON text) in the person's own journal."""
    action = f"kit.Journal().save(validate_incident(json.loads({data_json!r})))"
    return _ONCE.format(key="log", marker="pass", action=action)


_FORM = """
import json, kit
try:
    _kit_form
except NameError:
    _kit_form = kit.forms.workshop_form()  # the app's form, once the log is saved
"""


def export_code(marker: str | None = None) -> str:
    """Press the workshop form's Export button; ``marker`` is a file touched first.

    Prints ``ok`` (the file dropped, or None), the ``receipt`` and the form's
    ``status`` text: what the person reads under the button.
    """
    touch = f"open({marker!r}, 'w').close()" if marker else "pass"
    return _FORM + f"""
_sent = _kit_form.sections["export"]
if _sent.exported is None:
    {touch}
    _sent.controls["export"].click()
_made = _sent.exported
print(json.dumps({{"ok": str(_made) if _made else None,
                  "receipt": _made.receipt if _made else None,
                  "status": _sent.status.value}}))
"""


def answer_code(answers: list[int]) -> str:
    """Answer the safety survey in the workshop form and press its Save button."""
    return _FORM + f"""
try:
    _kit_answered
except NameError:
    _survey = _kit_form.sections["safety"]
    for _number, _value in enumerate({answers!r}, start=1):
        _survey.controls[f"item_{{_number}}"].value = _value
    _survey.controls["save"].click()
    _kit_answered = _survey.status.value
print(json.dumps({{"status": _kit_answered}}))
"""


def withdraw_code(receipt: str) -> str:
    """Withdraw an export with its receipt, in the workshop form."""
    return _FORM + f"""
_back = _kit_form.sections["withdraw"]
_back.controls["receipt"].value = {receipt!r}
_back.controls["withdraw"].click()
print(json.dumps({{"status": _back.status.value}}))
"""


# The facilitator's pool, read continuously while exports land: each round records
# how many files it used, the problems it reported, and any export that came in with
# fewer or more rows than it was written with (a half-read file would).
WATCH = """
import json, os, threading, time, kit, kit.paths
def _kit_watch(rows_each={rows}, out={out!r}, stop={stop!r}, rounds_max={rounds},
               seconds_max={seconds}):
    folder = kit.paths.pool_folder()
    rounds, partial, problems, seen, slowest = 0, 0, 0, 0, 0.0
    files = set()
    start = time.monotonic()
    while rounds < rounds_max and time.monotonic() - start < seconds_max:
        began = time.perf_counter()
        frame, found = kit.team.pool_with_problems(folder)
        slowest = max(slowest, time.perf_counter() - began)
        rounds += 1
        problems += len(found)
        files.update(problem.file for problem in found)
        if len(frame):
            counts = frame.groupby("pseudonym").size()
            partial += int((counts != rows_each).sum())
            seen = max(seen, int(frame["pseudonym"].nunique()))
        if os.path.exists(stop):
            break
        time.sleep(0.2)
    with open(out + ".part", "w") as handle:
        json.dump({{"rounds": rounds, "partial": partial, "problems": problems,
                    "most_people": seen, "slowest_s": slowest,
                    "problem_files": sorted(files)}}, handle)
    os.replace(out + ".part", out)
threading.Thread(target=_kit_watch, daemon=True).start()
print(json.dumps({{"watching": True}}))
"""

POOL = """
import json, os, time, kit, kit.paths, kit.surveys
folder = kit.paths.pool_folder()
began = time.perf_counter()
frame, problems = kit.team.pool_with_problems(folder)
took = time.perf_counter() - began
answers = kit.surveys.load_safety_answers(kit.paths.safety_folder())
print(json.dumps({"people": int(frame["pseudonym"].nunique()) if len(frame) else 0,
                  "pseudonyms": sorted(set(frame["pseudonym"])) if len(frame) else [],
                  "withdrawn": int(frame.attrs.get("withdrawn", 0)),
                  "rows": len(frame), "pool_s": took,
                  "problems": [{"file": p.file, "line": p.line, "message": str(p)}
                               for p in problems],
                  "answers": len(answers)}))
"""


class Sampler:
    """Resident memory and CPU time of every process of the given accounts, from /proc.

    Samples every ``every`` seconds in a thread until stopped. Per account it keeps the
    peak of the summed RSS (server plus kernels), the peak RSS of the server alone and
    of its kernels together, and the CPU seconds of each process (its largest reading,
    so a process that ended still counts with what it had used when last seen).
    """

    def __init__(self, uids: dict[int, str], every: float = 0.5):
        self.uids = uids
        self.every = every
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.tick = os.sysconf("SC_CLK_TCK")
        self.peak_total: dict[str, int] = {}
        self.peak_server: dict[str, int] = {}
        self.peak_kernels: dict[str, int] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self.extra: dict[str, int] = {}  # name -> peak RSS of other watched processes
        self.extra_pids: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def watch(self, name: str, pid: int) -> None:
        """Also keep the peak RSS of one more process (the hub, the proxy)."""
        self.extra_pids[name] = pid

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds used per account, over every process seen."""
        out: dict[str, float] = {}
        for who, seconds in self.cpu.values():
            out[who] = out.get(who, 0.0) + seconds
        return out

    def _read(self, pid: str) -> tuple[int, float, str] | None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            base = Path("/proc") / pid
            rss = int((base / "statm").read_text().split()[1]) * self.page
            fields = (base / "stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / self.tick
            cmd = (base / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                errors="replace"
            )
            return rss, cpu, cmd
        return None

    def _loop(self) -> None:
        while not self._stop.is_set():
            totals: dict[str, int] = {}
            servers: dict[str, int] = {}
            kernels: dict[str, int] = {}
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    uid = entry.stat().st_uid
                except OSError:
                    continue
                who = self.uids.get(uid)
                if who is None:
                    continue
                read = self._read(entry.name)
                if read is None:
                    continue
                rss, cpu, cmd = read
                totals[who] = totals.get(who, 0) + rss
                if "ipykernel" in cmd:
                    kernels[who] = kernels.get(who, 0) + rss
                elif "singleuser" in cmd:
                    servers[who] = servers.get(who, 0) + rss
                pid = int(entry.name)
                seen = self.cpu.get(pid, (who, 0.0))[1]
                self.cpu[pid] = (who, max(seen, cpu))
            for who, rss in totals.items():
                self.peak_total[who] = max(self.peak_total.get(who, 0), rss)
            for who, rss in servers.items():
                self.peak_server[who] = max(self.peak_server.get(who, 0), rss)
            for who, rss in kernels.items():
                self.peak_kernels[who] = max(self.peak_kernels.get(who, 0), rss)
            for name, pid in list(self.extra_pids.items()):
                read = self._read(str(pid))
                if read is not None:
                    self.extra[name] = max(self.extra.get(name, 0), read[0])
            self._stop.wait(self.every)


def wait_for(path: Path, seconds: float) -> bool:
    """Whether ``path`` appeared within ``seconds`` (polled every 5 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.005)
    return False
