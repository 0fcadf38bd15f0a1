"""The Kubernetes path (deploy/jupyterhub/config.yaml) on the real chart and spawner.

No cluster is needed, and none is used. What each test runs is what the cluster runs:

- Helm's check: ``config.yaml`` merged over the chart's own ``values.yaml`` and
  validated against the chart's ``values.schema.json`` (vendored in
  ``deploy/jupyterhub/chart-<version>/``, see its SOURCE.md);
- the hub's start: the chart's own ``jupyterhub_config.py`` turns those values into
  JupyterHub configuration, ``extraConfig`` included;
- a server's start: a real ``KubeSpawner`` (the version the chart's hub image pins)
  runs the kit's ``pre_spawn_hook`` and builds the pod manifest, which is where
  volume mounts become ``V1VolumeMount`` objects;
- sign-in: the real ``GitHubOAuthenticator`` built from the same configuration.

The chart version is named once, below; bumping it means vendoring the new chart's
files into a folder of that name, and these tests then check the new version.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from tornado.web import HTTPError

CHART_VERSION = "4.4.0"

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "jupyterhub"
CHART = DEPLOY / f"chart-{CHART_VERSION}"
FACILITATORS = "kit-facilitators"
POOL = "/srv/incident-kit/workshop-pool"
DROP = "/srv/incident-kit/workshop-drop"
SAFETY = "/srv/incident-kit/workshop-drop/safety"

# KubeSpawner 7.0.0 declares a trait the old way; traitlets warns at import.
pytestmark = pytest.mark.filterwarnings(
    "ignore:metadata .* was set from the constructor:DeprecationWarning"
)


# --- Helm: merge and validate ---------------------------------------------------------


def helm_merge(base, override):
    """Merge user values over chart values the way Helm does.

    Maps merge key by key, a null removes the chart's key, anything else (lists
    included) replaces the chart's value.
    """
    if not isinstance(base, dict) or not isinstance(override, dict):
        return copy.deepcopy(override)
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def user_values() -> dict:
    return _yaml(DEPLOY / "config.yaml")


def merged_values(values: dict | None = None) -> dict:
    return helm_merge(_yaml(CHART / "values.yaml"), user_values() if values is None
                      else values)


def schema_errors(values: dict) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return sorted(
        f"{'.'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(values)
    )


def chart_pins() -> dict[str, str]:
    """The exact versions the chart's hub image installs (name -> version)."""
    pins = {}
    for line in (CHART / "hub-requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#\\]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_config_installs_on_the_named_chart_version():
    assert schema_errors(merged_values()) == []


def test_the_schema_check_refuses_a_key_the_chart_does_not_have():
    # The configuration as it stood: groups under hub.loadGroups, which Helm refuses.
    values = user_values()
    values["hub"]["loadGroups"] = {FACILITATORS: {"users": ["facilitator"]}}
    errors = schema_errors(merged_values(values))
    assert any(
        e.startswith("hub:") and "'loadGroups' was unexpected" in e for e in errors
    ), errors


def test_the_chart_version_is_the_one_the_steps_install():
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    joined = readme.replace("\\\n", " ")  # one line per shell command
    installs = re.findall(r"helm upgrade --install[^\n]*", joined)
    assert installs, "README.md has no helm upgrade --install command"
    for command in installs:
        assert f"--version {CHART_VERSION}" in command, command
    header = (DEPLOY / "config.yaml").read_text(encoding="utf-8")
    assert f"--version {CHART_VERSION}" in header
    source = (CHART / "SOURCE.md").read_text(encoding="utf-8")
    assert f"tag {CHART_VERSION}" in source


def test_the_tests_use_the_spawner_and_authenticator_the_chart_ships():
    pins = chart_pins()
    for package in ("jupyterhub-kubespawner", "oauthenticator"):
        assert importlib.metadata.version(package) == pins[package], (
            f"pip install {package}=={pins[package]} (the chart's hub image pins it)"
        )


# --- the hub as the chart starts it ---------------------------------------------------


def _load_z2jh(values: dict):
    spec = importlib.util.spec_from_file_location("z2jh", CHART / "z2jh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._load_config = lambda: values  # the k8s Secret holds the merged values
    module._get_config_value = lambda name: name  # resource names from a ConfigMap
    module.get_secret_value = lambda key, default="unset": (
        default if default != "unset" else "ab" * 32  # 32 bytes, as hex
    )
    return module


def chart_hub_config(monkeypatch, values: dict | None = None):
    """Run the chart's own jupyterhub_config.py on the merged values; return ``c``."""
    from tornado.httpclient import AsyncHTTPClient
    from traitlets.config import Config

    merged = merged_values(values)
    monkeypatch.setitem(sys.modules, "z2jh", _load_z2jh(merged))
    # The hub image has pycurl; the configuration only names the client class.
    monkeypatch.setattr(AsyncHTTPClient, "configure", classmethod(lambda *a, **k: None))
    monkeypatch.setenv("PROXY_API_SERVICE_PORT", "8001")
    monkeypatch.setenv("HUB_SERVICE_PORT", "8081")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the file prepends its folder
    config = Config()
    path = CHART / "jupyterhub_config.py"
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, {"get_config": lambda: config, "__file__": str(path)})  # noqa: S102
    return config


@pytest.fixture
def hub_config(monkeypatch):
    pytest.importorskip("kubespawner")
    return chart_hub_config(monkeypatch)


@pytest.fixture
def kubeconfig(tmp_path, monkeypatch):
    """A kube config naming a cluster that is never contacted (nothing listens)."""
    path = tmp_path / "kubeconfig"
    path.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [
                    {"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}
                ],
                "contexts": [
                    {"name": "none", "context": {"cluster": "none", "user": "none"}}
                ],
                "current-context": "none",
                "users": [{"name": "none", "user": {}}],
            }
        )
    )
    monkeypatch.setenv("KUBECONFIG", str(path))
    from kubernetes_asyncio.config import kube_config

    # Read once at import; the test's own file, never the machine's.
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(path))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    return path


def _user(name: str, groups: list[str]):
    return SimpleNamespace(
        name=name,
        id=7,
        url=f"/user/{name}/",
        groups=[SimpleNamespace(name=group) for group in groups],
    )


def pod_for(config, name: str, groups: list[str], hook=None):
    """The pod KubeSpawner would create for this person, after the pre-spawn hook."""
    from kubespawner import KubeSpawner

    async def build():
        spawner = KubeSpawner(config=config, user=_user(name, groups), _mock=True)
        (hook or spawner.pre_spawn_hook)(spawner)
        return spawner, await spawner.get_pod_manifest()

    return asyncio.run(build())


def _mounts(pod) -> dict[str, object]:
    (container,) = pod.spec.containers
    return {mount.mount_path: mount for mount in container.volume_mounts}


def _sent(pod) -> dict:
    """The pod as the Kubernetes API receives it (camelCase JSON)."""
    from kubernetes_asyncio.client import ApiClient

    # sanitize_for_serialization uses no client state: no session is opened.
    return ApiClient.sanitize_for_serialization(ApiClient.__new__(ApiClient), pod)


def _env(spawner) -> dict[str, str]:
    return spawner.get_env()


def test_a_participant_mounts_only_their_own_drop_and_the_survey_folder(
    hub_config, kubeconfig
):
    from kubernetes_asyncio.client import V1VolumeMount

    spawner, pod = pod_for(hub_config, "bob", ["team"])
    mounts = _mounts(pod)
    assert all(isinstance(m, V1VolumeMount) for m in mounts.values())
    assert mounts["/home/jovyan"].name.startswith("volume-bob")
    assert mounts[DROP].name == "kit-workshop"
    assert mounts[DROP].sub_path == "drops/u-bob"
    assert mounts[SAFETY].sub_path == "drops/safety"
    assert POOL not in mounts
    assert "KIT_WORKSHOP_POOL" not in _env(spawner)
    volumes = {volume["name"]: volume for volume in _sent(pod)["spec"]["volumes"]}
    assert {m.name for m in mounts.values()} <= set(volumes)
    claim = volumes["kit-workshop"]["persistentVolumeClaim"]["claimName"]
    assert claim == "incident-kit-workshop"


def test_a_facilitator_also_reads_every_export_read_only(hub_config, kubeconfig):
    spawner, pod = pod_for(hub_config, "alice", [FACILITATORS])
    mounts = _mounts(pod)
    assert mounts[POOL].name == "kit-workshop"
    assert mounts[POOL].sub_path == "drops"
    assert mounts[POOL].read_only is True
    assert mounts[DROP].sub_path == "drops/u-alice"
    assert _env(spawner)["KIT_WORKSHOP_POOL"] == POOL
    # What notebook 06 reads: exports in drops/u-<name>/, answers in drops/safety/.
    assert f"{mounts[POOL].sub_path}/safety" == mounts[SAFETY].sub_path


def test_the_pod_starts_the_kit_with_each_persons_folders(hub_config, kubeconfig):
    _, pod = pod_for(hub_config, "bob", ["team"])
    (container,) = _sent(pod)["spec"]["containers"]
    assert container["image"] == "registry.example.org/incident-kit:0.1.0"
    assert container["args"][:4] == ["python", "-m", "kit.workshop", "singleuser"]
    env = {item["name"]: item.get("value") for item in container["env"]}
    assert env["KIT_JOURNAL"] == "/home/jovyan/incident-journal"
    assert env["KIT_WORKSHOP_DROP"] == DROP
    assert env["KIT_WORKSHOP_SAFETY"] == SAFETY
    assert "KIT_WORKSHOP_POOL" not in env


def test_the_hook_as_it_stood_is_caught_by_kubespawner_itself(hub_config, kubeconfig):
    # list() of the chart's dict gives its keys: KubeSpawner cannot build the pod.
    def old_hook(spawner):
        spawner.volume_mounts = list(spawner.volume_mounts) + [
            {"name": "kit-workshop", "mountPath": POOL, "subPath": "drops"}
        ]

    with pytest.raises(AttributeError, match="but got 'str'"):
        pod_for(hub_config, "alice", [FACILITATORS], hook=old_hook)


def test_survey_answers_and_exports_never_share_a_folder(hub_config, kubeconfig):
    # A person named "safety" still gets a folder of their own.
    _, pod = pod_for(hub_config, "safety", ["team"])
    mounts = _mounts(pod)
    assert mounts[DROP].sub_path == "drops/u-safety"
    assert mounts[DROP].sub_path != mounts[SAFETY].sub_path


# --- storage without root -------------------------------------------------------------


def _init(pod) -> dict:
    spec = _sent(pod)["spec"]
    (init,) = [c for c in spec["initContainers"] if c["name"] == "kit-drop-folders"]
    return init


def test_the_drop_folders_are_made_without_root(hub_config, kubeconfig):
    _, pod = pod_for(hub_config, "bob", ["team"])
    init = _init(pod)
    context = init["securityContext"]
    assert context["runAsUser"] == 1000 and context["runAsNonRoot"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert "chown" not in " ".join(init["command"])
    spec = _sent(pod)["spec"]
    assert spec["securityContext"]["fsGroup"] == 100
    assert spec["securityContext"]["fsGroupChangePolicy"] == "OnRootMismatch"
    (container,) = spec["containers"]
    assert container["securityContext"]["runAsUser"] == 1000


def _run_init(init: dict, volume: Path) -> subprocess.CompletedProcess:
    """Run the very command KubeSpawner put in the pod, on a stand-in volume."""
    (workshop,) = [m for m in init["volumeMounts"] if m["name"] == "kit-workshop"]
    script = init["command"][-1].replace(workshop["mountPath"], str(volume))
    return subprocess.run(
        [*init["command"][:-1], script], capture_output=True, text=True, check=False
    )


def test_the_init_command_makes_every_folder_the_pod_mounts(
    hub_config, kubeconfig, tmp_path
):
    _, pod = pod_for(hub_config, "alice", [FACILITATORS])
    volume = tmp_path / "volume"
    volume.mkdir()
    result = _run_init(_init(pod), volume)
    assert result.returncode == 0, result.stderr
    for mount in _mounts(pod).values():
        if mount.name == "kit-workshop":
            assert (volume / mount.sub_path).is_dir(), mount.sub_path
    assert (volume / "drops" / "u-alice").stat().st_mode & 0o777 == 0o700
    # The nested survey mount needs its mount point inside the person's folder.
    assert (volume / "drops" / "u-alice" / "safety").is_dir()
    # A second start finds everything there and still succeeds.
    assert _run_init(_init(pod), volume).returncode == 0


def test_the_init_command_says_what_to_fix_when_it_cannot_make_the_folders(
    hub_config, kubeconfig, tmp_path
):
    _, pod = pod_for(hub_config, "bob", ["team"])
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file, so nothing can be made below it")
    result = _run_init(_init(pod), blocked)
    assert result.returncode == 1
    assert "writable by uid 1000 or gid 100" in result.stderr


# --- sign-in --------------------------------------------------------------------------


def _walk(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    yield path, value


def test_nobody_gets_in_by_default():
    hub = merged_values()["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] not in (None, "dummy", "null")
    for path, value in _walk(hub):
        if path and path[-1] == "allow_all":
            assert value is not True, path
        assert value not in ("dummy", "null", "jupyterhub.auth.DummyAuthenticator"), (
            path
        )


def test_only_the_listed_people_get_in_and_facilitators_are_not_admins(
    monkeypatch,
):
    pytest.importorskip("oauthenticator")
    config = chart_hub_config(monkeypatch)
    name = config.JupyterHub.authenticator_class
    (entry,) = importlib.metadata.entry_points(
        group="jupyterhub.authenticators", name=name
    )
    authenticator = entry.load()(config=config)
    assert type(authenticator).__name__ == "GitHubOAuthenticator"
    assert authenticator.allow_all is False
    assert authenticator.allow_existing_users is False
    assert authenticator.allowed_users

    def allowed(username):
        # JupyterHub's own sign-in path, after GitHub has said who this is.
        model = {"name": username, "auth_state": {"github_user": {"login": username}}}
        authenticator.authenticate = lambda handler, data: copy.deepcopy(model)
        try:
            user = asyncio.run(authenticator.get_authenticated_user(None, {}))
        except HTTPError as error:
            assert error.status_code == 403
            return False
        return user is not None and user["name"] == username

    for username in authenticator.allowed_users:
        assert allowed(username), username
    assert not allowed("somebody-not-invited")

    facilitators = set(config.JupyterHub.load_groups[FACILITATORS]["users"])
    assert facilitators <= authenticator.allowed_users
    assert not facilitators & authenticator.admin_users
    callback = config.GitHubOAuthenticator.oauth_callback_url
    assert callback.startswith("https://")


def test_https_is_on_for_the_host_people_sign_in_at():
    values = merged_values()
    https = values["proxy"]["https"]
    assert https["enabled"] is True
    assert https["type"] in ("letsencrypt", "secret", "manual")
    if https["type"] == "letsencrypt":
        assert https["letsencrypt"]["contactEmail"]
    callback = values["hub"]["config"]["GitHubOAuthenticator"]["oauth_callback_url"]
    host = re.match(r"https://([^/:]+)", callback).group(1)
    assert host in https["hosts"]


def test_the_groups_are_in_a_form_the_hub_accepts(monkeypatch):
    from jupyterhub.app import JupyterHub

    config = chart_hub_config(monkeypatch)
    hub = JupyterHub(config=config)
    assert set(hub.load_groups) == {FACILITATORS}
    assert hub.load_groups[FACILITATORS]["users"]


# --- before and after the workshop ----------------------------------------------------


def _claim_in_config() -> str:
    (volume,) = user_values()["singleuser"]["storage"]["extraVolumes"]
    return volume["persistentVolumeClaim"]["claimName"]


def test_the_workshop_volume_is_the_one_the_pods_mount():
    claim = _yaml(DEPLOY / "workshop-volume.yaml")
    assert claim["kind"] == "PersistentVolumeClaim"
    assert claim["metadata"]["name"] == _claim_in_config()
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    namespace = claim["metadata"]["namespace"]
    # The namespace is made before the claim, and the chart goes into it.
    assert readme.index(f"kubectl create namespace {namespace}") < readme.index(
        "kubectl apply -f deploy/jupyterhub/workshop-volume.yaml"
    )
    assert f"--namespace {namespace}" in readme


def test_clearing_the_drops_removes_every_export_and_answer(tmp_path):
    job = _yaml(DEPLOY / "clear-drops.yaml")
    spec = job["spec"]["template"]["spec"]
    (volume,) = spec["volumes"]
    assert volume["persistentVolumeClaim"]["claimName"] == _claim_in_config()
    assert spec["securityContext"]["runAsUser"] == 1000
    (container,) = spec["containers"]
    (mount,) = container["volumeMounts"]
    drops = tmp_path / "drops"
    for rel in ("u-bob/cedar-quail-19.csv", "u-ann/x.csv", "safety/answers-1.csv"):
        (drops / rel).parent.mkdir(parents=True, exist_ok=True)
        (drops / rel).write_text("1")
    (tmp_path / "lost+found").mkdir()
    command = container["command"]
    script = command[-1].replace(mount["mountPath"], str(tmp_path))
    result = subprocess.run(
        [*command[:-1], script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "removed 3 file(s)" in result.stdout
    assert not drops.exists()
    assert (tmp_path / "lost+found").is_dir()  # nothing outside drops/ is touched
    again = subprocess.run(
        [*command[:-1], script], capture_output=True, text=True, check=False
    )
    assert again.returncode == 0 and "removed 0 file(s)" in again.stdout
