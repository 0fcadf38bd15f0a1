"""The public surface: what notebooks import, and nothing private."""

from __future__ import annotations

import subprocess
import sys

import kit


def test_all_names_resolve():
    for name in kit.__all__:
        assert getattr(kit, name) is not None, name
        assert not name.startswith("_")


def test_the_design_api_is_there():
    for name in (
        "Journal",
        "Incident",
        "trend",
        "Trend",
        "check_blame",
        "BlameFinding",
        "to_markdown",
        "report",
        "charts",
        "forms",
        "team",
        "KitError",
    ):
        assert name in kit.__all__, name
    assert callable(kit.report) and callable(kit.trend) and callable(kit.to_markdown)
    assert callable(kit.forms.log_form) and callable(kit.forms.live_companion)
    assert callable(kit.team.export_anonymous) and callable(kit.team.pool)
    assert callable(kit.charts.panic_to_action)


def test_every_kit_error_shares_one_root():
    for name in kit.errors.__all__:
        error = getattr(kit.errors, name)
        assert issubclass(error, kit.KitError)
        assert (error.__doc__ or "").startswith("Raised"), name


def test_import_kit_does_not_import_charts_or_widgets():
    code = (
        "import sys, kit; "
        "print(sorted(m for m in ('matplotlib.pyplot', 'ipywidgets', 'kit.charts', "
        "'kit.forms.live') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
