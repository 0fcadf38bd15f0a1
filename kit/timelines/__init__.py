"""Times from your incident tool: turn an exported timeline into an incident's times.

A panic-to-action time recalled days later is a guess; the incident tool already holds
the true alert and acknowledgement times. This package reads what the tool exported,
shows what would change in your journal (:func:`plan_import`), and saves only when
asked (:func:`import_into`). A time you typed is never replaced unless you ask for that
field by name. The form for notebook 02 is ``kit.forms.import_form``.

How it is built
---------------
- :mod:`~kit.timelines.timeline`: the common shape (``Timeline`` of
  ``TimelineEvent``) and what readers share.
- One reader per tool, each a function ``Source -> Timeline``:
  :mod:`~kit.timelines.plain` (``csv``, the plain ``time,event,text`` CSV) and
  :mod:`~kit.timelines.pagerduty` (``pagerduty-log-entries`` JSON and
  ``pagerduty-incidents-csv``). Their docstrings describe each format.
- :mod:`~kit.timelines.slack`: a Slack workspace export (a folder or ``.zip``, not
  one file), read by ``slack.proposals``/``slack.read_slack`` since it needs the
  channel and the person; the form sends such paths there.
- :mod:`~kit.timelines.choice`: every event that could give a time, and choosing
  another one (the second escalation, the first all-clear).
- :mod:`~kit.timelines.reading`: chooses the reader (``READERS``, ``guess_kind``) and
  checks the file's own order.
- :mod:`~kit.timelines.plan`: the plan, then the save.

The acknowledgement
-------------------
Pressing "acknowledge" tells the tool someone has seen the page; it is often a reflex
in the first seconds, not the first deliberate step the kit asks about. It is offered
as ``first_action_at`` only when the file has no ``first_action``, is labelled
"acknowledged in the tool" in the preview, and is left out with
``skip=["first_action_at"]``.

Which time is used when an event repeats: the earliest alert, acknowledgement, first
action, broadcast, escalation and mitigation, and the latest resolution (an incident
re-opened and resolved again ended at the last one).

Rules for your journal
----------------------
For each time in the file the plan shows the time in your journal now, the tool's time
and what will happen: ``add`` (you had none), ``same``, ``conflict kept`` (the journal
holds a different time, and it stays) or ``replace`` (only when you name the field in
``overwrite=``). This holds even when the journal's times were imported before: the
record keeps one ``source`` for all its times, so the kit cannot tell an imported time
from one corrected by hand afterwards, and it never guesses. Once anything is added or
replaced, ``times.source`` becomes ``"imported"``. Notes are added once: a note
already in the log at the same moment with the same text is not added again.

Bad files raise ``kit.InvalidTimeline`` naming the file, the row (counted as a
spreadsheet counts them: the header is row 1) or the log entry (the first is 1), the
column or field, and the fix; nothing is saved. Messages never quote a cell: a cell may
hold someone's private note.
"""

from __future__ import annotations

from ..record import TIME_FIELDS
from .plan import (
    ADD,
    KEPT,
    REPLACE,
    SAME,
    SKIP,
    ImportPlan,
    PlannedNote,
    PlannedTime,
    import_into,
    plan_import,
    save_plan,
)
from .reading import KINDS, READERS, Reader, guess_kind, parse_timeline, read_timeline
from .timeline import (
    EVENT_ALIASES,
    EVENTS,
    MAX_TIMELINE_BYTES,
    MAX_TIMELINE_ROWS,
    ORIGINS,
    Source,
    Timeline,
    TimelineEvent,
)

__all__ = [
    "KINDS",
    "READERS",
    "EVENTS",
    "EVENT_ALIASES",
    "ORIGINS",
    "TIME_FIELDS",
    "MAX_TIMELINE_BYTES",
    "MAX_TIMELINE_ROWS",
    "ADD",
    "SAME",
    "KEPT",
    "REPLACE",
    "SKIP",
    "Reader",
    "Source",
    "TimelineEvent",
    "Timeline",
    "PlannedTime",
    "PlannedNote",
    "ImportPlan",
    "guess_kind",
    "read_timeline",
    "parse_timeline",
    "plan_import",
    "import_into",
    "save_plan",
]
