"""The log form's widgets and their order on the page (``LogLayout``).

What Save, Load and the summary do is in :mod:`kit.forms.log`; this module builds
one fitting widget per field of the record, each named by its visible label (a real
``<label>``, see ``Form.label``) and preceded by the slot where a problem with that
field is shown. Times are the browser's own date and time inputs (``DatePicker``,
``TimePicker``): a person types digits or uses the arrow keys in them, or opens the
calendar. They ask for hours and minutes; a time that has seconds (the live log's)
shows and keeps them.

A problem summary at the top of the form lists every problem after a Save, worded with
those labels; it is an ARIA alert, so a screen reader announces it. As in the GOV.UK
Design System, each entry is a link, and following it moves the focus to the message
just above its field (focusable, ``tabindex="-1"``), from where Tab reaches the field.
The status line beside Save links to the summary, so the keyboard path from Save to
the field is Tab, Enter, Tab, Enter, Tab. No script is needed: in-page links do it.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..record import SYMPTOMS, TECHNIQUES, TIME_FIELDS
from ._common import FORM_CSS, Form, esc
from .time_entry import timezone_options

__all__ = ["LogLayout", "readable", "slot_id", "SUMMARY_ID"]

SUMMARY_ID = "kit-problem-list"  # the summary's id, where the status line's link lands

# The browser's date and time inputs, as tall and as legible as the text fields; a
# problem's message closer to the field below it (which it is about) than to the one
# above.
_PICKER_CSS = """
<style>
.kit-log-form input[type="date"], .kit-log-form input[type="time"] {
  height: 36px; font-size: 15px; font-family: inherit; min-width: 9.5em;
  max-width: 100%; box-sizing: border-box; }
.kit-log-form .kit-problem [tabindex="-1"]:focus { outline: 3px solid #3b6584;
  outline-offset: 2px; }
.kit-log-form .kit-problem-summary [tabindex="-1"]:focus { outline: 3px solid #3b6584;
  outline-offset: 4px; }
.kit-log-form .kit-status a { color: #1d3550; text-decoration: underline;
  font-weight: 600; }
.kit-form.kit-log-form .widget-html.kit-problem { margin: 16px 0 0 0 !important; }
</style>
"""

# Only names that cannot be ordinary words (they hold "_" or "."): "title is empty"
# already speaks the form's language.
_PATHS = sorted(
    (p for p in msg.FIELD_NAMES if "_" in p or "." in p), key=len, reverse=True
)
_PATH_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(p) for p in _PATHS) + r"|"
    + "|".join(re.escape(p.split(".")[-1]) for p in _PATHS if "_" in p.split(".")[-1])
    + r")(?![\w])"
)
_BY_NAME = {
    **{p.split(".")[-1]: p for p in _PATHS if "_" in p.split(".")[-1]},
    **{p: p for p in _PATHS},
}


def readable(text: str) -> str:
    """``text`` with every field path (``times.first_action_at``) replaced by the
    field's visible name (``First deliberate step``), so a problem reads in the
    words of the form. Only the wording changes; no behaviour depends on it."""
    return _PATH_RE.sub(lambda m: msg.FIELD_NAMES[_BY_NAME[m.group(1)]], text)


def slot_id(key: str) -> str:
    """The HTML id of the problem slot for field path ``key``."""
    return "kit-problem-" + re.sub(r"[^a-z0-9]+", "-", key.lower())


def _pairs(labels: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options (words, value) from a dict of value -> words."""
    return [(text, value) for value, text in labels.items()]


class LogLayout(Form):
    """The log form's controls, sections and problem slots; the handlers
    (``_changed``, ``_save`` ...) are those of :class:`kit.forms.log.LogForm`."""

    # --- building ---
    def _slot(self, key: str) -> widgets.HTML:
        """The (hidden) place of the message about ``key``, put just above its field
        so that Tab from the message reaches the field."""
        slot = widgets.HTML("", layout=widgets.Layout(display="none"))
        slot.add_class("kit-problem")
        slot.add_class("kit-problem-" + key.replace(".", "-").replace("_", "-"))
        self.problems[key] = slot
        return slot

    def _field(self, label: str, widget: widgets.Widget, key: str) -> widgets.VBox:
        self.label(widget, label)
        return widgets.VBox([self._slot(key), widget])

    def show_problem_summary(self, shown: dict[str, list[str]]) -> None:
        """List the problems at the top (``shown``: slot key -> sentences), each
        linking to its field's slot; an empty ``shown`` hides the summary."""
        box = self.problem_summary
        if not shown:
            box.value = ""
            box.layout.display = "none"
            return
        items = "".join(
            f'<li><a href="#{slot_id(key)}">{esc(readable(text))}</a></li>'
            for key, texts in shown.items()
            for text in texts
        )
        n = sum(len(texts) for texts in shown.values())
        box.value = (
            f'<div role="alert" id="{SUMMARY_ID}" tabindex="-1"><h3 class="kit-h">'
            f"{esc(msg.PROBLEM_SUMMARY_HEADING.format(n=n))}</h3>"
            f'<p class="kit-help">{esc(msg.PROBLEM_SUMMARY_HELP)}</p>'
            f"<ul>{items}</ul></div>"
        )
        box.layout.display = None

    @staticmethod
    def slot_html(key: str, texts: list[str]) -> str:
        """The message above a field: its sentences in the form's words, in a block
        the summary's link moves the focus to."""
        words = "<br>".join(esc(readable(text)) for text in texts)
        return f'<div id="{slot_id(key)}" tabindex="-1">{words}</div>'

    def _dropdown(
        self, name: str, options: list[tuple[str, Any]], value: Any
    ) -> widgets.Dropdown:
        box = widgets.Dropdown(
            options=options, value=value, layout=widgets.Layout(width="auto")
        )
        return self.add(name, box)

    def _rating(
        self, name: str, label: str, maximum: int, step: int = 1
    ) -> widgets.Dropdown:
        """A rating from 0 to ``maximum``: a drop-down of whole numbers.

        Not an IntSlider: its handle is an ARIA slider that ipywidgets leaves without
        an accessible name, so a screen reader announces an unnamed control. A native
        ``<select>`` is named by its ``<label>`` and works with the arrow keys.
        """
        rating = widgets.Dropdown(
            options=[(str(value), value) for value in range(0, maximum + 1, step)],
            value=0,
            description=label,
            style={"description_width": "300px"},
            layout=widgets.Layout(width="min(420px, 100%)"),
        )
        rating.add_class("kit-rating")
        self.add(name, rating)
        return rating

    def _build(self) -> None:
        c, labels = self.controls, msg.LOG_FIELD_LABELS
        sections = msg.LOG_SECTIONS
        self.add_class("kit-log-form")  # one form among several on notebook 02
        parts: list[widgets.Widget] = [
            widgets.HTML(FORM_CSS), widgets.HTML(_PICKER_CSS)
        ]
        # Not in ``controls``: it holds no value of the record.
        self.problem_summary = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.problem_summary.add_class("kit-problem-summary")
        parts.append(self.problem_summary)

        # Which incident.
        self._dropdown("picker", [(msg.LOG_PICKER_NEW, "")], "")
        self.label(c["picker"], msg.LOG_PICKER_PROMPT, inline=True)
        self.button("load", msg.LOG_LOAD_BUTTON, on_click=self._on_load)
        self.message("mode", "kit-help")
        parts += [
            self.row(c["picker"], c["load"]),
            c["mode"],
        ]

        # What and where.
        self.text("title", msg.LOG_PLACEHOLDERS["title"])
        self.text("service", msg.LOG_PLACEHOLDERS["service"])
        choose = [(msg.LOG_CHOOSE, "")]
        self._dropdown("severity", choose + _pairs(msg.SEVERITY_LABELS), "")
        self._dropdown("role", _pairs(msg.ROLE_LABELS), "on-call")
        self._dropdown("whose", _pairs(msg.WHOSE_LABELS), "unknown")
        parts += [
            self.heading(sections["what"]),
            self._field(labels["title"], c["title"], "title"),
            self._field(labels["service"], c["service"], "service"),
            self._field(labels["severity"], c["severity"], "severity"),
            self._field(labels["role"], c["role"], "role"),
            self._field(labels["whose"], c["whose"], "whose"),
        ]

        # When.
        parts += [self.heading(sections["times"]), self.hint(msg.LOG_TIMES_HELP)]
        self._dropdown("timezone", timezone_options(), "local")
        parts.append(self._field(labels["timezone"], c["timezone"], "timezone"))
        for name in TIME_FIELDS:
            # The browser's own inputs: typed digits and arrow keys work in them,
            # and nothing unreadable can be typed. Minutes by default (step 60): a
            # seconds box that is nearly always left empty looks unfinished; a
            # time with seconds still shows them and keeps them.
            day = self.add(
                f"{name}_date",
                widgets.DatePicker(
                    value=None, layout=widgets.Layout(width="min(300px, 100%)")
                ),
            )
            self.label(day, msg.LOG_TIME_NAMES[name])
            clock = self.add(
                f"{name}_time",
                widgets.TimePicker(value=None, layout=widgets.Layout(width="auto")),
            )
            self.label(clock, msg.LOG_TIME_CLOCK_LABEL, inline=True)
            row = widgets.HBox(
                [day, clock],
                layout=widgets.Layout(
                    align_items="flex-end", gap="8px", flex_flow="row wrap"
                ),
            )
            row.add_class("kit-time-row")
            parts += [self._slot(f"times.{name}"), row]
        self._dropdown("source", _pairs(msg.SOURCE_LABELS), "recalled")
        parts.append(self._field(labels["source"], c["source"], "times.source"))

        # Body.
        parts += [
            self.heading(sections["body"]),
            self.hint(msg.LOG_SYMPTOMS_HELP),
            self._slot("body.symptoms"),
        ]
        for symptom in SYMPTOMS:
            parts.append(
                self._rating(f"symptom_{symptom}", msg.SYMPTOM_LABELS[symptom], 10)
            )
        self.text("heart_rate_bpm", msg.LOG_PLACEHOLDERS["heart_rate_bpm"])
        c["heart_rate_bpm"].layout.width = "160px"
        self.text("body_notes", area=True)
        parts += [
            self._field(
                labels["heart_rate_bpm"], c["heart_rate_bpm"], "body.heart_rate_bpm"
            ),
            self._field(labels["body_notes"], c["body_notes"], "body.notes"),
        ]

        # Distress and clarity.
        parts.append(self.heading(sections["ratings"]))
        for name, anchors, maximum, step, slot in (
            ("distress_peak", msg.SUDS_ANCHORS, 10, 1, "body.distress_peak"),
            ("clarity_next_step", msg.CLARITY_ANCHORS, 100, 10, "clarity.next_step"),
        ):
            rated = name.split("_")[0] + "_rated"
            self.add(
                rated,
                widgets.Checkbox(value=False, description=msg.LOG_RATED, indent=False),
            )
            anchor_text = " · ".join(anchors.values())
            help_text = (
                msg.LOG_SUDS_HELP if name == "distress_peak" else msg.LOG_CLARITY_HELP
            )
            self._rating(name, "", maximum, step)
            self.label(c[name], labels[name])
            parts += [
                self._slot(slot),
                c[name],
                self.hint(anchor_text),
                self.hint(help_text),
                c[rated],
            ]
            c[name].observe(lambda change, r=rated: self._rated(r), names="value")

        # Techniques.
        parts += [self.heading(sections["techniques"]), self._slot("techniques")]
        for technique in TECHNIQUES:
            box = widgets.Checkbox(
                value=False,
                indent=False,
                description=msg.TECHNIQUE_LABELS[technique],
                layout=widgets.Layout(width="100%"),
            )
            parts.append(self.add(f"technique_{technique}", box))

        # The live log (read-only; shown when there is one).
        self.message("events", "kit-help")
        self._events_box = widgets.VBox([self.heading(sections["events"]), c["events"]])
        parts.append(self._events_box)

        # Post-mortem questions.
        parts.append(self.heading(sections["postmortem"]))
        for key, question in msg.LOG_POSTMORTEM_QUESTIONS.items():
            self.text(f"pm_{key}", area=True)
            parts.append(self._field(question, c[f"pm_{key}"], f"postmortem.{key}"))

        # Reflection.
        parts += [
            self.heading(sections["reflection"]),
            self.hint(msg.LOG_REFLECTION_HELP),
        ]
        for key, question in msg.LOG_REFLECTION_QUESTIONS.items():
            self.text(f"refl_{key}", area=True)
            parts.append(self._field(question, c[f"refl_{key}"], f"reflection.{key}"))
        parts.append(
            self.add(
                "include_in_postmortem",
                widgets.Checkbox(
                    value=False,
                    description=msg.LOG_INCLUDE_REFLECTION,
                    indent=False,
                    layout=widgets.Layout(width="100%"),
                ),
            )
        )

        # Culture.
        self._dropdown(
            "culture_response",
            [(msg.LOG_NOT_ANSWERED, "")] + _pairs(msg.CULTURE_LABELS),
            "",
        )
        safety = [(msg.LOG_NOT_ANSWERED, 0)] + [
            (msg.SAFETY_ANCHORS.get(n, str(n)), n) for n in range(1, 6)
        ]
        self._dropdown("culture_safety", safety, 0)
        parts += [
            self.heading(sections["culture"]),
            self._field(
                labels["culture_response"], c["culture_response"], "culture.response"
            ),
            self._field(
                labels["culture_safety"],
                c["culture_safety"],
                "culture.safe_to_say_i_broke_it",
            ),
        ]

        # Save.
        self.add(
            "keep_draft",
            widgets.Checkbox(value=False, description=msg.LOG_KEEP_DRAFT, indent=False),
        )
        self.summary = self.message("summary", "kit-summary")
        self.button("save", msg.LOG_SAVE_BUTTON, primary=True, on_click=self._save)
        parts += [
            self.heading(sections["save"]),
            c["summary"],
            c["keep_draft"],
            c["save"],
            self._slot("general"),
            self.status,
        ]
        self.children = parts

        for name, widget in c.items():
            if name in ("picker", "status", "summary", "mode", "events"):
                continue
            if hasattr(widget, "value"):
                widget.observe(self._changed, names="value")
