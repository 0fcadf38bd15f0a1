"""Speed of the encrypted journal beside the plain one, and what unlocking costs.

Run with ``make bench`` (or ``.venv/bin/python bench/vault_speed.py``). Each row is the
median over several runs after a warm-up; the plain journal is the baseline. Nothing
here asserts a time.

Unlocking runs age's passphrase key derivation (scrypt), slow by design so that
guessing passphrases is slow too. It runs once per kernel (the unlock cell at the top
of a notebook), once per ``python -m kit encrypt|decrypt`` and twice per ``rekey``
(the old passphrase, then the new one); never per incident, never per load or save.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speed import timed, write_journal  # noqa: E402 - bench/ is on the path

import kit  # noqa: E402
from kit import conversion, vault  # noqa: E402

PASSPHRASE = "bench passphrase 9114"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,1000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from importlib.metadata import version

    from kit import synthetic

    print(f"# python {' '.join(sys.argv)}  (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, pyrage {version('pyrage')})")
    print(f"{'case':<34}{'size':>7}{'plain ms':>11}{'encrypted ms':>14}{'ratio':>8}"
          f"{'runs':>6}")
    work = Path(tempfile.mkdtemp(prefix="kit-vault-bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            incidents = synthetic.incidents(size, seed=20261128)
            plain = write_journal(work / f"plain-{size}", incidents)
            sealed = write_journal(work / f"sealed-{size}", incidents)
            conversion.encrypt_journal(sealed.path, PASSPHRASE)

            def cold(journal: kit.Journal) -> Callable[[], object]:
                # a new kernel and no row cache file: both parse every file
                def run():
                    for name in (".frame-cache.json", ".frame-cache.json.age"):
                        (journal.path / name).unlink(missing_ok=True)
                    return kit.Journal(journal.path).frame()

                return run

            def cached(journal: kit.Journal) -> Callable[[], object]:
                # a new kernel: rows come from the cache file (encrypted or not)
                return lambda: kit.Journal(journal.path).frame()

            def warm(journal: kit.Journal) -> Callable[[], object]:
                journal.frame()
                return journal.frame

            runs = args.runs if size <= 1000 else 1
            for case, make in (
                ("journal cold (no row cache)", cold),
                ("journal cold (row cache file)", cached),
                ("journal warm (same kernel)", warm),
            ):
                plain_s = timed(make(plain), runs)
                sealed_s = timed(make(sealed), runs)
                print(f"{case:<34}{size:>7,}{plain_s * 1e3:>11.2f}"
                      f"{sealed_s * 1e3:>14.2f}{sealed_s / plain_s:>7.2f}x{runs:>6}")
        base = incidents[0]
        counter = iter(range(1_000_000))

        def save(journal: kit.Journal) -> Callable[[], object]:
            def run():
                n = next(counter)
                return journal.save(base.model_copy(update={"id": f"2030-01-01-s{n}"}))

            return run

        plain_s = timed(save(plain), 50)
        sealed_s = timed(save(sealed), 50)
        print(f"{'save (one incident)':<34}{1:>7}{plain_s * 1e3:>11.2f}"
              f"{sealed_s * 1e3:>14.2f}{sealed_s / plain_s:>7.2f}x{50:>6}")

        def unlock():
            vault.lock(sealed.path)
            vault.unlock_with(sealed.path, PASSPHRASE)

        unlock_s = timed(unlock, 5, warmup=0)
        print(f"{'unlock (scrypt, once per kernel)':<34}{'-':>7}{'-':>11}"
              f"{unlock_s * 1e3:>14.0f}{'':>8}{5:>6}")
        folder = work / "convert"
        write_journal(folder, synthetic.incidents(50, seed=3))
        start = time.perf_counter()
        conversion.encrypt_journal(folder, PASSPHRASE)
        encrypt_s = time.perf_counter() - start
        start = time.perf_counter()
        conversion.decrypt_journal(folder, PASSPHRASE)
        decrypt_s = time.perf_counter() - start
        print(f"{'encrypt 50 incidents (command)':<34}{50:>7}{'-':>11}"
              f"{encrypt_s * 1e3:>14.0f}{'':>8}{1:>6}")
        print(f"{'decrypt 50 incidents (command)':<34}{50:>7}{'-':>11}"
              f"{decrypt_s * 1e3:>14.0f}{'':>8}{1:>6}")
    finally:
        vault.lock()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
