"""Client of the extension's bulk endpoint, ``/realms/{realm}/monespace-sync/doctors``.

The admin REST API takes one request and one database transaction per user, which cannot
load 300,000 doctors in minutes on two cores; the endpoint takes a batch per transaction and
lists what Keycloak holds page by page (extensions/…/sync/DoctorSyncResource.java).

Contract:
- ``GET doctors/export`` → JSON Lines, streamed: ``["<rpps>", "<ordinalHash>"|null, <enabled>,
  "<ordinalStatus>"|null]`` per doctor in RPPS order, then ``{"count": <doctors>}``; an answer
  without that last line, or with another count, was cut off;
- ``GET doctors?after=<rpps>&limit=<n>`` → ``{"doctors": [{"rpps", "ordinalHash",
  "enabled", "ordinalStatus"}…], "next": "<rpps>"}``; keys with no value are left out, and
  ``next`` is absent on the last page;
- ``POST doctors`` with ``{"doctors": [{"rpps", "enabled", "attributes", "create"?}…]}`` (at most
  1,000) → ``{"created", "updated", "unchanged", "disabled", "enabled", "sessionsEnded"}``; the
  batch is one transaction, an upsert keyed on the username (the RPPS), so sending it again after
  a failure or an interruption never duplicates anybody. ``"create": true`` skips the lookup of a
  doctor the export did not list. 400 names every problem of a malformed batch (nothing written);
  409 means one of its users to create exists (a concurrent writer, or a ``create`` flag gone
  stale): nothing was written, send it again (without the flags).
- 401 without a valid token; 403 when the token's holder has neither the realm role
  ``ordinal-sync`` nor the right to manage the realm's users.

No business logic here: the planner decides, this sends.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol
from urllib.parse import quote

import requests
from keycloak import KeycloakAdmin

from keycloak_connection.admin import access_token, server_url
from ordinal_sync.keycloak_mapping import USERNAME, KeycloakUser
from ordinal_sync.planning import ExistingDoctor

RESOURCE = "monespace-sync"
DOCTORS = "doctors"
ROLE = "ordinal-sync"  # the realm role that opens the endpoint (realm/roles.yaml, SyncAccess.java)
EXPORT = "export"  # under DOCTORS
_EXPORT_CHUNK = 1 << 16
MAX_BATCH = 1000  # the endpoint's bound on one transaction
# A batch is idempotent: on a dropped connection, a 5xx or a 409 it is simply sent again.
RETRIES = 4
RETRY_PAUSE_SECONDS = 2.0
HTTP_UNAUTHORIZED = 401
HTTP_FORBIDDEN = 403
HTTP_NOT_FOUND = 404
HTTP_CONFLICT = 409


class BulkEndpointError(Exception):
    """A request to the bulk endpoint failed for good; the message is one line."""


class BatchConflict(BulkEndpointError):
    """409: a user the batch was to create exists; nothing was written."""


class ExportInterrupted(BulkEndpointError):
    """The streamed export was cut off midway: reading it again may succeed."""


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """What Keycloak reports having done; ``enabled`` counts re-enables."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    disabled: int = 0
    enabled: int = 0
    sessions_ended: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> UpsertCounts:
        return cls(
            created=int(payload.get("created", 0)),
            updated=int(payload.get("updated", 0)),
            unchanged=int(payload.get("unchanged", 0)),
            disabled=int(payload.get("disabled", 0)),
            enabled=int(payload.get("enabled", 0)),
            sessions_ended=int(payload.get("sessionsEnded", 0)),
        )


class DoctorStore(Protocol):
    """What a sync run needs from Keycloak: KeycloakBulk, or a stand-in in unit tests."""

    realm: str

    def check(self) -> None: ...

    def export(self) -> Iterator[tuple[str, ExistingDoctor]]: ...

    def upsert(self, users: Sequence[KeycloakUser]) -> UpsertCounts: ...


def write_body(user: KeycloakUser, *, create: bool = False) -> dict[str, Any]:
    """One doctor of an upsert: the username is the key, so it is not an attribute to write.
    ``create``: a doctor new to Keycloak is created without being looked up first."""
    attributes = {name: values for name, values in user.attributes.items() if name != USERNAME}
    body: dict[str, Any] = {"rpps": user.username, "enabled": user.enabled, "attributes": attributes}
    if create and user.creating:
        body["create"] = True
    return body


class BulkEndpoint:
    """One of MonEspace's bulk endpoints of a realm (``/realms/{realm}/{resource}/…``), through an
    authenticated admin connection: token renewal, retries of idempotent batches, one-line failures.

    Thread-safe: batches may be sent from several threads (each gets its own HTTP session).
    """

    def __init__(
        self,
        admin: KeycloakAdmin,
        realm: str,
        *,
        resource: str,
        role: str,
        timeout_seconds: float = 300.0,
        retry_pause_seconds: float = RETRY_PAUSE_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._admin = admin
        self.realm = realm
        self.base_url = f"{server_url(admin)}/realms/{quote(realm, safe='')}/{resource}"
        self._resource = resource
        self._role = role
        self._timeout = timeout_seconds
        self._retry_pause = retry_pause_seconds
        self._sleep = sleep
        self._token_lock = threading.Lock()
        self._local = threading.local()

    # --- HTTP ------------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            self._local.session = session
        return session

    def _token(self, renew: bool = False) -> str:
        with self._token_lock:
            if renew:
                self._admin.connection.get_token()
            return access_token(self._admin)

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = self._send(method, f"{self.base_url}/{path}", **kwargs).json()
        return payload

    def _send(self, method: str, url: str, *, conflict_final: bool = False, **kwargs: Any) -> requests.Response:
        """A successful answer, after retries of what may not have landed; else BulkEndpointError.

        ``conflict_final``: a 409 raises BatchConflict at once instead of being retried."""
        what = f"{method} {url}"
        renewed = False
        for attempt in range(1, RETRIES + 1):
            headers = {"Authorization": f"Bearer {self._token()}"}
            try:
                response = self._session().request(method, url, headers=headers, timeout=self._timeout, **kwargs)
            except requests.RequestException as error:
                if attempt == RETRIES:
                    raise BulkEndpointError(f"{what}: {type(error).__name__}: {error}") from None
                self._sleep(self._retry_pause * attempt)
                continue
            status = response.status_code
            if status == HTTP_UNAUTHORIZED and not renewed:
                self._token(renew=True)  # expired mid-run, or revoked: one fresh token, then give up
                renewed = True
                continue
            if response.ok:
                return response
            if status == HTTP_CONFLICT and conflict_final:
                raise BatchConflict(self._failure(what, response))
            if (status >= 500 or status == HTTP_CONFLICT) and attempt < RETRIES:
                self._sleep(self._retry_pause * attempt)
                continue
            raise BulkEndpointError(self._failure(what, response))
        raise BulkEndpointError(f"{what}: gave up after {RETRIES} attempts")

    def _failure(self, what: str, response: requests.Response) -> str:
        status = response.status_code
        if status == HTTP_NOT_FOUND:
            return (
                f"{what}: HTTP 404 — realm {self.realm!r} does not exist or the MonEspace providers jar "
                f"(bulk endpoint {self._resource}) is not installed in this Keycloak"
            )
        if status == HTTP_UNAUTHORIZED:
            return f"{what}: HTTP 401 — Keycloak refused the token (wrong realm or expired credentials)"
        if status == HTTP_FORBIDDEN:
            return (
                f"{what}: HTTP 403 — the account needs the realm role '{self._role}' of realm {self.realm!r} "
                f"(or the right to manage its users)"
            )
        detail = _error_text(response)
        return f"{what}: HTTP {status}: {detail}"


class KeycloakBulk(BulkEndpoint):
    """The sync's bulk endpoint of one realm (thread-safe, as every BulkEndpoint)."""

    def __init__(
        self,
        admin: KeycloakAdmin,
        realm: str,
        *,
        timeout_seconds: float = 300.0,
        retry_pause_seconds: float = RETRY_PAUSE_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            admin,
            realm,
            resource=RESOURCE,
            role=ROLE,
            timeout_seconds=timeout_seconds,
            retry_pause_seconds=retry_pause_seconds,
            sleep=sleep,
        )
        self.url = f"{self.base_url}/{DOCTORS}"

    def check(self) -> None:
        """Fail early, in one line, when the endpoint is missing or refuses us."""
        self._request("GET", DOCTORS, params={"limit": 1})

    def export(self) -> Iterator[tuple[str, ExistingDoctor]]:
        """Every doctor Keycloak holds, in RPPS order, streamed: one line in memory at a time.

        Raises ExportInterrupted when the answer is cut off (after yielding what came before).
        """
        url = f"{self.url}/{EXPORT}"
        response = self._send("GET", url, stream=True)
        count = 0
        with response:
            try:
                for line in response.iter_lines(chunk_size=_EXPORT_CHUNK):
                    item = json.loads(line)
                    if isinstance(item, dict):
                        if item.get("count") != count:
                            break
                        return
                    rpps, digest, enabled, status = item
                    yield str(rpps), ExistingDoctor(content_hash=digest or "", enabled=bool(enabled), status=status)
                    count += 1
            except (requests.RequestException, ValueError) as error:
                raise ExportInterrupted(f"GET {url}: cut off after {count:,} doctors ({error})") from None
        raise ExportInterrupted(f"GET {url}: cut off after {count:,} doctors")

    def upsert(self, users: Sequence[KeycloakUser]) -> UpsertCounts:
        """Write one batch in one transaction; retried as a whole when it may not have landed."""
        if not users:
            return UpsertCounts()
        if len(users) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} doctors per batch, got {len(users)}")
        if any(user.creating for user in users):
            # The doctors Keycloak's export did not list are created without a lookup (in an
            # initial load, the lookup cost the database as much as the writes). If one exists
            # after all (a run cut off after this batch landed, another writer), nothing was
            # written: the batch goes again, every doctor looked up.
            payload = {"doctors": [write_body(user, create=True) for user in users]}
            with contextlib.suppress(BatchConflict):
                return UpsertCounts.from_json(self._request("POST", DOCTORS, json=payload, conflict_final=True))
        payload = {"doctors": [write_body(user) for user in users]}
        return UpsertCounts.from_json(self._request("POST", DOCTORS, json=payload))


def _error_text(response: requests.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        problems = payload.get("problems")
        if isinstance(problems, list) and problems:
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            return "; ".join(str(p) for p in problems[:3]) + more
        for key in ("message", "errorMessage", "error_description", "error"):
            if payload.get(key):
                return " ".join(str(payload[key]).split())
    text = " ".join(response.text.split())
    return (text[:200] + "…") if len(text) > 200 else (text or response.reason or "no message")
