"""The incident reflection kit: capture each production incident, reflect on it
without blame, and watch your panic-to-action time shrink.

Notebooks use the names below. Heavy parts (charts, widgets, the report) are imported
the first time they are used, so ``import kit`` stays quick.
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
    "vault": ("vault", None),
    "unlock": ("vault", "unlock"),
    "conversion": ("conversion", None),
    "care": ("care", None),
    "lookback": ("lookback", None),
    "settings": ("settings", None),
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
    "lookback",
    "make_id",
    "messages",
    "metrics",
    "postmortem",
    "report",
    "settings",
    "surveys",
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
