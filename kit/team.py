"""Working with other people: anonymous exports, the pooled team view, minimum group
sizes, and the helpers for a mentor walkthrough.

The one-way flow is ``Journal`` -> :func:`export_anonymous` (allow-listed columns, no
free text) -> a pool folder -> :func:`pool` (validated DataFrame) -> aggregates that
count distinct people and hide any group of fewer than :data:`MIN_PEOPLE`.

The export format
-----------------
One CSV file per person and workshop, named ``<pseudonym>.csv``, holding exactly
:data:`EXPORT_COLUMNS` in that order, one row per *finished* incident. CSV because it
is one flat table that the person can open in any text editor to see every value that
leaves before handing it over; it executes nothing and cannot nest (no YAML bombs); and
pandas' C parser reads it fast, which matters when a facilitator pools many files.

- ``format`` is :data:`EXPORT_FORMAT` on every row, so a future kit can tell versions
  apart; ``pseudonym`` is the same on every row.
- ``incident_no`` numbers the finished incidents 1, 2, ... in alert order. Exact dates,
  ids (which hold a date and a slug of the title), titles, services, events, notes,
  post-mortems and reflections never leave. Durations are minutes from the alert,
  rounded to half a minute.
- Drafts are *excluded*: a draft has no first action and no severity yet, and the person
  has not finished deciding what it says. The preview (:func:`export_preview`) shows
  exactly what would leave.
- Techniques are written 1 or 0; optional ratings are empty when not given.

The pseudonym is drawn with :mod:`secrets` from readable word lists at each export (so
two workshops never share one), unless the person chooses one. It is not derived from
anything about the person, so no hash of a name can match it.

Minimum group sizes and complementary suppression
-------------------------------------------------
Every aggregate counts *distinct people*. A group is shown only when at least
:data:`MIN_PEOPLE` people contribute to it; when fewer than that many people are in the
pool at all, every team figure (and the per-person panels) is hidden, with a message.
When a group of a breakdown is hidden, further groups are hidden, smallest first (by
people, then incidents, then label), until the hidden groups *together* involve at least
:data:`MIN_PEOPLE` people. Then "total minus the shown groups" only ever recovers the
hidden groups combined, which is itself a group of five or more people. Each table is
protected on its own; the kit shows no cross-tabulations that could be combined.
"""

from __future__ import annotations

import html
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import messages
from .errors import InvalidExport, NotEnoughData, SaveFailed
from .record import CULTURE_RESPONSES, ROLES, SEVERITIES, SYMPTOMS, TECHNIQUES, WHOSE
from .storage import atomic_write

__all__ = [
    "MIN_PEOPLE",
    "EXPORT_FORMAT",
    "EXPORT_COLUMNS",
    "MAX_EXPORT_BYTES",
    "PSEUDONYM_PATTERN",
    "PoolProblem",
    "new_pseudonym",
    "export_preview",
    "export_anonymous",
    "pool",
    "pool_with_problems",
    "sample_folder",
    "describe_pool",
    "show",
    "suppression_rule",
    "count_people",
    "breakdown",
    "note",
    "systemic_share",
    "technique_comparison",
    "by_incident_number",
    "small_multiples_chart",
    "incident_number_chart",
    "systemic_share_chart",
    "techniques_chart",
    "beside_sample",
    "attribution",
    "attribution_table",
    "mentor_agenda",
    "mentor_questions",
    "workshop_prompts",
]

MIN_PEOPLE = 5
"""The fewest distinct people behind any team figure."""

EXPORT_FORMAT = 1
"""The version of the export format, written on every row."""

MAX_EXPORT_BYTES = 5_000_000
"""The largest export :func:`pool` reads (about 20,000 incidents; a person has far
fewer). Larger files are reported, not read."""

PSEUDONYM_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
_PSEUDONYM_RE = re.compile(PSEUDONYM_PATTERN)
_PSEUDONYM_LENGTH = (3, 40)

_DURATIONS = (
    "panic_to_action_min",
    "to_broadcast_min",
    "to_escalate_min",
    "to_mitigate_min",
    "to_resolve_min",
)
_SYMPTOM_COLUMNS = tuple(f"symptom_{name}" for name in SYMPTOMS)
_TECHNIQUE_COLUMNS = tuple(f"technique_{name}" for name in TECHNIQUES)

EXPORT_COLUMNS: tuple[str, ...] = (
    "format",
    "pseudonym",
    "incident_no",
    "severity",
    "role",
    "whose",
    *_DURATIONS,
    "distress_peak",
    "clarity_next_step",
    *_SYMPTOM_COLUMNS,
    *_TECHNIQUE_COLUMNS,
    "culture_response",
    "culture_safety",
)
"""The allow-list: every column an export holds, in order, and nothing else."""

_TEXT_COLUMNS = ("pseudonym", "severity", "role", "whose", "culture_response")
_NUMBER_COLUMNS = tuple(c for c in EXPORT_COLUMNS if c not in _TEXT_COLUMNS)
_READ_DTYPES = {
    **{name: object for name in _TEXT_COLUMNS},
    **{name: "float64" for name in _NUMBER_COLUMNS},
}
_MAX_MINUTES = 30 * 24 * 60
_CELL_PROBLEMS_SHOWN = 3

# Validation rules: column -> (kind, fix key). Kinds are checked vectorised in _checks.
_VOCABULARIES = {
    "severity": (SEVERITIES, True),
    "role": (ROLES, True),
    "whose": (WHOSE, True),
    "culture_response": (CULTURE_RESPONSES, False),
}
# column -> (low, high, step, required, fix key)
_RANGES = {
    "format": (EXPORT_FORMAT, EXPORT_FORMAT, 1, True, "format"),
    "incident_no": (1, 1_000_000, 1, True, "incident_no"),
    "panic_to_action_min": (0, _MAX_MINUTES, None, True, "panic_to_action_min"),
    **{n: (0, _MAX_MINUTES, None, False, "duration") for n in _DURATIONS[1:]},
    "distress_peak": (0, 10, 1, False, "distress_peak"),
    "clarity_next_step": (0, 100, 10, False, "clarity_next_step"),
    **{n: (0, 10, 1, True, "symptom") for n in _SYMPTOM_COLUMNS},
    **{n: (0, 1, 1, True, "technique") for n in _TECHNIQUE_COLUMNS},
    "culture_safety": (1, 5, 1, False, "culture_safety"),
}
# Durations in the order the record enforces (a later one is never shorter).
_ORDERED = ("panic_to_action_min", "to_mitigate_min", "to_resolve_min")


class _Markdown(str):
    """A string that Jupyter shows as Markdown (and tests read as plain text)."""

    def _repr_markdown_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class PoolProblem:
    """One export that could not be pooled, and why (never quoting its contents).

    ``line`` counts from 1 with the header as line 1; ``column`` is a column of the
    export format. Either is None when the problem concerns the whole file.
    """

    file: str
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.reason


# --- export ---------------------------------------------------------------------------


def new_pseudonym() -> str:
    """A random, readable pseudonym such as ``amber-heron-42`` (drawn with ``secrets``).

    About 180,000 combinations; a fresh one is drawn for every export, so two workshops
    never link the same person. Nothing about the person goes in.
    """
    colour = secrets.choice(messages.PSEUDONYM_COLOURS)
    nature = secrets.choice(messages.PSEUDONYM_NATURE)
    return f"{colour}-{nature}-{10 + secrets.randbelow(90)}"


def _valid_pseudonym(name: object) -> bool:
    low, high = _PSEUDONYM_LENGTH
    return (
        isinstance(name, str)
        and low <= len(name) <= high
        and _PSEUDONYM_RE.match(name) is not None
    )


def _export_frame(frame: pd.DataFrame, pseudonym: str) -> pd.DataFrame:
    """The allow-listed export of a journal frame (finished incidents only)."""
    finished = frame.loc[~frame["draft"].astype(bool)]
    n = len(finished)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    out["format"] = EXPORT_FORMAT
    out["pseudonym"] = pseudonym
    out["incident_no"] = np.arange(1, n + 1, dtype="int64")
    for name in ("severity", "role", "whose"):
        out[name] = finished[name].to_numpy(dtype=object)
    for name in _DURATIONS:
        # Half-minute rounding: enough for a learning curve, less exact for matching.
        out[name] = (finished[name].to_numpy(dtype="float64") * 2).round() / 2
    for name in ("distress_peak", "clarity_next_step"):
        out[name] = pd.array(finished[name].to_numpy(dtype="float64"), dtype="Int64")
    for name in _SYMPTOM_COLUMNS:
        out[name] = finished[name].to_numpy(dtype="int64")
    for name in _TECHNIQUE_COLUMNS:
        out[name] = finished[name].to_numpy(dtype=bool).astype("int64")
    culture = finished["culture_response"].to_numpy(dtype=object)
    out["culture_response"] = [value if isinstance(value, str) else None
                               for value in culture]
    out["culture_safety"] = pd.array(
        finished["culture_safety"].to_numpy(dtype="float64"), dtype="Int64"
    )
    return out[list(EXPORT_COLUMNS)]


def _csv_bytes(export: pd.DataFrame) -> bytes:
    """The export as CSV bytes: ``\\n`` line ends, empty cells for missing values."""
    return export.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8")


def export_preview(journal) -> pd.DataFrame:
    """Exactly the table :func:`export_anonymous` would write, to look at first.

    The pseudonym column shows a placeholder: the real one is drawn at export.

    Parameters
    ----------
    journal : kit.Journal
        Your journal (or the sample, to see what an export looks like).

    Returns
    -------
    pandas.DataFrame
        One row per finished incident, the columns of :data:`EXPORT_COLUMNS`.
    """
    return _export_frame(journal.frame(), messages.EXPORT_PREVIEW_PSEUDONYM)


def export_anonymous(journal, folder, pseudonym: str | None = None) -> Path:
    """Write the anonymous export of ``journal`` into ``folder`` and return its path.

    Only :data:`EXPORT_COLUMNS` leave: numbers and fixed categories of the finished
    incidents (drafts stay private). The file is ``<pseudonym>.csv``, written
    atomically, and never replaces an existing file.

    Parameters
    ----------
    journal : kit.Journal
        The journal to export.
    folder : str or Path
        Where the workshop collects exports (created when missing).
    pseudonym : str, optional
        A name of your choosing (lower-case letters, digits, dashes; not your name).
        Default: a new random one, different for every workshop.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    NotEnoughData
        When the journal holds no finished incident.
    InvalidExport
        When the chosen pseudonym is not of the allowed form.
    SaveFailed
        When the file already exists (nothing is overwritten) or cannot be written.

    Examples
    --------
    >>> import kit, tempfile
    >>> path = kit.team.export_anonymous(kit.Journal.sample(), tempfile.mkdtemp())
    >>> path.suffix
    '.csv'
    """
    folder = Path(folder).expanduser()
    if pseudonym is not None and not _valid_pseudonym(pseudonym):
        raise InvalidExport(messages.EXPORT_BAD_PSEUDONYM)
    frame = journal.frame()
    if not (~frame["draft"].astype(bool)).any():
        msg = messages.EXPORT_NOTHING_FINISHED.format(path=journal.path)
        raise NotEnoughData(msg)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = messages.EXPORT_FOLDER_FAILED.format(folder=folder,
                                                   reason=error.strerror)
        raise SaveFailed(msg) from None
    chosen = pseudonym
    for _ in range(50):
        name = chosen or new_pseudonym()
        target = folder / f"{name}.csv"
        if not target.exists():
            break
        if chosen:
            msg = messages.EXPORT_PSEUDONYM_TAKEN.format(
                name=target.name, folder=folder)
            raise SaveFailed(msg)
    data = _csv_bytes(_export_frame(frame, name))
    # Prove the file is one the pool accepts before it leaves.
    _, problems = _pool_bytes([(target.name, data)])
    if problems:
        msg = messages.EXPORT_SELF_CHECK_FAILED.format(reason=problems[0].reason)
        raise InvalidExport(msg)
    # Readable by others (0644): it is meant to be shared, and holds nothing private.
    try:
        atomic_write(target, data, mode=0o640, overwrite=False)  # not world-readable
    except SaveFailed:
        if target.exists():
            msg = messages.EXPORT_PSEUDONYM_TAKEN.format(
                name=target.name, folder=folder)
            raise SaveFailed(msg) from None
        raise
    return target


# --- pooling --------------------------------------------------------------------------


def _empty_pool() -> pd.DataFrame:
    return _typed(pd.DataFrame({name: pd.Series(dtype="float64")
                                for name in EXPORT_COLUMNS}))


def _typed(big: pd.DataFrame) -> pd.DataFrame:
    """The pooled frame in the journal frame's types, ``format`` dropped."""
    out = pd.DataFrame(index=pd.RangeIndex(len(big)))
    for name in EXPORT_COLUMNS[1:]:
        column = big[name].to_numpy()
        if name in _TEXT_COLUMNS:
            out[name] = pd.Series(column, dtype=object).where(
                pd.notna(column), None)
        elif name == "incident_no" or name in _SYMPTOM_COLUMNS:
            out[name] = column.astype("int64")
        elif name in _TECHNIQUE_COLUMNS:
            out[name] = column == 1
        else:
            out[name] = column.astype("float64")
    out["n_techniques"] = out[list(_TECHNIQUE_COLUMNS)].sum(axis=1).astype("int64")
    return out


def _safe_column_names(names: list[str]) -> list[str]:
    """Column names as shown in a problem: only names that cannot be someone's text."""
    shown = []
    for position, name in enumerate(names, start=1):
        if re.fullmatch(r"[A-Za-z0-9_.]{1,40}", name):
            shown.append(name)
        else:
            shown.append(messages.POOL_ERR_UNNAMED_COLUMN.format(position=position))
    return shown


_HEADER = (",".join(EXPORT_COLUMNS) + "\n").encode("ascii")
_SEPARATORS = len(EXPORT_COLUMNS) - 1


def _header_problem(name: str, first_line: bytes) -> PoolProblem:
    """Why a header is not the export's header (named columns only when safe)."""
    header = [part.strip().strip('"') for part in
              first_line.decode("utf-8").rstrip("\r").split(",")]
    missing = [c for c in EXPORT_COLUMNS if c not in header]
    extra = [c for c in header if c not in EXPORT_COLUMNS]
    if extra or len(header) != len(set(header)):
        shown = ", ".join(_safe_column_names(extra)) if extra else "a column twice"
        reason = messages.POOL_ERR_EXTRA_COLUMNS.format(file=name, columns=shown)
    elif missing:
        reason = messages.POOL_ERR_MISSING_COLUMNS.format(
            file=name, columns=", ".join(missing))
    else:
        reason = messages.POOL_ERR_ORDER.format(file=name)
    return PoolProblem(name, reason, 1)


def _file_body(name: str, raw: bytes) -> tuple[bytes | None, PoolProblem | None]:
    """The rows of one export (header removed), or the whole-file problem."""

    def fail(template: str, line: int | None = None, **fields):
        return None, PoolProblem(name, template.format(file=name, line=line, **fields),
                                 line)

    if not raw.strip():
        return fail(messages.POOL_ERR_EMPTY)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return fail(messages.POOL_ERR_NOT_UTF8)
    raw = raw.replace(b"\r\n", b"\n")
    if not raw.endswith(b"\n"):
        return fail(messages.POOL_ERR_TRUNCATED, raw.count(b"\n") + 1)
    end = raw.index(b"\n") + 1
    if raw[:end] != _HEADER:
        return None, _header_problem(name, raw[: end - 1])
    body = raw[end:]
    if not body.strip():
        return fail(messages.POOL_ERR_NO_ROWS)
    if b'"' in body:
        # An export is never quoted; quotes mean an edit, and could hide a line break.
        line = raw[: raw.index(b'"')].count(b"\n") + 1
        return fail(messages.POOL_ERR_PARSE, line)
    return body, None


def _bad_lines(bodies: list[bytes]) -> dict[int, int]:
    """For each body with a line of the wrong number of fields: its first such line
    (counted in the file, the header being line 1).

    A body whose commas add up to exactly the separators its lines need is passed
    over: a line short of a field would then need another with one too many, which
    the CSV parser refuses anyway (and the careful one-file-at-a-time path reports).
    Only the bodies that do not add up are searched line by line.
    """
    suspects = [
        number for number, body in enumerate(bodies)
        if body.count(b",") != body.count(b"\n") * _SEPARATORS
    ]
    if not suspects:
        return {}
    found = _bad_lines_in([bodies[number] for number in suspects])
    return {suspects[number]: line for number, line in found.items()}


def _bad_lines_in(bodies: list[bytes]) -> dict[int, int]:
    """The line-by-line search of :func:`_bad_lines`, vectorised over all bodies."""
    rows = np.array([body.count(b"\n") for body in bodies])
    buffer = np.frombuffer(b"".join(bodies), dtype=np.uint8)
    newlines = np.flatnonzero(buffer == 10)
    commas = np.flatnonzero(buffer == 44)
    # Commas per line: where each line break falls among the sorted comma positions
    # (one pass and a binary search; far quicker than a segmented sum). The last
    # line runs to the end of the buffer.
    ends = np.concatenate([[0], np.searchsorted(commas, newlines[:-1]), [len(commas)]])
    per_line = np.diff(ends)
    wrong = np.flatnonzero(per_line != _SEPARATORS)
    if not len(wrong):
        return {}
    starts = np.concatenate([[0], np.cumsum(rows)[:-1]])
    owner = np.searchsorted(np.cumsum(rows), wrong, side="right")
    found: dict[int, int] = {}
    for line, body_no in zip(wrong, owner, strict=True):
        found.setdefault(int(body_no), int(line - starts[body_no]) + 2)
    return found


def _parse(data: bytes, dtypes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=dtypes, encoding="utf-8", engine="c",
                       skip_blank_lines=False, on_bad_lines="error")


def _parse_all(bodies: list[bytes]) -> tuple[pd.DataFrame, np.ndarray | None]:
    """One parse of every body; where a number column holds text, also the mask of
    the cells that are not numbers (``None`` when all parsed)."""
    data = _HEADER + b"".join(bodies)
    # Number columns are left to the parser's own inference (whole numbers parse much
    # faster than when forced to float); any column that did not come out as numbers
    # sends everything down the careful path below.
    try:
        frame = _parse(data, {name: object for name in _TEXT_COLUMNS})
    except ValueError:
        frame = None
    if frame is not None and all(
        frame[name].dtype.kind in "iuf" for name in _NUMBER_COLUMNS
    ):
        for name in _NUMBER_COLUMNS:
            frame[name] = frame[name].astype("float64")
        return frame, None
    # Slow path, only when some file has text in a number column: find those cells.
    frame = _parse(data, object)
    not_numbers = np.zeros((len(frame), len(_NUMBER_COLUMNS)), dtype=bool)
    for index, column in enumerate(_NUMBER_COLUMNS):
        values = frame[column]
        numbers = pd.to_numeric(values, errors="coerce")
        not_numbers[:, index] = (values.notna() & numbers.isna()).to_numpy()
        frame[column] = numbers.astype("float64")
    return frame, not_numbers


def _checks(big: pd.DataFrame) -> list[tuple[np.ndarray, str, str]]:
    """Every broken rule as (bad-row mask, column, fix key), computed per column."""
    found = []
    for column, (vocabulary, required) in _VOCABULARIES.items():
        values = big[column]
        bad = ~values.isin(vocabulary).to_numpy()
        if not required:
            bad &= values.notna().to_numpy()
        if bad.any():
            found.append((bad, column, column))
    for column, (low, high, step, required, fix) in _RANGES.items():
        values = big[column].to_numpy(dtype="float64")
        missing = np.isnan(values)
        with np.errstate(invalid="ignore"):
            ok = (values >= low) & (values <= high)
            if step is not None:
                ok &= np.mod(values, step) == 0
        bad = ~ok & ~missing if not required else ~ok
        if bad.any():
            found.append((bad, column, fix))
    ordered = [big[c].to_numpy(dtype="float64") for c in _ORDERED]
    for earlier, later, column in zip(ordered, ordered[1:], _ORDERED[1:], strict=False):
        with np.errstate(invalid="ignore"):
            bad = later < earlier  # NaN compares False: unknown times are not checked
        if bad.any():
            found.append((bad, column, "order"))
    names = big["pseudonym"]
    valid_names = {value: _valid_pseudonym(value) for value in names.unique()}
    bad = ~names.map(valid_names).to_numpy(dtype=bool)
    if bad.any():
        found.append((bad, "pseudonym", "pseudonym"))
    bad = big.duplicated(["_file", "incident_no"]).to_numpy()
    if bad.any():
        found.append((bad, "incident_no", "incident_no"))
    return found


def _pool_bytes(items: list[tuple[str, bytes]]
                ) -> tuple[pd.DataFrame, list[PoolProblem]]:
    """Validate and pool exports given as (file name, bytes); see :func:`pool`."""
    problems: list[PoolProblem] = []
    names: list[str] = []
    bodies: list[bytes] = []
    for name, raw in items:
        body, problem = _file_body(name, raw)
        if problem is not None:
            problems.append(problem)
        else:
            names.append(name)
            bodies.append(body)
    if bodies:
        broken = _bad_lines(bodies)
        for body_no, line in sorted(broken.items()):
            problems.append(PoolProblem(names[body_no], messages.POOL_ERR_PARSE.format(
                file=names[body_no], line=line), line))
        if broken:
            keep = [i for i in range(len(bodies)) if i not in broken]
            names = [names[i] for i in keep]
            bodies = [bodies[i] for i in keep]
    if not bodies:
        problems.sort(key=lambda p: p.file)
        return _empty_pool(), problems

    big, not_numbers = _parse_all(bodies)
    rows = np.array([body.count(b"\n") for body in bodies])
    files = np.repeat(np.arange(len(bodies)), rows)
    starts = np.repeat(np.cumsum(rows) - rows, rows)
    lines = np.arange(len(files)) - starts + 2
    big["_file"] = files
    big["_line"] = lines

    rejected: dict[int, list[PoolProblem]] = {}

    def reject(row: int, column: str, fix: str) -> None:
        file_no = int(files[row])
        rejected.setdefault(file_no, []).append(PoolProblem(
            names[file_no],
            messages.POOL_ERR_CELL.format(file=names[file_no], line=int(lines[row]),
                                          column=column,
                                          fix=messages.POOL_CELL_FIXES[fix]),
            int(lines[row]), column))

    if not_numbers is not None:
        for row, index in zip(*np.nonzero(not_numbers), strict=True):
            reject(int(row), _NUMBER_COLUMNS[index], "not_a_number")
    for bad, column, fix in _checks(big):
        if not_numbers is not None and column in _NUMBER_COLUMNS:
            bad = bad & ~not_numbers[:, _NUMBER_COLUMNS.index(column)]
        for row in np.flatnonzero(bad):
            reject(int(row), column, fix)
    mixed = big.groupby("_file")["pseudonym"].nunique(dropna=False)
    for file_no in mixed.index[mixed.to_numpy() > 1]:
        reason = messages.POOL_ERR_MIXED_PSEUDONYMS.format(file=names[file_no])
        rejected.setdefault(int(file_no), []).insert(
            0, PoolProblem(names[file_no], reason, None, "pseudonym"))

    # One person counts once: the same pseudonym, or the very same incidents, twice.
    content = big.drop(columns=["pseudonym", "_file", "_line"])
    row_hash = pd.util.hash_pandas_object(content, index=False).to_numpy()
    mixed_hash = row_hash * np.uint64(0x9E3779B97F4A7C15) ^ (row_hash >> np.uint64(29))
    by_file = pd.DataFrame({"f": files, "a": row_hash, "b": mixed_hash}).groupby("f")
    sums = by_file.sum()  # uint64 sums wrap around: fine for a fingerprint
    prints = {int(f): (int(rows[f]), int(a), int(b))
              for f, a, b in zip(sums.index, sums["a"], sums["b"], strict=True)}
    first_name = big.groupby("_file")["pseudonym"].first()
    seen_name: dict[object, int] = {}
    seen_content: dict[tuple, int] = {}
    for file_no in range(len(names)):
        if file_no in rejected:
            continue
        pseudonym = first_name.get(file_no)
        if pseudonym in seen_name:
            reason = messages.POOL_ERR_DUPLICATE_PSEUDONYM.format(
                file=names[file_no], other=names[seen_name[pseudonym]])
            rejected[file_no] = [PoolProblem(names[file_no], reason, None, "pseudonym")]
            continue
        if prints[file_no] in seen_content:
            other = names[seen_content[prints[file_no]]]
            reason = messages.POOL_ERR_DUPLICATE_CONTENT.format(
                file=names[file_no], other=other)
            rejected[file_no] = [PoolProblem(names[file_no], reason)]
            continue
        seen_name[pseudonym] = file_no
        seen_content[prints[file_no]] = file_no

    for file_no in sorted(rejected):
        listed = rejected[file_no]
        problems.extend(listed[:_CELL_PROBLEMS_SHOWN])
        if len(listed) > _CELL_PROBLEMS_SHOWN:
            reason = messages.POOL_ERR_MORE.format(
                file=names[file_no], n=len(listed) - _CELL_PROBLEMS_SHOWN)
            problems.append(PoolProblem(names[file_no], reason))
    if rejected:
        big = big.loc[~np.isin(files, list(rejected))]
    problems.sort(key=lambda p: p.file)
    return _typed(big), problems


def pool_with_problems(folder) -> tuple[pd.DataFrame, list[PoolProblem]]:
    """Read and validate every export in ``folder``; see :func:`pool`.

    Returns
    -------
    (pandas.DataFrame, list of PoolProblem)
        The pooled incidents of every good export, and one or more problems for
        every file that was left out.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        reason = messages.POOL_ERR_NO_FOLDER.format(folder=folder)
        return _empty_pool(), [PoolProblem(folder.name, reason)]
    # The folder itself and one level of sub-folders (one per person on Kubernetes);
    # the survey answers' own ``safety`` sub-folder is not an export.
    places = [folder, *sorted(
        entry for entry in folder.iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and entry.name != "safety"
    )]
    paths = sorted(
        entry for place in places for entry in place.iterdir()
        if entry.suffix.lower() == ".csv" and not entry.name.startswith(".")
        and entry.is_file()
    )
    problems: list[PoolProblem] = []
    items: list[tuple[str, bytes]] = []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_EXPORT_BYTES:
                reason = messages.POOL_ERR_TOO_LARGE.format(
                    file=_shown(folder, path), size=size, cap=MAX_EXPORT_BYTES)
                problems.append(PoolProblem(_shown(folder, path), reason))
                continue
            with open(path, "rb") as handle:
                raw = handle.read(MAX_EXPORT_BYTES + 1)
        except OSError as error:
            kind = error.strerror or type(error).__name__
            reason = messages.POOL_ERR_UNREADABLE.format(
                file=_shown(folder, path), kind=kind)
            problems.append(PoolProblem(_shown(folder, path), reason))
            continue
        items.append((_shown(folder, path), raw))
    try:
        data, found = _pool_bytes(items)
    except Exception:  # never fatal: check files one at a time to find the culprit
        data, found = _pool_one_by_one(items)
    problems.extend(found)
    problems.sort(key=lambda p: p.file)
    return data, problems


def _shown(folder: Path, path: Path) -> str:
    """A file's name as a person finds it: ``name.csv`` or ``sub-folder/name.csv``."""
    return path.as_posix()[len(folder.as_posix()) + 1:]  # relative_to, but quicker


def _pool_one_by_one(items: list[tuple[str, bytes]]
                     ) -> tuple[pd.DataFrame, list[PoolProblem]]:
    """The slow, careful path: each file alone, so one hostile file stops nothing."""
    good: list[tuple[str, bytes]] = []
    problems: list[PoolProblem] = []
    for name, raw in items:
        try:
            _, found = _pool_bytes([(name, raw)])
        except Exception as error:
            reason = messages.POOL_ERR_UNREADABLE.format(
                file=name, kind=type(error).__name__)
            problems.append(PoolProblem(name, reason))
            continue
        if found:
            problems.extend(found)
        else:
            good.append((name, raw))
    data, found = _pool_bytes(good) if good else (_empty_pool(), [])
    return data, problems + found


def pool(folder=None) -> pd.DataFrame:
    """Every valid export in ``folder``, pooled into one DataFrame.

    Each ``*.csv`` file is checked like the journal checks incidents: exactly the
    export's columns (an extra column, which could carry free text, rejects the file),
    types, ranges, vocabularies and time order. A bad file is left out whole and
    reported with its file, line, column and fix; it never stops the others. Files
    larger than :data:`MAX_EXPORT_BYTES` are not read.

    Parameters
    ----------
    folder : str or Path, optional
        The workshop's folder of exports (and one level of sub-folders; other files
        are ignored). Default: the workshop folder set up on a team server
        (``$KIT_WORKSHOP_POOL`` or ``$KIT_WORKSHOP_DROP``, see :mod:`kit.workshop`),
        else the synthetic sample team (:func:`sample_folder`).

    Returns
    -------
    pandas.DataFrame
        One row per incident: ``pseudonym``, ``incident_no`` and the export's other
        columns in the journal frame's types, plus ``n_techniques``. Problems are in
        ``.attrs["problems"]`` (a list of :class:`PoolProblem`) and the number of files
        used in ``.attrs["files"]``.

    Examples
    --------
    >>> import kit
    >>> team = kit.team.pool()  # the synthetic sample team
    >>> team["pseudonym"].nunique() >= kit.team.MIN_PEOPLE
    True
    """
    if folder is None:
        from .workshop import pool_folder

        folder = pool_folder()
    is_sample = folder is None
    folder = sample_folder() if is_sample else Path(folder).expanduser()
    data, problems = pool_with_problems(folder)
    data.attrs["problems"] = problems
    data.attrs["files"] = int(data["pseudonym"].nunique()) if len(data) else 0
    data.attrs["folder"] = str(folder)
    data.attrs["is_sample"] = is_sample
    return data


def sample_folder() -> Path:
    """The synthetic team shipped with the kit, ``data/team-sample``."""
    return Path(__file__).resolve().parent.parent / "data" / "team-sample"


def count_people(data: pd.DataFrame, person: str = "pseudonym") -> int:
    """The number of distinct people in a pooled frame."""
    return int(data[person].nunique()) if len(data) else 0


def describe_pool(data: pd.DataFrame) -> _Markdown:
    """A kind summary of a pool: who and what is in it, and each file left out.

    Returns Markdown (shown as such in Jupyter); file names are escaped.
    """
    problems = data.attrs.get("problems", [])
    people = count_people(data)
    text = messages.POOL_IS_SAMPLE + " " if data.attrs.get("is_sample") else ""
    if len(data):
        text += messages.POOL_SUMMARY.format(
            files=data.attrs.get("files", people), people=people, incidents=len(data))
    else:
        text += messages.POOL_EMPTY.format(  # a folder name is typed text: escape it
            folder=_md_escape(data.attrs.get("folder", "the folder")))
    if people and people < MIN_PEOPLE:
        text += "\n\n" + messages.SUPPRESSED_TOTAL.format(
            people=people, min_people=MIN_PEOPLE)
    if problems:
        files = {problem.file for problem in problems}
        text += "\n\n" + messages.POOL_PROBLEMS_INTRO.format(n=len(files)) + "\n"
        text += "".join(f"\n- {_md_escape(problem.reason)}" for problem in problems)
        text += "\n\n" + messages.POOL_PROBLEMS_CLOSE
    return _Markdown(text)


def _md_escape(text: str) -> str:
    """Escape for Markdown shown as HTML: no tags, no table breaks, no emphasis."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", escaped)


# --- aggregates with minimum group sizes ----------------------------------------------


def _hide(people: dict[object, frozenset], incidents: dict[object, int],
          min_people: int) -> dict[object, str | None]:
    """Which groups to hide and why: None (shown), "few", "complement" or "total"."""
    everyone = frozenset().union(*people.values()) if people else frozenset()
    if len(everyone) < min_people:
        return dict.fromkeys(people, "total")
    why: dict[object, str | None] = {
        group: ("few" if len(members) < min_people else None)
        for group, members in people.items()
    }
    hidden = [group for group, reason in why.items() if reason]
    if not hidden:
        return why
    covered = frozenset().union(*(people[group] for group in hidden))
    candidates = sorted(
        (group for group, reason in why.items() if reason is None),
        key=lambda group: (len(people[group]), incidents[group], str(group)),
    )
    while len(covered) < min_people and candidates:
        group = candidates.pop(0)
        why[group] = "complement"
        covered |= people[group]
    return why


def breakdown(
    data: pd.DataFrame,
    by: str,
    *,
    value: str = "panic_to_action_min",
    stat: str = "median",
    person: str = "pseudonym",
    groups=None,
    labels=None,
    min_people: int = MIN_PEOPLE,
) -> pd.DataFrame:
    """A table of one figure per group, hiding groups with too few people.

    Parameters
    ----------
    data : pandas.DataFrame
        A pooled frame (:func:`pool`).
    by : str
        The column whose values form the groups (``"whose"``, ``"severity"``...).
    value : str
        The column summarised (ignored for ``stat="share"``).
    stat : {"median", "mean", "share"}
        The figure per group; ``"share"`` is the group's share of all incidents.
    person : str
        The column naming the person; distinct values are counted.
    groups : sequence, optional
        Every group to list, in order, including empty ones (default: those present).
    labels : mapping, optional
        Words to show for each group (default: the group's value).
    min_people : int
        The fewest people behind a shown figure (:data:`MIN_PEOPLE`).

    Returns
    -------
    pandas.DataFrame
        One row per group and a last row for the total: ``group``, ``people``,
        ``incidents``, ``value`` (all missing when hidden), ``shown`` and ``why``
        (the reason a figure is hidden, in words). ``.attrs["note"]`` says what is
        hidden and the rule.

    Examples
    --------
    >>> import kit
    >>> team = kit.team.pool()
    >>> table = kit.team.breakdown(team, "severity")
    >>> list(table.columns)
    ['group', 'people', 'incidents', 'value', 'shown', 'why']
    """
    if stat not in {"median", "mean", "share"}:
        msg = f"stat must be median, mean or share, not {stat!r}"
        raise ValueError(msg)
    present = data[by].dropna().unique().tolist()
    order = list(groups) if groups is not None else sorted(present, key=str)
    order += [group for group in present if group not in order]
    people = {group: frozenset() for group in order}
    incidents = dict.fromkeys(order, 0)
    values = dict.fromkeys(order, np.nan)
    total = len(data)
    grouped = data.groupby(by, sort=False)
    for group, part in grouped:
        people[group] = frozenset(part[person].unique())
        incidents[group] = len(part)
        if stat == "share":
            values[group] = len(part) / total if total else np.nan
        else:
            values[group] = getattr(part[value], stat)()
    why = _hide(people, incidents, min_people)
    # Empty groups hold nobody: nothing to hide, nothing to show.
    rows = []
    for group in order:
        reason = why.get(group) if incidents[group] else None
        hidden = reason is not None
        rows.append({
            "group": (labels or {}).get(group, group),
            "people": pd.NA if hidden else len(people[group]),
            "incidents": pd.NA if hidden else incidents[group],
            "value": np.nan if hidden else values[group],
            "shown": not hidden,
            "why": _why_words(reason, min_people),
        })
    everyone = data[person].nunique() if total else 0
    total_hidden = everyone < min_people
    if stat == "share":
        total_value = 1.0 if total else np.nan
    else:
        total_value = getattr(data[value], stat)() if total else np.nan
    rows.append({
        "group": messages.TEAM_TOTAL_LABEL,
        "people": pd.NA if total_hidden else everyone,
        "incidents": pd.NA if total_hidden else total,
        "value": np.nan if total_hidden else total_value,
        "shown": not total_hidden,
        "why": _why_words("total" if total_hidden else None, min_people),
    })
    table = pd.DataFrame(rows, columns=["group", "people", "incidents", "value",
                                        "shown", "why"])
    table["people"] = table["people"].astype("Int64")
    table["incidents"] = table["incidents"].astype("Int64")
    table["value"] = table["value"].astype("float64")
    table.attrs["note"] = _note_text(table, everyone, min_people)
    table.attrs["people"] = int(everyone)
    return table


def _why_words(reason: str | None, min_people: int) -> str:
    if reason is None:
        return ""
    if reason == "complement":
        return messages.SUPPRESSED_COMPLEMENT
    return messages.SUPPRESSED_TOO_FEW.format(min_people=min_people)


def _note_text(table: pd.DataFrame, everyone: int, min_people: int) -> str:
    groups = table.iloc[:-1]
    if not bool(table["shown"].iloc[-1]):
        return messages.NOTE_ALL_HIDDEN.format(people=everyone, min_people=min_people)
    hidden = groups.loc[~groups["shown"]]
    if hidden.empty:
        return messages.NOTE_ALL_SHOWN.format(min_people=min_people)
    reasons = "; ".join(
        f"{group}: {why}"
        for group, why in zip(hidden["group"], hidden["why"], strict=True))
    return messages.NOTE_SOME_HIDDEN.format(
        hidden=len(hidden), groups=len(groups), reasons=reasons, min_people=min_people)


def note(table: pd.DataFrame) -> _Markdown:
    """What a team table hides and why, as Markdown for the notebook."""
    return _Markdown(_md_escape(table.attrs.get("note", "")).replace("\\_", "_"))


def suppression_rule() -> _Markdown:
    """The minimum-group-size rule in words (see the module's docstring)."""
    return _Markdown(messages.SUPPRESSION_RULE.format(min_people=MIN_PEOPLE))


def _cell(column: str, value, unit: str) -> str:
    if value is None or value is pd.NA or (
            isinstance(value, float) and np.isnan(value)):
        return messages.TEAM_HIDDEN_CELL
    if isinstance(value, (bool, np.bool_)):
        if column == "used":
            return messages.TECHNIQUE_USED if value else messages.TECHNIQUE_NOT_USED
        return messages.TEAM_YES if value else messages.TEAM_NO
    if column in {"value", "q1", "median", "q3"} and isinstance(value, (float,
                                                                       np.floating)):
        return f"{value:.0%}" if unit == "share" else f"{value:.1f} min"
    return _md_escape(str(value))


def show(table: pd.DataFrame) -> _Markdown:
    """A team table (:func:`breakdown` and friends) as Markdown, hidden cells marked,
    followed by its note on what is hidden and why."""
    unit = table.attrs.get("unit", "minutes")
    columns = [c for c in table.columns if c != "shown"]
    headers = [messages.TEAM_TABLE_HEADERS.get(c, c) for c in columns]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in table[columns].itertuples(index=False):
        cells = [_cell(column, value, unit) for column, value in
                 zip(columns, row, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return _Markdown("\n".join(lines) + "\n\n" + note(table))


def systemic_share(data: pd.DataFrame) -> pd.DataFrame:
    """The share of all pooled incidents in each ``whose`` category (suppressed).

    See :func:`breakdown`; groups are listed in the record's order.
    """
    table = breakdown(data, "whose", stat="share", groups=WHOSE,
                      labels=messages.TEAM_WHOSE_LABELS)
    table.attrs["unit"] = "share"
    return table


def technique_comparison(data: pd.DataFrame, *, value: str = "panic_to_action_min"
                         ) -> pd.DataFrame:
    """Median panic to action with and without each technique (suppressed per pair).

    Each technique is its own two-group breakdown (used, not used), so hiding a small
    "used" group also hides its "not used" partner. Not an effect estimate: people try
    techniques as they gain experience, so later incidents carry both.

    Returns
    -------
    pandas.DataFrame
        ``technique``, ``used`` (bool), and the columns of :func:`breakdown` for each
        group, without the totals.
    """
    parts = []
    for name, column in zip(TECHNIQUES, _TECHNIQUE_COLUMNS, strict=True):
        labelled = data.assign(_used=np.where(
            data[column].to_numpy(dtype=bool), messages.TECHNIQUE_USED,
            messages.TECHNIQUE_NOT_USED))
        table = breakdown(labelled, "_used", value=value, stat="median",
                          groups=(messages.TECHNIQUE_USED, messages.TECHNIQUE_NOT_USED))
        table = table.iloc[:-1].copy()
        table.insert(0, "technique", messages.TECHNIQUE_LABELS[name])
        table.insert(1, "used", table["group"] == messages.TECHNIQUE_USED)
        parts.append(table.drop(columns=["group"]))
    result = pd.concat(parts, ignore_index=True)
    everyone = count_people(data)
    if everyone < MIN_PEOPLE:
        text = messages.NOTE_ALL_HIDDEN.format(people=everyone, min_people=MIN_PEOPLE)
    elif result["shown"].all():
        text = messages.NOTE_ALL_SHOWN.format(min_people=MIN_PEOPLE)
    else:
        reasons = "; ".join(
            f"{technique} ({'used' if used else 'not used'}): {why}"
            for technique, used, why in zip(
                result["technique"], result["used"], result["why"], strict=True)
            if why)
        text = messages.NOTE_SOME_HIDDEN.format(
            hidden=int((~result["shown"]).sum()), groups=len(result),
            reasons=reasons, min_people=MIN_PEOPLE)
    result.attrs["note"] = text
    result.attrs["people"] = everyone
    return result


def by_incident_number(data: pd.DataFrame, *, value: str = "panic_to_action_min"
                       ) -> pd.DataFrame:
    """Panic to action by each person's incident number, where enough people contribute.

    Returns one row per incident number with ``people``, ``incidents``, the quartiles
    ``q1``, ``median``, ``q3`` (missing when hidden), ``shown`` and ``why``. Numbers
    with fewer than :data:`MIN_PEOPLE` people are hidden, with complementary
    suppression as in :func:`breakdown`. No averaged curve is drawn from this: it is
    a spread of people at each step.
    """
    table = breakdown(data, "incident_no", value=value, stat="median")
    table = table.iloc[:-1].rename(columns={"group": "incident_no",
                                            "value": "median"})
    quartiles = data.groupby("incident_no")[value].quantile([0.25, 0.75]).unstack()
    if len(table):
        q1 = table["incident_no"].map(quartiles[0.25]) if len(quartiles) else np.nan
        q3 = table["incident_no"].map(quartiles[0.75]) if len(quartiles) else np.nan
        table.insert(3, "q1", np.where(table["shown"], q1, np.nan))
        table.insert(5, "q3", np.where(table["shown"], q3, np.nan))
    else:
        table.insert(3, "q1", pd.Series(dtype="float64"))
        table.insert(5, "q3", pd.Series(dtype="float64"))
    table = table.reset_index(drop=True)
    everyone = count_people(data)
    table.attrs["people"] = everyone
    if everyone < MIN_PEOPLE:
        table.attrs["note"] = messages.NOTE_ALL_HIDDEN.format(
            people=everyone, min_people=MIN_PEOPLE)
    else:
        hidden = table.loc[~table["shown"]]
        table.attrs["note"] = (
            messages.NOTE_ALL_SHOWN.format(min_people=MIN_PEOPLE) if hidden.empty
            else messages.NOTE_SOME_HIDDEN.format(
                hidden=len(hidden), groups=len(table), min_people=MIN_PEOPLE,
                reasons="; ".join(
                    f"incident {n}: {why}"
                    for n, why in zip(hidden["incident_no"], hidden["why"],
                                      strict=True))))
    return table


# --- team charts (tidy DataFrame in, Axes out) ----------------------------------------


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _palette() -> dict:
    from .charts import PALETTE

    return PALETTE


def _calm(ax) -> None:
    """The kit's quiet axes (as in kit.charts): no top or right spine, ink text."""
    ink, grey = _palette()["ink"], _palette()["grey"]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(grey)
    ax.tick_params(colors=ink, labelcolor=ink)
    ax.title.set_color(ink)


def _hidden_axes(ax, people: int, text: str | None = None):
    ax.set_axis_off()
    ax.text(0.5, 0.5, text or messages.CHART_HIDDEN.format(min_people=MIN_PEOPLE),
            ha="center", va="center", transform=ax.transAxes, wrap=True,
            color=_palette()["ink"])
    return ax


def small_multiples_chart(data: pd.DataFrame, *, person: str = "pseudonym",
                          x: str = "incident_no", y: str = "panic_to_action_min",
                          axes=None, ncols: int = 4, **kwargs):
    """One panel per pseudonym (via ``kit.charts.small_multiples``), never one curve.

    Below :data:`MIN_PEOPLE` people the panels are hidden too (in a small room it is
    easy to tell whose curve is whose) and a single Axes says so.

    Returns
    -------
    numpy.ndarray of Axes
    """
    people = count_people(data, person)
    if people < MIN_PEOPLE:
        if axes is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=(6, 1.6))
        else:
            ax = np.asarray(axes).ravel()[0]
        _hidden_axes(ax, people, messages.PANELS_HIDDEN.format(min_people=MIN_PEOPLE))
        return np.array([ax])
    from . import charts

    return charts.small_multiples(data, person=person, x=x, y=y, axes=axes,
                                  ncols=ncols, **kwargs)


def incident_number_chart(data: pd.DataFrame, *, value: str = "panic_to_action_min",
                          ax=None, **kwargs):
    """Boxes of panic to action at each incident number where enough people contribute.

    Each box is the spread across people at that step (quartiles and median); hidden
    numbers are left empty and named in the title. ``**kwargs`` go to ``ax.bxp``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    table = by_incident_number(data, value=value)
    people = table.attrs["people"]
    if people < MIN_PEOPLE or not table["shown"].any():
        return _hidden_axes(ax, people)
    shown = table.loc[table["shown"]]
    stats = []
    for number, q1, median, q3 in zip(shown["incident_no"], shown["q1"],
                                      shown["median"], shown["q3"], strict=True):
        stats.append({"med": median, "q1": q1, "q3": q3, "whislo": q1, "whishi": q3,
                      "label": str(number), "fliers": []})
    colours = _palette()
    kwargs.setdefault("patch_artist", True)
    kwargs.setdefault("boxprops", {"facecolor": colours["band"],
                                   "edgecolor": colours["teal"]})
    kwargs.setdefault("medianprops", {"color": colours["navy"], "linewidth": 2})
    kwargs.setdefault("whiskerprops", {"color": colours["teal"]})
    kwargs.setdefault("capprops", {"color": colours["teal"]})
    ax.bxp(stats, positions=shown["incident_no"].to_numpy(dtype=float),
           showfliers=False, **kwargs)
    _calm(ax)
    ax.set_xlabel(messages.CHART_LABELS["incident_no"])
    ax.set_ylabel(messages.CHART_LABELS["panic_to_action_min"])
    ax.set_title(messages.CHART_LABELS["by_number_title"].format(people=people)
                 + "\n" + messages.CHART_LABELS["by_number_note"].format(
                     min_people=MIN_PEOPLE), fontsize="medium")
    ax.set_ylim(bottom=0)
    return ax


def systemic_share_chart(data: pd.DataFrame, *, ax=None, **kwargs):
    """Horizontal bars: the share of pooled incidents in each ``whose`` category.

    Hidden groups get no bar and are labelled "hidden". ``**kwargs`` go to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    table = systemic_share(data).iloc[:-1]
    people = count_people(data)
    if people < MIN_PEOPLE:
        return _hidden_axes(ax, people)
    labels = list(table["group"])
    shares = table["value"].fillna(0).to_numpy()
    positions = np.arange(len(table))[::-1]
    kwargs.setdefault("color", _palette()["teal"])
    ax.barh(positions, shares, **kwargs)
    _calm(ax)
    for position, shown, share in zip(positions, table["shown"], shares, strict=True):
        text = f"{share:.0%}" if shown else messages.TEAM_HIDDEN_CELL
        ax.text(share + 0.01, position, text, va="center")
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel(messages.CHART_LABELS["share_axis"])
    ax.set_title(messages.CHART_LABELS["share_title"])
    return ax


def techniques_chart(data: pd.DataFrame, *, value: str = "panic_to_action_min",
                     ax=None, **kwargs):
    """Median panic to action with (filled) and without (open) each technique.

    Hidden pairs are left out and labelled. ``**kwargs`` go to ``ax.plot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    table = technique_comparison(data, value=value)
    people = table.attrs["people"]
    if people < MIN_PEOPLE:
        return _hidden_axes(ax, people)
    short = dict(zip(messages.TECHNIQUE_LABELS.values(),
                     messages.TECHNIQUE_SHORT.values(), strict=True))
    table = table.assign(technique=table["technique"].map(lambda t: short.get(t, t)))
    names = list(dict.fromkeys(table["technique"]))
    positions = {name: len(names) - 1 - i for i, name in enumerate(names)}
    used = table.loc[table["used"] & table["shown"]]
    not_used = table.loc[~table["used"] & table["shown"]]
    colours = _palette()
    ax.plot(used["value"], [positions[n] for n in used["technique"]], "o",
            color=colours["teal"], label=messages.TECHNIQUE_USED, **kwargs)
    ax.plot(not_used["value"], [positions[n] for n in not_used["technique"]], "o",
            color=colours["grey"], markerfacecolor="none",
            label=messages.TECHNIQUE_NOT_USED, **kwargs)
    _calm(ax)
    for name in names:
        rows = table.loc[table["technique"] == name]
        if not rows["shown"].all():
            ax.text(0, positions[name], "  " + messages.TEAM_HIDDEN_CELL, va="center")
    ax.set_yticks(list(positions.values()), list(positions))
    ax.set_xlim(left=0)
    ax.set_xlabel(messages.CHART_LABELS["techniques_axis"])
    ax.set_title(messages.CHART_LABELS["techniques_title"] + "\n"
                 + messages.CHART_LABELS["techniques_note"], fontsize="medium")
    ax.legend(frameon=False, fontsize="small", loc="upper center",
              bbox_to_anchor=(0.5, -0.16), ncols=2)
    return ax


# --- the mentor walkthrough -----------------------------------------------------------


def beside_sample(frame: pd.DataFrame, *, is_sample: bool = False,
                  person: str = "pseudonym") -> pd.DataFrame:
    """Your journal frame and the sample's, labelled per person for small multiples.

    The sample is a reference for the shape of a curve, never a yardstick. When
    ``frame`` already is the sample (``is_sample``), only the sample is returned.

    Returns
    -------
    pandas.DataFrame
        The rows of both frames with a ``person`` column naming whose they are.
    """
    from .journal import Journal

    sample = Journal.sample().frame()
    if is_sample:
        return sample.assign(**{person: messages.BESIDE_ONLY_SAMPLE})
    mine = frame.loc[~frame["draft"].astype(bool)] if len(frame) else frame
    return pd.concat([mine.assign(**{person: messages.BESIDE_YOU}),
                      sample.assign(**{person: messages.BESIDE_SAMPLE})],
                     ignore_index=True)


def attribution(frame: pd.DataFrame) -> pd.DataFrame:
    """The attribution exercise: which incidents were yours, which were the system's.

    Parameters
    ----------
    frame : pandas.DataFrame
        One person's journal frame (``Journal.frame()``).

    Returns
    -------
    pandas.DataFrame
        ``incident_no``, ``severity``, ``title``, ``whose`` (in words) and ``bucket``
        (yours to own / the system's / not known yet), for finished incidents.
        ``.attrs["summary"]`` says how many fall in each.
    """
    finished = frame.loc[~frame["draft"].astype(bool)] if len(frame) else frame
    buckets = finished["whose"].map(messages.ATTRIBUTION_BUCKET_OF)
    table = pd.DataFrame({
        "incident_no": finished["incident_no"].to_numpy(),
        "severity": finished["severity"].to_numpy(),
        "title": finished["title"].to_numpy(),
        "whose": finished["whose"].map(messages.WHOSE_LABELS).to_numpy(),
        "bucket": buckets.map(messages.ATTRIBUTION_BUCKETS).to_numpy(),
    })
    counts = buckets.value_counts()
    if len(table):
        table.attrs["summary"] = messages.ATTRIBUTION_SUMMARY.format(
            n=len(table), yours=int(counts.get("yours", 0)),
            system=int(counts.get("system", 0)), open=int(counts.get("open", 0)))
    else:
        table.attrs["summary"] = messages.ATTRIBUTION_EMPTY
    return table


def attribution_table(frame: pd.DataFrame) -> _Markdown:
    """:func:`attribution` as a Markdown table (titles escaped) with its summary."""
    table = attribution(frame)
    lines = [table.attrs["summary"]]
    if len(table):
        headers = messages.ATTRIBUTION_HEADERS
        lines += ["", "| " + " | ".join(headers) + " |",
                  "|" + "---|" * len(headers)]
        for row in table.itertuples(index=False):
            cells = [str(row.incident_no), str(row.severity), _md_escape(row.title),
                     row.whose, row.bucket]
            lines.append("| " + " | ".join(cells) + " |")
    return _Markdown("\n".join(lines))


def mentor_agenda() -> _Markdown:
    """The 45-minute walkthrough as a Markdown table."""
    lines = ["| time | step | what happens |", "|---|---|---|"]
    lines += [f"| {when} | {step} | {what} |" for when, step, what in
              messages.MENTOR_AGENDA]
    return _Markdown("\n".join(lines))


def mentor_questions(step: str) -> _Markdown:
    """The mentor's questions for one step of the walkthrough, as a Markdown list.

    ``step`` is one of ``frame``, ``curve``, ``attribution``, ``body``, ``change``.
    """
    if step not in messages.MENTOR_QUESTIONS:
        msg = messages.MENTOR_UNKNOWN_STEP.format(
            step=str(step)[:40], known=", ".join(messages.MENTOR_QUESTIONS))
        raise ValueError(msg)
    return _Markdown("\n".join(f"- {q}" for q in messages.MENTOR_QUESTIONS[step]))


def workshop_prompts() -> _Markdown:
    """Prompts that keep a workshop on the system, and what to do when talk drifts."""
    lines = [f"{n}. {prompt}" for n, prompt in
             enumerate(messages.WORKSHOP_PROMPTS, start=1)]
    lines += [""] + [f"- *{text}*" for text in messages.WORKSHOP_REDIRECTS]
    return _Markdown("\n".join(lines))
