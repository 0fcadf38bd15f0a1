"""Speed of the wording check (``kit.check_blame``): CPU time per text, printed.

Run with ``.venv/bin/python bench/blame_speed.py``. Texts: a two-page post-mortem
(1,000 words of real sentences from the corpus's dev split), a megabyte of the same
prose, and adversarial megabytes (long runs of spaces, repeated role words, nested
quotes, negations, "I", and 100,000 characters without a sentence end). Each figure is
the median CPU time of several runs after a warm-up. Targets: 1,000 words under 50 ms,
a megabyte under 2 s, and every adversarial input in time proportional to its length.

Nothing here asserts a time: machines are noisy. ``tests/test_blame.py`` checks the
same texts against generous limits.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

import kit  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "blame-corpus"


def _prose() -> str:
    """Dev-split sentences only (the test split is scored in one place)."""
    sentences: list[str] = []
    for name in ("software.csv", "other-fields.csv"):
        path = CORPUS / name
        if path.exists():
            with open(path, newline="", encoding="utf-8") as handle:
                sentences += [r["text"] for r in csv.DictReader(handle)
                              if r["split"] == "dev"]
    if not sentences:
        old = ROOT / "tests" / "data" / "blame_sentences.csv"
        with open(old, encoding="utf-8") as handle:
            sentences = [r["sentence"] for r in csv.DictReader(handle)]
    return " ".join(sentences)


def _fill(seed: str, size: int) -> str:
    return (seed * (size // len(seed) + 1))[:size]


def _cpu(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        kit.check_blame(text)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    prose = _prose()
    page = " ".join(prose.split()[:1000])
    cases = [
        ("1,000 words of post-mortem prose", page, 21),
        ("1 MB of post-mortem prose", _fill(prose + "\n\n", 1_000_000), 3),
        ("1 MB of spaces", " " * 1_000_000, 3),
        ("1 MB of repeated role words",
         _fill("the engineer the operator the admin ", 1_000_000), 3),
        ("1 MB of nested quotes", _fill("\"'\"' he said ", 1_000_000), 3),
        ("1 MB of 'not '", _fill("not ", 1_000_000), 3),
        ("1 MB of 'I '", _fill("I ", 1_000_000), 3),
        ("100,000 characters without a sentence end",
         _fill("the junior dev who had forgotten ", 100_000), 3),
    ]
    kit.check_blame(page)  # warm-up: the lexicons are read once
    print(f"{'text':<44} {'chars':>9} {'CPU (median)':>14}")
    for name, text, runs in cases:
        seconds = _cpu(text, runs)
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"{name:<44} {len(text):>9,} {shown:>14}")


if __name__ == "__main__":
    main()
