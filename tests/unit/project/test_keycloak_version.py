"""Keycloak's version is written once, in extensions/pom.xml; every other place naming a Keycloak
26 version names that one (the upgrade runbook changes the pin, and this test lists the rest)."""

from __future__ import annotations

import re
import subprocess

from provisioning import versions
from provisioning.devstack import paths

VERSION = re.compile(r"\b26\.\d+\.\d+\b")
#: Places that must name the pinned version (a copy the build or the runtime reads).
MUST_NAME = {
    "deploy/containers/keycloak.Containerfile": "ARG KEYCLOAK_VERSION={v}",
    "docker-compose.yml": "image: monespace/keycloak:{v}",
    "deploy/kubernetes/20-keycloak.yaml": "/monespace/keycloak:{v}",
    "provisioning/versions.py": 'KEYCLOAK_VERSION = "{v}"',
}
#: Another version named on purpose: (file, version) — why.
OTHER_VERSIONS = {
    ("README.md", "26.7.5"): "the newer distribution whose SPI artifacts Maven Central does not serve",
}
#: Files whose version strings are not Keycloak's (pinned Python packages; Java sources), and
#: this file, which names the exceptions.
NOT_KEYCLOAK = ("constraints.txt", "extensions/src/", "tests/unit/project/test_keycloak_version.py")


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    return [name for name in listed.splitlines() if not name.startswith(NOT_KEYCLOAK) and name != "extensions/pom.xml"]


def test_the_copies_the_build_and_runtime_read_name_the_pin() -> None:
    pinned = paths.keycloak_version()
    assert pinned == versions.KEYCLOAK_VERSION
    for name, expected in MUST_NAME.items():
        assert expected.format(v=pinned) in (paths.ROOT / name).read_text(encoding="utf-8"), name


def test_no_other_keycloak_version_is_named_anywhere() -> None:
    pinned = paths.keycloak_version()
    stray = []
    for name in tracked_files():
        path = paths.ROOT / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for found in VERSION.findall(line):
                if found != pinned and (name, found) not in OTHER_VERSIONS:
                    stray.append(f"{name}:{number}: {found}")
    assert not stray, "Keycloak versions other than the pin in extensions/pom.xml:\n" + "\n".join(stray)
