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
import io
import logging
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .browser import browse
from .detector import OTHER_CONTEXTS, canaries
from .documents import document_places
from .notebooks import inside, notebook_places
from .payloads import PAYLOADS, finished_incident, journal_with, live_draft, path_part
from .places import Findings, markdown_renderers
from .widgets import Errors, form_places

__all__ = ["OTHER_CONTEXTS", "PAYLOADS", "collect", "prove_injection", "summarise"]

def collect(work: Path, payloads: Iterable[int] | None = None,
            notebooks: bool = True) -> Findings:
    """Build every place for every payload, render all of them, and return what
    happened (``prove_injection`` turns it into a line)."""
    import ipywidgets

    findings = Findings()
    renderers = markdown_renderers()
    findings.markdown_it = "markdown-it-py" in renderers
    chosen = list(range(len(PAYLOADS)) if payloads is None else payloads)
    catcher = Errors()  # ipywidgets logs a callback that raised, through traitlets
    loggers = [logging.getLogger(), logging.getLogger("traitlets"),
               logging.getLogger(ipywidgets.widgets.widget.__name__)]
    for logger in loggers:
        logger.addHandler(catcher)
    quiet = io.StringIO()
    try:
        with inside(work / "cwd"), contextlib.redirect_stdout(quiet):
            for i in chosen:
                payload = PAYLOADS[i]
                folder = work / "journals" / f"{i}" / path_part(payload)
                journal = journal_with(folder, [finished_incident(payload, i),
                                            live_draft(payload, i)])
                findings.renders += form_places(
                    i, payload, journal, work, renderers["mistune"],
                    findings.form_errors)
                findings.renders += document_places(
                    i, payload, journal, work, renderers, findings,
                    findings.form_errors)
                _close_figures()
    finally:
        for logger in loggers:
            logger.removeHandler(catcher)
    if notebooks:
        findings.renders += notebook_places(work, findings)
    findings.form_errors += [f"callback raised {kind}" for kind in catcher.seen]
    checks = canaries(work)
    findings.blocked = browse(findings.renders + checks, work / "chromium-profile")
    findings.caught = sorted({r.payload for r in checks if r.executed or r.live})
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
