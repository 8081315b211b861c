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

import queue
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from monespace_home.revocations import RevocationsUnavailable, record_keys, revocation_key

try:
    import psycopg
except ImportError:  # pragma: no cover - the extra is missing
    psycopg = None  # type: ignore[assignment]

TABLE = "monespace_home_revocations"
#: Idle connections kept per home process (waitress' threads share them; a query takes ~1 ms).
IDLE_CONNECTIONS = 4
#: Seconds to connect, or for the database to answer.
TIMEOUT_SECONDS = 5
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

T = TypeVar("T")


class PostgresRevocations:
    """`SessionRevocations` over a PostgreSQL database (URL `postgresql://user:password@host/db`).

    Connections are kept idle between requests and opened on demand; one that fails is dropped.
    A query that fails on a kept connection (the database restarted since) is tried once more on
    a new one, so the first request after a restart already works.
    """

    def __init__(self, url: str, lifetime: timedelta, clock: Callable[[], float] = time.time) -> None:
        if psycopg is None:
            raise RevocationsUnavailable(
                "PostgreSQL store of ended sessions: psycopg is missing (pip install 'monespace-identity[postgres]')"
            )
        self._url = url
        self._lifetime = lifetime.total_seconds()
        self._clock = clock
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._schema_lock = threading.Lock()
        self._ready = False

    def revoke(self, *, sid: str | None = None, sub: str | None = None) -> None:
        key = revocation_key(sid=sid, sub=sub)
        now = self._clock()

        def write(cursor: Any) -> None:
            cursor.execute(
                f"INSERT INTO {TABLE} (key, recorded_at) VALUES (%s, %s) "
                f"ON CONFLICT (key) DO UPDATE SET recorded_at = GREATEST({TABLE}.recorded_at, EXCLUDED.recorded_at)",
                (key, now),
            )
            cursor.execute(f"DELETE FROM {TABLE} WHERE recorded_at <= %s", (now - self._lifetime,))

        self._run(write)

    def is_revoked(self, *, sid: str | None, sub: str, signed_in_at: float) -> bool:
        horizon = self._clock() - self._lifetime

        def read(cursor: Any) -> bool:
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE key = ANY(%s) AND recorded_at > %s AND recorded_at >= %s LIMIT 1",
                (record_keys(sid=sid, sub=sub), horizon, signed_in_at),
            )
            return cursor.fetchone() is not None

        return self._run(read)

    def __len__(self) -> int:
        horizon = self._clock() - self._lifetime

        def count(cursor: Any) -> int:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE recorded_at > %s", (horizon,))
            row = cursor.fetchone()
            return int(row[0]) if row else 0

        return self._run(count)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def _run(self, operation: Callable[[Any], T]) -> T:
        try:
            kept = self._idle.get_nowait()
        except queue.Empty:
            kept = None
        try:
            if kept is not None:
                try:
                    return self._on(kept, operation)
                except psycopg.OperationalError:
                    pass  # a connection from before a restart: once more on a new one
            return self._on(self._connect(), operation)
        except (psycopg.Error, OSError) as exc:
            raise RevocationsUnavailable(f"PostgreSQL store of ended sessions: {type(exc).__name__}: {exc}") from exc

    def _on(self, connection: Any, operation: Callable[[Any], T]) -> T:
        try:
            self._ensure_schema(connection)
            with connection.cursor() as cursor:
                result = operation(cursor)
        except BaseException:
            connection.close()
            raise
        if self._idle.qsize() < IDLE_CONNECTIONS:
            self._idle.put(connection)
        else:
            connection.close()
        return result

    def _connect(self) -> Any:
        return psycopg.connect(
            self._url,
            autocommit=True,
            connect_timeout=TIMEOUT_SECONDS,
            options=f"-c statement_timeout={TIMEOUT_SECONDS * 1000}",
        )

    def _ensure_schema(self, connection: Any) -> None:
        if self._ready:
            return
        with self._schema_lock, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            connection.execute(SCHEMA)
        self._ready = True
