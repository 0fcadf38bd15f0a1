"""The forms of notebook 07: the safety self-check, the environment audit, one systemic
defect, and stay or fight.

Each is a function that returns a :class:`~kit.forms._common.Form`; every control is in
``form.controls`` by name. The scoring and the observations are
:mod:`kit.surveys`' own; these forms only ask and show. Nothing is saved, except the
safety answers when a team folder is given and the person presses the button.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import messages, paths, surveys
from .._text import html_escape
from ._common import FORM_CSS, Form

__all__ = [
    "safety_form",
    "audit_form",
    "defect_form",
    "stay_or_fight_form",
    "SafetyForm",
    "AuditForm",
    "DefectForm",
    "StayOrFightForm",
]


def _bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html_escape(line)}</li>" for line in lines) + "</ul>"


def _toggles(options, label: str, **style) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=options, value=None, description=label,
                                 style={"description_width": "initial", **style})


class SafetyForm(Form):
    """The form returned by :func:`safety_form` (see there)."""

    def __init__(self, folder=None) -> None:
        super().__init__()
        self.folder = folder
        about = " ".join([messages.SAFETY_PARAPHRASE_NOTE, messages.SAFETY_ANCHORS_NOTE,
                          messages.SAFETY_SOURCE, messages.SAFETY_REVERSED_NOTE])
        parts: list[widgets.Widget] = [widgets.HTML(FORM_CSS),
                                       self.hint(messages.SAFETY_FORM_INTRO),
                                       widgets.HTML(f"<small>{html_escape(about)}</small>")]
        scale = [(str(n), n) for n in range(1, 8)]
        for number, statement in enumerate(messages.SAFETY_ITEMS, start=1):
            toggle = self.add(f"item_{number}", _toggles(
                scale, messages.SAFETY_ITEM_LABEL.format(number=number),
                button_width="2.6em"))
            toggle.tooltips = [messages.SAFETY_SCALE_LABELS[n] for n in range(1, 8)]
            parts += [self.prompt(f"{number}. {statement}"), toggle]
        show = self.button("show", messages.SAFETY_FORM_BUTTON, primary=True,
                           on_click=self._show_score)
        save = self.button("save", messages.SAFETY_FORM_SAVE_BUTTON,
                           on_click=self._save)
        save.disabled = folder is None
        self.say(messages.SAFETY_FORM_PRIVATE)
        self.children = [*parts, self.row(show, save), self.status]

    def _answers(self) -> list[int] | None:
        values = [self.controls[f"item_{n}"].value for n in range(1, 8)]
        missing = [str(n) for n, value in enumerate(values, start=1) if value is None]
        if missing:
            self.say(messages.SAFETY_FORM_MISSING.format(items=", ".join(missing)))
            return None
        return values

    def _show_score(self) -> None:
        values = self._answers()
        if values is not None:
            self.say(messages.SAFETY_FORM_SCORE.format(
                score=surveys.safety_score(values)))

    def _save(self) -> None:
        if self.folder is None:
            self.say(messages.SAFETY_FORM_NO_FOLDER)
            return
        values = self._answers()
        if values is not None:
            surveys.save_safety_answers(values, self.folder)
            self.controls["save"].disabled = True
            self.say(messages.SAFETY_FORM_SAVED)


def safety_form(folder=None) -> SafetyForm:
    """The seven statements as a self-check form.

    "Show my self-check" shows your score and saves nothing. When ``folder`` is given,
    a second button adds your answers anonymously to it
    (:func:`kit.surveys.save_safety_answers`).

    Parameters
    ----------
    folder : str or Path, optional
        The team's folder of anonymous answers. Default: the workshop's survey folder
        (:func:`kit.paths.safety_folder`, which the team's server sets); without one
        nothing can be saved.

    Returns
    -------
    SafetyForm
        ``.controls``: ``item_1`` ... ``item_7`` (ToggleButtons 1-7), ``show``,
        ``save`` and ``status``.

    Examples
    --------
    >>> form = safety_form()
    >>> for n, value in enumerate([4, 4, 4, 4, 4, 4, 4], start=1):
    ...     form.controls[f"item_{n}"].value = value
    >>> form.controls["show"].click()
    """
    return SafetyForm(paths.safety_folder(folder))


class AuditForm(Form):
    """The form returned by :func:`audit_form` (see there)."""

    def __init__(self) -> None:
        super().__init__()
        # Text, not a number box: a number box cannot be empty, and an unanswered
        # question must stay unanswered rather than become 0.
        fields = [
            self.add(name, widgets.Text(
                value="", placeholder=messages.AUDIT_UNANSWERED, description=label,
                style={"description_width": "28em"}, layout={"width": "36em"}))
            for name, label in messages.AUDIT_FIELDS.items()
        ]
        show = self.button("show", messages.AUDIT_BUTTON, primary=True,
                           on_click=self._observe)
        self.result = self.message("observations")
        self.say(messages.AUDIT_EMPTY)
        self.children = [widgets.HTML(FORM_CSS), self.hint(messages.AUDIT_INTRO),
                         *fields, show, self.status, self.result]

    def _observe(self) -> None:
        answers: dict[str, int | None] = {}
        for name, label in messages.AUDIT_FIELDS.items():
            text = self.controls[name].value.strip().replace(",", "")
            if text and not (text.isdigit() and int(text) <= 1_000_000):
                self.say(messages.AUDIT_NOT_A_NUMBER.format(field=label))
                self.result.value = ""
                return
            answers[name] = int(text) if text else None
        found = surveys.audit_observations(answers)
        if not found:
            self.say(messages.AUDIT_EMPTY)
            self.result.value = ""
            return
        self.say("")
        closing = html_escape(messages.AUDIT_CLOSING)
        self.result.value = _bullets(found) + f"<p>{closing}</p>"


def audit_form() -> AuditForm:
    """The environment audit as a form; nothing is saved.

    A field left empty is unanswered, and no observation is drawn from it.

    Returns
    -------
    AuditForm
        ``.controls``: one Text (a whole number, or empty) per key of
        ``kit.messages.AUDIT_FIELDS``,
        ``show``, ``observations`` (HTML) and ``status``.
    """
    return AuditForm()


class DefectForm(Form):
    """The form returned by :func:`defect_form` (see there)."""

    def __init__(self) -> None:
        super().__init__()
        answer = self.text("answer", messages.DEFECT_PLACEHOLDER, area=True)
        reflect = self.button("reflect", messages.DEFECT_BUTTON, primary=True,
                              on_click=self._reflect)
        self.say(messages.DEFECT_PRIVATE)
        self.children = [widgets.HTML(FORM_CSS), self.prompt(messages.DEFECT_QUESTION),
                         answer, reflect, self.status]

    def _reflect(self) -> None:
        self.say(surveys.defect_reply(self.controls["answer"].value))


def defect_form() -> DefectForm:
    """"Name one systemic defect you personally influenced last quarter".

    What is typed is never saved, shown back or shared.

    Returns
    -------
    DefectForm
        ``.controls``: ``answer`` (Textarea), ``reflect`` and ``status``.
    """
    return DefectForm()


class StayOrFightForm(Form):
    """The form returned by :func:`stay_or_fight_form` (see there)."""

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        super().__init__()
        self.frame = frame
        parts: list[widgets.Widget] = [widgets.HTML(FORM_CSS)]
        for name, text in messages.STAY_QUESTIONS.items():
            toggle = self.add(name, _toggles(list(messages.STAY_OPTIONS[name]), ""))
            parts += [self.prompt(text), toggle]
        weight = self.add("weight", _toggles([(str(n), n) for n in range(11)], "",
                                             button_width="2.4em"))
        parts += [self.prompt(f"{messages.STAY_WEIGHT_QUESTION} "
                              f"({messages.STAY_WEIGHT_ANCHORS})"), weight]
        reflect = self.button("reflect", messages.STAY_BUTTON, primary=True,
                              on_click=self._reflect)
        self.result = self.message("observations")
        self.say(messages.STAY_PRIVATE)
        self.children = [*parts, reflect, self.status, self.result]

    def _reflect(self) -> None:
        names = [*messages.STAY_QUESTIONS, "weight"]
        answers = {name: self.controls[name].value for name in names
                   if self.controls[name].value is not None}
        text = _bullets(surveys.stay_or_fight_observations(answers))
        note = surveys.distress_note(self.frame, reflection=answers)
        if note:
            text += "".join(f"<p>{html_escape(part)}</p>"
                            for part in str(note).split("\n\n"))
        self.result.value = text


def stay_or_fight_form(frame: pd.DataFrame | None = None) -> StayOrFightForm:
    """The stay-or-fight reflection as a form; nothing is saved.

    "Reflect" shows observations and, when the answers (or ``frame``, your journal
    frame) suggest sustained distress, the note of :func:`kit.surveys.distress_note`.

    Returns
    -------
    StayOrFightForm
        ``.controls``: one ToggleButtons per key of ``kit.messages.STAY_QUESTIONS``,
        ``weight`` (0-10), ``reflect``, ``observations`` (HTML) and ``status``.
    """
    return StayOrFightForm(frame)
