"""The timeline import form (notebook 02): choose an incident and a file your incident
tool exported, see what would change, then save.

Nothing is saved until Save, and Save is only possible right after a preview of the
same incident and file: changing either needs a new preview. Conflicting typed times
get a "replace" checkbox each; an acknowledgement offered as the first deliberate step
can be left out. The preview is an escaped HTML table.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..errors import KitError
from ..journal import Journal
from ..timelines import KEPT, ImportPlan, Timeline, plan_import, read_timeline, slack
from ..timelines.choice import alternatives, choose
from ..timelines.plan import save_plan
from ..timelines.timeline import stamp
from ._common import FORM_CSS, Form

__all__ = ["import_form", "TimelineImportForm"]

_LABEL_STYLE = {"description_width": "initial"}


def import_form(journal: Journal | None = None,
                incident_id: str | None = None) -> TimelineImportForm:
    """The timeline import form for notebook 02: preview a tool's times, then save.

    Parameters
    ----------
    journal : kit.Journal, optional
        Where Save writes (default: ``kit.Journal()``, your journal).
    incident_id : str, optional
        The incident chosen at first (default: the latest).

    Returns
    -------
    TimelineImportForm
        With Save closed until a preview of the chosen incident and file.

    Examples
    --------
    >>> import kit
    >>> kit.forms.import_form(kit.Journal.sample()).save_button.disabled
    True
    """
    return TimelineImportForm(journal if journal is not None else Journal(),
                              incident_id)


class TimelineImportForm(Form):
    """The timeline import form (see ``import_form``).

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``incident``, ``path``, ``tool_incident``, ``timezone``, ``preview``,
        ``table``, ``use_ack``, ``replace_box``, ``save``, ``status``.
    replace : dict[str, ipywidgets.Checkbox]
        One "replace my typed time" checkbox per conflicting time field.
    incident, path, tool_incident, timezone, use_ack, preview_button, save_button,
    table : ipywidgets.Widget
        The same widgets as in ``controls``, by name.
    """

    def __init__(self, journal: Journal, incident_id: str | None = None):
        super().__init__()
        self.journal = journal
        self.replace: dict[str, widgets.Checkbox] = {}
        self._timeline: Timeline | None = None
        labels = msg.IMPORT_FORM_LABELS
        loaded = journal.load().incidents
        options = [(f"{inc.id}: {_short(inc.title)}", inc.id)
                   for inc in reversed(loaded)]
        ids = [value for _, value in options]
        chosen = incident_id if incident_id in ids else (ids[0] if ids else None)
        wide = widgets.Layout(width="90%")
        self.incident = self.add("incident", widgets.Dropdown(
            options=options, value=chosen, description=labels["incident"],
            style=_LABEL_STYLE, layout=wide))
        self.path = self.add("path", widgets.Text(
            description=labels["path"], placeholder="timeline.csv",
            style=_LABEL_STYLE, layout=widgets.Layout(width="90%")))
        self.tool_incident = self.add("tool_incident", widgets.Text(
            description=labels["tool_incident"], style=_LABEL_STYLE,
            layout=widgets.Layout(width="60%")))
        self.timezone = self.add("timezone", widgets.Text(
            description=labels["timezone"], style=_LABEL_STYLE,
            layout=widgets.Layout(width="60%")))
        self.slack_channel = self.add("slack_channel", widgets.Text(
            description=msg.SLACK_FORM_CHANNEL, placeholder="incident-1234",
            style=_LABEL_STYLE, layout=widgets.Layout(width="60%")))
        self.slack_user = self.add("slack_user", widgets.Text(
            description=msg.SLACK_FORM_USER, style=_LABEL_STYLE,
            layout=widgets.Layout(width="60%")))
        self._proposals_html = ""  # a Slack export's proposals beside your messages
        self.use_ack = self.add("use_ack", widgets.Checkbox(
            value=True, description=msg.IMPORT_FORM_SKIP_ACK, indent=False,
            layout=widgets.Layout(display="none", width="95%")))
        self.preview_button = self.button("preview", labels["preview"],
                                          on_click=self._on_preview)
        self.save_button = self.button("save", labels["save"], primary=True,
                                       on_click=self._on_save)
        self.save_button.disabled = True
        self.table = self.add("table", widgets.HTML())
        self.replace_box = self.add("replace_box", widgets.VBox())
        # One drop-down per time that several events could give (the escalations).
        self.pick: dict[str, widgets.Dropdown] = {}
        self.pick_box = self.add("pick_box", widgets.VBox())
        for widget in (self.incident, self.path, self.tool_incident, self.timezone,
                       self.slack_channel, self.slack_user):
            widget.observe(self._reset, names="value")
        self.use_ack.observe(self._refresh, names="value")
        self.children = (
            widgets.HTML(FORM_CSS), self.hint(msg.IMPORT_FORM_HELP), self.incident,
            self.path, self.tool_incident, self.timezone,
            self.hint(msg.SLACK_FORM_HELP), self.slack_channel, self.slack_user,
            self.preview_button,
            self.table, self.use_ack, self.pick_box, self.replace_box,
            self.save_button, self.status,
        )
        self.say(msg.IMPORT_FORM_STATUS["choose" if options else "no_incidents"])

    # --- the plan as the form stands ---
    def _choices(self) -> dict[str, Any]:
        chosen = [name for name, box in self.replace.items() if box.value]
        return {"overwrite": chosen,
                "skip": [] if self.use_ack.value else ["first_action_at"]}

    def _picked(self) -> Timeline:
        assert self._timeline is not None
        timeline = self._timeline
        for name, box in self.pick.items():
            timeline = choose(timeline, name, box.value)
        return timeline

    def _plan(self) -> ImportPlan:
        return plan_import(self.journal.get(self.incident.value), self._picked(),
                           **self._choices())

    def _show(self, plan: ImportPlan) -> None:
        self.table.value = self._proposals_html + plan.to_html()
        self.save_button.disabled = bool(plan.problem) or not plan.changes

    # --- handlers ---
    def _refresh(self, _change=None) -> None:
        if self._timeline is None:
            return
        try:
            self._show(self._plan())
        except KitError as error:
            self.say(str(error))

    def _on_preview(self) -> None:
        self.save_button.disabled = True
        self.table.value = ""
        if not self.incident.value or not self.path.value.strip():
            self.say(msg.IMPORT_FORM_STATUS["choose"])
            return
        try:
            path, zone = self.path.value.strip(), self.timezone.value.strip() or None
            self._proposals_html = ""
            if slack.is_export(path):
                found = slack.proposals(path, channel=self.slack_channel.value,
                                        user=self.slack_user.value,
                                        assume_timezone=zone)
                self._proposals_html = found.to_html()
                timeline = slack.read_slack(path, channel=found.channel,
                                            user=self.slack_user.value,
                                            assume_timezone=zone)
            else:
                timeline = read_timeline(
                    path, tool_incident=self.tool_incident.value.strip() or None,
                    assume_timezone=zone)
            current = self.journal.get(self.incident.value)
        except KitError as error:
            self._timeline = None
            self.say(str(error))
            return
        self._timeline = timeline
        picks = {}
        for name, chosen in timeline.proposed().items():
            candidates = alternatives(timeline, name)
            if len(candidates) > 1:
                picks[name] = widgets.Dropdown(
                    options=[(msg.CHOICE_FORM_OPTION.format(
                        time=stamp(e.at), where=timeline.where(e.row))
                        + (f" ({e.label})" if e.label else ""), e.row)
                        for e in candidates],
                    value=chosen.row, style=_LABEL_STYLE,
                    layout=widgets.Layout(width="90%"),
                    description=msg.CHOICE_FORM_LABEL.format(
                        label=msg.IMPORT_FIELD_LABELS[name]))
                picks[name].observe(self._refresh, names="value")
        self.pick = picks
        self.pick_box.children = tuple(picks.values())
        first = plan_import(current, timeline)
        boxes = {}
        for item in first.times:
            if item.action == KEPT:
                box = widgets.Checkbox(
                    value=False, indent=False, layout=widgets.Layout(width="95%"),
                    description=msg.IMPORT_FORM_REPLACE.format(
                        label=msg.IMPORT_FIELD_LABELS[item.field]))
                box.add_class("kit-replace-" + item.field.replace("_", "-"))
                box.observe(self._refresh, names="value")
                boxes[item.field] = box
        self.replace = boxes
        self.replace_box.children = tuple(boxes.values())
        self.show(self.use_ack, first.offers_acknowledgement)
        self._show(self._plan())
        self.say(msg.IMPORT_FORM_STATUS["previewed"])

    def _on_save(self) -> None:
        if self._timeline is None:
            self.say(msg.IMPORT_FORM_STATUS["choose"])
            return
        try:
            plan = self._plan()
            if plan.problem:
                self.say(plan.problem)
                return
            if not plan.changes:
                self.say(msg.IMPORT_FORM_STATUS["unchanged"])
                return
            # Planned again under the journal's lock against the incident on disk.
            plan = save_plan(self.journal, self.incident.value, self._picked(),
                             **self._choices())
        except KitError as error:
            self.say(str(error))
            return
        self._clear()
        self.say(msg.IMPORT_FORM_STATUS["saved"] + " " + plan.summary())

    def _clear(self) -> None:
        self._timeline = None
        self.save_button.disabled = True
        self.table.value = ""
        self.replace = {}
        self.replace_box.children = ()
        self.pick = {}
        self.pick_box.children = ()

    def _reset(self, _change=None) -> None:
        # Any change of incident or file needs a new preview before a save.
        self._clear()
        self.show(self.use_ack, False)
        self.say(msg.IMPORT_FORM_STATUS["choose"])


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
