"""kit.team: the notebooks' one name for the team's tools, defining nothing itself."""

from __future__ import annotations

import ast
import inspect
import re

import kit
import kit.paths
from kit import export, mentor, pool, privacy, team, team_charts


def test_every_name_is_the_one_from_its_own_module():
    homes = (export, pool, privacy, team_charts, mentor)
    for name in team.__all__:
        value = getattr(team, name)
        owners = [module for module in homes if getattr(module, name, None) is value]
        assert owners, name
        assert any(name in module.__all__ for module in owners), name


def test_the_design_names_work():
    assert kit.team.export_anonymous is export.export_anonymous
    assert kit.team.pool is pool.pool
    assert team.MIN_PEOPLE == privacy.MIN_PEOPLE == 5


def test_the_namespace_holds_no_logic():
    tree = ast.parse(inspect.getsource(team))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Assign"}, kinds
    (assign,) = [node for node in tree.body if isinstance(node, ast.Assign)]
    assert [target.id for target in assign.targets] == ["__all__"]


def test_the_notebooks_names_are_all_here():
    used = set()
    for name in ("05-mentor-walkthrough", "06-team-workshop",
                 "07-resilient-against-what"):
        source = (kit.paths.notebooks_source() / f"{name}.ipynb").read_text()
        used |= set(re.findall(r"kit\.team\.(\w+)", source))
    assert used and used <= set(team.__all__)
