"""``python -m proofs``: run every proof and print one line per promise."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from . import FAILED, line
from .faults import prove_faults
from .hostile import prove_hostile_journal, prove_hostile_pool
from .injection import prove_injection
from .kills import prove_concurrency, prove_kills
from .modes import prove_modes
from .round_trips import prove_round_trips
from .sockets import prove_no_sockets
from .vault import prove_vault


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m proofs", description=__doc__)
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--examples", type=int, default=60)
    args = parser.parse_args()
    print(
        f"# {' '.join(['python -m proofs', *sys.argv[1:]])}  "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores)"
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
        prove_vault(work)
        line(*prove_injection(work))
        line(*prove_no_sockets(work))
    print(
        f"# {time.monotonic() - start:.0f} s; "
        f"{'all promises held' if not FAILED else f'{len(FAILED)} broken'}"
    )
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
