"""ipywidgets forms: each is a function that returns a widget to display.

- ``live_companion(journal)``: during an incident (notebook 01).
- ``log_form(journal, incident=None)``: right after it (notebook 02).
- ``lookback_form(journal, incident=None)``: the morning after (notebook 02).
- ``postmortem_form(journal, incident_id=None)``: the post-mortem (notebook 03).
- ``import_form(journal, incident_id=None)``: times from your incident tool (02).
- ``report_form(journal)``: a report to share (notebook 04).
- ``prior_form(journal)``: how many incidents came before the journal (04).
- ``safety_form(folder=None)``, ``audit_form()``, ``defect_form()``,
  ``stay_or_fight_form(frame=None)``: resilient against what? (notebook 07).
- ``workshop_form(journal=None)``: export, survey and withdraw, as buttons (06).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "live_companion",
    "log_form",
    "lookback_form",
    "prior_form",
    "postmortem_form",
    "import_form",
    "report_form",
    "safety_form",
    "audit_form",
    "defect_form",
    "stay_or_fight_form",
    "workshop_form",
]

_WHERE = {
    "live_companion": "live",
    "log_form": "log",
    "lookback_form": "lookback",
    "prior_form": "settings",
    "postmortem_form": "postmortem",
    "import_form": "timeline_import",
    "report_form": "report",
    "safety_form": "surveys",
    "audit_form": "surveys",
    "defect_form": "surveys",
    "stay_or_fight_form": "surveys",
    "workshop_form": "workshop",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        msg = f"module 'kit.forms' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
