"""The four personal charts as PNG images: bytes for the report, files for you.

Both draw from the one list of charts, ``kit.charts.PERSONAL_CHARTS``, on figures of
their own (no pyplot state), so nothing appears in a notebook and no open figure is
touched.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from . import messages, metrics
from .charts import PERSONAL_CHARTS, ChartSpec
from .errors import SaveFailed
from .paths import charts_dir
from .record import Incident
from .storage import PRIVATE_FILE_MODE, atomic_write, private_dir

__all__ = ["SavedCharts", "png", "pngs", "save_pngs"]


def png(spec: ChartSpec, frame: pd.DataFrame, latest: Incident | None,
        dpi: int = 150) -> bytes:
    """One chart drawn off screen, as PNG bytes (white background)."""
    figure = Figure(figsize=spec.size, layout="constrained")
    spec.draw(frame, latest, figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight",
                   facecolor="white")
    return buffer.getvalue()


def pngs(frame: pd.DataFrame, latest: Incident | None,
         dpi: int = 150) -> dict[str, bytes]:
    """Every personal chart as PNG bytes, by its name, in the order of the list."""
    return {spec.name: png(spec, frame, latest, dpi) for spec in PERSONAL_CHARTS}


def _code(value: Any) -> str:
    """Text for a Markdown code span, which cannot hold a backtick."""
    return str(value).replace("`", "'")


class SavedCharts(list):
    """The PNG files written by ``save_pngs`` (a list of Path), shown as a sentence."""

    def __init__(self, paths: list[Path], folder: Path, note: str = "") -> None:
        super().__init__(paths)
        self.folder = folder
        self.note = note

    def _repr_markdown_(self) -> str:
        if not self:
            return self.note or messages.CHARTS_NOTHING_TO_SAVE
        lines = [messages.CHARTS_SAVED.format(n=len(self), folder=_code(self.folder))]
        lines += [f"- `{_code(path.name)}`" for path in self]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)


def save_pngs(
    journal: Any, folder: str | Path | None = None, *, dpi: int = 150
) -> SavedCharts:
    """Draw the four charts of a journal and save them as PNG files (0600).

    The charts are panic to action, the body heatmap, clarity against distress, and
    the timeline of the latest incident (``kit.charts.PERSONAL_CHARTS``).

    Where they go: ``folder`` when given; otherwise a ``charts/`` folder inside the
    journal's folder. The sample journal is read-only, so its charts go to
    ``charts/`` inside *your* journal's folder (``$KIT_JOURNAL`` or ``data/journal``),
    with names starting ``sample-`` so they never pass for your own. Files are
    replaced on each save.

    Parameters
    ----------
    journal : Journal
    folder : str or Path, optional
    dpi : int

    Returns
    -------
    SavedCharts
        A list of the written paths (empty when the journal holds no incidents),
        shown in a notebook as a sentence naming the folder.

    Raises
    ------
    SaveFailed
        When the folder cannot be created or written (nothing half-written is left).

    Examples
    --------
    >>> import kit, tempfile
    >>> saved = save_pngs(kit.Journal.sample(), tempfile.mkdtemp(), dpi=40)
    >>> [path.name.removeprefix("sample-") for path in saved]
    ['panic-to-action.png', 'body.png', 'clarity.png', 'timeline.png']
    """
    frame = journal.frame()
    sample = bool(getattr(journal, "is_sample", False))
    prefix = "sample-" if sample else ""
    note = ""
    read_only = sample or bool(getattr(journal, "read_only", False))
    if folder is not None:
        target = Path(folder).expanduser()
    else:
        target = charts_dir(Path(journal.path), read_only=read_only)
        if read_only:
            note = messages.CHARTS_SAMPLE_FOLDER.format(folder=target.parent)
    if frame.empty:
        return SavedCharts([], target, messages.CHARTS_NOTHING_TO_SAVE)
    try:
        private_dir(target)
    except OSError as error:
        msg = messages.CHARTS_ERR_FOLDER.format(
            folder=target, reason=error.strerror or type(error).__name__)
        raise SaveFailed(msg) from None
    latest = metrics.latest_incident(journal)
    paths = []
    for name, data in pngs(frame, latest, dpi).items():
        path = target / f"{prefix}{name}.png"
        atomic_write(path, data, mode=PRIVATE_FILE_MODE)
        paths.append(path)
    return SavedCharts(paths, target, note)
