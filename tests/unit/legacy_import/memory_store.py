"""An in-memory stand-in for the legacy endpoint, with the decisions of ImportOutcome.java."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from legacy_import.hashes import scheme_of
from legacy_import.planning import Attachment, DoctorEspace, hash_digest, login_email


@dataclass
class Doctor:
    email: str | None = None
    espace: str = "none"  # none | legacy | active
    pass_hash: str | None = None
    legacy_account: str | None = None


@dataclass
class MemoryAccounts:
    realm: str = "monespace"
    doctors: dict[str, Doctor] = field(default_factory=dict)
    batches: int = 0
    fail_at_batch: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self) -> None:
        pass

    def export(self) -> Iterator[tuple[str, DoctorEspace]]:
        for rpps in sorted(self.doctors):
            d = self.doctors[rpps]
            digest = hash_digest(d.pass_hash) if d.espace == "legacy" and d.pass_hash else None
            yield rpps, DoctorEspace(d.email, d.espace, digest, d.legacy_account)

    def attach(self, attachments: Sequence[Attachment]) -> list[str]:
        from ordinal_sync.keycloak_bulk import BulkEndpointError

        with self._lock:
            self.batches += 1
            if self.fail_at_batch is not None and self.batches >= self.fail_at_batch:
                raise BulkEndpointError("POST …/accounts: ConnectionError: connection refused")
            return [self._one(a.body()) for a in attachments]

    def _one(self, body: dict[str, str]) -> str:
        if login_email(body["email"]) != body["email"]:
            return "email_invalid"
        if scheme_of(body["hash"]) is None:
            return "hash_unknown_scheme"
        doctor = self.doctors.get(body["rpps"])
        if doctor is None:
            return "no_doctor"
        if doctor.espace == "active":
            return "migrated" if doctor.legacy_account else "espace_active"
        owner = next((rpps for rpps, d in self.doctors.items() if d.email == body["email"]), None)
        if owner is not None and owner != body["rpps"]:
            return "email_taken"
        if doctor.espace == "legacy" and (doctor.pass_hash, doctor.email, doctor.legacy_account) == (
            body["hash"],
            body["email"],
            body["origin"],
        ):
            return "unchanged"
        outcome = "imported" if doctor.espace == "none" else "updated"
        doctor.email, doctor.espace, doctor.pass_hash = body["email"], "legacy", body["hash"]
        doctor.legacy_account = body["origin"]
        return outcome

    def undo(self, rpps: Sequence[str]) -> list[str]:
        with self._lock:
            return [self._undo(one) for one in rpps]

    def _undo(self, rpps: str) -> str:
        doctor = self.doctors.get(rpps)
        if doctor is None:
            return "no_doctor"
        if doctor.legacy_account is None or doctor.espace == "none":
            return "not_imported"
        if doctor.espace == "active":
            return "kept"
        self.doctors[rpps] = Doctor()
        return "undone"

    def sign_in(self, rpps: str) -> None:
        """The doctor's first login: Keycloak re-hashes the portal hash with its own algorithm."""
        doctor = self.doctors[rpps]
        doctor.espace, doctor.pass_hash = "active", None
