"""Regressions found by proofs/injection (``make proof``), and a check that the
proof's browser detector still sees a payload when escaping is off.

Each test names the place where typed text reached HTML unescaped, and fails if it
does again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import mistune
import pytest

from kit import team

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"


def _as_jupyter_shows_it(markdown: str) -> str:
    """Markdown as a trusted notebook renders it: raw HTML passes through."""
    return str(mistune.create_markdown(escape=False)(markdown))


# --- kit.team.describe_pool: the folder of an empty pool ---------------------------


@pytest.mark.parametrize("payload", [PAYLOAD, SCRIPT])
def test_describe_pool_escapes_the_folder_name_of_an_empty_pool(tmp_path, payload):
    # Notebook 06 takes POOL from the person running it; "No exports are in
    # <folder> yet" used to put the folder's name into Markdown as it was.
    folder = tmp_path / payload.replace("/", "\u2215")
    if "/" in payload:  # keep the real "</script>" in the path text: nest folders
        folder = tmp_path.joinpath(*payload.split("/"))
    folder.mkdir(parents=True)
    pooled = team.pool(folder)
    assert len(pooled) == 0
    text = str(team.describe_pool(pooled))
    rendered = _as_jupyter_shows_it(text)
    assert "<img" not in rendered and "<script" not in rendered
    assert "&lt;" in rendered  # shown as text, not dropped
    assert "pwned" in rendered


def test_describe_pool_still_names_an_ordinary_folder(tmp_path):
    folder = tmp_path / "team_exports"
    folder.mkdir()
    rendered = _as_jupyter_shows_it(str(team.describe_pool(team.pool(folder))))
    assert "team_exports" in rendered  # the escaped "_" reads back as "_"


# --- the proof's detector -------------------------------------------------------------


def _chromium() -> bool:
    return os.path.exists("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not _chromium(), reason="needs Chromium at /usr/bin/chromium")
def test_proof_catches_unescaped_payloads_and_finds_none_in_the_kit(tmp_path):
    sys.path.insert(0, str(ROOT))
    try:
        from proofs import injection as proof
    finally:
        sys.path.remove(str(ROOT))
    chosen = [
        proof.PAYLOADS.index(p)
        for p in proof.PAYLOADS
        if "onerror" in p or "javascript:" in p
    ][:3]
    found = proof.collect(tmp_path, payloads=chosen, notebooks=False)
    # The detector: every chosen payload runs (or stays live) when shown unescaped.
    assert set(chosen) <= set(found.caught)
    # The kit: every place rendered, showed the payload as text, and ran nothing.
    assert found.renders and all(r.rendered for r in found.renders)
    assert sum(r.executed for r in found.renders) == 0
    assert sum(r.live for r in found.renders) == 0
    assert any(r.shown for r in found.renders if r.place.startswith("team pool"))
    assert found.refused_pseudonyms == len(chosen) and not found.form_errors
