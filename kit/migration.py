"""Schema migrations, and the live marks whose meaning a migration relies on.

Older records load (migrated in memory, by ``Incident``'s validator) and are written
in the current shape only when the person saves them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = ["DELIBERATE_MARKS", "HANDS_ON_MARKS", "legacy_mark", "migrate"]

# Live marks (``kit.draft.MARKS``) that are a step chosen on purpose: the first of
# them ends freezing or thrashing and sets ``first_action_at``. Breathing, the
# hands-off timer, reading the error aloud, writing the one sentence, broadcasting and
# escalating count as much as a step on the problem. A dead end is a step on the
# problem but not necessarily a chosen one (thrashing makes dead ends too), so it only
# counts as hands-on.
DELIBERATE_MARKS = frozenset(
    ["breathing", "hands-off", "read-error", "broken", "broadcast", "escalated",
     "step", "update", *(f"rollback-{n}" for n in range(5))]
)
# Live marks that are hands-on work on the problem: the first sets ``hands_on_at``,
# which ends triage in the 5 / 20 / 20 phase view.
HANDS_ON_MARKS = frozenset(["step", "dead-end", *(f"rollback-{n}" for n in range(5))])


def _moment(value: Any) -> datetime | None:
    """An aware datetime from a record's raw value, or None when it is not one."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo is not None else None


def migrate(data: Any) -> Any:
    """Raw data of an older schema in the current shape (a copy; the file is not
    touched; the new shape is written only when the incident is saved).

    Schema 1 to 2: the new fields are optional, so a schema-1 record is a valid
    schema-2 record with ``schema: 2``. One thing changed meaning: schema 1's live
    companion set ``first_action_at`` at the "step" button, a hands-on step, after
    any breathing, hands-off timer or broadcast. For a live record whose
    ``first_action_at`` is that step's time, ``hands_on_at`` becomes the first
    hands-on event up to that step, and ``first_action_at`` moves to the first
    deliberate event before it, if there was one (see ``DELIBERATE_MARKS``).
    Recalled and imported times, and times typed in the log form, are the person's
    own answer and stay as they are.

    Examples
    --------
    >>> migrate({"schema": 1, "id": "x"})["schema"]
    2
    """
    if not isinstance(data, dict) or data.get("schema") != 1:
        return data
    data = {**data, "schema": 2}
    times, events = data.get("times"), data.get("events")
    if not isinstance(times, dict) or not isinstance(events, list):
        return data
    first = _moment(times.get("first_action_at"))
    if first is None or "hands_on_at" in times or times.get("source") != "live":
        return data
    seen: list[tuple[datetime, str]] = []
    for event in events:
        if isinstance(event, dict):
            at = _moment(event.get("at"))
            name = _schema1_mark(event)
            if at is not None and name is not None:
                seen.append((at, name))
    if not any(at == first and name == "step" for at, name in seen):
        return data  # set by hand in the log form: the person's own answer
    hands_on = [at for at, name in seen if name in HANDS_ON_MARKS and at <= first]
    chosen = [at for at, name in seen if name in DELIBERATE_MARKS and at < first]
    times = {**times, "hands_on_at": min(hands_on).isoformat()}
    if chosen:
        times["first_action_at"] = min(chosen).isoformat()
    data["times"] = times
    return data


# Live drafts saved before events carried a mark: the exact texts the companion
# wrote then. A frozen record of an old file format, not words shown to anyone;
# never edit.
_LEGACY_TEXTS = {
    "Five-minute triage clock started from the alert.": "triage-started",
    "Box breathing with the pacer.": "breathing",
    "Two minutes hands-off started.": "hands-off",
    "Root cause found.": "root-cause",
    "Five minutes of triage passed without a root cause.": "triage-up",
    "Mitigated: users no longer affected.": "mitigated",
    "Resolved.": "resolved",
    "Checklist: Checked for a recent deploy or config change that can be rolled back":
        "rollback-0",
    "Checklist: Rolled back, or decided a rollback does not apply": "rollback-1",
    "Checklist: No rollback: isolated the one commit or config that changed":
        "rollback-2",
    "Checklist: Fixing only that one thing, no refactoring": "rollback-3",
    "Checklist: Tried the fix on staging first": "rollback-4",
}
_LEGACY_PREFIXES = (
    ("note", "Read the first error line aloud", "read-error"),
    ("note", "What is actually broken", "broken"),
    ("action", "Escalated", "escalated"),
    ("update", "Root cause: ", "update"),  # the old second-update template
)


def legacy_mark(kind: object, text: object) -> str | None:
    """The mark an event written before events carried one stood for, from the kit's
    own words of that time (its kind and text); None when it stood for none."""
    if not isinstance(text, str):
        return None
    found = _LEGACY_TEXTS.get(text)
    if found is not None:
        return found
    for old_kind, prefix, name in _LEGACY_PREFIXES:
        if kind == old_kind and text.startswith(prefix):
            return name
    return None


def _schema1_mark(event: dict[str, Any]) -> str | None:
    """The mark of a schema-1 event (its ``mark``, or what its kind and the kit's
    own old words stood for); an unmarked action is a step, an update a broadcast."""
    mark = event.get("mark")
    if isinstance(mark, str):
        return mark
    kind, text = event.get("kind"), event.get("text", "")
    if not isinstance(text, str):
        return None
    found = legacy_mark(kind, text)
    if found is not None:
        return found
    return {"action": "step", "update": "broadcast", "dead-end": "dead-end",
            "breathing": "breathing"}.get(kind) if isinstance(kind, str) else None
