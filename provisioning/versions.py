"""What an installed `monespace` was built for: its own version, Keycloak's and the realm files'."""

from __future__ import annotations

from importlib import metadata

import monespace_realm

#: The Keycloak release the extensions, the realm files and this CLI are built and tested
#: against. Pinned once in extensions/pom.xml (<keycloak.version>); this copy travels in the
#: wheel, and tests/unit/project/test_keycloak_version.py keeps it (and every other mention) equal.
KEYCLOAK_VERSION = "26.7.3"
DISTRIBUTION = "monespace-identity"


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def describe() -> str:
    """The text of `monespace --version`."""
    return (
        f"monespace {package_version()} ({DISTRIBUTION})\n"
        f"Keycloak {KEYCLOAK_VERSION}\n"
        f"realm files {monespace_realm.files_version()} ({monespace_realm.DIRECTORY})"
    )
