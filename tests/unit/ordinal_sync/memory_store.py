"""An in-memory stand-in for the bulk endpoint, with the upsert semantics of DoctorWriter.java."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ordinal_sync.keycloak_bulk import BulkEndpointError, UpsertCounts, write_body
from ordinal_sync.keycloak_mapping import KeycloakUser
from ordinal_sync.planning import ExistingDoctor


@dataclass
class StoredUser:
    enabled: bool
    attributes: dict[str, list[str]]
    # What the sync must never touch, set as an activated doctor would have them.
    email: str | None = None
    password: str | None = None
    sessions: int = 0


@dataclass
class MemoryStore:
    realm: str = "monespace"
    users: dict[str, StoredUser] = field(default_factory=dict)
    batches: int = 0
    fail_at_batch: int | None = None  # this batch (1-based) and later ones fail, as a dead server would
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self) -> None:
        pass

    def export(self) -> Iterator[tuple[str, ExistingDoctor]]:
        for rpps in sorted(self.users):
            user = self.users[rpps]
            if "rpps" not in user.attributes:
                continue
            yield (
                rpps,
                ExistingDoctor(
                    content_hash=(user.attributes.get("ordinalHash") or [""])[0],
                    enabled=user.enabled,
                    status=(user.attributes.get("ordinalStatus") or [None])[0],
                ),
            )

    def upsert(self, users: Sequence[KeycloakUser]) -> UpsertCounts:
        with self._lock:
            self.batches += 1
            if self.fail_at_batch is not None and self.batches >= self.fail_at_batch:
                raise BulkEndpointError(f"POST doctors: batch {self.batches} lost")
            counts = UpsertCounts()
            for user in users:
                counts += self._write(write_body(user))
            return counts

    def _write(self, body: dict) -> UpsertCounts:  # type: ignore[type-arg]
        rpps, enabled, attributes = (
            body["rpps"],
            body["enabled"],
            {**body["attributes"], "rpps": [body["rpps"]]},
        )
        stored = self.users.get(rpps)
        if stored is None:
            self.users[rpps] = StoredUser(enabled is True, {k: v for k, v in attributes.items() if v})
            return UpsertCounts(created=1)
        changed = False
        for name, values in attributes.items():
            if stored.attributes.get(name, []) != values:
                changed = True
                if values:
                    stored.attributes[name] = list(values)
                else:
                    stored.attributes.pop(name, None)
        disabled = re_enabled = ended = 0
        if enabled is not None and enabled != stored.enabled:
            stored.enabled = enabled
            disabled, re_enabled = int(not enabled), int(enabled)
            if not enabled:
                ended, stored.sessions = stored.sessions, 0
        if changed or disabled or re_enabled:
            return UpsertCounts(updated=1, disabled=disabled, enabled=re_enabled, sessions_ended=ended)
        return UpsertCounts(unchanged=1)
