"""The post-mortem form: three questions, the wording check, Save, Export (notebook 03).

``postmortem_form(journal, incident_id=None)`` opens one incident of your journal
(drafts included), with its post-mortem answers in text areas. As you type, each answer
is checked with ``kit.check_blame`` and what it finds is shown under it, escaped and
grouped: blame of someone else (with a way to say it as mechanics), words about
yourself (answered gently), and a slip you own plainly (thanked, with a prompt to add
the mechanism). Save writes the answers into the
incident (``journal.change``: read, edit, write under the journal's lock, so nothing
else in the record is touched). Export Markdown saves, then writes the document next to
the journal.

With an empty journal the form opens on the sample journal, read-only, so that the
check can be tried; Save and Export then say kindly that nothing can be written there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as widgets

from .. import blame
from .. import postmortem as pm
from ..errors import KitError
from ..journal import Journal
from ..messages import postmortem as words
from ..record import Incident
from ._common import FORM_CSS, Form, esc

__all__ = ["postmortem_form", "PostMortemForm"]

_ROWS = {"what_happened": 6, "why_tests_missed": 4, "one_change": 3}


def postmortem_form(
    journal: Journal | None = None,
    incident_id: str | None = None,
    *,
    practice_on_sample: bool = True,
) -> PostMortemForm:
    """The post-mortem form widget for notebook 03.

    Parameters
    ----------
    journal : kit.Journal, optional
        Your journal (default ``kit.Journal()``). A read-only journal (the sample) can
        be read and checked, not saved.
    incident_id : str, optional
        The incident to open first. Default (or when it is not in the journal): the
        most recent one.
    practice_on_sample : bool
        When ``journal`` holds no incidents, open the sample journal read-only instead,
        so the wording check can be tried (default True).

    Returns
    -------
    PostMortemForm
        An ``ipywidgets.VBox``. ``.controls`` holds every widget by name: ``picker``,
        one text area per answer (``summary``, ``impact``, ``what_happened``,
        ``why_tests_missed``, ``one_change``, ``went_well``; CSS class
        ``kit-answer-<name>`` in a browser), ``findings_<answer>``,
        ``include_reflection``, ``findings_reflection``, ``summary_line``, ``check``,
        ``save``, ``export``, ``preview``, ``status``.

    Examples
    --------
    >>> import kit
    >>> form = kit.forms.postmortem_form(kit.Journal(JOURNAL))  # doctest: +SKIP
    >>> form.controls["what_happened"].value = "The job ran before the cache warmed."
    ...                                                          # doctest: +SKIP
    >>> form.controls["save"].click()                            # doctest: +SKIP
    """
    return PostMortemForm(
        journal if journal is not None else Journal(),
        incident_id,
        practice_on_sample=practice_on_sample,
    )


class PostMortemForm(Form):
    """The form returned by ``postmortem_form`` (see there).

    Attributes
    ----------
    journal : kit.Journal
        The journal shown (the sample, read-only, when yours was empty).
    findings : dict[str, list[kit.BlameFinding]]
        The latest findings per answer (``"what_happened"`` ..., ``"reflection"``).
    last_export : pathlib.Path or None
        The file the latest Export wrote.
    """

    def __init__(
        self,
        journal: Journal,
        incident_id: str | None = None,
        *,
        practice_on_sample: bool = True,
    ) -> None:
        super().__init__()
        form = words.POSTMORTEM_FORM
        result = journal.load()
        incidents = result.incidents
        notes: list[str] = []
        if not incidents and practice_on_sample and not journal.is_sample:
            journal = Journal.sample()
            incidents = journal.load().incidents
            notes.append(form["empty_journal"])
        elif journal.read_only:
            notes.append(form["on_sample"])
        if result.problems:
            notes.append(form["unreadable"].format(n=len(result.problems)))
        self.journal = journal
        self.findings: dict[str, list[blame.BlameFinding]] = {}
        self.last_export: Path | None = None
        self._incidents: dict[str, Incident] = {inc.id: inc for inc in incidents}
        self._stash: dict[str, dict[str, str | bool]] = {}
        self._loading = False

        newest_first = sorted(
            incidents, key=lambda inc: inc.times.alert_at, reverse=True
        )
        picker = self.add(
            "picker",
            widgets.Dropdown(
                options=[(self._label(inc), inc.id) for inc in newest_first],
                value=None,
                description=form["picker"],
                layout=widgets.Layout(width="100%"),
            ),
        )
        parts: list[widgets.Widget] = [widgets.HTML(FORM_CSS)]
        note = self.message("note")
        note.value = "<br>".join(esc(text) for text in notes)
        self.show(note, bool(notes))
        parts += [note, picker]

        for name in pm.POSTMORTEM_FIELDS:
            area = self.text(name, area=True, rows=_ROWS.get(name, 2))
            # The question is the field's own <label>, drawn as large as a heading.
            self.label(area, words.POSTMORTEM_FIELD_LABELS[name], heading=True)
            # "kit-summary" is the shared style of a summary box, not of an answer.
            area.remove_class("kit-summary")
            area.add_class(f"kit-answer-{name.replace('_', '-')}")
            area.observe(lambda change, name=name: self._edited(name), names="value")
            parts += [
                area,
                self.hint(words.POSTMORTEM_FIELD_HELP[name]),
                self.message(f"findings_{name}", "kit-findings"),
            ]

        include = self.add(
            "include_reflection",
            widgets.Checkbox(
                value=False,
                description=form["include_reflection"],
                indent=False,
                layout=widgets.Layout(width="auto"),
            ),
        )
        include.observe(lambda change: self._edited("reflection"), names="value")
        parts += [
            include,
            self.hint(form["include_reflection_help"]),
            self.message("findings_reflection", "kit-findings"),
            self.message("summary_line", "kit-summary"),
            self.row(
                self.button("check", form["check"], on_click=self.check),
                self.button("save", form["save"], primary=True, on_click=self.save),
                self.button("export", form["export"], on_click=self.export),
            ),
            self.status,
        ]
        preview = self.add("preview", widgets.HTML(""), "kit-preview")
        parts.append(widgets.Accordion(children=[preview], titles=(form["preview"],)))
        self.children = parts

        picker.observe(self._picked, names="value")
        if not newest_first:
            for control in self.controls.values():
                if hasattr(control, "disabled"):
                    control.disabled = True
            self.say(form["no_incidents"])
            return
        wanted = incident_id if incident_id in self._incidents else newest_first[0].id
        picker.value = wanted  # loads it (see _picked)
        if incident_id is not None and incident_id not in self._incidents:
            self.say(form["not_found"].format(id=incident_id))

    def __repr__(self) -> str:  # never echo the answers into a notebook's output
        return f"PostMortemForm({self.incident_id or 'no incident'})"

    # --- what the form holds ---------------------------------------------------------
    @property
    def incident_id(self) -> str | None:
        """The id of the incident shown."""
        return self.controls["picker"].value

    def answers(self) -> dict[str, str]:
        """The answers as typed, by post-mortem field name."""
        return {name: self.controls[name].value for name in pm.POSTMORTEM_FIELDS}

    def _state(self) -> dict[str, str | bool]:
        state: dict[str, str | bool] = dict(self.answers())
        state["include_reflection"] = self.controls["include_reflection"].value
        return state

    def _saved_state(self, incident: Incident) -> dict[str, str | bool]:
        state: dict[str, str | bool] = {
            name: getattr(incident.postmortem, name) for name in pm.POSTMORTEM_FIELDS
        }
        state["include_reflection"] = incident.reflection.include_in_postmortem
        return state

    @property
    def dirty(self) -> bool:
        """True when the form holds answers that are not saved yet."""
        incident = self._incidents.get(self.incident_id or "")
        return incident is not None and self._state() != self._saved_state(incident)

    def current(self) -> Incident | None:
        """The incident shown, with the form's answers applied (not saved)."""
        incident = self._incidents.get(self.incident_id or "")
        if incident is None:
            return None
        postmortem = incident.postmortem.model_copy(update=self.answers())
        reflection = incident.reflection.model_copy(
            update={"include_in_postmortem": self.controls["include_reflection"].value}
        )
        return incident.model_copy(
            update={"postmortem": postmortem, "reflection": reflection}
        )

    @staticmethod
    def _label(incident: Incident) -> str:
        title = incident.title
        if len(title) > 60:
            title = title[:59] + "…"
        draft = f" ({words.POSTMORTEM_FORM['draft']})" if incident.draft else ""
        return f"{incident.id} · {title}{draft}"

    # --- reacting --------------------------------------------------------------------
    def _picked(self, change) -> None:
        previous, wanted = change["old"], change["new"]
        if previous in self._incidents:
            stashed = self._state()
            if stashed != self._saved_state(self._incidents[previous]):
                self._stash[previous] = stashed
            else:
                self._stash.pop(previous, None)
        if wanted not in self._incidents:
            return
        state = self._stash.get(wanted) or self._saved_state(self._incidents[wanted])
        self._loading = True
        try:
            for name in pm.POSTMORTEM_FIELDS:
                self.controls[name].value = state[name]
            include = bool(state["include_reflection"])
            self.controls["include_reflection"].value = include
        finally:
            self._loading = False
        self._check_all()
        restored = wanted in self._stash
        key = "restored" if restored else "showing"
        self.say(words.POSTMORTEM_FORM[key].format(id=wanted))

    def _edited(self, name: str) -> None:
        if self._loading:
            return
        self._check_field(name)
        self._refresh()

    def _check_field(self, name: str) -> None:
        if name == "reflection":
            incident = self._incidents.get(self.incident_id or "")
            found: list[blame.BlameFinding] = []
            if incident is not None and self.controls["include_reflection"].value:
                for field in pm.REFLECTION_FIELDS:
                    # A reflection is where owning a slip plainly belongs: only blame
                    # of others and of yourself get an answer there.
                    found += blame.check_blame(
                        getattr(incident.reflection, field), where="reflection"
                    )
        else:
            found = blame.check_blame(self.controls[name].value)
        self.findings[name] = found
        box = self.controls[f"findings_{name}"]
        heading = ""
        if name == "reflection" and found:
            heading = f"<div>{esc(words.POSTMORTEM_FORM['reflection_field'])}</div>"
        box.value = heading + blame.findings_html(found)
        self.show(box, bool(found))

    def _check_all(self) -> None:
        for name in (*pm.POSTMORTEM_FIELDS, "reflection"):
            self._check_field(name)
        self._refresh()

    def _count(self) -> int:
        return sum(len(found) for found in self.findings.values())

    def _refresh(self) -> None:
        """Update the summary line and the preview from the form's current answers."""
        count = self._count()
        form = words.POSTMORTEM_FORM
        line = form["n_findings"].format(n=count) if count else form["no_findings"]
        self.controls["summary_line"].value = esc(line)
        incident = self.current()
        self.controls["preview"].value = (
            _render(pm.to_markdown(incident)) if incident is not None else ""
        )

    # --- buttons ---------------------------------------------------------------------
    def check(self) -> None:
        """Check the wording of every answer again (the Check wording button)."""
        self._check_all()
        self.say(words.POSTMORTEM_FORM["checked"])

    def save(self) -> bool:
        """Write the answers into the incident (the Save button). True when saved."""
        form = words.POSTMORTEM_FORM
        incident_id = self.incident_id
        if incident_id is None:
            self.say(form["no_incidents"])
            return False
        if self.journal.read_only:
            self.say(form["sample_read_only"])
            return False
        answers = self.answers()
        include = self.controls["include_reflection"].value

        def edit(incident: Incident) -> Incident:
            postmortem = incident.postmortem.model_copy(update=answers)
            reflection = incident.reflection.model_copy(
                update={"include_in_postmortem": include}
            )
            return incident.model_copy(
                update={"postmortem": postmortem, "reflection": reflection}
            )

        try:
            saved = self.journal.change(incident_id, edit)
        except KitError as error:  # messages name the field and never quote answers
            self.say(form["save_failed"].format(reason=str(error)))
            return False
        self._incidents[incident_id] = saved
        self._stash.pop(incident_id, None)
        count = self._count()
        if count:
            self.say(form["saved_with_findings"].format(id=incident_id, n=count))
        else:
            self.say(form["saved"].format(id=incident_id))
        return True

    def export(self) -> None:
        """Save, then write the Markdown document (the Export Markdown button)."""
        form = words.POSTMORTEM_FORM
        if self.incident_id is None:
            self.say(form["no_incidents"])
            return
        if self.journal.read_only:
            self.say(form["sample_read_only"])
            return
        if self.dirty and not self.save():
            return
        try:
            path = pm.export_markdown(self.journal, self.incident_id)
        except KitError as error:
            self.say(form["export_failed"].format(reason=str(error)))
            return
        self.last_export = path
        self.say(form["exported"].format(path=path))


# The only HTML the document's own Markdown produces; anything else means something
# went wrong, and the preview then shows the Markdown text, escaped.
_PREVIEW_TAGS = {
    "h1",
    "h2",
    "p",
    "ul",
    "li",
    "strong",
    "em",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_PREVIEW_STYLE = re.compile(r"^text-align:\s?(left|right|center);?$")


class _AllowList(HTMLParser):
    """Finds any tag or attribute outside what the document's own Markdown makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.clean = True

    def handle_starttag(self, tag, attrs):
        if tag not in _PREVIEW_TAGS:
            self.clean = False
        for name, value in attrs:
            if name != "style" or not _PREVIEW_STYLE.match(value or ""):
                self.clean = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _render(markdown: str) -> str:
    """The document as HTML for the preview, checked against an allow-list of tags."""
    plain = f"<pre style='white-space: pre-wrap'>{esc(markdown)}</pre>"
    try:
        import mistune
    except ImportError:  # the preview then shows the Markdown text itself
        return plain
    # Every typed character is already escaped by to_markdown, so the renderer gets
    # no raw HTML to pass on; the allow-list below makes sure of it.
    rendered = str(mistune.create_markdown(escape=False, plugins=["table"])(markdown))
    checker = _AllowList()
    checker.feed(rendered)
    checker.close()
    return rendered if checker.clean else plain
