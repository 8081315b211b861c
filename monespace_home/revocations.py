"""Keycloak sessions ended behind the home's back, remembered until no cookie can outlive them.

The home's own session is a signed cookie: it cannot be deleted from the server. When Keycloak
ends a doctor's session (logout elsewhere, password or login e-mail change, an administrator),
it calls the back-channel logout endpoint, which records the session's `sid` here (or the
doctor's `sub` when the token names no session); each request then compares its cookie with
these records.

A record holds the time it was made: it ends the home sessions signed in before it, never a
later one. Keycloak can end one client's part of an SSO session and keep the rest, so the next
sign-in may carry the same `sid` again; and a `sub` record must not lock the doctor out.

`InMemoryRevocations` serves one process (waitress' threads share it). Several home processes
behind a load balancer share `PostgresRevocations` (monespace_home/revocations_pg.py), chosen by
MONESPACE_HOME_DATABASE_URL, or any `SessionRevocations` passed to `create_app(revocations=…)`.
Their clocks must agree to within a second or so: records and sign-ins are timed by the home's
clock.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol


class RevocationsUnavailable(RuntimeError):
    """The store cannot be read or written (a shared database down): fail closed."""


def revocation_key(*, sid: str | None, sub: str | None) -> str:
    """The one record a logout token makes: the session when named (a token with both ends that
    session only, Back-Channel Logout 1.0 §2.6); a subject alone ends all of the doctor's sessions."""
    if not sid and not sub:
        raise ValueError("a revocation names a session (sid) or a subject (sub)")
    return f"sid:{sid}" if sid else f"sub:{sub}"


def record_keys(*, sid: str | None, sub: str) -> list[str]:
    """The records that end a home session of `sub` signed in to Keycloak session `sid`."""
    return [f"sub:{sub}"] + ([f"sid:{sid}"] if sid else [])


class SessionRevocations(Protocol):
    """Where ended sessions are recorded; one instance serves every request thread."""

    def revoke(self, *, sid: str | None = None, sub: str | None = None) -> None:
        """Record that the Keycloak session `sid` ended, or every session of `sub`."""
        ...

    def is_revoked(self, *, sid: str | None, sub: str, signed_in_at: float) -> bool:
        """Whether a home session signed in at `signed_in_at` (epoch seconds) has been ended."""
        ...


class InMemoryRevocations:
    """Thread-safe, in-process; a record is forgotten `lifetime` after it was made.

    `lifetime` must be at least the home session's maximum age: a session signed in before a
    record is then refused for its age before the record is forgotten.
    """

    def __init__(self, lifetime: timedelta, clock: Callable[[], float] = time.time) -> None:
        self._lifetime = lifetime.total_seconds()
        self._clock = clock
        self._lock = threading.Lock()
        # key -> time of the record, oldest first: expired records are dropped from the front.
        self._records: OrderedDict[str, float] = OrderedDict()

    def revoke(self, *, sid: str | None = None, sub: str | None = None) -> None:
        key = revocation_key(sid=sid, sub=sub)
        now = self._clock()
        with self._lock:
            self._records[key] = now
            self._records.move_to_end(key)
            self._forget_expired(now)

    def is_revoked(self, *, sid: str | None, sub: str, signed_in_at: float) -> bool:
        keys = record_keys(sid=sid, sub=sub)
        now = self._clock()
        with self._lock:
            self._forget_expired(now)
            recorded = [self._records[key] for key in keys if key in self._records]
        return any(at >= signed_in_at for at in recorded)

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def _forget_expired(self, now: float) -> None:
        horizon = now - self._lifetime
        while self._records:
            key, at = next(iter(self._records.items()))
            if at > horizon:
                break
            del self._records[key]
