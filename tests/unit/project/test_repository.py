"""The repository keeps its promises: one Keycloak pin, the README's two commands, compose in step."""

from __future__ import annotations

import os
import re

import yaml

from provisioning.devstack import paths
from provisioning.devstack.distribution import DENYLIST_NAME, PROVIDER_JAR

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    commands = re.findall(r"^\s*(scripts/\S+)", README.split("\n## ", 1)[0], re.M)
    assert commands[:2] == ["scripts/run", "scripts/test"]
    for command in commands[:2]:
        assert os.access(paths.ROOT / command, os.X_OK), command


def test_ci_runs_the_readme_test_command() -> None:
    assert "scripts/test" in (paths.ROOT / ".ci" / "run").read_text()


def test_compose_uses_the_pinned_keycloak_and_our_build_outputs() -> None:
    compose = yaml.safe_load((paths.ROOT / "docker-compose.yml").read_text())
    keycloak = compose["services"]["keycloak"]
    assert keycloak["image"] == f"quay.io/keycloak/keycloak:{paths.keycloak_version()}"
    mounts = " ".join(keycloak["volumes"])
    assert f"extensions/target/{PROVIDER_JAR}" in mounts
    assert "./themes/monespace:" in mounts
    assert f"password-strength/dist/{DENYLIST_NAME}" in mounts
    assert keycloak["environment"]["KC_DB"] == "postgres"


def test_keycloak_version_is_a_26_release() -> None:
    assert re.fullmatch(r"26\.\d+\.\d+", paths.keycloak_version())


def test_bouncycastle_is_the_one_the_keycloak_distribution_ships() -> None:
    # The bcrypt provider compiles against it with scope "provided": the distribution's jar is the
    # one it meets at run time.
    import zipfile

    from provisioning.devstack.distribution import fetch_distribution

    pom = (paths.EXTENSIONS / "pom.xml").read_text(encoding="utf-8")
    version = re.search(r"<artifactId>bcprov-jdk18on</artifactId>\s*<version>([^<]+)</version>", pom)
    assert version, "bcprov-jdk18on not found in extensions/pom.xml"
    with zipfile.ZipFile(fetch_distribution(paths.keycloak_version(), lambda message: None)) as dist:
        shipped = [name for name in dist.namelist() if "/lib/lib/main/org.bouncycastle.bcprov-jdk18on-" in name]
    assert [name.rsplit("-", 1)[1] for name in shipped] == [f"{version.group(1)}.jar"]
