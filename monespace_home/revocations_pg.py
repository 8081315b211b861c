"""Ended sessions in PostgreSQL: the store several home processes (a Deployment's replicas) share.

One row per record, keyed as the in-process store keys them (`sid:<sid>` or `sub:<sub>`), with
the time it was made by the recording home's clock. A record is upserted (the latest time wins),
read with one indexed query per request, and forgotten `lifetime` after it was made: rows older
than that are deleted as new records come in. The table is created on first use; the database
user needs CREATE on the schema then, and SELECT, INSERT, UPDATE, DELETE on the table after.

Any database failure raises RevocationsUnavailable: the home then shows its "service
indisponible" page (a page request) or answers 503 (a logout token, which Keycloak retries on
the doctor's next logout): never a page for a session that may have ended.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from monespace_home.revocations import RevocationsUnavailable, record_keys, revocation_key

try:
    import psycopg
    from psycopg_pool import ConnectionPool
except ImportError:  # pragma: no cover - the extra is missing
    psycopg = None  # type: ignore[assignment]

TABLE = "monespace_home_revocations"
#: Connections per home process: waitress' threads share them (queries take a millisecond).
POOL_SIZE = 4
#: Seconds a request waits for a connection, or for the database to answer.
TIMEOUT_SECONDS = 5.0
#: Advisory lock taken while creating the table: replicas starting together would otherwise
#: collide in CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL).
SCHEMA_LOCK = 0x6D6F6E65  # "mone"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    key text PRIMARY KEY,
    recorded_at double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS {TABLE}_recorded_at ON {TABLE} (recorded_at);
"""


class PostgresRevocations:
    """`SessionRevocations` over a PostgreSQL database (URL `postgresql://user:password@host/db`)."""

    def __init__(self, url: str, lifetime: timedelta, clock: Callable[[], float] = time.time) -> None:
        if psycopg is None:
            raise RevocationsUnavailable(
                "PostgreSQL store of ended sessions: psycopg is missing (pip install 'monespace-identity[postgres]')"
            )
        self._lifetime = lifetime.total_seconds()
        self._clock = clock
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            timeout=TIMEOUT_SECONDS,
            kwargs={"autocommit": True, "connect_timeout": int(TIMEOUT_SECONDS)},
            # A connection broken by a database restart is replaced before use, not failed on.
            check=ConnectionPool.check_connection,
            open=False,
            name="monespace-home-revocations",
        )
        self._pool.open(wait=False)
        self._ready = False

    def revoke(self, *, sid: str | None = None, sub: str | None = None) -> None:
        key = revocation_key(sid=sid, sub=sub)
        now = self._clock()
        with self._cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (key, recorded_at) VALUES (%s, %s) "
                f"ON CONFLICT (key) DO UPDATE SET recorded_at = GREATEST({TABLE}.recorded_at, EXCLUDED.recorded_at)",
                (key, now),
            )
            cursor.execute(f"DELETE FROM {TABLE} WHERE recorded_at <= %s", (now - self._lifetime,))

    def is_revoked(self, *, sid: str | None, sub: str, signed_in_at: float) -> bool:
        horizon = self._clock() - self._lifetime
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE key = ANY(%s) AND recorded_at > %s AND recorded_at >= %s LIMIT 1",
                (record_keys(sid=sid, sub=sub), horizon, signed_in_at),
            )
            return cursor.fetchone() is not None

    def __len__(self) -> int:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE recorded_at > %s", (self._clock() - self._lifetime,))
            row = cursor.fetchone()
            return int(row[0]) if row else 0

    def close(self) -> None:
        self._pool.close()

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        try:
            with self._pool.connection() as connection:
                if not self._ready:
                    with connection.transaction():
                        connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                        connection.execute(SCHEMA)
                    self._ready = True
                with connection.cursor() as cursor:
                    yield cursor
        except (psycopg.Error, TimeoutError) as exc:  # PoolTimeout is an OperationalError
            raise RevocationsUnavailable(f"PostgreSQL store of ended sessions: {type(exc).__name__}: {exc}") from exc
