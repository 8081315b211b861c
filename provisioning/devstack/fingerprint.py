"""Content fingerprints, so a rebuild happens only when something it depends on changed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

SKIP_DIRS = {"node_modules", "target", "dist", "__pycache__", ".git"}


def tree_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and not SKIP_DIRS.intersection(p.relative_to(root).parts))


def fingerprint(paths: Iterable[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for value in extra:
        digest.update(value.encode())
        digest.update(b"\0")
    for root in paths:
        for file in tree_files(root):
            digest.update(str(file).encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
