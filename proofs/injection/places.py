"""What is rendered: a place that shows typed text back, and what was found there."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"




@dataclass
class Render:
    """One page to open: widget ``parts`` (innerHTML/text) or a document file."""

    place: str
    payload: int | None  # None: every payload at once (notebook exports)
    parts: list[tuple[str, str]] | None = None
    path: Path | None = None
    echoes: bool = True  # False: the place is not meant to show typed text
    # filled in by the browser
    rendered: bool = False
    shown: bool = False
    executed: int = 0
    live: int = 0
    clicks: int = 0
    handlers: int = 0
    error: str = ""


@dataclass
class Findings:
    renders: list[Render] = field(default_factory=list)
    refused_pseudonyms: int = 0
    accepted_pseudonyms: int = 0
    form_errors: list[str] = field(default_factory=list)
    notebook_errors: list[str] = field(default_factory=list)
    blocked: int = 0
    markdown_it: bool = False
    caught: list[int] = field(default_factory=list)  # payloads the check sees raw


def page_html(title: str, blocks: Iterable[str]) -> str:
    body = "\n".join(f'<div class="output">{block}</div>' for block in blocks)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body>\n{body}\n</body></html>"
    )


def markdown_renderers() -> dict[str, Callable[[str], str]]:
    """Markdown to HTML as a trusted notebook or a viewer would: raw HTML on."""
    import mistune

    found = {"mistune": mistune.create_markdown(
        escape=False, plugins=["table", "strikethrough", "url"]
    )}
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return found
    engine = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    found["markdown-it-py"] = engine.render
    return found


def as_html(obj: Any, markdown: Callable[[str], str]) -> str:
    """An object shown as a cell's result, as JupyterLab picks its representation."""
    if obj is None:
        return ""
    if hasattr(obj, "_repr_html_"):
        shown = obj._repr_html_()
        if shown is not None:
            return shown
    if hasattr(obj, "_repr_markdown_"):
        shown = obj._repr_markdown_()
        if shown is not None:
            return str(markdown(shown))
    if hasattr(obj, "data") and type(obj).__name__ in ("HTML", "Markdown"):
        return obj.data if type(obj).__name__ == "HTML" else str(markdown(obj.data))
    return f"<pre>{html.escape(str(obj))}</pre>"  # text/plain, as the front end does
