"""A local PostgreSQL server from Debian's binaries, on loopback only, data under .cache/: the
database of the production-like mode, of the PostgreSQL tests, of the cluster and of the benchmarks.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` OS user
(Debian's package creates it; created here when missing), which owns the data directory; as
another user it runs as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

OS_USER = "postgres"


def find_bin() -> Path:
    """The newest Debian PostgreSQL server's bin/ (postgresql-15 on Debian 12)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise PostgresError("PostgreSQL server binaries not found in /usr/lib/postgresql (apt install postgresql)")
    return found[-1].parent


class PostgresError(RuntimeError):
    pass


#: What an initial load of 300,000 doctors (about 3 million attribute rows, 1.1 GB) wants of
#: PostgreSQL beyond its defaults: checkpoints far enough apart that each index page is not
#: written again in full to the WAL after every one (with the default 1 GB of WAL, a checkpoint
#: every 40 s), the working set of the user tables' indexes in shared buffers, and the WAL
#: compressed. Measured with bench/ordinal_sync_bench.py: 240 s → 210 s for the initial load.
WRITE_HEAVY = {
    "shared_buffers": "1GB",
    "max_wal_size": "8GB",
    "checkpoint_timeout": "30min",
    "wal_compression": "lz4",
}


@dataclass
class LocalPostgres:
    data_dir: Path
    port: int
    host: str = "127.0.0.1"
    #: Off for benchmarks only: losing the last commits on a crash is fine there, waiting for
    #: fsync is not what is measured. The production-like mode and the tests keep it on.
    durable: bool = True
    #: Sized for the sync's initial load of 300,000 doctors (WRITE_HEAVY; README « Sizing »).
    write_heavy: bool = False

    @property
    def bin(self) -> Path:
        return find_bin()

    def _as_postgres(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", OS_USER, "--"] if os.geteuid() == 0 else []
        proc = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise PostgresError(f"{' '.join(command)} failed: {(proc.stdout + proc.stderr).strip()[-800:]}")
        return proc

    def _ensure_os_user(self) -> None:
        if os.geteuid() == 0 and subprocess.run(["id", OS_USER], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", OS_USER], check=True)

    def start(self) -> LocalPostgres:
        self._ensure_os_user()
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(self.data_dir, OS_USER, OS_USER)
            self._as_postgres(
                str(self.bin / "initdb"), "-D", str(self.data_dir), "-A", "trust", "-U", "postgres",
                "--encoding=UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
        options = " ".join(
            [
                f"-c listen_addresses={self.host}",
                f"-p {self.port}",
                f"-c unix_socket_directories={self.data_dir}",
                "-c shared_buffers=256MB",
                "-c max_connections=200",
                f"-c synchronous_commit={'on' if self.durable else 'off'}",
                *(f"-c {name}={value}" for name, value in (WRITE_HEAVY.items() if self.write_heavy else ())),
            ]
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data_dir), "-o", options,
            "-l", str(self.data_dir / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def psql(self, sql: str, database: str = "postgres") -> str:
        proc = self._as_postgres(
            str(self.bin / "psql"), "-h", self.host, "-p", str(self.port), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
        )  # fmt: skip
        return proc.stdout.strip()

    def ensure_database(self, name: str, user: str, password: str) -> None:
        """The database and its owner, created when missing; existing data is kept."""
        if not self.psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'"):
            self.psql(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'")
        if not self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            self.psql(f'CREATE DATABASE "{name}" OWNER "{user}"')

    def recreate_database(self, name: str, user: str, password: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.ensure_database(name, user, password)

    def restart(self) -> None:
        """Stops and starts the server (the fault tests: Keycloak must recover by itself)."""
        self.stop()
        self.start()

    def database_size(self, name: str) -> str:
        return self.psql(f"SELECT pg_size_pretty(pg_database_size('{name}'))")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            pg_ctl = str(self.bin / "pg_ctl")
            self._as_postgres(pg_ctl, "-D", str(self.data_dir), "-m", "fast", "stop", check=False)
            time.sleep(0.5)

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
