"""The anonymous export: what leaves a journal for a team, described once.

One CSV file per person and workshop, named ``<pseudonym>.csv``, holding exactly
:data:`EXPORT_COLUMNS` in that order, one row per *finished* incident. CSV because it
is one flat table that the person can open in any text editor to see every value that
leaves before handing it over; it executes nothing and cannot nest (no YAML bombs); and
pandas reads it fast, which matters when a facilitator pools many files.

- ``format`` is :data:`EXPORT_FORMAT` on every row, so a future kit can tell versions
  apart; ``pseudonym`` is the same on every row.
- ``incident_no`` numbers the finished incidents 1, 2, ... in alert order (all of
  them, so an incident left out leaves a gap and the curve keeps its steps). Exact
  dates, ids (which hold a date and a slug of the title), titles, services, events,
  notes, post-mortems and reflections never leave.
- The person chooses which finished incidents go (``incidents=``; default all).
- Values are *coarsened* to what the workshop shows (:mod:`kit.team_charts` and
  :mod:`kit.privacy` show medians and quartiles of minutes, categories and
  techniques, and no rating at all): durations are rounded by
  :func:`kit.coarsening.coarse_minutes` (whole minutes below 10, five below 60, then
  fifteen) and every rating becomes a band (:data:`kit.coarsening.RATING_BANDS`:
  distress and body responses 0-3, 4-6, 7-10; clarity 0-30, 40-60, 70-100; safety
  1-2, 3, 4-5). Exact values make rows easier to match against what someone
  remembers of an incident.
- Drafts are *excluded*: a draft has no first action and no severity yet, and the person
  has not finished deciding what it says. :func:`export_preview` shows exactly what
  would leave.
- Techniques are written 1 or 0; optional ratings are empty when not given.
- ``receipt_hash`` is the SHA-256 of a random receipt that only the person keeps
  (:func:`new_receipt`): withdrawing means dropping a note with the receipt into the
  drop folder, and :mod:`kit.pool` leaves out the export whose hash matches. The hash
  says nothing about the person, and nobody can withdraw a file without its receipt.

What a pseudonym does *not* hide is said to the person by
:func:`what_it_hides`: a file holds one person's incidents row by
row, so someone who shared an incident, or who holds two workshops' files, can match
rows; on a shared server the file's owner is visible to the facilitator.

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
import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import messages
from ._text import Markdown
from .coarsening import band, band_labels, coarse_minutes
from .errors import AlreadyExists, InvalidExport, NotEnoughData, SaveFailed
from .hours import is_night, local_alert_times
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
    "RECEIPT_PATTERN",
    "RECEIPT_HASH_PATTERN",
    "WITHDRAWAL_SUFFIX",
    "Column",
    "ExportFile",
    "new_pseudonym",
    "valid_pseudonym",
    "new_receipt",
    "receipt_hash",
    "export_frame",
    "csv_bytes",
    "parse_rows",
    "rule_breaks",
    "coarsen",
    "export_preview",
    "export_choices",
    "what_it_hides",
    "export_anonymous",
]

EXPORT_FORMAT = 3
"""The version of the export format, written on every row (2: coarsened values and a
receipt hash; 3: whether the alert came at night)."""

EXPORT_MODE = 0o640
"""An export is readable by its author and their group (the facilitators), not all."""

PSEUDONYM_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
"""Lower-case letters, digits and single dashes, starting with a letter."""
_PSEUDONYM_RE = re.compile(PSEUDONYM_PATTERN)
RECEIPT_PATTERN = r"kit-receipt-[0-9a-f]{32}"
"""A receipt as :func:`new_receipt` draws it."""
RECEIPT_HASH_PATTERN = r"^[0-9a-f]{64}$"
"""A receipt's SHA-256 in lower-case hex."""
_RECEIPT_HASH_RE = re.compile(RECEIPT_HASH_PATTERN)
_RECEIPT_PREFIX = "kit-receipt-"
WITHDRAWAL_SUFFIX = ".withdraw"
"""A withdrawal note is a file ``withdraw-<random>.withdraw`` holding one receipt."""
_PSEUDONYM_LENGTH = (3, 40)
_MAX_MINUTES = 30 * 24 * 60


@dataclass(frozen=True)
class Column:
    """One column of the export format.

    ``kind`` is ``"number"``, ``"minutes"`` (a number on the :func:`coarse_minutes`
    grid), ``"category"``, ``"pseudonym"`` or ``"receipt"``. A number lies in
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
    Column("night", "number", high=1, step=1),
    Column("panic_to_action_min", "minutes", high=_MAX_MINUTES),
    *(Column(name, "minutes", required=False, high=_MAX_MINUTES, fix="duration")
      for name in _DURATIONS[1:]),
    Column("distress_peak", "category", required=False,
           allowed=band_labels("distress")),
    Column("clarity_next_step", "category", required=False,
           allowed=band_labels("clarity")),
    *(Column(name, "category", allowed=band_labels("symptom"), fix="symptom")
      for name in SYMPTOM_COLUMNS),
    *(Column(name, "number", high=1, step=1, fix="technique")
      for name in TECHNIQUE_COLUMNS),
    Column("culture_response", "category", required=False, allowed=CULTURE_RESPONSES),
    Column("culture_safety", "category", required=False,
           allowed=band_labels("safety")),
    Column("receipt_hash", "receipt", required=False),
)
"""The export format: every column, in order, with what it may hold."""

EXPORT_COLUMNS: tuple[str, ...] = tuple(column.name for column in EXPORT_SCHEMA)
"""The allow-list: every column an export holds, in order, and nothing else."""

EXPORT_HEADER = ",".join(EXPORT_COLUMNS)
"""The first line of every export."""

TEXT_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in EXPORT_SCHEMA if column.kind not in ("number", "minutes"))
NUMBER_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in EXPORT_SCHEMA if column.kind in ("number", "minutes"))

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


def new_receipt() -> str:
    """A random receipt (128 bits from ``secrets``) for withdrawing one export."""
    return _RECEIPT_PREFIX + secrets.token_hex(16)


def receipt_hash(receipt: str) -> str:
    """The one-way SHA-256 of a receipt, as written in the export (lower-case hex).

    Surrounding spaces are ignored, so a receipt pasted with a stray space still
    matches.
    """
    return hashlib.sha256(receipt.strip().encode("utf-8")).hexdigest()


class ExportFile(type(Path())):  # type: ignore[misc]
    """The path of a written export, with the ``receipt`` that withdraws it.

    Shown in a notebook, it says where the file is and asks the person to keep the
    receipt (nobody else holds it).
    """

    receipt: str = ""

    def _repr_markdown_(self) -> str:
        return messages.EXPORT_WRITTEN.format(name=self.name, receipt=self.receipt)


# --- writing --------------------------------------------------------------------------


def _finished(frame: pd.DataFrame, incidents=None) -> pd.DataFrame:
    """The finished incidents of a journal frame, each with its number among them,
    narrowed to the ids in ``incidents`` when given."""
    finished = frame.loc[~frame["draft"].astype(bool)].copy()
    finished["_number"] = np.arange(1, len(finished) + 1, dtype="int64")
    if incidents is None:
        return finished
    chosen = [incidents] if isinstance(incidents, str) else list(incidents)
    unknown = sorted(set(chosen) - set(finished["id"]))
    if unknown:
        msg = messages.EXPORT_UNKNOWN_INCIDENTS.format(n=len(unknown))
        raise InvalidExport(msg)
    return finished.loc[finished["id"].isin(chosen)]


def coarsen(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the export format with fine values, coarsened and in column order.

    Durations go through :func:`coarse_minutes`, ratings through :func:`band`;
    values already coarse stay as they are, and a missing ``receipt_hash`` is empty.
    """
    out = rows.copy()
    for name in _DURATIONS:
        out[name] = coarse_minutes(out[name].to_numpy(dtype="float64"))
    for name, kind in (("distress_peak", "distress"), ("clarity_next_step", "clarity"),
                       ("culture_safety", "safety"),
                       *((name, "symptom") for name in SYMPTOM_COLUMNS)):
        values = out[name].astype(object).tolist()
        if not all(isinstance(value, str) or value is None for value in values):
            out[name] = band(values, kind)
    if "receipt_hash" not in out.columns:
        out["receipt_hash"] = None
    return out[list(EXPORT_COLUMNS)]


def export_frame(frame: pd.DataFrame, pseudonym: str, *, incidents=None,
                 receipt: str | None = None) -> pd.DataFrame:
    """The allow-listed, coarsened export of a journal frame (finished incidents only).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``Journal.frame()``.
    pseudonym : str
        The name written on every row.
    incidents : iterable of str, optional
        The ids of the finished incidents to export (default: all of them).
    receipt : str, optional
        The receipt whose hash goes on every row (default: the column is empty).

    Returns
    -------
    pandas.DataFrame
        Exactly :data:`EXPORT_COLUMNS`, one row per chosen finished incident.

    Raises
    ------
    InvalidExport
        When ``incidents`` names an id that is not a finished incident of ``frame``.
    """
    finished = _finished(frame, incidents)
    n = len(finished)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    out["format"] = EXPORT_FORMAT
    out["pseudonym"] = pseudonym
    out["incident_no"] = finished["_number"].to_numpy(dtype="int64")
    for name in ("severity", "role", "whose"):
        out[name] = finished[name].to_numpy(dtype=object)
    # Night or day in the alert's own local time (the 3 AM view's default window);
    # the hour itself never leaves.
    local = local_alert_times(finished)
    out["night"] = is_night(local.dt.hour.to_numpy()).astype("int64")
    for name in _DURATIONS:
        out[name] = finished[name].to_numpy(dtype="float64")
    for name in ("distress_peak", "clarity_next_step", "culture_safety",
                 *SYMPTOM_COLUMNS):
        out[name] = [None if pd.isna(value) else int(value)
                     for value in finished[name].to_numpy(dtype="float64")]
    for name in TECHNIQUE_COLUMNS:
        out[name] = finished[name].to_numpy(dtype=bool).astype("int64")
    culture = finished["culture_response"].to_numpy(dtype=object)
    out["culture_response"] = [value if isinstance(value, str) else None
                               for value in culture]
    out["receipt_hash"] = receipt_hash(receipt) if receipt else None
    return coarsen(out)


def csv_bytes(export: pd.DataFrame) -> bytes:
    """An export table as the file's bytes: ``\\n`` line ends, empty missing cells."""
    return export.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8")


# --- reading and checking -------------------------------------------------------------


def parse_rows(data: bytes) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of the export (no header line) as a table with the format's columns.

    Text columns are read as categories of text; number columns as float64, where a
    cell that is not
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
        # Text cells come from short vocabularies (and one pseudonym and receipt per
        # file): as categories, each distinct value is checked once, not per row.
        dtype=dict.fromkeys(TEXT_COLUMNS, "category"),
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


def _valid_receipt_hash(value: object) -> bool:
    return isinstance(value, str) and _RECEIPT_HASH_RE.match(value) is not None


def _one_of(values: pd.Series, allowed) -> np.ndarray:
    """``values.isin(allowed)``; categories are looked up once each (missing: no)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        answers = np.append(values.cat.categories.isin(list(allowed)), False)
        return answers[values.cat.codes.to_numpy()]  # code -1 (missing): the last
    return values.isin(allowed).to_numpy()


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
        elif column.kind == "minutes":
            numbers = values.to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):
                ok = ((numbers >= column.low) & (numbers <= column.high)
                      & (coarse_minutes(numbers) == numbers))
        elif column.kind == "category":
            ok = _one_of(values, column.allowed)
        else:  # a receipt hash or a pseudonym: each distinct value is checked once
            valid = (_valid_receipt_hash if column.kind == "receipt"
                     else valid_pseudonym)
            good = [value for value in values.dropna().unique() if valid(value)]
            ok = _one_of(values, good)
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


def export_preview(journal, incidents=None) -> pd.DataFrame:
    """Exactly the table :func:`export_anonymous` would write, to look at first.

    The pseudonym and receipt-hash columns show placeholders: the real ones are drawn
    at export.

    Parameters
    ----------
    journal : kit.Journal
        Your journal (or the sample, to see what an export looks like).
    incidents : iterable of str, optional
        The ids of the incidents to export (default: every finished one).

    Returns
    -------
    pandas.DataFrame
        One row per chosen finished incident, the columns of :data:`EXPORT_COLUMNS`.
    """
    table = export_frame(journal.frame(), messages.EXPORT_PREVIEW_PSEUDONYM,
                         incidents=incidents)
    table["receipt_hash"] = messages.EXPORT_PREVIEW_RECEIPT
    return table


def export_choices(journal) -> list[tuple[str, str]]:
    """The finished incidents a person can choose to export, as (label, id) pairs.

    The label (number, date and title) is for the person's own eyes only: none of it
    leaves in the export.
    """
    finished = _finished(journal.frame())
    return [(messages.EXPORT_CHOICE_LABEL.format(
        n=number, date=str(alert)[:10], title=" ".join(str(title).split())[:60]), ident)
        for number, alert, title, ident in zip(
            finished["_number"], finished["alert_at"], finished["title"],
            finished["id"], strict=True)]


def what_it_hides() -> Markdown:
    """What a pseudonym and the coarsening hide, and what they do not, in words."""
    lines = [f"**{messages.EXPORT_HIDES_HEADING}**", ""]
    lines += [f"- *{label}:* {text}" for label, text in messages.EXPORT_HIDES_POINTS]
    return Markdown("\n".join(lines))


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


def export_anonymous(journal, folder, pseudonym: str | None = None, *,
                     incidents=None) -> ExportFile:
    """Write the anonymous export of ``journal`` into ``folder`` and return its path.

    Only :data:`EXPORT_COLUMNS` leave: coarsened numbers and fixed categories of the
    chosen finished incidents (drafts stay private), and the hash of a new receipt.
    The file is ``<pseudonym>.csv``, written atomically with mode 0640, and never
    replaces an existing file. Keep ``.receipt`` of the result to withdraw the file
    later (:func:`kit.workshop.withdraw`).

    Parameters
    ----------
    journal : kit.Journal
        The journal to export.
    folder : str or Path
        Where the workshop collects exports (created when missing).
    pseudonym : str, optional
        A name of your choosing (lower-case letters, digits, dashes; not your name).
        Default: a new random one, different for every workshop.
    incidents : iterable of str, optional
        The ids of the finished incidents to export. Default: all of them.

    Returns
    -------
    ExportFile
        The file written (a ``Path``), with ``.receipt``, the secret that withdraws
        it.

    Raises
    ------
    NotEnoughData
        When the journal holds no finished incident, or none was chosen.
    InvalidExport
        When the chosen pseudonym is not of the allowed form, or ``incidents``
        names an incident that is not a finished one of the journal.
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
    if incidents is not None and not len(_finished(frame, incidents)):
        raise NotEnoughData(messages.EXPORT_NONE_CHOSEN)
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
    receipt = new_receipt()
    data = csv_bytes(export_frame(frame, name, incidents=incidents, receipt=receipt))
    problem = _self_check(data)  # prove the pool accepts it before it leaves
    if problem is not None:
        msg = messages.EXPORT_SELF_CHECK_FAILED.format(reason=problem)
        raise InvalidExport(msg)
    try:
        atomic_write(target, data, mode=EXPORT_MODE, overwrite=False)
    except AlreadyExists:
        msg = messages.EXPORT_PSEUDONYM_TAKEN.format(name=target.name, folder=folder)
        raise AlreadyExists(msg) from None
    written = ExportFile(target)
    written.receipt = receipt
    return written
