"""A report to share: one self-contained HTML file a mentor or a manager can open.

The file holds the trend's summary sentences, the four charts as PNG images embedded in
the page (base64 ``data:`` URLs), a table of the chosen incidents and, only for the
incidents the author ticks, their reflections. It is built to be safe to open anywhere:

- nothing loads from the network and no script runs: a Content-Security-Policy
  (``default-src 'none'; img-src data:; style-src 'unsafe-inline'``) is the first thing
  in the page, and the kit writes no script, font, stylesheet or link to fetch;
- everything a person typed (titles, services, reflections) is escaped with
  ``html.escape``; event texts and post-mortem answers are not included at all;
- reflections not ticked never enter the file;
- it is written atomically, readable by you only (0600), and an existing file is
  never replaced unless ``overwrite=True``.

A PDF copy is printed with Chromium where the machine has it; otherwise the report
says why there is none, and the HTML file is complete on its own.
"""

from __future__ import annotations

import base64
import html
import inspect
import io
import os
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from . import messages as msgs
from .errors import KitError, SaveFailed, UnknownIncident
from .journal import Journal, default_journal_path
from .record import Incident
from .storage import PRIVATE_FILE_MODE, atomic_write, private_dir

__all__ = [
    "CSP",
    "CHROMIUM",
    "CHROMIUM_OFFLINE_ARGS",
    "find_chromium",
    "WrittenReport",
    "render_html",
    "report",
    "report_form",
]

CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
CHROMIUM = "/usr/bin/chromium"
# Headless, and quiet on the network: no background fetches, updates, sync or QUIC.
# The report's PDF printing uses these, and so do the browser tests and proofs.
CHROMIUM_OFFLINE_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_PDF_TIMEOUT_S = 120
_CHART_SIZES = {
    "panic_to_action": (7.5, 4.5),
    "body_heatmap": (8.0, 5.0),
    "clarity_vs_distress": (6.5, 5.0),
    "phase_timeline": (9.5, 3.6),
}
_STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #26343c;
       background: #fbfcfd; margin: 0; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #c9d3d8; }
h3 { font-size: 1.05rem; margin-bottom: .2rem; }
.meta, .note { color: #56656d; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { color: #56656d; font-size: .95rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde8f3;
         vertical-align: top; }
th { background: #dcecef; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
section.reflection { break-inside: avoid; margin-bottom: 1.2rem; }
dt { font-weight: 600; margin-top: .6rem; }
dd { margin-left: 0; }
footer { margin-top: 3rem; color: #56656d; font-size: .9rem; }
@media print { body { background: white; } main { padding: 0; } }
"""


def _e(value: Any) -> str:
    """Escape anything for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def _minutes(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class WrittenReport(type(Path())):  # type: ignore[misc]
    """The path of the written HTML report, with ``pdf`` (a Path or None) and ``notes``
    (sentences about what was written); shown in a notebook as those sentences."""

    pdf: Path | None = None
    notes: tuple[str, ...] = ()

    def _repr_markdown_(self) -> str:
        return "\n\n".join(self.notes)


# --- choosing what goes in ---------------------------------------------------------


def _choose(
    journal: Journal, incidents: Iterable[str] | None, reflections: Iterable[str]
) -> tuple[Any, list[Incident], list[Incident], int]:
    """The frame rows, the incidents and the ticked ones, and the unreadable count."""
    result = journal.load()
    loaded = {inc.id: inc for inc in result.incidents}
    frame = journal.frame()
    if incidents is None:
        wanted = list(loaded)
    else:
        wanted = list(dict.fromkeys([incidents] if isinstance(incidents, str)
                                    else incidents))
        unknown = [str(i)[:80] for i in wanted if i not in loaded]
        if unknown:
            raise UnknownIncident(msgs.REPORT_ERR_UNKNOWN_IDS.format(
                ids=", ".join(unknown)))
        frame = frame[frame["id"].isin(wanted)].reset_index(drop=True)
    chosen = sorted((loaded[i] for i in wanted), key=lambda i: (i.times.alert_at, i.id))
    ticked_ids = list(dict.fromkeys([reflections] if isinstance(reflections, str)
                                    else reflections))
    outside = [str(i)[:80] for i in ticked_ids if i not in set(wanted)]
    if outside:
        raise UnknownIncident(msgs.REPORT_ERR_REFLECTION_NOT_INCLUDED.format(
            ids=", ".join(outside)))
    ticked = [inc for inc in chosen if inc.id in set(ticked_ids)]
    return frame, chosen, ticked, len(result.problems)


# --- drawing -----------------------------------------------------------------------


def _png(draw: Callable[[Any], Any], size: tuple[float, float], dpi: int) -> str:
    """Draw on a figure of its own (no pyplot state) and return base64 PNG text."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    draw(figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(frame: Any, latest: Incident | None, dpi: int) -> list[tuple[str, str]]:
    from . import charts

    drawings = {
        "panic_to_action": lambda ax: charts.panic_to_action(frame, ax=ax),
        "body_heatmap": lambda ax: charts.body_heatmap(frame, ax=ax),
        "clarity_vs_distress": lambda ax: charts.clarity_vs_distress(frame, ax=ax),
        "phase_timeline": lambda ax: charts.phase_timeline(latest, ax=ax),
    }
    return [(name, _png(draw, _CHART_SIZES[name], dpi)) for name, draw in
            drawings.items()]


# --- the page ----------------------------------------------------------------------


def render_html(
    journal: Journal,
    incidents: Iterable[str] | None = None,
    *,
    reflections: Iterable[str] = (),
    dpi: int = 110,
) -> str:
    """The report as one HTML page (text); ``report`` writes it to a file.

    Parameters are those of ``report``. Every value a person typed is escaped.
    """
    return _render(journal, incidents, reflections, dpi)[0]


def _render(
    journal: Journal, incidents: Iterable[str] | None, reflections: Iterable[str],
    dpi: int,
) -> tuple[str, int, int]:
    """The page, the number of incidents in it and of reflections shared."""
    from .metrics import trend

    frame, chosen, ticked, unreadable = _choose(journal, incidents, reflections)
    summary = trend(frame).summary
    latest = chosen[-1] if chosen else None
    numbers = dict(zip(frame["id"], frame["incident_no"], strict=True))

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(msgs.REPORT_TITLE)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(msgs.REPORT_TITLE)}</h1>",
        f"<p>{_e(msgs.REPORT_INTRO)}</p>",
        '<p class="meta">' + _e(msgs.REPORT_MADE_ON.format(
            date=datetime.now().astimezone().strftime("%Y-%m-%d"), n=len(chosen)))
        + "</p>",
    ]
    if getattr(journal, "is_sample", False):
        parts.append(f'<p class="note">{_e(msgs.REPORT_SAMPLE_NOTE)}</p>')
    if unreadable:
        note = msgs.REPORT_PROBLEMS_NOTE.format(n=unreadable)
        parts.append(f'<p class="note">{_e(note)}</p>')
    parts.append(f"<h2>{_e(msgs.REPORT_HEADINGS['summary'])}</h2>")
    parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in summary) + "</ul>")

    parts.append(f"<h2>{_e(msgs.REPORT_HEADINGS['charts'])}</h2>")
    for name, data in _charts(frame, latest, dpi):
        title, alt = msgs.REPORT_CHARTS[name]
        parts.append(
            f'<figure id="{_e(name)}"><img src="data:image/png;base64,{data}" '
            f'alt="{_e(alt)}"><figcaption>{_e(title)}. {_e(alt)}</figcaption></figure>')

    parts.append(f"<h2>{_e(msgs.REPORT_HEADINGS['incidents'])}</h2>")
    if chosen:
        head = "".join(f"<th>{_e(h)}</th>" for h in msgs.REPORT_TABLE_HEADERS)
        rows = []
        for inc in chosen:
            rows.append(
                "<tr>"
                f'<td class="num">{_e(numbers.get(inc.id, ""))}</td>'
                f'<td class="date">{_e(inc.times.alert_at.strftime("%Y-%m-%d"))}</td>'
                f'<td class="text">{_e(inc.title)}</td>'
                f'<td class="text">{_e(inc.service)}</td>'
                f"<td>{_e(inc.severity or '—')}</td>"
                f'<td class="num">{_e(_minutes(inc.panic_to_action_min))}</td>'
                f"<td>{_e(msgs.REPORT_SOURCE_WORDS[inc.times.source])}</td>"
                "</tr>")
        parts.append(f"<table><thead><tr>{head}</tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
    else:
        parts.append(f"<p>{_e(msgs.REPORT_NO_INCIDENTS)}</p>")

    parts.append(f"<h2>{_e(msgs.REPORT_HEADINGS['reflections'])}</h2>")
    if not ticked:
        parts.append(f'<p class="note">{_e(msgs.REPORT_NO_REFLECTIONS)}</p>')
    for inc in ticked:
        heading = (f"#{numbers.get(inc.id, '')} · "
                   f"{inc.times.alert_at.strftime('%Y-%m-%d')} · {inc.title}")
        items = [
            f'<dt>{_e(label)}</dt><dd class="text">{_e(getattr(inc.reflection, key))}'
            "</dd>"
            for key, label in msgs.REPORT_REFLECTION_LABELS.items()
            if getattr(inc.reflection, key).strip()
        ]
        body = (f"<dl>{''.join(items)}</dl>" if items
                else f'<p class="note">{_e(msgs.REPORT_REFLECTION_EMPTY)}</p>')
        parts.append(f'<section class="reflection"><h3 class="text">{_e(heading)}</h3>'
                     f"{body}</section>")
    parts += [f"<footer>{_e(msgs.REPORT_FOOTER)}</footer>", "</main>", "</body>",
              "</html>", ""]
    return "\n".join(parts), len(chosen), len(ticked)


# --- writing -------------------------------------------------------------------------


def find_chromium() -> str | None:
    """Chromium's path, or None when the machine has none."""
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser"),
                      CHROMIUM):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _print_pdf(source: Path, target: Path, overwrite: bool) -> str:
    """Print ``source`` to ``target`` with headless Chromium; a sentence saying how it
    went (never raising for a missing or failing Chromium)."""
    executable = find_chromium()
    if executable is None:
        return msgs.REPORT_PDF_UNAVAILABLE
    with tempfile.TemporaryDirectory(prefix="kit-report-pdf-") as work:
        printed = Path(work) / "report.pdf"
        command = [
            executable, *CHROMIUM_OFFLINE_ARGS,
            f"--user-data-dir={Path(work) / 'profile'}",
            "--disable-extensions", "--no-pdf-header-footer",
            f"--print-to-pdf={printed}", source.resolve().as_uri(),
        ]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL,  # noqa: S603
                           stderr=subprocess.DEVNULL, timeout=_PDF_TIMEOUT_S,
                           check=False)
        except subprocess.TimeoutExpired:
            return msgs.REPORT_PDF_FAILED.format(
                reason=f"it took more than {_PDF_TIMEOUT_S} seconds")
        except OSError as error:
            return msgs.REPORT_PDF_FAILED.format(
                reason=error.strerror or type(error).__name__)
        if not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
            return msgs.REPORT_PDF_FAILED.format(reason="no PDF came out")
        atomic_write(target, printed.read_bytes(), mode=PRIVATE_FILE_MODE,
                     overwrite=overwrite)
    return msgs.REPORT_PDF_WRITTEN.format(path=target)


def _target(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / f"incident-report-{datetime.now():%Y-%m-%d}.html"
    return target


def report(
    journal: Journal,
    path: str | os.PathLike[str],
    incidents: Iterable[str] | None = None,
    *,
    reflections: Iterable[str] = (),
    pdf: bool = False,
    overwrite: bool = False,
    dpi: int = 110,
) -> WrittenReport:
    """Write a self-contained HTML report to share, and a PDF where possible.

    Parameters
    ----------
    journal : Journal
        Your journal (or the sample).
    path : str or Path
        The HTML file to write (an existing folder gets
        ``incident-report-YYYY-MM-DD.html`` inside it). Missing folders are created
        readable by you only.
    incidents : list of str, optional
        The ids of the incidents to include. Default: all of them.
    reflections : list of str
        The ids of the incidents whose reflections you choose to share. Default: none.
        Each must be among ``incidents``.
    pdf : bool
        Also print ``<path>.pdf`` with headless Chromium, where the machine has it;
        otherwise the returned notes say why there is none (the HTML is still
        written).
    overwrite : bool
        Replace existing files. Default: an existing file is never replaced.
    dpi : int
        Resolution of the chart images.

    Returns
    -------
    WrittenReport
        The HTML file's path (a ``Path``), with ``.pdf`` and ``.notes``.

    Raises
    ------
    SaveFailed
        When the file exists (and ``overwrite`` is False) or cannot be written;
        nothing is half-written.
    UnknownIncident
        When ``incidents`` or ``reflections`` names an incident that is not there.

    Examples
    --------
    >>> import kit, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> written = kit.report(kit.Journal.sample(), folder + "/report.html")
    >>> written.name, oct(written.stat().st_mode & 0o777)
    ('report.html', '0o600')
    """
    target = _target(path)
    pdf_target = target.with_suffix(".pdf")
    for existing in (target, pdf_target) if pdf else (target,):
        if existing.exists() and not overwrite:
            raise SaveFailed(msgs.REPORT_ERR_EXISTS.format(name=existing.name))
    page, n_incidents, n_ticked = _render(journal, incidents, reflections, dpi)
    try:
        private_dir(target.parent)
    except OSError as error:
        raise SaveFailed(msgs.REPORT_ERR_FOLDER.format(
            folder=target.parent, reason=error.strerror or type(error).__name__)
        ) from None
    atomic_write(target, page.encode("utf-8"), mode=PRIVATE_FILE_MODE,
                 overwrite=overwrite)
    written = WrittenReport(target)
    notes = [msgs.REPORT_WRITTEN.format(path=_code(target), n=n_incidents)]
    if n_ticked:
        notes.append(msgs.REPORT_WRITTEN_REFLECTIONS.format(n=n_ticked))
    if pdf:
        note = _print_pdf(target, pdf_target, overwrite)
        if pdf_target.exists() and note == msgs.REPORT_PDF_WRITTEN.format(
                path=pdf_target):
            written.pdf = pdf_target
            note = msgs.REPORT_PDF_WRITTEN.format(path=_code(pdf_target))
        notes.append(note)
    written.notes = tuple(notes)
    return written


def _code(path: Path) -> str:
    """A path as a Markdown code span (which cannot hold a backtick)."""
    return "`" + str(path).replace("`", "'") + "`"


# --- a form for notebook 04 ----------------------------------------------------------


def _default_path(journal: Journal) -> Path:
    name = f"incident-report-{datetime.now():%Y-%m-%d}.html"
    if getattr(journal, "is_sample", False) or journal.read_only:
        return default_journal_path() / "reports" / f"sample-{name}"
    return Path(journal.path) / "reports" / name


def report_form(journal: Journal):
    """Tick incidents and reflections, choose a path, press Write.

    Reflections are unticked at first: none is shared unless ticked. Labels are plain
    text (titles are never rendered as HTML).

    Returns
    -------
    ipywidgets.VBox
        With ``.incidents`` and ``.reflections`` (dicts id -> Checkbox), ``.path``,
        ``.pdf``, ``.overwrite``, ``.button`` and ``.status``, for tests.
    """
    import ipywidgets as w

    labels = msgs.REPORT_FORM_LABELS
    loaded = journal.load().incidents
    numbers = {inc.id: n for n, inc in enumerate(loaded, start=1)}

    def label(inc: Incident) -> str:
        title = " ".join(inc.title.split())
        title = title if len(title) <= 70 else title[:69] + "…"
        return f"#{numbers[inc.id]} {inc.times.alert_at:%Y-%m-%d} {title}"

    layout = w.Layout(width="95%")
    include = {inc.id: w.Checkbox(value=True, description=label(inc), indent=False,
                                  layout=layout) for inc in loaded}
    share = {
        inc.id: w.Checkbox(value=False, description=label(inc), indent=False,
                           layout=layout)
        for inc in loaded
        if any(getattr(inc.reflection, key).strip()
               for key in msgs.REPORT_REFLECTION_LABELS)
    }
    path = w.Text(value=str(_default_path(journal)), description=labels["path"],
                  layout=layout)
    pdf = w.Checkbox(value=False, description=labels["pdf"], indent=False)
    overwrite = w.Checkbox(value=False, description=labels["overwrite"], indent=False)
    button = w.Button(description=labels["write"], button_style="success",
                      disabled=not loaded)
    status = w.HTML(_e(msgs.REPORT_FORM_STATUS["ready" if loaded else "no_incidents"]))

    def on_write(_button) -> None:
        chosen = [i for i, box in include.items() if box.value]
        ticked = [i for i, box in share.items() if box.value and i in chosen]
        try:
            written = report(journal, path.value.strip(), chosen, reflections=ticked,
                             pdf=pdf.value, overwrite=overwrite.value)
        except KitError as error:  # said in the form, where the person looks
            status.value = _e(str(error))
            return
        status.value = "<br>".join(_e(note.replace("`", "")) for note in written.notes)

    button.on_click(on_write)
    form = w.VBox([
        w.HTML(_e(msgs.REPORT_FORM_HELP)),
        w.HTML(f"<b>{_e(labels['incidents'])}</b>"), *include.values(),
        w.HTML(f"<b>{_e(labels['reflections'])}</b>"), *share.values(),
        path, pdf, overwrite, button, status,
    ])
    form.incidents, form.reflections, form.path, form.pdf = include, share, path, pdf
    form.overwrite, form.button, form.status = overwrite, button, status
    return form


# --- kit.report is both this module and the function ------------------------------


class _CallableModule(types.ModuleType):
    """This module, callable as ``report``.

    ``kit.report`` is meant to be the function. But importing this module by name
    (``from kit.report import report_form``) makes Python set the package attribute
    ``kit.report`` to the module, after which ``kit.report(...)`` would fail. A module
    that calls ``report`` keeps both spellings working, whatever was imported first.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> WrittenReport:
        return report(*args, **kwargs)


__signature__ = inspect.signature(report)
sys.modules[__name__].__class__ = _CallableModule
