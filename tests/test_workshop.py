"""The kit on a shared machine: the drop folder, each person's notebooks, and the
shipped hub configurations (checked for shape here; the real hub runs in
tests/test_jupyterhub.py).
"""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

import kit
from kit import export, paths, pool, workshop

DEPLOY = ROOT / "deploy" / "jupyterhub"
CHECKOUT = Path(kit.paths.__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def drop(tmp_path) -> Path:
    folder = tmp_path / "workshop-drop"
    folder.mkdir()
    folder.chmod(0o3773)
    return folder


# --- where things are ------------------------------------------------------------


def test_drop_and_pool_folders_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DROP_ENV, raising=False)
    monkeypatch.delenv(paths.POOL_ENV, raising=False)
    assert paths.drop_folder() is None
    assert paths.pool_folder() is None
    monkeypatch.setenv(paths.DROP_ENV, "~/drop")
    assert paths.drop_folder() == Path.home() / "drop"
    assert paths.pool_folder() == Path.home() / "drop"  # one machine: same folder
    monkeypatch.setenv(paths.POOL_ENV, str(tmp_path / "pool"))
    assert paths.pool_folder() == tmp_path / "pool"  # Kubernetes: another mount
    assert paths.drop_folder(tmp_path / "mine") == tmp_path / "mine"


def test_the_journal_goes_to_the_home_when_the_kit_folder_is_not_writable(
    monkeypatch, tmp_path
):
    monkeypatch.delenv("KIT_JOURNAL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    real_access = os.access

    def no_write_to_kit(path, mode, *args, **kwargs):
        if Path(path) == CHECKOUT / "data" and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(kit.paths.os, "access", no_write_to_kit)
    expected = tmp_path / "home" / ".local" / "share" / "incident-kit" / "journal"
    assert kit.paths.journal_dir() == expected
    monkeypatch.setenv("KIT_JOURNAL", "~/incident-journal")
    journal = kit.Journal()
    assert journal.path == tmp_path / "home" / "incident-journal"
    assert _mode(journal.path) == 0o700


# --- delivering an export ---------------------------------------------------------


def test_deliver_writes_0640_whatever_the_umask_and_leaves_no_temp(tmp_path, drop):
    source = tmp_path / "amber-heron-42.csv"
    source.write_bytes(b"format,pseudonym\n1,amber-heron-42\n")
    old = os.umask(0o077)
    try:
        delivered = workshop.deliver(source, drop)
    finally:
        os.umask(old)
    assert delivered == drop / "amber-heron-42.csv"
    assert delivered.read_bytes() == source.read_bytes()
    assert _mode(delivered) == export.EXPORT_MODE == 0o640
    assert sorted(p.name for p in drop.iterdir()) == ["amber-heron-42.csv"]


def test_deliver_never_replaces_a_file_already_there(tmp_path, drop):
    theirs = drop / "amber-heron-42.csv"
    theirs.write_bytes(b"someone else's export")
    source = tmp_path / "amber-heron-42.csv"
    source.write_bytes(b"mine")
    delivered = workshop.deliver(source, drop)
    assert delivered != theirs
    assert delivered.name.startswith("amber-heron-42-")
    assert delivered.suffix == ".csv"
    assert theirs.read_bytes() == b"someone else's export"
    assert delivered.read_bytes() == b"mine"


def test_deliver_into_a_missing_folder_says_so(tmp_path):
    source = tmp_path / "x.csv"
    source.write_bytes(b"x")
    with pytest.raises(kit.SaveFailed, match="not there"):
        workshop.deliver(source, tmp_path / "nowhere")


def test_a_failed_link_leaves_nothing_behind(tmp_path, drop, monkeypatch):
    source = tmp_path / "x.csv"
    source.write_bytes(b"x")

    def broken_link(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workshop.os, "link", broken_link)
    with pytest.raises(kit.SaveFailed, match="No space left") as raised:
        workshop.deliver(source, drop)
    assert "ask the facilitator" in str(raised.value)
    assert list(drop.iterdir()) == []


def test_drop_export_sends_numbers_only_and_the_pool_reads_it(
    sample_copy, drop, monkeypatch
):
    monkeypatch.setenv(paths.DROP_ENV, str(drop))
    delivered = workshop.drop_export(sample_copy, pseudonym="quiet-otter-17")
    assert delivered.parent == drop and _mode(delivered) == 0o640
    rows = list(csv.reader(delivered.read_text().splitlines()))
    cells = {cell for row in rows for cell in row}
    assert not {"title", "service", "id", "alert_at"} & set(rows[0])
    for incident in sample_copy.load().incidents:
        assert incident.title not in cells and incident.service not in cells
    pooled = pool.pool(paths.pool_folder())
    assert set(pooled["pseudonym"]) == {"quiet-otter-17"}
    assert len(pooled) == len(sample_copy.ids())


def test_drop_export_without_a_folder_writes_nothing(sample_copy, monkeypatch):
    monkeypatch.delenv(paths.DROP_ENV, raising=False)
    with pytest.raises(kit.SaveFailed, match="KIT_WORKSHOP_DROP"):
        workshop.drop_export(sample_copy)


# --- each person's notebooks --------------------------------------------------------


def test_prepare_home_copies_what_is_missing_and_keeps_what_is_theirs(tmp_path):
    master = tmp_path / "master"
    master.mkdir()
    for name in ("00-start-here.ipynb", "02-after-the-incident.ipynb"):
        (master / name).write_text(f'{{"master": "{name}"}}')
    (master / "notes.txt").write_text("not a notebook")
    mine = tmp_path / "home" / "incident-kit"
    first = workshop.prepare_home(master, mine)
    assert sorted(p.name for p in first) == [
        "00-start-here.ipynb",
        "02-after-the-incident.ipynb",
    ]
    assert _mode(mine) == 0o700
    assert all(_mode(p) == 0o600 for p in first)
    (mine / "02-after-the-incident.ipynb").write_text('{"mine": "with outputs"}')
    (mine / "00-start-here.ipynb").unlink()
    (master / "04-your-trend.ipynb").write_text("{}")
    again = workshop.prepare_home(master, mine)
    assert sorted(p.name for p in again) == [
        "00-start-here.ipynb",
        "04-your-trend.ipynb",
    ]
    assert (mine / "02-after-the-incident.ipynb").read_text() == (
        '{"mine": "with outputs"}'
    )


def test_prepare_home_without_a_master_copy_does_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.NOTEBOOKS_ENV, raising=False)
    assert workshop.prepare_home(target=tmp_path / "mine") == []
    assert not (tmp_path / "mine").exists()


def test_the_prepare_command_makes_notebooks_and_journal(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(
        os.environ,
        HOME=str(home),
        KIT_JOURNAL="~/incident-journal",
        KIT_NOTEBOOKS_SOURCE=str(ROOT / "notebooks"),
    )
    env.pop("KIT_NOTEBOOKS_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "kit.workshop", "prepare"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    copies = sorted(p.name for p in (home / "incident-kit").glob("*.ipynb"))
    assert copies == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert _mode(home / "incident-journal") == 0o700
    assert f"copied {len(copies)} notebook(s)" in result.stderr


def test_the_command_without_a_verb_explains_itself():
    result = subprocess.run(
        [sys.executable, "-m", "kit.workshop"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "usage: python -m kit.workshop singleuser" in result.stderr


def test_singleuser_prepares_and_starts_the_hub_server_even_when_copying_fails(
    tmp_path, monkeypatch
):
    calls = []
    monkeypatch.setenv(paths.NOTEBOOKS_ENV, str(ROOT / "notebooks"))
    monkeypatch.setenv(paths.HOME_NOTEBOOKS_ENV, str(tmp_path / "blocked" / "x"))
    (tmp_path / "blocked").write_text("a file where a folder should be")
    monkeypatch.setenv("KIT_JOURNAL", str(tmp_path / "journal"))
    monkeypatch.setattr(workshop.os, "execv", lambda *args: calls.append(args))
    assert workshop.main(["singleuser", "--debug"]) == 0
    ((python, argv),) = calls
    assert python == sys.executable
    assert argv[1:] == ["-m", "jupyterhub.singleuser", "--debug"]


# --- the shipped configurations ------------------------------------------------------


def _load_hub_config(monkeypatch, **env):
    from traitlets.config.loader import PyFileConfigLoader

    for name in ("KIT_HUB_PREFIX", "KIT_HUB_START", "KIT_USER_PYTHON"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loader = PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY))
    return loader.load_config()


def test_the_hub_config_gives_each_person_their_own_journal_and_the_app(monkeypatch):
    config = _load_hub_config(monkeypatch, KIT_USER_PYTHON="/opt/kit/bin/python")
    environment = config.Spawner.environment.get_value({})
    assert environment["KIT_JOURNAL"] == "~/incident-journal"
    assert environment["KIT_WORKSHOP_DROP"] == "/srv/incident-kit/workshop-drop"
    assert environment["KIT_NOTEBOOKS_SOURCE"] == "/srv/incident-kit/notebooks"
    assert config.Spawner.cmd == [
        "/opt/kit/bin/python",
        "-m",
        "kit.workshop",
        "singleuser",
    ]
    assert config.Spawner.default_url == "/voila/tree/incident-kit"
    assert config.LocalAuthenticator.allowed_groups == {
        "kit-participants",
        "kit-facilitators",
    }
    lab = _load_hub_config(monkeypatch, KIT_HUB_START="lab", KIT_HUB_PREFIX="/opt/w")
    assert lab.Spawner.default_url == "/lab/tree/incident-kit/00-start-here.ipynb"
    assert lab.Spawner.environment.get_value({})["KIT_WORKSHOP_DROP"] == (
        "/opt/w/workshop-drop"
    )


def test_the_z2jh_values_mount_only_each_persons_drop_folder():
    values = yaml.safe_load((DEPLOY / "config.yaml").read_text())
    single = values["singleuser"]
    assert single["cmd"] == ["python", "-m", "kit.workshop", "singleuser"]
    assert single["extraEnv"]["KIT_JOURNAL"] == "/home/jovyan/incident-journal"
    assert single["storage"]["type"] == "dynamic"  # a persistent volume per person
    mount = single["storage"]["extraVolumeMounts"][0]  # [1]: the survey folder
    assert mount["subPath"] == "drops/u-{username}"
    assert mount["mountPath"] == single["extraEnv"]["KIT_WORKSHOP_DROP"]
    (init,) = single["initContainers"]
    assert "drops/u-{username}" in init["command"][-1]


class _Group:
    def __init__(self, name):
        self.name = name


class _Spawner:
    def __init__(self, groups):
        self.user = type("User", (), {"groups": [_Group(g) for g in groups]})()
        self.volume_mounts = [{"name": "home", "mountPath": "/home/jovyan"}]
        self.environment = {"KIT_JOURNAL": "/home/jovyan/incident-journal"}


def test_the_z2jh_hook_gives_the_pool_to_facilitators_only():
    values = yaml.safe_load((DEPLOY / "config.yaml").read_text())
    code = values["hub"]["extraConfig"]["incident-kit"]
    config = type("C", (), {})()
    config.KubeSpawner = type("K", (), {})()
    namespace = {"c": config}
    exec(compile(code, "extraConfig", "exec"), namespace)  # noqa: S102 - our own file
    hook = config.KubeSpawner.pre_spawn_hook
    participant, facilitator = _Spawner(["team"]), _Spawner(["kit-facilitators"])
    shared_mounts = facilitator.volume_mounts
    hook(participant)
    hook(facilitator)
    assert [m["name"] for m in participant.volume_mounts] == ["home"]
    assert "KIT_WORKSHOP_POOL" not in participant.environment
    pool = facilitator.volume_mounts[-1]
    assert pool["readOnly"] is True and pool["subPath"] == "drops"
    assert facilitator.environment["KIT_WORKSHOP_POOL"] == pool["mountPath"]
    assert shared_mounts == [{"name": "home", "mountPath": "/home/jovyan"}]


def test_the_setup_script_explains_itself_and_refuses_without_root():
    result = subprocess.run(
        [sys.executable, str(DEPLOY / "setup_workshop.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for command in ("install", "check", "clear-drop"):
        assert command in result.stdout
    if os.geteuid() != 0:
        refused = subprocess.run(
            [sys.executable, str(DEPLOY / "setup_workshop.py"), "check"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "must run as root" in refused.stderr


# --- the workshop form: every participant's action as a button ------------------------


def test_the_workshop_form_exports_chosen_incidents_surveys_and_withdraws(
    sample_copy, drop, monkeypatch
):
    from kit.forms.workshop import workshop_form

    safety = drop / "safety"
    monkeypatch.setenv(paths.DROP_ENV, str(drop))
    monkeypatch.setenv(paths.SAFETY_ENV, str(safety))
    form = workshop_form(sample_copy)
    sent, survey, back = (form.sections[name] for name in ("export", "safety",
                                                            "withdraw"))
    left_out = sample_copy.load().incidents[2]
    assert left_out.title in sent.controls["include.3"].description  # own eyes only
    assert "facilitator can see which account" in sent.children[2].value
    sent.controls["include.3"].value = False
    sent.controls["export"].click()
    receipt = sent.exported.receipt
    assert receipt in sent.controls["receipt"].value
    assert "copy it somewhere of your own" in sent.status.value
    assert sent.controls["export"].disabled  # one file per person and workshop
    pooled = pool.pool(drop)
    assert pooled["incident_no"].tolist() == [1, 2, 4, 5]
    raw = sent.exported.read_text()
    assert left_out.title not in raw and receipt not in raw

    for number, value in enumerate([2, 6, 3, 5, 2, 6, 6], start=1):
        survey.controls[f"item_{number}"].value = value
    survey.controls["save"].click()
    (answers,) = safety.glob("answers-*.csv")
    assert answers.read_text().splitlines()[1] == "1,2,6,3,5,2,6,6"
    assert "Added anonymously" in survey.status.value

    back.controls["receipt"].value = "kit-receipt-" + "0" * 32  # not this export's
    back.controls["withdraw"].click()
    assert len(pool.pool(drop)) == 4
    back.controls["receipt"].value = f"  {receipt} "
    back.controls["withdraw"].click()
    assert "Withdrawn" in back.status.value and back.controls["receipt"].value == ""
    after = pool.pool(drop)
    assert len(after) == 0 and after.attrs["withdrawn"] == 1


def test_the_workshop_form_without_a_workshop_sends_nothing(sample_copy, monkeypatch):
    from kit.forms.workshop import workshop_form

    for name in (paths.DROP_ENV, paths.SAFETY_ENV, paths.POOL_ENV):
        monkeypatch.delenv(name, raising=False)
    form = workshop_form(sample_copy)
    assert form.sections["export"].controls["export"].disabled
    assert form.sections["withdraw"].controls["withdraw"].disabled
    assert form.sections["safety"].controls["save"].disabled
    assert "KIT_WORKSHOP_DROP" in form.sections["export"].status.value


def test_a_bad_receipt_is_explained_in_the_form(drop):
    from kit.forms.workshop import withdraw_form

    form = withdraw_form(drop)
    form.controls["receipt"].value = "<b>my name</b>"
    form.controls["withdraw"].click()
    assert "not a receipt" in form.status.value
    assert "<b>" not in form.status.value
    assert list(drop.iterdir()) == []


def test_a_participant_who_cannot_list_the_drop_folder_gets_a_kind_pool(
    tmp_path, monkeypatch
):
    folder = tmp_path / "locked"
    folder.mkdir()

    def refuse(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pool.os, "scandir", refuse)
    pooled = pool.pool(folder)
    (problem,) = pooled.attrs["problems"]
    assert len(pooled) == 0 and "only the facilitators read" in problem.reason
