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
