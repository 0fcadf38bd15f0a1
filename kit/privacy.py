"""Minimum group sizes: no team figure stands on fewer than :data:`MIN_PEOPLE` people.

Every aggregate counts *distinct people*. A group is shown only when at least
:data:`MIN_PEOPLE` people contribute to it; when fewer than that many people are in the
pool at all, every team figure is hidden, with a message.

Complementary suppression: when a group of a breakdown is hidden, further groups are
hidden, smallest first (by people, then incidents, then label), until the hidden groups
*together* involve at least :data:`MIN_PEOPLE` people. Then "total minus the shown
groups" only ever recovers the hidden groups combined, which is itself a group of five
or more people. Each table is protected on its own; the kit shows no
cross-tabulations that could be combined.

Everything here takes a pooled frame (:func:`kit.pool.pool`) and returns a table whose
``.attrs["note"]`` says what is hidden and why; :func:`show` turns one into Markdown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import messages
from ._text import Markdown, md_escape, minutes
from .errors import NotEnoughData
from .export import TECHNIQUE_COLUMNS
from .record import TECHNIQUES, WHOSE

__all__ = [
    "MIN_PEOPLE",
    "count_people",
    "hidden_groups",
    "breakdown",
    "note",
    "suppression_rule",
    "show",
    "systemic_share",
    "technique_comparison",
    "by_incident_number",
    "pooled_night_and_day",
]

MIN_PEOPLE = 5
"""The fewest distinct people behind any team figure."""

_STATS = ("median", "mean", "share")


def count_people(data: pd.DataFrame, person: str = "pseudonym") -> int:
    """The number of distinct people in a pooled frame (the unit of every rule here)."""
    return int(data[person].nunique()) if len(data) else 0


def hidden_groups(people: dict[object, frozenset], incidents: dict[object, int],
                  min_people: int = MIN_PEOPLE) -> dict[object, str | None]:
    """The hiding rule: which groups to hide, and why.

    Parameters
    ----------
    people : dict
        Each group's distinct people.
    incidents : dict
        Each group's number of incidents (to order the complementary choice).
    min_people : int
        The fewest people behind a shown group.

    Returns
    -------
    dict
        For each group: None (shown), ``"few"`` (fewer than ``min_people``),
        ``"complement"`` (hidden so that a small group cannot be worked out) or
        ``"total"`` (fewer than ``min_people`` people in all).
    """
    everyone = frozenset().union(*people.values()) if people else frozenset()
    if len(everyone) < min_people:
        return dict.fromkeys(people, "total")
    why: dict[object, str | None] = {
        group: ("few" if len(members) < min_people else None)
        for group, members in people.items()
    }
    hidden = [group for group, reason in why.items() if reason]
    if not hidden:
        return why
    covered = frozenset().union(*(people[group] for group in hidden))
    candidates = sorted(
        (group for group, reason in why.items() if reason is None),
        key=lambda group: (len(people[group]), incidents[group], str(group)),
    )
    while len(covered) < min_people and candidates:
        group = candidates.pop(0)
        why[group] = "complement"
        covered |= people[group]
    return why


def _why_words(reason: str | None, min_people: int) -> str:
    if reason is None:
        return ""
    if reason == "complement":
        return messages.SUPPRESSED_COMPLEMENT
    return messages.SUPPRESSED_TOO_FEW.format(min_people=min_people)


def _noted(table: pd.DataFrame, hidden_reasons: list[str], groups: int,
           everyone: int, min_people: int = MIN_PEOPLE) -> pd.DataFrame:
    """``table`` with the people behind it (``.attrs["people"]``) and its note
    (``.attrs["note"]``): all hidden, all shown, or which groups are hidden and why."""
    if everyone < min_people:
        text = messages.NOTE_ALL_HIDDEN.format(people=everyone, min_people=min_people)
    elif not hidden_reasons:
        text = messages.NOTE_ALL_SHOWN.format(min_people=min_people)
    else:
        text = messages.NOTE_SOME_HIDDEN.format(
            hidden=len(hidden_reasons), groups=groups,
            reasons="; ".join(hidden_reasons), min_people=min_people)
    table.attrs["note"] = text
    table.attrs["people"] = everyone
    return table


def breakdown(
    data: pd.DataFrame,
    by: str,
    *,
    value: str = "panic_to_action_min",
    stat: str = "median",
    person: str = "pseudonym",
    groups=None,
    labels=None,
    min_people: int = MIN_PEOPLE,
) -> pd.DataFrame:
    """A table of one figure per group, hiding groups with too few people.

    Parameters
    ----------
    data : pandas.DataFrame
        A pooled frame (:func:`kit.pool.pool`).
    by : str
        The column whose values form the groups (``"whose"``, ``"severity"``...).
    value : str
        The column summarised (ignored for ``stat="share"``).
    stat : {"median", "mean", "share"}
        The figure per group; ``"share"`` is the group's share of all incidents.
    person : str
        The column naming the person; distinct values are counted.
    groups : sequence, optional
        Every group to list, in order, including empty ones (default: those present).
    labels : mapping, optional
        Words to show for each group (default: the group's value).
    min_people : int
        The fewest people behind a shown figure (:data:`MIN_PEOPLE`).

    Returns
    -------
    pandas.DataFrame
        One row per group and a last row for the total: ``group``, ``people``,
        ``incidents``, ``value`` (all missing when hidden), ``shown`` and ``why``
        (the reason a figure is hidden, in words). ``.attrs["note"]`` says what is
        hidden and the rule.

    Examples
    --------
    >>> import kit
    >>> team = kit.team.pool()
    >>> table = kit.team.breakdown(team, "severity")
    >>> list(table.columns)
    ['group', 'people', 'incidents', 'value', 'shown', 'why']
    """
    if stat not in _STATS:
        msg = messages.TEAM_BAD_STAT.format(stat=str(stat)[:40],
                                            known=", ".join(_STATS))
        raise ValueError(msg)
    present = data[by].dropna().unique().tolist()
    order = list(groups) if groups is not None else sorted(present, key=str)
    order += [group for group in present if group not in order]
    people: dict[object, frozenset] = {group: frozenset() for group in order}
    incidents = dict.fromkeys(order, 0)
    values = dict.fromkeys(order, np.nan)
    total = len(data)
    for group, part in data.groupby(by, sort=False):
        people[group] = frozenset(part[person].unique())
        incidents[group] = len(part)
        if stat == "share":
            values[group] = len(part) / total if total else np.nan
        else:
            values[group] = getattr(part[value], stat)()
    why = hidden_groups(people, incidents, min_people)
    shown_label = labels or {}
    rows = []
    for group in order:
        # Empty groups hold nobody: nothing to hide, nothing to show.
        reason = why.get(group) if incidents[group] else None
        hidden = reason is not None
        rows.append({
            "group": shown_label.get(group, group),
            "people": pd.NA if hidden else len(people[group]),
            "incidents": pd.NA if hidden else incidents[group],
            "value": np.nan if hidden else values[group],
            "shown": not hidden,
            "why": _why_words(reason, min_people),
        })
    everyone = count_people(data, person)
    total_hidden = everyone < min_people
    if stat == "share":
        total_value = 1.0 if total else np.nan
    else:
        total_value = getattr(data[value], stat)() if total else np.nan
    rows.append({
        "group": messages.TEAM_TOTAL_LABEL,
        "people": pd.NA if total_hidden else everyone,
        "incidents": pd.NA if total_hidden else total,
        "value": np.nan if total_hidden else total_value,
        "shown": not total_hidden,
        "why": _why_words("total" if total_hidden else None, min_people),
    })
    table = pd.DataFrame(rows, columns=["group", "people", "incidents", "value",
                                        "shown", "why"])
    table["people"] = table["people"].astype("Int64")
    table["incidents"] = table["incidents"].astype("Int64")
    table["value"] = table["value"].astype("float64")
    part = table.iloc[:-1]
    reasons = [messages.NOTE_REASON.format(group=group, why=text)
               for group, text, shown in zip(part["group"], part["why"], part["shown"],
                                             strict=True) if not shown]
    return _noted(table, reasons, len(part), everyone, min_people)


def note(table: pd.DataFrame) -> Markdown:
    """What a team table hides and why, as Markdown for the notebook."""
    return Markdown(md_escape(table.attrs.get("note", ""), inline=True))


def suppression_rule() -> Markdown:
    """The minimum-group-size rule in words (see the module's docstring)."""
    return Markdown(messages.SUPPRESSION_RULE.format(min_people=MIN_PEOPLE))


def _cell(column: str, value, unit: str) -> str:
    if value is None or value is pd.NA or (
            isinstance(value, float) and np.isnan(value)):
        return messages.TEAM_HIDDEN_CELL
    if isinstance(value, (bool, np.bool_)):
        if column == "used":
            return messages.TECHNIQUE_USED if value else messages.TECHNIQUE_NOT_USED
        return messages.TEAM_YES if value else messages.TEAM_NO
    if column in {"value", "q1", "median", "q3"} and isinstance(
            value, (float, np.floating)):
        if unit == "share":
            return f"{value:.0%}"
        return messages.TEAM_MINUTES_CELL.format(minutes=minutes(float(value)))
    return md_escape(value, inline=True)


def show(table: pd.DataFrame) -> Markdown:
    """A team table (:func:`breakdown` and friends) as Markdown, hidden cells marked,
    followed by its note on what is hidden and why."""
    unit = table.attrs.get("unit", "minutes")
    columns = [c for c in table.columns if c != "shown"]
    headers = [messages.TEAM_TABLE_HEADERS.get(c, c) for c in columns]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in table[columns].itertuples(index=False):
        cells = [_cell(column, value, unit) for column, value in
                 zip(columns, row, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return Markdown("\n".join(lines) + "\n\n" + note(table))


# --- the team's tables ----------------------------------------------------------------


def systemic_share(data: pd.DataFrame) -> pd.DataFrame:
    """The share of all pooled incidents in each ``whose`` category (suppressed).

    See :func:`breakdown`; groups are listed in the record's order.
    """
    table = breakdown(data, "whose", stat="share", groups=WHOSE,
                      labels=messages.TEAM_WHOSE_LABELS)
    table.attrs["unit"] = "share"
    return table


def technique_comparison(data: pd.DataFrame, *, value: str = "panic_to_action_min"
                         ) -> pd.DataFrame:
    """Median panic to action with and without each technique (suppressed per pair).

    Each technique is its own two-group breakdown (used, not used), so hiding a small
    "used" group also hides its "not used" partner. Not an effect estimate: people try
    techniques as they gain experience, so later incidents carry both.

    Returns
    -------
    pandas.DataFrame
        ``technique`` (in words), ``used`` (bool), and the columns of
        :func:`breakdown` for each group, without the totals. The index holds each
        row's technique as the record names it (``box_breathing``...).
    """
    labels = {True: messages.TECHNIQUE_USED, False: messages.TECHNIQUE_NOT_USED}
    parts = []
    for name, column in zip(TECHNIQUES, TECHNIQUE_COLUMNS, strict=True):
        table = breakdown(data.assign(_used=data[column].astype(bool)), "_used",
                          value=value, groups=(True, False), labels=labels)
        table = table.iloc[:-1].drop(columns=["group"])
        table.insert(0, "technique", messages.TECHNIQUE_LABELS[name])
        table.insert(1, "used", [True, False])  # the order of ``groups`` above
        table.index = [name, name]
        parts.append(table)
    result = pd.concat(parts)
    everyone = count_people(data)
    reasons = [
        messages.NOTE_REASON_TECHNIQUE.format(technique=technique, used=labels[used],
                                              why=why)
        for technique, used, why, shown in zip(
            result["technique"], result["used"], result["why"], result["shown"],
            strict=True)
        if not shown]
    return _noted(result, reasons, len(result), everyone)


def by_incident_number(data: pd.DataFrame, *, value: str = "panic_to_action_min"
                       ) -> pd.DataFrame:
    """Panic to action by each person's incident number, where enough people contribute.

    Returns one row per incident number with ``people``, ``incidents``, the quartiles
    ``q1``, ``median``, ``q3`` (missing when hidden), ``shown`` and ``why``. Numbers
    with fewer than :data:`MIN_PEOPLE` people are hidden, with complementary
    suppression as in :func:`breakdown`. No averaged curve is drawn from this: it is
    a spread of people at each step.
    """
    table = breakdown(data, "incident_no", value=value, stat="median")
    table = table.iloc[:-1].rename(columns={"group": "incident_no",
                                            "value": "median"})
    quartiles = data.groupby("incident_no")[value].quantile([0.25, 0.75]).unstack()
    if len(table):
        q1 = table["incident_no"].map(quartiles[0.25]) if len(quartiles) else np.nan
        q3 = table["incident_no"].map(quartiles[0.75]) if len(quartiles) else np.nan
        table.insert(3, "q1", np.where(table["shown"], q1, np.nan))
        table.insert(5, "q3", np.where(table["shown"], q3, np.nan))
    else:
        table.insert(3, "q1", pd.Series(dtype="float64"))
        table.insert(5, "q3", pd.Series(dtype="float64"))
    table = table.reset_index(drop=True)
    everyone = count_people(data)
    hidden = table.loc[~table["shown"]]
    reasons = [messages.NOTE_REASON_INCIDENT.format(n=n, why=why)
               for n, why in zip(hidden["incident_no"], hidden["why"], strict=True)]
    return _noted(table, reasons, len(table), everyone)


def pooled_night_and_day(
    data: pd.DataFrame,
    *,
    value: str = "panic_to_action_min",
    night: str = "night",
    person: str = "pseudonym",
) -> pd.DataFrame:
    """Night against day across a team's pooled exports, hiding groups of few people.

    Parameters
    ----------
    data : DataFrame
        A pooled frame with a boolean column saying whether each alert came at night.
    value : str
        The column summarised (its median per side).
    night, person : str
        The night flag's column and the column naming the person.

    Returns
    -------
    DataFrame
        The team's breakdown table (``group``, ``people``, ``incidents``, ``value``,
        ``shown``, ``why``): a row for night, one for day and one for everyone. A side
        with too few people is hidden, and so is the other side when it would give
        the hidden one away. Like every team table, it keeps to :data:`MIN_PEOPLE`.

    Raises
    ------
    NotEnoughData
        When ``data`` has no ``night`` column.
    """
    if night not in data.columns:
        msg = messages.HOURS_POOL_NEEDS_NIGHT.format(column=night)
        raise NotEnoughData(msg)
    for column, argument in ((value, "value"), (person, "person")):
        if column not in data.columns:
            msg = messages.HOURS_MISSING_COLUMN.format(column=column, argument=argument)
            raise NotEnoughData(msg)
    # True/False as read from a CSV may arrive as text; 1 and 0 equal True and False
    flags = data[night].map(
        {True: "night", False: "day", "True": "night", "False": "day"}
    )
    sided = data.assign(_side=flags).dropna(subset=["_side"])
    return breakdown(
        sided,
        "_side",
        value=value,
        stat="median",
        person=person,
        groups=["night", "day"],
        labels=messages.HOURS_SIDES,
    )
