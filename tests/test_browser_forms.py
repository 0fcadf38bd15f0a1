"""Notebooks 01 and 02 in a real browser: JupyterLab, headless Chromium, Playwright.

Each test serves notebooks/ with KIT_JOURNAL pointing at a temporary folder, runs the
notebook with Run All, uses the form as a person would, and then reads the YAML file the
form wrote. Screenshots go to tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest
import yaml
from helpers import save_artefact, type_in

import kit
from kit.forms.log_layout import SUMMARY_ID, slot_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait_kernel_idle(page, base: str, notebook: str, timeout: float = 120) -> None:
    """Wait until the notebook's kernel is idle (accepting a Select Kernel dialog)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if accept.count() and accept.first.is_visible():
            accept.first.click()
        with urllib.request.urlopen(f"{base}/api/sessions", timeout=5) as response:
            sessions = json.load(response)
        for session in sessions:
            kernel = session.get("kernel") or {}
            if (
                session.get("path", "").endswith(notebook)
                and kernel.get("execution_state") == "idle"
            ):
                return
        page.wait_for_timeout(300)
    msg = f"the kernel of {notebook} did not become idle within {timeout} s"
    raise TimeoutError(msg)


def open_and_run_all(page, base: str, notebook: str) -> None:
    page.goto(f"{base}/lab/tree/{notebook}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_kernel_idle(page, base, notebook)
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.click(".lm-Menu-item:has-text('Run All Cells')")
    page.wait_for_selector(".kit-form", timeout=90_000)


def wait_text(page, selector: str, pattern: str, timeout: float = 30_000) -> str:
    """Wait until the element's text matches ``pattern`` (the kernel's echo)."""
    locator = page.locator(selector).first
    deadline = time.monotonic() + timeout / 1000
    text = ""
    while time.monotonic() < deadline:
        text = locator.inner_text()
        if re.search(pattern, text):
            return text
        page.wait_for_timeout(200)
    msg = f"{selector} never matched {pattern!r}; last text: {text!r}"
    raise AssertionError(msg)


def show(page, selector: str, block: str = "start") -> None:
    """Scroll JupyterLab's panel to ``selector`` (at the top, or ``block="center"``)."""
    page.locator(selector).first.evaluate(
        "(el, block) => el.scrollIntoView({block})", block
    )


def test_log_form_saves_exactly_what_was_typed(jupyter_server, browser_page, tmp_path):
    journal_path = tmp_path / "journal"
    base = jupyter_server("lab", journal_path)
    page = browser_page
    started = time.monotonic()
    open_and_run_all(page, base, "02-after-the-incident.ipynb")

    title = "Browser <b>test</b> & checkout"
    type_in(page, ".kit-title input", title)
    type_in(page, ".kit-service input", "checkout-api")
    severity = kit.messages.SEVERITY_LABELS["SEV2"]
    page.select_option(".kit-severity select", label=severity)
    page.select_option(".kit-timezone select", label="UTC+01:00")
    type_in(page, ".kit-alert-at-date input", "2026-03-10")
    type_in(page, ".kit-alert-at-time input", "14:47")
    # A slip: the first step before the alert.
    type_in(page, ".kit-first-action-at-time input", "14:40")
    page.select_option(".kit-symptom-racing-heart select", label="3")
    page.check(".kit-technique-box-breathing input[type=checkbox]")
    learned = "Breathing first helped me see the line."
    type_in(page, ".kit-refl-learned textarea", learned)

    # The summary is the kernel's echo of every value a person has entered.
    summary = ".kit-summary"
    wait_text(page, summary, re.escape(f"«{title}»"))
    wait_text(page, summary, r"heart racing or pounding 3\b")
    wait_text(page, summary, re.escape(kit.messages.TECHNIQUE_LABELS["box_breathing"]))
    label = kit.messages.LOG_TIME_NAMES["first_action_at"]
    first_step = f"{label}: 2026-03-10 14:59 +01:00"
    text = wait_text(page, summary, r"reflection: 1 of 3 answered")
    assert "Breathing first" not in text

    show(page, ".kit-form")
    save_artefact(page, "02-log-form.png")

    # Save shows the record's message next to the field and writes nothing ...
    wait_text(page, summary, re.escape(first_step.replace("14:59", "14:40")))
    page.click("button.kit-save")
    problem = ".kit-problem-times-first-action-at"
    wait_text(page, problem, "is before")
    wait_text(page, ".kit-status", "Not saved yet")
    show(page, problem, block="center")
    save_artefact(page, "02-log-form-problem.png")
    assert list(journal_path.glob("*.yaml")) == []
    # In JupyterLab too, the link beside Save moves the focus up to the summary,
    # and the summary's link moves it on to the message above the field.
    page.focus(f'.kit-status a[href="#{SUMMARY_ID}"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == SUMMARY_ID
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == slot_id(
        "times.first_action_at"
    )
    assert page.url.startswith(f"{base}/lab/tree/02-after-the-incident.ipynb")
    assert page.input_value(".kit-first-action-at-time input") == "14:40"
    assert page.input_value(".kit-refl-learned textarea") == (
        "Breathing first helped me see the line."
    )

    # ... and once it is corrected, Save writes it.
    type_in(page, ".kit-first-action-at-time input", "14:59")
    wait_text(page, summary, re.escape(first_step))
    page.click("button.kit-save")
    wait_text(page, ".kit-status", r"Saved .* to your journal")
    show(page, ".kit-summary")
    save_artefact(page, "02-log-form-saved.png")
    elapsed = time.monotonic() - started

    files = list(journal_path.glob("*.yaml"))
    assert [f.name for f in files] == ["2026-03-10-browser-b-test-b-checkout.yaml"]
    data = yaml.safe_load(files[0].read_text())
    inc = kit.record.validate_incident(data)
    assert inc.title == title
    assert inc.service == "checkout-api"
    assert inc.severity == "SEV2"
    assert data["times"]["alert_at"] == "2026-03-10T14:47:00+01:00"
    assert data["times"]["first_action_at"] == "2026-03-10T14:59:00+01:00"
    assert inc.body.symptoms == {"racing_heart": 3}
    assert inc.techniques == ["box_breathing"]
    assert inc.reflection.learned == "Breathing first helped me see the line."
    assert inc.draft is False and inc.times.source == "recalled"
    assert elapsed < 180, f"the browser run took {elapsed:.0f} s"


def test_live_companion_times_every_step(jupyter_server, browser_page, tmp_path):
    journal_path = tmp_path / "journal"
    base = jupyter_server("lab", journal_path)
    page = browser_page
    open_and_run_all(page, base, "01-during-an-incident.ipynb")
    save_artefact(page, "01-live-start.png")

    type_in(page, ".kit-title input", "Checkout errors")
    page.click("button.kit-alert")
    page.click("button.kit-show-all")  # every step at once, not the focus view
    wait_text(page, ".kit-status", "The clock is running")
    # The clock and the triage bar move by themselves: the Play widgets tick in the
    # browser and sync to the kernel, nothing waits on a running cell.
    wait_text(page, ".kit-clock", r"^0:0[2-9] since the alert", timeout=20_000)
    width = page.locator(".kit-triage-bar .progress-bar").first.evaluate(
        "el => parseFloat(el.style.width || '0')"
    )
    assert width > 0

    page.click("button.kit-breathe")
    page.wait_for_selector(".kit-pacer .kit-dot")
    show(page, ".kit-pacer")
    save_artefact(page, "01-live-breathing.png")

    type_in(page, ".kit-dead-end-text input", "Restarted the gateway pods")
    page.click("button.kit-dead-end")
    wait_text(page, ".kit-timeline", "Restarted the gateway pods")

    type_in(page, ".kit-step-text input", "Rolled back release 4.2.1")
    page.click("button.kit-step")
    # Breathing on purpose was already the first deliberate step; this one is the
    # first step on the problem itself.
    wait_text(page, ".kit-step-note", "First step on the problem at")

    type_in(page, ".kit-bc-symptom input", "failed card payments")
    type_in(page, ".kit-bc-service input", "checkout")
    type_in(page, ".kit-bc-users input", "about 2,000 users")
    broadcast = (
        "Detected failed card payments on checkout. "
        "Impact: about 2,000 users. Investigating now."
    )
    wait_text(page, ".kit-bc-preview", re.escape(broadcast))
    page.click("button.kit-broadcast")
    wait_text(page, ".kit-broadcast-note", "First message sent at")
    show(page, ".kit-bc-preview")
    save_artefact(page, "01-live-companion.png")

    page.click("button.kit-resolved")
    wait_text(page, ".kit-end-note", "Resolved at")
    show(page, ".kit-end-note", block="center")
    save_artefact(page, "01-live-resolved.png")

    files = list(journal_path.glob("*.yaml"))
    assert len(files) == 1 and files[0].name.endswith("-checkout-errors.yaml")
    inc = kit.record.validate_incident(yaml.safe_load(files[0].read_text()))
    assert inc.draft is True and inc.times.source == "live"
    kinds = [(e.kind, e.text) for e in inc.events]
    assert [k for k, _ in kinds] == [
        "timer",
        "breathing",
        "dead-end",
        "action",
        "update",
        "note",
    ]
    assert ("dead-end", "Restarted the gateway pods") in kinds
    assert ("action", "Rolled back release 4.2.1") in kinds
    assert ("update", broadcast) in kinds
    times = inc.times
    assert times.alert_at <= times.first_action_at <= times.broadcast_at
    breathing = next(e.at for e in inc.events if e.kind == "breathing")
    assert times.first_action_at == breathing
    assert times.hands_on_at is not None and times.hands_on_at >= breathing
    assert times.broadcast_at <= times.resolved_at
    assert [e.at for e in inc.events] == sorted(e.at for e in inc.events)
    assert inc.events[-1].at == times.resolved_at
    assert times.alert_at.utcoffset() is not None
