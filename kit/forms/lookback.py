"""The morning-after form: a short look-back the day after an incident (notebook 02).

It lives in notebook 02 because it is about one incident, the one you just logged,
and 02 is where an incident is written; notebook 04 reads the answers across
incidents, beside the night/day view. Save writes ``Incident.lookback`` through
``Journal.change`` (under the journal's lock, atomic), keeping every other field as
it was. After saving, the kind note of ``kit.care`` appears here when the recent
look-backs suggest distress that lasts, so a person alone sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import ipywidgets as widgets

from .. import care
from .. import messages as msg
from ..errors import KitError
from ..journal import Journal
from ..record import SLEEP, Incident, validate_incident
from ._common import FORM_CSS, Form, esc, local_now

__all__ = ["lookback_form", "LookbackForm", "care_html"]

_TEXTS = ("tell_junior", "at_3am")
_SOON = timedelta(hours=6)


def care_html(text: str | None) -> str:
    """The kind note (the kit's own words only) as escaped HTML paragraphs."""
    if not text:
        return ""
    paragraphs = "".join(f"<p>{esc(part)}</p>" for part in text.split("\n\n"))
    return f'<div class="kit-care" role="note">{paragraphs}</div>'


def lookback_form(
    journal: Journal | None = None,
    incident: Incident | str | None = None,
    *,
    clock: Callable[[], datetime] = local_now,
) -> LookbackForm:
    """The morning-after form.

    Parameters
    ----------
    journal : kit.Journal, optional
        Where Save writes (default: your journal).
    incident : kit.Incident or str, optional
        The incident to look back on (default: the latest one).
    clock : callable
        Gives the time stored as ``lookback.at`` (tests pass a fixed one).

    Returns
    -------
    LookbackForm
        ``.controls``: ``incident``, ``heavy_now``, ``sleep``, ``dread_next``,
        ``tell_junior``, ``at_3am``, ``save``, ``care``, ``status``.

    Examples
    --------
    >>> import kit
    >>> kit.forms.lookback_form(kit.Journal(JOURNAL))  # doctest: +SKIP
    """
    journal = journal if journal is not None else Journal()
    wanted = incident.id if isinstance(incident, Incident) else incident
    return LookbackForm(journal, wanted, clock=clock)


class LookbackForm(Form):
    """The morning-after form (see ``lookback_form``)."""

    def __init__(self, journal: Journal, incident_id: str | None = None, *,
                 clock: Callable[[], datetime] = local_now):
        super().__init__()
        self.journal = journal
        self._clock = clock
        self._incidents: dict[str, Incident] = {}
        c = self.controls
        wide = {"description_width": "initial"}
        labels = msg.LOOKBACK_LABELS
        rating = [(msg.LOOKBACK_NOT_ANSWERED, -1)] + [(str(n), n) for n in range(11)]
        self.add("incident", widgets.Dropdown(
            options=[], description=msg.LOOKBACK_PICKER, style=wide,
            layout=widgets.Layout(width="auto")))
        self.add("heavy_now", widgets.Dropdown(
            options=rating, value=-1, description=labels["heavy_now"], style=wide))
        self.add("sleep", widgets.Dropdown(
            options=[(msg.LOOKBACK_NOT_ANSWERED, "")]
            + [(msg.SLEEP_LABELS[s], s) for s in SLEEP],
            value="", description=labels["sleep"], style=wide))
        self.add("dread_next", widgets.Dropdown(
            options=rating, value=-1, description=labels["dread_next"], style=wide))
        for name in _TEXTS:
            self.add(name, widgets.Textarea(
                rows=3, layout=widgets.Layout(width="auto"),
                description=labels[name], style=wide))
        self.button("save", msg.LOOKBACK_SAVE, primary=True, on_click=self._save)
        self.message("care", "kit-care-note")
        self.message("soon", "kit-help")
        self.children = [
            widgets.HTML(FORM_CSS),
            self.heading(msg.LOOKBACK_HEADING),
            self.hint(msg.LOOKBACK_HELP),
            c["incident"],
            c["soon"],
            c["heavy_now"],
            self.hint(msg.LOOKBACK_HEAVY_ANCHORS),
            c["sleep"],
            c["dread_next"],
            self.hint(msg.LOOKBACK_DREAD_ANCHORS),
            c["tell_junior"],
            c["at_3am"],
            c["save"],
            self.status,
            c["care"],
        ]
        self._fill_picker(incident_id)
        c["incident"].observe(lambda change: self._load(), names="value")
        self._load()
        if journal.read_only:
            c["save"].disabled = True
            self.say(msg.LOOKBACK_SAMPLE)

    # --- state ---
    def _fill_picker(self, wanted: str | None) -> None:
        incidents = sorted(self.journal.load().incidents,
                           key=lambda inc: (inc.times.alert_at, inc.id), reverse=True)
        self._incidents = {inc.id: inc for inc in incidents}
        options = [
            (f"{inc.times.alert_at:%Y-%m-%d %H:%M} · {inc.title}", inc.id)
            for inc in incidents
        ]
        picker = self.controls["incident"]
        picker.options = options
        if not options:
            self.say(msg.LOOKBACK_NONE)
            self.controls["save"].disabled = True
            return
        picker.value = wanted if wanted in self._incidents else options[0][1]

    def _load(self) -> None:
        c = self.controls
        inc = self._incidents.get(c["incident"].value)
        back = inc.lookback if inc is not None else None
        c["heavy_now"].value = back.heavy_now if back and back.heavy_now is not None \
            else -1
        c["dread_next"].value = (
            back.dread_next if back and back.dread_next is not None else -1)
        c["sleep"].value = (back.sleep or "") if back else ""
        for name in _TEXTS:
            c[name].value = getattr(back, name) if back else ""
        soon = inc is not None and self._clock() - inc.times.alert_at < _SOON
        c["soon"].value = esc(msg.LOOKBACK_TOO_SOON) if soon else ""

    def answers(self) -> dict[str, Any]:
        """The look-back as the form holds it (``at`` is added on Save)."""
        c = self.controls
        data: dict[str, Any] = {name: c[name].value for name in _TEXTS}
        for name in ("heavy_now", "dread_next"):
            if c[name].value >= 0:
                data[name] = c[name].value
        if c["sleep"].value:
            data["sleep"] = c["sleep"].value
        return data

    # --- saving ---
    def _save(self) -> None:
        c = self.controls
        incident_id = c["incident"].value
        if self.journal.read_only or not incident_id:
            self.say(msg.LOOKBACK_SAMPLE if self.journal.read_only
                     else msg.LOOKBACK_NONE)
            return
        answers = self.answers()

        def edit(current: Incident) -> Incident:
            data = current.to_data()
            data["lookback"] = {"at": self._clock().isoformat(), **answers}
            return validate_incident(data)

        try:
            saved = self.journal.change(incident_id, edit)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        self._incidents[saved.id] = saved
        self.say(msg.LOOKBACK_SAVED.format(id=saved.id))
        try:
            note = care.care_note(self.journal.frame())
        except KitError:
            note = None
        c["care"].value = care_html(note)
