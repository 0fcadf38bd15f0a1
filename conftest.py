"""Keep every test run away from real journals and the real home folder.

Set before anything starts a kernel or a server, so notebook kernels (nbval), JupyterLab
and Voila inherit it: KIT_JOURNAL points at a fresh empty folder, HOME and the Jupyter,
IPython and matplotlib folders at a temporary home.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    root = Path(tempfile.mkdtemp(prefix="kit-test-"))
    home = root / "home"
    home.mkdir()
    os.environ["KIT_TEST_ROOT"] = str(root)
    os.environ["KIT_JOURNAL"] = str(root / "journal")
    os.environ["HOME"] = str(home)
    os.environ["JUPYTER_CONFIG_DIR"] = str(home / ".jupyter")
    os.environ["JUPYTER_DATA_DIR"] = str(home / ".local" / "share" / "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(
        home / ".local" / "share" / "jupyter" / "rt"
    )
    os.environ["IPYTHONDIR"] = str(home / ".ipython")
    os.environ["MPLCONFIGDIR"] = str(home / ".matplotlib")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
