"""Every word the kit says to a person, in one place so its tone can be read as a whole.

The kit reflects; it does not diagnose, blame or shame. Keep these words plain and kind;
a test runs ``kit.check_blame`` over all of them. One file per part of the kit
(``record.py``, ``trend.py``, ``forms.py`` ...); every public name of every file here is
available as ``kit.messages.NAME``. The files are read on first use, so ``import kit``
stays quick.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

_loaded: dict[str, Any] = {}


def _load_all() -> dict[str, Any]:
    """Import every message file once; refuse two files defining the same name."""
    if not _loaded:
        found: dict[str, Any] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            module = importlib.import_module(f".{info.name}", __name__)
            for name in getattr(module, "__all__", ()):
                if name in found:  # one flat namespace: a clash would hide words
                    msg = f"kit.messages.{info.name} redefines {name}"
                    raise ImportError(msg)
                found[name] = getattr(module, name)
        _loaded.update(found)
    return _loaded


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return sorted(_load_all())
    try:
        return _load_all()[name]
    except KeyError:
        msg = f"module 'kit.messages' has no attribute {name!r}"
        raise AttributeError(msg) from None


def __dir__() -> list[str]:
    return sorted([*globals(), *_load_all()])


def all_texts() -> list[tuple[str, str]]:
    """Every user-facing string here as ``(name, text)``, for tone checks."""
    found: list[tuple[str, str]] = []

    def walk(name: str, value: object) -> None:
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{name}[{key!r}]", item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                walk(f"{name}[{index}]", item)
        elif hasattr(value, "__dataclass_fields__"):  # rule records and the like
            for field in value.__dataclass_fields__:
                walk(f"{name}.{field}", getattr(value, field))

    for name, value in sorted(_load_all().items()):
        walk(name, value)
    return found
