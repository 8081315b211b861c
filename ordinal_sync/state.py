"""What the last successful run saw: per RPPS, the raw digest of its lines and what they became.

The state is a cache of normalisation, nothing more: an entry says "lines with this raw digest
(grouping.py) normalise, without any warning, to a doctor whose content hash is H and whose
Ordinal status is S". A record whose raw digest matches its entry is not normalised again;
it is compared with Keycloak's export through H and S, exactly as the doctor would be, so a
doctor changed, disabled or deleted in Keycloak by hand is still repaired. Hence a missing,
truncated, stale or foreign state file can only make a run slower, never wrong:

- the file carries a fingerprint of everything normalisation depends on (the source of the
  modules that read, normalise and hash, the versions of phonenumbers, email-validator and idna,
  Python's Unicode database, the layout); any difference and the whole file is ignored;
- a checksum covers the whole file: a truncated or damaged file is ignored;
- records with a warning or a rejection are never saved (their report must be written
  again, and a rejection may depend on the day), so every saved entry is a plain doctor.

Layout: a text line ``MONESPACE-ORDINAL-STATE 1``, a JSON line (fingerprint, layout, realm,
time), then 41-byte entries in ascending RPPS (8-byte RPPS, 16-byte raw digest, 16-byte
content hash, status number), then the entry count (8 bytes) and a SHA-256 of all that
precedes it. Written to a temporary file beside it and renamed: a run killed while saving
leaves the previous state.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.metadata
import json
import os
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from ordinal_sync import grouping, hashing, keycloak_mapping, model, normalise, readers
from ordinal_sync.grouping import DIGEST_SIZE
from ordinal_sync.hashing import HASH_LENGTH

MAGIC = b"MONESPACE-ORDINAL-STATE 1\n"
_KEY_BYTES = 8
_HASH_BYTES = HASH_LENGTH // 2
ENTRY_SIZE = _KEY_BYTES + DIGEST_SIZE + _HASH_BYTES + 1
_TRAILER = 8 + hashlib.sha256().digest_size
_STATUSES: tuple[str | None, ...] = (None, *sorted(model.ALL_STATUSES))
_STATUS_NUMBERS = {status: number for number, status in enumerate(_STATUSES)}
# Everything that turns lines into what the sync writes; their source is part of the fingerprint.
_MODULES = (readers, grouping, normalise, model, keycloak_mapping, hashing)
_LIBRARIES = ("phonenumbers", "email-validator", "idna")


def fingerprint(layout: str) -> str:
    """Changes whenever the same lines could normalise differently."""
    digest = hashlib.sha256()
    for module in _MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={_version(library)}\n".encode())
    digest.update(f"python={sys.version_info[0]}.{sys.version_info[1]} unicode={unicodedata.unidata_version}".encode())
    digest.update(f"layout={layout} entry={ENTRY_SIZE}".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def default_path(directory: Path, realm: str, layout: str) -> Path:
    """One state per realm and layout: the extraction and the Ordinal CSV keep their own."""
    safe = "".join(char if char.isalnum() or char in "-_" else "_" for char in realm)
    return directory / f"ordinal-sync-{safe}-{layout}.state"


class SavedEntry(NamedTuple):
    """One entry of a state file (a daily run reads 300,000 of them: a plain tuple)."""

    key: int
    data: bytes  # the whole entry, as written

    @property
    def raw_digest(self) -> bytes:
        return self.data[_KEY_BYTES : _KEY_BYTES + DIGEST_SIZE]

    @property
    def raw_content_hash(self) -> bytes:
        return self.data[_KEY_BYTES + DIGEST_SIZE : ENTRY_SIZE - 1]

    @property
    def content_hash(self) -> str:
        return self.raw_content_hash.hex()

    @property
    def status(self) -> str | None:
        return _STATUSES[self.data[ENTRY_SIZE - 1]]


def _entries(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while entry := spool.read(ENTRY_SIZE):
        yield entry


def _entry(key: int, raw_digest: bytes, content_hash: str, status: str | None) -> bytes:
    return (
        key.to_bytes(_KEY_BYTES, "big") + raw_digest + bytes.fromhex(content_hash) + bytes((_STATUS_NUMBERS[status],))
    )


class SavedState:
    """A state file read and checked whole; ``reason`` says why it is not used, if so."""

    def __init__(self, path: Path, layout: str) -> None:
        self.path = path
        self.reason: str | None = None
        self._body = b""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.reason = "none yet"
            return
        except OSError as error:
            self.reason = f"unreadable ({error.strerror or error})"
            return
        self.reason = self._check(data, layout)
        if self.reason is None:
            header_end = data.index(b"\n", len(MAGIC)) + 1
            self._body = data[header_end : len(data) - _TRAILER]

    @staticmethod
    def _check(data: bytes, layout: str) -> str | None:
        if not data.startswith(MAGIC):
            return "not a state file of this sync"
        if len(data) < len(MAGIC) + _TRAILER or hashlib.sha256(data[:-32]).digest() != data[-32:]:
            return "damaged or truncated"
        header_end = data.find(b"\n", len(MAGIC))
        try:
            header = json.loads(data[len(MAGIC) : header_end])
        except ValueError:
            return "damaged header"
        if not isinstance(header, dict) or header.get("fingerprint") != fingerprint(layout):
            return "written by another version of the sync or for another layout"
        body = len(data) - _TRAILER - header_end - 1
        count = int.from_bytes(data[-_TRAILER:-32], "big")
        if body != count * ENTRY_SIZE:
            return "damaged or truncated"
        return None

    @property
    def usable(self) -> bool:
        return self.reason is None

    def __len__(self) -> int:
        return len(self._body) // ENTRY_SIZE

    def __iter__(self) -> Iterator[SavedEntry]:
        """Entries in ascending RPPS; one out of order (never written so) ends the iteration."""
        body = self._body
        previous = -1
        statuses = len(_STATUSES)
        for start in range(0, len(body), ENTRY_SIZE):
            data = body[start : start + ENTRY_SIZE]
            key = int.from_bytes(data[:_KEY_BYTES], "big")
            if key <= previous or data[-1] >= statuses:
                return
            previous = key
            yield SavedEntry(key, data)

    def release(self) -> None:
        self._body = b""


class NextState:
    """The state this run will leave: entries kept from the saved state, and new ones.

    Kept entries come in ascending RPPS (the order they are checked in); new ones in any
    order. ``save`` writes them all, sorted, only when the run completed.
    """

    def __init__(self, path: Path, layout: str, realm: str) -> None:
        self.path = path
        self._layout = layout
        self._realm = realm
        # On disk until saved (12 MB for 300,000 doctors), in a temporary file beside the state.
        path.parent.mkdir(parents=True, exist_ok=True)
        self._kept: IO[bytes] = tempfile.TemporaryFile(dir=path.parent)  # noqa: SIM115 - closed by save()
        self._new: IO[bytes] = tempfile.TemporaryFile(dir=path.parent)  # noqa: SIM115 - closed by save()
        self._count = 0

    def keep(self, entry: SavedEntry) -> None:
        self._kept.write(entry.data)
        self._count += 1

    def add(self, key: int, raw_digest: bytes, content_hash: str, status: str | None) -> None:
        self._new.write(_entry(key, raw_digest, content_hash, status))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def save(self) -> None:
        """Atomically replace the state file (a temporary file beside it, then a rename)."""
        kept = _entries(self._kept)  # already in RPPS order
        new = sorted(_entries(self._new))  # 8-byte big-endian keys first: byte order is RPPS order
        header = json.dumps(
            {
                "fingerprint": fingerprint(self._layout),
                "layout": self._layout,
                "realm": self._realm,
                "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(descriptor, "wb") as out:
                checksum = hashlib.sha256()
                count = 0

                def write(chunk: bytes) -> None:
                    checksum.update(chunk)
                    out.write(chunk)

                write(MAGIC + header.encode() + b"\n")
                previous = b""
                for entry in heapq.merge(kept, new):
                    key = entry[:_KEY_BYTES]
                    if key == previous:
                        continue  # a record both kept and new cannot happen; never write it twice
                    previous = key
                    write(entry)
                    count += 1
                write(count.to_bytes(8, "big"))
                out.write(checksum.digest())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        finally:
            self.close()

    def close(self) -> None:
        """Drop the entries without saving them (a failed run); save() closes too."""
        self._kept.close()
        self._new.close()
