"""Plain helpers for the tests: paths, a valid incident's data, notebook text, and
waiting for local servers. Tests import them from here (``from helpers import …``);
``conftest.py`` holds only fixtures and hooks.
"""

from __future__ import annotations

import socket
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = [
    "Clock",
    "ROOT",
    "NOTEBOOKS",
    "DATA",
    "ARTEFACTS",
    "incident_data",
    "notebook_text",
    "free_port",
    "wait_http",
    "save_artefact",
]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = Path(__file__).resolve().parent / "data"
ARTEFACTS = Path(__file__).resolve().parent / "artefacts"


def incident_data(**overrides) -> dict:
    """Plain data of a valid, finished incident; ``overrides`` replace top keys."""
    alert = datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc)
    data = {
        "schema": 1,
        "id": "2026-03-10-payment-typo",
        "title": "Payments down after a config typo",
        "service": "payments-api",
        "severity": "SEV1",
        "role": "author",
        "whose": "mine",
        "times": {
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=12)).isoformat(),
            "mitigated_at": (alert + timedelta(minutes=13)).isoformat(),
            "resolved_at": (alert + timedelta(minutes=40)).isoformat(),
            "source": "recalled",
        },
        "body": {"distress_peak": 9, "symptoms": {"racing_heart": 9, "freezing": 8}},
        "clarity": {"next_step": 20},
        "techniques": ["box_breathing"],
    }
    data.update(overrides)
    return data


def notebook_text(nb) -> str:
    """All text outputs of an executed notebook, joined (for assertions)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif out.get("output_type") == "error":
                parts.append("\n".join(out.get("traceback", [])))
            else:
                data = out.get("data", {})
                for kind in ("text/markdown", "text/plain", "text/html"):
                    if kind in data:
                        parts.append(data[kind])
    return "\n".join(parts)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except Exception as error:  # noqa: BLE001 - the server is still starting
            last = error
        time.sleep(0.3)
    msg = f"{url} did not answer within {timeout} s ({last})"
    raise TimeoutError(msg)


def save_artefact(page, name: str) -> Path:
    """A screenshot into tests/artefacts/ (git-ignored) for a person to look at."""
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / name
    page.screenshot(path=str(path))
    return path


def type_in(page, selector: str, text: str) -> None:
    """Fill a text field and leave it, as a person does before pressing a button.

    The kit's text fields send their value to the kernel when they are left, so a
    button pressed straight after typing can never overtake the typed text.
    """
    field = page.locator(selector)
    field.fill(text)
    field.blur()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now
