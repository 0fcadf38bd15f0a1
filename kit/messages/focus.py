"""Words of the live companion's focus view: one step at a time, the next one press
away."""

from __future__ import annotations

__all__ = [
    "LIVE_FOCUS_POSITION",
    "LIVE_FOCUS_NEXT",
    "LIVE_FOCUS_PREVIOUS",
    "LIVE_FOCUS_SHOW_ALL",
    "LIVE_FOCUS_DONE",
]

LIVE_FOCUS_POSITION = "Step {n} of {total}"
LIVE_FOCUS_NEXT = "Next: {step}"
LIVE_FOCUS_PREVIOUS = "Back to {step}"
LIVE_FOCUS_SHOW_ALL = "Show every step"
LIVE_FOCUS_DONE = "Done so far: {steps}"
