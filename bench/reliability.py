"""Proof that nothing is lost and nothing leaks: one line per promise, from real runs.

Run with ``make proof`` (or ``.venv/bin/python bench/reliability.py``). Every figure
is counted in this run; nothing is a constant. A promise that does not hold makes the
script exit 1 after printing every line.
"""

from __future__ import annotations

import argparse
import errno
import multiprocessing
import os
import random
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kit  # noqa: E402
from kit import storage  # noqa: E402

HOSTILE = ROOT / "tests" / "data" / "journals" / "hostile"
FAILED: list[str] = []


def line(text: str, ok: bool) -> None:
    print(text + ("" if ok else "   <-- PROMISE BROKEN"), flush=True)
    if not ok:
        FAILED.append(text)


def good_incidents(n: int) -> list[kit.Incident]:
    """``n`` valid incidents: the sample's five, then seeded synthetic ones."""
    from kit import synthetic

    sample = kit.Journal.sample().load().incidents
    return (sample + synthetic.incidents(max(0, n - len(sample)), seed=7))[:n]


# --- hostile input ------------------------------------------------------------------


def mutations(
    raw: bytes, rnd: random.Random, each: int = 10
) -> list[tuple[str, bytes]]:
    """Truncations, byte flips and swapped fields of one good file."""
    out = []
    for _ in range(each):
        out.append(("truncated", raw[: rnd.randrange(1, len(raw))]))
    for _ in range(each):
        data = bytearray(raw)
        for _ in range(rnd.randint(1, 4)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        out.append(("byte flip", bytes(data)))
    lines = raw.split(b"\n")
    for _ in range(each):
        a, b = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        swapped = list(lines)
        if b": " in swapped[a] and b": " in swapped[b]:
            ka, va = swapped[a].split(b": ", 1)
            kb, vb = swapped[b].split(b": ", 1)
            swapped[a], swapped[b] = ka + b": " + vb, kb + b": " + va
        else:
            swapped[a], swapped[b] = swapped[b], swapped[a]
        out.append(("swapped fields", b"\n".join(swapped)))
    return out


def prove_hostile_journal(work: Path) -> None:
    rnd = random.Random(1)
    folder = work / "hostile"
    storage.private_dir(folder)
    goods = good_incidents(20)
    for incident in goods:
        (folder / f"{incident.id}.yaml").write_text(
            storage.dump_yaml(incident.to_data())
        )
    families = sorted(HOSTILE.iterdir())
    tried = 0
    for n, family in enumerate(families):  # every family of the foundation corpus
        for copy in range(3):
            name = family.name.replace(".yaml", f"-{copy}.yaml")
            name = f"2027-01-{(n % 28) + 1:02d}-fam{n}c{copy}.yaml"
            (folder / name).write_bytes(family.read_bytes())
            tried += 1
    (folder / "2027-02-01-oversized.yaml").write_bytes(
        b"title: " + b"x" * (storage.MAX_FILE_BYTES + 1)
    )
    tried += 1
    for m, incident in enumerate(goods):
        for k in range(30):
            # each mutant carries its own id, so its file name still matches it
            new_id = f"2027-03-{(m % 28) + 1:02d}-mut{m}k{k}"
            raw = storage.dump_yaml(
                incident.model_copy(update={"id": new_id}).to_data()
            )
            _, mutated = mutations(raw.encode(), rnd, each=1)[k % 3]
            (folder / f"{new_id}.yaml").write_bytes(mutated)
            tried += 1
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    crashes = 0
    try:
        result = kit.Journal(folder).load()
        frame = kit.Journal(folder).frame()
    except Exception as error:  # noqa: BLE001 - counting is the point
        crashes, result, frame = 1, None, None
        print(f"  load crashed: {type(error).__name__}")
    good_ids = {i.id for i in goods}
    loaded_good = len(good_ids & {i.id for i in result.incidents}) if result else 0
    reported = len(result.problems) if result else 0
    still_valid = (len(result.incidents) - loaded_good) if result else 0
    unchanged = all(
        (folder / name).read_bytes() == data for name, data in before.items()
    )
    explained = result is not None and all(
        p.reason and p.path.name in str(p) for p in result.problems
    )
    line(
        f"hostile files (journal): {tried} tried, {crashes} crashes, "
        f"{loaded_good}/{len(goods)} good records loaded, {reported} reported with a "
        f"reason, {still_valid} still valid after mutation, "
        f"{'0' if unchanged else 'some'} files changed",
        crashes == 0
        and loaded_good == len(goods)
        and unchanged
        and explained
        and tried >= 600
        and reported + still_valid == tried
        and frame is not None
        and len(frame) == len(result.incidents),
    )


def prove_hostile_pool(work: Path) -> None:
    from kit import synthetic, team

    rnd = random.Random(2)
    folder = work / "pool-hostile"
    storage.private_dir(folder)
    good_files = synthetic.team_exports(work / "pool-source", people=5, seed=11)
    good_names = set()
    for path in good_files:  # named to sort first: the first of two copies is kept
        shutil.copy(path, folder / f"0-good-{path.name}")
        good_names.add(path.stem)
    tried = 0
    for m, path in enumerate(good_files):
        raw = path.read_bytes()
        for k, (_, mutated) in enumerate(mutations(raw, rnd, each=40)):
            (folder / f"mutated-{m}-{k}.csv").write_bytes(mutated)
            tried += 1
    for family in sorted(HOSTILE.iterdir()):
        (folder / f"family-{family.stem}.csv").write_bytes(family.read_bytes())
        tried += 1
    crashes = 0
    try:
        pooled = team.pool(folder)
    except Exception as error:  # noqa: BLE001
        crashes, pooled = 1, None
        print(f"  pool crashed: {type(error).__name__}")
    if pooled is None:
        line(f"hostile files (team pool): {tried} tried, 1 crash", False)
        return
    reported = {problem.file for problem in pooled.attrs["problems"]}
    loaded_files = pooled.attrs["files"]
    good_loaded = len(good_names & set(pooled["pseudonym"]))
    still_valid = loaded_files - good_loaded
    line(
        f"hostile files (team pool): {tried} tried, {crashes} crashes, "
        f"{good_loaded}/{len(good_files)} good exports loaded, {len(reported)} "
        f"reported with a reason, {still_valid} still valid after mutation",
        crashes == 0
        and good_loaded == len(good_files)
        and tried >= 600
        and len(reported) + still_valid == tried,
    )


# --- kills and concurrency ----------------------------------------------------------


def _writer(folder: str, seed: int) -> None:
    journal = kit.Journal(folder)
    rnd = random.Random(seed)
    base = journal.get("2026-01-14-payment-config-typo")
    n = 0
    while True:
        n += 1
        if rnd.random() < 0.3:
            journal.save(base.model_copy(update={"id": f"2026-01-14-kill-{seed}-{n}"}))
        else:
            journal.update(base.model_copy(update={"title": f"version {seed}.{n}"}))


def prove_kills(work: Path, kills: int) -> None:
    folder = work / "kills"
    journal = kit.Journal(folder)
    journal.save(kit.Journal.sample().get("2026-01-14-payment-config-typo"))
    ctx = multiprocessing.get_context("fork")
    rnd = random.Random(3)
    corrupt = lost = visible_temps = 0
    for kill in range(kills):
        proc = ctx.Process(target=_writer, args=(str(folder), kill))
        proc.start()
        time.sleep(rnd.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        result = journal.load()
        corrupt += len(result.problems)
        ids = {i.id for i in result.incidents}
        lost += "2026-01-14-payment-config-typo" not in ids
        visible_temps += sum(storage.is_temp_name(i.id) for i in result.incidents)
    temps_left = sum(storage.is_temp_name(p.name) for p in folder.iterdir())
    line(
        f"kills: {kills} SIGKILLs during saves and updates, {corrupt} corrupt files, "
        f"{lost} prior versions lost, {visible_temps} stray temp files visible to load "
        f"({temps_left} hidden temp files left by killed saves; load ignores them "
        "and sweeps them once 10 minutes old)",
        corrupt == 0 and lost == 0 and visible_temps == 0 and kills >= 300,
    )


def _appender(folder: str, worker: int, count: int) -> None:
    journal = kit.Journal(folder)
    for n in range(count):
        if n % 5 == 0:  # saves of new incidents between the updates
            own = journal.get("2026-01-14-payment-config-typo").model_copy(
                update={"id": f"2026-01-14-worker-{worker}-{n}", "events": []}
            )
            journal.save(own)

        def add(incident, n=n):
            event = kit.Event(
                at=incident.times.alert_at + timedelta(seconds=n),
                kind="note",
                text=f"worker {worker} update {n}",
            )
            return incident.model_copy(update={"events": [*incident.events, event]})

        journal.change("2026-01-14-payment-config-typo", add)


def prove_concurrency(work: Path, workers: int = 8, each: int = 50) -> None:
    folder = work / "concurrency"
    journal = kit.Journal(folder)
    first = kit.Journal.sample().get("2026-01-14-payment-config-typo")
    journal.save(first.model_copy(update={"events": []}))
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_appender, args=(str(folder), w, each))
        for w in range(workers)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    events = journal.get("2026-01-14-payment-config-typo").events
    saves = len(journal.ids()) - 1
    lost = workers * each - len({e.text for e in events})
    lost_saves = workers * len(range(0, each, 5)) - saves
    line(
        f"concurrency: {workers} processes x {each} updates (+{saves} saves), "
        f"{lost} updates lost, {lost_saves} saves lost",
        lost == 0 and lost_saves == 0 and all(p.exitcode == 0 for p in procs),
    )


# --- round trips against a model ----------------------------------------------------


def prove_round_trips(work: Path, examples: int) -> None:
    from hypothesis import settings
    from hypothesis import strategies as st
    from hypothesis.stateful import (
        RuleBasedStateMachine,
        invariant,
        rule,
        run_state_machine_as_test,
    )

    base = kit.Journal.sample().load().incidents
    texts = st.text(max_size=40) | st.sampled_from(
        ["no", "10:05", "- x", "#", "\u0085", "\u2028", "\r", "\ufeff", "🔥"]
    )
    counter = {"steps": 0}

    class JournalModel(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.folder = Path(tempfile.mkdtemp(dir=work))
            self.journal = kit.Journal(self.folder)
            self.model: dict[str, kit.Incident] = {}
            self.corrupt: set[str] = set()

        @rule(which=st.integers(0, 4), suffix=st.integers(0, 30), title=texts)
        def create(self, which, suffix, title):
            incident = base[which].model_copy(
                update={"id": f"{base[which].id}-{suffix}", "title": title or "t"}
            )
            if incident.id in self.model or incident.id in self.corrupt:
                try:
                    self.journal.save(incident)
                except kit.DuplicateIncident:
                    return
                msg = "a duplicate save was accepted"
                raise AssertionError(msg)
            self.journal.save(incident)
            self.model[incident.id] = incident

        @rule(notes=texts, pick=st.integers(0, 10**6))
        def update(self, notes, pick):
            if not self.model:
                return
            key = sorted(self.model)[pick % len(self.model)]
            changed = self.model[key].model_copy(deep=True)
            changed.body.notes = notes
            self.journal.update(changed)
            self.model[key] = changed

        @rule(pick=st.integers(0, 10**6), garbage=st.binary(max_size=60))
        def corrupt_a_file(self, pick, garbage):
            if not self.model:
                return
            key = sorted(self.model)[pick % len(self.model)]
            (self.folder / f"{key}.yaml").write_bytes(b"title: [" + garbage)
            del self.model[key]
            self.corrupt.add(key)

        @rule(name=st.text("abcdef", min_size=1, max_size=8))
        def stray_temp_file(self, name):
            (self.folder / f".{name}.yaml.0000.tmp").write_text("half a rec")

        @invariant()
        def reload_matches_the_model(self):
            counter["steps"] += 1
            result = kit.Journal(self.folder).load()
            assert {i.id: i for i in result.incidents} == self.model
            assert {p.path.stem for p in result.problems} == self.corrupt
            frame = kit.Journal(self.folder).frame()
            assert set(frame["id"]) == set(self.model)

    divergences = 0
    try:
        run_state_machine_as_test(
            JournalModel,
            settings=settings(
                max_examples=examples, deadline=None, stateful_step_count=20
            ),
        )
    except Exception as error:  # noqa: BLE001 - a divergence is counted, then shown
        divergences = 1
        print(f"  divergence: {type(error).__name__}: {str(error)[:300]}")
    line(
        f"round trips: {examples} stateful runs, {counter['steps']} reloads checked "
        f"against an in-memory model, {divergences} divergences",
        divergences == 0,
    )


# --- faults ---------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def prove_faults(work: Path) -> None:
    folder = work / "faults"
    journal = kit.Journal(folder)
    incident = kit.Journal.sample().get("2026-01-14-payment-config-typo")
    journal.save(incident)
    changed = incident.model_copy(update={"title": "changed"})
    results = []

    def attempt(label: str, patch: Callable[[], Callable[[], None]]) -> None:
        before = _snapshot(folder)
        undo = patch()
        try:
            journal.update(changed)
            outcome = "no error"
        except kit.SaveFailed as error:
            outcome = "clear error" if "unchanged" in str(error) else "unclear error"
        except Exception as error:  # noqa: BLE001
            outcome = f"unexpected {type(error).__name__}"
        finally:
            undo()
        intact = _snapshot(folder) == before
        results.append((label, outcome, intact))

    def enospc():
        real = os.write

        def full(fd, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        storage.os.write = full
        real_fsync = os.fsync
        storage.os.fsync = lambda fd: (_ for _ in ()).throw(
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        )

        def undo():
            storage.os.write = real
            storage.os.fsync = real_fsync

        return undo

    attempt("full disk (ENOSPC on write)", enospc)
    folder.chmod(0o500)
    if os.geteuid() == 0:  # root ignores modes: write as an unprivileged user instead
        outcome, intact = _read_only_as_nobody(folder, changed)
        results.append(("read-only journal folder", outcome, intact))
    else:
        attempt("read-only journal folder", lambda: lambda: None)
    folder.chmod(0o700)
    for label, outcome, intact in results:
        line(
            f"faults: {label}: {outcome}, old file "
            f"{'intact' if intact else 'CHANGED'}, "
            f"{sum(storage.is_temp_name(p.name) for p in folder.iterdir())} "
            "half-written files",
            outcome == "clear error" and intact,
        )


def _read_only_as_nobody(folder: Path, changed: kit.Incident) -> tuple[str, bool]:
    import pwd

    nobody = pwd.getpwnam("nobody")
    before = _snapshot(folder)
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    for p in folder.iterdir():
        os.chown(p, nobody.pw_uid, nobody.pw_gid)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: become nobody, try to save into the read-only folder
        os.close(read)
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
        try:
            kit.Journal(folder).update(changed)
            message = "no error"
        except kit.SaveFailed as error:
            message = "clear error" if "writable" in str(error) else "unclear error"
        except Exception as error:  # noqa: BLE001
            message = f"unexpected {type(error).__name__}"
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    outcome = os.read(read, 200).decode()
    os.chown(folder, 0, 0)
    for p in folder.iterdir():
        os.chown(p, 0, 0)
    return outcome, _snapshot(folder) == before


# --- privacy ------------------------------------------------------------------------


def prove_modes(work: Path) -> None:
    old = os.umask(0o000)  # the loosest umask a machine could have
    try:
        journal = kit.Journal(work / "modes" / "journal")
        for incident in good_incidents(5):
            journal.save(incident)
        journal.frame()
    finally:
        os.umask(old)
    folder_mode = stat.S_IMODE(journal.path.stat().st_mode)
    loose = [
        p.name for p in journal.path.iterdir() if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    line(
        f"privacy: journal folder mode {folder_mode:o}, "
        f"{len(list(journal.path.iterdir()))} files, {len(loose)} readable by others "
        "(umask 000)",
        folder_mode == 0o700 and not loose,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--examples", type=int, default=60)
    args = parser.parse_args()
    print(
        f"# {' '.join(['python', *sys.argv])}  (Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores)"
    )
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kit-proof-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)
        os.environ["KIT_JOURNAL"] = str(work / "default-journal")
        os.environ.setdefault("MPLCONFIGDIR", str(work / "mpl"))
        prove_hostile_journal(work)
        prove_hostile_pool(work)
        prove_kills(work, args.kills)
        prove_concurrency(work)
        prove_round_trips(work, args.examples)
        prove_faults(work)
        prove_modes(work)
        from proof_injection import prove_injection
        from proof_sockets import prove_no_sockets

        line(*prove_injection(work))
        line(*prove_no_sockets(work))
    print(
        f"# {time.monotonic() - start:.0f} s; "
        f"{'all promises held' if not FAILED else f'{len(FAILED)} broken'}"
    )
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
