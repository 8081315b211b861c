"""What Keycloak already holds, RPPS → ExistingDoctor, in as little memory as practical.

The planner looks every source doctor up here, so the whole population stays in memory for
the run. Kept as plain ``ExistingDoctor`` objects, 300,000 doctors cost about 85 MB; packed as
one small ``bytes`` per doctor (flags, status number, raw 16-byte digest) under an ``int`` key,
about 40 MB. The ExistingDoctor is rebuilt on each lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ordinal_sync.hashing import HASH_LENGTH
from ordinal_sync.planning import ExistingDoctor

_ENABLED = 1


class DoctorInventory(Mapping[str, ExistingDoctor]):
    """An immutable mapping filled once from Keycloak's export.

    A digest that is not one this sync writes (hand-edited, other version) is kept as "no
    digest", so the doctor counts as changed and gets rewritten, which is what it needs.
    Keys that are not plain numbers (never an RPPS) are kept apart, unpacked.
    """

    def __init__(self, doctors: Iterable[tuple[str, ExistingDoctor]] = ()) -> None:
        self._packed: dict[int, bytes] = {}
        self._others: dict[str, ExistingDoctor] = {}
        self._statuses: list[str | None] = [None]
        self._status_numbers: dict[str | None, int] = {None: 0}
        for rpps, doctor in doctors:
            self._add(rpps, doctor)

    def _add(self, rpps: str, doctor: ExistingDoctor) -> None:
        number = self._status_numbers.get(doctor.status)
        key = _numeric_key(rpps)
        if key is None or (number is None and len(self._statuses) > 255):
            self._others[rpps] = doctor
            return
        if number is None:
            number = len(self._statuses)
            self._statuses.append(doctor.status)
            self._status_numbers[doctor.status] = number
        flags = _ENABLED if doctor.enabled else 0
        self._packed[key] = bytes((flags, number)) + _raw_digest(doctor.content_hash)

    def __getitem__(self, rpps: str) -> ExistingDoctor:
        key = _numeric_key(rpps)
        packed = self._packed.get(key) if key is not None else None
        if packed is None:
            return self._others[rpps]
        return ExistingDoctor(
            content_hash=packed[2:].hex(),
            enabled=bool(packed[0] & _ENABLED),
            status=self._statuses[packed[1]],
        )

    def __len__(self) -> int:
        return len(self._packed) + len(self._others)

    def __iter__(self) -> Iterator[str]:
        # Keys are stored as numbers: an RPPS has 11 digits, leading zeros included.
        yield from (f"{key:011d}" for key in self._packed)
        yield from self._others

    def __contains__(self, rpps: object) -> bool:
        if not isinstance(rpps, str):
            return False
        key = _numeric_key(rpps)
        return (key is not None and key in self._packed) or rpps in self._others


def _numeric_key(rpps: str) -> int | None:
    """The dict key of a well-formed RPPS (11 ASCII digits), else None."""
    if len(rpps) == 11 and rpps.isascii() and rpps.isdigit():
        return int(rpps)
    return None


def _raw_digest(content_hash: str) -> bytes:
    if len(content_hash) != HASH_LENGTH:
        return b""
    try:
        return bytes.fromhex(content_hash)
    except ValueError:
        return b""
