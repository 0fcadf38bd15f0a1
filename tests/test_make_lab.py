"""`make lab`, the README's first command, opens JupyterLab on the start-here page."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import urllib.request

import pytest
from helpers import ROOT, free_port, wait_http


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_the_start_here_notebook(tmp_path):
    port = free_port()
    args = (
        f"--no-browser --port={port} --ServerApp.token= --ServerApp.password= "
        "--ServerApp.ip=127.0.0.1 --allow-root"
    )
    log = open(tmp_path / "lab.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=dict(os.environ),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/api/status", timeout=300)
        url = f"{base}/api/contents/00-start-here.ipynb?content=1"
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            notebook = json.load(response)
        assert notebook["type"] == "notebook"
        sources = "".join(c["source"] for c in notebook["content"]["cells"])
        assert "Start here" in sources
        with urllib.request.urlopen(
            f"{base}/lab/tree/00-start-here.ipynb",  # noqa: S310
            timeout=30,
        ) as response:
            assert response.status == 200
            assert b"JupyterLab" in response.read()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
