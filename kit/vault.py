"""The encrypted journal: optional encryption at rest in the age format.

Off by default. When it is on, the journal folder holds:

- ``identity.age``: an age X25519 identity (a private key), itself encrypted with your
  passphrase (age's scrypt mode). This is the only file the passphrase opens.
- ``<id>.yaml.age``: each incident, encrypted to that identity's public key.

Unlocking runs the slow passphrase derivation (scrypt, about a second by design) once,
and keeps the identity in this process's memory only (``_KEYS``); every incident then
decrypts in well under a millisecond. Changing the passphrase rewrites one small file
atomically. Everything stays readable by the format's own tool, outside the kit::

    age -d identity.age > identity.txt          # asks for the passphrase
    age -d -i identity.txt 2026-03-10-payment-typo.yaml.age
    rm identity.txt                              # the key in plain text: delete it

Turning encryption on or off, and changing the passphrase, are in
:mod:`kit.conversion`.

The passphrase is held in a :class:`Passphrase`, whose ``repr`` and ``str`` never show
it, and is never written anywhere.
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import messages, paths
from ._text import html_escape
from .errors import KitError, UnreadableFile
from .storage import MAX_FILE_BYTES, VAULT_IDENTITY

__all__ = [
    "IDENTITY_NAME",
    "PLAIN_SUFFIX",
    "ENCRYPTED_SUFFIX",
    "MIN_PASSPHRASE",
    "EncryptionError",
    "JournalLocked",
    "WrongPassphrase",
    "Passphrase",
    "is_encrypted",
    "is_unlocked",
    "is_record_name",
    "record_id",
    "record_name",
    "key_for",
    "seal",
    "unseal",
    "record_bytes",
    "unlock_with",
    "lock",
    "unlock",
    "unlock_form",
]

IDENTITY_NAME = VAULT_IDENTITY
PLAIN_SUFFIX = ".yaml"
ENCRYPTED_SUFFIX = ".yaml.age"
MIN_PASSPHRASE = 8
_AGE_HEADER = b"age-encryption.org/v1\n"
_AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"  # age -a: the same, in base64
_IDENTITY_MAX_BYTES = 64_000
# age adds a header (~200 bytes) and 16 bytes per 64 KiB chunk to a record.
_RECORD_MAX_BYTES = MAX_FILE_BYTES + 4_096
# The journal's lock (kit/journal.py uses the same file): saves and conversions
# exclude each other.
_LOCK_NAME = ".journal.lock"
_LOCK_TIMEOUT_S = 30
# Which conversion is under way: {"command": "encrypt" | "decrypt"} (hidden, no text).
_PENDING_NAME = ".vault-pending.json"
_ROW_CACHE = ".frame-cache.json"
_PLAIN_FOLDERS = ("reports", "postmortems", "charts")

#: Unlocked identities, by resolved journal folder: this process's memory only.
_KEYS: dict[Path, Any] = {}


class EncryptionError(KitError):
    """Raised when the journal cannot be encrypted, decrypted or re-keyed as asked."""


class JournalLocked(EncryptionError):
    """Raised when an encrypted journal is read or written before it is unlocked."""


class WrongPassphrase(EncryptionError):
    """Raised when identity.age does not open with the passphrase given."""


class Passphrase:
    """A passphrase that never shows itself: not in ``repr``, ``str`` or a traceback.

    Parameters
    ----------
    value : str
        What the person typed. Read it back only with :meth:`reveal`.

    Examples
    --------
    >>> Passphrase("correct horse battery staple")
    Passphrase(hidden)
    """

    __slots__ = ("_value",)

    def __init__(self, value: str | Passphrase):
        if isinstance(value, Passphrase):
            value = value.reveal()
        if not isinstance(value, str) or not value:
            raise EncryptionError(messages.VAULT_PASSPHRASE_EMPTY)
        self._value = value

    def reveal(self) -> str:
        """The passphrase itself, for the one call that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "Passphrase(hidden)"

    __str__ = __repr__

    def __reduce__(self):  # never pickled into a file or another process
        msg = "a Passphrase cannot be pickled"
        raise TypeError(msg)


# --- names ---------------------------------------------------------------------------


def is_record_name(name: str) -> bool:
    """True for an incident file's name, plain (``.yaml``) or encrypted."""
    return not name.startswith(".") and (
        name.endswith(PLAIN_SUFFIX) or name.endswith(ENCRYPTED_SUFFIX)
    )


def record_id(name: str) -> str:
    """The incident id a record file's name stands for."""
    for suffix in (ENCRYPTED_SUFFIX, PLAIN_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def record_name(incident_id: str, encrypted: bool) -> str:
    """The file name of an incident in a plain or an encrypted journal."""
    return incident_id + (ENCRYPTED_SUFFIX if encrypted else PLAIN_SUFFIX)


def is_encrypted(folder: str | os.PathLike[str]) -> bool:
    """True when the journal in ``folder`` is encrypted (it holds ``identity.age``)."""
    return os.path.lexists(os.path.join(folder, IDENTITY_NAME))


def _resolved(folder: str | os.PathLike[str]) -> Path:
    return Path(folder).expanduser().resolve()


def is_unlocked(folder: str | os.PathLike[str]) -> bool:
    """True when an encrypted journal's key is in this process's memory."""
    return _resolved(folder) in _KEYS


def _pending(folder: Path) -> str | None:
    """The conversion under way in ``folder``, if one was started and not finished."""
    try:
        command = json.loads((folder / _PENDING_NAME).read_text("utf-8"))["command"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return command if command in ("encrypt", "decrypt") else None


# --- the key ------------------------------------------------------------------------


def _age():
    try:
        import pyrage  # type: ignore[import-untyped]  # ships no type information
    except ImportError:
        raise EncryptionError(messages.VAULT_NO_LIBRARY) from None
    return pyrage


def _check_new(passphrase: Passphrase | str) -> Passphrase:
    passphrase = Passphrase(passphrase)
    if len(passphrase.reveal()) < MIN_PASSPHRASE:
        raise EncryptionError(messages.VAULT_PASSPHRASE_SHORT.format(n=MIN_PASSPHRASE))
    return passphrase


def _identity_file(identity: Any) -> bytes:
    """The identity in age-keygen's file format, which ``age -i`` reads."""
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return (
        f"# created: {created}\n# public key: {identity.to_public()}\n"
        f"{identity}\n"
    ).encode("ascii")


def _lock_passphrase(identity_file: bytes, passphrase: Passphrase) -> bytes:
    return _age().passphrase.encrypt(identity_file, passphrase.reveal())


def _open_identity(folder: Path, passphrase: Passphrase) -> Any:
    """The identity in ``folder/identity.age``; scrypt runs here."""
    age = _age()
    where = {"name": IDENTITY_NAME, "folder": folder}
    try:
        with open(folder / IDENTITY_NAME, "rb") as handle:
            raw = handle.read(_IDENTITY_MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror
        msg = messages.VAULT_NOT_OPENED.format(name=IDENTITY_NAME, reason=reason)
        raise EncryptionError(msg) from None
    binary = raw.startswith(_AGE_HEADER)
    if not (binary and b"\n-> scrypt " in raw[:512]) and not raw.startswith(_AGE_ARMOR):
        raise EncryptionError(messages.VAULT_NOT_AN_IDENTITY_FILE.format(**where))
    try:
        text = age.passphrase.decrypt(raw, passphrase.reveal())
    except age.DecryptError:
        raise WrongPassphrase(messages.VAULT_WRONG_PASSPHRASE.format(**where)) from None
    keys = [
        line.strip()
        for line in text.decode("ascii", "replace").splitlines()
        if line.strip().startswith("AGE-SECRET-KEY-")
    ]
    del text  # the private key in plain text: not kept, not shown in a traceback
    try:
        return age.x25519.Identity.from_str(keys.pop())
    except (IndexError, age.IdentityError):
        raise EncryptionError(messages.VAULT_IDENTITY_DAMAGED.format(**where)) from None


def unlock_with(
    folder: str | os.PathLike[str], passphrase: Passphrase | str
) -> None:
    """Unlock an encrypted journal for this process with its passphrase.

    Runs the passphrase's key derivation once (about a second, by design); the key
    stays in this process's memory until :func:`lock` or the process ends.

    Raises
    ------
    WrongPassphrase
        When ``identity.age`` does not open with it (nothing is changed).
    EncryptionError
        When the journal is not encrypted, or ``identity.age`` is damaged.
    """
    passphrase = Passphrase(passphrase)  # from here on, shown as Passphrase(hidden)
    folder = Path(folder).expanduser()
    if not is_encrypted(folder):
        raise EncryptionError(messages.VAULT_NOT_ENCRYPTED.format(path=folder))
    _KEYS[_resolved(folder)] = _open_identity(folder, passphrase)


def lock(folder: str | os.PathLike[str] | None = None) -> None:
    """Forget the key of ``folder`` (of every journal when None) in this process."""
    if folder is None:
        _KEYS.clear()
    else:
        _KEYS.pop(_resolved(folder), None)


def key_for(folder: str | os.PathLike[str]) -> Any | None:
    """The unlocked key of an encrypted journal; None for a plain journal.

    Raises
    ------
    JournalLocked
        When the journal is encrypted and not unlocked in this process.
    """
    if not is_encrypted(folder):
        return None
    try:
        return _KEYS[_resolved(folder)]
    except KeyError:
        msg = messages.VAULT_LOCKED.format(path=folder)
        raise JournalLocked(msg) from None


# --- records ------------------------------------------------------------------------


def seal(folder: str | os.PathLike[str], data: bytes) -> bytes:
    """``data`` as it is stored in the journal: encrypted when the journal is."""
    identity = key_for(folder)
    if identity is None:
        return data
    return _age().encrypt(data, [identity.to_public()])


def unseal(folder: str | os.PathLike[str], data: bytes) -> bytes:
    """The inverse of :func:`seal` for the journal's own hidden files (the row cache).

    Raises ``UnreadableFile`` when ``data`` does not decrypt with the journal's key.
    """
    identity = key_for(folder)
    if identity is None:
        return data
    return _decrypt(Path(folder) / ".frame-cache.json.age", data, identity)


def _decrypt(path: Path, raw: bytes, identity: Any) -> bytes:
    age = _age()
    if not raw.startswith((_AGE_HEADER, _AGE_ARMOR)):
        raise UnreadableFile(messages.VAULT_NOT_AGE.format(name=path.name))
    try:
        return age.decrypt(raw, [identity])
    except age.DecryptError:
        header = raw[:1024].split(b"\n---", 1)[0]
        if b"\n-> scrypt " in header:
            msg = messages.VAULT_PASSPHRASE_FILE.format(name=path.name)
        else:
            msg = messages.VAULT_OTHER_KEY.format(name=path.name)
        raise UnreadableFile(msg) from None


def _read_capped(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            msg = messages.VAULT_TOO_LARGE.format(
                name=path.name, size=size, limit=limit
            )
            raise UnreadableFile(msg)
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        msg = messages.VAULT_NOT_OPENED.format(name=path.name, reason=error.strerror)
        raise UnreadableFile(msg) from None


def record_bytes(path: Path) -> bytes | None:
    """A record file's YAML bytes, decrypted; None for a plain file of a plain journal.

    Raises
    ------
    UnreadableFile
        For a plain file in an encrypted journal, an encrypted file in a plain one,
        or a file that does not decrypt with the journal's key (the reason says which
        and what to do; the file is never changed).
    JournalLocked
        When the journal is encrypted and locked.
    """
    folder = path.parent
    encrypted = is_encrypted(folder)
    if path.name.endswith(ENCRYPTED_SUFFIX):
        if not encrypted:
            msg = messages.VAULT_ENCRYPTED_IN_PLAIN.format(name=path.name)
            raise UnreadableFile(msg)
        identity = key_for(folder)
        return _decrypt(path, _read_capped(path, _RECORD_MAX_BYTES), identity)
    if encrypted:
        command = _pending(folder)
        msg = (
            messages.VAULT_PLAIN_WHILE_CHANGING.format(name=path.name, command=command)
            if command
            else messages.VAULT_PLAIN_IN_ENCRYPTED.format(name=path.name)
        )
        raise UnreadableFile(msg)
    return None


# --- the notebook's unlock step -------------------------------------------------------


def _journal_folder(journal: Any) -> Path | None:
    if journal is None:
        return paths.journal_dir()
    if str(journal) == "sample":
        return None
    return Path(getattr(journal, "path", journal)).expanduser()


def unlock(journal: Any = None, *, ask=None):
    """The unlock step at the top of a notebook: asks for the passphrase if needed.

    Does nothing, and shows nothing, for a plain journal, the sample, or a journal
    already unlocked in this kernel. For an encrypted one it asks with a password
    prompt (``getpass``: JupyterLab shows a hidden input field and waits, so Run All
    works). Where a kernel cannot ask (a Voila app, a notebook run by a test), it
    returns a password form instead: type the passphrase, press Unlock; whatever runs
    after that (a button press, a cell run again) finds the journal unlocked. Cells
    that already ran while it was locked stopped with ``JournalLocked``.

    Parameters
    ----------
    journal : Journal, str, Path or None
        The journal, or its folder (None: your journal; ``"sample"``: nothing to do).
    ask : callable, optional
        Asks for the passphrase (default ``getpass.getpass``).

    Returns
    -------
    None or ipywidgets.VBox
        The form, when the kernel could not ask; otherwise None.

    Raises
    ------
    WrongPassphrase
        When the passphrase typed does not open the journal (nothing is changed: run
        the cell again).
    """
    folder = _journal_folder(journal)
    if folder is None or not is_encrypted(folder) or is_unlocked(folder):
        return None
    ask = ask or getpass.getpass
    try:
        secret = Passphrase(ask(messages.VAULT_PROMPT))
    except (NotImplementedError, EOFError, OSError):
        # IPython's StdinNotImplementedError is a NotImplementedError: no stdin here.
        return unlock_form(folder)
    unlock_with(folder, secret)
    return None


def unlock_form(journal: Any = None):
    """A password field and an Unlock button, for apps where no prompt can be shown.

    The field is emptied after each try, so the passphrase does not stay in the
    widget (nor in a notebook saved with widget state).

    Returns
    -------
    ipywidgets.VBox
        With ``.password``, ``.button`` and ``.status``, for tests.
    """
    import ipywidgets as widgets

    folder = _journal_folder(journal) or paths.sample_journal()  # never encrypted
    intro = widgets.Label(value=messages.VAULT_FORM_INTRO)
    password = widgets.Password(
        description=messages.VAULT_FORM_LABEL, style={"description_width": "initial"}
    )
    button = widgets.Button(description=messages.VAULT_FORM_BUTTON,
                            button_style="primary")
    status = widgets.HTML(value="")  # announced by screen readers (role status/alert)

    def on_click(_button) -> None:
        try:
            try:
                secret = Passphrase(password.value)
            finally:
                password.value = ""
            unlock_with(folder, secret)
        except EncryptionError as error:
            status.value = f'<div role="alert">{html_escape(str(error))}</div>'
        else:
            text = html_escape(messages.VAULT_FORM_UNLOCKED)
            status.value = f'<div role="status">{text}</div>'

    button.on_click(on_click)
    box = widgets.VBox([intro, widgets.HBox([password, button]), status])
    box.password, box.button, box.status = password, button, status
    return box
