"""How the wording check does on real sentences it was not written for.

The corpus in ``tests/data/blame-corpus/`` holds public sentences from post-mortems,
their discussions, outage news, code review, and accident reports from other fields,
each labelled by reading it alone (the rule is in the folder's README):
``blame_other``, ``self_blame``, ``ownership`` or ``mechanics``. Nine splits, in the
order they were collected:

- ``dev`` (in ``software.csv`` and ``other-fields.csv``): the rows the check was first
  tuned on.
- ``test`` (the same two files): frozen rows, scored once after the first tuning
  (precision 0.821, recall 0.513), then a second time (0.835, 0.599).
- ``holdout`` (``holdout-software.csv`` and ``holdout-other-fields.csv``): a fresh set,
  scored once with the check frozen at e671ef8: precision 0.740, recall 0.503.
- ``holdout2`` (``holdout2.csv``): a second fresh set, 1,332 sentences from 283
  sources none of the others uses, collected after ``holdout`` was scored. It was
  scored once, with the check frozen at 4adabd6: precision 0.710, recall 0.479.
- ``holdout3`` (``holdout3.csv``): a third fresh set, 1,357 sentences from 310 sources
  none of the others uses, collected after ``holdout2`` was scored. Scored once, with
  the check frozen at 58f6c20: precision 0.735, recall 0.484. The first attempt
  stopped on one sentence that crashed the check ("... he failed."); the crash was
  fixed (50e9e8e, no rule changed) and the set scored then.
- ``holdout4`` (``holdout4.csv``): a fourth fresh set, 1,282 sentences from 212
  sources none of the others uses, collected after ``holdout3`` was read and the
  check widened on it. Scored once, with the check frozen at 744ec47: **precision
  0.693, recall 0.444**.
- ``holdout4b`` (``holdout4b.csv``): the rest of the same collection, 519 sentences
  from 75 sources (mostly aviation, health care, sea, rail and regulators), which
  arrived after ``holdout4`` was scored. Scored once with the same frozen check:
  **precision 0.779, recall 0.480**. Both fresh sets together (1,801 sentences):
  precision 0.724, recall 0.457.
- ``holdout5`` (``holdout5.csv``): a fifth fresh set, 828 sentences from 167 sources
  none of the others uses, collected after ``holdout4b`` was scored. Scored once with
  the same frozen check: **precision 0.727, recall 0.471**.
- ``holdout6`` (``holdout6.csv``): a sixth fresh set, 1,004 sentences from 195
  sources none of the others uses, collected after ``holdout5`` was scored. Scored
  once with the same frozen check: **precision 0.670, recall 0.447**.

After each fresh set was scored, it was read to widen the check: ``dev``, ``test``,
``holdout``, ``holdout2`` and ``holdout3`` are all rows the check was tuned on; only
``holdout4``, ``holdout4b``, ``holdout5`` and ``holdout6`` say how it does on
sentences it has never seen. The check from before the last three rounds of reading
(0f8547e) scores 0.686 and 0.449 on ``holdout4``; the check from before the last round
(4e6e4d9) 0.699 and 0.444.
Reading about 4,300 more real sentences and writing rules from them moved the score
on unseen sentences by about a hundredth: each round fits the sentences it was read
from.

A second reader labelled 300 ``holdout`` rows, picked at random, without seeing the
first labels (``second-reader.csv``). The two readers agree on blame or not in 95% of
rows (Cohen's kappa 0.88), so the labels are not the gap: one reader scored against the
other gets precision 0.87 and recall 0.98. The check is the gap.

A small learned model beside the rules was measured (``scripts/train_blame_model.py``)
and left out: out of fold, it did not beat the rules. Fitted on every read split and
scored on the fresh sets (``--fresh holdout4``, ``--fresh holdout4b``), the rules or
the model together gain recall (0.444 to 0.495; 0.480 to 0.568) for precision (0.693
to 0.667; 0.779 to 0.724): nowhere near the target either. On ``holdout5``, with the
model fitted on all 7,548 earlier rows and a rule for shipping it written down first
(recall up by at least 0.05, precision down by at most 0.02), it gave precision 0.733
and recall 0.518: eight more blaming sentences found for two more false alarms, a
recall gain of 0.047, short of the rule, so it stays out. On ``holdout6``, fitted on all
8,376 earlier rows under the same rule, it gave precision 0.648 and recall 0.453
against the rules' 0.670 and 0.447: it stays out. A far larger learned reader, the
sentence encoder all-MiniLM-L6-v2 fine-tuned on the same rows
(``scripts/finetune_blame_encoder.py``), gave 0.562 and 0.667 at 0.5 on ``holdout6``,
and precision 0.415 where its recall reaches 0.80.

Blame is ``blame_other`` and ``self_blame`` together: a sentence counts as flagged
when the check finds anything of category ``blame_other`` or ``self_blame`` in it.
Ownership and hindsight findings are kind prompts, not blame, and do not count.

The target is precision >= 0.90 and recall >= 0.80 for blame on sentences the check
was not tuned on. It is MISSED: on ``holdout4`` by 0.207 precision and 0.356 recall,
on ``holdout4b`` by 0.121 and 0.320, on ``holdout5`` by 0.173 and 0.329, on
``holdout6`` by 0.230 and 0.353.
Rules written by reading sentences keep fitting the sentences they were read from.

The tests hold the measured figures, rounded down, as floors (FLOOR_*), so that no
change makes the check worse; the target stays visible in TARGET_*. Raise a floor only
when a change is scored on rows it has never seen, never by tuning on them.

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
HOLDOUT2_FILES = ("holdout2.csv",)
HOLDOUT3_FILES = ("holdout3.csv",)
HOLDOUT4_FILES = ("holdout4.csv",)
HOLDOUT4B_FILES = ("holdout4b.csv",)
HOLDOUT5_FILES = ("holdout5.csv",)
HOLDOUT6_FILES = ("holdout6.csv",)
#: The fresh sets in the order they were collected: each uses no source or sentence
#: of the splits before it.
FRESH_SETS = (("holdout", HOLDOUT_FILES), ("holdout2", HOLDOUT2_FILES),
              ("holdout3", HOLDOUT3_FILES), ("holdout4", HOLDOUT4_FILES),
              ("holdout4b", HOLDOUT4B_FILES), ("holdout5", HOLDOUT5_FILES),
              ("holdout6", HOLDOUT6_FILES))
SECOND_READER = CORPUS / "second-reader.csv"
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


@pytest.mark.parametrize(("split", "files"), FRESH_SETS)
def test_the_holdout_files_hold_their_own_rows_only(split, files):
    for name in files:
        path = CORPUS / name
        if not path.exists():
            pytest.skip(f"{name} is not in tests/data/blame-corpus yet")
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == COLUMNS, f"{name}: header {reader.fieldnames}"
            splits = {row["split"] for row in reader}
        assert splits == {split}, f"{name}: splits {sorted(splits)}"
    rows = load(split, files)
    assert {row["label"] for row in rows} <= LABELS
    assert len({row["id"] for row in rows}) == len(rows)
    earlier = load("dev") + load("test")
    before = FRESH_SETS[: [name for name, _ in FRESH_SETS].index(split)]
    for name, earlier_files in before:
        earlier += load(name, earlier_files)
    if before:
        sources = {row["source"].rstrip("/") for row in earlier}
        assert not [r["id"] for r in rows if r["source"].rstrip("/") in sources]
    texts = {row["text"] for row in earlier}
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


#: Measured with the check frozen (see the module docstring), rounded down. Test and
#: holdout were read after they were scored; their floors now guard against undoing.
FLOOR_TEST = (0.83, 0.59)  # precision 0.835, recall 0.599
FLOOR_HOLDOUT = (0.74, 0.50)  # precision 0.740, recall 0.503
FLOOR_HOLDOUT2 = (0.71, 0.47)  # precision 0.710, recall 0.479; read since
FLOOR_HOLDOUT3 = (0.73, 0.48)  # precision 0.735, recall 0.484; read since
FLOOR_HOLDOUT4 = (0.69, 0.44)  # precision 0.693, recall 0.444: never tuned on
FLOOR_HOLDOUT4B = (0.77, 0.48)  # precision 0.779, recall 0.480: never tuned on
FLOOR_HOLDOUT5 = (0.72, 0.47)  # precision 0.727, recall 0.471: never tuned on
FLOOR_HOLDOUT6 = (0.67, 0.44)  # precision 0.670, recall 0.447: never tuned on


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
    """The old frozen rows: 0.835 and 0.599 at their second scoring; read since."""
    _held("test", FILES, FLOOR_TEST)


def test_holdout_split_holds_its_measured_floor():
    """The first fresh set: 0.740 and 0.503 at its one scoring; read since."""
    _held("holdout", HOLDOUT_FILES, FLOOR_HOLDOUT)


def test_holdout2_split_holds_its_measured_floor():
    """The second fresh set: 0.710 and 0.479 at its one scoring; read since."""
    _held("holdout2", HOLDOUT2_FILES, FLOOR_HOLDOUT2)


def test_holdout3_split_holds_its_measured_floor():
    """The third fresh set: 0.735 and 0.484 at its one scoring; read since."""
    _held("holdout3", HOLDOUT3_FILES, FLOOR_HOLDOUT3)


def test_holdout4_split_holds_its_measured_floor():
    """The fourth fresh set, scored once with the check frozen: precision 0.693,
    recall 0.444, short of the target by 0.207 and 0.356; held as FLOOR_HOLDOUT4."""
    _held("holdout4", HOLDOUT4_FILES, FLOOR_HOLDOUT4)


def test_holdout4b_split_holds_its_measured_floor():
    """The rest of the fourth collection (mostly fields outside software), which
    arrived after holdout4 was scored; scored once with the same frozen check:
    precision 0.779, recall 0.480; held as FLOOR_HOLDOUT4B."""
    _held("holdout4b", HOLDOUT4B_FILES, FLOOR_HOLDOUT4B)


def test_holdout5_split_holds_its_measured_floor():
    """The fifth fresh set, scored once with the check frozen since holdout4:
    precision 0.727, recall 0.471, short of the target by 0.173 and 0.329; held as
    FLOOR_HOLDOUT5."""
    _held("holdout5", HOLDOUT5_FILES, FLOOR_HOLDOUT5)


def test_holdout6_split_holds_its_measured_floor():
    """The sixth fresh set, scored once with the check frozen since holdout4:
    precision 0.670, recall 0.447, short of the target by 0.230 and 0.353; held as
    FLOOR_HOLDOUT6."""
    _held("holdout6", HOLDOUT6_FILES, FLOOR_HOLDOUT6)


def test_two_readers_agree_on_what_is_blame():
    """The labels are not the gap: a second reader, blind to the first, agrees."""
    with open(SECOND_READER, newline="", encoding="utf-8") as handle:
        second = {row["id"]: row["label"] for row in csv.DictReader(handle)}
    first = {row["id"]: row for row in load("holdout", HOLDOUT_FILES)}
    assert len(second) == 300 and set(second) <= set(first)
    assert set(second.values()) <= LABELS
    ids = sorted(second)
    one = [first[i]["label"] in BLAME for i in ids]
    two = [second[i] in BLAME for i in ids]
    n = len(ids)
    agree = sum(a == b for a, b in zip(one, two, strict=True)) / n
    p1, p2 = sum(one) / n, sum(two) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    kappa = (agree - chance) / (1 - chance)
    both = sum(a and b for a, b in zip(one, two, strict=True))
    print(f"\ntwo readers on {n} holdout rows: agree {agree:.3f}, kappa {kappa:.3f}; "
          f"reader 2 against reader 1: precision {both / sum(two):.3f}, "
          f"recall {both / sum(one):.3f}")
    assert kappa >= 0.80
