"""The anonymous export: what leaves a journal for a team, described once.

One CSV file per person and workshop, named ``<pseudonym>.csv``, holding exactly
:data:`EXPORT_COLUMNS` in that order, one row per *finished* incident. CSV because it
is one flat table that the person can open in any text editor to see every value that
leaves before handing it over; it executes nothing and cannot nest (no YAML bombs); and
pandas reads it fast, which matters when a facilitator pools many files.

- ``format`` is :data:`EXPORT_FORMAT` on every row, so a future kit can tell versions
  apart; ``pseudonym`` is the same on every row.
- ``incident_no`` numbers the finished incidents 1, 2, ... in alert order. Exact dates,
  ids (which hold a date and a slug of the title), titles, services, events, notes,
  post-mortems and reflections never leave. Durations are minutes from the alert,
  rounded to half a minute.
- Drafts are *excluded*: a draft has no first action and no severity yet, and the person
  has not finished deciding what it says. :func:`export_preview` shows exactly what
  would leave.
- Techniques are written 1 or 0; optional ratings are empty when not given.

The pseudonym is drawn with :mod:`secrets` from readable word lists at each export (so
two workshops never share one), unless the person chooses one. It is not derived from
anything about the person, so no hash of a name can match it.

:data:`EXPORT_SCHEMA` is the one description of the format: every column's kind,
whether it may be empty, and its allowed values (the record's vocabularies) or range.
:func:`parse_rows` reads rows with the types it gives, and :func:`rule_breaks` checks a
parsed table against it, column by column; :mod:`kit.pool` and the export's own check
before writing both use them.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import messages
from .errors import AlreadyExists, InvalidExport, NotEnoughData, SaveFailed
from .record import CULTURE_RESPONSES, ROLES, SEVERITIES, SYMPTOMS, TECHNIQUES, WHOSE
from .storage import atomic_write

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_SCHEMA",
    "EXPORT_COLUMNS",
    "EXPORT_HEADER",
    "TEXT_COLUMNS",
    "NUMBER_COLUMNS",
    "SYMPTOM_COLUMNS",
    "TECHNIQUE_COLUMNS",
    "TIME_ORDER",
    "EXPORT_MODE",
    "PSEUDONYM_PATTERN",
    "Column",
    "new_pseudonym",
    "valid_pseudonym",
    "export_frame",
    "csv_bytes",
    "parse_rows",
    "rule_breaks",
    "export_preview",
    "export_anonymous",
]

EXPORT_FORMAT = 1
"""The version of the export format, written on every row."""

EXPORT_MODE = 0o640
"""An export is readable by its author and their group (the facilitators), not all."""

PSEUDONYM_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
"""Lower-case letters, digits and single dashes, starting with a letter."""
_PSEUDONYM_RE = re.compile(PSEUDONYM_PATTERN)
_PSEUDONYM_LENGTH = (3, 40)
_MAX_MINUTES = 30 * 24 * 60


@dataclass(frozen=True)
class Column:
    """One column of the export format.

    ``kind`` is ``"number"``, ``"category"`` or ``"pseudonym"``. A number lies in
    ``low..high`` and, when ``step`` is set, is a multiple of it; a category is one of
    ``allowed``. ``required`` columns are never empty. ``fix`` names the sentence in
    ``kit.messages.POOL_CELL_FIXES`` that tells a person how to mend a bad cell.
    """

    name: str
    kind: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    low: float = 0
    high: float = 0
    step: float | None = None
    fix: str = ""

    @property
    def fix_key(self) -> str:
        return self.fix or self.name


SYMPTOM_COLUMNS: tuple[str, ...] = tuple(f"symptom_{name}" for name in SYMPTOMS)
TECHNIQUE_COLUMNS: tuple[str, ...] = tuple(f"technique_{name}" for name in TECHNIQUES)
_DURATIONS = (
    "panic_to_action_min",
    "to_broadcast_min",
    "to_escalate_min",
    "to_mitigate_min",
    "to_resolve_min",
)

EXPORT_SCHEMA: tuple[Column, ...] = (
    Column("format", "number", low=EXPORT_FORMAT, high=EXPORT_FORMAT, step=1),
    Column("pseudonym", "pseudonym"),
    Column("incident_no", "number", low=1, high=1_000_000, step=1),
    Column("severity", "category", allowed=SEVERITIES),
    Column("role", "category", allowed=ROLES),
    Column("whose", "category", allowed=WHOSE),
    Column("panic_to_action_min", "number", high=_MAX_MINUTES),
    *(Column(name, "number", required=False, high=_MAX_MINUTES, fix="duration")
      for name in _DURATIONS[1:]),
    Column("distress_peak", "number", required=False, high=10, step=1),
    Column("clarity_next_step", "number", required=False, high=100, step=10),
    *(Column(name, "number", high=10, step=1, fix="symptom")
      for name in SYMPTOM_COLUMNS),
    *(Column(name, "number", high=1, step=1, fix="technique")
      for name in TECHNIQUE_COLUMNS),
    Column("culture_response", "category", required=False, allowed=CULTURE_RESPONSES),
    Column("culture_safety", "number", required=False, low=1, high=5, step=1),
)
"""The export format: every column, in order, with what it may hold."""

EXPORT_COLUMNS: tuple[str, ...] = tuple(column.name for column in EXPORT_SCHEMA)
"""The allow-list: every column an export holds, in order, and nothing else."""

EXPORT_HEADER = ",".join(EXPORT_COLUMNS)
"""The first line of every export."""

TEXT_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in EXPORT_SCHEMA if column.kind != "number")
NUMBER_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in EXPORT_SCHEMA if column.kind == "number")

TIME_ORDER = ("panic_to_action_min", "to_mitigate_min", "to_resolve_min")
"""Durations in the order the record enforces: a later one is never shorter."""


# --- pseudonyms -----------------------------------------------------------------------


def new_pseudonym() -> str:
    """A random, readable pseudonym such as ``amber-heron-42`` (drawn with ``secrets``).

    About 180,000 combinations; a fresh one is drawn for every export, so two workshops
    never link the same person. Nothing about the person goes in.
    """
    colour = secrets.choice(messages.PSEUDONYM_COLOURS)
    nature = secrets.choice(messages.PSEUDONYM_NATURE)
    return f"{colour}-{nature}-{10 + secrets.randbelow(90)}"


def valid_pseudonym(name: object) -> bool:
    """True when ``name`` is a pseudonym of the allowed form (:data:`PSEUDONYM_PATTERN`,
    3 to 40 characters)."""
    low, high = _PSEUDONYM_LENGTH
    return (
        isinstance(name, str)
        and low <= len(name) <= high
        and _PSEUDONYM_RE.match(name) is not None
    )


# --- writing --------------------------------------------------------------------------


def export_frame(frame: pd.DataFrame, pseudonym: str) -> pd.DataFrame:
    """The allow-listed export of a journal frame (finished incidents only).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``Journal.frame()``.
    pseudonym : str
        The name written on every row.

    Returns
    -------
    pandas.DataFrame
        Exactly :data:`EXPORT_COLUMNS`, one row per finished incident.
    """
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
    for name in SYMPTOM_COLUMNS:
        out[name] = finished[name].to_numpy(dtype="int64")
    for name in TECHNIQUE_COLUMNS:
        out[name] = finished[name].to_numpy(dtype=bool).astype("int64")
    culture = finished["culture_response"].to_numpy(dtype=object)
    out["culture_response"] = [value if isinstance(value, str) else None
                               for value in culture]
    out["culture_safety"] = pd.array(
        finished["culture_safety"].to_numpy(dtype="float64"), dtype="Int64"
    )
    return out[list(EXPORT_COLUMNS)]


def csv_bytes(export: pd.DataFrame) -> bytes:
    """An export table as the file's bytes: ``\\n`` line ends, empty missing cells."""
    return export.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8")


# --- reading and checking -------------------------------------------------------------


def parse_rows(data: bytes) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of the export (no header line) as a table with the format's columns.

    Text columns are read as text; number columns as float64, where a cell that is not
    a number becomes missing and is marked in the second result. Only an empty cell
    counts as missing (``NA`` or ``null`` is text). Quotes have no meaning: an export
    never quotes, so a quote cannot hide a comma or a line break.

    Parameters
    ----------
    data : bytes
        UTF-8 lines of exactly ``len(EXPORT_COLUMNS)`` fields each.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray)
        The table, and a boolean array (rows x :data:`NUMBER_COLUMNS`) of cells that
        held something other than a number.
    """
    frame = pd.read_csv(
        io.BytesIO(data),
        header=None,
        names=list(EXPORT_COLUMNS),
        dtype=dict.fromkeys(TEXT_COLUMNS, object),
        encoding="utf-8",
        engine="c",
        quoting=csv.QUOTE_NONE,
        keep_default_na=False,
        na_values=[""],
        skip_blank_lines=False,
        index_col=False,
    )
    not_numbers = np.zeros((len(frame), len(NUMBER_COLUMNS)), dtype=bool)
    for index, name in enumerate(NUMBER_COLUMNS):
        values = frame[name]
        if values.dtype.kind in "iuf":
            frame[name] = values.astype("float64")
            continue
        # Some cell is text (or true/false): keep the numbers, mark the rest.
        texts = values.astype(object).where(values.notna(), None)
        numbers = pd.to_numeric(texts.map(lambda v: v if isinstance(v, str) else None),
                                errors="coerce")
        not_numbers[:, index] = (texts.notna() & numbers.isna()).to_numpy()
        frame[name] = numbers.astype("float64")
    return frame, not_numbers


def rule_breaks(frame: pd.DataFrame) -> list[tuple[np.ndarray, str, str]]:
    """Every rule of :data:`EXPORT_SCHEMA` a parsed table breaks, checked per column.

    Covers allowed values, ranges and steps, required cells, the pseudonym's form and
    :data:`TIME_ORDER`. Rules that span rows (one incident number per file, one
    pseudonym per file) belong to whoever knows the files: :mod:`kit.pool`.

    Returns
    -------
    list of (numpy.ndarray, str, str)
        For each broken rule: the mask of bad rows, the column, and the key of its fix
        in ``kit.messages.POOL_CELL_FIXES``.
    """
    found = []
    for column in EXPORT_SCHEMA:
        values = frame[column.name]
        if column.kind == "number":
            numbers = values.to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):  # NaN (missing) fails every test
                ok = (numbers >= column.low) & (numbers <= column.high)
                if column.step is not None:
                    ok &= np.mod(numbers, column.step) == 0
        elif column.kind == "category":
            ok = values.isin(column.allowed).to_numpy()
        else:
            good = [name for name in values.dropna().unique() if valid_pseudonym(name)]
            ok = values.isin(good).to_numpy()
        bad = ~ok if column.required else ~ok & values.notna().to_numpy()
        if bad.any():
            found.append((bad, column.name, column.fix_key))
    ordered = [frame[name].to_numpy(dtype="float64") for name in TIME_ORDER]
    for earlier, later, name in zip(ordered, ordered[1:], TIME_ORDER[1:], strict=False):
        with np.errstate(invalid="ignore"):
            bad = later < earlier  # NaN compares False: unknown times are not checked
        if bad.any():
            found.append((bad, name, "order"))
    return found


# --- the public functions -------------------------------------------------------------


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
    return export_frame(journal.frame(), messages.EXPORT_PREVIEW_PSEUDONYM)


def _self_check(data: bytes) -> str | None:
    """Why the bytes about to be written are not an export the pool accepts, if so."""
    body = data.split(b"\n", 1)[1]
    frame, not_numbers = parse_rows(body)
    if not_numbers.any():
        return messages.POOL_CELL_FIXES["not_a_number"]
    for _, column, fix in rule_breaks(frame):
        return messages.EXPORT_SELF_CHECK_CELL.format(
            column=column, fix=messages.POOL_CELL_FIXES[fix])
    return None


def export_anonymous(journal, folder, pseudonym: str | None = None) -> Path:
    """Write the anonymous export of ``journal`` into ``folder`` and return its path.

    Only :data:`EXPORT_COLUMNS` leave: numbers and fixed categories of the finished
    incidents (drafts stay private). The file is ``<pseudonym>.csv``, written
    atomically with mode 0640, and never replaces an existing file.

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
    AlreadyExists
        When the file already exists (nothing is overwritten).
    SaveFailed
        When the file cannot be written.

    Examples
    --------
    >>> import kit, tempfile
    >>> path = kit.team.export_anonymous(kit.Journal.sample(), tempfile.mkdtemp())
    >>> path.suffix
    '.csv'
    """
    folder = Path(folder).expanduser()
    if pseudonym is not None and not valid_pseudonym(pseudonym):
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
    name = pseudonym or new_pseudonym()
    for _ in range(50 if pseudonym is None else 0):  # a drawn name may be taken
        if not (folder / f"{name}.csv").exists():
            break
        name = new_pseudonym()
    target = folder / f"{name}.csv"
    data = csv_bytes(export_frame(frame, name))
    problem = _self_check(data)  # prove the pool accepts it before it leaves
    if problem is not None:
        msg = messages.EXPORT_SELF_CHECK_FAILED.format(reason=problem)
        raise InvalidExport(msg)
    try:
        atomic_write(target, data, mode=EXPORT_MODE, overwrite=False)
    except AlreadyExists:
        msg = messages.EXPORT_PSEUDONYM_TAKEN.format(name=target.name, folder=folder)
        raise AlreadyExists(msg) from None
    return target
