"""Content hash of a Doctor, stored on the Keycloak user as ``ordinalHash`` for delta sync."""

from __future__ import annotations

import hashlib
import json

from ordinal_sync.keycloak_mapping import synced_attributes
from ordinal_sync.model import Doctor

# Bump when the hashed representation changes meaning without the attributes changing.
_VERSION = "v1"
HASH_LENGTH = 32  # hex digits: 128 bits, far beyond any chance of a missed change


def content_hash(doctor: Doctor) -> str:
    """sha256 over exactly what the sync writes for this doctor (synced_attributes).

    Hashing the written attributes, rather than the dataclass, means a doctor counts as
    changed exactly when a write would change what this kind of source last wrote. The two
    source kinds write different attribute sets (only the CSV has a status, only the
    extraction has birth and given names), so switching a realm from one kind to the other
    makes every doctor look changed once, which the safety threshold then stops.
    """
    attributes = synced_attributes(doctor)
    canonical = json.dumps(attributes, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{_VERSION}\n{canonical}".encode()).hexdigest()[:HASH_LENGTH]
