"""Apps opened quickly, and never on a stale journal.

`make app` runs Voila with preheated kernels (``notebooks/voila.json``): a kernel for
01, 02 and 04 is started and runs its notebook before anyone asks for the page. Such a
kernel stops in :func:`wait_for_page`, having loaded what the app needs, and goes on
only when a person opens the page. So nothing reads the journal ahead: a page shows
the journal as it is when it is opened. Everywhere else (JupyterLab, nbval, the hub's
Voila) :func:`wait_for_page` returns at once and imports nothing.
"""

from __future__ import annotations

import importlib
import os

__all__ = ["APP_MODULES", "prepared_ahead", "wait_for_page"]

APP_MODULES: dict[str, tuple[str, ...]] = {
    "01": ("kit.forms.live",),
    "02": ("kit.forms.log", "kit.forms.lookback", "kit.forms.timeline_import"),
    "04": ("kit.charts", "kit.chart_files", "kit.forms.report"),
}
"""The modules each app loads while it waits: the slow part of opening it."""


def prepared_ahead() -> bool:
    """Whether this kernel is one Voila started ahead of a request."""
    return os.environ.get("VOILA_PREHEAT") == "True"


def wait_for_page(app: str) -> None:
    """In a kernel started ahead, load ``app``'s modules, then wait for the request.

    Parameters
    ----------
    app : str
        The notebook's number: ``"01"``, ``"02"`` or ``"04"``.
    """
    if not prepared_ahead():
        return
    for name in APP_MODULES[app]:
        importlib.import_module(name)
    from voila.utils import wait_for_request  # only ever in Voila

    wait_for_request()
