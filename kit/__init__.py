"""The incident reflection kit: capture each production incident, reflect on it
without blame, and watch your panic-to-action time shrink.

Notebooks use the names below. Heavy parts (charts, widgets, the report) are imported
the first time they are used, so ``import kit`` stays quick.

A map for newcomers: each module has one job, and arrows point one way: a module
imports only modules of its own group or of a group above it
(``tests/test_architecture.py`` fails on any cycle, counting imports inside
functions).

Words and edges (imported by almost everything, importing nothing of the kit's):
    ``messages/``     every sentence a person reads, one file per part; words only
    ``errors``        ``KitError`` and one subclass per situation
    ``paths``         every "where": journal, shipped samples and notebooks, workshop
    ``_text``         the one HTML escaper, the one Markdown escaper, minutes, clocks

The record and where it lives:
    ``record``        the ``Incident`` model, its vocabularies and rules
    ``migration``     reading older schema versions into the current one
    ``storage``       strict YAML, atomic writes (one race-free no-replace path)
    ``vault``         optional encryption at rest (age); ``conversion`` turns it on/off
    ``settings``      the journal's one setting: incidents before the journal
    ``frame``         one row per incident, derived durations, the row cache
    ``journal``       ``Journal``: a folder of records, a lock, load with problems
    ``draft``         the live draft, one mark at a time (notebook 01, ``kit mark``)
    ``notebooks``     a person's own copy of the guided notebooks, never overwritten
    ``preheat``       apps started ahead by ``make app`` wait for the page to open

What the numbers say:
    ``metrics``       the trend and its honest fit; ``phases`` the 5/20/20 walk;
                      ``hours`` the 3 AM view (night against day)
    ``lookback``      the morning-after look-back; ``care`` the kind note's rule
    ``chart_style``   the one calm look; ``charts`` the personal charts (Axes out);
                      ``phase_chart``, ``multiples_chart``, ``chart_files`` (PNGs),
                      ``alt_text`` (text alternatives), ``tables`` (tables for people)

Writing and sharing:
    ``blame``         the wording check (``lexicon``, ``_sentence``, ``_readings``,
                      ``_hindsight``, ``_causes``, word lists in ``lexicons/``);
                      ``postmortem`` the document
    ``reporting``     one self-contained HTML report from ``templates/``; the charts'
                      PNG files, drawn again only when they changed
    ``timelines/``    incident-tool timelines (CSV, PagerDuty, Slack) into times

The team (nothing free-text ever leaves a journal):
    ``coarsening``    the grid and bands exported values are rounded to
    ``export``        the anonymous export, described once (``EXPORT_SCHEMA``)
    ``pool``          reading a folder of exports, file by file, never failing
    ``privacy``       minimum group sizes; ``team_charts`` pooled charts
    ``mentor``        the mentor walkthrough; ``surveys`` the instruments
    ``workshop``      the hub: drop an export, withdraw it, the person's notebooks
    ``team``          the names notebooks 05-07 use, re-exported, no logic

At the top: ``forms/`` (every ipywidgets form on one ``Form`` base), ``marks`` and
``__main__`` (``python -m kit ...``), and ``synthetic`` (seeded data for the team
sample and the benchmarks).
"""

from __future__ import annotations

import importlib
from typing import Any

from . import messages
from .errors import (
    DuplicateIncident,
    InvalidExport,
    InvalidIncident,
    InvalidTimeline,
    KitError,
    NotEnoughData,
    ReadOnlyJournal,
    SaveFailed,
    UnknownIncident,
    UnreadableFile,
)
from .journal import Journal, LoadResult, Problem
from .record import (
    Body,
    Clarity,
    Culture,
    Event,
    Incident,
    PostMortem,
    Reflection,
    Times,
    make_id,
)

__version__ = "0.1.0"

# name -> (module, attribute or None for the module itself)
_LAZY = {
    "metrics": ("metrics", None),
    "charts": ("charts", None),
    "chart_files": ("chart_files", None),
    "tables": ("tables", None),
    "forms": ("forms", None),
    "postmortem": ("postmortem", None),
    "blame": ("blame", None),
    "team": ("team", None),
    "surveys": ("surveys", None),
    "timelines": ("timelines", None),
    "workshop": ("workshop", None),
    "trend": ("metrics", "trend"),
    "Trend": ("metrics", "Trend"),
    "check_blame": ("blame", "check_blame"),
    "BlameFinding": ("blame", "BlameFinding"),
    "to_markdown": ("postmortem", "to_markdown"),
    "report": ("reporting", "report"),
    "keep_pngs": ("reporting", "keep_pngs"),
    "vault": ("vault", None),
    "unlock": ("vault", "unlock"),
    "conversion": ("conversion", None),
    "care": ("care", None),
    "lookback": ("lookback", None),
    "settings": ("settings", None),
    "preheat": ("preheat", None),
}

__all__ = [
    "Body",
    "BlameFinding",
    "Clarity",
    "Culture",
    "DuplicateIncident",
    "Event",
    "Incident",
    "InvalidExport",
    "InvalidIncident",
    "InvalidTimeline",
    "Journal",
    "KitError",
    "LoadResult",
    "NotEnoughData",
    "PostMortem",
    "Problem",
    "ReadOnlyJournal",
    "Reflection",
    "SaveFailed",
    "Times",
    "Trend",
    "UnknownIncident",
    "UnreadableFile",
    "blame",
    "care",
    "chart_files",
    "charts",
    "check_blame",
    "conversion",
    "forms",
    "keep_pngs",
    "lookback",
    "make_id",
    "messages",
    "metrics",
    "postmortem",
    "report",
    "preheat",
    "settings",
    "surveys",
    "tables",
    "team",
    "timelines",
    "to_markdown",
    "trend",
    "unlock",
    "vault",
    "workshop",
]


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        msg = f"module 'kit' has no attribute {name!r}"
        raise AttributeError(msg) from None
    module = importlib.import_module(f".{module_name}", __name__)
    value = module if attribute is None else getattr(module, attribute)
    # Importing a submodule binds its name here; bind the public value instead.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
