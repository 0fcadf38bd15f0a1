"""Notebooks 01, 02 and 04 as Voila apps: guidance and forms, no code cells.

Each test serves a notebook with Voila (the same server `make app` runs), drives it in
headless Chromium the way a person would, and reads the temporary journal the app
wrote into. Screenshots go to tests/artefacts/.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from helpers import NOTEBOOKS, save_artefact, type_in

import kit
from kit import messages as msg

pytestmark = [pytest.mark.browser, pytest.mark.slow]

expect = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed"
).expect

APP_TIMEOUT_MS = 120_000  # the first render starts a kernel and runs every cell


def _cells(name: str, kind: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS / name).read_text())
    return [
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == kind
    ]


def _title(name: str) -> str:
    first = _cells(name, "markdown")[0]
    return next(
        line[2:].strip() for line in first.splitlines() if line.startswith("# ")
    )


def _assert_app_mode(page, name: str) -> None:
    """The guidance is on the page; no line of any code cell is."""
    expect(page.get_by_role("heading", name=_title(name), level=1)).to_be_visible()
    assert page.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0
    text = page.inner_text("body")
    for source in _cells(name, "code"):
        for line in source.splitlines():
            line = line.split("#")[0].strip()
            # A bare name (a cell showing a variable) is also an ordinary word.
            if line and not line.isidentifier():
                assert line not in text, f"code is visible in the {name} app: {line}"


def _open(page, url: str, ready: str) -> None:
    page.goto(url, timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(ready, timeout=APP_TIMEOUT_MS)


def _slide(page, name: str, steps: int) -> None:
    """Choose a rating ``steps`` steps up from 0 with the keyboard, as people do."""
    choice = page.locator(f".kit-{name} select")
    choice.focus()
    for _ in range(steps):
        choice.press("ArrowDown")


def test_the_log_form_app_saves_an_incident_into_the_journal(
    jupyter_server, browser_page, tmp_path
):
    journal = tmp_path / "journal"
    url = jupyter_server("voila", journal, notebook="02-after-the-incident.ipynb")
    page = browser_page
    _open(page, url + "/", "button.kit-save")
    _assert_app_mode(page, "02-after-the-incident.ipynb")

    title = "Checkout slow after a deploy"
    type_in(page, ".kit-title input", title)
    type_in(page, ".kit-service input", "checkout-api")
    page.select_option(".kit-severity select", label=msg.SEVERITY_LABELS["SEV2"])
    page.select_option(
        ".kit-timezone select", label=msg.LOG_TZ_FIXED.format(offset="+00:00")
    )
    type_in(page, ".kit-alert-at-date input", "2026-03-10")
    type_in(page, ".kit-alert-at-time input", "14:47")
    type_in(page, ".kit-first-action-at-time input", "14:55")
    type_in(page, ".kit-resolved-at-time input", "15:30")
    _slide(page, "distress-peak", 7)
    _slide(page, "clarity-next-step", 4)
    # Wait for the kernel's own echo of every value before pressing Save.
    summary = page.locator(".kit-summary")
    parts = msg.LOG_SUMMARY_PARTS
    for piece in (
        f"«{title}»",
        "checkout-api",
        "SEV2",
        parts["after_alert"].format(minutes="8"),
        parts["distress"].format(value=7),
        parts["clarity"].format(value=40),
    ):
        expect(summary).to_contain_text(piece, timeout=30_000)
    page.click("button.kit-save")

    wanted = kit.make_id(datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc), title)
    expect(page.locator(".kit-log-form .kit-status").first).to_contain_text(
        msg.LOG_SAVED_NEW.format(id=wanted), timeout=30_000
    )
    save_artefact(page, "voila-02-saved.png")

    saved = kit.Journal(journal).get(wanted)
    assert saved.title == title and saved.service == "checkout-api"
    assert saved.severity == "SEV2" and not saved.draft
    assert saved.panic_to_action_min == 8
    assert saved.minutes_to("resolved_at") == 43
    assert saved.body.distress_peak == 7
    assert saved.clarity.next_step == 40
    assert kit.Journal(journal).ids() == [wanted]


def test_the_live_companion_app_keeps_alert_first_step_and_resolve(
    jupyter_server, browser_page, tmp_path
):
    journal = tmp_path / "journal"
    url = jupyter_server("voila", journal, notebook="01-during-an-incident.ipynb")
    page = browser_page
    _open(page, url + "/", "button.kit-alert")
    _assert_app_mode(page, "01-during-an-incident.ipynb")
    status = page.locator(".kit-status")

    type_in(page, ".kit-title input", "Checkout errors")
    page.click("button.kit-alert")
    expect(status).to_contain_text(msg.LIVE_STARTED, timeout=30_000)
    page.click("button.kit-show-all")  # every step at once, not the focus view
    type_in(page, ".kit-step-text input", "Rolled back the deploy")
    page.click("button.kit-step")
    expect(page.locator("button.kit-step")).to_have_text(
        msg.LIVE_STEP_AGAIN_BUTTON, timeout=30_000
    )
    page.click("button.kit-resolved")
    expect(status).to_contain_text(msg.LIVE_RESOLVED_BUTTON, timeout=30_000)
    save_artefact(page, "voila-01-resolved.png")

    (incident,) = kit.Journal(journal).load().incidents
    assert incident.title == "Checkout errors"
    assert incident.draft  # finished later in 02
    times = incident.times
    assert times.source == "live"
    assert times.alert_at <= times.first_action_at <= times.resolved_at
    actions = [e.text for e in incident.events if e.kind == "action"]
    assert actions == ["Rolled back the deploy"]


def test_one_voila_server_serves_01_02_and_04_linked_together(
    jupyter_server, browser_page, sample_copy
):
    # What `make app` runs: Voila on the notebooks folder. The Back/Next links of
    # each notebook then open the next app on the same server.
    url = jupyter_server("voila", sample_copy.path, notebook=".")
    page = browser_page
    _open(page, url + "/voila/render/01-during-an-incident.ipynb", "button.kit-alert")
    _assert_app_mode(page, "01-during-an-incident.ipynb")

    page.get_by_role("link", name=re.compile("After the incident")).first.click()
    page.wait_for_selector("button.kit-save", timeout=APP_TIMEOUT_MS)
    assert page.url.endswith("/voila/render/02-after-the-incident.ipynb")
    _assert_app_mode(page, "02-after-the-incident.ipynb")

    _open(page, url + "/voila/render/04-your-trend.ipynb", ".jp-OutputArea-output img")
    _assert_app_mode(page, "04-your-trend.ipynb")
    page.wait_for_load_state("networkidle", timeout=APP_TIMEOUT_MS)
    text = page.inner_text("body")
    assert "Traceback" not in text and "There was an error" not in text
    assert str(sample_copy.path) in text  # it reads the journal it was given
    assert page.locator(".jp-OutputArea-output img").count() >= 4  # the four charts
    save_artefact(page, "voila-04-trend.png")
