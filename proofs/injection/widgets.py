"""Widget places: every form of the kit filled with a payload, pressed and walked, and
what its widgets would show the front end after each change."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .payloads import path_part, timeline_csv
from .places import Render


def _walk(root) -> list:
    import ipywidgets as widgets

    seen: set[int] = set()
    stack, found = [root], []
    while stack:
        widget = stack.pop()
        if id(widget) in seen or not isinstance(widget, widgets.Widget):
            continue
        seen.add(id(widget))
        found.append(widget)
        stack.extend(reversed(list(getattr(widget, "children", ()) or ())))
        stack.extend(getattr(widget, "controls", {}).values())
    return found


class _Collector:
    """Every value the front end would show, collected after each change."""

    def __init__(self, markdown: Callable[[str], str]) -> None:
        self.parts: dict[tuple[str, str], None] = {}
        self.markdown = markdown

    def snap(self, root) -> None:
        import ipywidgets as widgets

        for widget in _walk(root):
            if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
                self.parts[("html", widget.value)] = None
            elif isinstance(widget, widgets.Label):
                self.parts[("text", widget.value)] = None
            if getattr(widget, "description_allow_html", False):
                self.parts[("html", widget.description)] = None
            if isinstance(widget, widgets.Output):
                for output in widget.outputs:
                    data = output.get("data", {})
                    if "text/html" in data:
                        self.parts[("html", data["text/html"])] = None
                    elif "text/markdown" in data:
                        shown = self.markdown(data["text/markdown"])
                        self.parts[("html", shown)] = None
                    elif "text" in output:
                        self.parts[("text", output["text"])] = None

    def result(self) -> list[tuple[str, str]]:
        return [part for part in self.parts if part[1]]


class Errors(logging.Handler):
    """Callbacks that raised: ipywidgets logs them instead of raising."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        kind = record.exc_info[0].__name__ if record.exc_info else "warning"
        self.seen.append(f"{kind} from {record.name}")


def _safely(action: Callable[[], Any], errors: list[str], where: str) -> None:
    try:
        action()
    except Exception as error:  # noqa: BLE001 - a crash is a finding, then we go on
        errors.append(f"{where}: {type(error).__name__}")


_NOT_FREE_TEXT = re.compile(r"(_date|_time|alert_time|heart_rate_bpm|timezone|path|"
                            r"tool_incident)$")


def _exercise(
    root,
    payload: str,
    snap: Callable[[], None],
    errors: list[str],
    where: str,
    *,
    skip: Callable[[Any], bool] = lambda _w: False,
) -> None:
    """Type the payload into the form's fields, tick its boxes, press its buttons.

    Round 1 fills free text only (so saves succeed and say so); round 2 fills every
    text field (so every "cannot read" message gets the payload too).
    """
    import ipywidgets as widgets

    names = {id(w): n for n, w in getattr(root, "controls", {}).items()}
    snap()
    for every_field in (False, True):
        for widget in _walk(root):
            if skip(widget) or getattr(widget, "disabled", False):
                continue
            if isinstance(widget, (widgets.Text, widgets.Textarea)):
                name = names.get(id(widget), "")
                if not every_field and _NOT_FREE_TEXT.search(name):
                    continue
                _safely(lambda w=widget: setattr(w, "value", payload), errors, where)
                snap()
        for widget in _walk(root):
            if isinstance(widget, widgets.Checkbox) and not skip(widget):
                _safely(lambda w=widget: setattr(w, "value", True), errors, where)
        snap()
        for widget in _walk(root):
            if isinstance(widget, widgets.Button) and not widget.disabled:
                if skip(widget):
                    continue
                _safely(widget.click, errors, where)
                snap()


def _pick_each(dropdown, snap: Callable[[], None], errors: list[str], where: str,
               limit: int = 6) -> None:
    for value in [v for _label, v in dropdown.options][:limit]:
        _safely(lambda v=value: setattr(dropdown, "value", v), errors, where)
        snap()


def form_places(i: int, payload: str, journal, work: Path, markdown, errors):
    """The forms of notebooks 01, 02, 03, 04 and 07, each as a widget page."""
    import ipywidgets as widgets

    import kit
    from kit.forms import import_form

    finished = f"{datetime(2026, 4, 1) + timedelta(days=i):%Y-%m-%d}-payload-{i}"
    out: list[Render] = []

    def place(name: str, build: Callable[[_Collector], None], echoes=True) -> None:
        collector = _Collector(markdown)
        _safely(lambda: build(collector), errors, name)
        out.append(Render(name, i, parts=collector.result(), echoes=echoes))

    def live(c: _Collector) -> None:
        form = kit.forms.live_companion(journal)  # resumes the payload draft
        _exercise(form, payload, lambda: c.snap(form), errors, "live companion",
                  skip=lambda w: w is form.controls.get("new_incident"))
        form.controls["new_incident"].click()  # the start panel names the draft
        c.snap(form)
        form.controls["title"].value = payload
        form.controls["service"].value = payload
        form.controls["alert"].click()  # a new incident from typed fields
        c.snap(form)
        _exercise(form, payload, lambda: c.snap(form), errors, "live companion")

    def log(c: _Collector) -> None:
        form = kit.forms.log_form(journal, finished)
        _exercise(form, payload, lambda: c.snap(form), errors, "log form")
        fresh = kit.forms.log_form(journal)
        c.snap(fresh)
        for widget in _walk(fresh):
            if isinstance(widget, widgets.Dropdown) and any(
                "payload" in str(v) for _l, v in widget.options
            ):
                _pick_each(widget, lambda f=fresh: c.snap(f), errors, "log form")
        _exercise(fresh, payload, lambda: c.snap(fresh), errors, "log form")

    def postmortem(c: _Collector) -> None:
        form = kit.forms.postmortem_form(journal, finished)
        _exercise(form, payload, lambda: c.snap(form), errors, "post-mortem form")
        _pick_each(form.controls["picker"], lambda: c.snap(form), errors,
                   "post-mortem form")

    def importer(c: _Collector) -> None:
        alert = journal.get(finished).times.alert_at
        timeline = timeline_csv(
            work / "timelines" / f"{i}" / (path_part(payload) + ".csv"), payload,
            alert)
        form = import_form(journal, finished)
        c.snap(form)
        form.path.value = str(timeline)
        form.tool_incident.value = ""
        form.preview_button.click()
        c.snap(form)
        for box in form.replace.values():
            box.value = True
            c.snap(form)
        form.save_button.click()
        c.snap(form)
        _exercise(form, payload, lambda: c.snap(form), errors, "import form")

    def report(c: _Collector) -> None:
        with quick_charts():
            report_on(c)

    def report_on(c: _Collector) -> None:
        form = kit.forms.report_form(journal)
        c.snap(form)
        form.path.value = str(work / "reports" / f"{i}" / "report.html")
        for box in form.reflections.values():
            box.value = True
        form.write_button.click()
        c.snap(form)
        _exercise(form, payload, lambda: c.snap(form), errors, "report form",
                  skip=lambda w: w is form.pdf)

    def survey(c: _Collector) -> None:
        frame = journal.frame()
        for make in (
            lambda: kit.forms.safety_form(work / "safety" / f"{i}"),
            kit.forms.audit_form,
            kit.forms.defect_form,
            lambda: kit.forms.stay_or_fight_form(frame),
        ):
            form = make()
            _exercise(form, payload, lambda f=form: c.snap(f), errors, "survey forms")

    place("live companion (01)", live)
    place("log form (02)", log)
    place("import form (02)", importer)
    place("post-mortem form and preview (03)", postmortem)
    place("report form (04)", report)
    place("survey forms (07)", survey, echoes=False)
    return out


_PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


@contextlib.contextmanager
def quick_charts():
    """The report form writes several reports per payload: skip drawing their charts
    (images, no text). The report page itself is rendered with real charts."""
    from kit import report

    real = getattr(report, "_png", None)
    if real is None:
        yield
        return

    def quick(draw, size, dpi):
        return _PIXEL

    report._png = quick
    try:
        yield
    finally:
        report._png = real
