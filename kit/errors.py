"""The kit's exceptions: one root, ``KitError``, and a subclass per situation.

Every message names the file (where there is one), the field and the fix, and never
repeats what a person wrote in a free-text field.
"""

from __future__ import annotations

__all__ = [
    "KitError",
    "InvalidIncident",
    "DuplicateIncident",
    "UnknownIncident",
    "ReadOnlyJournal",
    "UnreadableFile",
    "SaveFailed",
    "AlreadyExists",
    "InvalidExport",
    "InvalidTimeline",
    "InvalidMark",
    "NotEnoughData",
]


class KitError(Exception):
    """Raised for any problem the kit can explain; the root of all kit errors."""


class InvalidIncident(KitError, ValueError):
    """Raised when an incident breaks a rule of the record (field, rating, order).

    ``problems`` holds ``(field, message)`` pairs, one per broken rule.
    """

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class DuplicateIncident(KitError):
    """Raised when saving an incident whose id is already in the journal."""


class UnknownIncident(KitError, KeyError):
    """Raised when an incident id is not in the journal."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ReadOnlyJournal(KitError):
    """Raised when saving into a read-only journal (the sample, a locked folder)."""


class UnreadableFile(KitError):
    """Raised when a journal or export file cannot be read or parsed."""


class SaveFailed(KitError, OSError):
    """Raised when a save could not complete; the previous file is left as it was."""


class AlreadyExists(SaveFailed, FileExistsError):
    """Raised when a save must not replace a file and one is already there."""


class InvalidExport(KitError, ValueError):
    """Raised when an anonymous team export breaks the export format."""


class InvalidTimeline(KitError, ValueError):
    """Raised when an imported incident-tool timeline cannot be turned into times."""


class InvalidMark(KitError, ValueError):
    """Raised when a live draft cannot take a mark: unknown, without words, no draft."""


class NotEnoughData(KitError, ValueError):
    """Raised when a figure needs more incidents (or people) than there are."""
