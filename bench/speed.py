"""Speed of the kit against the floor: the same work done by the simplest code.

Run with ``make bench`` (or ``.venv/bin/python bench/speed.py [--quick]``). For each
case it prints the kit's median, the floor's median and their ratio, over at least five
runs after a warm-up (fewer where a single run of the 100,000-incident journal takes
minutes; the table says how many). Data come from the kit's seeded generator.

Nothing here asserts a time: machines are noisy. The README's Performance table is
copied from this output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

import kit  # noqa: E402
from kit import storage  # noqa: E402

SEED = 20261128
TARGETS = {
    "journal cold (cache present)": 10.0,
    "journal warm": 2.0,
    "team.pool": 2.0,
    "per-person trend": 1.5,
    "save": 3.0,
    "import kit": 1.2,
}


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median seconds of ``runs`` calls after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def synthetic_incidents(n: int, seed: int) -> list[kit.Incident]:
    from kit import synthetic

    return synthetic.incidents(n, seed=seed)


def write_journal(folder: Path, incidents: list[kit.Incident]) -> kit.Journal:
    """Write files directly (the fsync'd save is measured on its own below)."""
    storage.private_dir(folder)
    for incident in incidents:
        text = storage.dump_yaml(incident.to_data())
        (folder / f"{incident.id}.yaml").write_text(text, encoding="utf-8")
    return kit.Journal(folder)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float, float, int, str]] = []

    def add(
        self,
        case: str,
        size: str,
        kit_s: float,
        floor_s: float,
        runs: int,
        target: str = "",
    ) -> None:
        self.rows.append((case, size, kit_s, floor_s, runs, target))
        ratio = kit_s / floor_s if floor_s else float("nan")
        print(
            f"{case:<34} {size:>9} {kit_s * 1000:>10.2f} {floor_s * 1000:>10.2f} "
            f"{ratio:>7.2f}x {runs:>5} {target}",
            flush=True,
        )


def header() -> None:
    print(
        f"{'case':<34} {'size':>9} {'kit ms':>10} {'floor ms':>10} {'ratio':>8} "
        f"{'runs':>5} target"
    )


def bench_journal(table: Table, sizes: list[int], work: Path) -> None:
    for n in sizes:
        incidents = synthetic_incidents(n, SEED)
        folder = work / f"journal-{n}"
        journal = write_journal(folder, incidents)
        flat = work / f"flat-{n}.csv"
        frame = journal.frame()  # also writes the row cache
        frame.to_csv(flat, index=False)
        runs = 5 if n <= 1000 else 3
        floor = timed(lambda flat=flat: pd.read_csv(flat), runs)

        def cold_no_cache(folder=folder):
            (folder / ".frame-cache.json").unlink(missing_ok=True)
            kit.Journal(folder).frame()

        no_cache_runs = runs if n <= 1000 else 1
        table.add(
            "journal cold (no cache)",
            f"{n:,}",
            timed(cold_no_cache, no_cache_runs, warmup=0 if n > 1000 else 1),
            floor,
            no_cache_runs,
        )
        kit.Journal(folder).frame()  # leave a fresh cache behind
        table.add(
            "journal cold (cache present)",
            f"{n:,}",
            timed(lambda folder=folder: kit.Journal(folder).frame(), runs),
            floor,
            runs,
            f"<= {TARGETS['journal cold (cache present)']}x at 50",
        )
        warm = kit.Journal(folder)
        warm.frame()
        table.add(
            "journal warm",
            f"{n:,}",
            timed(warm.frame, runs),
            floor,
            runs,
            f"<= {TARGETS['journal warm']}x",
        )
        shutil.rmtree(folder)


def bench_pool(table: Table, work: Path, people: int = 1_000, each: int = 100) -> None:
    from kit import synthetic, team

    folder = work / "pool"
    synthetic.team_exports(folder, people=people, seed=SEED, incidents=each)
    rows = people * each
    joined = work / "pool-joined.csv"
    parts = sorted(p for p in folder.iterdir() if p.suffix == ".csv")
    pd.concat([pd.read_csv(p) for p in parts]).to_csv(joined, index=False)
    runs = 5
    floor = timed(lambda: pd.read_csv(joined), runs)
    table.add(
        f"team.pool ({people:,} files)",
        f"{rows:,}",
        timed(lambda: team.pool(folder), runs),
        floor,
        runs,
        f"<= {TARGETS['team.pool']}x",
    )


def bench_trend(table: Table, rows: int = 100_000, people: int = 10_000) -> None:
    import numpy as np

    from kit import metrics

    rng = np.random.default_rng(SEED)
    person = np.repeat(np.arange(people), rows // people)
    n = np.tile(np.arange(1, rows // people + 1), people)
    minutes = 12 * n ** -rng.uniform(0.2, 1.5, size=rows) * rng.uniform(0.8, 1.2, rows)
    data = pd.DataFrame(
        {
            "pseudonym": person.astype(str),
            "incident_no": n,
            "panic_to_action_min": minutes,
        }
    )

    def floor():
        logs = pd.DataFrame(
            {
                "p": data["pseudonym"],
                "x": np.log(data["incident_no"]),
                "y": np.log(data["panic_to_action_min"]),
            }
        )
        logs["xy"], logs["xx"] = logs.x * logs.y, logs.x * logs.x
        g = logs.groupby("p", sort=False).agg(
            n=("x", "size"),
            sx=("x", "sum"),
            sy=("y", "sum"),
            sxy=("xy", "sum"),
            sxx=("xx", "sum"),
        )
        return -(g.n * g.sxy - g.sx * g.sy) / (g.n * g.sxx - g.sx**2)

    runs = 5
    table.add(
        "per-person trend",
        f"{rows:,}",
        timed(lambda: metrics.trend_by_person(data), runs),
        timed(floor, runs),
        runs,
        f"<= {TARGETS['per-person trend']}x",
    )


def bench_save(table: Table, work: Path, runs: int = 50) -> None:
    incidents = synthetic_incidents(runs + 1, SEED + 1)
    journal = kit.Journal(work / "save")
    it = iter(incidents)
    kit_s = timed(lambda: journal.save(next(it)), runs)
    payload = storage.dump_yaml(incidents[0].to_data()).encode("utf-8")
    counter = iter(range(10**9))

    def floor():
        path = work / "save-floor" / f"{next(counter)}.yaml"
        with open(path, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())

    (work / "save-floor").mkdir()
    table.add("save", "1", kit_s, timed(floor, runs), runs, f"<= {TARGETS['save']}x")


def bench_import(table: Table, runs: int = 7) -> None:
    def fresh(code: str) -> Callable[[], None]:
        return lambda: subprocess.run(
            [sys.executable, "-c", code], check=True, cwd=ROOT
        )

    table.add(
        "import kit",
        "-",
        timed(fresh("import kit"), runs),
        timed(fresh("import pandas, pydantic, yaml"), runs),
        runs,
        f"<= {TARGETS['import kit']}x",
    )


def bench_notebooks(work: Path, runs: int = 1) -> None:
    import nbformat
    from nbclient import NotebookClient

    print()
    print(f"{'notebook (sample data, end to end)':<44} {'seconds':>8}  target <= 10 s")
    env_journal = work / "nb-journal"
    os.environ["KIT_JOURNAL"] = str(env_journal)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):

        def run(path=path):
            nb = nbformat.read(path, as_version=4)
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()

        seconds = timed(run, runs, warmup=0)
        print(f"{path.name:<44} {seconds:>8.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip the 100,000-incident journal"
    )
    parser.add_argument(
        "--pool", action="store_true", help="run only the team pool case"
    )
    args = parser.parse_args()
    sizes = [50, 1_000] if args.quick else [50, 1_000, 100_000]
    print(
        f"# {' '.join(['python', *sys.argv])}  (Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, pandas {pd.__version__})"
    )
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("MPLCONFIGDIR", str(work / "mpl"))
        table = Table()
        header()
        if args.pool:
            bench_pool(table, work)
            return
        bench_import(table)
        bench_save(table, work)
        bench_trend(table)
        bench_pool(table, work)
        bench_journal(table, sizes, work)
        bench_notebooks(work)


if __name__ == "__main__":
    main()
