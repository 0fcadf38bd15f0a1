"""The live companion: keep it open during an incident and every step gets its time.

``live_companion(journal)`` returns one calm column of large controls that walks a
person through the first minutes of an incident (stop, breathe, read the first error
line, one sentence, broadcast, five minutes of triage then escalate) and the next twenty
(a step on the problem, rollback first, second update, dead ends, mitigated, resolved).
The first deliberate press after the alert, whichever it is, stops the panic-to-action
clock (``times.first_action_at``; the rule lives in ``kit.draft``).

How it keeps time without tying up the kernel
---------------------------------------------
- Timestamps are taken in the kernel, as timezone-aware local time, when a button is
  pressed (``datetime.now().astimezone()``), and written at once to the draft incident
  with ``Journal.change`` (read-edit-write under the journal's lock, atomic file
  replace). A closed tab or a dead kernel loses at most the action in flight.
- The breathing pacer is a CSS animation inside an HTML widget: it runs in the browser
  alone and needs nothing from the kernel.
- The clock, the two-minute hands-off timer and the five-minute triage timer are
  ``ipywidgets.Play`` widgets ticking once a second *in the browser*; their progress
  bars are ``jslink``-ed to them, so they move even while the kernel is busy. Each tick
  is synced to the kernel, which only updates the "time left" words.
- "Triage ran out" is detected two ways, whichever comes first: the triage ``Play``
  reaching its maximum (300 s) in the browser syncs that value to the kernel, whose
  observer then suggests escalating; and every action (and every reopening) compares
  the kernel's clock with ``alert_at + 5 min``. Either way the suggestion appears once,
  unless a root cause was noted or an escalation recorded; a ``timer`` event records
  that the five minutes passed.
- ``Play`` widgets start only on a change of ``playing`` while a view exists, so a
  resumed companion tracks ``_view_count`` and starts its clocks once it is shown.

Resuming
--------
``live_companion(journal)`` looks for the latest unfinished live draft
(``kit.draft.running``) and continues it; "Start a new incident" goes back to the alert
button. State that is not a field of the record (a root cause noted, the rollback
ticks) is read back from the marks of the events the companion wrote
(``kit.draft.marks``), never from their words. Every write goes through
``kit.draft``; this module only draws the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import draft
from .. import messages as msg
from .._text import clock as clock_text
from .._text import hm, hms
from .._text import html_escape as esc
from ..errors import KitError
from ..journal import Journal
from ..record import Incident
from ._common import local_now
from .live_layout import HANDS_OFF_SECONDS, TRIAGE_SECONDS, LiveLayout
from .pacer import pacer_html

__all__ = ["live_companion", "LiveCompanion", "latest_live_draft", "TRIAGE_SECONDS"]

_TEXTS = msg.LIVE_EVENT_TEXTS
# What the status line calls each mark once it is saved.
_SAID = {
    "breathing": _TEXTS["breathing"],
    "hands-off": _TEXTS["hands_off"],
    "read-error": _TEXTS["read_error"],
    "broken": _TEXTS["broken"],
    "broadcast": msg.EVENT_KIND_LABELS["update"],
    "root-cause": _TEXTS["root_cause"],
    "triage-up": _TEXTS["triage_up"],
    "escalated": _TEXTS["escalated"],
    "step": msg.EVENT_KIND_LABELS["action"],
    "update": msg.EVENT_KIND_LABELS["update"],
    "dead-end": msg.EVENT_KIND_LABELS["dead-end"],
    "mitigated": msg.LIVE_MITIGATED_BUTTON,
    "resolved": msg.LIVE_RESOLVED_BUTTON,
    **{f"rollback-{n}": _TEXTS["checklist"] for n in range(draft.ROLLBACK_STEPS)},
}
_NOTHING_TYPED = msg.FORM_NOT_SAVED.format(reason=msg.LIVE_NOTHING_TYPED)


def live_companion(
    journal: Journal | None = None, *, clock: Callable[[], datetime] | None = None
) -> LiveCompanion:
    """The live companion widget for notebook 01.

    Parameters
    ----------
    journal : kit.Journal, optional
        Where the draft incident is written (default: ``kit.Journal()``, your journal).
    clock : callable, optional
        Returns the current time, timezone-aware. Default: this computer's local time.
        Tests pass a fake clock.

    Returns
    -------
    LiveCompanion
        An ``ipywidgets.VBox``. ``.controls`` holds every widget by name, ``.status``
        says what was saved, ``.incident_id`` is the draft being written (or None).
        When your journal holds an unfinished live draft, the companion continues it.

    Examples
    --------
    >>> import kit
    >>> companion = kit.forms.live_companion(kit.Journal(JOURNAL))  # doctest: +SKIP
    >>> companion                                                   # doctest: +SKIP
    """
    return LiveCompanion(journal if journal is not None else Journal(), clock=clock)


def latest_live_draft(journal: Journal) -> Incident | None:
    """The unfinished live draft with the latest alert, or None (``draft.running``)."""
    return draft.running(journal)


class LiveCompanion(LiveLayout):
    """The live companion (see ``live_companion``).

    Attributes
    ----------
    journal : kit.Journal
    incident_id : str or None
        The draft incident every action is written to.
    controls : dict[str, ipywidgets.Widget]
        Start: ``title``, ``service``, ``alert_time``, ``alert``, ``continue``.
        Running: ``header``, ``clock``, ``clock_play``, ``new_incident``;
        ``breathe``, ``pacer``, ``hands_off``, ``hands_off_play``, ``hands_off_bar``,
        ``hands_off_note``; ``error_line``, ``read_error``; ``broken``,
        ``keep_broken``; ``bc_symptom``, ``bc_service``, ``bc_users``, ``bc_preview``,
        ``broadcast``, ``broadcast_note``; ``triage_play``, ``triage_bar``,
        ``triage_note``, ``triage_up``, ``root_cause``, ``escalate_to``, ``escalate``;
        ``step_text``, ``step``, ``step_note``; ``rollback_0`` ... ``rollback_4``;
        ``up_cause``, ``up_fix``, ``up_eta``, ``up_preview``, ``send_update``;
        ``dead_end_text``, ``dead_end``; ``mitigated``, ``resolved``, ``end_note``;
        ``timeline``; ``status``.
    """

    def __init__(
        self, journal: Journal, *, clock: Callable[[], datetime] | None = None
    ):
        super().__init__()
        self.journal = journal
        self._system_clock = clock is None
        self._now = clock or local_now
        self.incident_id: str | None = None
        self._alert_at: datetime | None = None
        self._pacer_runs = 0
        self._loading = False
        self._want_playing: set[str] = set()
        self._continue_id: str | None = None
        self._correcting = False
        self._build()
        waiting = draft.running(journal)
        if waiting is not None:
            self._attach(waiting, resumed=True)
        else:
            self._show_start(None)

    # --- clocks (front-end Play widgets) ---
    def _run(self, name: str, value: float) -> None:
        """Start the browser-side ``Play`` called ``name`` at ``value`` seconds."""
        play = self.controls[name]
        play.value = max(0, min(int(value), play.max))
        self._want_playing.add(name)
        if play._view_count:
            play.playing = False  # a change False -> True is what starts it
            play.playing = True

    def _halt(self, name: str) -> None:
        self._want_playing.discard(name)
        self.controls[name].playing = False

    def _on_shown(self, name: str) -> None:
        play = self.controls[name]
        if name in self._want_playing and play._view_count and not play.playing:
            play.playing = True

    def _elapsed(self) -> float:
        if self._alert_at is None:
            return 0.0
        return (self._now() - self._alert_at).total_seconds()

    def _on_clock_tick(self, change: dict) -> None:
        if self._alert_at is None:
            return
        elapsed = self._elapsed()
        play = self.controls["clock_play"]
        if abs(play.value - elapsed) > 3 and not self._correcting:
            # A throttled background tab fell behind: catch up (once, no recursion).
            self._correcting = True
            try:
                play.value = int(min(elapsed, play.max))
            finally:
                self._correcting = False
        self.controls["clock"].value = esc(
            msg.LIVE_CLOCK.format(elapsed=clock_text(elapsed))
        )

    def _on_hands_off_tick(self, change: dict) -> None:
        left = HANDS_OFF_SECONDS - int(change["new"])
        note = self.controls["hands_off_note"]
        if left <= 0:
            self._want_playing.discard("hands_off_play")
            note.value = esc(msg.LIVE_HANDS_OFF_DONE)
        elif "hands_off_play" in self._want_playing:
            note.value = esc(msg.LIVE_HANDS_OFF_LEFT.format(left=clock_text(left)))

    def _on_triage_tick(self, change: dict) -> None:
        if self._loading or "triage_play" not in self._want_playing:
            return
        value = int(change["new"])
        if value >= TRIAGE_SECONDS:
            # The browser's five minutes ran out: that is the trigger.
            self._want_playing.discard("triage_play")
            self._triage_check(ran_out=True)
        else:
            self.controls["triage_note"].value = esc(
                msg.LIVE_TRIAGE_LEFT.format(left=clock_text(TRIAGE_SECONDS - value))
            )

    # --- panels ---
    def _show_start(self, waiting: Incident | None) -> None:
        self.incident_id, self._alert_at = None, None
        for name in ("clock_play", "hands_off_play", "triage_play"):
            self._halt(name)
        waiting = waiting or draft.running(self.journal)
        self._continue_id = waiting.id if waiting else None
        if waiting:
            self.controls["continue_help"].value = esc(
                msg.LIVE_CONTINUE_HELP.format(
                    title=waiting.title, time=hm(waiting.times.alert_at)
                )
            )
        self.show(self.controls["continue_help"], waiting is not None)
        self.show(self.controls["continue"], waiting is not None)
        self.show(self._start_panel, True)
        self.show(self._run_panel, False)
        if self.journal.read_only:
            self.controls["alert"].disabled = True
            self.say(msg.FORM_READ_ONLY)

    def _attach(self, inc: Incident, *, resumed: bool) -> None:
        """Show the running panel for ``inc`` and restore what the record says."""
        self.incident_id, self._alert_at = inc.id, inc.times.alert_at
        self._loading = True
        try:
            for name in (
                "error_line",
                "broken",
                "bc_symptom",
                "bc_users",
                "up_cause",
                "up_fix",
                "up_eta",
                "dead_end_text",
                "step_text",
                "escalate_to",
            ):
                self.controls[name].value = ""
            self.controls["bc_service"].value = inc.service
            done = draft.marks(inc)
            for number in range(len(msg.LIVE_ROLLBACK_ITEMS)):
                ticked = f"rollback-{number}" in done
                self.controls[f"rollback_{number}"].value = ticked
            for name in (
                "pacer",
                "hands_off_note",
                "triage_note",
                "triage_up",
                "end_note",
                "error_note",
                "broken_note",
                "rollback_note",
                "update_note",
                "dead_end_note",
            ):
                self.controls[name].value = ""
            self.controls["hands_off_play"].value = 0
            self.show(self.controls["triage_up"], False)
            self.show(self.controls["hands_off_bar"], False)
        finally:
            self._loading = False
        self.show(self._start_panel, False)
        self.show(self._run_panel, True)
        elapsed = self._elapsed()
        self._run("clock_play", elapsed)
        self._on_clock_tick({"new": elapsed})
        self._refresh(inc)
        self.follow(draft.marks(inc), not self._triage_open(inc), jump=True)
        if self._triage_open(inc) and elapsed < TRIAGE_SECONDS:
            self._run("triage_play", elapsed)
            self._on_triage_tick({"new": int(elapsed)})
        self._triage_check()
        self.say(msg.LIVE_RESUMED if resumed else msg.LIVE_STARTED)

    # --- recording ---
    def _tell(self, near: str | None, text: str) -> None:
        """Say ``text`` on the status line and next to the button just pressed."""
        self.say(text)
        if near is not None:
            self.controls[near].value = esc(text)

    def _mark(
        self, name: str, words: str = "", near: str | None = None, **extra: Any
    ) -> draft.Marked | None:
        """Write the mark ``name`` to the draft (``kit.draft.mark``) and say so.

        ``near`` names the message widget under the pressed button, where the result
        is repeated (the status line is far away on a long page).
        """
        if self.incident_id is None:
            return None
        before = self._current()
        had_first = before is not None and before.times.first_action_at is not None
        try:
            done = draft.mark(self.journal, self.incident_id, name, words,
                              clock=self._now, **extra)
        except KitError as error:
            self._tell(near, msg.FORM_NOT_SAVED.format(reason=str(error)))
            return None
        what = _SAID[name]
        first = done.incident.times.first_action_at
        if done.added and first is not None and first == done.at and not had_first:
            # this press was the first deliberate step: say so, kindly
            self._tell(near, msg.FORM_SAVED_AT.format(
                time=hms(done.at), what=what.rstrip(".")) + " "
                + msg.LIVE_FIRST_DELIBERATE.format(time=hms(first)))
        elif done.added:
            self._tell(near, msg.FORM_SAVED_AT.format(
                time=hms(done.at), what=what.rstrip(".")))
        else:
            self._tell(near, msg.LIVE_ALREADY.format(what=what, time=hms(done.at)))
        self._refresh(done.incident)
        if name != "triage-up":
            self._triage_check()
        return done

    def _current(self) -> Incident | None:
        if self.incident_id is None:
            return None
        try:
            return self.journal.get(self.incident_id)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return None

    def _refresh(self, inc: Incident) -> None:
        """Bring the header, the notes and the timeline in line with the record."""
        c, t = self.controls, inc.times
        c["header"].value = esc(
            msg.LIVE_HEADER.format(title=inc.title, time=hm(t.alert_at))
        )
        c["broadcast_note"].value = (
            esc(msg.LIVE_BROADCAST_SENT.format(time=hms(t.broadcast_at)))
            if t.broadcast_at
            else ""
        )
        c["step"].description = (
            msg.LIVE_STEP_AGAIN_BUTTON if t.hands_on_at else msg.LIVE_STEP_BUTTON
        )
        c["step_note"].value = (
            esc(msg.LIVE_STEP_RECORDED.format(time=hms(t.hands_on_at)))
            if t.hands_on_at
            else ""
        )
        c["mitigated"].disabled = (
            t.mitigated_at is not None or t.resolved_at is not None
        )
        c["resolved"].disabled = t.resolved_at is not None
        if t.resolved_at is not None:
            c["end_note"].value = esc(
                msg.LIVE_RESOLVED_NEXT.format(time=hms(t.resolved_at))
            )
        elif t.mitigated_at is not None:
            c["end_note"].value = esc(
                msg.LIVE_ALREADY.format(
                    what=msg.LIVE_MITIGATED_BUTTON, time=hms(t.mitigated_at)
                )
            )
        if t.escalated_at is not None:
            c["triage_note"].value = esc(
                msg.LIVE_TRIAGE_ESCALATED.format(time=hms(t.escalated_at))
            )
        elif draft.root_cause_known(inc):
            found = next(
                (e.at for e in inc.events if draft.event_mark(e) == "root-cause"),
                None,
            )
            if found is not None:
                c["triage_note"].value = esc(
                    msg.LIVE_TRIAGE_FOUND.format(time=hms(found))
                )
        if not self._triage_open(inc):
            c["triage_up"].value = ""
            self.show(c["triage_up"], False)
            self._halt("triage_play")
            if t.escalated_at is None and not draft.root_cause_known(inc):
                c["triage_note"].value = ""  # resolved within the five minutes
        c["timeline"].value = self._timeline(inc)
        self.follow(draft.marks(inc), not self._triage_open(inc))

    @staticmethod
    def _timeline(inc: Incident) -> str:
        if not inc.events:
            return esc(msg.LIVE_TIMELINE_EMPTY)
        items = []
        for event in inc.events:
            kind = msg.EVENT_KIND_LABELS.get(event.kind, event.kind)
            text = f" · {esc(event.text)}" if event.text else ""
            items.append(f"<li><b>{esc(hms(event.at))}</b> · {esc(kind)}{text}</li>")
        return '<ol class="kit-timeline">' + "".join(items) + "</ol>"

    # --- triage ---
    @staticmethod
    def _triage_open(inc: Incident) -> bool:
        """Still in triage: no escalation, no root cause, not resolved."""
        return draft.triage_open(inc)

    def _triage_check(self, *, ran_out: bool = False) -> None:
        """Suggest escalating once five minutes of open triage have passed."""
        inc = self._current()
        if inc is None or not self._triage_open(inc):
            return
        if not ran_out and self._elapsed() < TRIAGE_SECONDS:
            return
        c = self.controls
        self._halt("triage_play")
        c["triage_play"].value = TRIAGE_SECONDS
        c["triage_note"].value = ""
        c["triage_up"].value = esc(msg.LIVE_TRIAGE_UP)
        self.show(c["triage_up"], True)
        if "triage-up" not in draft.marks(inc):
            self._mark("triage-up")

    # --- handlers ---
    def _alert(self) -> None:
        c = self.controls
        if self.journal.read_only:
            self.say(msg.FORM_READ_ONLY)
            return
        now = self._now()
        try:
            alert = draft.alert_time(c["alert_time"].value, now,
                                     local_rules=self._system_clock)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        try:
            inc = draft.start(self.journal, alert_at=alert, title=c["title"].value,
                              service=c["service"].value,
                              recalled=bool(c["alert_time"].value.strip()),
                              clock=lambda: now)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        for name in ("title", "service", "alert_time"):
            c[name].value = ""
        self._attach(inc, resumed=False)

    def _continue(self) -> None:
        if self._continue_id is None:
            return
        try:
            inc = self.journal.get(self._continue_id)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        self._attach(inc, resumed=True)

    def _new_incident(self) -> None:
        inc = self._current()
        open_draft = inc if inc is not None and inc.times.resolved_at is None else None
        self._show_start(open_draft)
        self.say("")

    def _breathe(self) -> None:
        self._pacer_runs += 1
        self.controls["pacer"].value = pacer_html(self._pacer_runs)
        self._mark("breathing", near="hands_off_note")

    def _hands_off(self) -> None:
        self._run("hands_off_play", 0)
        self.show(self.controls["hands_off_bar"], True)
        if self._mark("hands-off", near="hands_off_note"):
            self.controls["hands_off_note"].value = esc(msg.LIVE_HANDS_OFF_HELP)

    def _read_error(self) -> None:
        self._mark("read-error", self.controls["error_line"].value, near="error_note")

    def _keep_broken(self) -> None:
        sentence = self.controls["broken"].value.strip()
        if not sentence:
            self._tell("broken_note", _NOTHING_TYPED)
            return
        self._mark("broken", sentence, near="broken_note")

    @staticmethod
    def _blank(value: str) -> str:
        """A field's words for a template: trimmed, without a closing full stop."""
        value = value.strip()
        return value[:-1].rstrip() if value.endswith(".") else value

    def _broadcast_text(self) -> str | None:
        c = self.controls
        parts = {
            k: self._blank(c[f"bc_{k}"].value) for k in ("symptom", "service", "users")
        }
        if not all(parts.values()):
            return None
        return msg.LIVE_BROADCAST_TEMPLATE.format(**parts)

    def _update_text(self) -> str | None:
        c = self.controls
        parts = {
            "cause": self._blank(c["up_cause"].value),
            "fix": self._blank(c["up_fix"].value),
            "eta": self._blank(c["up_eta"].value),
        }
        if not all(parts.values()):
            return None
        return msg.LIVE_UPDATE_TEMPLATE.format(**parts)

    def _compose(self, change: dict | None = None) -> None:
        """Fill the two message templates from their fields (kernel-side echo)."""
        c, blank = self.controls, msg.LIVE_BROADCAST_BLANK
        bc = {
            k: self._blank(c[f"bc_{k}"].value) or blank
            for k in ("symptom", "service", "users")
        }
        c["bc_preview"].value = esc(msg.LIVE_BROADCAST_TEMPLATE.format(**bc))
        up = {
            "cause": self._blank(c["up_cause"].value) or blank,
            "fix": self._blank(c["up_fix"].value) or blank,
            "eta": self._blank(c["up_eta"].value) or blank,
        }
        c["up_preview"].value = esc(msg.LIVE_UPDATE_TEMPLATE.format(**up))

    def _broadcast(self) -> None:
        text = self._broadcast_text()
        if text is None:
            self._tell("broadcast_note", _NOTHING_TYPED)
            return
        service = self._blank(self.controls["bc_service"].value)
        self._mark("broadcast", text, near="broadcast_note", service=service)

    def _root_cause(self) -> None:
        self._halt("triage_play")
        self._mark("root-cause", near="triage_note")

    def _escalate(self) -> None:
        self._halt("triage_play")
        self._mark("escalated", self.controls["escalate_to"].value, near="triage_note")

    def _step(self) -> None:
        field = self.controls["step_text"]
        if self._mark("step", field.value, near="step_note"):
            field.value = ""

    def _ticked(self, number: int, change: dict) -> None:
        if self._loading or not change["new"]:
            return
        self._mark(f"rollback-{number}", near="rollback_note")

    def _send_update(self) -> None:
        text = self._update_text()
        if text is None:
            self._tell("update_note", _NOTHING_TYPED)
            return
        self._mark("update", text, near="update_note")

    def _dead_end(self) -> None:
        field = self.controls["dead_end_text"]
        text = field.value.strip()
        if not text:
            self._tell("dead_end_note", _NOTHING_TYPED)
            return
        if self._mark("dead-end", text, near="dead_end_note") is not None:
            field.value = ""

    def _mitigated(self) -> None:
        self._mark("mitigated", near="end_note")

    def _resolved(self) -> None:
        done = self._mark("resolved", near="end_note")
        if done is not None and done.incident.times.resolved_at is not None:
            for name in ("clock_play", "hands_off_play", "triage_play"):
                self._halt(name)
