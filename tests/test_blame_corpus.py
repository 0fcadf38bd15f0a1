"""How the wording check does on real sentences it was not written for.

The corpus in ``tests/data/blame-corpus/`` holds public sentences from post-mortems,
their discussions, outage news, code review, and accident reports from other fields,
each labelled by reading it alone (the rule is in the folder's README):
``blame_other``, ``self_blame``, ``ownership`` or ``mechanics``. Three splits:

- ``dev`` (in ``software.csv`` and ``other-fields.csv``): the rows the check is tuned
  on. High figures here say little.
- ``test`` (the same two files): frozen rows, scored once after the first tuning
  (precision 0.821, recall 0.513) and never tuned on since. Scored here a second time,
  after the check was widened by kind (more roles, lapses, judgements, shaming and
  reproaches; a person named before "at"/"on"/"from"; "the employee responsible").
- ``holdout`` (``holdout-software.csv`` and ``holdout-other-fields.csv``): a fresh set
  collected while that widening was done, never opened by it; scored here for the
  first time, once, with the check frozen beforehand. Its rows were never read while
  the check was changed; the titles of the commits that added them (the kinds of
  source they came from) were seen in ``git log`` before the last changes.

A small learned model beside the rules was measured on dev only
(``scripts/train_blame_model.py``) and left out: it did not help out of fold.

Blame is ``blame_other`` and ``self_blame`` together: a sentence counts as flagged
when the check finds anything of category ``blame_other`` or ``self_blame`` in it.
Ownership and hindsight findings are kind prompts, not blame, and do not count.

The target is precision >= 0.90 and recall >= 0.80 for blame on sentences the check
was not tuned on. It was MISSED on both held-out splits, measured once each with the
check frozen at commit e671ef8 (no rule has changed since):

- ``test`` (second scoring, 489 sentences): precision 0.835, recall 0.599 (first
  scoring: 0.821 and 0.513). Short of the target by 0.065 precision, 0.201 recall.
- ``holdout`` (first scoring, 1,653 sentences): precision 0.740, recall 0.503. Short
  of the target by 0.160 precision, 0.297 recall.

So the check generalises no better than before on fresh sentences: the widening lifted
the old test split but not the new one. The tests hold the measured figures, rounded
down, as floors (FLOOR_TEST, FLOOR_HOLDOUT), so that no change makes the check worse
on sentences it was not tuned on; the target stays visible in TARGET_*. Raise a floor
only when a change is scored on rows it has never seen, never by tuning on these.

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
HOLDOUT_FILES = ("holdout-software.csv", "holdout-other-fields.csv")
COLUMNS = ["id", "text", "label", "source_kind", "source", "split"]
BLAME = frozenset({"blame_other", "self_blame"})
LABELS = BLAME | {"ownership", "mechanics"}

#: The target on sentences the check was not tuned on (blame_other and self_blame).
TARGET_PRECISION = 0.90
TARGET_RECALL = 0.80


def load(split: str, files: tuple[str, ...] = FILES) -> list[dict[str, str]]:
    """The corpus rows of one split, filtered as they are read (nothing else kept)."""
    rows: list[dict[str, str]] = []
    for name in files:
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
        "labels": Counter(row["label"] for row in rows),
        "sources": Counter(row["source_kind"] for row in rows),
        "files": Counter(row["file"] for row in rows),
    }


def _counts(counter: object) -> str:
    assert isinstance(counter, Counter)
    return ", ".join(f"{key} {count}" for key, count in sorted(counter.items()))


def report(split: str, figures: dict[str, object]) -> str:
    shown = (
        f"{split} split: {figures['rows']} sentences ({_counts(figures['files'])})\n"
        f"  blame precision {figures['precision']:.3f}, recall {figures['recall']:.3f}"
        f" (tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']}, "
        f"tn {figures['tn']})\n"
        f"  labels: {_counts(figures['labels'])}\n"
        f"  sources: {_counts(figures['sources'])}"
    )
    short_p = TARGET_PRECISION - float(figures["precision"])  # type: ignore[arg-type]
    short_r = TARGET_RECALL - float(figures["recall"])  # type: ignore[arg-type]
    if short_p > 0 or short_r > 0:
        shown += (
            f"\n  target (precision {TARGET_PRECISION}, recall {TARGET_RECALL}) "
            f"missed by {max(short_p, 0):.3f} precision, {max(short_r, 0):.3f} recall"
        )
    return shown


def test_the_corpus_is_well_formed():
    rows = load("dev") + load("test")
    if not rows:
        pytest.skip("the blame corpus is not in tests/data/blame-corpus yet")
    assert {row["label"] for row in rows} <= LABELS
    assert len({row["id"] for row in rows}) == len(rows)
    assert all(row["text"].strip() for row in rows)


def test_the_holdout_files_hold_holdout_rows_only():
    for name in HOLDOUT_FILES:
        path = CORPUS / name
        if not path.exists():
            pytest.skip(f"{name} is not in tests/data/blame-corpus yet")
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == COLUMNS, f"{name}: header {reader.fieldnames}"
            splits = {row["split"] for row in reader}
        assert splits == {"holdout"}, f"{name}: splits {sorted(splits)}"
    rows = load("holdout", HOLDOUT_FILES)
    assert {row["label"] for row in rows} <= LABELS
    assert len({row["id"] for row in rows}) == len(rows)
    texts = {row["text"] for row in load("dev") + load("test")}
    assert not [row["id"] for row in rows if row["text"] in texts]


def test_dev_split_figures():
    """The rows the check was tuned on: printed beside the held-out figures."""
    rows = load("dev")
    if not rows:
        pytest.skip("the blame corpus is not in tests/data/blame-corpus yet")
    figures = score(rows)
    print("\n" + report("dev", figures))
    # Tuned on these rows, so a high score here says little; it guards against a
    # change that undoes the tuning.
    assert figures["precision"] >= 0.93 and figures["recall"] >= 0.80


#: Measured once each with the check frozen (see the module docstring), rounded down.
FLOOR_TEST = (0.83, 0.59)  # precision 0.835, recall 0.599
FLOOR_HOLDOUT = (0.74, 0.50)  # precision 0.740, recall 0.503


def _held(split: str, files: tuple[str, ...], floor: tuple[float, float]) -> None:
    rows = load(split, files)
    if not rows:
        pytest.skip(f"no {split} rows in tests/data/blame-corpus yet")
    figures = score(rows)
    shown = report(split, figures)
    print("\n" + shown)
    # The target was missed (module docstring): the measured floor is what is held.
    assert figures["precision"] >= floor[0], shown
    assert figures["recall"] >= floor[1], shown


def test_test_split_holds_its_measured_floor():
    """The old frozen rows, scored a second time (never tuned on): precision 0.835,
    recall 0.599, short of the target by 0.065 and 0.201; held as FLOOR_TEST."""
    _held("test", FILES, FLOOR_TEST)


def test_holdout_split_holds_its_measured_floor():
    """The fresh rows, scored once with the check frozen: precision 0.740, recall
    0.503, short of the target by 0.160 and 0.297; held as FLOOR_HOLDOUT."""
    _held("holdout", HOLDOUT_FILES, FLOOR_HOLDOUT)
