"""The blameless post-mortem as a document, and the wording check of its answers.

``to_markdown(incident)`` writes the post-mortem document: everything a person typed
is escaped (``kit._text.md_escape``), so it reads as text and never becomes markup.
``export_markdown`` writes it next to the journal without ever replacing an earlier
export. ``check_incident`` runs the wording check (``kit.blame``) over every answer.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from ._text import md_escape
from .blame import BlameFinding, check_blame
from .errors import ReadOnlyJournal, SaveFailed
from .messages import postmortem as words
from .messages.record import EVENT_KIND_LABELS
from .record import Incident
from .storage import atomic_write, private_dir

__all__ = [
    "POSTMORTEM_FIELDS",
    "REFLECTION_FIELDS",
    "check_incident",
    "to_markdown",
    "export_markdown",
]


#: The post-mortem answers, in the order of the document.
POSTMORTEM_FIELDS = (
    "summary",
    "impact",
    "what_happened",
    "why_tests_missed",
    "one_change",
    "went_well",
)
#: The reflection's answers, shared only when the author chooses to.
REFLECTION_FIELDS = ("body", "at_3am", "learned")


def check_incident(
    incident: Incident, *, include_reflection: bool | None = None
) -> dict[str, list[BlameFinding]]:
    """Check every post-mortem answer of an incident (and its reflection if shared).

    Returns
    -------
    dict
        ``{"postmortem.summary": [...], "reflection.body": [...], ...}`` for the
        answers with findings only.
    """
    share = _shares_reflection(incident, include_reflection)
    texts = [(f"postmortem.{name}", getattr(incident.postmortem, name))
             for name in POSTMORTEM_FIELDS]
    if share:
        texts += [(f"reflection.{name}", getattr(incident.reflection, name))
                  for name in REFLECTION_FIELDS]
    result = {}
    for key, value in texts:
        # A reflection is where owning a slip plainly belongs (see kit.blame).
        where = "reflection" if key.startswith("reflection.") else "postmortem"
        findings = check_blame(value, where=where)
        if findings:
            result[key] = findings
    return result


# --- the Markdown document ----------------------------------------------------------


def _block(text: str) -> str:
    escaped = md_escape(text)
    return escaped if escaped else f"*{words.POSTMORTEM_DOC['not_written']}*"


def _shares_reflection(incident: Incident, include_reflection: bool | None) -> bool:
    if include_reflection is None:
        return bool(incident.reflection.include_in_postmortem)
    return bool(include_reflection)


def _when(moment: datetime, zone, previous: datetime | None) -> str:
    local = moment.astimezone(zone)
    if previous is None or previous.astimezone(zone).date() != local.date():
        return f"{local:%Y-%m-%d %H:%M}"
    return f"{local:%H:%M}"


# Events about the author's own coping (breathing, timers) are personal: they join the
# timeline only when the author shares the reflection.
_PERSONAL_EVENTS = ("breathing", "timer")


def _timeline_rows(incident: Incident, personal: bool) -> list[tuple[datetime, str]]:
    rows: list[tuple[datetime, int, str]] = []
    for order, name in enumerate(words.POSTMORTEM_TIMELINE):
        when = getattr(incident.times, name, None) if name.endswith("_at") else None
        if when is not None:
            rows.append((when, order, md_escape(words.POSTMORTEM_TIMELINE[name])))
    for event in incident.events:
        if event.kind in _PERSONAL_EVENTS and not personal:
            continue
        label = words.POSTMORTEM_TIMELINE.get(event.kind) or EVENT_KIND_LABELS.get(
            event.kind, event.kind
        )
        label = label[:1].upper() + label[1:]
        text = md_escape(event.text, inline=True)
        kind = f"**{md_escape(label, inline=True)}**"
        rows.append((event.at, 100, f"{kind}: {text}" if text else kind))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [(when, what) for when, _, what in rows]


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def to_markdown(incident: Incident, *, include_reflection: bool | None = None) -> str:
    """The post-mortem as a Markdown document, with everything typed escaped.

    Sections: title, a short facts list, summary, impact, a timeline built from the
    times and the live log (dead ends included), the three questions with their
    answers, the dead ends, what went well, and the author's reflection only when they
    chose to share it (their breathing and timer events join the timeline only then,
    too). Body ratings, culture answers and notes are never part of the document.

    Parameters
    ----------
    incident : kit.Incident
    include_reflection : bool, optional
        Share the reflection? Default: what the author ticked
        (``incident.reflection.include_in_postmortem``).

    Returns
    -------
    str
        Markdown in which no typed text can become a heading, link, image, HTML or
        table structure.
    """
    doc = words.POSTMORTEM_DOC
    zone = incident.times.alert_at.tzinfo
    title = md_escape(incident.title, inline=True)
    out = [f"# {doc['title'].format(title=title)}", ""]
    if incident.draft:
        out += [f"*{doc['draft_note']}*", ""]
    facts = []
    if incident.service:
        facts.append((doc["service"], md_escape(incident.service, inline=True)))
    if incident.severity:
        facts.append((doc["severity"], incident.severity))
    facts.append((doc["alert"], f"{incident.times.alert_at:%Y-%m-%d %H:%M %z}"))
    for key, field in (("to_mitigate", "mitigated_at"), ("to_resolve", "resolved_at")):
        minutes = incident.minutes_to(field)
        if minutes is not None:
            facts.append((doc[key], doc["minutes"].format(m=_minutes(minutes))))
    out += [f"- **{name}:** {value}" for name, value in facts] + [""]

    out += [f"## {doc['summary']}", "", _block(incident.postmortem.summary), ""]
    out += [f"## {doc['impact']}", "", _block(incident.postmortem.impact), ""]

    out += [f"## {doc['timeline']}", ""]
    share = _shares_reflection(incident, include_reflection)
    rows = _timeline_rows(incident, personal=share)
    if len(rows) <= 1:
        out += [f"*{doc['no_timeline']}*", ""]
    header = (doc["timeline_time"], doc["timeline_since"], doc["timeline_what"])
    out += ["| " + " | ".join(header) + " |", "| --- | ---: | --- |"]
    previous = None
    for when, what in rows:
        since = (when - incident.times.alert_at).total_seconds() / 60.0
        out.append(f"| {_when(when, zone, previous)} | +{_minutes(round(since, 1))} "
                   f"| {what} |")
        previous = when
    out.append("")

    for name in ("what_happened", "why_tests_missed", "one_change"):
        out += [f"## {doc[name]}", "", _block(getattr(incident.postmortem, name)), ""]

    dead_ends = [event for event in incident.events if event.kind == "dead-end"]
    if dead_ends:
        out += [f"## {doc['dead_ends']}", "", f"*{doc['dead_ends_note']}*", ""]
        for event in dead_ends:
            text = md_escape(event.text, inline=True) or "…"
            out.append(f"- {_when(event.at, zone, incident.times.alert_at)}: {text}")
        out.append("")

    out += [f"## {doc['went_well']}", "", _block(incident.postmortem.went_well), ""]

    if share:
        out += [f"## {doc['reflection']}", ""]
        for name in REFLECTION_FIELDS:
            value = getattr(incident.reflection, name)
            if value.strip():
                out += [f"**{doc['reflection_' + name]}**", "", _block(value), ""]

    out += ["---", "", f"*{doc['footer']}*", ""]
    return "\n".join(out)


def export_markdown(
    journal, incident_id: str, folder: str | os.PathLike[str] | None = None
) -> Path:
    """Write the post-mortem of one incident as ``<id>-postmortem.md``, mode 0600.

    An earlier export is never replaced: when ``<id>-postmortem.md`` exists, the new
    document goes to ``<id>-postmortem-2.md`` (then ``-3`` ...), and the returned path
    says which. The write is atomic (``kit.storage.atomic_write``).

    Parameters
    ----------
    journal : kit.Journal
    incident_id : str
    folder : path, optional
        Default: a ``postmortems`` folder inside the journal folder (created 0700).
        The read-only sample journal needs an explicit folder.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    UnknownIncident
        When the journal has no such incident.
    ReadOnlyJournal
        For a read-only journal without a ``folder``.
    SaveFailed
        When the folder cannot be created or written.
    """
    incident = journal.get(incident_id)
    if folder is None:
        if journal.read_only:
            msg = (
                f"{journal.path} is read-only (the sample journal cannot be changed): "
                "pass folder= to write the document somewhere else"
            )
            raise ReadOnlyJournal(msg)
        target_dir = journal.path / "postmortems"
    else:
        target_dir = Path(folder).expanduser()
    try:
        private_dir(target_dir)
    except OSError as error:
        msg = (
            f"the folder {target_dir} could not be created ({error.strerror}): "
            "choose a folder you can write"
        )
        raise SaveFailed(msg) from None
    data = to_markdown(incident).encode("utf-8")
    for number in range(1, 1_000):
        suffix = "" if number == 1 else f"-{number}"
        path = target_dir / f"{incident.id}-postmortem{suffix}.md"
        if path.exists():
            continue
        try:
            atomic_write(path, data, overwrite=False)
        except SaveFailed:
            if path.exists():  # another export took this name a moment ago
                continue
            raise
        return path
    msg = (
        f"{target_dir} already holds 999 exports of {incident.id}: move some of them "
        "elsewhere, then export again"
    )
    raise SaveFailed(msg)
