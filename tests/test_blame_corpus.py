"""How the wording check does on real sentences it was not written for.

The corpus in ``tests/data/blame-corpus/`` holds public sentences from post-mortems,
their discussions, outage news, code review, and accident reports from other fields,
each labelled by reading it alone (the rule is in the folder's README):
``blame_other``, ``self_blame``, ``ownership`` or ``mechanics``. Its ``split`` column
is frozen: the check was tuned on ``dev`` rows only, and ``test`` rows are scored here
and nowhere else.

Blame is ``blame_other`` and ``self_blame`` together: a sentence counts as flagged
when the check finds anything of category ``blame_other`` or ``self_blame`` in it.
Ownership and hindsight findings are kind prompts, not blame, and do not count.

Run ``pytest tests/test_blame_corpus.py -s`` (or ``-rA``) to see the figures.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

import kit

CORPUS = Path(__file__).parent / "data" / "blame-corpus"
FILES = ("software.csv", "other-fields.csv")
COLUMNS = ["id", "text", "label", "source_kind", "source", "split"]
BLAME = frozenset({"blame_other", "self_blame"})
LABELS = BLAME | {"ownership", "mechanics"}

#: The target on the frozen test split (blame_other and self_blame together).
TARGET_PRECISION = 0.90
TARGET_RECALL = 0.80
#: What the check measured on the test split when it was scored, once, after tuning
#: on dev (precision 0.821, recall 0.513: the target was missed by 0.079 and 0.287).
#: The test holds these as a floor so that no change makes it worse; raise them when
#: a change to the check is scored on a new, unseen split, never by tuning on this one.
FLOOR_PRECISION = 0.82
FLOOR_RECALL = 0.51


def load(split: str) -> list[dict[str, str]]:
    """The corpus rows of one split, filtered as they are read (nothing else kept)."""
    rows: list[dict[str, str]] = []
    for name in FILES:
        path = CORPUS / name
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == COLUMNS, f"{name}: header {reader.fieldnames}"
            for row in reader:
                if row["split"] == split:  # before anything else looks at the row
                    rows.append({**row, "file": name})
    return rows


def flagged(text: str) -> bool:
    return any(finding.category in BLAME for finding in kit.check_blame(text))


def score(rows: list[dict[str, str]]) -> dict[str, object]:
    """Precision, recall and counts of the check on some rows."""
    tp = fp = fn = tn = 0
    for row in rows:
        predicted, actual = flagged(row["text"]), row["label"] in BLAME
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
    return {
        "rows": len(rows),
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "sources": Counter(row["source_kind"] for row in rows),
        "files": Counter(row["file"] for row in rows),
    }


def report(split: str, figures: dict[str, object]) -> str:
    sources = ", ".join(
        f"{kind} {count}" for kind, count in sorted(figures["sources"].items())
    )
    files = ", ".join(f"{name} {count}" for name, count in figures["files"].items())
    return (
        f"{split} split: {figures['rows']} sentences ({files})\n"
        f"  blame precision {figures['precision']:.3f}, recall {figures['recall']:.3f}"
        f" (tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']}, "
        f"tn {figures['tn']})\n"
        f"  sources: {sources}"
    )


def test_the_corpus_is_well_formed():
    rows = load("dev") + load("test")
    if not rows:
        pytest.skip("the blame corpus is not in tests/data/blame-corpus yet")
    assert {row["label"] for row in rows} <= LABELS
    assert len({row["id"] for row in rows}) == len(rows)
    assert all(row["text"].strip() for row in rows)


def test_dev_split_figures():
    """The rows the check was tuned on: printed beside the test figures."""
    rows = load("dev")
    if not rows:
        pytest.skip("the blame corpus is not in tests/data/blame-corpus yet")
    figures = score(rows)
    print("\n" + report("dev", figures))
    # Tuned on these rows, so a high score here says little; it guards against a
    # change that undoes the tuning.
    assert figures["precision"] >= 0.93 and figures["recall"] >= 0.80


def test_test_split_holds_its_measured_floor():
    """The frozen rows, against the target (printed) and the measured floor (held).

    The target is precision >= 0.90 and recall >= 0.80 for blame. The check missed
    it on these rows, and the figures say by how much; the assertion is the floor
    that was measured, so that the check never gets worse on sentences it was not
    tuned on.
    """
    rows = load("test")
    if not rows:
        pytest.skip("the blame corpus is not in tests/data/blame-corpus yet")
    figures = score(rows)
    shown = report("test", figures)
    short_p = TARGET_PRECISION - figures["precision"]
    short_r = TARGET_RECALL - figures["recall"]
    if short_p > 0 or short_r > 0:
        shown += (
            f"\n  target (precision {TARGET_PRECISION}, recall {TARGET_RECALL}) "
            f"missed by {max(short_p, 0):.3f} precision, {max(short_r, 0):.3f} recall"
        )
    print("\n" + shown)
    assert figures["precision"] >= FLOOR_PRECISION, shown
    assert figures["recall"] >= FLOOR_RECALL, shown
