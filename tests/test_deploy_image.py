"""The single-user image gets what it needs only (deploy/jupyterhub/Dockerfile).

Docker cannot build here (no daemon, no registry), so the build context is computed
the way Docker computes it from ``.dockerignore``: the pattern rules of
moby/patternmatcher (``*`` stays within a path segment, ``**`` crosses them, ``?`` is
one character, a pattern also matches every file below a directory it matches, and
the last matching line wins, ``!`` lines re-including). The matcher is checked
against the examples of Docker's own documentation before it is trusted with the
kit's file.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from tests.test_deploy_k8s import CHART, chart_pins

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "deploy" / "jupyterhub" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


# --- .dockerignore, as Docker reads it ------------------------------------------------


def _regex(pattern: str) -> re.Pattern[str]:
    """One pattern as patternmatcher compiles it, anchored at both ends."""
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            if pattern[i + 1 : i + 2] == "*":
                i += 2
                if pattern[i : i + 1] == "/":
                    i += 1  # "**/" is "**"
                out += ".*" if i >= len(pattern) else "(.*/)?"
                continue
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out += re.escape(ch)
            else:
                out += pattern[i : end + 1]
                i = end
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(f"^{out}$")


def read_patterns(text: str) -> list[tuple[re.Pattern[str], bool, str]]:
    """``(regex, is_exception, cleaned pattern)`` for each line, in order."""
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        if exception:
            line = line[1:].strip()
        cleaned = os.path.normpath(line).replace(os.sep, "/")
        if len(cleaned) > 1 and cleaned.startswith("/"):
            cleaned = cleaned[1:]
        patterns.append((_regex(cleaned), exception, cleaned))
    return patterns


def excluded(path: str, patterns) -> bool:
    """Whether Docker leaves ``path`` (relative, with /) out of the build context."""
    parents = path.split("/")[:-1]
    matched = False
    for regex, exception, _ in patterns:
        if exception != matched:
            continue  # only a later line of the other kind can change the answer
        hit = bool(regex.match(path)) or any(
            regex.match("/".join(parents[: n + 1])) for n in range(len(parents))
        )
        if hit:
            matched = not exception
    return matched


def build_context(root: Path, patterns) -> set[str]:
    """Every file Docker would send to the builder from ``root``."""
    exceptions = [cleaned for _, exception, cleaned in patterns if exception]
    sent = set()
    for folder, dirs, files in os.walk(root):
        here = Path(folder).relative_to(root).as_posix()
        prefix = "" if here == "." else f"{here}/"
        keep = []
        for name in sorted(dirs):
            rel = prefix + name
            # Docker skips an excluded folder unless an exception could reach in.
            if not excluded(rel, patterns) or any(
                e.startswith(f"{rel}/") or re.match(r"[*?\[]", e) for e in exceptions
            ):
                keep.append(name)
        dirs[:] = keep
        sent.update(
            prefix + name for name in files if not excluded(prefix + name, patterns)
        )
    return sent


@pytest.mark.parametrize(
    ("lines", "path", "left_out"),
    [
        # Docker's documented examples for .dockerignore.
        (["*/temp*"], "somedir/temporary.txt", True),
        (["*/temp*"], "somedir/temp", True),
        (["*/temp*"], "temp", False),
        (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
        (["*/*/temp*"], "somedir/temporary.txt", False),
        (["temp?"], "tempa", True),
        (["temp?"], "temp", False),
        (["**/*.go"], "a/b/c.go", True),
        (["**/*.go"], "c.go", True),
        (["*.md", "!README*.md", "README-secret.md"], "README.md", False),
        (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "notes.md", True),
        (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
        # A pattern naming a folder takes everything below it.
        (["data/journal"], "data/journal/2026-01-01-x.yaml", True),
        (["/data/journal/"], "data/journal/a/b.yaml", True),
        (["*", "!kit/"], "kit/forms/log.py", False),
    ],
)
def test_the_matcher_agrees_with_dockers_documentation(lines, path, left_out):
    assert excluded(path, read_patterns("\n".join(lines))) is left_out


# --- what the kit's image receives ----------------------------------------------------

NEEDED_FOLDERS = ("kit", "notebooks", "data/sample", "data/team-sample")
PRIVATE = (
    "data/journal/2026-05-01-my-worst-night.yaml",
    "data/journal/.frame-cache.json",
    "data/journal/.lock",
    ".venv/bin/python",
    ".git/config",
    ".git/objects/ab/cdef",
    "tests/artefacts/screenshot.png",
    "notebooks/.ipynb_checkpoints/02-after-the-incident-checkpoint.ipynb",
    "kit/__pycache__/journal.cpython-311.pyc",
    "secrets.yaml",
    "deploy/jupyterhub/secrets.yaml",
    ".env",
    "my-reflections.md",
    "data/exports/cedar-quail-19.csv",
)
NEEDED = (
    "pyproject.toml",
    "README.md",
    "kit/__init__.py",
    "kit/forms/log.py",
    "kit/messages/deploy.py",
    "notebooks/00-start-here.ipynb",
    "data/sample/2026-01-14-payment-config-typo.yaml",
    "data/team-sample/cedar-quail-19.csv",
    "data/team-sample/safety/answers-1.csv",
)


@pytest.fixture(scope="module")
def patterns():
    return read_patterns(DOCKERIGNORE.read_text(encoding="utf-8"))


def test_private_files_never_reach_the_builder(tmp_path, patterns):
    for rel in (*PRIVATE, *NEEDED):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    sent = build_context(tmp_path, patterns)
    assert sorted(set(PRIVATE) & sent) == []
    assert sorted(set(NEEDED) - sent) == []


def test_this_checkout_sends_the_kit_and_nothing_private(patterns):
    sent = build_context(ROOT, patterns)
    assert {"pyproject.toml", "README.md"} <= sent
    for folder in NEEDED_FOLDERS:
        on_disk = {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / folder).rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and ".ipynb_checkpoints" not in p.parts
        }
        if folder == "notebooks":
            on_disk = {p for p in on_disk if p.endswith(".ipynb")}
        assert on_disk, folder
        assert sorted(on_disk - sent) == [], folder
    for top in (".venv/", ".git/", "data/journal/", "tests/", "bench/", ".ci/"):
        assert not any(path.startswith(top) for path in sent), top


# --- the Dockerfile ------------------------------------------------------------------


def _instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            rows.append((word.upper(), rest.strip()))
    return rows


def test_every_copy_finds_its_files_in_the_context(patterns):
    sent = build_context(ROOT, patterns)
    copies = [rest for word, rest in _instructions() if word == "COPY"]
    assert copies
    for rest in copies:
        words = [w for w in shlex.split(rest) if not w.startswith("--")]
        if "--from=" in rest:
            continue
        *sources, _target = words
        assert "." not in [s.rstrip("/") for s in sources], "COPY . takes everything"
        for source in sources:
            source = source.rstrip("/")
            assert source in sent or any(p.startswith(f"{source}/") for p in sent), (
                f"COPY {source}: not in the build context (.dockerignore)"
            )


SOURCE = "/opt/incident-kit-src/"


def test_the_kit_is_built_with_everything_its_package_takes_in():
    # hatchling stops the build when a force-included path is missing.
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    needed = {"pyproject.toml", project["project"]["readme"], *wheel["packages"]}
    needed |= set(wheel.get("force-include", {}))
    given = set()
    for word, rest in _instructions():
        if word != "COPY":
            continue
        *sources, target = [w for w in shlex.split(rest) if not w.startswith("--")]
        if not target.startswith(SOURCE):
            continue
        if target.endswith("/") and len(sources) > 1:
            given |= {Path(source).name for source in sources}
        else:
            given.add(target[len(SOURCE) :].rstrip("/"))
    assert sorted(needed - given) == []


def test_the_base_image_is_pinned_and_jupyterhub_matches_the_chart():
    rows = _instructions()
    args = dict(
        rest.split("=", 1) for word, rest in rows if word == "ARG" and "=" in rest
    )
    for word, rest in rows:
        if word == "FROM":
            image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], rest.split()[0])
            assert re.fullmatch(r"quay\.io/jupyter/[a-z-]+:\d{4}-\d{2}-\d{2}", image), (
                image
            )
    text = "\n".join(f"{word} {rest}" for word, rest in rows)  # comments left out
    (pin,) = re.findall(r"jupyterhub-singleuser==([0-9.]+)", text)
    assert pin == chart_pins()["jupyterhub"], f"chart {CHART.name} runs JupyterHub"
    # minimal-notebook and up carry TeX Live, which the kit never uses.
    assert "/base-notebook:" in text
    assert "texlive" not in text.lower()
