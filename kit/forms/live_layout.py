"""The live companion's widgets and their order on the page (``LiveLayout``).

What each control does is in :mod:`kit.forms.live`; this module only builds the two
panels (start, running) and the browser-side clocks: ``ipywidgets.Play`` widgets that
tick once a second in the browser, with progress bars ``jslink``-ed to them so they
move even while the kernel is busy.

The focus view
--------------
When attention narrows, a long page of steps is one more thing to search. The running
panel shows one step at a time, large, with its one main action; "Next" (44 px high,
the first control after the step) moves on, "Back" returns, and "Show every step"
unfolds the whole page. A step is done once the record holds one of its marks
(``STEP_MARKS``, read with ``kit.draft.marks``, never from words); done steps are
listed under the step and their entries stay in the timeline. Reopening a draft shows
the first step not yet done. The five-minute triage suggestion sits above the step, so
it is seen whichever step is open.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from .. import draft
from .. import messages as msg
from ._common import FORM_CSS, Form, esc

__all__ = ["LiveLayout", "HANDS_OFF_SECONDS", "TRIAGE_SECONDS", "STEP_MARKS"]

TRIAGE_SECONDS = int(draft.TRIAGE.total_seconds())
HANDS_OFF_SECONDS = 2 * 60
_CLOCK_MAX_SECONDS = 24 * 3600
# The marks (``kit.draft.marks``) that make a step done; dead ends are never done,
# and triage is also done once it closes (escalated, a root cause, resolved).
STEP_MARKS: dict[str, frozenset[str]] = {
    "breathe": frozenset({"breathing", "hands-off"}),
    "error": frozenset({"read-error"}),
    "broken": frozenset({"broken"}),
    "broadcast": frozenset({"broadcast"}),
    "triage": frozenset({"root-cause", "escalated"}),
    "step": frozenset({"step"}),
    "rollback": frozenset(f"rollback-{n}" for n in range(draft.ROLLBACK_STEPS)),
    "update": frozenset({"update"}),
    "dead_end": frozenset(),
    "end": frozenset({"resolved"}),
}

# The running panel's steps, in order: the heading, the help, and the controls shown,
# by name (a tuple of names is one row).
_STEPS: dict[str, tuple[str, str, tuple[str | tuple[str, ...], ...]]] = {
    "breathe": (msg.LIVE_BREATHE_HEADING, msg.LIVE_BREATHE_HELP,
                (("breathe", "hands_off"), "pacer", "hands_off_bar", "hands_off_note")),
    "error": (msg.LIVE_ERROR_HEADING, msg.LIVE_ERROR_HELP,
              ("error_line", "read_error", "error_note")),
    "broken": (msg.LIVE_BROKEN_HEADING, msg.LIVE_BROKEN_HELP,
               ("broken", "keep_broken", "broken_note")),
    "broadcast": (msg.LIVE_BROADCAST_HEADING, msg.LIVE_BROADCAST_HELP,
                  ("bc_symptom", "bc_service", "bc_users", "bc_preview", "broadcast",
                   "broadcast_note")),
    "triage": (msg.LIVE_TRIAGE_HEADING, msg.LIVE_TRIAGE_HELP,
               ("triage_bar", "triage_note", "root_cause", "escalate_to", "escalate")),
    "step": (msg.LIVE_STEP_HEADING, msg.LIVE_STEP_HELP,
             ("step_text", "step", "step_note")),
    "rollback": (msg.LIVE_ROLLBACK_HEADING, msg.LIVE_ROLLBACK_HELP,
                 (*(f"rollback_{n}" for n in range(len(msg.LIVE_ROLLBACK_ITEMS))),
                  "rollback_note")),
    "update": (msg.LIVE_UPDATE_HEADING, msg.LIVE_UPDATE_HELP,
               ("up_cause", "up_fix", "up_eta", "up_preview", "send_update",
                "update_note")),
    "dead_end": (msg.LIVE_DEAD_END_HEADING, msg.LIVE_DEAD_END_HELP,
                 ("dead_end_text", "dead_end", "dead_end_note")),
    "end": (msg.LIVE_END_HEADING, msg.LIVE_END_HELP,
            (("mitigated", "resolved"), "end_note")),
}


class LiveLayout(Form):
    """The live companion's controls and panels; the handlers (``_alert``,
    ``_breathe`` ...) are those of :class:`kit.forms.live.LiveCompanion`."""

    # --- building ---
    def _build(self) -> None:
        c = self.controls
        style = widgets.HTML(FORM_CSS)

        # Start: the alert button.
        self.text("title", msg.LIVE_TITLE_PLACEHOLDER, label=msg.LIVE_TITLE_PROMPT)
        self.text(
            "service", msg.LIVE_SERVICE_PLACEHOLDER, label=msg.LIVE_SERVICE_PROMPT
        )
        self.text(
            "alert_time",
            msg.LIVE_ALERT_TIME_PLACEHOLDER,
            label=msg.LIVE_ALERT_TIME_PROMPT,
        )
        c["alert_time"].layout.width = "min(420px, 100%)"
        self.button("alert", msg.LIVE_ALERT_BUTTON, primary=True, on_click=self._alert)
        self.message("continue_help", "kit-help")
        self.button("continue", msg.LIVE_CONTINUE_BUTTON, on_click=self._continue)
        self._start_panel = widgets.VBox(
            [
                self.heading(msg.LIVE_START_HEADING),
                self.hint(msg.LIVE_START_HELP),
                c["alert"],
                c["title"],
                c["service"],
                c["alert_time"],
                c["continue_help"],
                c["continue"],
            ]
        )

        # Running: the header and the clock.
        self.message("header", "kit-help")
        self.message("clock", "kit-clock")
        self._play("clock_play", _CLOCK_MAX_SECONDS, self._on_clock_tick)
        self.button("new_incident", msg.LIVE_NEW_BUTTON, on_click=self._new_incident)

        # 1. Breathe.
        self.button(
            "breathe", msg.LIVE_BREATHE_BUTTON, primary=True, on_click=self._breathe
        )
        self.message("pacer", "kit-pacer-holder")
        self.button("hands_off", msg.LIVE_HANDS_OFF_BUTTON, on_click=self._hands_off)
        self._play("hands_off_play", HANDS_OFF_SECONDS, self._on_hands_off_tick)
        self._bar("hands_off_bar", "hands_off_play", HANDS_OFF_SECONDS)
        self.message("hands_off_note")
        # 2. Read the first error line.
        self.text("error_line", msg.LIVE_ERROR_PLACEHOLDER)
        self.button("read_error", msg.LIVE_ERROR_BUTTON, on_click=self._read_error)
        self.message("error_note")
        # 3. One sentence.
        self.text("broken", msg.LIVE_BROKEN_PLACEHOLDER)
        self.button("keep_broken", msg.LIVE_BROKEN_BUTTON, on_click=self._keep_broken)
        self.message("broken_note")
        # 4. Broadcast.
        self._template(
            {"bc_symptom": msg.LIVE_BROADCAST_SYMPTOM,
             "bc_service": msg.LIVE_BROADCAST_SERVICE,
             "bc_users": msg.LIVE_BROADCAST_USERS},
            preview="bc_preview", send=("broadcast", msg.LIVE_BROADCAST_BUTTON),
            on_click=self._broadcast, note="broadcast_note", primary=True,
        )
        # 5. Triage.
        self._play("triage_play", TRIAGE_SECONDS, self._on_triage_tick)
        self._bar("triage_bar", "triage_play", TRIAGE_SECONDS)
        self.message("triage_note")
        self.message("triage_up", "kit-preview")
        self.button(
            "root_cause", msg.LIVE_TRIAGE_FOUND_BUTTON, on_click=self._root_cause
        )
        self.text("escalate_to", msg.LIVE_ESCALATE_PLACEHOLDER)
        self.button("escalate", msg.LIVE_ESCALATE_BUTTON, on_click=self._escalate)
        # 6. First deliberate step.
        self.text("step_text", msg.LIVE_STEP_PLACEHOLDER)
        self.button("step", msg.LIVE_STEP_BUTTON, primary=True, on_click=self._step)
        self.message("step_note")
        # 7. Rollback first.
        for number, item in enumerate(msg.LIVE_ROLLBACK_ITEMS):
            box = widgets.Checkbox(
                value=False,
                description=item,
                indent=False,
                layout=widgets.Layout(width="100%"),
            )
            self.add(f"rollback_{number}", box)
            box.observe(lambda change, n=number: self._ticked(n, change), names="value")
        # 8. Second update.
        self._template(
            {"up_cause": msg.LIVE_UPDATE_CAUSE,
             "up_fix": msg.LIVE_UPDATE_FIX,
             "up_eta": msg.LIVE_UPDATE_ETA},
            preview="up_preview", send=("send_update", msg.LIVE_UPDATE_BUTTON),
            on_click=self._send_update, note="update_note",
        )
        # 9. Dead ends.
        self.text("dead_end_text", msg.LIVE_DEAD_END_PLACEHOLDER)
        self.button("dead_end", msg.LIVE_DEAD_END_BUTTON, on_click=self._dead_end)
        self.message("dead_end_note")
        # 10. Mitigated, resolved.
        self.button("mitigated", msg.LIVE_MITIGATED_BUTTON, on_click=self._mitigated)
        self.button(
            "resolved", msg.LIVE_RESOLVED_BUTTON, primary=True, on_click=self._resolved
        )
        self.message("end_note")
        self.message("rollback_note")
        self.message("timeline", "kit-help")

        def shown(item: str | tuple[str, ...]) -> widgets.Widget:
            return c[item] if isinstance(item, str) else self.row(*(c[n] for n in item))

        self._step_names = {key: step[0] for key, step in _STEPS.items()}
        self._step_boxes = {
            key: self._step_box(key, heading, help_text, [shown(i) for i in items])
            for key, (heading, help_text, items) in _STEPS.items()
        }
        self._step_order = list(_STEPS)
        self._at = 0
        self._done_steps: set[str] = set()
        # The focus view: one step at a time, the next one press away.
        self.message("step_position", "kit-position")
        self.button("previous_step", msg.LIVE_FOCUS_PREVIOUS, on_click=self._previous)
        self.button("next_step", msg.LIVE_FOCUS_NEXT, on_click=self._next)
        every = widgets.ToggleButton(
            value=False,
            description=msg.LIVE_FOCUS_SHOW_ALL,
            layout=widgets.Layout(width="auto", height="44px"),
        )
        self.add("show_all", every, "kit-big", "kit-secondary")
        every.observe(lambda change: self._go(self._at), names="value")
        self.message("done_steps", "kit-help")

        self._run_panel = widgets.VBox(
            [
                c["header"],
                c["clock"],
                c["clock_play"],
                c["hands_off_play"],
                c["triage_play"],
                c["triage_up"],
                c["step_position"],
                *self._step_boxes.values(),
                self.row(c["next_step"], c["previous_step"], c["show_all"]),
                c["done_steps"],
                self.heading(msg.LIVE_TIMELINE_HEADING),
                c["timeline"],
                c["new_incident"],
            ]
        )
        self.children = [style, self._start_panel, self._run_panel, self.status]
        self._go(0)
        self._compose()

    def _template(self, fields: dict[str, str], *, preview: str,
                  send: tuple[str, str], on_click: Callable, note: str,
                  primary: bool = False) -> None:
        """A message written from a template: its fields (name: placeholder), each
        recomposing the ``preview`` as it is typed, the ``send`` button (name, label)
        and the note that says what was sent."""
        for name, placeholder in fields.items():
            self.text(name, placeholder).observe(self._compose, names="value")
        self.message(preview, "kit-preview")
        self.button(*send, primary=primary, on_click=on_click)
        self.message(note)

    def _step_box(
        self, key: str, heading: str, help_text: str, children: list[widgets.Widget]
    ) -> widgets.VBox:
        box = widgets.VBox([self.heading(heading), self.hint(help_text), *children])
        box.add_class("kit-step")
        box.add_class(f"kit-step-{key.replace('_', '-')}")
        return box

    # --- the focus view ---
    def _go(self, index: int) -> None:
        """Show step ``index`` alone (or every step), and name the next one."""
        c, keys = self.controls, self._step_order
        self._at = max(0, min(index, len(keys) - 1))
        every = bool(c["show_all"].value)
        for n, key in enumerate(keys):
            self.show(self._step_boxes[key], every or n == self._at)
        here = keys[self._at]
        c["step_position"].value = esc(
            msg.LIVE_FOCUS_POSITION.format(n=self._at + 1, total=len(keys))
        )
        self.show(c["step_position"], not every)
        last = self._at == len(keys) - 1
        self.show(c["next_step"], not every and not last)
        self.show(c["previous_step"], not every and self._at > 0)
        if not last:
            c["next_step"].description = msg.LIVE_FOCUS_NEXT.format(
                step=self._step_names[keys[self._at + 1]]
            )
        if self._at > 0:
            c["previous_step"].description = msg.LIVE_FOCUS_PREVIOUS.format(
                step=self._step_names[keys[self._at - 1]]
            )
        # Once this step is done, moving on is the main action.
        done_here = here in self._done_steps
        for css in ("kit-primary", "kit-secondary"):
            c["next_step"].remove_class(css)
        c["next_step"].add_class("kit-primary" if done_here else "kit-secondary")
        done = [self._step_names[k] for k in keys if k in self._done_steps]
        c["done_steps"].value = (
            esc(msg.LIVE_FOCUS_DONE.format(steps=" · ".join(done))) if done else ""
        )

    def _next(self) -> None:
        self._go(self._at + 1)

    def _previous(self) -> None:
        self._go(self._at - 1)

    def follow(self, done_marks: set[str], triage_closed: bool, *,
               jump: bool = False) -> None:
        """Bring the focus view in line with the record's marks; ``jump`` opens the
        first step not done yet (on starting or reopening an incident)."""
        self._done_steps = {
            key for key, marks in STEP_MARKS.items() if marks & done_marks
        }
        if triage_closed:
            self._done_steps.add("triage")
        if jump:
            open_steps = [
                n for n, key in enumerate(self._step_order)
                if key not in self._done_steps and key != "dead_end"
            ]
            self._at = open_steps[0] if open_steps else len(self._step_order) - 1
        self._go(self._at)

    def _play(self, name: str, maximum: int, on_tick: Callable) -> widgets.Play:
        play = widgets.Play(
            value=0,
            min=0,
            max=maximum,
            step=1,
            interval=1000,
            show_repeat=False,
            layout=widgets.Layout(display="none"),
        )
        play._view_count = 0  # track views: a Play can only be started once shown
        play.observe(lambda change, n=name: self._on_shown(n), names="_view_count")
        play.observe(on_tick, names="value")
        return self.add(name, play)

    def _bar(self, name: str, play_name: str, maximum: int) -> widgets.IntProgress:
        bar = widgets.IntProgress(
            value=0,
            min=0,
            max=maximum,
            layout=widgets.Layout(width="100%", height="18px"),
            style={"bar_color": "#7d9bb6"},
        )
        # Linked in the browser: the bar moves even when the kernel is busy.
        widgets.jslink((self.controls[play_name], "value"), (bar, "value"))
        return self.add(name, bar)
