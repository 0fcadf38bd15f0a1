"""The log form's widgets and their order on the page (``LogLayout``).

What Save, Load and the summary do is in :mod:`kit.forms.log`; this module builds
one fitting widget per field of the record, each with its prompt and the slot where
a problem with that field is shown.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..record import SYMPTOMS, TECHNIQUES, TIME_FIELDS
from ._common import FORM_CSS, Form, esc
from .time_entry import timezone_options

__all__ = ["LogLayout"]


def _pairs(labels: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options (words, value) from a dict of value -> words."""
    return [(text, value) for value, text in labels.items()]


class LogLayout(Form):
    """The log form's controls, sections and problem slots; the handlers
    (``_changed``, ``_save`` ...) are those of :class:`kit.forms.log.LogForm`."""

    # --- building ---
    def _slot(self, key: str) -> widgets.HTML:
        slot = widgets.HTML("", layout=widgets.Layout(display="none"))
        slot.add_class("kit-problem")
        slot.add_class("kit-problem-" + key.replace(".", "-").replace("_", "-"))
        self.problems[key] = slot
        return slot

    def _field(self, label: str, widget: widgets.Widget, key: str) -> widgets.VBox:
        return widgets.VBox([self.prompt(label), widget, self._slot(key)])

    def _dropdown(
        self, name: str, options: list[tuple[str, Any]], value: Any
    ) -> widgets.Dropdown:
        box = widgets.Dropdown(
            options=options, value=value, layout=widgets.Layout(width="auto")
        )
        return self.add(name, box)

    def _slider(
        self, name: str, label: str, maximum: int, step: int = 1
    ) -> widgets.HBox:
        slider = widgets.IntSlider(
            value=0,
            min=0,
            max=maximum,
            step=step,
            layout=widgets.Layout(width="330px"),
        )
        self.add(name, slider)
        text = widgets.HTML(esc(label), layout=widgets.Layout(width="330px"))
        return widgets.HBox([text, slider], layout=widgets.Layout(align_items="center"))

    def _build(self) -> None:
        c, labels = self.controls, msg.LOG_FIELD_LABELS
        sections = msg.LOG_SECTIONS
        parts: list[widgets.Widget] = [widgets.HTML(FORM_CSS)]

        # Which incident.
        self._dropdown("picker", [(msg.LOG_PICKER_NEW, "")], "")
        self.button("load", msg.LOG_LOAD_BUTTON, on_click=self._on_load)
        self.message("mode", "kit-help")
        parts += [
            self.prompt(msg.LOG_PICKER_PROMPT),
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
            day = self.add(
                f"{name}_date",
                widgets.Text(
                    placeholder=msg.LOG_PLACEHOLDERS["date"],
                    layout=widgets.Layout(width="140px"),
                ),
            )
            clock = self.add(
                f"{name}_time",
                widgets.Text(
                    placeholder=msg.LOG_PLACEHOLDERS["time"],
                    layout=widgets.Layout(width="110px"),
                ),
            )
            label = widgets.HTML(
                esc(msg.LOG_TIME_NAMES[name]), layout=widgets.Layout(width="300px")
            )
            parts += [
                widgets.HBox(
                    [label, day, clock],
                    layout=widgets.Layout(align_items="center", gap="8px"),
                ),
                self._slot(f"times.{name}"),
            ]
        self._dropdown("source", _pairs(msg.SOURCE_LABELS), "recalled")
        parts.append(self._field(labels["source"], c["source"], "times.source"))

        # Body.
        parts += [self.heading(sections["body"]), self.hint(msg.LOG_SYMPTOMS_HELP)]
        for symptom in SYMPTOMS:
            parts.append(
                self._slider(f"symptom_{symptom}", msg.SYMPTOM_LABELS[symptom], 10)
            )
        parts.append(self._slot("body.symptoms"))
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
            parts += [
                self.prompt(labels[name]),
                self._slider(name, "", maximum, step),
                self.hint(anchor_text),
                self.hint(help_text),
                c[rated],
                self._slot(slot),
            ]
            c[name].observe(lambda change, r=rated: self._rated(r), names="value")

        # Techniques.
        parts.append(self.heading(sections["techniques"]))
        for technique in TECHNIQUES:
            box = widgets.Checkbox(
                value=False,
                indent=False,
                description=msg.TECHNIQUE_LABELS[technique],
                layout=widgets.Layout(width="100%"),
            )
            parts.append(self.add(f"technique_{technique}", box))
        parts.append(self._slot("techniques"))

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
