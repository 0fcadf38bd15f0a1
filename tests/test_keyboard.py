"""The live companion (01) and the log form (02), completed with the keyboard alone.

Each test serves the app with Voila (as `make app` does) and drives it in headless
Chromium with Tab, Shift+Tab, Enter, Space, typing and the arrow keys only: no click,
no mouse. Focus is moved by pressing Tab and reading ``document.activeElement`` until
the wanted control has it, which is what a keyboard user does. Both apps are also
looked at phone-sized (375 px) and desk-sized (1280 px); the screenshots go to
tests/artefacts/.
"""

from __future__ import annotations

import pytest
from helpers import ARTEFACTS

import kit
from kit import messages as msg
from kit.forms.log_layout import SUMMARY_ID, slot_id
from kit.forms.time_entry import timezone_options

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


def open_phone_sized(jupyter_server, page, tmp_path, notebook: str, ready: str):
    """Serve ``notebook`` as an app on a fresh journal and open it 375 px wide."""
    journal = tmp_path / "journal"
    url = jupyter_server("voila", journal, notebook=f"{notebook}.ipynb")
    page.set_viewport_size({"width": 375, "height": 740})
    open_app(page, url + "/", ready)
    return page, journal


def test_the_live_companion_is_done_with_the_keyboard_alone_at_any_width(
    jupyter_server, browser_page, tmp_path
):
    page, journal = open_phone_sized(
        jupyter_server, browser_page, tmp_path, "01-during-an-incident",
        "button.kit-alert",
    )
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


# --- the log form (02) -------------------------------------------------------------

LOG = ".kit-log-form"


def type_date(page, selector: str, year: int, month: int, day: int) -> None:
    """Tab into the browser's date input and type its digits in the order the
    browser's locale shows them (month/day/year in en-US, day/month/year in en-GB)."""
    tab_to(page, selector)
    order = page.evaluate(
        """() => new Intl.DateTimeFormat(navigator.language)
            .formatToParts(new Date(2026, 2, 10))
            .filter(p => ["day", "month", "year"].includes(p.type))
            .map(p => p.type)"""
    )
    digits = {"year": f"{year:04d}", "month": f"{month:02d}", "day": f"{day:02d}"}
    page.keyboard.type("".join(digits[part] for part in order))


def type_time(page, selector: str, clock: str) -> None:
    """Tab into the browser's time input and type the digits of a 24-hour ``clock``
    (a 12-hour input reads 14 as 2 PM)."""
    tab_to(page, selector)
    page.keyboard.type(clock.replace(":", ""))


def choose(page, selector: str, steps: int) -> None:
    """Tab to a drop-down and move ``steps`` choices down with the arrow key."""
    tab_to(page, selector)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def test_the_log_form_is_done_with_the_keyboard_alone_at_any_width(
    jupyter_server, browser_page, tmp_path
):
    page, journal = open_phone_sized(
        jupyter_server, browser_page, tmp_path, "02-after-the-incident",
        f"{LOG} button.kit-save",
    )
    summary = page.locator(f"{LOG} .kit-summary")
    status = page.locator(f"{LOG} .kit-status").first

    title = "Checkout slow after a deploy"
    tab_to(page, f"{LOG} .kit-title input")
    page.keyboard.type(title)
    page.keyboard.press("Tab")  # a text field's value reaches the kernel when left
    tab_to(page, f"{LOG} .kit-service input")
    page.keyboard.type("checkout-api")
    page.keyboard.press("Tab")
    choose(page, f"{LOG} .kit-severity select", 2)  # after "choose…" and SEV1
    zones = [value for _words, value in timezone_options()]
    choose(page, f"{LOG} .kit-timezone select", zones.index("+01:00"))
    # The alert, and a slip: the first deliberate step typed before it.
    type_date(page, f"{LOG} .kit-alert-at-date input", 2026, 3, 10)
    type_time(page, f"{LOG} .kit-alert-at-time input", "14:47")
    type_time(page, f"{LOG} .kit-first-action-at-time input", "14:40")
    choose(page, f"{LOG} .kit-symptom-racing-heart select", 3)
    tab_to(page, f"{LOG} .kit-technique-box-breathing input")
    page.keyboard.press("Space")

    # The kernel's own echo of every value, before Save is pressed.
    first_step = msg.LOG_TIME_NAMES["first_action_at"]
    for piece in (
        f"«{title}»",
        "checkout-api",
        "SEV2",
        msg.LOG_TZ_FIXED.format(offset="+01:00"),
        f"{msg.LOG_TIME_NAMES['alert_at'].split(':')[0]}: 2026-03-10 14:47 +01:00",
        f"{first_step}: 2026-03-10 14:40 +01:00",
        f"{msg.SYMPTOM_LABELS['racing_heart']} 3",
        msg.TECHNIQUE_LABELS["box_breathing"],
    ):
        expect(summary).to_contain_text(piece, timeout=30_000)

    tab_to(page, f"{LOG} button.kit-save")
    page.keyboard.press("Enter")
    # The summary at the top: announced, worded with the labels on screen.
    problems = page.locator(f"#{SUMMARY_ID}")
    expect(problems).to_be_visible(timeout=30_000)
    expect(problems).to_have_attribute("role", "alert")
    expect(problems).to_contain_text(msg.PROBLEM_SUMMARY_HEADING.format(n=1))
    field = slot_id("times.first_action_at")
    link = problems.locator(f'a[href="#{field}"]')
    expect(link).to_contain_text(msg.FIELD_NAMES["times.first_action_at"])
    expect(link).to_contain_text(msg.FIELD_NAMES["times.alert_at"])
    assert "first_action_at" not in problems.inner_text()
    # ... the same words next to the field, and nothing written.
    beside = page.locator(f"#{field}")
    expect(beside).to_have_text(link.inner_text())
    expect(status).to_contain_text(msg.LOG_INVALID.format(n=1))
    assert list(journal.glob("*.yaml")) == []

    # Nothing wider than a phone: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    ARTEFACTS.mkdir(exist_ok=True)
    problems.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTEFACTS / "log-375-summary.png"))
    top_of = "el => el.scrollIntoView({block: 'start'})"
    page.locator(f"{LOG} .kit-alert-at-date").evaluate(top_of)
    page.screenshot(path=str(ARTEFACTS / "log-375-times.png"))

    # From Save to the field by keyboard: the link beside Save goes up to the
    # summary, its entry to the message above the field, Tab into the field.
    tab_to(page, f'{LOG} .kit-status a[href="#{SUMMARY_ID}"]')
    page.keyboard.press("Enter")
    assert focused(page, f"#{SUMMARY_ID}")
    page.keyboard.press("Tab")
    assert focused(page, f'a[href="#{field}"]')
    page.keyboard.press("Enter")
    assert focused(page, f"#{field}")
    page.keyboard.press("Tab")
    assert focused(page, f"{LOG} .kit-first-action-at-date input")

    # Corrected in the time input, then Save with Enter writes the incident.
    type_time(page, f"{LOG} .kit-first-action-at-time input", "14:55")
    expect(summary).to_contain_text(
        f"{first_step}: 2026-03-10 14:55 +01:00", timeout=30_000
    )
    tab_to(page, f"{LOG} button.kit-save")
    page.keyboard.press("Enter")
    wanted = "2026-03-10-checkout-slow-after-a-deploy"
    expect(status).to_contain_text(
        msg.LOG_SAVED_NEW.format(id=wanted), timeout=30_000
    )
    expect(problems).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(f"{LOG} .kit-timezone").evaluate(top_of)
    page.screenshot(path=str(ARTEFACTS / "log-1280-times.png"))
    status.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTEFACTS / "log-1280-saved.png"))

    (incident,) = kit.Journal(journal).load().incidents
    assert incident.id == wanted
    assert (incident.title, incident.service, incident.severity) == (
        title, "checkout-api", "SEV2"
    )
    assert incident.times.alert_at.isoformat() == "2026-03-10T14:47:00+01:00"
    assert incident.times.first_action_at.isoformat() == "2026-03-10T14:55:00+01:00"
    assert incident.panic_to_action_min == 8
    assert incident.body.symptoms == {"racing_heart": 3}
    assert incident.techniques == ["box_breathing"]
    assert incident.draft is False and incident.times.source == "recalled"
