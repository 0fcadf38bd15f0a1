"""Browser driving: every place rendered in headless Chromium (offline), every link and
button clicked, every inline handler fired, and the flag read back in every frame.

The page-side JavaScript lives in ``js/`` beside this file."""

from __future__ import annotations

from pathlib import Path

from kit.reporting import CHROMIUM_OFFLINE_ARGS, find_chromium

from .places import Render

CHROMIUM = find_chromium() or "/usr/bin/chromium"
LAUNCH_ARGS = list(CHROMIUM_OFFLINE_ARGS)
PAGES_AT_ONCE = 10
SETTLE_MS = 300

_JS = Path(__file__).resolve().parent / "js"
_READ_JS = (_JS / "read.js").read_text(encoding="utf-8")
_TRIGGER_JS = (_JS / "trigger.js").read_text(encoding="utf-8")
_FILL_JS = (_JS / "fill.js").read_text(encoding="utf-8")




def browse(renders: list[Render], profile: Path) -> int:
    """Open every render in headless Chromium; fill in what happened. Returns the
    number of requests blocked (anything not a file or data URL)."""
    from playwright.sync_api import sync_playwright

    blocked = [0]

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            blocked[0] += 1
            route.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            context.route("**/*", route)
            context.on("page", lambda page: page.on(
                "dialog", lambda dialog: dialog.dismiss()))
            pages = [context.new_page() for _ in range(PAGES_AT_ONCE)]
            blank = profile.parent / "blank.html"
            blank.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                             "</head><body></body></html>")
            for page in pages:
                page.set_default_timeout(20_000)
            for start in range(0, len(renders), PAGES_AT_ONCE):
                batch = list(zip(pages, renders[start:start + PAGES_AT_ONCE],
                                 strict=False))
                for page, render in batch:
                    _load(page, render, blank)
                pages[0].wait_for_timeout(SETTLE_MS)
                for page, render in batch:
                    _trigger(page, render)
                pages[0].wait_for_timeout(SETTLE_MS)
                for page, render in batch:
                    _read(page, render)
                for extra in context.pages:  # popups, if any
                    if extra not in pages:
                        extra.close()
        finally:
            context.close()
    return blocked[0]


def _load(page, render: Render, blank: Path) -> None:
    """A fresh document (and window) for every render."""
    try:
        if render.path is not None:
            page.goto(render.path.as_uri(), wait_until="load")
        elif render.parts is not None:
            page.goto(blank.as_uri(), wait_until="load")
            page.evaluate(_FILL_JS, [list(part) for part in render.parts])
        else:
            return
        render.rendered = True
    except Exception as error:  # noqa: BLE001 - a place that did not render
        render.error = f"load: {type(error).__name__}"


def _frames(page) -> list:
    return [page.main_frame, *[f for f in page.frames if f != page.main_frame]]


def _trigger(page, render: Render) -> None:
    if not render.rendered:
        return
    for frame in _frames(page):
        try:
            done = frame.evaluate(_TRIGGER_JS)
            render.clicks += done["clicks"]
            render.handlers += done["handlers"]
        except Exception:  # noqa: BLE001, S112 - a frame that went away
            continue


def _read(page, render: Render) -> None:
    if not render.rendered:
        return
    seen = False
    for frame in _frames(page):
        try:
            state = frame.evaluate(_READ_JS)
        except Exception:  # noqa: BLE001, S112
            continue
        seen = True
        render.executed += state["pwned"]
        render.live += state["live"]
        render.shown = render.shown or state["shown"]
    if not seen:
        render.rendered = False
        render.error = render.error or "page unreadable"
