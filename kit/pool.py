"""Reading a folder of anonymous exports into one table, file by file, never failing.

Each ``*.csv`` file in the folder (and in one level of sub-folders: on Kubernetes
each person drops into a folder of their own) is checked like the journal checks
incidents. A file is left out whole, and reported with its file, line, column and
fix, when:

- it is too large, unreadable, not UTF-8, empty, or cut short (no final line break);
- its header is not exactly :data:`kit.export.EXPORT_HEADER` (an extra column could
  carry free text);
- a line does not have exactly the export's fields, or holds a quote or a lone
  carriage return (an export has neither: they mean an edit);
- a cell breaks :data:`kit.export.EXPORT_SCHEMA` (:func:`kit.export.rule_breaks`);
- it holds more than one pseudonym, or an incident number twice;
- it repeats a pseudonym, or exactly the incidents, of a file before it: one person
  counts once.

An export is *withdrawn*, and left out without a word about which it was, when a
withdrawal note (``*.withdraw``, holding a receipt; see
:func:`kit.workshop.withdraw`) lies in the same places and the SHA-256 of its receipt
is the export's ``receipt_hash``. A note whose receipt matches no export changes
nothing, so nobody can withdraw another person's file without their receipt.

A bad file never stops the others, and no problem ever quotes a value from a file.
"""

from __future__ import annotations

import operator
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import messages, paths
from ._text import Markdown, md_escape
from .export import (
    EXPORT_COLUMNS,
    EXPORT_HEADER,
    NUMBER_COLUMNS,
    TECHNIQUE_COLUMNS,
    TEXT_COLUMNS,
    WITHDRAWAL_SUFFIX,
    parse_rows,
    receipt_hash,
    rule_breaks,
)
from .privacy import MIN_PEOPLE, count_people

__all__ = [
    "MAX_EXPORT_BYTES",
    "PoolProblem",
    "pool",
    "pool_with_problems",
    "describe_pool",
]

_MAX_NOTE_BYTES = 1_000
MAX_EXPORT_BYTES = 5_000_000
"""The largest export :func:`pool` reads (about 20,000 incidents; a person has far
fewer). Larger files are reported, not read."""

_HEADER = EXPORT_HEADER.encode("ascii")
_SEPARATORS = len(EXPORT_COLUMNS) - 1
_commas = operator.methodcaller("count", b",")
# What a line of an export looks like with all but these four bytes taken out.
_LINE = b"," * _SEPARATORS + b"\n"
_NOT_STRUCTURE = bytes(set(range(256)) - set(b',\n"\r'))
_CELL_PROBLEMS_SHOWN = 3
_SAFE_NAME = re.compile(r"[A-Za-z0-9_.]{1,40}")
# The survey answers' own sub-folder is not an export.
_NOT_EXPORTS = frozenset({"safety"})


@dataclass(frozen=True)
class PoolProblem:
    """One file that could not be used, and why (never quoting its contents).

    ``line`` counts from 1 with the header as line 1; ``column`` is a column of the
    export format. Either is None when the problem concerns the whole file.
    """

    file: str
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.reason


# --- one file -------------------------------------------------------------------------


def _safe_column_names(names: list[str]) -> list[str]:
    """Column names as shown in a problem: only names that cannot be someone's text."""
    return [name if _SAFE_NAME.fullmatch(name)
            else messages.POOL_ERR_UNNAMED_COLUMN.format(position=position)
            for position, name in enumerate(names, start=1)]


def _header_problem(name: str, first_line: str) -> PoolProblem:
    """Why a header is not the export's header (named columns only when safe)."""
    header = [part.strip().strip('"') for part in first_line.split(",")]
    missing = [c for c in EXPORT_COLUMNS if c not in header]
    extra = [c for c in header if c not in EXPORT_COLUMNS]
    if extra or len(header) != len(set(header)):
        shown = (", ".join(_safe_column_names(extra)) if extra
                 else messages.POOL_ERR_COLUMN_TWICE)
        reason = messages.POOL_ERR_EXTRA_COLUMNS.format(file=name, columns=shown)
    elif missing:
        reason = messages.POOL_ERR_MISSING_COLUMNS.format(
            file=name, columns=", ".join(missing))
    else:
        reason = messages.POOL_ERR_ORDER.format(file=name)
    return PoolProblem(name, reason, 1)


def _rows_of(name: str, raw: bytes) -> tuple[bytes | None, PoolProblem | None]:
    """The rows of one export (its header checked and removed), or why not."""

    def fail(template: str, line: int | None = None):
        return None, PoolProblem(name, template.format(file=name, line=line), line)

    if not raw or raw.isspace():
        return fail(messages.POOL_ERR_EMPTY)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return fail(messages.POOL_ERR_NOT_UTF8)
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n")
    if not raw.endswith(b"\n"):
        return fail(messages.POOL_ERR_TRUNCATED, raw.count(b"\n") + 1)
    header, body = raw.split(b"\n", 1)
    if header != _HEADER:
        return None, _header_problem(name, header.decode("utf-8"))
    if not body or body.isspace():
        return fail(messages.POOL_ERR_NO_ROWS)
    # Each line holds exactly the export's fields, and no quote or lone carriage
    # return (an export has neither). pandas would quietly fill a short line with
    # empty cells, so the fields are counted here: kept alone, the commas, line
    # breaks, quotes and carriage returns of a good file are one pattern, line after
    # line. Only a file that breaks it is read line by line, to name the line.
    if body.translate(None, _NOT_STRUCTURE) != _LINE * body.count(b"\n"):
        lines = body.split(b"\n")[:-1]
        number = next(number for number, line in enumerate(lines, start=2)
                      if _commas(line) != _SEPARATORS or b'"' in line or b"\r" in line)
        return fail(messages.POOL_ERR_PARSE, number)
    return body, None


# --- the folder -----------------------------------------------------------------------


def _typed(big: pd.DataFrame) -> pd.DataFrame:
    """The pooled table in the journal frame's types, ``format`` and ``receipt_hash``
    dropped (ratings are bands, as text)."""
    columns = {}
    for name in EXPORT_COLUMNS[1:]:
        if name == "receipt_hash":
            continue
        if name in TEXT_COLUMNS:  # categories to plain text, a missing cell to None
            values = pd.Categorical(big[name])
            lookup = np.array([*values.categories, None], dtype=object)
            # copy=False: the frame below copies every column into its block once
            columns[name] = pd.Series(lookup[values.codes], dtype=object, copy=False)
            continue
        column = big[name].to_numpy()
        if name == "incident_no":
            columns[name] = column.astype("int64")
        elif name in TECHNIQUE_COLUMNS:
            columns[name] = column == 1
        else:
            columns[name] = column.astype("float64")
    techniques = np.column_stack([columns[name] for name in TECHNIQUE_COLUMNS])
    columns["n_techniques"] = techniques.sum(axis=1).astype("int64")
    return pd.DataFrame(columns)


def _empty_pool() -> pd.DataFrame:
    return _typed(pd.DataFrame({name: pd.Series(dtype="float64")
                                for name in EXPORT_COLUMNS}))


def _cell_problem(name: str, line: int, column: str, fix: str) -> PoolProblem:
    reason = messages.POOL_ERR_CELL.format(file=name, line=line, column=column,
                                           fix=messages.POOL_CELL_FIXES[fix])
    return PoolProblem(name, reason, line, column)


def _pool_files(items: list[tuple[str, bytes]], withdrawn: frozenset[str] = frozenset()
                ) -> tuple[pd.DataFrame, list[PoolProblem]]:
    """Check and pool exports given as (name shown, bytes), in the order given.

    Files whose ``receipt_hash`` is in ``withdrawn`` are left out silently;
    ``.attrs["withdrawn"]`` counts them.
    """
    problems: list[PoolProblem] = []
    names: list[str] = []
    bodies: list[bytes] = []
    for name, raw in items:
        body, problem = _rows_of(name, raw)
        if body is not None:
            names.append(name)
            bodies.append(body)
        elif problem is not None:
            problems.append(problem)
    if not bodies:
        empty = _empty_pool()
        empty.attrs["withdrawn"] = 0
        return empty, problems

    # Every line has been counted, so one parse of all the rows keeps each row's
    # file and line: reading 1,000 small files one by one costs about as much again.
    rows = np.array([body.count(b"\n") for body in bodies])
    big, not_numbers = parse_rows(b"".join(bodies))
    files = np.repeat(np.arange(len(bodies)), rows)
    lines = np.arange(len(big)) - np.repeat(np.cumsum(rows) - rows, rows) + 2
    big["_file"] = files

    rejected: dict[int, list[PoolProblem]] = {}

    def reject(row: int, column: str, fix: str) -> None:
        file_no = int(files[row])
        rejected.setdefault(file_no, []).append(
            _cell_problem(names[file_no], int(lines[row]), column, fix))

    for row, index in zip(*np.nonzero(not_numbers), strict=True):
        reject(int(row), NUMBER_COLUMNS[index], "not_a_number")
    breaks = rule_breaks(big)
    repeated = big.duplicated(["_file", "incident_no"]).to_numpy()
    if repeated.any():
        breaks.append((repeated, "incident_no", "incident_no"))
    for bad, column, fix in breaks:
        if column in NUMBER_COLUMNS:  # a cell that is not a number is named once
            bad = bad & ~not_numbers[:, NUMBER_COLUMNS.index(column)]
        for row in np.flatnonzero(bad):
            reject(int(row), column, fix)
    per_file = big.groupby("_file")["pseudonym"]
    mixed = per_file.nunique(dropna=False)
    for file_no in mixed.index[mixed.to_numpy() > 1]:
        reason = messages.POOL_ERR_MIXED_PSEUDONYMS.format(file=names[file_no])
        rejected.setdefault(int(file_no), []).insert(
            0, PoolProblem(names[file_no], reason, None, "pseudonym"))

    # A withdrawn file goes before anything else is compared, so a fresh export of the
    # same incidents is not mistaken for a repeat of it.
    gone = set()
    if withdrawn:
        hit = big["receipt_hash"].isin(withdrawn).to_numpy()
        gone = {int(file_no) for file_no in np.unique(files[hit])}
        for file_no in gone:
            rejected.pop(file_no, None)

    # One person counts once: the same pseudonym twice, or the very same incidents
    # under two pseudonyms (one person who exported twice). The first file is kept.
    content = big.drop(columns=["pseudonym", "_file", "receipt_hash"])
    row_keys = pd.util.hash_pandas_object(content, index=False).to_numpy()
    # A file's rows are consecutive: its incidents are its slice of row fingerprints.
    incidents_of = [part.tobytes() for part in np.split(row_keys, np.cumsum(rows)[:-1])]
    pseudonym_of = per_file.first()
    seen_name: dict[object, int] = {}
    seen_content: dict[bytes, int] = {}
    for file_no in range(len(names)):
        if file_no in rejected or file_no in gone:
            continue
        pseudonym, incidents = pseudonym_of[file_no], incidents_of[file_no]
        if pseudonym in seen_name:
            reason = messages.POOL_ERR_DUPLICATE_PSEUDONYM.format(
                file=names[file_no], other=names[seen_name[pseudonym]])
            rejected[file_no] = [PoolProblem(names[file_no], reason, None, "pseudonym")]
        elif incidents in seen_content:
            reason = messages.POOL_ERR_DUPLICATE_CONTENT.format(
                file=names[file_no], other=names[seen_content[incidents]])
            rejected[file_no] = [PoolProblem(names[file_no], reason)]
        else:
            seen_name[pseudonym] = file_no
            seen_content[incidents] = file_no

    for file_no in sorted(rejected):
        listed = rejected[file_no]
        problems.extend(listed[:_CELL_PROBLEMS_SHOWN])
        if len(listed) > _CELL_PROBLEMS_SHOWN:
            reason = messages.POOL_ERR_MORE.format(
                file=names[file_no], n=len(listed) - _CELL_PROBLEMS_SHOWN)
            problems.append(PoolProblem(names[file_no], reason))
    if rejected or gone:
        big = big.loc[~np.isin(files, [*rejected, *gone])]
    pooled = _typed(big)
    pooled.attrs["withdrawn"] = len(gone)
    return pooled, problems


def _export_files(folder: Path, suffix: str = ".csv") -> list[tuple[str, str]]:
    """The folder's files ending in ``suffix`` and those one sub-folder down, as (name
    shown, path), ordered as their paths are (folder by folder, then by name)."""
    with os.scandir(folder) as entries:
        top = list(entries)
    found = [([entry.name], entry.path) for entry in top if _is_export(entry, suffix)]
    for place in sorted(
        entry.name for entry in top
        if entry.is_dir() and not entry.name.startswith(".")
        and entry.name not in _NOT_EXPORTS
    ):
        with os.scandir(os.path.join(folder, place)) as entries:
            found += [([place, entry.name], entry.path) for entry in entries
                      if _is_export(entry, suffix)]
    found.sort(key=operator.itemgetter(0))  # as Path objects sort: part by part
    return [("/".join(parts), path) for parts, path in found]


def _is_export(entry: os.DirEntry, suffix: str) -> bool:
    name = entry.name
    return (name.lower().endswith(suffix) and not name.startswith(".")
            and entry.is_file())


def pool_with_problems(folder) -> tuple[pd.DataFrame, list[PoolProblem]]:
    """Read and check every export in ``folder``; see :func:`pool`.

    Returns
    -------
    (pandas.DataFrame, list of PoolProblem)
        The pooled incidents of every good export, and one or more problems for
        every file that was left out, sorted by file.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        reason = messages.POOL_ERR_NO_FOLDER.format(folder=folder)
        return _empty_pool(), [PoolProblem(folder.name, reason)]
    problems: list[PoolProblem] = []
    items: list[tuple[str, bytes]] = []
    try:
        found_files = _export_files(folder)
    except OSError as error:  # a drop folder that this account may write, not list
        reason = messages.POOL_ERR_NOT_LISTABLE.format(
            folder=folder, kind=error.strerror or type(error).__name__)
        return _empty_pool(), [PoolProblem(folder.name, reason)]
    for shown, path in found_files:
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_EXPORT_BYTES + 1)
                size = os.fstat(handle.fileno()).st_size if len(raw) > \
                    MAX_EXPORT_BYTES else len(raw)
        except OSError as error:
            kind = error.strerror or type(error).__name__
            reason = messages.POOL_ERR_UNREADABLE.format(file=shown, kind=kind)
            problems.append(PoolProblem(shown, reason))
            continue
        if size > MAX_EXPORT_BYTES:
            reason = messages.POOL_ERR_TOO_LARGE.format(file=shown, size=size,
                                                        cap=MAX_EXPORT_BYTES)
            problems.append(PoolProblem(shown, reason))
        else:
            items.append((shown, raw))
    data, found = _pool_files(items, _withdrawn(folder))
    problems = sorted(problems + found, key=lambda problem: problem.file)
    return data, problems


def _withdrawn(folder: Path) -> frozenset[str]:
    """The receipt hashes of every withdrawal note in the folder (unreadable or
    oversized notes are skipped: a note can only ever remove, never add)."""
    hashes = set()
    try:
        notes = _export_files(folder, WITHDRAWAL_SUFFIX)
    except OSError:
        return frozenset()
    for _, path in notes:
        try:
            with open(path, "rb") as handle:
                raw = handle.read(_MAX_NOTE_BYTES + 1)
        except OSError:
            continue
        if len(raw) > _MAX_NOTE_BYTES:
            continue
        text = raw.decode("utf-8", errors="replace").strip()
        if text:
            hashes.add(receipt_hash(text))
    return frozenset(hashes)


def pool(folder=None) -> pd.DataFrame:
    """Every valid export in ``folder``, pooled into one DataFrame.

    Each ``*.csv`` file is checked against the export format
    (:data:`kit.export.EXPORT_SCHEMA`): exactly its columns, types, ranges,
    vocabularies and time order. A bad file is left out whole and reported with its
    file, line, column and fix; it never stops the others. Files larger than
    :data:`MAX_EXPORT_BYTES` are not read.

    Parameters
    ----------
    folder : str or Path, optional
        The workshop's folder of exports (and one level of sub-folders; other files
        are ignored). Default: the workshop folder of a team server
        (:func:`kit.paths.pool_folder`), else the synthetic sample team
        (:func:`kit.paths.team_sample`).

    Returns
    -------
    pandas.DataFrame
        One row per incident: ``pseudonym``, ``incident_no`` and the export's other
        columns in the journal frame's types, plus ``n_techniques``. Problems are in
        ``.attrs["problems"]`` (a list of :class:`PoolProblem`), the number of files
        used in ``.attrs["files"]``, the folder in ``.attrs["folder"]`` and whether it
        is the sample in ``.attrs["is_sample"]``.

    Examples
    --------
    >>> import kit
    >>> team = kit.team.pool()  # the synthetic sample team
    >>> team["pseudonym"].nunique() >= kit.team.MIN_PEOPLE
    True
    """
    if folder is None:
        folder = paths.pool_folder()
    is_sample = folder is None
    folder = paths.team_sample() if is_sample else Path(folder).expanduser()
    data, problems = pool_with_problems(folder)
    data.attrs["problems"] = problems
    data.attrs["files"] = count_people(data)
    data.attrs["folder"] = str(folder)
    data.attrs["is_sample"] = is_sample
    data.attrs.setdefault("withdrawn", 0)
    return data


def describe_pool(data: pd.DataFrame) -> Markdown:
    """A kind summary of a pool: who and what is in it, and each file left out.

    Returns Markdown (shown as such in Jupyter); file and folder names are escaped.
    """
    problems = data.attrs.get("problems", [])
    people = count_people(data)
    text = messages.POOL_IS_SAMPLE + " " if data.attrs.get("is_sample") else ""
    if len(data):
        text += messages.POOL_SUMMARY.format(
            files=data.attrs.get("files", people), people=people, incidents=len(data))
    else:
        text += messages.POOL_EMPTY.format(  # a folder name is typed text: escape it
            folder=md_escape(data.attrs.get("folder", ""), inline=True))
    if data.attrs.get("withdrawn"):
        text += " " + messages.POOL_WITHDRAWN.format(n=data.attrs["withdrawn"])
    if people and people < MIN_PEOPLE:
        text += "\n\n" + messages.SUPPRESSED_TOTAL.format(
            people=people, min_people=MIN_PEOPLE)
    if problems:
        files = {problem.file for problem in problems}
        text += "\n\n" + messages.POOL_PROBLEMS_INTRO.format(n=len(files)) + "\n"
        text += "".join(f"\n- {md_escape(problem.reason, inline=True)}"
                        for problem in problems)
        text += "\n\n" + messages.POOL_PROBLEMS_CLOSE
    return Markdown(text)
