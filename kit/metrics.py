"""Durations across incidents: the panic-to-action trend and the 3 AM view.

Honesty first: with three to five incidents the numbers say little on their own. The
trend therefore leads with the raw first-versus-latest change in plain words, names
every incident that took longer than the one before it, and fits at most a two-parameter
log-log line ``T = a * n**-b`` that is labelled descriptive, checked by leaving one
incident out at a time, and never evaluated beyond the incidents it was fitted on.

Two views live in modules of their own and are named here too: the phases of one
incident against the 45-minute walk (``kit.phases``) and the 3 AM view, incidents by
the local hour of their alert (``kit.hours``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import messages
from .errors import NotEnoughData
from .hours import (
    NIGHT,
    NightAndDay,
    alert_hours,
    is_night,
    night_and_day,
)
from .phases import PLAN_MINUTES, latest_incident, phases

__all__ = [
    "PLAN_MINUTES",
    "BAND",
    "MIN_FIT_POINTS",
    "MIN_LOO_POINTS",
    "Fit",
    "Trend",
    "phases",
    "latest_incident",
    "fit_power_law",
    "trend",
    "trend_by_person",
    "NIGHT",
    "NightAndDay",
    "is_night",
    "alert_hours",
    "night_and_day",
]

# The article's rule of thumb (not a norm): three to five real incidents, survived,
# written down and slept after, for the threat response to quieten.
BAND = (3, 5)
MIN_FIT_POINTS = 3
MIN_LOO_POINTS = 4
# Fewer timed incidents than this get the "few points say little" caveat.
_FEW_POINTS = 6


# --- the descriptive log-log fit ------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """A descriptive two-parameter line ``T = a * n**-b`` through the observed points.

    Attributes
    ----------
    a, b : float
        Scale (minutes at incident 1) and exponent; ``b > 0`` means times shrank.
    n_points : int
        Points the line was fitted on (zero times are left out: log 0 is undefined).
    x_min, x_max : float
        The incident numbers the line covers. It is never evaluated outside them.
    excluded : tuple of int
        Incident numbers left out because their time was 0.
    loo_b : tuple of (float, float) or None
        Lowest and highest ``b`` when each point is left out in turn (only with 4 or
        more points).
    """

    a: float
    b: float
    n_points: int
    x_min: float
    x_max: float
    excluded: tuple[int, ...] = ()
    loo_b: tuple[float, float] | None = None

    @property
    def doubling_factor(self) -> float:
        """What each doubling of the incident count multiplies the time by (2**-b)."""
        return float(2.0 ** -self.b)

    @property
    def loo_doubling(self) -> tuple[float, float] | None:
        """Lowest and highest doubling factor when leaving one point out, or None."""
        if self.loo_b is None:
            return None
        return (float(2.0 ** -self.loo_b[1]), float(2.0 ** -self.loo_b[0]))

    def predict(self, n: Any) -> np.ndarray:
        """The line's value at incident numbers ``n`` inside the observed range only.

        Raises
        ------
        NotEnoughData
            For any ``n`` before the first or after the last fitted incident: the line
            describes, it does not extrapolate.
        """
        values = np.asarray(n, dtype="float64")
        if np.any(values < self.x_min) or np.any(values > self.x_max) or np.any(
            np.isnan(values)
        ):
            msg = messages.TREND_NO_EXTRAPOLATION.format(
                low=_fmt(self.x_min), high=_fmt(self.x_max)
            )
            raise NotEnoughData(msg)
        return self.a * values ** -self.b

    def line(self, num: int = 60) -> pd.DataFrame:
        """The line (columns x, y) from the first to the last fitted incident."""
        xs = np.linspace(self.x_min, self.x_max, num)
        return pd.DataFrame({"x": xs, "y": self.predict(xs)})


def _loglog(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    """Least squares of log y on log x: (a, b) of ``y = a * x**-b``, or None."""
    lx, ly = np.log(x), np.log(y)
    dx = lx - lx.mean()
    sxx = float(np.dot(dx, dx))
    if sxx <= 0.0:
        return None
    slope = float(np.dot(dx, ly - ly.mean())) / sxx
    a = float(np.exp(ly.mean() - slope * lx.mean()))
    return a, -slope


def fit_power_law(
    x: Iterable[float], y: Iterable[float]
) -> tuple[Fit | None, str | None]:
    """Fit the descriptive ``T = a * n**-b`` line, or say why there is none.

    Points whose time is 0 are left out (the logarithm of 0 is undefined); the result
    names them. Needs 3 points; the leave-one-out range of ``b`` needs 4.

    Parameters
    ----------
    x, y : array-like
        Incident numbers (positive) and times in minutes (non-negative, finite).

    Returns
    -------
    (Fit or None, str or None)
        The fit and None, or None and the reason in plain words.

    Examples
    --------
    >>> fit, reason = fit_power_law([1, 2, 4], [12, 6, 3])
    >>> round(fit.b, 3), round(fit.doubling_factor, 3), reason
    (1.0, 0.5, None)
    """
    xs = np.asarray(list(x), dtype="float64")
    ys = np.asarray(list(y), dtype="float64")
    usable = np.isfinite(xs) & np.isfinite(ys) & (xs > 0)
    xs, ys = xs[usable], ys[usable]
    zero = ys <= 0
    excluded = tuple(int(v) for v in xs[zero])
    xs, ys = xs[~zero], ys[~zero]
    if len(xs) < MIN_FIT_POINTS:
        if excluded:
            return None, messages.TREND_NO_FIT_ZEROS.format(n=len(xs))
        return None, messages.TREND_NO_FIT_FEW.format(n=len(xs))
    whole = _loglog(xs, ys)
    if whole is None:
        return None, messages.TREND_NO_FIT_SAME_X
    loo = None
    if len(xs) >= MIN_LOO_POINTS:
        bs = []
        for left_out in range(len(xs)):
            keep = np.arange(len(xs)) != left_out
            part = _loglog(xs[keep], ys[keep])
            if part is not None:
                bs.append(part[1])
        if bs:
            loo = (float(min(bs)), float(max(bs)))
    a, b = whole
    fit = Fit(
        a=a,
        b=b,
        n_points=len(xs),
        x_min=float(xs.min()),
        x_max=float(xs.max()),
        excluded=excluded,
        loo_b=loo,
    )
    return fit, None


# --- the trend across incidents -------------------------------------------------------


@dataclass
class Trend:
    """Panic-to-action across your incidents, in numbers and in plain sentences.

    Read ``summary`` (or ``sentences()``) before any chart. ``fit`` is None with fewer
    than 3 timed incidents, and ``reason`` then says why.

    Attributes
    ----------
    n_incidents : int
        Rows in the data (drafts included).
    n_points : int
        Incidents with a panic-to-action time.
    points : DataFrame
        The timed incidents: ``incident_no``, ``minutes`` and, when known,
        ``severity`` and ``source``.
    first, latest : float or None
        Minutes from alert to first deliberate step in the first and the latest timed
        incident; ``first_no`` and ``latest_no`` are their incident numbers.
    change_min, change_pct : float or None
        ``latest - first`` in minutes and in percent of ``first`` (negative = shorter).
    position : int
        The latest incident number (0 with no incidents).
    stage : str
        Where that stands against the article's rule of thumb of 3-5 incidents.
    fit : Fit or None
    reason : str or None
        Why there is no fit.
    longer : list of (int, int, float, float)
        ``(earlier_no, later_no, earlier_min, later_min)`` for every timed incident that
        took longer than the timed incident before it.
    skipped : list of int
        Incident numbers left out because they have no first deliberate step (drafts).
    caveats : list of str
    summary : list of str
    """

    n_incidents: int = 0
    n_points: int = 0
    points: pd.DataFrame = field(
        default_factory=pd.DataFrame, repr=False, compare=False
    )
    first: float | None = None
    first_no: int | None = None
    latest: float | None = None
    latest_no: int | None = None
    position: int = 0
    stage: str = field(default="", repr=False)
    fit: Fit | None = None
    reason: str | None = None
    longer: list[tuple[int, int, float, float]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list, repr=False)
    summary: list[str] = field(default_factory=list, repr=False)

    @property
    def change_min(self) -> float | None:
        """``latest - first`` in minutes (None with fewer than two timed incidents)."""
        if self.n_points < 2 or self.first is None or self.latest is None:
            return None
        return self.latest - self.first

    @property
    def change_pct(self) -> float | None:
        """The change in percent of ``first`` (None when there is no change to give,
        or ``first`` is 0)."""
        change = self.change_min
        if change is None or not self.first:
            return None
        return 100.0 * change / self.first

    def sentences(self) -> list[str]:
        """The plain-language summary, one sentence (or two) per item."""
        return list(self.summary)

    def __str__(self) -> str:
        return "\n".join(self.summary)

    def _repr_markdown_(self) -> str:
        # Only numbers and the kit's own words are in the summary: nothing to escape.
        return "\n".join(f"- {sentence}" for sentence in self.summary)


def _fmt(value: float) -> str:
    """Minutes for people: one decimal at most, no trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _fmt2(value: float) -> str:
    return f"{value:.2f}"


def _numbers(values: Iterable[int]) -> str:
    return ", ".join(str(int(v)) for v in values)


def _frame_of(data: Any) -> pd.DataFrame:
    if hasattr(data, "frame") and not isinstance(data, pd.DataFrame):
        return data.frame()
    return data


def _require(data: pd.DataFrame, column: str, argument: str) -> None:
    if column not in data.columns:
        msg = messages.TREND_MISSING_COLUMN.format(column=column, argument=argument)
        raise NotEnoughData(msg)


def trend(
    data: Any, *, x: str = "incident_no", y: str = "panic_to_action_min"
) -> Trend:
    """Panic-to-action across incidents: the change, the stage, and an honest fit.

    Parameters
    ----------
    data : DataFrame or Journal
        ``journal.frame()`` (or the journal itself): one row per incident.
    x, y : str
        Columns with the incident number and the minutes from alert to first
        deliberate step. Rows whose ``y`` is missing (drafts) are skipped and named.

    Returns
    -------
    Trend
        With ``summary`` sentences to read before any chart. No value is ever predicted
        beyond the last incident.

    Raises
    ------
    NotEnoughData
        When a named column is missing (never for too few incidents: that is said in
        the summary instead).

    Examples
    --------
    >>> import kit
    >>> t = kit.trend(kit.Journal.sample().frame())
    >>> t.summary[0]  # doctest: +ELLIPSIS
    'From your first to your latest incident, ... fell from 12 to 0.2 minutes ...'
    """
    frame = _frame_of(data)
    if len(frame):  # an empty frame, even one without columns, has nothing yet
        _require(frame, x, "x")
        _require(frame, y, "y")
    result = Trend(n_incidents=len(frame))
    if not len(frame):
        result.reason = messages.TREND_NOTHING_YET
        result.summary = [messages.TREND_NOTHING_YET]
        result.points = pd.DataFrame({"incident_no": [], "minutes": []})
        return result

    numbers = pd.to_numeric(frame[x], errors="coerce")
    minutes = pd.to_numeric(frame[y], errors="coerce")
    timed = numbers.notna() & minutes.notna() & np.isfinite(minutes)
    order = np.argsort(numbers.to_numpy(dtype="float64"), kind="stable")
    frame = frame.iloc[order]
    numbers, minutes = numbers.iloc[order], minutes.iloc[order]
    timed = timed.iloc[order]
    result.position = int(numbers.max()) if numbers.notna().any() else 0
    result.skipped = [int(v) for v in numbers[~timed & numbers.notna()]]

    points = pd.DataFrame(
        {"incident_no": numbers[timed].astype("int64"), "minutes": minutes[timed]}
    )
    for extra in ("severity", "source", "alert_source"):
        if extra in frame.columns:
            points[extra] = frame.loc[timed, extra]
    result.points = points.reset_index(drop=True)
    result.n_points = len(points)

    if result.n_points == 0:
        text = messages.TREND_NO_TIMES_YET.format(n=result.n_incidents)
        result.reason = text
        result.summary = [text]
        return result

    ys = points["minutes"].to_numpy(dtype="float64")
    xs = points["incident_no"].to_numpy(dtype="int64")
    result.first, result.first_no = float(ys[0]), int(xs[0])
    result.latest, result.latest_no = float(ys[-1]), int(xs[-1])
    summary: list[str] = []

    if result.n_points == 1:
        summary.append(messages.TREND_ONE_POINT.format(first=_fmt(result.first)))
    else:
        change = result.latest - result.first
        values = {"first": _fmt(result.first), "latest": _fmt(result.latest)}
        if round(change, 1) < 0:
            pct = f"{abs(result.change_pct or 0.0):.0f}"
            summary.append(
                messages.TREND_FELL.format(change=_fmt(-change), pct=pct, **values)
            )
        elif round(change, 1) > 0:
            summary.append(messages.TREND_ROSE.format(change=_fmt(change), **values))
        else:
            summary.append(messages.TREND_SAME.format(**values))

    low, high = BAND
    if result.position < low:
        result.stage = messages.TREND_STAGE_EARLY.format(n=result.position)
    elif result.position <= high:
        result.stage = messages.TREND_STAGE_IN_BAND.format(n=result.position)
    else:
        result.stage = messages.TREND_STAGE_PAST.format(n=result.position)
    summary.append(result.stage)
    first_no = int(numbers.min()) if numbers.notna().any() else 1
    if first_no > 1:
        summary.append(messages.TREND_PRIOR.format(prior=first_no - 1, first=first_no))
    elif result.position < low:
        summary.append(messages.TREND_PRIOR_ASK)

    for index in range(1, len(ys)):
        if ys[index] > ys[index - 1]:
            before, after = index - 1, index
            result.longer.append(
                (int(xs[before]), int(xs[after]), float(ys[before]), float(ys[after]))
            )
    for earlier, later, t_earlier, t_later in result.longer:
        summary.append(
            messages.TREND_LONGER.format(
                earlier=earlier,
                later=later,
                t_earlier=_fmt(t_earlier),
                t_later=_fmt(t_later),
            )
        )
    if result.longer:
        summary.append(messages.TREND_LONGER_CONTEXT)

    result.fit, result.reason = fit_power_law(xs, ys)
    if result.fit is not None:
        fit = result.fit
        summary.append(
            messages.TREND_FIT.format(
                n=fit.n_points, b=_fmt2(fit.b), factor=_fmt2(fit.doubling_factor)
            )
        )
        if fit.loo_b is not None and fit.loo_doubling is not None:
            summary.append(
                messages.TREND_FIT_LOO.format(
                    b_low=_fmt2(fit.loo_b[0]),
                    b_high=_fmt2(fit.loo_b[1]),
                    f_low=_fmt2(fit.loo_doubling[0]),
                    f_high=_fmt2(fit.loo_doubling[1]),
                )
            )
    elif result.reason:
        summary.append(result.reason)

    if result.skipped:
        summary.append(
            messages.TREND_SKIPPED_DRAFTS.format(numbers=_numbers(result.skipped))
        )
    result.caveats = _caveats(result)
    summary.extend(result.caveats)
    result.summary = summary
    return result


def _caveats(result: Trend) -> list[str]:
    """The caveats that apply to these points, in the order a reader needs them."""
    caveats = []
    points = result.points
    if result.n_points >= 2 and "severity" in points.columns:
        known = [s for s in points["severity"].dropna().unique() if s]
        if len(set(known)) > 1:
            severities = ", ".join(sorted(known))
            caveats.append(messages.TREND_CAVEAT_SEVERITY.format(severities=severities))
    if "source" in points.columns:
        is_recalled = points["source"] == "recalled"
        if "alert_source" in points.columns:  # an alert time typed by hand
            is_recalled |= points["alert_source"] == "recalled"
        recalled = int(is_recalled.sum())
        if recalled == result.n_points:
            caveats.append(messages.TREND_CAVEAT_RECALLED_ALL)
        elif recalled:
            caveats.append(
                messages.TREND_CAVEAT_RECALLED.format(n=recalled, total=result.n_points)
            )
    if 2 <= result.n_points < _FEW_POINTS:
        caveats.append(messages.TREND_CAVEAT_FEW.format(n=result.n_points))
    zeros = points.loc[points["minutes"] <= 0, "incident_no"]
    if len(zeros):
        caveats.append(messages.TREND_CAVEAT_ZERO.format(numbers=_numbers(zeros)))
    return caveats


# --- many people at once --------------------------------------------------------------


def trend_by_person(
    data: pd.DataFrame, *, person: str = "pseudonym",
    x: str = "incident_no", y: str = "panic_to_action_min",
) -> pd.DataFrame:
    """The descriptive log-log exponent ``b`` for each person, computed in one pass.

    The same fit as ``trend`` (zero and missing times left out), done with grouped sums
    of logarithms, so a pool of 100,000 rows takes no Python loop per person. Curves
    stay per person: this never averages people together.

    Parameters
    ----------
    data : DataFrame
        One row per incident, with a column naming the person.
    person, x, y : str
        Columns with the person, the incident number and the minutes.

    Returns
    -------
    DataFrame
        Indexed by person (every person in ``data``), with ``n_points`` (timed
        incidents), ``n_fit`` (those the line uses: times of 0 are left out),
        ``first_min`` and ``latest_min`` (first and latest time), ``a``, ``b`` and
        ``doubling_factor``. ``a``, ``b`` and ``doubling_factor`` are NaN for people
        with fewer than 3 points for the line.

    Examples
    --------
    >>> import pandas as pd
    >>> pool = pd.DataFrame({"pseudonym": ["p1"] * 3 + ["p2"] * 2,
    ...                      "incident_no": [1, 2, 4, 1, 2],
    ...                      "panic_to_action_min": [12.0, 6.0, 3.0, 5.0, 4.0]})
    >>> trend_by_person(pool)["b"].round(3).tolist()
    [1.0, nan]
    """
    for column, argument in ((person, "person"), (x, "x"), (y, "y")):
        _require(data, column, argument)
    # one integer code per person (sorted), -1 for rows without a person
    codes, people = pd.factorize(data[person], sort=True)
    count = len(people)
    xs = pd.to_numeric(data[x], errors="coerce").to_numpy(dtype="float64")
    ys = pd.to_numeric(data[y], errors="coerce").to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        valid = (codes >= 0) & np.isfinite(xs) & np.isfinite(ys) & (xs > 0) & (ys >= 0)
    codes, xs, ys = codes[valid], xs[valid], ys[valid]

    # first and latest time (zeros included, as trend() reports them): sort each
    # person's rows by incident number and take both ends
    order = np.lexsort((xs, codes))
    sorted_codes, sorted_ys = codes[order], ys[order]
    n_points = np.bincount(codes, minlength=count)
    first_min = np.full(count, np.nan)
    latest_min = np.full(count, np.nan)
    if len(sorted_codes):
        starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]
        ends = np.r_[sorted_codes[1:] != sorted_codes[:-1], True]
        first_min[sorted_codes[starts]] = sorted_ys[starts]
        latest_min[sorted_codes[ends]] = sorted_ys[ends]

    # the line leaves zero times out (log 0 is undefined); centred sums of logs are
    # numerically safer than raw sums of squares
    fit = ys > 0
    fc, lx, ly = codes[fit], np.log(xs[fit]), np.log(ys[fit])
    n_fit = np.bincount(fc, minlength=count)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_x = np.bincount(fc, weights=lx, minlength=count) / n_fit
        mean_y = np.bincount(fc, weights=ly, minlength=count) / n_fit
        dx, dy = lx - mean_x[fc], ly - mean_y[fc]
        sxx = np.bincount(fc, weights=dx * dx, minlength=count)
        sxy = np.bincount(fc, weights=dx * dy, minlength=count)
        slope = np.where((n_fit >= MIN_FIT_POINTS) & (sxx > 1e-12), sxy / sxx, np.nan)
        a = np.exp(mean_y - slope * mean_x)
    result = pd.DataFrame(
        {
            "n_points": n_points.astype("int64"),
            "n_fit": n_fit.astype("int64"),
            "first_min": first_min,
            "latest_min": latest_min,
            "a": a,
            "b": -slope,
            "doubling_factor": 2.0**slope,
        },
        index=pd.Index(people, name=person),
    )
    result.index.name = person
    return result
