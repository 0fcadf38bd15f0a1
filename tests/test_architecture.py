"""The shape of the package: arrows one way, declared public surfaces, small modules.

- No import cycle between the kit's modules, counting imports inside functions (a
  cycle hidden in a function is still a cycle a reader has to untangle).
- Each module's ``__all__`` lists exactly its public names (httpx's habit): every
  public name it defines is exported, and every exported name exists.
- No module grows past about 600 lines, the live companion excepted.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import kit

PACKAGE = Path(kit.__file__).resolve().parent
MAX_LINES = 600
ALLOWED_LONGER = {"kit.forms.live"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "__pycache__" not in path.parts
}


def _resolve(source: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module a relative import names, seen from ``source``."""
    if level == 0:
        return name or ""
    base = source.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _targets(module: str) -> set[str]:
    """Every kit module that ``module`` imports, anywhere in its body."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = _resolve(module, is_package, node.level, node.module)
            names = [origin]
            # ``from . import messages`` imports a module, not a name
            names += [f"{origin}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            # a package's own __init__ always runs before its modules: not an arrow
            if name and name != module and not module.startswith(name + "."):
                found.add(name)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_anywhere_in_kit():
    graph = {module: _targets(module) for module in MODULES}
    assert "kit.journal" in graph["kit.frame"] or "kit.frame" in graph["kit.journal"]
    cycle = _cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def _defined_public(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names.add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")} - {"__all__"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_all_lists_exactly_the_public_names(module):
    if module == "kit.messages":
        pytest.skip("kit.messages gathers its files' names on first use")
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    loaded = importlib.import_module(module)
    exported = getattr(loaded, "__all__", None)
    assert exported is not None, f"{module} has no __all__"
    assert len(exported) == len(set(exported)), f"{module}.__all__ repeats a name"
    missing = _defined_public(tree) - set(exported)
    assert not missing, f"{module} defines public names not in __all__: {missing}"
    for name in exported:
        assert not name.startswith("_"), f"{module}.__all__ exports private {name}"
        assert getattr(loaded, name, None) is not None, f"{module}.{name} is missing"


def test_kit_exports_its_lazy_names_and_nothing_private():
    lazy = set(kit._LAZY)
    assert lazy <= set(kit.__all__)
    for name in kit.__all__:
        assert getattr(kit, name) is not None, name
    assert not [name for name in dir(kit) if name in kit.__all__ and name[0] == "_"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    if module in ALLOWED_LONGER:
        pytest.skip("the live companion is one long guided flow")
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines (keep it under {MAX_LINES})"
