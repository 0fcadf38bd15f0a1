"""The kit's guided notebooks: a person's own copy, never touching their edits."""

from __future__ import annotations

import os
from pathlib import Path

from . import paths
from .storage import atomic_write, private_dir

__all__ = ["copy_notebooks"]


def copy_notebooks(
    target: str | os.PathLike[str],
    source: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Copy the kit's notebooks into ``target``, skipping any the person already has.

    Never overwrites a notebook that is there (its edits and outputs stay the
    person's). The folder is created 0700 and each copy is 0600, because a notebook
    saved with outputs can hold what its owner typed.

    Parameters
    ----------
    target : str or Path
        The person's folder.
    source : str or Path, optional
        The master copy; default :func:`kit.paths.notebooks_source`.

    Returns
    -------
    list of Path
        The notebooks copied this time (empty when all were there).

    Examples
    --------
    >>> copied = copy_notebooks("~/incident-kit")  # doctest: +SKIP
    """
    master = Path(source).expanduser() if source else paths.notebooks_source()
    if not master.is_dir():
        return []
    mine = private_dir(Path(target).expanduser())
    copied = []
    for notebook in sorted(master.glob("*.ipynb")):
        destination = mine / notebook.name
        if destination.exists() or destination.is_symlink():
            continue
        atomic_write(destination, notebook.read_bytes(), overwrite=False)
        copied.append(destination)
    return copied
