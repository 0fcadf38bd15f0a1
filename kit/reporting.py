"""A report to share: one self-contained HTML file a mentor or a manager can open.

The file holds the trend's summary sentences, the four personal charts
(``kit.charts.PERSONAL_CHARTS``) as PNG images embedded in the page (base64 ``data:``
URLs), a table of the chosen incidents and, only for the incidents the author ticks,
their reflections. Each chart image's text alternative carries its numbers (first,
latest and change, read from the drawn chart by ``kit.alt_text``), and the same
numbers are one click away as a table under it. The page comes from one Jinja2 template,
``kit/templates/report.html.j2``, rendered with autoescaping on. It is built to be safe
to open anywhere:

- nothing loads from the network and no script runs: a Content-Security-Policy
  (``default-src 'none'; img-src data:; style-src 'unsafe-inline'``) is the first thing
  in the page, and the kit writes no script, font, stylesheet or link to fetch;
- everything a person typed (titles, services, reflections) is escaped by the
  template; event texts and post-mortem answers are not included at all;
- reflections not ticked never enter the file;
- the author says who the report is for (:data:`AUDIENCES`); for a manager the body
  and distress charts (:data:`BODY_CHARTS`) are left out unless the author includes
  them on purpose: how a body responded under stress is the author's to share, and a
  manager also weighs performance;
- it is written atomically, readable by you only (0600), and an existing file is
  never replaced unless ``overwrite=True``.

A PDF copy is printed with Chromium where the machine has it; otherwise the result
says why there is none (``pdf_status``), and the HTML file is complete on its own.

:func:`keep_pngs` saves the same four charts as PNG files (``kit.chart_files``) and
draws them again only when what they are drawn from changed.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from . import messages as msgs
from ._text import minutes
from .errors import SaveFailed, UnknownIncident
from .journal import Journal
from .paths import reports_dir
from .record import Incident
from .storage import PRIVATE_FILE_MODE, atomic_write, private_dir

__all__ = [
    "CSP",
    "CHROMIUM",
    "CHROMIUM_OFFLINE_ARGS",
    "PDF_STATUSES",
    "AUDIENCES",
    "BODY_CHARTS",
    "body_charts_default",
    "TEMPLATE",
    "find_chromium",
    "default_path",
    "WrittenReport",
    "render_html",
    "report",
    "keep_pngs",
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
TEMPLATE = "report.html.j2"
# What became of the PDF: not asked for, written, no Chromium here, or Chromium failed.
PDF_STATUSES = ("not-asked", "written", "no-chromium", "failed")
_PDF_TIMEOUT_S = 120
AUDIENCES = ("self", "mentor", "manager", "team")
"""Who a report is for: the author, a mentor, a manager, or a team."""
BODY_CHARTS = ("body", "clarity")
"""The charts of ``kit.charts.PERSONAL_CHARTS`` that show the body's response and
distress: left out of a manager's report unless the author includes them."""


def body_charts_default(audience: str) -> bool:
    """Whether the body and distress charts go in by default: not for a manager."""
    if audience not in AUDIENCES:
        msg = msgs.REPORT_ERR_AUDIENCE.format(audience=str(audience)[:40],
                                              known=", ".join(AUDIENCES))
        raise ValueError(msg)
    return audience != "manager"


class WrittenReport(type(Path())):  # type: ignore[misc]
    """The path of the written HTML report.

    Attributes
    ----------
    pdf : Path or None
        The PDF copy, when one was written.
    pdf_status : str
        One of :data:`PDF_STATUSES`.
    notes : tuple of str
        Sentences about what was written; shown in a notebook.
    """

    pdf: Path | None = None
    pdf_status: str = "not-asked"
    notes: tuple[str, ...] = ()

    def _repr_markdown_(self) -> str:
        return "\n\n".join(self.notes)


# --- choosing what goes in ---------------------------------------------------------


def _ids(value: Iterable[str] | str) -> list[str]:
    return list(dict.fromkeys([value] if isinstance(value, str) else value))


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
        wanted = _ids(incidents)
        unknown = [str(i)[:80] for i in wanted if i not in loaded]
        if unknown:
            raise UnknownIncident(msgs.REPORT_ERR_UNKNOWN_IDS.format(
                ids=", ".join(unknown)))
        frame = frame[frame["id"].isin(wanted)].reset_index(drop=True)
    chosen = sorted((loaded[i] for i in wanted), key=lambda i: (i.times.alert_at, i.id))
    ticked_ids = _ids(reflections)
    outside = [str(i)[:80] for i in ticked_ids if i not in set(wanted)]
    if outside:
        raise UnknownIncident(msgs.REPORT_ERR_REFLECTION_NOT_INCLUDED.format(
            ids=", ".join(outside)))
    ticked = [inc for inc in chosen if inc.id in set(ticked_ids)]
    return frame, chosen, ticked, len(result.problems)


# --- the page ----------------------------------------------------------------------


@cache
def _template() -> Any:
    """The report's one Jinja2 template, autoescaping every value."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE)


def render_html(
    journal: Journal,
    incidents: Iterable[str] | None = None,
    *,
    reflections: Iterable[str] = (),
    audience: str = "self",
    body_charts: bool | None = None,
    dpi: int = 110,
) -> str:
    """The report as one HTML page (text); ``report`` writes it to a file.

    Parameters are those of ``report``. Every value a person typed is escaped.
    """
    return _render(journal, incidents, reflections, dpi, audience, body_charts)[0]


def _render(
    journal: Journal, incidents: Iterable[str] | None, reflections: Iterable[str],
    dpi: int, audience: str = "self", body_charts: bool | None = None,
) -> tuple[str, int, int]:
    """The page, the number of incidents in it and of reflections shared."""
    default = body_charts_default(audience)  # also checks the audience
    include_body = default if body_charts is None else bool(body_charts)
    from .charts import PERSONAL_CHARTS
    from .metrics import trend

    frame, chosen, ticked, unreadable = _choose(journal, incidents, reflections)
    latest = chosen[-1] if chosen else None
    numbers = dict(zip(frame["id"], frame["incident_no"], strict=True))
    notes = []
    if getattr(journal, "is_sample", False):
        notes.append(msgs.REPORT_SAMPLE_NOTE)
    if unreadable:
        notes.append(msgs.REPORT_PROBLEMS_NOTE.format(n=unreadable))
    charts = [
        _chart(spec, frame, latest, dpi) for spec in PERSONAL_CHARTS
        if include_body or spec.name not in BODY_CHARTS
    ]
    if not include_body:
        notes.append(msgs.REPORT_BODY_LEFT_OUT)
    rows = [
        {"number": numbers.get(inc.id, ""),
         "date": inc.times.alert_at.strftime("%Y-%m-%d"),
         "title": inc.title, "service": inc.service,
         "severity": inc.severity or "—",
         "minutes": minutes(inc.panic_to_action_min),
         "source": msgs.REPORT_SOURCE_WORDS[inc.times.source]}
        for inc in chosen
    ]
    shared = [
        {"heading": (f"#{numbers.get(inc.id, '')} · "
                     f"{inc.times.alert_at:%Y-%m-%d} · {inc.title}"),
         "answers": [(label, getattr(inc.reflection, key))
                   for key, label in msgs.REPORT_REFLECTION_LABELS.items()
                   if getattr(inc.reflection, key).strip()]}
        for inc in ticked
    ]
    words = {
        "title": msgs.REPORT_TITLE, "intro": msgs.REPORT_INTRO,
        "headings": msgs.REPORT_HEADINGS,
        "table_headers": msgs.REPORT_TABLE_HEADERS,
        "no_incidents": msgs.REPORT_NO_INCIDENTS,
        "reflection_empty": msgs.REPORT_REFLECTION_EMPTY,
        "no_reflections": msgs.REPORT_NO_REFLECTIONS,
        "footer": msgs.REPORT_FOOTER,
        "table_summary": msgs.CHART_TABLE_SUMMARY,
    }
    page = _template().render(
        csp=CSP, words=words, notes=notes, charts=charts, rows=rows,
        reflections=shared, summary=trend(frame).summary,
        made_on=msgs.REPORT_MADE_ON.format(
            date=datetime.now().astimezone().strftime("%Y-%m-%d"), n=len(chosen)),
    )
    return page, len(chosen), len(ticked)


def _chart(spec: Any, frame: Any, latest: Incident | None, dpi: int) -> dict:
    """One personal chart for the page: the PNG (as ``kit.chart_files.png`` draws
    it), its title and description, a text alternative with its numbers, and the
    same numbers as an HTML table (every value escaped by ``kit.tables``)."""
    import markupsafe
    from matplotlib.figure import Figure

    from .alt_text import figure_alt, figure_table

    figure = Figure(figsize=spec.size, layout="constrained")
    ax = spec.draw(frame, latest, figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight",
                   facecolor="white")
    if spec.name == "timeline" and latest is not None:
        alt = _timeline_alt(ax, latest)
    else:
        alt = figure_alt(figure)
    title, about = msgs.REPORT_CHARTS[spec.name]
    return {
        "name": spec.name, "title": title, "about": about, "alt": alt,
        "table": markupsafe.Markup(figure_table(figure)),
        "data": base64.b64encode(buffer.getvalue()).decode("ascii"),
    }


def _timeline_alt(ax: Any, incident: Incident) -> str:
    """The timeline's numbers in words: each phase's minutes, then the first
    deliberate step. (Its events lie along the time axis, by kind only, so a
    first-and-latest reading of them would say nothing.)"""
    from .metrics import phases

    parts = []
    for item in phases(incident).itertuples():
        label = item.label[:1].upper() + item.label[1:]  # it starts a sentence
        if item.actual_min != item.actual_min:  # NaN: not timed
            parts.append(msgs.REPORT_ALT_PHASE_NOT_TIMED.format(label=label))
        else:
            parts.append(msgs.REPORT_ALT_PHASE.format(
                label=label, minutes=minutes(item.actual_min)))
    if incident.panic_to_action_min is not None:
        parts.append(msgs.REPORT_ALT_FIRST_STEP.format(
            minutes=minutes(incident.panic_to_action_min)))
    return msgs.CHART_ALT.format(title=ax.get_title(), what=" ".join(parts))


# --- writing -------------------------------------------------------------------------


def find_chromium() -> str | None:
    """Chromium's path, or None when the machine has none."""
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser"),
                      CHROMIUM):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _print_pdf(source: Path, target: Path, overwrite: bool) -> tuple[str, str]:
    """Print ``source`` to ``target`` with headless Chromium.

    Returns the status (one of :data:`PDF_STATUSES`) and, for ``failed``, the reason
    in words; never raises for a missing or failing Chromium.
    """
    executable = find_chromium()
    if executable is None:
        return "no-chromium", ""
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
            return "failed", msgs.REPORT_PDF_TOO_SLOW.format(seconds=_PDF_TIMEOUT_S)
        except OSError as error:
            return "failed", error.strerror or type(error).__name__
        if not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
            return "failed", msgs.REPORT_PDF_NONE_CAME_OUT
        atomic_write(target, printed.read_bytes(), mode=PRIVATE_FILE_MODE,
                     overwrite=overwrite)
    return "written", ""


def _target(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / f"incident-report-{datetime.now():%Y-%m-%d}.html"
    return target


def default_path(journal: Journal) -> Path:
    """Where a report of ``journal`` goes by default: ``reports/`` in your journal,
    named by today's date (``sample-`` first for the read-only sample)."""
    name = f"incident-report-{datetime.now():%Y-%m-%d}.html"
    read_only = bool(getattr(journal, "is_sample", False) or journal.read_only)
    folder = reports_dir(Path(journal.path), read_only=read_only)
    return folder / (f"sample-{name}" if read_only else name)


def report(
    journal: Journal,
    path: str | os.PathLike[str],
    incidents: Iterable[str] | None = None,
    *,
    reflections: Iterable[str] = (),
    audience: str = "self",
    body_charts: bool | None = None,
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
    audience : {"self", "mentor", "manager", "team"}
        Who the report is for. For ``"manager"`` the body and distress charts
        (:data:`BODY_CHARTS`) are left out unless ``body_charts=True``.
    body_charts : bool, optional
        Include the body and distress charts. Default: yes, except for a manager.
    pdf : bool
        Also print ``<path>.pdf`` with headless Chromium, where the machine has it;
        otherwise ``pdf_status`` and the notes say why there is none (the HTML is
        still written).
    overwrite : bool
        Replace existing files. Default: an existing file is never replaced.
    dpi : int
        Resolution of the chart images.

    Returns
    -------
    WrittenReport
        The HTML file's path (a ``Path``), with ``.pdf``, ``.pdf_status`` and
        ``.notes``.

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
    >>> written.name, oct(written.stat().st_mode & 0o777), written.pdf_status
    ('report.html', '0o600', 'not-asked')
    """
    target = _target(path)
    pdf_target = target.with_suffix(".pdf")
    for existing in (target, pdf_target) if pdf else (target,):
        if existing.exists() and not overwrite:
            raise SaveFailed(msgs.REPORT_ERR_EXISTS.format(name=existing.name))
    page, n_incidents, n_ticked = _render(journal, incidents, reflections, dpi,
                                          audience, body_charts)
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
        status, reason = _print_pdf(target, pdf_target, overwrite)
        written.pdf_status = status
        if status == "written":
            written.pdf = pdf_target
            notes.append(msgs.REPORT_PDF_WRITTEN.format(path=_code(pdf_target)))
        elif status == "no-chromium":
            notes.append(msgs.REPORT_PDF_UNAVAILABLE)
        else:
            notes.append(msgs.REPORT_PDF_FAILED.format(reason=reason))
    written.notes = tuple(notes)
    return written


def _code(path: Path) -> str:
    """A path as a Markdown code span (which cannot hold a backtick)."""
    return "`" + str(path).replace("`", "'") + "`"


# --- the charts as PNG files, drawn only when they changed --------------------------

_PNG_STAMP = ".pngs.json"
# What the drawing depends on besides the data: the code that draws, and its versions.
_DRAWING_CODE = ("charts", "chart_style", "chart_files", "phase_chart",
                 "multiples_chart")


def _pngs_key(journal: Any, frame: Any, dpi: int) -> str:
    """A fingerprint of everything the four charts are drawn from: the frame, the
    latest incident (its timeline), the resolution, and the code and versions that
    draw them. Any change gives another key."""
    import hashlib
    import json

    import matplotlib
    import pandas as pd

    from . import __version__

    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    digest.update(",".join(f"{c}:{t}" for c, t in frame.dtypes.items()).encode())
    latest = journal.get(str(frame["id"].iloc[-1])) if len(frame) else None
    facts = [latest.to_data() if latest else None, dpi, __version__,
             matplotlib.__version__, pd.__version__, msgs.CHARTS_SAVED]
    digest.update(json.dumps(facts, sort_keys=True, default=str).encode())
    here = Path(__file__).parent
    for name in _DRAWING_CODE:
        digest.update((here / f"{name}.py").read_bytes())
    return digest.hexdigest()


def _file_key(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def keep_pngs(
    journal: Any, folder: str | Path | None = None, *, dpi: int = 150
) -> Any:
    """``kit.chart_files.save_pngs``, drawn only when something changed.

    The PNG files are drawn and written when the journal's data, the latest incident,
    ``dpi`` or the drawing code changed since they were written, or when any of them
    was changed, moved or removed since; otherwise the files already there are the
    same pictures and are returned as they are. A fingerprint of what they were drawn
    from (and each file's size, change time and inode) is kept beside them in
    ``.pngs.json`` (``.sample-pngs.json`` for the sample's), which holds nothing from
    the journal.
    """
    import json

    from . import chart_files

    frame = journal.frame()
    try:
        key = _pngs_key(journal, frame, dpi)
    except Exception:  # e.g. the latest file turned bad meanwhile: just draw
        key = ""
    target, prefix, note = _pngs_place(journal, folder)
    stamp = target / f".{prefix}{_PNG_STAMP[1:]}"  # the sample's charts: their own
    if key and len(frame):
        names = [f"{prefix}{spec.name}.png" for spec in chart_files.PERSONAL_CHARTS]
        try:
            kept = json.loads(stamp.read_text("utf-8"))
            if kept["key"] == key and list(kept["files"]) == names and all(
                _file_key(target / name) == kept["files"][name] for name in names
            ):
                return chart_files.SavedCharts(
                    [target / name for name in names], target, note)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no stamp, or another one: draw
    written = chart_files.save_pngs(journal, folder, dpi=dpi)
    if key and written:
        files = {path.name: _file_key(path) for path in written}
        data = json.dumps({"key": key, "files": files}).encode("utf-8")
        try:
            atomic_write(stamp, data, mode=PRIVATE_FILE_MODE)
        except SaveFailed:
            pass  # without the stamp the charts are only drawn again next time
    return written


def _pngs_place(journal: Any, folder: str | Path | None) -> tuple[Path, str, str]:
    """Where ``save_pngs`` writes a journal's charts, their names' prefix, and the
    note it adds (the same rules as ``kit.chart_files.save_pngs``)."""
    from .paths import charts_dir

    sample = bool(getattr(journal, "is_sample", False))
    read_only = sample or bool(getattr(journal, "read_only", False))
    if folder is not None:
        return Path(folder).expanduser(), "sample-" if sample else "", ""
    target = charts_dir(Path(journal.path), read_only=read_only)
    note = msgs.CHARTS_SAMPLE_FOLDER.format(folder=target.parent) if read_only else ""
    return target, "sample-" if sample else "", note
