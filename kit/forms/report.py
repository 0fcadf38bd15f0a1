"""The report form (notebook 04): tick incidents and reflections, choose a path, write.

Reflections are unticked at first: none is shared unless ticked. The form asks who the
report is for; for a manager the body and distress charts are left out unless ticked,
and the form says why. Labels are plain text
(titles are never rendered as HTML). Nothing is written until the button is pressed,
and an existing file is never replaced unless "replace" is ticked.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import messages as msg
from .._text import html_escape
from ..errors import KitError
from ..journal import Journal
from ..record import Incident
from ..reporting import WrittenReport, body_charts_default, default_path, report
from ._common import FORM_CSS, Form

__all__ = ["report_form", "ReportForm"]


def report_form(journal: Journal | None = None) -> ReportForm:
    """The report form for notebook 04: choose what goes in, then write the file.

    Parameters
    ----------
    journal : kit.Journal, optional
        The journal to report on (default: ``kit.Journal()``, your journal).

    Returns
    -------
    ReportForm
        Every incident ticked, every reflection unticked, written for yourself until
        another audience is chosen.

    Examples
    --------
    >>> import kit
    >>> form = kit.forms.report_form(kit.Journal.sample())
    >>> form.audience.value, any(box.value for box in form.reflections.values())
    ('self', False)
    """
    return ReportForm(journal if journal is not None else Journal())


def _label(number: int, incident: Incident) -> str:
    title = " ".join(incident.title.split())
    title = title if len(title) <= 70 else title[:69] + "…"
    return f"#{number} {incident.times.alert_at:%Y-%m-%d} {title}"


class ReportForm(Form):
    """The report form (see ``report_form``).

    Attributes
    ----------
    incidents, reflections : dict[str, ipywidgets.Checkbox]
        By incident id: include it; share its reflection (only incidents that have
        one).
    audience, body_charts : ipywidgets.Widget
        Who the report is for (``controls["audience"]``, ToggleButtons of
        ``kit.reporting.AUDIENCES``) and whether the body and distress charts go in
        (``controls["body_charts"]``; unticked for a manager, with ``body_why``
        saying why).
    path, pdf, overwrite, write_button : ipywidgets.Widget
        Also in ``controls`` as ``path``, ``pdf``, ``overwrite``, ``write``.
    written : kit.reporting.WrittenReport or None
        The last report written.
    """

    def __init__(self, journal: Journal):
        super().__init__()
        self.journal = journal
        self.written: WrittenReport | None = None
        labels = msg.REPORT_FORM_LABELS
        loaded = journal.load().incidents
        wide = widgets.Layout(width="95%")

        def box(name: str, value: bool, description: str) -> widgets.Checkbox:
            return self.add(name, widgets.Checkbox(
                value=value, description=description, indent=False, layout=wide))

        self.incidents = {
            inc.id: box(f"include.{n}", True, _label(n, inc))
            for n, inc in enumerate(loaded, start=1)
        }
        self.reflections = {
            inc.id: box(f"share.{n}", False, _label(n, inc))
            for n, inc in enumerate(loaded, start=1)
            if any(getattr(inc.reflection, key).strip()
                   for key in msg.REPORT_REFLECTION_LABELS)
        }
        self.audience = self.add("audience", widgets.ToggleButtons(
            options=[(label, key) for key, label in msg.REPORT_AUDIENCES.items()],
            value="self", description=msg.REPORT_AUDIENCE_QUESTION,
            style={"description_width": "initial"}))
        self.body_charts = box("body_charts", True, msg.REPORT_BODY_CHARTS_LABEL)
        self.body_why = self.message("body_why", "kit-help")
        self.audience.observe(self._audience_changed, names="value")
        self.path = self.add("path", widgets.Text(
            value=str(default_path(journal)), description=labels["path"],
            layout=wide))
        self.pdf = box("pdf", False, labels["pdf"])
        self.overwrite = box("overwrite", False, labels["overwrite"])
        self.write_button = self.button("write", labels["write"], primary=True,
                                        on_click=self._write)
        self.write_button.disabled = not loaded
        self.children = (
            widgets.HTML(FORM_CSS), self.hint(msg.REPORT_FORM_HELP),
            self.prompt(labels["incidents"]), *self.incidents.values(),
            self.prompt(labels["reflections"]), *self.reflections.values(),
            self.audience, self.body_charts, self.body_why,
            self.path, self.pdf, self.overwrite, self.write_button, self.status,
        )
        self.say(msg.REPORT_FORM_STATUS["ready" if loaded else "no_incidents"])

    def _audience_changed(self, change) -> None:
        """A manager's report leaves the body charts out until ticked, and says why."""
        self.body_charts.value = body_charts_default(change["new"])
        self.body_why.value = ("" if self.body_charts.value
                               else html_escape(msg.REPORT_BODY_CHARTS_WHY))

    def _write(self) -> None:
        chosen = [i for i, box in self.incidents.items() if box.value]
        ticked = [i for i, box in self.reflections.items() if box.value and i in chosen]
        try:
            written = report(self.journal, self.path.value.strip(), chosen,
                             reflections=ticked, audience=self.audience.value,
                             body_charts=self.body_charts.value, pdf=self.pdf.value,
                             overwrite=self.overwrite.value)
        except KitError as error:  # said in the form, where the person looks
            self.say(str(error))
            return
        self.written = written
        self.status.value = "<br>".join(
            html_escape(note.replace("`", "")) for note in written.notes)
