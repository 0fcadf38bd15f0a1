"""The detector, checked: the same payloads shown with escaping off must be caught, or
the proof would prove nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .payloads import PAYLOADS
from .places import Render, page_html

# Payloads aimed at other contexts (a double unescape, a JavaScript string, Unicode
# folding, MathJax): shown raw as HTML they are inert, so the check below cannot
# catch them; they are in the set for places that would decode them.
OTHER_CONTEXTS = frozenset({
    "&lt;img kitpwn src=x onerror=window.__pwned=1&gt;",
    "&#60;img kitpwn src=x onerror=window.__pwned=1&#62;",
    "\uff1cimg kitpwn src=x onerror=window.__pwned=1\uff1e",
    "\\u003cimg kitpwn src=x onerror=window.__pwned=1\\u003e",
    "';window.__pwned=1;// \"-(window.__pwned=1)-\" ${window.__pwned=1}",
    '![pwned](x" onerror="window.__pwned=1)',  # a renderer that forgets to quote
})


def _careless_markdown() -> Callable[[str], str]:
    """Markdown with raw HTML on *and* javascript: links kept: the worst renderer a
    reader could use, for the check only."""
    import mistune

    careless = mistune.HTMLRenderer(escape=False, allow_harmful_protocols=True)
    return mistune.create_markdown(renderer=careless,
                                   plugins=["table", "strikethrough", "url"])


def canaries(work: Path) -> list[Render]:
    """Every payload shown *unescaped* (raw, and as careless Markdown), as a document
    and as innerHTML: what the browser check must catch."""
    markdown = _careless_markdown()
    folder = work / "canaries"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, payload in enumerate(PAYLOADS):
        blocks = [payload, str(markdown(payload))]
        path = folder / f"{i}.html"
        path.write_text(page_html("canary", blocks), encoding="utf-8")
        out.append(Render("canary", i, path=path))
        out.append(Render("canary", i, parts=[("html", b) for b in blocks]))
    return out
