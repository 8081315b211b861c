"""Client of the extension's legacy endpoint, ``/realms/{realm}/monespace-legacy``.

Contract (extensions/…/legacy/accounts/LegacyAccountsResource.java):
- ``GET doctors?after=<rpps>&limit=<n>`` → ``{"doctors": [{"rpps", "email", "espace",
  "legacyHash", "legacyAccount"}…], "next": "<rpps>"}``: ``espace`` is ``none``, ``legacy`` (a
  portal hash never used since) or ``active`` (MonEspace's own password); ``legacyHash`` is the
  SHA-256 of the held portal hash; keys without a value are left out, ``next`` on the last page;
- ``POST undo`` with ``{"rpps": […]}`` → the same kind of answer: the import's e-mail, hash and
  ``legacyAccount`` removed from doctors who have not signed in since (``undone``), ``kept`` for
  those who have, ``not_imported`` for the others;
- ``POST accounts`` with ``{"accounts": [{"rpps", "email", "hash", "origin"}…]}`` (at most 1,000)
  → ``{"results": [outcome…], "counts": {…}}``, one outcome per account in order. The batch is one
  transaction and decides each account again from what the database holds, so sending it twice
  never imports anything twice. 400 names every problem of a malformed batch (nothing written);
  409 means an espace took one of its e-mails meanwhile (send again).
- 401 without a valid token; 403 without the realm role ``legacy-import`` nor the right to manage
  the realm's users.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from keycloak import KeycloakAdmin

from legacy_import.planning import Attachment, DoctorEspace
from ordinal_sync.keycloak_bulk import RETRY_PAUSE_SECONDS, BulkEndpoint, BulkEndpointError

RESOURCE = "monespace-legacy"
ROLE = "legacy-import"  # the realm role that opens the endpoint (realm/roles.yaml, LegacyAccountsResource.java)
PAGE_SIZE = 5000
MAX_BATCH = 1000
#: What the endpoint did with an account: attached, or left as it was.
DONE = ("imported", "updated", "unchanged", "migrated")
#: Why it refused one (the doctor's state changed since the plan, or a check the import could not make).
REFUSED = ("no_doctor", "espace_active", "email_taken", "email_invalid", "hash_unknown_scheme")
#: What undoing the import did to a doctor (AccountUndo.java).
UNDO_OUTCOMES = ("undone", "kept", "not_imported", "no_doctor")


class AccountStore(Protocol):
    """What an import needs from Keycloak: LegacyEndpoint, or a stand-in in unit tests."""

    realm: str

    def check(self) -> None: ...

    def export(self) -> Iterator[tuple[str, DoctorEspace]]: ...

    def attach(self, attachments: Sequence[Attachment]) -> list[str]: ...

    def undo(self, rpps: Sequence[str]) -> list[str]: ...


class LegacyEndpoint(BulkEndpoint):
    def __init__(
        self,
        admin: KeycloakAdmin,
        realm: str,
        *,
        retry_pause_seconds: float = RETRY_PAUSE_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            admin, realm, resource=RESOURCE, role=ROLE, retry_pause_seconds=retry_pause_seconds, sleep=sleep
        )

    def check(self) -> None:
        """Fail early, in one line, when the endpoint is missing or refuses us."""
        self._request("GET", "doctors", params={"limit": 1})

    def export(self, page_size: int = PAGE_SIZE) -> Iterator[tuple[str, DoctorEspace]]:
        """Every doctor Keycloak holds, in RPPS order, one page in memory at a time."""
        after = ""
        while True:
            page = self._request("GET", "doctors", params={"after": after, "limit": page_size})
            for item in page.get("doctors") or []:
                yield (
                    str(item["rpps"]),
                    DoctorEspace(
                        email=item.get("email"),
                        espace=str(item.get("espace") or "none"),
                        legacy_hash=item.get("legacyHash"),
                        legacy_account=item.get("legacyAccount"),
                    ),
                )
            after = page.get("next") or ""
            if not after:
                return

    def attach(self, attachments: Sequence[Attachment]) -> list[str]:
        """Send one batch (one transaction); the outcome of each account, in order."""
        if not attachments:
            return []
        if len(attachments) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} accounts per batch, got {len(attachments)}")
        return self._outcomes(
            "accounts", {"accounts": [a.body() for a in attachments]}, len(attachments), DONE + REFUSED
        )

    def undo(self, rpps: Sequence[str]) -> list[str]:
        """Undo the import for one batch of doctors (one transaction); the outcome of each, in order."""
        if len(rpps) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} doctors per batch, got {len(rpps)}")
        return self._outcomes("undo", {"rpps": list(rpps)}, len(rpps), UNDO_OUTCOMES) if rpps else []

    def _outcomes(self, path: str, body: dict[str, object], expected: int, known: tuple[str, ...]) -> list[str]:
        answer = self._request("POST", path, json=body)
        outcomes = [str(outcome) for outcome in answer.get("results") or []]
        unknown = sorted(set(outcomes) - set(known))
        if len(outcomes) != expected or unknown:
            raise BulkEndpointError(
                f"POST {self.base_url}/{path}: unexpected answer ({len(outcomes)} outcomes for {expected}"
                f"{', unknown: ' + ', '.join(unknown) if unknown else ''}); "
                f"are the providers jar and this tool the same version?"
            )
        return outcomes
