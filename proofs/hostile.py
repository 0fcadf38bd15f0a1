"""Hostile files: every family of bad file, and seeded mutations of good ones, against
``Journal.load`` and the team pool: nothing crashes, every good file loads, every bad
one is reported with a reason and left unchanged."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import kit
from kit import storage

from . import HOSTILE, good_incidents, line


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
