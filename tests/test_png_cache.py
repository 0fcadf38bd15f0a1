"""keep_pngs: the charts' PNG files are drawn again only when what they show changed."""

from __future__ import annotations

import pytest

import kit
from kit import chart_files, reporting


@pytest.fixture
def draws(monkeypatch):
    counted = []
    real = chart_files.png

    def counting(spec, frame, latest, dpi=150):
        counted.append(spec.name)
        return real(spec, frame, latest, dpi)

    monkeypatch.setattr(chart_files, "png", counting)
    return counted


def _state(paths):
    return [(p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in paths]


def test_the_same_data_is_not_drawn_twice(sample_copy, draws):
    first = reporting.keep_pngs(sample_copy, dpi=30)
    assert len(draws) == 4 and [p.name for p in first] == [
        "panic-to-action.png", "body.png", "clarity.png", "timeline.png"]
    before = _state(first)
    again = reporting.keep_pngs(kit.Journal(sample_copy.path), dpi=30)
    assert len(draws) == 4  # nothing drawn, nothing written
    assert list(again) == list(first) and _state(again) == before
    assert again._repr_markdown_() == first._repr_markdown_()


def test_a_changed_journal_gives_new_pngs(sample_copy, draws):
    first = reporting.keep_pngs(sample_copy, dpi=30)
    timeline = first[-1].read_bytes()
    latest = kit.metrics.latest_incident(sample_copy)
    sample_copy.update(latest.model_copy(update={"title": "Edited", "events": []}))
    reporting.keep_pngs(kit.Journal(sample_copy.path), dpi=30)
    assert len(draws) == 8
    assert first[-1].read_bytes() != timeline  # the latest timeline lost its events


@pytest.mark.parametrize("change", ["remove", "edit", "dpi"])
def test_a_missing_or_changed_png_is_drawn_again(sample_copy, draws, change):
    first = reporting.keep_pngs(sample_copy, dpi=30)
    dpi = 30
    if change == "remove":
        first[1].unlink()
    elif change == "edit":
        first[1].write_bytes(b"not a chart")
    else:
        dpi = 40
    again = reporting.keep_pngs(sample_copy, dpi=dpi)
    assert len(draws) == 8
    assert again[1].read_bytes().startswith(b"\x89PNG")


def test_the_sample_keeps_its_own_files(tmp_path, monkeypatch, draws):
    monkeypatch.setenv("KIT_JOURNAL", str(tmp_path / "mine"))
    first = reporting.keep_pngs(kit.Journal.sample(), dpi=30)
    assert all(p.name.startswith("sample-") for p in first)
    assert (tmp_path / "mine" / "charts" / ".sample-pngs.json").exists()
    again = kit.keep_pngs(kit.Journal.sample(), dpi=30)
    assert len(draws) == 4 and list(again) == list(first)
    assert again.note == first.note


def test_an_empty_journal_writes_nothing(tmp_journal, draws):
    saved = reporting.keep_pngs(tmp_journal)
    assert list(saved) == [] and draws == []
