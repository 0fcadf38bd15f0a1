"""Proof that nothing a person types runs as code where the kit shows it back.

``prove_injection(work)`` types HTML, JavaScript and Markdown payloads into every
free-text field the kit ever shows back, renders every place that shows them in real
headless Chromium, clicks every link and button, fires every inline handler and reads
a flag each payload would set if it ran. It returns one line for ``make proof`` and
whether the promise held.

What counts
-----------
- A payload *executed* when ``window.__pwned`` is set in the page or in any of its
  frames. Payloads never call ``alert``: a flag can be read back.
- A payload is *live markup* when an element carrying its ``kitpwn`` marker attribute
  exists in the DOM (a ``<script>`` inserted with ``innerHTML`` never runs, but is
  still an escaping failure).
- A place *rendered* when its page loaded, and it *shows the payload* when the text
  ``pwned`` (part of every payload) reached the page.

Places
------
Widget places render what the front end renders: every ``HTML``/``HTMLMath`` widget
value (and ``description`` where HTML is allowed) as ``innerHTML``, ``Label`` values as
text, collected after every change and every button press. Cell-output places render
a notebook output the way a trusted notebook does: ``text/html`` as HTML,
``text/markdown`` through mistune with raw HTML allowed. Documents (the report, the
Markdown export, nbconvert exports of the notebooks) are opened as ``file://`` pages;
requests to anything but files are blocked and counted.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest import mock

from kit.reporting import CHROMIUM_OFFLINE_ARGS, find_chromium

__all__ = ["OTHER_CONTEXTS", "PAYLOADS", "collect", "prove_injection", "summarise"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = find_chromium() or "/usr/bin/chromium"
LAUNCH_ARGS = list(CHROMIUM_OFFLINE_ARGS)
PAGES_AT_ONCE = 10
SETTLE_MS = 300

_P = "window.__pwned=(window.__pwned||0)+1"

# Each sets window.__pwned if it ever runs; each tag carries the attribute ``kitpwn``
# so that live markup can be found even where it cannot run. None starts with "/" or
# "~" (the forms' path fields get them too) and none is longer than 200 characters
# (the record's limit for titles and services).
PAYLOADS: tuple[str, ...] = (
    f"<script kitpwn>{_P}</script>",
    f'<img kitpwn src=x onerror="{_P}">',
    "<svg kitpwn onload=window.__pwned=1>",
    '"><img kitpwn src=x onerror=window.__pwned=1>',
    "'><svg kitpwn onload=window.__pwned=1>",
    "[click me](javascript:window.__pwned=1)",
    '<a kitpwn href="javascript:window.__pwned=1">click</a>',
    '<iframe kitpwn srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "<details kitpwn open ontoggle=window.__pwned=1><summary>x</summary></details>",
    "</textarea><script kitpwn>window.__pwned=1</script>",
    '</script><script kitpwn>window.__pwned=1</script>{"a":"',
    "<style kitpwn>@keyframes kp{from{opacity:1}to{opacity:.9}}</style>"
    '<b style="animation:kp 1ms" onanimationstart=window.__pwned=1>pwned</b>',
    "<math><mtext><table><mglyph><style><!--</style><img kitpwn src=x "
    "onerror=window.__pwned=1>",
    "<svg><style><img kitpwn src=x onerror=window.__pwned=1></style></svg>",
    '<svg><a kitpwn href="javascript:window.__pwned=1"><text x=5 y=15>click'
    "</text></a></svg>",
    "x` <img kitpwn src=x onerror=window.__pwned=1> `y",
    "```\n</code></pre><img kitpwn src=x onerror=window.__pwned=1>\n```",
    "&lt;img kitpwn src=x onerror=window.__pwned=1&gt;",
    "&#60;img kitpwn src=x onerror=window.__pwned=1&#62;",
    "\uff1cimg kitpwn src=x onerror=window.__pwned=1\uff1e",
    "\\u003cimg kitpwn src=x onerror=window.__pwned=1\\u003e",
    '<a kitpwn href="jav&#x09;ascript:window.__pwned=1">tab</a>',
    '<form kitpwn action="javascript:window.__pwned=1"><button>go</button></form>',
    "<input kitpwn autofocus onfocus=window.__pwned=1>",
    '![pwned](x" onerror="window.__pwned=1)',
    "<javascript:window.__pwned=1>",
    "[x][r]\n\n[r]: javascript:window.__pwned=1",
    "<!--><img kitpwn src=x onerror=window.__pwned=1>-->",
    "';window.__pwned=1;// \"-(window.__pwned=1)-\" ${window.__pwned=1}",
    "**bold** <b kitpwn onmouseover=window.__pwned=1>hover</b> _x_",
    '<noscript><p title="</noscript><img kitpwn src=x onerror=window.__pwned=1>">',
    "<img kitpwn\nsrc=x\nonerror=window.__pwned=1>",
    "<video kitpwn><source onerror=window.__pwned=1></video>",
    "$\\href{javascript:window.__pwned=1}{click}$ <x kitpwn>\u2028\u0085</x>",
)

# Read in every frame after the triggers.
_READ_JS = """() => ({
  pwned: Number(window.__pwned || 0),
  live: document.querySelectorAll('[kitpwn]').length,
  shown: !!document.documentElement
         && document.documentElement.outerHTML.includes('pwned'),
})"""

# Click every link and button (cross-document navigation and form posts are held
# back, so the page stays; javascript: URLs and inline handlers still run), open every
# <details>, focus every field, and fire the event of every inline on* handler.
_TRIGGER_JS = """() => {
  const proto = (value) => {
    try { return new URL(value, document.baseURI).protocol; } catch (e) { return ''; }
  };
  const hrefOf = (a) => {
    const h = a.href;
    if (h && typeof h === 'object' && 'baseVal' in h) return h.baseVal;
    return a.getAttribute('href') ?? a.getAttribute('xlink:href');
  };
  window.addEventListener('click', (e) => {
    const a = e.target && e.target.closest ? e.target.closest('a, area') : null;
    if (!a) return;
    const h = hrefOf(a);
    if (h === null || h.startsWith('#')) return;
    if (proto(h) !== 'javascript:') e.preventDefault();
  }, true);
  window.addEventListener('submit', (e) => {
    const f = e.target;
    const via = e.submitter && e.submitter.getAttribute('formaction');
    if (proto(via || f.getAttribute('action') || '') !== 'javascript:') {
      e.preventDefault();
    }
  }, true);
  let clicks = 0, handlers = 0;
  const all = Array.from(document.querySelectorAll('*')).slice(0, 60000);
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      if (!attr.name.startsWith('on')) continue;
      try { el.dispatchEvent(new Event(attr.name.slice(2))); handlers++; } catch (e) {}
    }
  }
  document.querySelectorAll('details').forEach((d) => { d.open = !d.open; });
  const clickable = 'a, area, button, summary, label, input[type=submit], ' +
                    'input[type=button], input[type=image]';
  document.querySelectorAll(clickable).forEach((el) => {
    try {
      el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
      clicks++;
    } catch (e) {}
  });
  document.querySelectorAll('input, textarea, select, [tabindex]').forEach((el) => {
    try { el.focus(); } catch (e) {}
  });
  return {clicks, handlers};
}"""

_FILL_JS = """(parts) => {
  for (const [kind, value] of parts) {
    const box = document.createElement('div');
    box.className = 'widget-' + kind;
    if (kind === 'html') box.innerHTML = value; else box.textContent = value;
    document.body.appendChild(box);
  }
}"""


# --- what is rendered ---------------------------------------------------------------


@dataclass
class Render:
    """One page to open: widget ``parts`` (innerHTML/text) or a document file."""

    place: str
    payload: int | None  # None: every payload at once (notebook exports)
    parts: list[tuple[str, str]] | None = None
    path: Path | None = None
    echoes: bool = True  # False: the place is not meant to show typed text
    # filled in by the browser
    rendered: bool = False
    shown: bool = False
    executed: int = 0
    live: int = 0
    clicks: int = 0
    handlers: int = 0
    error: str = ""


@dataclass
class Findings:
    renders: list[Render] = field(default_factory=list)
    refused_pseudonyms: int = 0
    accepted_pseudonyms: int = 0
    form_errors: list[str] = field(default_factory=list)
    notebook_errors: list[str] = field(default_factory=list)
    blocked: int = 0
    markdown_it: bool = False
    caught: list[int] = field(default_factory=list)  # payloads the check sees raw


def _document(title: str, blocks: Iterable[str]) -> str:
    body = "\n".join(f'<div class="output">{block}</div>' for block in blocks)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body>\n{body}\n</body></html>"
    )


def _markdown_renderers() -> dict[str, Callable[[str], str]]:
    """Markdown to HTML as a trusted notebook or a viewer would: raw HTML on."""
    import mistune

    found = {"mistune": mistune.create_markdown(
        escape=False, plugins=["table", "strikethrough", "url"]
    )}
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return found
    engine = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    found["markdown-it-py"] = engine.render
    return found


def _as_html(obj: Any, markdown: Callable[[str], str]) -> str:
    """An object shown as a cell's result, as JupyterLab picks its representation."""
    if obj is None:
        return ""
    if hasattr(obj, "_repr_html_"):
        shown = obj._repr_html_()
        if shown is not None:
            return shown
    if hasattr(obj, "_repr_markdown_"):
        shown = obj._repr_markdown_()
        if shown is not None:
            return str(markdown(shown))
    if hasattr(obj, "data") and type(obj).__name__ in ("HTML", "Markdown"):
        return obj.data if type(obj).__name__ == "HTML" else str(markdown(obj.data))
    return f"<pre>{html.escape(str(obj))}</pre>"  # text/plain, as the front end does


# --- the incidents full of payloads ------------------------------------------------


def _at(base: datetime, minutes: float) -> str:
    return (base + timedelta(minutes=minutes)).isoformat()


def _finished(payload: str | Callable[[int], str], n: int) -> dict:
    """A finished incident whose every free-text field holds a payload."""
    from kit.record import EVENT_KINDS, SYMPTOMS, TECHNIQUES

    text = payload if callable(payload) else (lambda _k: payload)
    alert = datetime(2026, 4, 1, 9, 0, tzinfo=timezone.utc) + timedelta(days=n)
    return {
        "schema": 1,
        "id": f"{alert:%Y-%m-%d}-payload-{n}",
        "title": text(0)[:200],
        "service": text(1)[:200],
        "severity": "SEV2",
        "role": "on-call",
        "whose": "systemic",
        "draft": False,
        "times": {
            "alert_at": _at(alert, 0),
            "first_action_at": _at(alert, 4.5),
            "broadcast_at": _at(alert, 3),
            "escalated_at": _at(alert, 6),
            "mitigated_at": _at(alert, 20),
            "resolved_at": _at(alert, 40),
            "source": "recalled",
        },
        "events": [
            {"at": _at(alert, k + 1), "kind": kind, "text": text(k + 2)}
            for k, kind in enumerate(EVENT_KINDS)
        ],
        "body": {
            "distress_peak": 7,
            "symptoms": {name: 5 for name in SYMPTOMS[:4]},
            "heart_rate_bpm": 120,
            "notes": text(9),
        },
        "clarity": {"next_step": 40},
        "techniques": list(TECHNIQUES[:2]),
        "postmortem": {
            key: text(10 + k)
            for k, key in enumerate(
                ("summary", "impact", "what_happened", "why_tests_missed",
                 "one_change", "went_well")
            )
        },
        "reflection": {
            "body": text(16),
            "at_3am": text(17),
            "learned": text(18),
            "include_in_postmortem": True,
        },
        "culture": {"response": "blameless", "safe_to_say_i_broke_it": 4},
    }


def _live_draft(payload: str | Callable[[int], str], n: int) -> dict:
    """An unfinished live draft (the live companion resumes it) full of payloads."""
    from kit.record import EVENT_KINDS

    text = payload if callable(payload) else (lambda _k: payload)
    alert = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=7)
    return {
        "schema": 1,
        "id": f"{alert:%Y-%m-%d}-live-payload-{n}",
        "title": text(0)[:200],
        "service": text(1)[:200],
        "draft": True,
        "times": {"alert_at": _at(alert, 0), "source": "live"},
        "events": [
            {"at": _at(alert, 0.5 + k / 2), "kind": kind, "text": text(k + 2)}
            for k, kind in enumerate(EVENT_KINDS)
        ],
    }


def _path_part(payload: str) -> str:
    """A payload as a relative path: "/" makes folders, so the path text keeps it."""
    parts = []
    for part in payload.split("/"):
        part = part.replace("\x00", "")
        if part in ("", ".", ".."):
            part = "_"
        parts.append(part.encode()[:200].decode(errors="ignore") or "_")
    return "/".join(parts)


def _journal(folder: Path, incidents: list[dict]):
    import kit
    from kit.record import validate_incident

    journal = kit.Journal(folder)
    for incident in kit.Journal.sample().load().incidents:
        journal.save(incident)
    for data in incidents:
        journal.save(validate_incident(data))
    return journal


def _timeline_csv(path: Path, payload: str, alert: datetime) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["time", "event", "text"])
    writer.writerow([_at(alert, 0), "alert", payload])
    writer.writerow([_at(alert, 1), "acknowledge", payload])
    writer.writerow([_at(alert, 2), "note", payload])
    writer.writerow([_at(alert, 30), "resolve", payload])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# --- widgets ------------------------------------------------------------------------


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


class _Errors(logging.Handler):
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


def _form_places(i: int, payload: str, journal, work: Path, markdown, errors):
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
        timeline = _timeline_csv(
            work / "timelines" / f"{i}" / (_path_part(payload) + ".csv"), payload,
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
        with _quick_charts():
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
def _quick_charts():
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


# --- documents ------------------------------------------------------------------------


def _document_places(i: int, payload: str, journal, work: Path, renderers, findings,
                     errors) -> list[Render]:
    import kit
    from kit import postmortem as pm
    from kit import team, timelines
    from kit.reporting import render_html

    folder = work / "pages" / f"{i}"
    folder.mkdir(parents=True, exist_ok=True)
    finished = f"{datetime(2026, 4, 1) + timedelta(days=i):%Y-%m-%d}-payload-{i}"
    incident = journal.get(finished)
    mistune = renderers["mistune"]
    out: list[Render] = []

    def page(place: str, name: str, text: Callable[[], str]) -> None:
        path = folder / name
        try:
            path.write_text(text(), encoding="utf-8")
        except Exception as error:  # noqa: BLE001 - a place that cannot be built
            errors.append(f"{place}: {type(error).__name__}")
            out.append(Render(place, i, error=f"not built: {type(error).__name__}"))
            return
        out.append(Render(place, i, path=path))

    # The Markdown export, through each renderer and opened raw.
    markdown = pm.to_markdown(incident, include_reflection=True)
    for name, render in renderers.items():
        page(f"Markdown export via {name}", f"md-{name}.html",
             lambda r=render: _document("export", [r(markdown)]))
    page("Markdown export opened raw", "md-raw.html", lambda: markdown)

    # Notebook 00/04/05/07 outputs of a journal named with the payload.
    def outputs() -> str:
        frame = journal.frame()
        shown = [
            journal.describe(),
            journal.table(),
            kit.trend(frame),
            team.attribution_table(frame),
            kit.surveys.distress_note(frame),
            kit.blame.explain(
                f"{payload} forgot to warm the cache; {payload} was careless."
            ),
        ]
        named = folder / "named" / _path_part(payload)
        with _quick_charts():  # the sentences matter here, not the pictures
            shown.append(kit.report(journal, named / "report.html", dpi=20))
            shown.append(kit.charts.save_pngs(journal, named, dpi=20))
        return _document("outputs", [_as_html(obj, mistune) for obj in shown])

    page("notebook outputs: describe, table, trend, attribution, report, charts",
         "out.html", outputs)

    # The import preview (HTML and Markdown) of a timeline full of payloads.
    def plan() -> str:
        timeline = timelines.read_timeline(
            _timeline_csv(folder / "timeline" / (_path_part(payload) + ".csv"),
                          payload, incident.times.alert_at)
        )
        planned = timelines.plan_import(incident, timeline, overwrite=True)
        return _document("plan", [planned.to_html(), mistune(planned.to_markdown())])

    page("import preview", "plan.html", plan)

    # The team: a pseudonym of your choosing, a forged pool, a payload-named folder.
    def pool() -> str:
        exports = work / "exports" / f"{i}"
        try:
            team.export_anonymous(journal, exports, pseudonym=payload)
            findings.accepted_pseudonyms += 1
        except kit.KitError:
            findings.refused_pseudonyms += 1
        forged = work / "pools" / f"{i}" / _path_part(payload)
        forged.mkdir(parents=True, exist_ok=True)
        for source in exports.glob("*.csv") if exports.exists() else []:
            shutil.copy(source, forged / source.name)
        good = team.export_anonymous(journal, work / "exports" / f"good-{i}")
        rows = list(csv.reader(io.StringIO(good.read_text())))
        where = rows[0].index("pseudonym")
        for row in rows[1:]:
            row[where] = payload
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        name = payload.replace("/", "\u2215").replace("\n", " ")[:150] + ".csv"
        (forged / name).write_text(text.getvalue())
        (forged / "forged.csv").write_text(text.getvalue())
        pooled = team.pool(forged)
        empty = work / "pools" / f"{i}-empty" / _path_part(payload)
        empty.mkdir(parents=True, exist_ok=True)
        shown = [
            team.describe_pool(pooled),
            team.show(team.by_incident_number(pooled)),
            team.show(team.systemic_share(pooled)),
            team.show(team.technique_comparison(pooled)),
            team.describe_pool(team.pool(empty)),
            kit.surveys.safety_aggregate(None, pool=pooled),
        ]
        return _document("pool", [_as_html(obj, mistune) for obj in shown])

    page("team pool outputs (06)", "pool.html", pool)

    # The report, as written and with its Content-Security-Policy taken out (so that
    # escaping alone is what is tested).
    def report() -> str:
        return render_html(journal, reflections=[finished], dpi=30)

    page("report", "report.html", report)
    written = folder / "report.html"
    if written.exists():
        page("report without its CSP", "report-nocsp.html",
             lambda: re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "",
                            written.read_text(encoding="utf-8"), flags=re.I))
    return out


# --- the notebooks, executed and exported ---------------------------------------------


def _payload_mix(k: int) -> str:
    return PAYLOADS[k % len(PAYLOADS)]


def _notebook_places(work: Path, findings: Findings) -> list[Render]:
    """Notebooks 00-07 run against a journal (and a pool) full of payloads, exported
    with nbconvert's default HTML template."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    from kit import paths, team

    base = work / "notebooks"
    journal_dir = base / "journal" / _path_part(PAYLOADS[1])
    incidents = [_finished(p, 100 + n) for n, p in enumerate(PAYLOADS)]
    incidents.append(_finished(lambda k: _payload_mix(k + 5), 99))
    incidents.append(_live_draft(_payload_mix, 0))
    journal = _journal(journal_dir, incidents)
    mixed = incidents[-2]["id"]
    pool_dir = base / "pool" / _path_part(PAYLOADS[3])
    pool_dir.mkdir(parents=True)
    for source in paths.team_sample().glob("*.csv"):
        shutil.copy(source, pool_dir / source.name)
    good = team.export_anonymous(journal, base / "exports")
    rows = list(csv.reader(io.StringIO(good.read_text())))
    where = rows[0].index("pseudonym")
    for n, payload in enumerate(PAYLOADS):
        for row in rows[1:]:
            row[where] = payload
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        name = payload.replace("/", "\u2215").replace("\n", " ")[:150]
        (pool_dir / f"{n:02d}-{name}.csv").write_text(text.getvalue())
    safety = base / "safety"
    params = {
        "00-start-here.ipynb": {"JOURNAL": str(journal.path)},
        "01-during-an-incident.ipynb": {"JOURNAL": str(journal.path)},
        "02-after-the-incident.ipynb": {"JOURNAL": str(journal.path)},
        "03-post-mortem.ipynb": {"JOURNAL": str(journal.path), "INCIDENT": mixed},
        "04-your-trend.ipynb": {"JOURNAL": str(journal.path),
                                "SAMPLE_IF_EMPTY": False},
        "05-mentor-walkthrough.ipynb": {"JOURNAL": str(journal.path)},
        "06-team-workshop.ipynb": {"POOL": str(pool_dir), "SAFETY": None},
        "07-resilient-against-what.ipynb": {"JOURNAL": str(journal.path),
                                            "SAFETY_FOLDER": str(safety)},
    }
    exporter = HTMLExporter()
    out = []
    env = {"KIT_JOURNAL": str(journal.path), "IPYTHONDIR": str(base / "ipython"),
           "MPLCONFIGDIR": str(base / "mpl")}
    with mock.patch.dict(os.environ, env):
        for name, values in params.items():
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            for cell in nb.cells:
                if "parameters" in cell.get("metadata", {}).get("tags", []):
                    cell.source = "\n".join(f"{k} = {v!r}" for k, v in values.items())
                    break
            place = f"notebook {name[:2]} exported by nbconvert"
            try:
                NotebookClient(nb, timeout=240, kernel_name="python3",
                               resources={"metadata": {"path": str(NOTEBOOKS)}}
                               ).execute(stderr=subprocess.DEVNULL)
            except Exception as error:  # noqa: BLE001 - reported, not hidden
                findings.notebook_errors.append(f"{name}: {type(error).__name__}")
            parts = _widget_state_parts(nb)
            if parts:  # what the export's widget manager would render, had it loaded
                out.append(Render("widget state saved in notebooks 00-07", None,
                                  parts=parts))
            path = base / f"{name}.html"
            try:
                body, _ = exporter.from_notebook_node(nb)
                path.write_text(body, encoding="utf-8")
            except Exception as error:  # noqa: BLE001
                out.append(Render(place, None, error=type(error).__name__))
                continue
            out.append(Render(place, None, path=path))
    return out


def _widget_state_parts(nb) -> list[tuple[str, str]]:
    """The HTML and Label values saved in an executed notebook's widget state."""
    saved = nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    parts: dict[tuple[str, str], None] = {}
    for model in saved.values():
        state = model.get("state", {})
        if model.get("model_name") in ("HTMLModel", "HTMLMathModel"):
            parts[("html", state.get("value", ""))] = None
        elif model.get("model_name") == "LabelModel":
            parts[("text", state.get("value", ""))] = None
        if state.get("description_allow_html"):
            parts[("html", state.get("description", ""))] = None
    return [part for part in parts if part[1]]




@contextlib.contextmanager
def _inside(folder: Path):
    """Run with ``folder`` as the working directory (the forms' path fields get the
    payloads too, and a relative path must not land in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


# --- the detector, checked ---------------------------------------------------------

# Payloads aimed at other contexts (a double unescape, a JavaScript string, Unicode
# folding, MathJax): shown raw as HTML they are inert, so the check below cannot
# catch them; they are in the set for places that would decode them.
OTHER_CONTEXTS = frozenset({
    "&lt;img kitpwn src=x onerror=window.__pwned=1&gt;",
    "&#60;img kitpwn src=x onerror=window.__pwned=1&#62;",
    "\uff1cimg kitpwn src=x onerror=window.__pwned=1\uff1e",
    "\\u003cimg kitpwn src=x onerror=window.__pwned=1\\u003e",
    "';window.__pwned=1;// \"-(window.__pwned=1)-\" ${window.__pwned=1}",
    '![pwned](x" onerror="window.__pwned=1)',  # a renderer that forgets to quote
})


def _careless_markdown() -> Callable[[str], str]:
    """Markdown with raw HTML on *and* javascript: links kept: the worst renderer a
    reader could use, for the check only."""
    import mistune

    careless = mistune.HTMLRenderer(escape=False, allow_harmful_protocols=True)
    return mistune.create_markdown(renderer=careless,
                                   plugins=["table", "strikethrough", "url"])


def _canaries(work: Path) -> list[Render]:
    """Every payload shown *unescaped* (raw, and as careless Markdown), as a document
    and as innerHTML: what the browser check must catch."""
    markdown = _careless_markdown()
    folder = work / "canaries"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, payload in enumerate(PAYLOADS):
        blocks = [payload, str(markdown(payload))]
        path = folder / f"{i}.html"
        path.write_text(_document("canary", blocks), encoding="utf-8")
        out.append(Render("canary", i, path=path))
        out.append(Render("canary", i, parts=[("html", b) for b in blocks]))
    return out


# --- the browser --------------------------------------------------------------------


def _browse(renders: list[Render], profile: Path) -> int:
    """Open every render in headless Chromium; fill in what happened. Returns the
    number of requests blocked (anything not a file or data URL)."""
    from playwright.sync_api import sync_playwright

    blocked = [0]

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            blocked[0] += 1
            route.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            context.route("**/*", route)
            context.on("page", lambda page: page.on(
                "dialog", lambda dialog: dialog.dismiss()))
            pages = [context.new_page() for _ in range(PAGES_AT_ONCE)]
            blank = profile.parent / "blank.html"
            blank.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                             "</head><body></body></html>")
            for page in pages:
                page.set_default_timeout(20_000)
            for start in range(0, len(renders), PAGES_AT_ONCE):
                batch = list(zip(pages, renders[start:start + PAGES_AT_ONCE],
                                 strict=False))
                for page, render in batch:
                    _load(page, render, blank)
                pages[0].wait_for_timeout(SETTLE_MS)
                for page, render in batch:
                    _trigger(page, render)
                pages[0].wait_for_timeout(SETTLE_MS)
                for page, render in batch:
                    _read(page, render)
                for extra in context.pages:  # popups, if any
                    if extra not in pages:
                        extra.close()
        finally:
            context.close()
    return blocked[0]


def _load(page, render: Render, blank: Path) -> None:
    """A fresh document (and window) for every render."""
    try:
        if render.path is not None:
            page.goto(render.path.as_uri(), wait_until="load")
        elif render.parts is not None:
            page.goto(blank.as_uri(), wait_until="load")
            page.evaluate(_FILL_JS, [list(part) for part in render.parts])
        else:
            return
        render.rendered = True
    except Exception as error:  # noqa: BLE001 - a place that did not render
        render.error = f"load: {type(error).__name__}"


def _frames(page) -> list:
    return [page.main_frame, *[f for f in page.frames if f != page.main_frame]]


def _trigger(page, render: Render) -> None:
    if not render.rendered:
        return
    for frame in _frames(page):
        try:
            done = frame.evaluate(_TRIGGER_JS)
            render.clicks += done["clicks"]
            render.handlers += done["handlers"]
        except Exception:  # noqa: BLE001, S112 - a frame that went away
            continue


def _read(page, render: Render) -> None:
    if not render.rendered:
        return
    seen = False
    for frame in _frames(page):
        try:
            state = frame.evaluate(_READ_JS)
        except Exception:  # noqa: BLE001, S112
            continue
        seen = True
        render.executed += state["pwned"]
        render.live += state["live"]
        render.shown = render.shown or state["shown"]
    if not seen:
        render.rendered = False
        render.error = render.error or "page unreadable"


# --- the proof ------------------------------------------------------------------------


def collect(work: Path, payloads: Iterable[int] | None = None,
            notebooks: bool = True) -> Findings:
    """Build every place for every payload, render all of them, and return what
    happened (``prove_injection`` turns it into a line)."""
    import ipywidgets

    findings = Findings()
    renderers = _markdown_renderers()
    findings.markdown_it = "markdown-it-py" in renderers
    chosen = list(range(len(PAYLOADS)) if payloads is None else payloads)
    catcher = _Errors()  # ipywidgets logs a callback that raised, through traitlets
    loggers = [logging.getLogger(), logging.getLogger("traitlets"),
               logging.getLogger(ipywidgets.widgets.widget.__name__)]
    for logger in loggers:
        logger.addHandler(catcher)
    quiet = io.StringIO()
    try:
        with _inside(work / "cwd"), contextlib.redirect_stdout(quiet):
            for i in chosen:
                payload = PAYLOADS[i]
                folder = work / "journals" / f"{i}" / _path_part(payload)
                journal = _journal(folder, [_finished(payload, i),
                                            _live_draft(payload, i)])
                findings.renders += _form_places(
                    i, payload, journal, work, renderers["mistune"],
                    findings.form_errors)
                findings.renders += _document_places(
                    i, payload, journal, work, renderers, findings,
                    findings.form_errors)
                _close_figures()
    finally:
        for logger in loggers:
            logger.removeHandler(catcher)
    if notebooks:
        findings.renders += _notebook_places(work, findings)
    findings.form_errors += [f"callback raised {kind}" for kind in catcher.seen]
    canaries = _canaries(work)
    findings.blocked = _browse(findings.renders + canaries, work / "chromium-profile")
    findings.caught = sorted({r.payload for r in canaries if r.executed or r.live})
    return findings


def _close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def summarise(findings: Findings, n_payloads: int) -> tuple[str, bool]:
    renders = findings.renders
    places = list(dict.fromkeys(r.place for r in renders))
    rendered = [r for r in renders if r.rendered]
    executed = sum(1 for r in renders if r.executed)
    live = sum(r.live for r in renders)
    shown = sum(1 for r in rendered if r.shown)
    failed = [r for r in renders if not r.rendered]
    clicks = sum(r.clicks for r in renders)
    # Every place must show payload text at least once (a place never reached would
    # prove nothing), except places that never show typed text (the survey forms).
    unreached = [
        p for p in places
        if not any(r.shown or not r.echoes for r in renders if r.place == p)
    ]
    tried = findings.refused_pseudonyms + findings.accepted_pseudonyms
    must_catch = {i for i, p in enumerate(PAYLOADS) if p not in OTHER_CONTEXTS}
    missed = sorted(must_catch - set(findings.caught))
    text = (
        f"injection: {n_payloads} payloads x {len(places)} places "
        f"({len(renders)} renders in Chromium, {len(rendered)} rendered, "
        f"{shown} showing the payload as text; {clicks} clicks, "
        f"{findings.blocked} network requests blocked), "
        f"{executed} scripts executed, {live} payload tags live in the DOM; "
        f"{findings.refused_pseudonyms}/{tried} payload pseudonyms refused; "
        f"detector check: {len(findings.caught)}/{n_payloads} payloads caught when "
        f"shown unescaped (the other {n_payloads - len(findings.caught)} aim at "
        "decoding contexts)"
    )
    if missed:
        text += f" (NOT CAUGHT: payloads {missed})"
    if failed:
        text += f"; NOT RENDERED: {len(failed)} ({failed[0].place}: {failed[0].error})"
    if unreached:
        text += f"; payload never shown in: {', '.join(unreached)}"
    if findings.form_errors:
        text += f"; {len(findings.form_errors)} form errors ({findings.form_errors[0]})"
    if findings.notebook_errors:
        text += f"; notebook errors: {', '.join(findings.notebook_errors)}"
    if not findings.markdown_it:
        text += " (markdown-it-py not installed: mistune only)"
    ok = (
        executed == 0
        and live == 0
        and not failed
        and not unreached
        and not findings.form_errors
        and not findings.notebook_errors
        and findings.accepted_pseudonyms == 0
        and not missed
    )
    return text, ok


def prove_injection(work: Path) -> tuple[str, bool]:
    """Type every payload into every place the kit shows text back; count what ran.

    Parameters
    ----------
    work : Path
        A scratch folder (journals, pages and the browser profile go inside).

    Returns
    -------
    tuple of (str, bool)
        The line to print, and whether the promise held: no payload executed, no
        payload markup live, every place rendered and showed payload text, no form
        or notebook failed, and every payload pseudonym was refused.
    """
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="injection-", dir=work))
    findings = collect(folder)
    text, ok = summarise(findings, len(PAYLOADS))
    return f"{text} [{time.monotonic() - started:.0f} s]", ok


if __name__ == "__main__":  # a quick look: python bench/proof_injection.py
    import sys

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="kit-injection-") as tmp:
        line, held = prove_injection(Path(tmp))
        print(line)
        sys.exit(0 if held else 1)
