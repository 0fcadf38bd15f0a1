"""The journal's one setting, asked once: how many incidents came before it (04)."""

from __future__ import annotations

import ipywidgets as widgets

from .. import messages as msg
from ..errors import KitError
from ..journal import Journal
from ..settings import MAX_PRIOR, prior_incidents, set_prior_incidents
from ._common import FORM_CSS, Form

__all__ = ["prior_form", "PriorForm"]


def prior_form(journal: Journal | None = None) -> PriorForm:
    """A number field and a button that keep how many incidents came before the
    journal (``kit.settings``); the trend then counts from there.

    Parameters
    ----------
    journal : kit.Journal, optional
        Your journal (the read-only sample cannot keep it).

    Returns
    -------
    PriorForm
        ``.controls``: ``prior``, ``save``, ``status``.
    """
    return PriorForm(journal if journal is not None else Journal())


class PriorForm(Form):
    """See ``prior_form``."""

    def __init__(self, journal: Journal):
        super().__init__()
        self.journal = journal
        c = self.controls
        self.add("prior", widgets.BoundedIntText(
            value=0, min=0, max=MAX_PRIOR, description=msg.PRIOR_PROMPT,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto")))
        self.button("save", msg.PRIOR_SAVE, primary=True, on_click=self._save)
        self.children = [widgets.HTML(FORM_CSS), c["prior"], c["save"], self.status,
                         self.hint(msg.PRIOR_PLAIN_NOTE)]
        if journal.read_only:
            c["save"].disabled = True
            self.say(msg.LOOKBACK_SAMPLE)
            return
        try:
            c["prior"].value = prior_incidents(journal.path)
        except KitError as error:
            self.say(str(error))

    def _save(self) -> None:
        n = int(self.controls["prior"].value)
        try:
            set_prior_incidents(self.journal.path, n, replace=True)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        self.say(msg.PRIOR_SAVED.format(n=n, first=n + 1))
