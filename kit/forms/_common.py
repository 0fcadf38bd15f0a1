"""Shared pieces of the kit's forms: the calm look, widget builders, times, escaping.

Escaping and time formats come from ``kit._text`` (``esc`` is its ``html_escape``;
``hms``, ``hm`` and ``clock_text`` its ``hms``, ``hm`` and ``clock``), kept here under
the names the forms import.

Every control a form creates is registered in ``form.controls`` under a short name and
gets the CSS class ``kit-<name>``, so tests (Python or a real browser) can find it.

Every field is named by its visible label: ``Form.label`` puts the words in the
widget's ``description``, which ipywidgets 8 draws as a real ``<label for=…>`` tied to
the input, so a screen reader announces the same words a person sees. The CSS stacks
that label above a full-width input (it would otherwise sit in a narrow column at the
left), and keeps every target at least 24 px (buttons 44 px), text at 4.5:1 or more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as widgets

from .._text import clock as clock_text
from .._text import hm, hms
from .._text import html_escape as esc

__all__ = [
    "Form",
    "FORM_CSS",
    "local_now",
    "esc",
    "clock_text",
    "hms",
    "hm",
]

# One calm palette: blue-greys only, no red, orange or yellow.
_INK = "#1f3447"
_SOFT = "#e6edf3"
_CALM = "#3b6584"

FORM_CSS = f"""
<style>
.kit-form {{ max-width: 780px; color: {_INK}; font-size: 15px; line-height: 1.45; }}
.kit-form h3.kit-h {{ font-size: 18px; font-weight: 600; margin: 22px 0 4px 0;
  color: {_INK}; }}
.kit-form .kit-help {{ color: #4b5d6e; margin: 0 0 6px 0; }}
.kit-form .kit-prompt {{ margin: 6px 0 2px 0; font-weight: 500; }}
.kit-form .kit-status {{ background: {_SOFT}; border-radius: 6px; padding: 8px 12px;
  min-height: 22px; }}
.kit-form .kit-problem {{ color: #34495e; border-left: 4px solid #7d93b2;
  padding: 2px 10px; margin: 2px 0 6px 0; background: #f1f4f8; }}
.kit-form .kit-preview {{ background: #f4f7fa; border: 1px solid #c9d6e2;
  border-radius: 6px; padding: 10px 12px; font-size: 16px; user-select: all; }}
.kit-form .kit-clock {{ font-size: 28px; font-weight: 600; color: {_CALM};
  font-variant-numeric: tabular-nums; }}
.kit-form .kit-note {{ color: {_CALM}; font-weight: 500; }}
.kit-form .kit-timeline {{ margin: 0; padding-left: 18px; }}
.kit-form .kit-timeline li {{ margin: 2px 0; }}
.kit-form .kit-summary {{ background: #f4f7fa; border: 1px solid #c9d6e2;
  border-radius: 6px; padding: 10px 12px; }}
.kit-form button.kit-big {{ height: 44px; font-size: 16px; border-radius: 6px;
  padding: 0 18px; }}
.kit-form button.kit-primary {{ background: {_CALM}; color: white; }}
.kit-form button.kit-secondary {{ background: {_SOFT}; color: {_INK}; }}
.kit-form .widget-text input, .kit-form .widget-textarea textarea {{ font-size: 15px;
  font-family: inherit; }}
.kit-form .kit-status:has(> .widget-html-content:empty),
.kit-form .kit-note:has(> .widget-html-content:empty),
.kit-form .kit-help:has(> .widget-html-content:empty) {{ display: none; }}
.kit-form .widget-text input {{ height: 36px; }}
.kit-form .widget-checkbox label {{ font-size: 15px; }}
.kit-form .widget-checkbox input {{ width: 20px; height: 20px; margin: 2px 8px 2px 0; }}
.kit-form .widget-checkbox {{ min-height: 28px; }}
.kit-form .kit-labelled {{ flex-wrap: wrap; width: 100%; height: auto !important; }}
.kit-form .kit-labelled > label.widget-label {{ width: 100% !important;
  max-width: none !important; text-align: left; white-space: normal;
  line-height: 1.35; font-size: 15px; font-weight: 500; color: {_INK};
  margin: 8px 0 3px 0; height: auto; }}
.kit-form .kit-labelled.kit-label-h > label.widget-label {{ font-size: 18px;
  font-weight: 600; margin-top: 22px; }}
.kit-form .kit-labelled > input, .kit-form .kit-labelled > textarea,
.kit-form .kit-labelled > select {{ flex: 1 1 100%; max-width: 100%; }}
.kit-form .widget-dropdown > select, .kit-form .jupyter-button {{ min-height: 32px; }}
.kit-form .kit-inline > label.widget-label {{ width: auto !important;
  max-width: none !important; color: {_INK}; padding-right: 6px; }}
.kit-form :focus-visible {{ outline: 3px solid {_CALM}; outline-offset: 2px; }}
.kit-form .kit-step h3.kit-h {{ font-size: 24px; margin-top: 12px; }}
.kit-form .kit-step {{ padding: 4px 0 10px 0; }}
.kit-form .kit-step .kit-help {{ font-size: 16px; }}
.kit-form .kit-position {{ color: #4b5d6e; font-size: 14px; margin-top: 10px; }}
.kit-form .kit-big {{ min-height: 44px; }}
.kit-form .kit-problem-summary {{ border: 3px solid #4a5f7a; border-radius: 6px;
  padding: 10px 14px; background: #f1f4f8; }}
.kit-form .kit-problem-summary a {{ color: #1d3550; text-decoration: underline; }}
</style>
"""


def local_now() -> datetime:
    """Timezone-aware local time of this computer, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


class Form(widgets.VBox):
    """A form: a column of widgets with named ``controls`` and a ``status`` line.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        Every input, button and message of the form by a short name. Each has the CSS
        class ``kit-<name>`` (dots and underscores become dashes).
    status : ipywidgets.HTML
        The line that says what was saved, or why not (also ``controls["status"]``).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls: dict[str, widgets.Widget] = {}
        self.add_class("kit-form")
        self.status = self.add("status", widgets.HTML(""), "kit-status")

    # --- building ---
    def add(self, name: str, widget: widgets.Widget, *classes: str) -> widgets.Widget:
        """Register ``widget`` as ``controls[name]`` and give it its CSS classes."""
        self.controls[name] = widget
        if isinstance(widget, (widgets.Text, widgets.Textarea)):
            # Typed text reaches the kernel once, when the field is left. Sent on
            # every key, the browser holds keystrokes back while the kernel is busy,
            # and a button pressed straight after typing overtakes them: the step
            # "Rolled back the deploy" was saved as "Rolled b".
            widget.continuous_update = False
        widget.add_class("kit-" + name.replace("_", "-").replace(".", "-"))
        for extra in classes:
            widget.add_class(extra)
        return widget

    def button(
        self,
        name: str,
        label: str,
        *,
        primary: bool = False,
        on_click: Callable | None = None,
    ) -> widgets.Button:
        """A large button; ``primary`` for the one main action of a step."""
        button = widgets.Button(
            description=label, layout=widgets.Layout(width="auto", height="44px")
        )
        self.add(name, button, "kit-big", "kit-primary" if primary else "kit-secondary")
        if on_click is not None:
            button.on_click(lambda _button: on_click())
        return button

    @staticmethod
    def label(
        widget: widgets.Widget, text: str, *, heading: bool = False,
        inline: bool = False,
    ) -> widgets.Widget:
        """Name ``widget`` by its visible label ``text`` (a ``<label for=…>``).

        The label sits above the input (``inline``: to its left, as wide as its
        words); ``heading`` draws it as large as a section heading. Returns ``widget``.
        """
        widget.description = text
        widget.style.description_width = "initial"
        widget.add_class("kit-inline" if inline else "kit-labelled")
        if heading:
            widget.add_class("kit-label-h")
        return widget

    def text(
        self,
        name: str,
        placeholder: str = "",
        *,
        area: bool = False,
        rows: int = 3,
        label: str = "",
    ) -> widgets.Text | widgets.Textarea:
        """A full-width text field (or a text area), named by ``label`` when given."""
        if area:
            field = widgets.Textarea(
                placeholder=placeholder, rows=rows, layout=widgets.Layout(width="auto")
            )
        else:
            field = widgets.Text(
                placeholder=placeholder, layout=widgets.Layout(width="auto")
            )
        if label:
            self.label(field, label)
        return self.add(name, field)

    def message(self, name: str, css: str = "kit-note") -> widgets.HTML:
        """An HTML line the form writes into (always escaped by the form)."""
        return self.add(name, widgets.HTML(""), css)

    @staticmethod
    def heading(text: str) -> widgets.HTML:
        return widgets.HTML(f'<h3 class="kit-h">{esc(text)}</h3>')

    @staticmethod
    def hint(text: str) -> widgets.HTML:
        return widgets.HTML(f'<div class="kit-help">{esc(text)}</div>')

    @staticmethod
    def prompt(text: str) -> widgets.HTML:
        return widgets.HTML(f'<div class="kit-prompt">{esc(text)}</div>')

    @staticmethod
    def row(*children: widgets.Widget) -> widgets.HBox:
        return widgets.HBox(
            list(children),
            layout=widgets.Layout(
                flex_flow="row wrap", gap="8px", align_items="center"
            ),
        )

    @staticmethod
    def show(widget: widgets.Widget, visible: bool) -> None:
        widget.layout.display = None if visible else "none"

    def say(self, text: str) -> None:
        """Put ``text`` (escaped) on the status line."""
        self.status.value = esc(text)
