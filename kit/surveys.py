"""Instruments used as designed: Edmondson's team psychological safety scale, an
environment audit, the systemic-defect question, a stay-or-fight reflection, and a kind
note pointing to real help when answers suggest sustained distress.

Team psychological safety
-------------------------
Edmondson (1999), *Administrative Science Quarterly* 44(2): 350-383: seven statements,
each rated on the paper's seven-point scale from "very inaccurate" (1) to "very
accurate" (7) as a description of the team (the kit labels the five points between
in its own words); items 1, 3 and 5 are reverse-scored (8 minus the
answer); a person's score is the mean of the seven. The kit's statements are paraphrased
(:data:`kit.messages.SAFETY_ITEMS`). Answers are collected anonymously, one small CSV
file per respondent with no name, pseudonym or date inside, and shown to a team only as
an aggregate of at least :data:`kit.privacy.MIN_PEOPLE` answers.

The forms that ask these questions are in :mod:`kit.forms.surveys`.

Nothing here diagnoses. The distress note is a kind pointer to people and services,
shown to a person about their own journal or answers, never in a team view.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import care, messages, paths
from ._text import Markdown, md_escape
from .errors import NotEnoughData
from .pool import PoolProblem
from .privacy import MIN_PEOPLE
from .storage import atomic_write

__all__ = [
    "SAFETY_FORMAT",
    "SAFETY_COLUMNS",
    "SAFETY_SCALE",
    "REVERSE_ITEMS",
    "WEIGHT_THRESHOLD",
    "EXAMPLE_AUDIT",
    "SafetyAggregate",
    "safety_score",
    "safety_scores",
    "answers_csv",
    "save_safety_answers",
    "load_safety_answers",
    "safety_aggregate",
    "audit_observations",
    "audit_report",
    "defect_reply",
    "stay_or_fight_observations",
    "distress_note",
    "help_text",
]

SAFETY_FORMAT = 1
"""The version of the survey-answer file format."""
SAFETY_SCALE = (1, 7)
"""The lowest and highest answer: very inaccurate to very accurate (Edmondson 1999)."""
REVERSE_ITEMS = (1, 3, 5)
"""Statements worded the unsafe way round, scored 8 minus the answer."""
SAFETY_COLUMNS = ("format", *(f"item_{n}" for n in range(1, 8)))
"""The columns of an answers file, in order."""

WEIGHT_THRESHOLD = 8
"""A stay-or-fight "how heavy has work felt" answer (0-10) at or above which the note
is shown."""

EXAMPLE_AUDIT = {
    "rotation_people": 2,
    "services_covered": 100,
    "pages_per_week": 8,
    "out_of_hours_pages": 3,
    "deploys_last_month": 40,
    "deploys_skipping_staging": 6,
    "friday_evening_deploys": 3,
    "postmortems_last_quarter": 5,
    "postmortems_about_a_person": 2,
}
"""A worked example for the audit: a two-person rotation over a hundred services."""

_MAX_ANSWER_BYTES = 1_000_000


# --- psychological safety -------------------------------------------------------------


def _answer_problem(item: int, problem: str) -> str:
    return messages.SAFETY_ERR_ANSWERS.format(
        item=item, problem=messages.SAFETY_ANSWER_PROBLEMS[problem])


def _answers_list(answers) -> list[int]:
    """Seven answers as a list, from a sequence or a mapping of item -> answer."""
    if isinstance(answers, Mapping):
        values = [answers.get(n, answers.get(f"item_{n}")) for n in range(1, 8)]
    elif isinstance(answers, Sequence) and not isinstance(answers, str):
        values = list(answers)
    else:
        raise ValueError(_answer_problem(1, "missing"))
    if len(values) != 7:
        problem = "missing" if len(values) < 7 else "extra"
        item = min(len(values) + 1, 7) if len(values) < 7 else 7
        raise ValueError(_answer_problem(item, problem))
    low, high = SAFETY_SCALE
    for number, value in enumerate(values, start=1):
        if value is None:
            problem = "missing"
        elif isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            problem = "not_whole"
        elif not low <= value <= high:
            problem = "outside"
        else:
            continue
        raise ValueError(_answer_problem(number, problem))
    return [int(value) for value in values]


def safety_score(answers) -> float:
    """One person's team psychological safety score (Edmondson 1999).

    Parameters
    ----------
    answers : sequence of 7 ints, or mapping
        Answers 1-7 to the seven statements in order (or ``{1: a1, ..., 7: a7}``).

    Returns
    -------
    float
        The mean after reverse-scoring items 1, 3 and 5 (``8 - answer``): 1 to 7.

    Raises
    ------
    ValueError
        When an answer is missing, not a whole number, or outside 1-7.

    Examples
    --------
    >>> safety_score([1, 7, 1, 7, 1, 7, 7])
    7.0
    >>> safety_score([4, 4, 4, 4, 4, 4, 4])
    4.0
    """
    values = _answers_list(answers)
    scored = [8 - v if n in REVERSE_ITEMS else v for n, v in enumerate(values, 1)]
    return sum(scored) / 7


def _reversed_items(frame: pd.DataFrame) -> pd.DataFrame:
    items = frame[[f"item_{n}" for n in range(1, 8)]].astype("float64")
    for n in REVERSE_ITEMS:
        items[f"item_{n}"] = 8 - items[f"item_{n}"]
    return items


def safety_scores(frame: pd.DataFrame) -> pd.Series:
    """Each respondent's score from a frame with columns ``item_1`` ... ``item_7``."""
    return _reversed_items(frame).mean(axis=1)


def answers_csv(answers) -> bytes:
    """One person's answers as the bytes of an answers file (header and one row)."""
    values = _answers_list(answers)
    row = pd.DataFrame([[SAFETY_FORMAT, *values]], columns=list(SAFETY_COLUMNS))
    return row.to_csv(index=False, lineterminator="\n").encode("utf-8")


def save_safety_answers(answers, folder) -> Path:
    """Add one person's answers, anonymously, to a team's folder of survey answers.

    The file is named at random (``answers-<random>.csv``) and holds only the format
    version and the seven answers: no name, pseudonym or date.

    Returns
    -------
    Path
        The file written (atomically; never replacing another).
    """
    data = answers_csv(answers)
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"answers-{secrets.token_hex(8)}.csv"
    atomic_write(target, data, mode=0o640, overwrite=False)
    return target


def load_safety_answers(folder) -> pd.DataFrame:
    """Every valid answers file in ``folder``: one row per respondent.

    Files with other columns, or answers that are not whole numbers 1-7, are left out
    and reported in ``.attrs["problems"]`` (file, line, column); they never stop the
    others.

    Returns
    -------
    pandas.DataFrame
        Columns ``item_1`` ... ``item_7`` (int) and ``score`` (float).
    """
    folder = Path(folder).expanduser()
    items = [f"item_{n}" for n in range(1, 8)]
    problems: list[PoolProblem] = []
    frames = []
    paths = sorted(
        entry for entry in folder.iterdir()
        if entry.suffix.lower() == ".csv" and not entry.name.startswith(".")
        and entry.is_file()
    ) if folder.is_dir() else []
    if not folder.is_dir():
        problems.append(PoolProblem(folder.name, messages.SAFETY_ERR_NO_FOLDER.format(
            folder=folder)))
    for path in paths:
        name = path.name
        try:
            if path.stat().st_size > _MAX_ANSWER_BYTES:
                msg = messages.SAFETY_ERR_COLUMNS.format(file=name)
                problems.append(PoolProblem(name, msg))
                continue
            raw = path.read_bytes()
            frame = pd.read_csv(io.BytesIO(raw), dtype=object, encoding="utf-8")
        except Exception:  # a hostile file must never stop the others
            problems.append(PoolProblem(name, messages.SAFETY_ERR_COLUMNS.format(
                file=name)))
            continue
        if list(frame.columns) != list(SAFETY_COLUMNS) or frame.empty:
            problems.append(PoolProblem(name, messages.SAFETY_ERR_COLUMNS.format(
                file=name)))
            continue
        bad_cell = None
        for column in SAFETY_COLUMNS:
            numbers = pd.to_numeric(frame[column], errors="coerce").to_numpy(float)
            low, high = (SAFETY_FORMAT, SAFETY_FORMAT) if column == "format" else (1, 7)
            with np.errstate(invalid="ignore"):
                ok = (numbers >= low) & (numbers <= high) & (np.mod(numbers, 1) == 0)
            if not ok.all():
                bad_cell = (int(np.flatnonzero(~ok)[0]) + 2, column)
                break
        if bad_cell:
            line, column = bad_cell
            problems.append(PoolProblem(name, messages.SAFETY_ERR_CELL.format(
                file=name, line=line, column=column), line, column))
            continue
        frames.append(frame[items].apply(pd.to_numeric).astype("int64"))
    if frames:
        data = pd.concat(frames, ignore_index=True)
    else:
        data = pd.DataFrame({item: pd.Series(dtype="int64") for item in items})
    data["score"] = safety_scores(data) if len(data) else pd.Series(dtype="float64")
    data.attrs["problems"] = problems
    return data


@dataclass
class SafetyAggregate:
    """A team's psychological safety, shown only from :data:`~kit.privacy.MIN_PEOPLE`
    answers up.

    ``score`` and ``items`` are None when hidden. Shown as Markdown in Jupyter.
    """

    respondents: int
    shown: bool
    score: float | None = None
    items: pd.Series | None = None
    problems: list[PoolProblem] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The aggregate in words, with what is hidden and why."""
        if not self.respondents:
            lines = [messages.SAFETY_AGG_NONE]
        elif not self.shown:
            lines = [messages.SAFETY_AGG_HIDDEN.format(n=self.respondents,
                                                       min_people=MIN_PEOPLE)]
        else:
            lines = [messages.SAFETY_AGG_SHOWN.format(score=self.score,
                                                      n=self.respondents), "",
                     messages.SAFETY_AGG_ITEMS_HEADING, ""]
            for number, (statement, mean) in enumerate(
                    zip(messages.SAFETY_ITEMS, list(self.items if self.items is not None
                                                    else ()), strict=True),
                    start=1):
                template = (messages.SAFETY_AGG_ITEM_TURNED if number in REVERSE_ITEMS
                            else messages.SAFETY_AGG_ITEM)
                lines.append(template.format(number=number, mean=mean,
                                             statement=statement))
            lines += ["", messages.SAFETY_AGG_CAVEAT]
        if self.problems:
            lines += [""] + [f"- {md_escape(p, inline=True)}" for p in self.problems]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.text


def safety_aggregate(answers=None, *, pool: pd.DataFrame | None = None
                     ) -> SafetyAggregate:
    """The team's mean psychological safety score, hidden below five answers.

    Parameters
    ----------
    answers : pandas.DataFrame, str or Path, optional
        Answers from :func:`load_safety_answers`, or the folder to load them from.
        Default: the ``safety`` sub-folder of ``pool``'s folder (the workshop's folder
        of exports), or of the synthetic sample team when no pool is given.
    pool : pandas.DataFrame, optional
        A pooled frame from :func:`kit.pool.pool`, to find its folder.

    Returns
    -------
    SafetyAggregate
        The number of respondents, the mean score and the mean of each statement
        (reverse items turned over) when at least ``MIN_PEOPLE`` answered.
    """
    if answers is None:
        folder = pool.attrs.get("folder") if pool is not None else None
        answers = Path(folder or paths.team_sample()) / "safety"
    if not isinstance(answers, pd.DataFrame):
        answers = load_safety_answers(answers)
    problems = list(answers.attrs.get("problems", []))
    n = len(answers)
    if n < MIN_PEOPLE:
        return SafetyAggregate(respondents=n, shown=False, problems=problems)
    items = _reversed_items(answers).mean(axis=0)
    return SafetyAggregate(respondents=n, shown=True,
                           score=float(safety_scores(answers).mean()),
                           items=items, problems=problems)


# --- the environment audit ------------------------------------------------------------


def _audit_answers(answers: Mapping[str, object]) -> dict[str, int | None]:
    """Each audit field as a whole number from 0, or None when it was not answered
    (missing, None or empty text). 0 is an answer."""
    found: dict[str, int | None] = {}
    for key in messages.AUDIT_FIELDS:
        value = answers.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            found[key] = None
        else:
            found[key] = max(0, int(value))  # type: ignore[call-overload]
    return found


def audit_observations(answers: Mapping[str, object]) -> list[str]:
    """Plain observations about the environment from the audit's numbers.

    An observation is drawn only from the fields it is about, and only when they were
    answered: a field left out (or None) is unanswered and says nothing, while 0 is an
    answer ("no post-mortems last quarter" needs a 0 for post-mortems).

    Parameters
    ----------
    answers : mapping
        Any of the keys of :data:`kit.messages.AUDIT_FIELDS` with whole numbers from
        0, or None for a question left unanswered.

    Returns
    -------
    list of str
        One sentence per observation; never a verdict about a person.

    Examples
    --------
    >>> audit_observations({"rotation_people": 2, "services_covered": 100})[0]
    'Each person in the rotation covers about 50 service(s).'
    >>> audit_observations({"pages_per_week": 7})
    ['7 page(s) in a typical week is about 1.0 a day.']
    """
    get = _audit_answers(answers)
    says = messages.AUDIT_OBSERVATIONS
    found: list[str] = []
    people, services = get["rotation_people"], get["services_covered"]
    if people and services:
        ratio = services / people
        found.append(says["coverage"].format(ratio=ratio))
        if ratio > 10:
            found.append(says["coverage_wide"])
    if people is not None and 0 < people <= 3:
        found.append(says["small_rotation"].format(people=people))
    pages, night = get["pages_per_week"], get["out_of_hours_pages"]
    if pages:
        found.append(says["pages"].format(pages=pages, per_day=pages / 7))
        if night:
            night = min(night, pages)
            found.append(says["out_of_hours"].format(night=night, share=night / pages))
            if night >= 3:
                found.append(says["out_of_hours_many"])
    deploys = get["deploys_last_month"]
    skipped, friday = get["deploys_skipping_staging"], get["friday_evening_deploys"]
    if deploys and skipped is not None:
        skipped = min(skipped, deploys)
        if skipped:
            found.append(says["staging_skipped"].format(
                skipped=skipped, deploys=deploys, share=skipped / deploys))
        else:
            found.append(says["staging_used"])
    if friday:
        found.append(says["friday"].format(
            friday=min(friday, deploys) if deploys else friday))
    total, person = get["postmortems_last_quarter"], get["postmortems_about_a_person"]
    if total == 0:
        found.append(says["no_postmortems"])
    elif total and person is not None:
        person = min(person, total)
        if person:
            found.append(says["postmortems_person"].format(person=person, total=total))
        else:
            found.append(says["postmortems_mechanism"])
    return found


def audit_report(answers: Mapping[str, object]) -> Markdown:
    """:func:`audit_observations` as a Markdown list with its closing line."""
    found = audit_observations(answers)
    if not found:
        return Markdown(messages.AUDIT_EMPTY)
    lines = [f"- {md_escape(line, inline=True)}" for line in found]
    return Markdown("\n".join([*lines, "", messages.AUDIT_CLOSING]))


# --- one systemic defect --------------------------------------------------------------


def defect_reply(answer: str) -> str:
    """What the kit says back to "name one systemic defect you influenced".

    Only whether something was named matters; what was typed is never kept, shown or
    shared.
    """
    return messages.DEFECT_NAMED if answer.strip() else messages.DEFECT_NONE


# --- stay or fight --------------------------------------------------------------------


def stay_or_fight_observations(answers: Mapping[str, object]) -> list[str]:
    """Observations for the stay-or-fight reflection; never a verdict.

    Parameters
    ----------
    answers : mapping
        Keys of :data:`kit.messages.STAY_QUESTIONS` with the values of
        :data:`kit.messages.STAY_OPTIONS` (``"yes"``, ``"no"``...), and optionally
        ``"weight"`` (0-10). Missing answers are skipped.

    Returns
    -------
    list of str
    """
    says = messages.STAY_OBSERVATIONS
    found = []
    leadership, influence = answers.get("leadership"), answers.get("influence")
    if leadership == "yes" and influence == "yes":
        found.append(says["fight"])
    elif leadership == "no":
        found.append(says["leadership_no"])
    elif leadership == "sometimes":
        found.append(says["leadership_sometimes"])
    if influence == "no":
        found.append(says["influence_no"])
    if answers.get("learning") == "enduring":
        found.append(says["enduring"])
    elif answers.get("learning") == "learning":
        found.append(says["learning"])
    if answers.get("support") == "no":
        found.append(says["support_no"])
    found.append(says["open"])
    return found


# --- sustained distress ---------------------------------------------------------------


def distress_note(frame: pd.DataFrame | None = None, *,
                  reflection: Mapping[str, object] | None = None) -> Markdown | None:
    """A kind note pointing to real help when answers suggest sustained distress.

    Shown when the person's morning-after look-backs suggest distress that lasts
    after incidents (the rule of :mod:`kit.care`: heavy look-backs, poor sleep or
    dread across recent incidents, never high peaks during them, which are the normal
    early pattern), or when the stay-or-fight reflection rates the weight of work at
    ``WEIGHT_THRESHOLD`` or more.
    It never diagnoses; it says what the numbers were and where people can help.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        One person's journal frame (``Journal.frame()``); never a pooled team frame.
    reflection : mapping, optional
        Answers of :func:`stay_or_fight_form` (uses ``"weight"``).

    Returns
    -------
    str (shown as Markdown) or None
        None when nothing suggests sustained distress.

    Raises
    ------
    NotEnoughData
        When ``frame`` holds several people (a pooled frame).
    """
    reasons = []
    if frame is not None and len(frame):
        if "pseudonym" in frame.columns and frame["pseudonym"].nunique() > 1:
            raise NotEnoughData(messages.DISTRESS_NOT_ONE_PERSON)
        signal = care.sustained_distress(frame)
        if signal is not None:
            reasons.append(care.signal_text(signal))
    weight = (reflection or {}).get("weight")
    if isinstance(weight, (int, np.integer)) and not isinstance(weight, bool) \
            and weight >= WEIGHT_THRESHOLD:
        reasons.append(messages.DISTRESS_NOTE_WEIGHT.format(weight=int(weight)))
    if not reasons:
        return None
    return Markdown("\n\n".join([*reasons, messages.DISTRESS_NOTE_HELP]))


def help_text() -> Markdown:
    """Where to find help: people you trust, an employee assistance programme, a doctor,
    and in a crisis local emergency services or a crisis line (findahelpline.com)."""
    return Markdown(messages.HELP_TEXT)
