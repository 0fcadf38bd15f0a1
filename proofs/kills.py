"""Kills and concurrency: a writer SIGKILLed at random moments during saves, and eight
processes saving and updating at once: nothing corrupt, nothing lost."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import timedelta
from pathlib import Path

import kit
from kit import storage

from . import line


def writer(folder: str, seed: int, ready=None) -> None:
    """Save and update in a loop until killed; set ``ready`` once the first read is
    done (an encrypted journal's key came with the fork: no key derivation here)."""
    journal = kit.Journal(folder)
    rnd = random.Random(seed)
    base = journal.get("2026-01-14-payment-config-typo")
    if ready is not None:
        ready.set()
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
        proc = ctx.Process(target=writer, args=(str(folder), kill))
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
