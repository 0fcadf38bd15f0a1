"""Safe files: the one race-free way of refusing to replace a file."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from kit.errors import AlreadyExists, SaveFailed
from kit.storage import atomic_write


def test_no_replace_refuses_an_existing_file_and_leaves_it_whole(tmp_path):
    target = tmp_path / "export.csv"
    atomic_write(target, b"first", overwrite=False)
    with pytest.raises(AlreadyExists) as raised:
        atomic_write(target, b"second", overwrite=False)
    assert isinstance(raised.value, SaveFailed)  # callers that catch saves see it
    assert "export.csv" in str(raised.value)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]  # no temp left


def _race(path: str, payload: bytes, start, results) -> None:
    start.wait()
    try:
        atomic_write(Path(path), payload, overwrite=False)
    except AlreadyExists:
        results.put(("refused", payload))
    else:
        results.put(("written", payload))


def test_writers_racing_for_one_name_never_both_win(tmp_path):
    """Eight processes released at once: one file, whole, from exactly one writer."""
    context = multiprocessing.get_context("fork")
    for round_no in range(5):
        target = tmp_path / f"race-{round_no}.csv"
        start = context.Barrier(8)
        results = context.Queue()
        writers = [
            context.Process(
                target=_race,
                args=(str(target), f"w{n}".encode() * 1000, start, results),
            )
            for n in range(8)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(30)
        outcomes = [results.get(timeout=5) for _ in writers]
        winners = [payload for kind, payload in outcomes if kind == "written"]
        assert len(winners) == 1, outcomes
        assert target.read_bytes() == winners[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_replace_keeps_the_old_file_when_the_move_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.yaml"
    atomic_write(target, b"old")

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(SaveFailed, match="a.yaml"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
