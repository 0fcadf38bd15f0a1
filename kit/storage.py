"""Safe files: strict YAML reading, verified writing, atomic saves, private folders.

Shared by the journal and the team exports, so that every file the kit writes is written
the same careful way: a temp file in the same folder, flushed, fsynced, checked, moved
into place with ``os.replace``, and the folder fsynced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import yaml

from . import messages
from .errors import AlreadyExists, SaveFailed, UnreadableFile

__all__ = [
    "MAX_FILE_BYTES",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "read_yaml",
    "parse_yaml",
    "dump_yaml",
    "atomic_write",
    "private_dir",
    "is_temp_name",
    "VAULT_IDENTITY",
]

MAX_FILE_BYTES = 1_000_000
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_TEMP_SUFFIX = ".tmp"
#: The key file of an encrypted journal (kit/vault.py): its folder holds no plain text.
VAULT_IDENTITY = "identity.age"

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """``safe_load`` that also refuses aliases (alias bombs) and duplicate keys."""

    def construct_object(self, node, deep=False):  # noqa: D102
        if node in self.constructed_objects or node in self.recursive_objects:
            msg = messages.YAML_ALIASES
            raise yaml.constructor.ConstructorError(None, None, msg, node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):  # noqa: D102
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:
                    duplicate = False  # an unhashable key fails later, with its reason
                if duplicate:
                    msg = messages.YAML_KEY_TWICE.format(key=str(key)[:60])
                    raise yaml.constructor.ConstructorError(
                        None, None, msg, key_node.start_mark
                    )
            # keys were constructed above; forget them so values may reuse nothing
            for key_node, _ in node.value:
                self.constructed_objects.pop(key_node, None)
        return super().construct_mapping(node, deep=deep)


def _yaml_reason(error: yaml.YAMLError) -> tuple[str, str]:
    """Where and what, from the parser's own words, never the file's text."""
    problem = getattr(error, "problem", None) or getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None)
    where = (
        messages.YAML_NEAR.format(line=mark.line + 1, column=mark.column + 1)
        if mark
        else ""
    )
    problem = (problem or messages.YAML_NOT_WELL_FORMED).split("\n")[0][:120]
    return where, problem


def parse_yaml(raw: bytes, name: str) -> Any:
    """Parse bytes as strict, safe YAML; raise ``UnreadableFile`` naming ``name``.

    The reason says what is wrong and where, never quoting the file's contents.
    """
    if len(raw) > MAX_FILE_BYTES:
        msg = messages.FILE_TOO_LARGE.format(
            name=name, size=len(raw), limit=MAX_FILE_BYTES
        )
        raise UnreadableFile(msg)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = messages.FILE_NOT_UTF8.format(name=name, position=error.start)
        raise UnreadableFile(msg) from None
    if not text.strip():
        msg = messages.FILE_EMPTY.format(name=name)
        raise UnreadableFile(msg)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        where, problem = _yaml_reason(error)
        msg = messages.FILE_NOT_YAML.format(name=name, where=where, problem=problem)
        raise UnreadableFile(msg) from None
    except RecursionError:
        msg = messages.FILE_TOO_DEEP.format(name=name)
        raise UnreadableFile(msg) from None


def read_yaml(path: Path) -> Any:
    """Read one YAML file safely (size capped before reading); see ``parse_yaml``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return parse_yaml(b"x" * (MAX_FILE_BYTES + 1), path.name)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        msg = messages.FILE_NOT_OPENED.format(name=path.name, reason=error.strerror)
        raise UnreadableFile(msg) from None
    return parse_yaml(raw, path.name)


def dump_yaml(data: Any) -> str:
    """Serialise to YAML and prove it reads back identically.

    Readable Unicode is tried first; where a character would not survive (U+0085 and
    other line breaks read back as spaces), every non-ASCII character is escaped.
    """
    for unicode in (True, False):
        text = yaml.dump(
            data,
            Dumper=_BaseDumper,
            allow_unicode=unicode,
            sort_keys=False,
            default_flow_style=False,
            width=88,
        )
        try:  # our own output has no aliases or duplicate keys: the plain safe
            if yaml.load(text, Loader=_BaseLoader) == data:  # loader checks it
                return text
        except yaml.YAMLError:
            continue
    msg = messages.YAML_DOES_NOT_READ_BACK
    raise SaveFailed(msg)


def is_temp_name(name: str) -> bool:
    """True for the kit's own in-flight temp files (hidden, ending in .tmp)."""
    return name.startswith(".") and name.endswith(_TEMP_SUFFIX)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems do not allow opening folders; the replace still held
    try:
        os.fsync(fd)
    except OSError:
        pass  # fsync on a folder is unsupported on some filesystems
    finally:
        os.close(fd)


def _link_new(temp: Path, path: Path) -> None:
    """Give the finished temp file the name ``path``, only if that name is free."""
    try:
        os.link(temp, path)
    except FileExistsError:
        msg = messages.ALREADY_EXISTS.format(name=path.name)
        raise AlreadyExists(msg) from None


def _refuse_plain_in_vault(path: Path) -> None:
    """Refuse a plain file in an encrypted journal's folder or one of its folders."""
    if path.name.endswith(".age"):
        return
    for folder in (path.parent, path.parent.parent):
        if (folder / VAULT_IDENTITY).exists():
            msg = messages.VAULT_PLAIN_REFUSED.format(
                name=path.name, folder=path.parent
            )
            raise SaveFailed(msg)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    mode: int = PRIVATE_FILE_MODE,
    overwrite: bool = True,
    plain_ok: bool = False,
) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one.

    A temp file in the same folder is written, flushed, fsynced and then put in place;
    then the folder is fsynced. On any failure the temp file is removed and the old
    file is left untouched.

    With ``overwrite=True`` the temp file replaces the target (``os.replace``). With
    ``overwrite=False`` it is hard-linked to the target name (``os.link``), which the
    operating system refuses atomically when the name exists: two writers racing for
    one name cannot both win, and an existing file is never replaced. This is the
    kit's one way of refusing to replace a file.

    Inside an encrypted journal (a folder holding ``identity.age``, or a folder in
    it) only ``.age`` files are written, so nothing sits there in plain text;
    ``plain_ok=True`` is for turning encryption off.

    Raises
    ------
    SaveFailed
        When the folder is not writable, the disk is full or the move fails; its
        subclass ``AlreadyExists`` when ``overwrite=False`` and the file is there;
        also for a plain file inside an encrypted journal.
    """
    folder = path.parent
    if not plain_ok:
        _refuse_plain_in_vault(path)
    temp = folder / f".{path.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)  # the umask may have narrowed or widened it
            if overwrite:
                os.replace(temp, path)
            else:
                _link_new(temp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    except SaveFailed:
        raise
    except OSError as error:
        reason = error.strerror or type(error).__name__
        msg = messages.SAVE_FAILED.format(name=path.name, folder=folder, reason=reason)
        raise SaveFailed(msg) from None
    _fsync_dir(folder)


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and parents) readable by its owner only, if it is missing."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder
