"""The realm files (this folder, realm/), installed with the CLI as the package `monespace_realm`.

An installed `monespace` applies these files without a checkout of the repository;
`--realm-dir` (or MONESPACE_REALM_DIR) points it at another copy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
#: The files `monespace realm` reads: templates, partials and values.
SUFFIXES = (".yaml", ".yml")


def files_version(directory: Path = DIRECTORY) -> str:
    """A short digest of the realm files' names and contents: two copies with the same version
    apply the same realm (given the same values)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
