"""The kit's own words pass its own wording check: mechanics, not blame.

Every notebook (markdown and code cells) and every user-facing message is read with
``kit.check_blame``. Blame language may appear in a notebook only as a quoted
counter-example wrapped in strikethrough, ``~~the junior dev forgot~~`` (it renders
crossed out: "not this"); ``kit.blame.check_own_words`` skips those spans. Messages
are shown in widgets, where strikethrough does not render, so they get no such escape.

The notebooks and message files are collected when the tests run, so whatever exists
then is covered.
"""

from __future__ import annotations

import nbformat
import pytest
from helpers import NOTEBOOKS

import kit
from kit.blame import check_own_words

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


def _where(text: str, start: int) -> str:
    line = text.count("\n", 0, start) + 1
    return f"line {line}"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda path: path.name)
def test_notebook_reads_as_mechanics_not_blame(path):
    notebook = nbformat.read(path, as_version=4)
    problems = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type not in {"markdown", "code"}:
            continue
        for finding in check_own_words(cell.source):
            where = _where(cell.source, finding.start)
            problems.append(
                f"cell {number} ({cell.cell_type}), {where}: {finding.phrase!r} "
                f"reads as {finding.category}: {finding.rewrite}"
            )
    assert not problems, (
        f"{path.name}: reword, or wrap a quoted counter-example in ~~...~~\n"
        + "\n".join(problems)
    )


def test_every_message_reads_as_mechanics_not_blame():
    problems = []
    texts = kit.messages.all_texts()
    assert len(texts) > 50  # the messages of every part are collected
    for name, text in texts:
        for finding in check_own_words(text):
            problems.append(
                f"kit.messages.{name}: {finding.phrase!r} reads as {finding.category}"
                f" ({finding.reason}): {finding.rewrite}"
            )
    assert not problems, "\n".join(problems)


def test_the_words_the_check_says_are_among_the_messages():
    names = {name.split("[")[0] for name, _ in kit.messages.all_texts()}
    assert {"BLAME_ANSWERS", "BLAME_GROUP_INTROS", "POSTMORTEM_FORM"} <= names


def test_the_quoting_convention_is_what_lets_a_counter_example_through():
    quoted = "Write ~~the junior dev forgot~~ as mechanics."
    assert check_own_words(quoted) == []
    assert check_own_words(quoted.replace("~~", "")) != []
