"""Pick the newest JDK Keycloak supports (25, then 21, then 17) among those installed."""

from __future__ import annotations

import os
import re
from pathlib import Path

SUPPORTED = (25, 21, 17)
SEARCH_DIRS = (Path("/usr/lib/jvm"), Path("/opt/java"), Path("/opt"))


class NoSupportedJdk(RuntimeError):
    pass


def _major(home: Path) -> int | None:
    release = home / "release"
    if not (home / "bin" / "java").exists() or not release.exists():
        return None
    match = re.search(r'JAVA_VERSION="(\d+)', release.read_text(errors="replace"))
    return int(match.group(1)) if match else None


def candidates() -> list[Path]:
    homes: list[Path] = []
    if os.environ.get("MONESPACE_JAVA_HOME"):
        return [Path(os.environ["MONESPACE_JAVA_HOME"])]
    if os.environ.get("JAVA_HOME"):
        homes.append(Path(os.environ["JAVA_HOME"]))
    for base in SEARCH_DIRS:
        if base.is_dir():
            homes.extend(sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink()))
    return homes


def find_jdk() -> tuple[Path, int]:
    """The home and major version of the best JDK; MONESPACE_JAVA_HOME forces one."""
    found: dict[int, Path] = {}
    for home in candidates():
        major = _major(home)
        if major in SUPPORTED and major not in found:
            found[major] = home
    for major in SUPPORTED:
        if major in found:
            return found[major], major
    raise NoSupportedJdk(
        "no JDK supported by Keycloak found (need 25, 21 or 17 under /usr/lib/jvm, or set MONESPACE_JAVA_HOME)"
    )
