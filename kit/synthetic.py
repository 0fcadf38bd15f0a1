"""Seeded synthetic data: a team's anonymous exports and valid incidents for benchmarks.

Nothing here describes a real person. The numbers follow a simple, documented model so
that the workshop notebook has a varied team to show and the benchmarks have realistic
sizes; the same seed always gives the same data.

The model of one person
-----------------------
- A *profile* sets the learning exponent ``b`` of panic-to-action
  ``t_k = a * k**(-b) * noise`` over their incidents ``k = 1, 2, ...``:
  ``improving`` (b 0.5-1.0: the reflex shrinks with familiarity), ``steady``
  (b -0.05-0.15: little change) and ``harder`` (b -0.35 to -0.1: the environment gets
  heavier faster than experience grows). ``a`` (the first incident) is log-normal around
  10 minutes; the noise is log-normal with sigma 0.3.
- An *environment* sets whose incidents are: ``ordinary`` (a third their own change, the
  rest spread over teammates, other teams, dependencies and the system) or
  ``systemic-heavy`` (half systemic; more blame-leaning responses, lower safety).
- Distress rises with panic-to-action, clarity falls with distress, body responses
  follow distress with per-response weights, and improving people pick up techniques
  as they go.
- Times after the first action (broadcast, escalation, mitigation, resolution) are drawn
  in the record's order, so every row passes the export's checks.

Regenerate the shipped sample with
``python -m kit.synthetic data/team-sample --overwrite`` (the seed is
:data:`DEFAULT_SEED`).
"""

from __future__ import annotations

import argparse
import sys
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from . import messages
from .export import EXPORT_COLUMNS, EXPORT_FORMAT, coarsen, csv_bytes
from .record import (
    CULTURE_RESPONSES,
    ROLES,
    SEVERITIES,
    SYMPTOMS,
    TECHNIQUES,
    WHOSE,
    Incident,
)
from .storage import atomic_write
from .surveys import REVERSE_ITEMS, answers_csv

__all__ = [
    "DEFAULT_SEED",
    "PROFILES",
    "ENVIRONMENTS",
    "team_frame",
    "team_exports",
    "safety_answers",
    "incidents",
    "main",
]

DEFAULT_SEED = 20260310
"""The seed of the shipped team sample (data/team-sample)."""

PROFILES = {
    "improving": (0.5, 1.0),
    "steady": (-0.05, 0.15),
    "harder": (-0.35, -0.1),
}
"""Learning profiles: the range of the exponent ``b`` in ``t_k = a * k**(-b)``."""

ENVIRONMENTS = {
    # whose: mine, teammate, another-team, dependency, systemic, unknown
    "ordinary": {
        "whose": (0.32, 0.2, 0.14, 0.14, 0.14, 0.06),
        "culture": (0.72, 0.23, 0.05),  # blameless, mixed, blame
    },
    "systemic-heavy": {
        "whose": (0.1, 0.1, 0.1, 0.15, 0.5, 0.05),
        "culture": (0.2, 0.45, 0.35),
    },
}
"""Environments: probabilities of each ``whose`` category and team response."""

_SEVERITY_P = (0.1, 0.35, 0.4, 0.15)
_ROLE_P = (0.25, 0.6, 0.05, 0.1)  # author, on-call, reviewer, bystander
# How strongly each body response follows distress (0-1), in SYMPTOMS order.
_SYMPTOM_WEIGHT = np.array([
    0.95, 0.6, 0.7, 0.35, 0.3, 0.75, 0.2, 0.4, 0.15, 0.2, 0.3, 0.8, 0.6, 0.45, 0.8,
])
# Later techniques are picked up later: an offset on the incident number.
_TECHNIQUE_OFFSET = np.array([0.0, 0.5, 1.5, 1.0, 2.0, 0.5])


def _pseudonyms(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct readable pseudonyms, drawn from the seeded generator."""
    names: list[str] = []
    while len(names) < n:
        name = (f"{rng.choice(messages.PSEUDONYM_COLOURS)}-"
                f"{rng.choice(messages.PSEUDONYM_NATURE)}-{rng.integers(10, 100)}")
        if name not in names:
            names.append(name)
    return names


def _people_plan(rng: np.random.Generator, people: int, incidents
                 ) -> list[tuple[str, str, int]]:
    """(profile, environment, number of incidents) for each person."""
    # Half improve, a quarter stay steady, a quarter find it harder; a quarter of the
    # team (mostly the flat and harder curves) work in a systemic-heavy environment.
    profiles = (["improving"] * (people - people // 2)
                + ["steady"] * ((people // 2) - (people // 4))
                + ["harder"] * (people // 4))
    rng.shuffle(profiles)
    plan = []
    for profile in profiles:
        heavy_p = {"improving": 0.1, "steady": 0.4, "harder": 0.7}[profile]
        environment = "systemic-heavy" if rng.random() < heavy_p else "ordinary"
        if incidents is None:
            count = int(rng.integers(2, 11))
        elif isinstance(incidents, tuple):
            count = int(rng.integers(incidents[0], incidents[1] + 1))
        else:
            count = int(incidents)
        plan.append((profile, environment, count))
    return plan


def _person(rng: np.random.Generator, pseudonym: str, profile: str, environment: str,
            n: int) -> pd.DataFrame:
    """One person's export rows, vectorised."""
    k = np.arange(1, n + 1)
    low, high = PROFILES[profile]
    b = rng.uniform(low, high)
    a = float(np.exp(rng.normal(np.log(10), 0.4)))
    panic = np.clip(a * k ** (-b) * np.exp(rng.normal(0, 0.3, n)), 0.5, 120)
    panic = np.round(panic * 2) / 2
    env = ENVIRONMENTS[environment]
    distress = np.clip(np.round(1.5 + 2.2 * np.log1p(panic) + rng.normal(0, 1, n)
                                + (0.8 if environment == "systemic-heavy" else 0)),
                       0, 10)
    clarity = np.clip(np.round(9.5 - 0.75 * distress + rng.normal(0, 1.2, n)), 0, 10)
    mitigate = panic + np.round(np.exp(rng.normal(np.log(15), 0.6, n)) * 2) / 2
    resolve = mitigate + np.round(np.exp(rng.normal(np.log(30), 0.6, n)) * 2) / 2
    broadcast = np.where(rng.random(n) < 0.8,
                         panic + np.round(rng.uniform(0.5, 6, n) * 2) / 2, np.nan)
    escalate = np.where(rng.random(n) < 0.35,
                        panic + np.round(rng.uniform(1, 12, n) * 2) / 2, np.nan)
    symptoms = np.clip(
        np.round(distress[:, None] * _SYMPTOM_WEIGHT[None, :]
                 + rng.normal(0, 1.2, (n, len(SYMPTOMS)))), 0, 10).astype("int64")
    learn = {"improving": 0.9, "steady": 0.35, "harder": 0.2}[profile]
    technique_p = 1 / (1 + np.exp(-(learn * (k[:, None] - 1.5 - _TECHNIQUE_OFFSET))))
    techniques = (rng.random((n, len(TECHNIQUES))) < technique_p).astype("int64")
    culture_i = rng.choice(len(CULTURE_RESPONSES), size=n, p=env["culture"])
    culture = np.array(CULTURE_RESPONSES, dtype=object)[culture_i]
    safety = np.clip(np.array([5, 3, 1])[culture_i] + rng.integers(-1, 2, n), 1, 5)
    unanswered = rng.random(n) < 0.1
    culture[unanswered] = None
    safety_or_none = safety.astype(object)
    safety_or_none[unanswered] = None
    # About one alert in four at night, from a generator of its own (keyed on the
    # pseudonym) so that adding the flag left every other number as it was.
    nights = np.random.default_rng(zlib.crc32(pseudonym.encode("utf-8")))
    night = (nights.random(n) < 0.25).astype("int64")
    frame = pd.DataFrame({
        "format": EXPORT_FORMAT,
        "pseudonym": pseudonym,
        "incident_no": k,
        "severity": rng.choice(SEVERITIES, size=n, p=_SEVERITY_P),
        "role": rng.choice(ROLES, size=n, p=_ROLE_P),
        "whose": rng.choice(WHOSE, size=n, p=env["whose"]),
        "night": night,
        "panic_to_action_min": panic,
        "to_broadcast_min": broadcast,
        "to_escalate_min": escalate,
        "to_mitigate_min": mitigate,
        "to_resolve_min": resolve,
        "distress_peak": pd.array(distress.astype("int64"), dtype="Int64"),
        "clarity_next_step": pd.array((clarity * 10).astype("int64"), dtype="Int64"),
        **{f"symptom_{s}": symptoms[:, i] for i, s in enumerate(SYMPTOMS)},
        **{f"technique_{t}": techniques[:, i] for i, t in enumerate(TECHNIQUES)},
        "culture_response": culture,
        "culture_safety": pd.array(safety_or_none, dtype="Int64"),
    })
    return coarsen(frame)  # as an export writes it


def team_frame(people: int = 12, *, seed: int = DEFAULT_SEED, incidents=None
               ) -> pd.DataFrame:
    """A synthetic team as one DataFrame in the export format (see the module's model).

    Parameters
    ----------
    people : int
        How many people.
    seed : int
        The seed; the same seed gives the same team.
    incidents : int or (int, int), optional
        Incidents per person: a fixed number, or an inclusive range (default 2-10).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`kit.export.EXPORT_COLUMNS`, plus ``.attrs["plan"]``: each
        pseudonym's profile and environment (for tests and the README; never exported).
    """
    rng = np.random.default_rng(seed)
    plan = _people_plan(rng, people, incidents)
    names = _pseudonyms(rng, people)
    frames = [_person(rng, name, profile, environment, count)
              for name, (profile, environment, count) in zip(names, plan, strict=True)]
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=list(EXPORT_COLUMNS))
    data.attrs["plan"] = {name: (profile, environment)
                          for name, (profile, environment, _) in
                          zip(names, plan, strict=True)}
    return data


def team_exports(folder, people: int = 12, *, seed: int = DEFAULT_SEED,
                 incidents=None, overwrite: bool = False) -> list[Path]:
    """Write a synthetic team's exports into ``folder``, one ``<pseudonym>.csv`` each.

    The files are exactly what :func:`kit.export.export_anonymous` writes, so
    :func:`kit.pool.pool` reads them like real ones.

    Parameters
    ----------
    folder : str or Path
        Created when missing.
    people, seed, incidents
        See :func:`team_frame`. For a benchmark of 100,000 incidents use, for
        example, ``people=1000, incidents=100``.
    overwrite : bool
        Replace files of the same name (default: refuse, nothing is overwritten).

    Returns
    -------
    list of Path
    """
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    data = team_frame(people, seed=seed, incidents=incidents)
    paths = []
    for pseudonym, rows in data.groupby("pseudonym", sort=False):
        target = folder / f"{pseudonym}.csv"
        atomic_write(target, csv_bytes(rows), mode=0o644, overwrite=overwrite)
        paths.append(target)
    return paths


def safety_answers(folder, respondents: int = 12, *, seed: int = DEFAULT_SEED,
                   overwrite: bool = False) -> list[Path]:
    """Write synthetic anonymous psychological-safety answers, one file per respondent.

    Each respondent has a latent sense of safety (normal around 5 on the 1-7 scale,
    sd 1); each answer is that plus noise, turned over for items 1, 3 and 5 (which are
    worded the unsafe way round), rounded and clipped to 1-7.
    """
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 1)
    paths = []
    for _ in range(respondents):
        latent = rng.normal(5, 1)
        answers = []
        for item in range(1, 8):
            value = latent + rng.normal(0, 0.8)
            if item in REVERSE_ITEMS:
                value = 8 - value
            answers.append(int(np.clip(np.round(value), 1, 7)))
        target = folder / f"answers-{rng.bytes(8).hex()}.csv"
        atomic_write(target, answers_csv(answers), mode=0o644, overwrite=overwrite)
        paths.append(target)
    return paths


# --- incidents for benchmarks ---------------------------------------------------------

_SERVICES = ("payments-api", "search", "checkout", "auth", "batch", "billing",
             "notifications", "catalog", "gateway", "reports")
_WHAT = ("timeouts", "errors", "a full disk", "stale cache", "a bad config",
         "a failed deploy", "a certificate expiry", "a queue backlog")
_EVENTS = ("Read the first error line aloud.", "Checked the dashboard for two minutes.",
           "Tried restarting the pods; nothing changed.", "Rolled back the deploy.",
           "Sent the broadcast with the template.", "Escalated to the database team.")


def incidents(n: int, *, seed: int = DEFAULT_SEED) -> list[Incident]:
    """``n`` valid synthetic incidents of one fictional engineer (for benchmarks).

    Values are drawn vectorised with numpy, assembled as plain dicts and validated by
    ``Incident.model_validate`` (so each one is a real, checked record). Ids are
    unique: the alert date plus ``synthetic-<number>``. About 100,000 in ten seconds
    on one core.

    Parameters
    ----------
    n : int
        How many incidents (0 or more).
    seed : int
        The seed; the same seed gives the same incidents.

    Returns
    -------
    list of Incident
        Ordered by alert time.
    """
    rng = np.random.default_rng(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    # Alerts about 0-3 days apart, at a minute resolution.
    gaps = rng.integers(60, 3 * 24 * 60, n)
    alert_min = np.cumsum(gaps)
    k = np.arange(1, n + 1)
    panic = np.clip(12 * np.minimum(k, 50) ** -0.6 * np.exp(rng.normal(0, 0.3, n)),
                    0.5, 60)
    panic_s = np.round(panic * 60).astype("int64")
    mitigate_s = panic_s + np.round(np.exp(rng.normal(np.log(900), 0.5, n))).astype(
        "int64")
    resolve_s = mitigate_s + np.round(np.exp(rng.normal(np.log(1800), 0.5, n))).astype(
        "int64")
    broadcast_s = panic_s + rng.integers(30, 360, n)
    has_broadcast = rng.random(n) < 0.8
    distress = np.clip(np.round(1.5 + 2.2 * np.log1p(panic) + rng.normal(0, 1, n)),
                       0, 10).astype("int64")
    clarity = np.clip(np.round(9.5 - 0.75 * distress + rng.normal(0, 1, n)),
                      0, 10).astype("int64") * 10
    symptoms = np.clip(np.round(distress[:, None] * _SYMPTOM_WEIGHT[None, :]
                                + rng.normal(0, 1.2, (n, len(SYMPTOMS)))), 0, 10
                       ).astype("int64")
    techniques = rng.random((n, len(TECHNIQUES))) < 0.35
    severity = rng.choice(len(SEVERITIES), n, p=_SEVERITY_P)
    role = rng.choice(len(ROLES), n, p=_ROLE_P)
    whose = rng.choice(len(WHOSE), n, p=ENVIRONMENTS["ordinary"]["whose"])
    culture = rng.choice(len(CULTURE_RESPONSES), n, p=(0.7, 0.25, 0.05))
    service = rng.integers(0, len(_SERVICES), n)
    what = rng.integers(0, len(_WHAT), n)
    event_pick = rng.integers(0, len(_EVENTS), (n, 2))

    out = []
    for i in range(n):
        alert = start + timedelta(minutes=int(alert_min[i]))
        first = alert + timedelta(seconds=int(panic_s[i]))
        svc, cause = _SERVICES[service[i]], _WHAT[what[i]]
        times = {
            "alert_at": alert,
            "first_action_at": first,
            "mitigated_at": alert + timedelta(seconds=int(mitigate_s[i])),
            "resolved_at": alert + timedelta(seconds=int(resolve_s[i])),
            "source": "recalled",
        }
        if has_broadcast[i]:
            times["broadcast_at"] = alert + timedelta(seconds=int(broadcast_s[i]))
        data = {
            "schema": 1,
            "id": f"{alert:%Y-%m-%d}-synthetic-{i + 1}",
            "title": f"Synthetic incident {i + 1}: {cause} on {svc}",
            "service": svc,
            "severity": SEVERITIES[severity[i]],
            "role": ROLES[role[i]],
            "whose": WHOSE[whose[i]],
            "times": times,
            "events": [
                {"at": first, "kind": "action", "text": _EVENTS[event_pick[i, 0]]},
                {"at": first + timedelta(minutes=2), "kind": "dead-end",
                 "text": _EVENTS[event_pick[i, 1]]},
            ],
            "body": {
                "distress_peak": int(distress[i]),
                "symptoms": {s: int(v) for s, v in zip(SYMPTOMS, symptoms[i],
                                                       strict=True) if v},
            },
            "clarity": {"next_step": int(clarity[i])},
            "techniques": [t for t, used in zip(TECHNIQUES, techniques[i],
                                                strict=True) if used],
            "postmortem": {
                "what_happened": f"{cause.capitalize()} on {svc} after a change.",
                "why_tests_missed": "The tests ran against a warm, small setup.",
                "one_change": "Add a check for this case to the release checklist.",
            },
            "reflection": {"learned": "Read the first error line before acting."},
            "culture": {"response": CULTURE_RESPONSES[culture[i]],
                        "safe_to_say_i_broke_it": int(4 - culture[i])},
        }
        out.append(Incident.model_validate(data))
    return out


# --- command line ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m kit.synthetic FOLDER [--people 12] [--seed N] [--overwrite]``.

    Writes the synthetic exports into FOLDER and the survey answers into FOLDER/safety.
    """
    parser = argparse.ArgumentParser(prog="python -m kit.synthetic",
                                     description=messages.SYNTHETIC_DESCRIPTION)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, default=12)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--overwrite", action="store_true",
                        help=messages.SYNTHETIC_OVERWRITE_HELP)
    args = parser.parse_args(argv)
    folder: Path = args.folder
    safety = folder / "safety"
    if args.overwrite:
        for old in [*folder.glob("*.csv"), *safety.glob("*.csv")]:
            old.unlink()
    paths = team_exports(folder, args.people, seed=args.seed)
    answers = safety_answers(safety, args.people, seed=args.seed)
    sys.stdout.write(messages.SYNTHETIC_WROTE.format(
        exports=len(paths), answers=len(answers), folder=folder, seed=args.seed) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
