"""The live draft: an incident written while it happens, one timestamped mark at a time.

The live companion (notebook 01) and ``python -m kit mark`` both write through here,
with a :class:`~kit.journal.Journal` and plain values (no widgets):

- :func:`start` saves a new draft at the alert (``draft: true``, ``times.source:
  live``) with the five-minute triage clock's first event.
- :func:`running` finds the unfinished live draft (the latest alert wins).
- :func:`mark` adds one timestamped event (and, for some marks, a time such as
  ``broadcast_at`` or a technique) under the journal's lock; the time is taken inside
  the lock, so two tabs pressing at once both land, in order.
- The first deliberate press after the alert (breathing, the hands-off timer,
  reading the error aloud, the one sentence, a broadcast, an escalation, a step on
  the problem: ``kit.record.DELIBERATE_MARKS``) sets ``times.first_action_at``,
  the end of panic-to-action, unless it is already set; the first hands-on step on
  the problem (``kit.record.HANDS_ON_MARKS``) sets ``times.hands_on_at``.
- :func:`finish` records the resolution; the draft then waits for the log form.

Every event the kit writes carries a ``mark`` (a name from :data:`MARKS`), and the
companion reads its state back from marks, never from an event's words, so rewording
a message never breaks a draft on disk. Drafts written before marks existed still
resume: their events are recognised by the exact texts the kit wrote then
(:func:`event_mark`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from . import messages as msgs
from .errors import DuplicateIncident, InvalidMark
from .journal import Journal
from .migration import legacy_mark
from .record import (
    DELIBERATE_MARKS,
    HANDS_ON_MARKS,
    SCHEMA_VERSION,
    Event,
    Incident,
    make_id,
    validate_incident,
)

__all__ = [
    "TRIAGE",
    "ROLLBACK_STEPS",
    "MARKS",
    "MarkRule",
    "Marked",
    "now",
    "alert_time",
    "start",
    "running",
    "mark",
    "finish",
    "event_mark",
    "marks",
    "root_cause_known",
    "triage_open",
]

TRIAGE = timedelta(minutes=5)
ROLLBACK_STEPS = 5  # the rollback-first checklist: marks rollback-0 ... rollback-4


@dataclass(frozen=True)
class MarkRule:
    """What one mark writes.

    ``kind`` is the event kind; ``text`` the key of the kit's own words in
    ``kit.messages.LIVE_EVENT_TEXTS`` (None: the words are the person's);
    ``words`` is ``"none"``, ``"optional"`` (added after a colon) or ``"required"``;
    ``time`` a time field set by the first such mark; ``technique`` one added to the
    incident; ``once`` refuses a second mark when ``time`` is already set.
    """

    kind: str
    text: str | None = None
    words: str = "none"
    time: str | None = None
    technique: str | None = None
    once: bool = False


MARKS: dict[str, MarkRule] = {
    "triage-started": MarkRule("timer", "triage_started"),
    "breathing": MarkRule("breathing", "breathing", technique="box_breathing"),
    "hands-off": MarkRule("timer", "hands_off", technique="two_minute_timer"),
    "read-error": MarkRule("note", "read_error", "optional",
                           technique="read_error_aloud"),
    "broken": MarkRule("note", "broken", "required"),
    "broadcast": MarkRule("update", None, "required", time="broadcast_at",
                          technique="broadcast_template"),
    "root-cause": MarkRule("note", "root_cause"),
    "triage-up": MarkRule("timer", "triage_up"),
    "escalated": MarkRule("action", "escalated", "optional", time="escalated_at"),
    "step": MarkRule("action", None, "optional"),
    "update": MarkRule("update", None, "required"),
    "dead-end": MarkRule("dead-end", None, "required"),
    "note": MarkRule("note", None, "required"),
    **{f"rollback-{n}": MarkRule("note", "checklist",
                                 technique="rollback_first" if n == 0 else None)
       for n in range(ROLLBACK_STEPS)},
    "mitigated": MarkRule("note", "mitigated", time="mitigated_at", once=True),
    "resolved": MarkRule("note", "resolved", time="resolved_at", once=True),
}

@dataclass(frozen=True)
class Marked:
    """What :func:`mark` did: the incident as saved, the moment, the mark, and whether
    anything was written (``added`` is False when a once-only time was already set,
    in which case ``at`` is that earlier time)."""

    incident: Incident = field(repr=False)
    at: datetime
    mark: str
    added: bool = True


def now() -> datetime:
    """Timezone-aware local time of this computer, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def alert_time(text: str, now: datetime, *, local_rules: bool = True) -> datetime:
    """The alert time a person typed (``HH:MM``, ``HH:MM:SS`` or
    ``YYYY-MM-DD HH:MM``), or ``now`` when ``text`` is empty.

    A time without a date is today's, or yesterday's when today's is still to come
    (paged at 23:50, typed at 00:10). ``local_rules`` reads it by this computer's
    timezone rules for that date (summer or winter time); otherwise in ``now``'s
    offset (tests, fixed clocks).

    Raises
    ------
    InvalidMark
        When the text cannot be read, or the time is still to come.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> at = datetime(2026, 3, 10, 0, 10, tzinfo=timezone.utc)
    >>> alert_time("23:50", at, local_rules=False).isoformat()
    '2026-03-09T23:50:00+00:00'
    """
    text = text.strip()
    if not text:
        return now

    def placed(naive: datetime) -> datetime:
        if local_rules:
            return naive.astimezone()  # the zone's rules for that date (DST)
        return naive.replace(tzinfo=now.tzinfo)

    day: date | None = None
    parts = text.replace("T", " ").split()
    try:
        if len(parts) == 2:
            day = date.fromisoformat(parts[0])
            parts = parts[1:]
        if len(parts) != 1 or parts[0].count(":") not in (1, 2):
            raise ValueError
        clock = time.fromisoformat(
            parts[0].zfill(5) if parts[0].count(":") == 1 else parts[0].zfill(8)
        )
        if clock.tzinfo is not None:
            raise ValueError
    except ValueError:
        raise InvalidMark(msgs.LIVE_ALERT_TIME_UNREADABLE) from None
    naive = datetime.combine(day or now.date(), clock)
    alert = placed(naive)
    if day is None and alert > now:
        alert = placed(naive - timedelta(days=1))
        if now - alert > timedelta(hours=12):
            raise InvalidMark(msgs.LIVE_ALERT_TIME_FUTURE)
    if alert > now:
        raise InvalidMark(msgs.LIVE_ALERT_TIME_FUTURE)
    return alert


def _event(data: dict[str, Any], at: datetime, kind: str, text: str,
           mark_name: str | None) -> None:
    entry = {"at": at.isoformat(), "kind": kind, "text": text}
    if mark_name is not None:
        entry["mark"] = mark_name
    data.setdefault("events", []).append(entry)


def start(
    journal: Journal,
    *,
    alert_at: datetime,
    title: str = "",
    service: str = "",
    recalled: bool = False,
    clock: Callable[[], datetime] = now,
) -> Incident:
    """Save a new live draft whose alert is ``alert_at``.

    Parameters
    ----------
    journal : Journal
        Your journal (not the read-only sample).
    alert_at : datetime
        When you were paged, timezone-aware.
    title, service : str
        Optional; the title defaults to "Incident at HH:MM".
    recalled : bool
        True when the alert time was typed by hand rather than pressed at the alert:
        it is then marked as recalled (``times.alert_source``), not live.
    clock : callable
        Gives the time of the triage clock's first event (tests pass a fake).

    Returns
    -------
    Incident
        The saved draft, with a free id made from the alert's date and the title.

    Raises
    ------
    InvalidIncident, ReadOnlyJournal, SaveFailed

    Examples
    --------
    >>> start(journal, alert_at=now(), title="Checkout errors")  # doctest: +SKIP
    """
    title = title.strip() or msgs.LIVE_DEFAULT_TITLE.format(
        time=alert_at.strftime("%H:%M"))
    times: dict[str, Any] = {"alert_at": alert_at.isoformat(), "source": "live"}
    if recalled:
        times["alert_source"] = "recalled"
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "title": title,
        "service": service.strip(),
        "draft": True,
        "times": times,
        "events": [],
    }
    _event(data, clock(), "timer", msgs.LIVE_EVENT_TEXTS["triage_started"],
           "triage-started")
    for attempt in range(3):  # another tab may take the same id meanwhile
        data["id"] = journal.free_id(make_id(alert_at, title))
        incident = validate_incident(data)
        try:
            journal.save(incident)
        except DuplicateIncident:
            if attempt == 2:
                raise
        else:
            return incident
    raise AssertionError  # unreachable: the loop returns or raises


def running(journal: Journal) -> Incident | None:
    """The unfinished live draft with the latest alert, or None.

    A live draft is ``draft: true`` with ``times.source: live`` and no
    ``resolved_at``; the read-only sample never has one.
    """
    if journal.is_sample:
        return None
    open_drafts = [
        inc
        for inc in journal.load().incidents
        if inc.draft and inc.times.source == "live" and inc.times.resolved_at is None
    ]
    return max(open_drafts, key=lambda inc: (inc.times.alert_at, inc.id), default=None)


def _text(name: str, rule: MarkRule, words: str) -> str:
    words = words.strip()
    if rule.words == "none":
        words = ""
    elif rule.words == "required" and not words:
        msg = msgs.DRAFT_WORDS_NEEDED.format(mark=name)
        raise InvalidMark(msg)
    if rule.text is None:
        return words
    own = msgs.LIVE_EVENT_TEXTS[rule.text]
    if name.startswith("rollback-"):
        words = msgs.LIVE_ROLLBACK_ITEMS[int(name.rsplit("-", 1)[1])]
    return f"{own}: {words}" if words else (own if own.endswith(".") else own + ".")


def mark(
    journal: Journal,
    incident_id: str | None,
    name: str,
    words: str = "",
    *,
    service: str = "",
    clock: Callable[[], datetime] = now,
) -> Marked:
    """Add one timestamped mark to a live draft, under the journal's lock.

    Parameters
    ----------
    journal : Journal
    incident_id : str or None
        The draft; None means the running one (:func:`running`).
    name : str
        One of :data:`MARKS` (``"breathing"``, ``"broadcast"``, ``"step"``,
        ``"dead-end"``, ``"rollback-0"``, ``"mitigated"`` ...).
    words : str
        What the person typed: the message sent, the step, the dead end.
    service : str
        With ``"broadcast"``: the service named in the message, kept as the
        incident's service when it has none yet.
    clock : callable
        Gives the mark's time; it is called inside the lock.

    Returns
    -------
    Marked

    Raises
    ------
    InvalidMark
        For an unknown mark, missing words, or no running draft.
    UnknownIncident, ReadOnlyJournal, SaveFailed

    Examples
    --------
    >>> mark(journal, None, "dead-end", "restarted the pods")  # doctest: +SKIP
    """
    rule = MARKS.get(name)
    if rule is None:
        msg = msgs.DRAFT_UNKNOWN_MARK.format(mark=name, marks=", ".join(MARKS))
        raise InvalidMark(msg)
    text = _text(name, rule, words)
    if incident_id is None:
        draft = running(journal)
        if draft is None:
            raise InvalidMark(msgs.DRAFT_NONE_RUNNING)
        incident_id = draft.id
    result: list[Marked] = []

    def edit(current: Incident) -> Incident:
        at = clock()
        already = getattr(current.times, rule.time) if rule.time else None
        if rule.once and already is not None:
            result.append(Marked(current, already, name, added=False))
            return current
        data = current.to_data()
        times = data["times"]
        if rule.time is not None and rule.time not in times:
            times[rule.time] = at.isoformat()
        # The first deliberate press ends panic-to-action, unless a time is already
        # there (an earlier press, or one the person set); it counts only before
        # "mitigated", keeping the order valid.
        if (name in DELIBERATE_MARKS and "first_action_at" not in times
                and "mitigated_at" not in times):
            times["first_action_at"] = at.isoformat()
        if name in HANDS_ON_MARKS and "hands_on_at" not in times:
            times["hands_on_at"] = at.isoformat()
        _event(data, at, rule.kind, text, name)
        technique = rule.technique
        if name == "escalated" and at - current.times.alert_at >= TRIAGE:
            technique = "escalate_at_five"
        if technique is not None and technique not in data.get("techniques", []):
            data.setdefault("techniques", []).append(technique)
        if name == "broadcast" and service.strip() and not data.get("service"):
            data["service"] = service.strip()[:200]
        changed = validate_incident(data)
        result.append(Marked(changed, at, name))
        return changed

    saved = journal.change(incident_id, edit)
    done = result[-1]
    return Marked(saved, done.at, name, done.added)


def finish(
    journal: Journal,
    incident_id: str | None = None,
    *,
    clock: Callable[[], datetime] = now,
) -> Marked:
    """Record the resolution: the draft stops running and waits for the log form.

    Same as ``mark(journal, incident_id, "resolved")``; a draft already resolved is
    left as it is (``added`` False).
    """
    return mark(journal, incident_id, "resolved", clock=clock)


def event_mark(event: Event) -> str | None:
    """The mark of an event: its ``mark`` field, or, for a draft written before
    events carried one, the mark the kit's own text of that time stood for."""
    if event.mark is not None:
        return event.mark
    return legacy_mark(event.kind, event.text)


def marks(incident: Incident) -> set[str]:
    """Every mark in the incident's events."""
    return {m for m in (event_mark(e) for e in incident.events) if m is not None}


def root_cause_known(incident: Incident) -> bool:
    """True once a root cause was noted, or a second update (which names it) sent."""
    return bool({"root-cause", "update"} & marks(incident))


def triage_open(incident: Incident) -> bool:
    """Still in triage: no escalation, no root cause, not resolved."""
    return (
        incident.times.escalated_at is None
        and incident.times.resolved_at is None
        and not root_cause_known(incident)
    )
