"""What Keycloak already holds, RPPS → ExistingDoctor, in as little memory as practical.

The planner looks every source doctor up here, so the whole population stays in memory for
the run. Kept as plain ``ExistingDoctor`` objects, 300,000 doctors cost about 85 MB; as a dict
of one small ``bytes`` per doctor, about 40 MB; as two flat arrays in RPPS order (the order
Keycloak exports them in) searched by bisection, about 8 MB. The ExistingDoctor is rebuilt on
each lookup.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping

from ordinal_sync.grouping import record_key
from ordinal_sync.hashing import HASH_LENGTH
from ordinal_sync.planning import ExistingDoctor

_ENABLED = 1
_RECORD = 2 + HASH_LENGTH // 2  # flags, status number, raw digest
_NO_DIGEST = bytes(HASH_LENGTH // 2)


class DoctorInventory(Mapping[str, ExistingDoctor]):
    """An immutable mapping filled once from Keycloak's export.

    A digest that is not one this sync writes (hand-edited, other version) is kept as "no
    digest", so the doctor counts as changed and gets rewritten, which is what it needs.
    Keys that are not 11-digit RPPS are kept apart, unpacked.
    """

    def __init__(self, doctors: Iterable[tuple[str, ExistingDoctor]] = ()) -> None:
        self._keys = array("Q")
        self._records = bytearray()
        self._others: dict[str, ExistingDoctor] = {}
        self._statuses: list[str | None] = [None]
        self._status_numbers: dict[str | None, int] = {None: 0}
        ordered = True
        for rpps, doctor in doctors:
            key = _numeric_key(rpps)
            number = self._status_number(doctor.status)
            if key is None or number is None:
                self._others[rpps] = doctor
                continue
            if self._keys and key <= self._keys[-1]:
                ordered = False
            self._keys.append(key)
            self._records += bytes((_ENABLED if doctor.enabled else 0, number)) + _raw_digest(doctor.content_hash)
        if not ordered:
            self._sort()

    def _status_number(self, status: str | None) -> int | None:
        number = self._status_numbers.get(status)
        if number is None and len(self._statuses) < 256:
            number = len(self._statuses)
            self._statuses.append(status)
            self._status_numbers[status] = number
        return number

    def _sort(self) -> None:
        """Another store's order (a stand-in in tests): sort once; a repeated RPPS keeps its last."""
        latest = {key: index for index, key in enumerate(self._keys)}
        order = sorted(latest)
        records = bytearray()
        for key in order:
            start = latest[key] * _RECORD
            records += self._records[start : start + _RECORD]
        self._keys = array("Q", order)
        self._records = records

    def record(self, key: int) -> bytes | None:
        """The packed doctor whose RPPS is ``key`` as a number (see grouping.record_key): read
        its digest's 16 raw bytes with ``digest_of`` (zeros: none) or unpack it with ``doctor``."""
        position = bisect_left(self._keys, key)
        if position == len(self._keys) or self._keys[position] != key:
            return None
        start = position * _RECORD
        return bytes(self._records[start : start + _RECORD])

    @staticmethod
    def digest_of(record: bytes) -> bytes:
        return record[2:]

    def by_number(self, key: int) -> ExistingDoctor | None:
        """The doctor whose RPPS is ``key`` as a number."""
        record = self.record(key)
        return self.doctor(record) if record is not None else None

    def doctor(self, record: bytes) -> ExistingDoctor:
        digest = record[2:]
        return ExistingDoctor(
            content_hash="" if digest == _NO_DIGEST else digest.hex(),
            enabled=bool(record[0] & _ENABLED),
            status=self._statuses[record[1]],
        )

    def __getitem__(self, rpps: str) -> ExistingDoctor:
        key = _numeric_key(rpps)
        found = self.by_number(key) if key is not None else None
        if found is None:
            return self._others[rpps]
        return found

    def __len__(self) -> int:
        return len(self._keys) + len(self._others)

    def __iter__(self) -> Iterator[str]:
        # Keys are stored as numbers: an RPPS has 11 digits, leading zeros included.
        yield from (f"{key:011d}" for key in self._keys)
        yield from self._others

    def __contains__(self, rpps: object) -> bool:
        if not isinstance(rpps, str):
            return False
        key = _numeric_key(rpps)
        return (key is not None and self.by_number(key) is not None) or rpps in self._others


def _numeric_key(rpps: str) -> int | None:
    """The key of a well-formed RPPS (11 ASCII digits), else None."""
    key = record_key(rpps)
    return key if isinstance(key, int) else None


def _raw_digest(content_hash: str) -> bytes:
    """16 raw bytes; all zeros for "no digest" (a real digest of zeros would only cost a rewrite)."""
    if len(content_hash) != HASH_LENGTH:
        return _NO_DIGEST
    try:
        return bytes.fromhex(content_hash)
    except ValueError:
        return _NO_DIGEST
