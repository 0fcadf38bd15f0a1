"""Turning the journal's encryption on and off, and changing its passphrase.

Each conversion works one file at a time under the journal's lock, and every step
leaves each incident readable: as plain YAML, or encrypted to the key in
``identity.age``. Killed at any moment, a conversion is finished by running it again
(``python -m kit encrypt``, ``decrypt`` or ``rekey``). A changed passphrase rewrites
``identity.age`` alone, atomically: it opens with the old passphrase or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import messages, paths
from .errors import SaveFailed, UnreadableFile
from .storage import PRIVATE_FILE_MODE, atomic_write, private_dir
from .vault import (
    _KEYS,
    _LOCK_NAME,
    _LOCK_TIMEOUT_S,
    _PENDING_NAME,
    _PLAIN_FOLDERS,
    _RECORD_MAX_BYTES,
    _ROW_CACHE,
    ENCRYPTED_SUFFIX,
    IDENTITY_NAME,
    PLAIN_SUFFIX,
    EncryptionError,
    Passphrase,
    _age,
    _check_new,
    _decrypt,
    _identity_file,
    _lock_passphrase,
    _open_identity,
    _pending,
    _read_capped,
    _resolved,
    is_encrypted,
    is_record_name,
    lock,
)

__all__ = [
    "Conversion",
    "encrypt_journal",
    "decrypt_journal",
    "change_passphrase",
    "run_command",
]


@dataclass
class Conversion:
    """What a conversion did: how many incidents, and which files were left as is.

    ``left`` holds ``(file name, reason)`` pairs; ``finished`` is False when the
    command must be run again once those files are sorted out.
    """

    command: str
    path: Path
    converted: int = 0
    left: list[tuple[str, str]] = field(default_factory=list)
    plain_folders: list[str] = field(default_factory=list)
    finished: bool = True

    def __str__(self) -> str:
        done = (
            messages.VAULT_PART_DONE
            if not self.finished
            else messages.VAULT_ENCRYPTED_DONE
            if self.command == "encrypt"
            else messages.VAULT_DECRYPTED_DONE
        )
        lines = [done.format(n=self.converted, path=self.path)]
        if self.left:
            lines.append(messages.VAULT_LEFT_AS_IS.format(n=len(self.left)))
            lines += [f"- {reason}" for _name, reason in self.left]
        if self.plain_folders:
            lines.append(
                messages.VAULT_PLAIN_FOLDERS.format(
                    folders=", ".join(f"{name}/" for name in self.plain_folders)
                )
            )
        if not self.finished:
            lines.append(messages.VAULT_UNFINISHED.format(command=self.command))
        return "\n".join(lines)


@contextlib.contextmanager
def _journal_lock(folder: Path):
    import filelock

    lock_file = filelock.FileLock(
        folder / _LOCK_NAME, timeout=_LOCK_TIMEOUT_S, mode=PRIVATE_FILE_MODE
    )
    try:
        with lock_file:
            yield
    except filelock.Timeout:
        raise SaveFailed(messages.LOCK_TIMEOUT.format(path=folder)) from None


def _folder(path: str | os.PathLike[str] | None, *, create: bool = False) -> Path:
    folder = Path(path).expanduser() if path is not None else paths.journal_dir()
    if create and not folder.exists():
        try:
            private_dir(folder)  # a new journal, encrypted from its first incident
        except OSError as error:
            reason = error.strerror
            msg = messages.JOURNAL_NOT_CREATED.format(path=folder, reason=reason)
            raise SaveFailed(msg) from None
    if not folder.is_dir():
        raise EncryptionError(messages.VAULT_NOT_A_FOLDER.format(path=folder))
    return folder


def _set_pending(folder: Path, command: str) -> None:
    data = json.dumps({"command": command}).encode("utf-8")
    atomic_write(folder / _PENDING_NAME, data, plain_ok=True)  # a word, no text


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _names(folder: Path, suffix: str) -> list[str]:
    """Record files of exactly this kind (``.yaml`` leaves out ``.yaml.age``)."""
    return sorted(
        entry.name
        for entry in os.scandir(folder)
        if is_record_name(entry.name)
        and entry.name.endswith(suffix)
        and not (suffix == PLAIN_SUFFIX and entry.name.endswith(ENCRYPTED_SUFFIX))
        and entry.is_file(follow_symlinks=False)
    )


def _same_plain(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _plain_folders(folder: Path) -> list[str]:
    return [name for name in _PLAIN_FOLDERS if (folder / name).is_dir()]


def encrypt_journal(
    path: str | os.PathLike[str] | None, passphrase: Passphrase | str
) -> Conversion:
    """Turn encryption on: a new key locked by ``passphrase``, then every incident.

    Works on an empty (new) journal too. Each plain ``<id>.yaml`` is encrypted to
    ``<id>.yaml.age``, read back and compared, and only then removed. Killed at any
    moment, every incident is still either plain or encrypted to the key in
    ``identity.age``; running this again (with the same passphrase) finishes the job.
    The plain row cache is removed. Files the kit did not make are encrypted
    byte for byte.

    Parameters
    ----------
    path : str or Path or None
        The journal folder (None: your journal).
    passphrase : Passphrase or str
        At least ``MIN_PASSPHRASE`` characters. Never written anywhere.

    Returns
    -------
    Conversion
        How many incidents were encrypted and which files were left as they are.

    Raises
    ------
    EncryptionError
        When the journal is already encrypted (use :func:`change_passphrase`).
    WrongPassphrase
        When finishing a stopped run with a passphrase other than the one it set.
    """
    passphrase = Passphrase(passphrase)  # from here on, shown as Passphrase(hidden)
    folder = _folder(path, create=True)
    with _journal_lock(folder):
        if is_encrypted(folder):
            if _pending(folder) != "encrypt":
                msg = messages.VAULT_ALREADY_ENCRYPTED.format(path=folder)
                raise EncryptionError(msg)
            identity = _open_identity(folder, passphrase)
        else:
            passphrase = _check_new(passphrase)
            identity = _age().x25519.Identity.generate()
            sealed_key = _lock_passphrase(_identity_file(identity), passphrase)
            _set_pending(folder, "encrypt")
            atomic_write(folder / IDENTITY_NAME, sealed_key, overwrite=False)
        _KEYS[_resolved(folder)] = identity
        _unlink(folder / _ROW_CACHE)  # rows in plain text
        report = Conversion("encrypt", folder, plain_folders=_plain_folders(folder))
        recipient = identity.to_public()
        for name in _names(folder, PLAIN_SUFFIX):
            plain, target = folder / name, folder / (name + ".age")
            data = plain.read_bytes()
            if target.exists():
                try:
                    same = _decrypt(target, target.read_bytes(), identity) == data
                except UnreadableFile:
                    same = False
                if not same:
                    report.left.append((name, messages.VAULT_CONFLICT.format(
                        name=name, other=target.name)))
                    continue
            else:
                atomic_write(target, _age().encrypt(data, [recipient]), overwrite=False)
                if _decrypt(target, target.read_bytes(), identity) != data:
                    # never remove the plain copy unless the sealed one reads back
                    report.left.append((name, messages.VAULT_CONFLICT.format(
                        name=name, other=target.name)))
                    continue
            plain.unlink()
            _fsync_folder(folder)
            report.converted += 1
        report.finished = not report.left
        if report.finished:
            _unlink(folder / _PENDING_NAME)
        return report


def decrypt_journal(
    path: str | os.PathLike[str] | None, passphrase: Passphrase | str
) -> Conversion:
    """Turn encryption off: every incident back to plain ``<id>.yaml``, then the key.

    Each ``<id>.yaml.age`` is decrypted to ``<id>.yaml`` and only then removed;
    ``identity.age`` goes last, once no encrypted incident is left. Killed at any
    moment, every incident is either plain or still encrypted to the key;
    running this again finishes the job. Files that do not decrypt are left as they
    are, and so is the key, until they are sorted out.

    Raises
    ------
    EncryptionError
        When the journal is not encrypted.
    WrongPassphrase
        When ``identity.age`` does not open with ``passphrase`` (nothing is changed).
    """
    passphrase = Passphrase(passphrase)  # from here on, shown as Passphrase(hidden)
    folder = _folder(path)
    with _journal_lock(folder):
        if not is_encrypted(folder):
            raise EncryptionError(messages.VAULT_NOT_ENCRYPTED.format(path=folder))
        identity = _open_identity(folder, passphrase)
        _set_pending(folder, "decrypt")
        report = Conversion("decrypt", folder)
        for name in _names(folder, ENCRYPTED_SUFFIX):
            sealed = folder / name
            target = folder / name[: -len(".age")]
            try:
                data = _decrypt(sealed, _read_capped(sealed, _RECORD_MAX_BYTES),
                                identity)
            except UnreadableFile as error:
                report.left.append((name, str(error)))
                continue
            if target.exists():
                if not _same_plain(target, data):
                    report.left.append((name, messages.VAULT_CONFLICT.format(
                        name=target.name, other=name)))
                    continue
            else:
                atomic_write(target, data, overwrite=False, plain_ok=True)
            sealed.unlink()
            _fsync_folder(folder)
            report.converted += 1
        report.finished = not report.left
        if report.finished:
            _unlink(folder / (_ROW_CACHE + ".age"))  # unreadable once the key is gone
            (folder / IDENTITY_NAME).unlink()
            _fsync_folder(folder)
            _unlink(folder / _PENDING_NAME)
            lock(folder)
        return report


def change_passphrase(
    path: str | os.PathLike[str] | None,
    old: Passphrase | str,
    new: Passphrase | str,
) -> None:
    """Change the passphrase: ``identity.age`` is rewritten atomically, nothing else.

    Killed at any moment, ``identity.age`` opens with the old passphrase or the new
    one (try both). The incidents keep their key, so none is rewritten.

    Raises
    ------
    WrongPassphrase
        When ``old`` does not open ``identity.age`` (nothing is changed).
    EncryptionError
        When the journal is not encrypted, or ``new`` is too short.
    """
    old, new = Passphrase(old), Passphrase(new)  # shown as Passphrase(hidden)
    folder = _folder(path)
    new = _check_new(new)
    with _journal_lock(folder):
        if not is_encrypted(folder):
            raise EncryptionError(messages.VAULT_NOT_ENCRYPTED.format(path=folder))
        identity = _open_identity(folder, old)
        sealed = _lock_passphrase(_identity_file(identity), new)
        atomic_write(folder / IDENTITY_NAME, sealed)
        _KEYS[_resolved(folder)] = identity


# --- the commands: python -m kit encrypt | decrypt | rekey ---------------------------


def _ask_new(ask) -> Passphrase:
    first = Passphrase(ask(messages.VAULT_PROMPT_NEW))
    second = Passphrase(ask(messages.VAULT_PROMPT_NEW_AGAIN))
    if first.reveal() != second.reveal():
        raise EncryptionError(messages.VAULT_PASSPHRASES_DIFFER)
    return _check_new(first)


def run_command(command: str, path=None, *, ask=None, say=print) -> int:
    """Run ``encrypt``, ``decrypt`` or ``rekey`` from a terminal; return the exit code.

    Passphrases are read with ``ask`` (default ``getpass.getpass``: typed, never
    shown, never taken from the command line). A new passphrase is asked twice.
    ``encrypt`` run again after it was stopped asks for the passphrase it set.
    """
    import getpass

    ask = ask or getpass.getpass
    folder = Path(path).expanduser() if path is not None else paths.journal_dir()
    if command == "encrypt":
        resuming = is_encrypted(folder) and _pending(folder) == "encrypt"
        secret = (
            Passphrase(ask(messages.VAULT_PROMPT))
            if resuming or is_encrypted(folder)
            else _ask_new(ask)
        )
        report = encrypt_journal(folder, secret)
    elif command == "decrypt":
        report = decrypt_journal(folder, Passphrase(ask(messages.VAULT_PROMPT)))
    else:
        if not is_encrypted(folder):
            raise EncryptionError(messages.VAULT_NOT_ENCRYPTED.format(path=folder))
        old = Passphrase(ask(messages.VAULT_PROMPT_CURRENT))
        change_passphrase(folder, old, _ask_new(ask))
        say(messages.VAULT_REKEYED.format(path=folder))
        return 0
    say(str(report))
    return 0 if report.finished else 1
