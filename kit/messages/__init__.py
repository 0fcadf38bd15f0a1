"""Every word the kit says to a person, in one place so its tone can be read as a whole.

The kit reflects; it does not diagnose, blame or shame. Keep these words plain and kind;
a test runs ``kit.check_blame`` over all of them. One file per part of the kit
(``record.py``, ``trend.py``, ``forms.py`` ...); every public name of every file here is
available as ``kit.messages.NAME``.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__: list[str] = []

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    _module = importlib.import_module(f".{_info.name}", __name__)
    for _name in getattr(_module, "__all__", ()):
        if _name in globals():  # one flat namespace: a clash would hide words
            _msg = f"kit.messages.{_info.name} redefines {_name}"
            raise ImportError(_msg)
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
del _info, _module, _name


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

    for name in __all__:
        walk(name, globals()[name])
    return found
