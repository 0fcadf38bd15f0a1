"""A built wheel works on its own: installed into a fresh virtual environment (no
editable install, no repository on the path), it copies its notebooks with
``python -m kit notebooks DIR`` and runs notebooks 00, 04 and 06 on its shipped
samples.

The fresh environment gets the kit from the wheel only. Its third-party packages
(pandas, JupyterLab, ...) come from the test environment through a ``.pth`` line, so
the test needs no network and does not reinstall them; the kit itself is never
importable from there (the test checks where ``kit`` was imported from).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.slow

NOTEBOOKS_TO_RUN = (
    "00-start-here.ipynb",
    "04-your-trend.ipynb",
    "06-team-workshop.ipynb",
)

RUN = """
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=180, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
outputs = [o for c in nb.cells for o in c.get("outputs", [])]
errors = [o for o in outputs if o.get("output_type") == "error"]
print("errors:", len(errors))
"""


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return Path(out)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
         str(ROOT)],
        capture_output=True, text=True, cwd=work,
    )
    if built.returncode != 0:
        pytest.fail(f"the wheel did not build:\n{built.stderr[-2000:]}")
    wheel = next(dist.glob("*.whl"))
    env_dir = work / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         str(wheel)],
        check=True, capture_output=True, cwd=work,
    )
    # Third-party packages from the test environment; never the repository.
    ours = Path(sysconfig.get_paths()["purelib"])
    (_site_packages(python) / "_test_dependencies.pth").write_text(f"{ours}\n")
    clean = {
        key: value for key, value in os.environ.items() if key != "PYTHONPATH"
    }
    clean["KIT_JOURNAL"] = str(work / "journal")
    clean.pop("KIT_NOTEBOOKS_SOURCE", None)
    return python, work, clean


def test_the_kit_comes_from_the_wheel(installed):
    python, work, env = installed
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import kit, kit.paths as p; print(kit.__file__); "
            "print(p.sample_journal());"
            " print(p.team_sample()); print(p.notebooks_source())",
        ],
        capture_output=True, text=True, check=True, cwd=work, env=env,
    ).stdout.split()
    site = str(_site_packages(python))
    assert all(line.startswith(site) for line in where), where
    assert not any(str(ROOT) in line for line in where)


def test_notebooks_command_copies_without_overwriting(installed):
    python, work, env = installed
    target = work / "mine"
    first = subprocess.run(
        [str(python), "-m", "kit", "notebooks", str(target)],
        capture_output=True, text=True, check=True, cwd=work, env=env,
    )
    assert "Copied 8" in first.stdout
    names = sorted(p.name for p in target.glob("*.ipynb"))
    assert names == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    edited = target / "00-start-here.ipynb"
    edited.write_text(edited.read_text() + " ")
    before = edited.read_bytes()
    again = subprocess.run(
        [str(python), "-m", "kit", "notebooks", str(target)],
        capture_output=True, text=True, check=True, cwd=work, env=env,
    )
    assert "nothing was changed" in again.stdout
    assert edited.read_bytes() == before
    assert oct(target.stat().st_mode & 0o777) == "0o700"


@pytest.mark.parametrize("name", NOTEBOOKS_TO_RUN)
def test_notebook_runs_from_the_installed_wheel(installed, name):
    python, work, env = installed
    target = work / "run"
    if not target.exists():
        subprocess.run(
            [str(python), "-m", "kit", "notebooks", str(target)],
            capture_output=True, text=True, check=True, cwd=work, env=env,
        )
    result = subprocess.run(
        [str(python), "-c", RUN, str(target / name), str(target)],
        capture_output=True, text=True, cwd=target, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "errors: 0" in result.stdout
