"""The Containerfiles build what the tests run: what only Docker reads is checked against the
files and options it names (no Docker engine here)."""

from __future__ import annotations

import fnmatch
import shlex
import tomllib
from pathlib import Path

import pytest

from provisioning.devstack import paths
from provisioning.devstack.distribution import DENYLIST_NAME, PROFILES, PROVIDER_JAR
from tests.support.containerfile import Containerfile

CONTAINERS = paths.ROOT / "deploy" / "containers"
KEYCLOAK = Containerfile.read(CONTAINERS / "keycloak.Containerfile")
PYTHON = Containerfile.read(CONTAINERS / "python.Containerfile")
PYPROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def dockerignore_patterns() -> list[str]:
    lines = (paths.ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(relative: str) -> bool:
    """Whether .dockerignore keeps `relative` (or a parent) out of the build context."""
    parts = Path(relative).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in dockerignore_patterns():
        bare = pattern.removeprefix("**/")
        for candidate in candidates:
            if fnmatch.fnmatch(candidate, pattern) or fnmatch.fnmatch(Path(candidate).name, bare):
                return True
    return False


@pytest.mark.parametrize("containerfile", [KEYCLOAK, PYTHON], ids=["keycloak", "python"])
def test_every_file_copied_from_the_checkout_exists_and_is_sent(containerfile: Containerfile) -> None:
    for origin, sources, _ in containerfile.copies():
        if origin is not None:
            continue
        for source in sources:
            assert (paths.ROOT / source).exists(), f"{containerfile.path.name}: COPY {source}: no such file"
            assert not ignored(source.rstrip("/")), f"{containerfile.path.name}: COPY {source}: .dockerignore drops it"


def test_keycloak_image_is_the_pinned_official_image_with_our_build_baked_in() -> None:
    version = paths.keycloak_version()
    assert KEYCLOAK.args["KEYCLOAK_VERSION"] == version
    assert KEYCLOAK.stage(None).base == f"quay.io/keycloak/keycloak:{version}"
    builder = KEYCLOAK.stage("builder")
    assert builder.base == f"quay.io/keycloak/keycloak:{version}"
    build = [shlex.split(run.arguments) for run in builder.all("RUN") if "kc.sh build" in run.arguments]
    assert len(build) == 1
    # The compose contract test starts the devstack's `postgres` build: the same options.
    assert build[0] == ["/opt/keycloak/bin/kc.sh", "build", *PROFILES["postgres"]]
    entrypoint, cmd = KEYCLOAK.entrypoint_and_cmd(None)
    assert entrypoint == ["/opt/keycloak/bin/kc.sh"]
    assert cmd == ["start", "--optimized"]


def test_keycloak_image_holds_our_jar_theme_and_deny_list_where_keycloak_reads_them() -> None:
    copied = {(origin, source, target) for origin, sources, target in KEYCLOAK.copies() for source in sources}
    assert ("extensions", f"/build/extensions/target/{PROVIDER_JAR}", "/opt/keycloak/providers/") in copied
    assert ("theme-assets", "/build/themes/monespace", "/opt/keycloak/themes/monespace") in copied
    denylist = f"/build/themes/password-strength/dist/{DENYLIST_NAME}"
    assert ("theme-assets", denylist, "/opt/keycloak/data/password-blacklists/") in copied
    assert ("builder", "/opt/keycloak/", "/opt/keycloak/") in copied
    # The jar's name is Maven's finalName; the stage builds extensions/ as distribution.py does.
    pom = (paths.EXTENSIONS / "pom.xml").read_text(encoding="utf-8")
    assert f"<finalName>{PROVIDER_JAR.removesuffix('.jar')}</finalName>" in pom
    assert any("package" in run.words() for run in KEYCLOAK.stage("extensions").all("RUN"))
    assert any(run.arguments.endswith("npm run build") for run in KEYCLOAK.stage("theme-assets").all("RUN"))


def package_roots() -> dict[str, Path]:
    """Top-level packages of the wheel and the folder each comes from."""
    mapped = PYPROJECT["tool"]["setuptools"].get("package-dir", {})
    roots = {name.split(".")[0] for name in PYPROJECT["tool"]["setuptools"]["packages"]}
    return {name: paths.ROOT / mapped.get(name, name) for name in roots}


def test_the_wheel_lists_every_package_folder() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    for name, folder in package_roots().items():
        for init in folder.rglob("__init__.py"):
            package = ".".join([name, *init.parent.relative_to(folder).parts])
            assert package in listed, f"pyproject.toml [tool.setuptools] packages: {package} is missing"


def test_python_images_are_built_from_every_package_of_the_wheel() -> None:
    wheel = PYTHON.stage("wheel")
    copied = {source.rstrip("/") for _, sources, _ in PYTHON.copies() for source in sources}
    for folder in package_roots().values():
        assert folder.relative_to(paths.ROOT).as_posix() in copied, f"python.Containerfile: COPY {folder.name}"
    assert "constraints.txt" in copied and "pyproject.toml" in copied
    assert any("pip wheel" in run.arguments for run in wheel.all("RUN"))


@pytest.mark.parametrize(
    ("target", "entrypoint", "extra"),
    [
        ("cli", ["monespace"], None),
        ("home", ["python", "-m", "monespace_home"], "postgres"),
        ("sink", ["python", "-m", "message_sink"], "devstack"),
    ],
)
def test_python_image_targets_run_the_wheel(target: str, entrypoint: list[str], extra: str | None) -> None:
    assert PYTHON.entrypoint_and_cmd(target)[0] == entrypoint
    installs = " ".join(run.arguments for run in PYTHON.stage(target).all("RUN"))
    assert "pip install -c /wheels/constraints.txt" in installs
    if extra:
        assert f"[{extra}]" in installs and extra in PYPROJECT["project"]["optional-dependencies"]
    if entrypoint == ["monespace"]:
        assert PYPROJECT["project"]["scripts"]["monespace"] == "provisioning.cli:main"
    assert PYTHON.stage(target).last("USER") is not None, "runs as an unprivileged user"
