"""Group the lines of one doctor, scattered anywhere in a file that does not fit in memory.

Two passes over the file, no temporary files:

1. ``LineIndex`` reads every kept line once and remembers, per record key, only how many lines
   the record has and a digest chained over them in line order (20 bytes a record). That digest
   is the record's *raw digest*: what the state of the last run is compared with, so a record
   whose lines did not change is not normalised again (see state.py).
2. ``regroup`` reads the file again and hands out the lines of the records still wanted, each
   record as soon as its last line has been read: the index knows how many to wait for, so only
   the records whose lines straddle the current position are held (a few percent of the file).

Grouping on disk (an SQLite sort) cost more than a second pass: the file is read at about a
million lines in two seconds, and a daily run where little changed skips the second pass
almost entirely. A record whose lines differ between the passes (the file was replaced while
being read) fails the run instead of mixing two versions of a doctor.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

from ordinal_sync.readers import SourceLine
from ordinal_sync.textfile import SourceFileError

DIGEST_SIZE = 16
_COUNT_BYTES = 4
_ONE = (1).to_bytes(_COUNT_BYTES, "big")

#: A record's key: the RPPS as a number when it is 11 ASCII digits (compact, and the key of
#: the state file), else the text of the RPPS column as it is (always rejected, never saved).
RecordKey = int | str


def record_key(key: str) -> RecordKey:
    """The key of a line's record; "" (no RPPS) stays "" and is never grouped."""
    if len(key) == 11 and key.isascii() and key.isdigit():
        return int(key)
    return key


def rpps_text(key: RecordKey) -> str:
    return f"{key:011d}" if isinstance(key, int) else key


def packed_fields(fields: tuple[str, ...]) -> bytes:
    """The fields of a line as bytes: what is digested and what travels to the workers.

    marshal version 0 writes each string by value, with no back-references nor interning flags
    (later versions depend on object identity), so equal fields always give equal bytes.
    """
    return marshal.dumps(fields, 0)


def _chained(previous: bytes, packed: bytes) -> bytes:
    return hashlib.blake2b(previous + packed, digest_size=DIGEST_SIZE).digest()


@dataclass(frozen=True, slots=True)
class PackedLine:
    """A kept line on its way to normalisation: its fields packed (see packed_fields)."""

    line_no: int
    key: str
    packed: bytes
    problem: str | None = None

    def source_line(self) -> SourceLine:
        fields: tuple[str, ...] = marshal.loads(self.packed) if self.packed else ()
        return SourceLine(self.line_no, self.key, fields, self.problem)


@dataclass(frozen=True, slots=True)
class Group:
    """The lines of one record, in line order, and their raw digest (b"" for a line without key)."""

    lines: list[PackedLine]
    raw_digest: bytes


class LineIndex:
    """Pass 1: per record key, the number of lines and the raw digest chained over them.

    Lines without a key (no RPPS, or unreadable) are records of their own: only counted.
    ``discard`` drops a record the run does not need to read again; what remains is what
    ``regroup`` hands out.
    """

    def __init__(self) -> None:
        self._records: dict[RecordKey, bytes] = {}
        self.loose_lines = 0
        #: The numbers of the lines read as records of their own (no key, or unsplittable): the
        #: second pass reads them again whatever their RPPS column seems to say.
        self.loose_numbers: set[int] = set()

    def add_all(self, lines: Iterable[SourceLine]) -> None:
        records = self._records
        loose = 0
        for line in lines:
            if not line.key:
                loose += 1
                self.loose_numbers.add(line.line_no)
                continue
            key = record_key(line.key)
            packed = marshal.dumps(line.fields, 0)  # packed_fields, inlined: a million calls
            known = records.get(key)
            if known is None:
                records[key] = _chained(b"", packed) + _ONE
            else:
                count = int.from_bytes(known[DIGEST_SIZE:], "big") + 1
                records[key] = _chained(known[:DIGEST_SIZE], packed) + count.to_bytes(_COUNT_BYTES, "big")
        self.loose_lines += loose

    def __len__(self) -> int:
        """Records with a key still wanted."""
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._records

    def keys(self) -> list[RecordKey]:
        return list(self._records)

    def wanted(self) -> Container[RecordKey]:
        """The keys still wanted, for a fast ``in`` (a view: it follows ``discard``)."""
        return self._records.keys()

    def digest(self, key: RecordKey) -> bytes:
        return self._records[key][:DIGEST_SIZE]

    def same_lines(self, key: RecordKey, digest: bytes) -> bool:
        """Whether the record ``key`` is still wanted and its raw digest is ``digest``."""
        known = self._records.get(key)
        return known is not None and known.startswith(digest)

    def line_count(self, key: RecordKey) -> int:
        return int.from_bytes(self._records[key][DIGEST_SIZE:], "big")

    def discard(self, key: RecordKey) -> None:
        del self._records[key]

    def compact(self) -> None:
        """Give back the memory of discarded records (a dict keeps its size otherwise)."""
        self._records = dict(self._records)


def regroup(lines: Iterable[SourceLine], index: LineIndex, *, loose: bool = True) -> Iterator[Group]:
    """Pass 2: the lines of every record still in ``index``, together and in line order.

    A record comes out when its last line is read, and leaves the index then. Lines without
    a key come out alone when ``loose``. Raises SourceFileError when the lines differ from
    those of pass 1.
    """
    pending: dict[RecordKey, list[tuple[int, bytes]]] = {}  # (line number, packed fields)
    for line in lines:
        if not line.key:
            if loose:
                packed = packed_fields(line.fields) if line.fields else b""
                yield Group([PackedLine(line.line_no, "", packed, line.problem)], b"")
            continue
        key = record_key(line.key)
        if key not in index:
            continue
        group = pending.setdefault(key, [])
        group.append((line.line_no, packed_fields(line.fields)))
        if len(group) == index.line_count(key):
            del pending[key]
            digest = b""
            for _line_no, packed in group:
                digest = _chained(digest, packed)
            if digest != index.digest(key):
                raise _changed_while_read(rpps_text(key))
            index.discard(key)
            yield Group([PackedLine(line_no, line.key, packed) for line_no, packed in group], digest)
    if pending or len(index):
        missing = next(iter(pending), None)
        raise _changed_while_read(rpps_text(missing) if missing is not None else rpps_text(index.keys()[0]))


def _changed_while_read(rpps: str) -> SourceFileError:
    return SourceFileError(
        f"the source file changed while it was being read (the lines of RPPS {rpps} differ between the "
        "two passes); run the sync again once the file is complete"
    )
