"""Plan, then save: what importing a timeline would change in one incident.

``plan_import`` compares the tool's times with the incident's and saves nothing;
``ImportPlan.apply`` gives the changed incident; ``import_into`` reads a file and saves
through the journal's lock. A time the person typed is never replaced unless its field
is named in ``overwrite=``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from .. import messages as msgs
from .._text import html_escape, md_escape
from ..errors import InvalidIncident, InvalidTimeline, ReadOnlyJournal
from ..journal import Journal
from ..record import TIME_FIELDS, Incident, validate_incident
from .reading import read_timeline
from .timeline import Labelled, Timeline, stamp

__all__ = [
    "ADD",
    "SAME",
    "KEPT",
    "REPLACE",
    "SKIP",
    "PlannedTime",
    "PlannedNote",
    "ImportPlan",
    "plan_import",
    "import_into",
    "save_plan",
]

ADD, SAME, KEPT, REPLACE, SKIP = "add", "same", "conflict kept", "replace", "skip"


@dataclass(frozen=True)
class PlannedTime(Labelled):
    """One time of the incident: what the journal holds, what the tool says, and what
    will happen (``add``, ``same``, ``conflict kept``, ``replace`` or ``skip``).

    ``event`` is the timeline event that gave the time (``"acknowledge"`` when the
    first deliberate step is the tool's acknowledgement) and ``origin`` says whether
    the tool made it on its own (see ``kit.timelines.ORIGINS``).
    """

    field: str
    current: datetime | None
    imported: datetime
    action: str
    event: str
    row: int
    origin: str = ""


@dataclass(frozen=True)
class PlannedNote:
    """A note from the tool; ``add`` when new, ``same`` when the log has it already."""

    at: datetime
    text: str = field(repr=False)
    action: str = ADD
    row: int = 0


@dataclass(frozen=True)
class ImportPlan:
    """What importing a timeline into one incident would change. Nothing is saved
    until ``apply()`` (which returns the new Incident) is saved by the journal.

    Show it in a notebook by leaving it as a cell's last line (an escaped HTML table),
    or with ``to_markdown()``.
    """

    incident: Incident = field(repr=False)  # its repr would show private text
    timeline: Timeline
    times: tuple[PlannedTime, ...]
    notes: tuple[PlannedNote, ...]
    problem: str | None = None
    _result: Incident | None = field(default=None, repr=False)

    @property
    def changes(self) -> bool:
        """True when applying would change the incident."""
        return any(t.action in (ADD, REPLACE) for t in self.times) or any(
            n.action == ADD for n in self.notes)

    @property
    def conflicts(self) -> list[str]:
        """Fields whose typed time differs from the tool's and is being kept."""
        return [t.field for t in self.times if t.action == KEPT]

    @property
    def offers_acknowledgement(self) -> bool:
        """True when the first deliberate step offered is the tool's acknowledgement."""
        return any(t.field == "first_action_at" and t.event == "acknowledge"
                   for t in self.times)

    def counts(self) -> dict[str, int]:
        """How many times are added, replaced and kept, and notes added."""
        return {
            "added": sum(t.action == ADD for t in self.times),
            "replaced": sum(t.action == REPLACE for t in self.times),
            "kept": sum(t.action == KEPT for t in self.times),
            "notes": sum(n.action == ADD for n in self.notes),
        }

    @property
    def far_apart(self) -> str | None:
        """A caution when the tool's alert is more than a day from the journal's."""
        alert = next((t for t in self.times if t.field == "alert_at"), None)
        if alert is None or alert.current is None:
            return None
        gap = abs(alert.imported - alert.current)
        if gap <= timedelta(days=1):
            return None
        return msgs.IMPORT_FAR_APART.format(days=max(1, round(gap / timedelta(days=1))))

    def summary(self) -> str:
        """One or two sentences saying what would change."""
        if self.problem:
            text = msgs.IMPORT_PROBLEM.format(reason=self.problem)
        elif not self.changes:
            text = msgs.IMPORT_NO_CHANGES
        else:
            text = msgs.IMPORT_SUMMARY.format(**self.counts())
        caution = self.far_apart
        return f"{caution} {text}" if caution else text

    def apply(self) -> Incident:
        """The incident with the planned times and notes, validated.

        Raises
        ------
        InvalidTimeline
            When the plan cannot be applied (``problem`` says why); nothing is saved.
        """
        if self.problem:
            raise InvalidTimeline(self.problem)
        return self._result if self._result is not None else self.incident

    # -- showing it ---------------------------------------------------------------
    def _rows(self) -> list[tuple[str, str, str, str]]:
        rows = []
        for item in self.times:
            what = msgs.IMPORT_FIELD_LABELS[item.field]
            if item.label:
                what += f" ({item.label})"
            current = stamp(item.current) if item.current else "—"
            rows.append((what, current, stamp(item.imported),
                         msgs.IMPORT_ACTION_LABELS[item.action]))
        return rows

    def to_html(self) -> str:
        """The plan as an HTML table; every value is escaped."""
        e = html_escape
        head = "".join(f'<th scope="col">{e(h)}</th>'
                       for h in msgs.IMPORT_TABLE_HEADERS)
        rows = []
        for item, (_what, current, imported, action) in zip(
                self.times, self._rows(), strict=True):
            label = msgs.IMPORT_FIELD_LABELS[item.field]
            small = f"<br><small>{e(item.label)}</small>" if item.label else ""
            rows.append(
                f'<tr><th scope="row">{e(label)}{small}</th>'
                f'<td style="white-space: nowrap">{e(current)}</td>'
                f'<td style="white-space: nowrap">{e(imported)}</td>'
                f"<td>{e(action)}</td></tr>")
        parts = [f"<p>{e(self.summary())} {e(msgs.IMPORT_NOTHING_SAVED_YET)}</p>"]
        if self.times:
            parts.append(f"<table><thead><tr>{head}</tr></thead>"
                         f"<tbody>{''.join(rows)}</tbody></table>")
        if self.notes:
            items = "".join(
                f"<li>{e(stamp(n.at))}: {e(_short(n.text))} "
                f"<em>({e(msgs.IMPORT_ACTION_LABELS[n.action])})</em></li>"
                for n in self.notes)
            parts.append(f"<p><strong>{e(msgs.IMPORT_NOTES_HEADING)}</strong>. "
                         f"{e(msgs.IMPORT_NOTES_PRIVATE)}</p><ul>{items}</ul>")
        if self.timeline.ignored:
            parts.append(f"<p>{e(msgs.IMPORT_IGNORED.format(n=self.timeline.ignored))}"
                         "</p>")
        return "\n".join(parts)

    def to_markdown(self) -> str:
        """The plan as a Markdown table; user text is escaped for Markdown and HTML."""
        def md(text: str) -> str:
            return md_escape(text, inline=True)

        lines = [f"{md(self.summary())} {md(msgs.IMPORT_NOTHING_SAVED_YET)}", ""]
        if self.times:
            lines.append("| " + " | ".join(msgs.IMPORT_TABLE_HEADERS) + " |")
            lines.append("|" + "---|" * len(msgs.IMPORT_TABLE_HEADERS))
            lines += ["| " + " | ".join(md(c) for c in row) + " |"
                      for row in self._rows()]
            lines.append("")
        if self.notes:
            lines.append(f"**{md(msgs.IMPORT_NOTES_HEADING)}**. "
                         f"{md(msgs.IMPORT_NOTES_PRIVATE)}")
            lines.append("")
            lines += [f"- {md(stamp(n.at))}: {md(_short(n.text))} "
                      f"({md(msgs.IMPORT_ACTION_LABELS[n.action])})"
                      for n in self.notes]
        if self.timeline.ignored:
            lines += ["", md(msgs.IMPORT_IGNORED.format(n=self.timeline.ignored))]
        return "\n".join(lines).rstrip() + "\n"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.summary()


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields(names: Iterable[str], argument: str) -> set[str]:
    """``names`` as a set of time fields, refusing any that is not one."""
    fields = {names} if isinstance(names, str) else set(names)
    unknown = fields - set(TIME_FIELDS)
    if unknown:
        msg = msgs.IMPORT_ERR_NOT_A_TIME.format(
            argument=argument, names=", ".join(sorted(unknown)),
            fields=", ".join(TIME_FIELDS))
        raise InvalidTimeline(msg)
    return fields


def plan_import(
    incident: Incident,
    timeline: Timeline,
    *,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
) -> ImportPlan:
    """Show what importing ``timeline`` into ``incident`` would change; save nothing.

    Parameters
    ----------
    incident : Incident
        The incident in your journal.
    timeline : Timeline
        From ``read_timeline``.
    overwrite : bool or list of str
        The time fields (``"first_action_at"``...) whose typed value may be replaced by
        the tool's. ``True`` means every one. Default: none; a typed time that differs
        is kept and shown as a conflict.
    skip : list of str
        Time fields to leave out of the import (for example ``"first_action_at"`` when
        the acknowledgement was not your first deliberate step).

    Returns
    -------
    ImportPlan
        Each time with its current value, the imported one and the action; the notes;
        and ``problem`` when the result would break the order of times.

    Examples
    --------
    >>> import kit
    >>> incident = kit.Journal.sample().load().incidents[0]
    >>> timeline = read_timeline("tests/data/timelines/timeline.csv")
    >>> plan = plan_import(incident, timeline)
    >>> [(t.field, t.action) for t in plan.times][:2]  # typed times are kept
    [('alert_at', 'conflict kept'), ('first_action_at', 'conflict kept')]
    """
    if overwrite is True:
        replace = set(TIME_FIELDS)
    elif overwrite is False or overwrite is None:
        replace = set()
    else:
        replace = _fields(overwrite, "overwrite")
    skipped = _fields(skip, "skip")
    planned: list[PlannedTime] = []
    for name, item in timeline.proposed().items():
        current = getattr(incident.times, name)
        if name in skipped:
            action = SKIP
        elif current is None:
            action = ADD
        elif current == item.at:
            action = SAME
        elif name in replace:
            action = REPLACE
        else:
            action = KEPT
        planned.append(PlannedTime(name, current, item.at, action, item.event,
                                   item.row, item.origin))
    existing = {(e.at, e.text) for e in incident.events if e.kind == "note"}
    notes = tuple(
        PlannedNote(n.at, n.text, SAME if (n.at, n.text) in existing else ADD, n.row)
        for n in timeline.notes)
    plan = ImportPlan(incident, timeline, tuple(planned), notes)
    if not plan.changes:
        return plan
    data = incident.to_data()
    times = data["times"]
    for chosen in planned:
        if chosen.action in (ADD, REPLACE):
            times[chosen.field] = chosen.imported.isoformat()
    times["source"] = "imported"
    events = list(data.get("events", []))
    events += [{"at": n.at.isoformat(), "kind": "note", "text": n.text}
               for n in notes if n.action == ADD]
    events.sort(key=lambda e: datetime.fromisoformat(e["at"]))
    data["events"] = events
    try:
        result = validate_incident(data, f"{incident.id}.yaml")
    except InvalidIncident as error:
        reason = "; ".join(text for _, text in error.problems) or str(error)
        problem = msgs.IMPORT_ERR_WOULD_BREAK_ORDER.format(
            file=timeline.name, incident_id=incident.id, reason=reason)
        return ImportPlan(incident, timeline, tuple(planned), notes, problem)
    return ImportPlan(incident, timeline, tuple(planned), notes, None, result)


def import_into(
    journal: Journal,
    incident_id: str,
    path: str | os.PathLike[str],
    *,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
    kind: str | None = None,
    tool_incident: str | int | None = None,
    assume_timezone: str | tzinfo | None = None,
) -> ImportPlan:
    """Read a timeline file and save its times into one incident of the journal.

    The plan is made again against the incident as it is on disk, under the journal's
    lock, so a change saved meanwhile is not lost. Look at ``plan_import`` (or the
    form) first: this saves.

    Returns
    -------
    ImportPlan
        The plan that was applied; ``plan.apply()`` is the saved incident.

    Raises
    ------
    InvalidTimeline
        For a bad file, or when the import would put the times out of order; nothing
        is saved.
    UnknownIncident, ReadOnlyJournal, SaveFailed
    """
    if journal.read_only:
        raise ReadOnlyJournal(msgs.IMPORT_READ_ONLY.format(path=journal.path))
    timeline = read_timeline(path, kind=kind, tool_incident=tool_incident,
                             assume_timezone=assume_timezone)
    return save_plan(journal, incident_id, timeline, overwrite=overwrite, skip=skip)


def save_plan(
    journal: Journal,
    incident_id: str,
    timeline: Timeline,
    *,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
) -> ImportPlan:
    """Plan ``timeline`` against the incident on disk and save it, under the lock.

    Returns the plan that was applied (unchanged incidents are not written).

    Raises
    ------
    InvalidTimeline
        When the import would put the times out of order; nothing is saved.
    """
    skip = tuple(skip)
    overwrite = overwrite if isinstance(overwrite, bool) else tuple(overwrite)
    first = plan_import(journal.get(incident_id), timeline, overwrite=overwrite,
                        skip=skip)
    if first.problem:
        raise InvalidTimeline(first.problem)
    if not first.changes:
        return first
    used: list[ImportPlan] = []

    def edit(current: Incident) -> Incident:
        plan = plan_import(current, timeline, overwrite=overwrite, skip=skip)
        used.append(plan)
        return plan.apply()

    journal.change(incident_id, edit)
    return used[-1]
