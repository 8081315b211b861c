"""A throw-away local PostgreSQL (Debian's server, loopback, a free port) for tests that need one
without a Keycloak on it."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

from provisioning.devstack import paths
from provisioning.devstack.ports import free_port
from provisioning.devstack.postgres import LocalPostgres


@dataclass(frozen=True)
class Database:
    server: LocalPostgres
    name: str
    user: str
    password: str

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{self.server.host}:{self.server.port}/{self.name}"


@contextlib.contextmanager
def temporary_postgres(instance: str) -> Iterator[LocalPostgres]:
    """A fresh server under .cache/postgres/<instance> (the postgres OS user must reach it: not /tmp)."""
    data = paths.CACHE / "postgres" / instance
    shutil.rmtree(data, ignore_errors=True)
    server = LocalPostgres(data, free_port()).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def database(server: LocalPostgres, name: str, user: str, password: str) -> Database:
    server.recreate_database(name, user, password)
    return Database(server, name, user, password)
