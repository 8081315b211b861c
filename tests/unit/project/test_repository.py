"""The repository keeps its promises: one Keycloak pin, the README's two commands."""

from __future__ import annotations

import os
import re

from provisioning.devstack import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    commands = re.findall(r"^\s*(scripts/\S+)", README.split("\n## ", 1)[0], re.M)
    assert commands[:2] == ["scripts/run", "scripts/test"]
    for command in commands[:2]:
        assert os.access(paths.ROOT / command, os.X_OK), command


def test_ci_runs_the_readme_test_command() -> None:
    assert "scripts/test" in (paths.ROOT / ".ci" / "run").read_text()


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


def readme_section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def layout_folders(section: str) -> set[str]:
    """The folders the README's Layout table names (first column)."""
    return set(re.findall(r"^\| `([^`/]+)/` \|", section, re.M))


def java_packages(section: str) -> set[str]:
    """The packages the README's Java packages paragraph names."""
    paragraph = section.split("Java packages", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"`([a-z]+)`", paragraph))


def tracked_folders() -> set[str]:
    import subprocess

    listed = subprocess.run(["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/", 1)[0] for line in listed.splitlines() if "/" in line and not line.startswith(".")}


def test_the_layout_section_matches_the_tree() -> None:
    assert layout_folders(readme_section("Layout")) == tracked_folders()


def test_the_java_packages_paragraph_matches_the_extensions() -> None:
    root = paths.EXTENSIONS / "src" / "main" / "java" / "fr" / "ordre" / "monespace"
    assert java_packages(readme_section("Layout")) == {p.name for p in root.iterdir() if p.is_dir()}


def test_the_layout_checks_catch_a_folder_left_out() -> None:
    section = readme_section("Layout")
    assert tracked_folders() - layout_folders(section.replace("| `scripts/` |", "| scripts |")) == {"scripts"}
    without_texts = section.replace(", `texts` (", ", texts (")
    assert "texts" not in java_packages(without_texts)
