"""The notebook's unlock step in a real Jupyter kernel: a hidden password prompt where
the front end can ask (JupyterLab, Run All included), a password form where it cannot
(Voila, a notebook run by a test), and a wrong passphrase that changes nothing."""

from __future__ import annotations

import os
import queue
import shutil
from pathlib import Path

import pytest

import kit
from kit import conversion, vault

SECRET = "quiet harbour lamp 6620"

pytestmark = pytest.mark.slow


@pytest.fixture
def kernel(tmp_path):
    from jupyter_client.manager import start_new_kernel

    folder = tmp_path / "journal"
    journal = kit.Journal(folder)
    for incident in kit.Journal.sample().load().incidents:
        journal.save(incident)
    conversion.encrypt_journal(folder, SECRET)
    vault.lock(folder)
    env = {**os.environ, "KIT_JOURNAL": str(folder)}
    manager, client = start_new_kernel(kernel_name="python3", env=env)
    try:
        yield folder, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)


def run(client, code: str, *, answer: str | None = None, allow_stdin: bool = True):
    """Execute ``code``; type ``answer`` at a password prompt. Returns (outputs, the
    prompts seen as (text, password))."""
    msg_id = client.execute(code, allow_stdin=allow_stdin)
    prompts = []
    outputs = []
    while True:
        if allow_stdin:
            try:
                request = client.get_stdin_msg(timeout=0.2)
            except queue.Empty:
                pass
            else:
                content = request["content"]
                prompts.append((content["prompt"], content["password"]))
                client.input(answer)
        try:
            msg = client.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind in {"stream", "execute_result", "display_data", "error"}:
            outputs.append((kind, msg["content"]))
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            return outputs, prompts


def text_of(outputs) -> str:
    return repr(outputs)


def test_the_kernel_asks_with_a_hidden_prompt_and_refuses_a_wrong_answer(kernel):
    folder, client = kernel
    wrong = "not the right one 1234"
    outputs, prompts = run(client, "import kit\nkit.unlock(None)", answer=wrong)
    assert prompts == [(kit.messages.VAULT_PROMPT, True)]  # password=True: hidden
    errors = [content for kind, content in outputs if kind == "error"]
    assert [e["ename"] for e in errors] == ["WrongPassphrase"]
    assert wrong not in text_of(outputs) and SECRET not in text_of(outputs)

    outputs, prompts = run(client, "kit.unlock(None)", answer=SECRET)
    assert len(prompts) == 1 and outputs == []  # nothing shown once unlocked
    outputs, _ = run(client, "len(kit.Journal().load().incidents)")
    assert outputs[0][1]["data"]["text/plain"] == "5"
    outputs, prompts = run(client, "kit.unlock(None)", answer=SECRET)
    assert prompts == [] and outputs == []  # once per kernel
    assert sorted(p.name for p in Path(folder).glob("*.yaml")) == []


def test_without_stdin_the_kernel_shows_a_password_form(kernel):
    _folder, client = kernel
    outputs, prompts = run(client, "import kit\nkit.unlock(None)", allow_stdin=False)
    assert prompts == []
    shown = [content for kind, content in outputs if kind == "execute_result"]
    assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]
    outputs, _ = run(client, "kit.Journal().load()", allow_stdin=False)
    errors = [content for kind, content in outputs if kind == "error"]
    assert [e["ename"] for e in errors] == ["JournalLocked"]
