"""Where the wording check's corpus lives, and what a model scored on each fresh set
is fitted on: every file collected before it (``holdout4b`` came in the same
collection as ``holdout4``, so neither sees the other). Shared by the two scripts
that fit models, so that both fit on the same rows."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "blame-corpus"
#: The files the rules were tuned on.
READ_FILES = ("software.csv", "other-fields.csv", "holdout-software.csv",
              "holdout-other-fields.csv", "holdout2.csv", "holdout3.csv")
FITTED_ON = {"holdout4": READ_FILES, "holdout4b": READ_FILES,
             "holdout5": (*READ_FILES, "holdout4.csv", "holdout4b.csv"),
             "holdout6": (*READ_FILES, "holdout4.csv", "holdout4b.csv", "holdout5.csv")}
