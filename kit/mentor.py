"""The conversations around a journal: a mentor walkthrough (notebook 05) and the
prompts that keep a team workshop on the system (notebook 06).

Everything here reads one person's journal frame and returns a table or Markdown; the
words come from ``kit.messages`` and every title a person typed is escaped.
"""

from __future__ import annotations

import pandas as pd

from . import messages
from ._text import Markdown, md_escape
from .journal import Journal

__all__ = [
    "MENTOR_STEPS",
    "mentor_view",
    "describe_view",
    "beside_sample",
    "attribution",
    "attribution_table",
    "mentor_agenda",
    "mentor_questions",
    "workshop_prompts",
]

MENTOR_STEPS: tuple[str, ...] = ("frame", "curve", "attribution", "body", "change")
"""The steps of the walkthrough that have questions, in order."""


def _finished(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[~frame["draft"].astype(bool)] if len(frame) else frame


def mentor_view(frame: pd.DataFrame, *, leave_out=(), hide_titles: bool = False
                ) -> pd.DataFrame:
    """The part of a journal frame the junior lets the mentor see.

    Drafts stay out; incidents in ``leave_out`` (incident numbers or ids) are removed
    from the frame, so no chart, table or sentence built from it can show them.
    Incident numbers keep their place. With ``hide_titles``, every title becomes
    "incident N" and every service is blanked.

    Parameters
    ----------
    frame : pandas.DataFrame
        The junior's journal frame (``Journal.frame()``).
    leave_out : iterable of int or str
        Incident numbers or ids the mentor will not see.
    hide_titles : bool
        Show incidents by number only.

    Returns
    -------
    pandas.DataFrame
        The rows shown; ``.attrs["left_out"]`` counts those left out and
        ``.attrs["titles_hidden"]`` says whether titles are hidden.

    Raises
    ------
    ValueError
        When an entry of ``leave_out`` matches no incident (the message does not
        repeat it).

    Examples
    --------
    >>> import kit
    >>> view = mentor_view(kit.Journal.sample().frame(), leave_out=[2])
    >>> view["incident_no"].tolist(), view.attrs["left_out"]
    ([1, 3, 4, 5], 1)
    """
    finished = _finished(frame)
    wanted = [leave_out] if isinstance(leave_out, (str, int)) else list(leave_out)
    ids = set(finished["id"]) if len(finished) else set()
    numbers = set(finished["incident_no"].tolist()) if len(finished) else set()
    unknown = [entry for entry in wanted if entry not in ids
               and not (isinstance(entry, int) and entry in numbers)]
    if unknown:
        msg = messages.MENTOR_VIEW_UNKNOWN.format(n=len(unknown))
        raise ValueError(msg)
    gone = finished["id"].isin(wanted) | finished["incident_no"].isin(
        [entry for entry in wanted if isinstance(entry, int)])
    view = finished.loc[~gone].reset_index(drop=True)
    if hide_titles:
        view["title"] = [messages.MENTOR_HIDDEN_TITLE.format(n=n)
                         for n in view["incident_no"]]
        view["service"] = ""
    view.attrs["left_out"] = int(gone.sum())
    view.attrs["titles_hidden"] = bool(hide_titles)
    return view


def describe_view(view: pd.DataFrame) -> Markdown:
    """What the mentor sees, in words: how many incidents, how many left out."""
    left = view.attrs.get("left_out", 0)
    lines = [messages.MENTOR_VIEW_LEFT_OUT.format(shown=len(view), left=left) if left
             else messages.MENTOR_VIEW_ALL.format(n=len(view))]
    if view.attrs.get("titles_hidden"):
        lines.append(messages.MENTOR_VIEW_TITLES_HIDDEN)
    return Markdown(" ".join(lines))


def beside_sample(frame: pd.DataFrame, *, is_sample: bool = False,
                  person: str = "pseudonym") -> pd.DataFrame:
    """Your journal frame and the sample's, labelled per person for small multiples.

    The sample is a reference for the shape of a curve, never a yardstick. When
    ``frame`` already is the sample (``is_sample``), only the sample is returned.

    Returns
    -------
    pandas.DataFrame
        The rows of both frames with a ``person`` column naming whose they are.
    """
    sample = Journal.sample().frame()
    if is_sample:
        return sample.assign(**{person: messages.BESIDE_ONLY_SAMPLE})
    return pd.concat([_finished(frame).assign(**{person: messages.BESIDE_YOU}),
                      sample.assign(**{person: messages.BESIDE_SAMPLE})],
                     ignore_index=True)


def attribution(frame: pd.DataFrame) -> pd.DataFrame:
    """The attribution exercise: which incidents were yours, which were the system's.

    Parameters
    ----------
    frame : pandas.DataFrame
        One person's journal frame (``Journal.frame()``).

    Returns
    -------
    pandas.DataFrame
        ``incident_no``, ``severity``, ``title``, ``whose`` (in words) and ``bucket``
        (yours to own / the system's / not known yet), for finished incidents.
        ``.attrs["summary"]`` says how many fall in each.

    Examples
    --------
    >>> import kit
    >>> attribution(kit.Journal.sample().frame())["bucket"].iloc[0]
    'yours to own'
    """
    finished = _finished(frame)
    buckets = finished["whose"].map(messages.ATTRIBUTION_BUCKET_OF)
    table = pd.DataFrame({
        "incident_no": finished["incident_no"].to_numpy(),
        "severity": finished["severity"].to_numpy(),
        "title": finished["title"].to_numpy(),
        "whose": finished["whose"].map(messages.WHOSE_LABELS).to_numpy(),
        "bucket": buckets.map(messages.ATTRIBUTION_BUCKETS).to_numpy(),
    })
    counts = buckets.value_counts()
    if len(table):
        table.attrs["summary"] = messages.ATTRIBUTION_SUMMARY.format(
            n=len(table), yours=int(counts.get("yours", 0)),
            system=int(counts.get("system", 0)), open=int(counts.get("open", 0)))
    else:
        table.attrs["summary"] = messages.ATTRIBUTION_EMPTY
    return table


def attribution_table(frame: pd.DataFrame) -> Markdown:
    """:func:`attribution` as a Markdown table (titles escaped) with its summary."""
    table = attribution(frame)
    lines = [table.attrs["summary"]]
    if len(table):
        headers = messages.ATTRIBUTION_HEADERS
        lines += ["", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        for row in table.itertuples(index=False):
            cells = [str(row.incident_no), str(row.severity),
                     md_escape(row.title, inline=True), row.whose, row.bucket]
            lines.append("| " + " | ".join(cells) + " |")
    return Markdown("\n".join(lines))


def mentor_agenda() -> Markdown:
    """The 45-minute walkthrough as a Markdown table."""
    lines = ["| " + " | ".join(messages.MENTOR_AGENDA_HEADERS) + " |", "|---|---|---|"]
    lines += [f"| {when} | {step} | {what} |"
              for when, step, what in messages.MENTOR_AGENDA]
    return Markdown("\n".join(lines))


def mentor_questions(step: str) -> Markdown:
    """The mentor's questions for one step of the walkthrough, as a Markdown list.

    Parameters
    ----------
    step : str
        One of :data:`MENTOR_STEPS`.

    Raises
    ------
    ValueError
        For any other step (the message lists the steps).
    """
    if step not in MENTOR_STEPS:
        msg = messages.MENTOR_UNKNOWN_STEP.format(step=str(step)[:40],
                                                  known=", ".join(MENTOR_STEPS))
        raise ValueError(msg)
    return Markdown("\n".join(f"- {q}" for q in messages.MENTOR_QUESTIONS[step]))


def workshop_prompts() -> Markdown:
    """Prompts that keep a workshop on the system, and what to do when talk drifts."""
    lines = [f"{n}. {prompt}" for n, prompt in
             enumerate(messages.WORKSHOP_PROMPTS, start=1)]
    lines += [""] + [f"- *{text}*" for text in messages.WORKSHOP_REDIRECTS]
    return Markdown("\n".join(lines))
