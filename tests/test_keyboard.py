"""The live companion, completed with the keyboard alone.

Each test serves the app with Voila (as `make app` does) and drives it in headless
Chromium with Tab, Shift+Tab, Enter, Space, typing and the arrow keys only: no click,
no mouse. Focus is moved by pressing Tab and reading ``document.activeElement`` until
the wanted control has it, which is what a keyboard user does. The live companion is
also looked at phone-sized (375 px) and desk-sized (1280 px); the screenshots go to
tests/artefacts/.
"""

from __future__ import annotations

import pytest
from helpers import ARTEFACTS

import kit
from kit import messages as msg

pytestmark = [pytest.mark.browser, pytest.mark.slow]

expect = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed"
).expect

APP_TIMEOUT_MS = 120_000


def focused(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => { const a = document.activeElement; return !!a && a.matches(s); }",
        selector,
    )


def tab_to(page, selector: str, *, back: bool = False, limit: int = 400) -> None:
    """Press Tab (Shift+Tab when ``back``) until ``selector`` has the focus."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press(key)
    problem = f"{limit} presses of {key} never reached {selector}"
    raise AssertionError(problem)


def open_app(page, url: str, ready: str) -> None:
    page.goto(url, timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(ready, timeout=APP_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=APP_TIMEOUT_MS)


def test_the_live_companion_is_done_with_the_keyboard_alone_at_any_width(
    jupyter_server, browser_page, tmp_path
):
    journal = tmp_path / "journal"
    url = jupyter_server("voila", journal, notebook="01-during-an-incident.ipynb")
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    open_app(page, url + "/", "button.kit-alert")
    status = page.locator(".kit-status")

    tab_to(page, ".kit-title input")
    page.keyboard.type("Checkout errors")
    tab_to(page, "button.kit-alert", back=True)
    page.keyboard.press("Enter")
    expect(status).to_contain_text(msg.LIVE_STARTED, timeout=30_000)

    # The focus view: step 1 alone, large, its main action at least 44 px high.
    expect(page.locator(".kit-step-breathe")).to_be_visible()
    for hidden in ("error", "step", "end"):
        expect(page.locator(f".kit-step-{hidden}")).to_be_hidden()
    for button in ("button.kit-breathe", "button.kit-next-step"):
        assert page.locator(button).bounding_box()["height"] >= 44
    # Nothing wider than a phone: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "live-375.png"), full_page=True)

    tab_to(page, "button.kit-breathe")
    page.keyboard.press("Space")
    expect(page.locator(".kit-hands-off-note")).to_contain_text(
        msg.LIVE_EVENT_TEXTS["breathing"].rstrip("."), timeout=30_000
    )
    # Once a step is done, the next one is one press away.
    tab_to(page, "button.kit-next-step")
    for heading in (
        msg.LIVE_ERROR_HEADING,
        msg.LIVE_BROKEN_HEADING,
        msg.LIVE_BROADCAST_HEADING,
        msg.LIVE_TRIAGE_HEADING,
        msg.LIVE_STEP_HEADING,
    ):
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert focused(page, "button.kit-next-step")

    tab_to(page, ".kit-step-text input", back=True)
    page.keyboard.type("Rolled back the deploy")
    page.keyboard.press("Tab")
    assert focused(page, "button.kit-step")
    page.keyboard.press("Enter")
    expect(page.locator("button.kit-step")).to_have_text(
        msg.LIVE_STEP_AGAIN_BUTTON, timeout=30_000
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTEFACTS / "live-1280.png"), full_page=True)

    # "Show every step" unfolds the page; the end of it is reached by Tab.
    tab_to(page, "button.kit-show-all")
    page.keyboard.press("Space")
    expect(page.locator(".kit-step-end")).to_be_visible()
    tab_to(page, "button.kit-resolved")
    page.keyboard.press("Enter")
    expect(status).to_contain_text(msg.LIVE_RESOLVED_BUTTON, timeout=30_000)

    (incident,) = kit.Journal(journal).load().incidents
    assert incident.title == "Checkout errors"
    times = incident.times
    assert times.alert_at <= times.first_action_at <= times.resolved_at
    assert [e.text for e in incident.events if e.kind == "action"] == [
        "Rolled back the deploy"
    ]

