"""Where the repository and its git-ignored cache live."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("MONESPACE_CACHE_DIR", ROOT / ".cache"))
EXTENSIONS = ROOT / "extensions"
#: The names Java, Python and the realm files share; Maven packs it into the providers jar.
CONTRACT = ROOT / "realm" / "contract.yaml"
THEMES = ROOT / "themes"
THEME = THEMES / "monespace"
STRENGTH_BUNDLE_PROJECT = THEMES / "password-strength"


def keycloak_version() -> str:
    """The Keycloak version pinned once, in extensions/pom.xml (it also pins the SPI dependencies)."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(EXTENSIONS / "pom.xml").getroot().find("m:properties/m:keycloak.version", ns)
    version = (node.text or "").strip() if node is not None else ""
    if not version:
        raise RuntimeError("extensions/pom.xml has no <keycloak.version> property")
    return version
