"""The log form: everything about one incident, right after it (notebook 02).

``log_form(journal, incident=None)`` returns a form with a fitting widget for every
field of the record. It saves through the journal: ``save`` for a new incident,
``update`` when correcting a saved one or finishing a live draft (which sets
``draft`` to false and keeps the live times and events exactly as they were).

What you type is what is saved
------------------------------
Each time is entered in the browser's own date and time inputs (typed digits, the arrow
keys or the calendar; an empty date means the alert's day), with one timezone choice
for the incident: this computer's local time (its rules for that date, so summer and
winter offsets come out right) or a fixed UTC offset. A time that was loaded and not
touched is saved exactly as it was loaded, to the microsecond.

Nothing is lost
---------------
When Save finds a problem, each message (the record's own words from
``kit.InvalidIncident.problems``, or the form's for a date it cannot read) is shown next
to its field and listed at the top (see :mod:`kit.forms.log_layout`), no widget value
is changed and nothing is written. A summary line, kept up
to date by the kernel on every change, shows what Save will write (counts and ratings
only for free text; reflections never appear in it).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import ipywidgets as widgets

from .. import care
from .. import messages as msg
from ..errors import DuplicateIncident, InvalidIncident, KitError
from ..journal import Journal
from ..record import (
    SCHEMA_VERSION,
    SYMPTOMS,
    TECHNIQUES,
    TIME_FIELDS,
    Incident,
    make_id,
    validate_incident,
)
from ._common import esc
from .log_layout import SUMMARY_ID, LogLayout
from .log_summary import summary_lines
from .lookback import care_html
from .time_entry import (
    offset_minutes,
    offset_text,
    picked_text,
    read_time,
    timezone_options,
)

__all__ = ["log_form", "LogForm", "TIME_FIELDS"]


_PLACEHOLDER_ID = "2000-01-01-incident"  # validates the rest before the id is known


def log_form(
    journal: Journal | None = None, incident: Incident | str | None = None
) -> LogForm:
    """The log form widget for notebook 02.

    Parameters
    ----------
    journal : kit.Journal, optional
        Where Save writes (default: ``kit.Journal()``, your journal).
    incident : kit.Incident or str, optional
        An incident (or its id) to open: a draft to finish or a saved one to correct.
        Default: a new incident; the picker at the top offers the drafts.

    Returns
    -------
    LogForm
        An ``ipywidgets.VBox``. ``.controls`` holds every widget by name (see
        ``LogForm``), ``.problems`` the message next to each field, ``.summary`` what
        Save will write, ``.status`` what happened on Save.

    Examples
    --------
    >>> import kit
    >>> form = kit.forms.log_form(kit.Journal(JOURNAL))  # doctest: +SKIP
    >>> form                                             # doctest: +SKIP
    """
    journal = journal if journal is not None else Journal()
    if isinstance(incident, str):
        incident = journal.get(incident)
    return LogForm(journal, incident)


class LogForm(LogLayout):
    """The log form (see ``log_form``).

    Attributes
    ----------
    journal : kit.Journal
    incident_id : str or None
        The incident Save updates; None while it is a new one.
    mode : str
        ``"new"``, ``"draft"`` (finishing a draft) or ``"edit"`` (correcting one).
    controls : dict[str, ipywidgets.Widget]
        ``picker``, ``load``; ``title``, ``service``, ``severity``, ``role``,
        ``whose``; ``timezone``, ``<time>_date`` (a ``DatePicker``: a
        ``datetime.date`` or None) and ``<time>_time`` (a ``TimePicker``: a
        ``datetime.time`` or None) for each of
        ``alert_at``, ``first_action_at``, ``hands_on_at``, ``broadcast_at``,
        ``escalated_at``,
        ``mitigated_at``, ``resolved_at``; ``source``; ``symptom_<name>`` (0-10
        sliders); ``distress_peak`` and ``distress_rated``; ``clarity_next_step`` and
        ``clarity_rated``; ``heart_rate_bpm``; ``body_notes``; ``technique_<name>``
        (checkboxes); ``pm_<question>`` (summary, impact, what_happened,
        why_tests_missed, one_change, went_well); ``refl_body``, ``refl_at_3am``,
        ``refl_learned``, ``include_in_postmortem``; ``culture_response``,
        ``culture_safety``; ``keep_draft``; ``events``; ``first_step`` (pick the
        event that was the first deliberate step: it sets ``first_action_at``);
        ``save``; ``summary``; ``mode``; ``status``; ``care`` (the kind note of
        ``kit.care``, after Save).
    problems : dict[str, ipywidgets.HTML]
        The message shown next to each field, by the record's field path
        (``"title"``, ``"times.first_action_at"``, ``"body.heart_rate_bpm"`` ...)
        plus ``"general"`` beside the Save button.
    summary : ipywidgets.HTML
        What Save will write, updated on every change.
    """

    def __init__(self, journal: Journal, incident: Incident | None = None):
        super().__init__()
        self.journal = journal
        self.incident_id: str | None = None
        self.mode = "new"
        self.problems: dict[str, widgets.HTML] = {}
        self._events: list[dict[str, Any]] = []
        # Per time: the date, clock and timezone shown for it, and the exact moment.
        self._originals: dict[str, tuple[date, time, str, datetime]] = {}
        self._loading = False
        self._dirty = False
        self._confirm_armed = False
        self._n_drafts = 0
        self._kept: dict[str, Any] = {}  # parts this form does not show: kept as is
        self._build()
        self._build_first_step()
        self._load(incident)

    def _build_first_step(self) -> None:
        """The pick of the first deliberate step among the live log's events, and the
        kind note's place after Save."""
        c = self.controls
        self.add("first_step", widgets.Dropdown(
            options=[(msg.FIRST_STEP_KEEP, "")], value="",
            description=msg.FIRST_STEP_PROMPT,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto")))
        self.message("care", "kit-care-note")
        self._events_box.children = (
            *self._events_box.children,
            self.heading(msg.FIRST_STEP_HEADING),
            self.hint(msg.FIRST_STEP_HELP),
            c["first_step"],
        )
        self.children = [*self.children, c["care"]]
        c["first_step"].observe(self._pick_first_step, names="value")

    def _shown_zone(self) -> Any:
        choice = self.controls["timezone"].value
        if choice == "local":
            return None  # astimezone(None): this computer's rules for that date
        sign = -1 if choice.startswith("-") else 1
        hours, minutes = choice[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))

    def _pick_first_step(self, change: dict) -> None:
        """Put the picked event's time in the first deliberate step's fields, exactly
        (to the second) as the event was logged."""
        if self._loading or not change["new"]:
            return
        event = self._events[int(change["new"])]
        moment = datetime.fromisoformat(str(event["at"]))
        shown = moment.astimezone(self._shown_zone())
        c = self.controls
        day, clock = _shown(shown)
        self._originals["first_action_at"] = (day, clock, c["timezone"].value, moment)
        c["first_action_at_date"].value = day
        c["first_action_at_time"].value = clock

    def _first_step_options(self, inc: Incident | None) -> tuple[list, str]:
        options: list[tuple[str, str]] = [(msg.FIRST_STEP_KEEP, "")]
        chosen = ""
        first = inc.times.first_action_at if inc is not None else None
        for number, event in enumerate(inc.events if inc is not None else []):
            kind = msg.EVENT_KIND_LABELS.get(event.kind, event.kind)
            text = f" · {event.text[:60]}" if event.text else ""
            options.append((msg.FIRST_STEP_OPTION.format(
                time=event.at.strftime("%H:%M:%S"), kind=kind, text=text),
                str(number)))
            if first is not None and event.at == first and not chosen:
                chosen = str(number)
        return options, chosen

    # --- state ---
    def _rated(self, rated: str) -> None:
        if not self._loading:
            self.controls[rated].value = True

    def _changed(self, change: dict | None = None) -> None:
        if self._loading:
            return
        self._dirty = True
        self._confirm_armed = False
        self._echo()

    def _picker_options(self) -> list[tuple[str, str]]:
        options = [(msg.LOG_PICKER_NEW, "")]
        self._n_drafts = 0
        if self.journal.is_sample:
            return options
        incidents = sorted(
            self.journal.load().incidents,
            key=lambda inc: inc.times.alert_at,
            reverse=True,
        )
        for wanted_draft in (True, False):
            template = msg.LOG_PICKER_DRAFT if wanted_draft else msg.LOG_PICKER_SAVED
            for inc in incidents:
                if inc.draft == wanted_draft:
                    self._n_drafts += wanted_draft
                    when = inc.times.alert_at.strftime("%Y-%m-%d %H:%M")
                    options.append(
                        (template.format(title=inc.title, when=when), inc.id)
                    )
        return options

    def _set_mode(self, mode: str, incident_id: str | None) -> None:
        self.mode, self.incident_id = mode, incident_id
        if mode == "new":
            text = msg.LOG_MODE_NEW
        elif mode == "draft":
            text = msg.LOG_MODE_DRAFT.format(id=incident_id)
        else:
            text = msg.LOG_MODE_EDIT.format(id=incident_id)
        self.controls["mode"].value = esc(text)
        options = self._picker_options()
        picker = self.controls["picker"]
        picker.options = options
        picker.value = incident_id if incident_id in dict(options).values() else ""

    def _clear_problems(self) -> None:
        for slot in self.problems.values():
            slot.value = ""
            slot.layout.display = "none"
        self.show_problem_summary({})

    def _load(self, inc: Incident | None) -> None:
        """Fill every widget from ``inc`` (or the defaults for a new incident)."""
        c = self.controls
        self._loading = True
        try:
            self._clear_problems()
            self._originals = {}
            self._events = (
                [e.model_dump(mode="json") for e in inc.events] if inc else []
            )
            c["title"].value = inc.title if inc else ""
            c["service"].value = inc.service if inc else ""
            c["severity"].value = (inc.severity or "") if inc else ""
            c["role"].value = inc.role if inc else "on-call"
            c["whose"].value = inc.whose if inc else "unknown"
            c["source"].value = inc.times.source if inc else "recalled"
            if inc is None:
                c["timezone"].options = timezone_options()
                c["timezone"].value = "local"
            else:
                offset = offset_minutes(inc.times.alert_at)
                c["timezone"].options = timezone_options(offset)
                c["timezone"].value = offset_text(offset)
            zone = inc.times.alert_at.tzinfo if inc else None
            for name in TIME_FIELDS:
                moment = getattr(inc.times, name) if inc else None
                if moment is None:
                    c[f"{name}_date"].value = c[f"{name}_time"].value = None
                    continue
                day, clock = _shown(moment.astimezone(zone))
                c[f"{name}_date"].value, c[f"{name}_time"].value = day, clock
                self._originals[name] = (day, clock, c["timezone"].value, moment)
            body = inc.body if inc else None
            felt: dict[str, int] = (
                {str(k): v for k, v in body.symptoms.items()} if body else {}
            )
            for symptom in SYMPTOMS:
                c[f"symptom_{symptom}"].value = felt.get(symptom, 0)
            peak = body.distress_peak if body else None
            c["distress_peak"].value = peak or 0
            c["distress_rated"].value = peak is not None
            certainty = inc.clarity.next_step if inc else None
            c["clarity_next_step"].value = certainty or 0
            c["clarity_rated"].value = certainty is not None
            heart = body.heart_rate_bpm if body else None
            c["heart_rate_bpm"].value = "" if heart is None else str(heart)
            c["body_notes"].value = body.notes if body else ""
            for technique in TECHNIQUES:
                c[f"technique_{technique}"].value = (
                    inc is not None and technique in inc.techniques
                )
            for key in msg.LOG_POSTMORTEM_QUESTIONS:
                c[f"pm_{key}"].value = getattr(inc.postmortem, key) if inc else ""
            for key in msg.LOG_REFLECTION_QUESTIONS:
                c[f"refl_{key}"].value = getattr(inc.reflection, key) if inc else ""
            c["include_in_postmortem"].value = (
                inc.reflection.include_in_postmortem if inc else False
            )
            c["culture_response"].value = (inc.culture.response or "") if inc else ""
            c["culture_safety"].value = (
                (inc.culture.safe_to_say_i_broke_it or 0) if inc else 0
            )
            c["keep_draft"].value = False
            c["events"].value = self._events_html()
            self.show(self._events_box, bool(self._events))
            options, chosen = self._first_step_options(inc)
            c["first_step"].options = options
            c["first_step"].value = chosen
            c["care"].value = ""
            self._kept = {}
            if inc is not None and inc.lookback is not None:
                self._kept["lookback"] = inc.lookback.model_dump(
                    mode="json", exclude_none=True)
            if inc is not None and inc.times.alert_source is not None:
                self._kept["alert_source"] = inc.times.alert_source
        finally:
            self._loading = False
        mode = "new" if inc is None else ("draft" if inc.draft else "edit")
        self._set_mode(mode, inc.id if inc else None)
        self._dirty = False
        self._confirm_armed = False
        self._echo()
        if inc is None and self._n_drafts:
            c["mode"].value = esc(
                msg.LOG_MODE_NEW + " " + msg.LOG_DRAFTS_WAITING.format(n=self._n_drafts)
            )
        if self.journal.read_only:
            c["save"].disabled = True
            self.say(msg.FORM_READ_ONLY)

    def _events_html(self) -> str:
        if not self._events:
            return ""
        items = "".join(
            f"<li><b>{esc(str(event['at'])[11:19])}</b> · "
            f"{esc(msg.EVENT_KIND_LABELS.get(event['kind'], event['kind']))}"
            + (f" · {esc(event['text'])}" if event.get("text") else "")
            + "</li>"
            for event in self._events
        )
        heading = esc(msg.LOG_EVENTS_HEADING.format(n=len(self._events)))
        return f'{heading}<ol class="kit-timeline">{items}</ol>'

    def _on_load(self) -> None:
        wanted = self.controls["picker"].value
        if self._dirty and not self._confirm_armed:
            self._confirm_armed = True
            self.say(msg.LOG_LOAD_CONFIRM)
            return
        try:
            inc = self.journal.get(wanted) if wanted else None
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        self._load(inc)
        label = dict((v, k) for k, v in self.controls["picker"].options).get(wanted, "")
        self.say(msg.LOG_LOADED.format(what=label))

    # --- reading the widgets ---
    def _parse_time(
        self, name: str, alert_day: date | None
    ) -> tuple[datetime | None, str | None]:
        """The datetime typed for ``times.<name>``, or a problem to show."""
        c = self.controls
        day, clock = c[f"{name}_date"].value, c[f"{name}_time"].value
        choice = c["timezone"].value
        original = self._originals.get(name)
        if original is not None and original[:3] == (day, clock, choice):
            return original[3], None
        day_text, clock_text = picked_text(day, clock)
        return read_time(day_text, clock_text, choice,
                         label=msg.LOG_TIME_NAMES[name], is_alert=name == "alert_at",
                         alert_day=alert_day)

    def _gather(self) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The record as typed, and the problems found while reading it."""
        c = self.controls
        problems: list[tuple[str, str]] = []
        times: dict[str, Any] = {"source": c["source"].value}
        if "alert_source" in self._kept:
            times["alert_source"] = self._kept["alert_source"]
        alert, problem = self._parse_time("alert_at", None)
        if problem:
            problems.append(("times.alert_at", problem))
        if alert is not None:
            times["alert_at"] = alert
        alert_day = alert.date() if alert is not None else None
        for name in TIME_FIELDS[1:]:
            moment, problem = self._parse_time(name, alert_day)
            if problem:
                problems.append((f"times.{name}", problem))
            if moment is not None:
                times[name] = moment
        heart_text = c["heart_rate_bpm"].value.strip()
        heart = None
        if heart_text:
            if heart_text.isdigit() and len(heart_text) <= 4:
                heart = int(heart_text)
            else:
                problems.append(("body.heart_rate_bpm", msg.LOG_HEART_UNREADABLE))
        title = c["title"].value.strip()
        incident_id = self.incident_id or (
            make_id(alert, title) if alert is not None and title else _PLACEHOLDER_ID
        )
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": incident_id,
            "title": title,
            "service": c["service"].value.strip(),
            "severity": c["severity"].value or None,
            "role": c["role"].value,
            "whose": c["whose"].value,
            "draft": bool(c["keep_draft"].value),
            "times": times,
            "events": list(self._events),
            "body": {
                "distress_peak": (
                    c["distress_peak"].value if c["distress_rated"].value else None
                ),
                "symptoms": {
                    s: c[f"symptom_{s}"].value
                    for s in SYMPTOMS
                    if c[f"symptom_{s}"].value
                },
                "heart_rate_bpm": heart,
                "notes": c["body_notes"].value,
            },
            "clarity": {
                "next_step": (
                    c["clarity_next_step"].value if c["clarity_rated"].value else None
                )
            },
            "techniques": [t for t in TECHNIQUES if c[f"technique_{t}"].value],
            "postmortem": {k: c[f"pm_{k}"].value for k in msg.LOG_POSTMORTEM_QUESTIONS},
            "reflection": {
                **{k: c[f"refl_{k}"].value for k in msg.LOG_REFLECTION_QUESTIONS},
                "include_in_postmortem": bool(c["include_in_postmortem"].value),
            },
            "culture": {
                "response": c["culture_response"].value or None,
                "safe_to_say_i_broke_it": c["culture_safety"].value or None,
            },
        }
        if "lookback" in self._kept:
            data["lookback"] = self._kept["lookback"]
        return data, problems

    # --- the summary echo ---
    def _echo(self) -> None:
        """Show what Save will write; counts and ratings only for free text."""
        data, problems = self._gather()
        c = self.controls
        zone = dict((v, k) for k, v in c["timezone"].options)[c["timezone"].value]
        lines = summary_lines(data, {field for field, _ in problems}, zone)
        body_html = "<br>".join(esc(line) for line in lines)
        c["summary"].value = f"<b>{esc(msg.LOG_SUMMARY_HEADING)}</b><br>{body_html}"

    # --- saving ---
    def _place(self, field: str) -> str:
        """Which slot shows a problem about ``field`` (chosen by field, never by the
        problem's words)."""
        if field in self.problems:
            return field
        if field.startswith("events"):
            return "times.alert_at"  # events before the alert: the alert moved later
        parts = field.split(".")
        while parts:
            parts.pop()
            if ".".join(parts) in self.problems:
                return ".".join(parts)
        return "general"

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        shown: dict[str, list[str]] = {}
        for field, text in problems:
            shown.setdefault(self._place(field), []).append(text)
        for key, texts in shown.items():
            slot = self.problems[key]
            slot.value = self.slot_html(key, texts)
            slot.layout.display = None
        self.show_problem_summary(shown)

    def _save(self) -> None:
        self._clear_problems()
        data, problems = self._gather()
        taken = {self._place(field) for field, text in problems}
        try:
            incident = validate_incident(data)
        except InvalidIncident as error:
            incident = None
            problems += [
                (field, text)
                for field, text in error.problems
                if self._place(field) not in taken
            ]
        if problems or incident is None:
            self._show_problems(problems)
            # The way back up to the summary, for a person at the Save button.
            self.status.value = (
                f"{esc(msg.LOG_INVALID.format(n=len(problems)))} "
                f'<a href="#{SUMMARY_ID}">{esc(msg.PROBLEM_SUMMARY_LINK)}</a>'
            )
            return
        try:
            if self.mode == "new":
                for attempt in range(3):
                    data["id"] = self.journal.free_id(
                        make_id(incident.times.alert_at, incident.title)
                    )
                    incident = validate_incident(data)
                    try:
                        self.journal.save(incident)
                        break
                    except DuplicateIncident:
                        if attempt == 2:
                            raise
                done = msg.LOG_SAVED_NEW.format(id=incident.id)
            else:
                self.journal.update(incident)
                done = msg.LOG_SAVED_UPDATE.format(id=incident.id)
        except KitError as error:
            self.say(msg.FORM_NOT_SAVED.format(reason=str(error)))
            return
        # What was typed stays on screen; remember it as the saved version.
        for name in TIME_FIELDS:
            moment = getattr(incident.times, name)
            if moment is not None:
                self._originals[name] = (
                    self.controls[f"{name}_date"].value,
                    self.controls[f"{name}_time"].value,
                    self.controls["timezone"].value,
                    moment,
                )
        self._set_mode("draft" if incident.draft else "edit", incident.id)
        self._dirty = False
        self._echo()
        self.say(done)
        # The kind note, where a person alone sees it: right after saving.
        try:
            note = care.care_note(self.journal.frame())
        except KitError:
            note = None
        self.controls["care"].value = care_html(note)


def _shown(moment: datetime) -> tuple[date, time]:
    """The date and the clock (to the second) a picker shows for ``moment``."""
    return moment.date(), moment.time().replace(microsecond=0)
