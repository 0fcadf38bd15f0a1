"""Coarsening: what the anonymous export rounds and bands, and why.

The workshop's views (:mod:`kit.team_charts`, :mod:`kit.privacy`) show medians and
quartiles of minutes, categories and techniques, and no rating at all. Exact values
make an exported row easier to match with what someone remembers of an incident, so
:mod:`kit.export` writes minutes on a coarse grid (:func:`coarse_minutes`) and every
rating as a band (:data:`RATING_BANDS`, :func:`band`); :mod:`kit.pool` checks that
what it reads is on that grid and in those bands.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["RATING_BANDS", "band_labels", "coarse_minutes", "band"]

RATING_BANDS: dict[str, tuple[tuple[int, int], ...]] = {
    "distress": ((0, 3), (4, 6), (7, 10)),
    "symptom": ((0, 3), (4, 6), (7, 10)),
    "clarity": ((0, 30), (40, 60), (70, 100)),
    "safety": ((1, 2), (3, 3), (4, 5)),
}
"""Each rating's bands, lowest and highest value included; written as ``"4-6"``."""


def _band_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def band_labels(kind: str) -> tuple[str, ...]:
    """The labels of one rating's bands, in order (``("0-3", "4-6", "7-10")``)."""
    return tuple(_band_label(low, high) for low, high in RATING_BANDS[kind])


def coarse_minutes(values) -> np.ndarray:
    """Minutes rounded to what the workshop needs: whole minutes below 10, then to five
    minutes below 60, then to fifteen (missing stays missing).

    The rounding never changes the order of two durations, so the record's time order
    survives it.

    Examples
    --------
    >>> coarse_minutes([0.4, 7.6, 12.4, 38, 71]).tolist()
    [0.0, 8.0, 10.0, 40.0, 75.0]
    """
    minutes = np.asarray(values, dtype="float64")
    step = np.where(minutes < 10, 1.0, np.where(minutes < 60, 5.0, 15.0))
    with np.errstate(invalid="ignore"):
        return np.round(minutes / step) * step


def band(values, kind: str) -> list[str | None]:
    """Ratings as the labels of their :data:`RATING_BANDS` (``None`` stays ``None``).

    Examples
    --------
    >>> band([0, 5, 7, None], "distress")
    ['0-3', '4-6', '7-10', None]
    """
    found: list[str | None] = []
    for value in values:
        if value is None or value is pd.NA or (
                isinstance(value, float) and np.isnan(value)):
            found.append(None)
            continue
        found.append(next(_band_label(low, high) for low, high in RATING_BANDS[kind]
                          if value <= high))
    return found
