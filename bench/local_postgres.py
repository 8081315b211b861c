"""A throw-away PostgreSQL server for benchmarks: Debian's binaries, loopback only, data under .cache/.

PostgreSQL refuses to run as root, so the server runs as the ``postgres`` OS user (Debian's
package creates it; created here when missing) and the data directory is owned by it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
OS_USER = "postgres"


class PostgresError(RuntimeError):
    pass


@dataclass
class LocalPostgres:
    data_dir: Path
    port: int
    host: str = "127.0.0.1"

    def _as_postgres(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(["runuser", "-u", OS_USER, "--", *command], capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise PostgresError(f"{' '.join(command)} failed: {(proc.stdout + proc.stderr).strip()[-800:]}")
        return proc

    def _ensure_os_user(self) -> None:
        if subprocess.run(["id", OS_USER], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", OS_USER], check=True)

    def start(self) -> LocalPostgres:
        if not (BIN / "postgres").exists():
            raise PostgresError(f"PostgreSQL 15 binaries not found in {BIN} (apt install postgresql-15)")
        self._ensure_os_user()
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir.mkdir(parents=True)
            shutil.chown(self.data_dir, OS_USER, OS_USER)
            self._as_postgres(
                str(BIN / "initdb"), "-D", str(self.data_dir), "-A", "trust", "-U", "postgres",
                "--encoding=UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
        options = " ".join(
            [
                f"-c listen_addresses={self.host}",
                f"-p {self.port}",
                f"-c unix_socket_directories={self.data_dir}",
                "-c shared_buffers=256MB",
                "-c max_connections=100",
                # A benchmark database: losing it on a crash is fine, waiting for fsync is not
                # what is being measured.
                "-c synchronous_commit=off",
            ]
        )
        self._as_postgres(
            str(BIN / "pg_ctl"), "-D", str(self.data_dir), "-o", options,
            "-l", str(self.data_dir / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def psql(self, sql: str, database: str = "postgres") -> str:
        proc = self._as_postgres(
            "psql", "-h", self.host, "-p", str(self.port), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
        )  # fmt: skip
        return proc.stdout.strip()

    def recreate_database(self, name: str, user: str, password: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not self.psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'"):
            self.psql(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'")
        self.psql(f'CREATE DATABASE "{name}" OWNER "{user}"')

    def database_size(self, name: str) -> str:
        return self.psql(f"SELECT pg_size_pretty(pg_database_size('{name}'))")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            pg_ctl = str(BIN / "pg_ctl")
            self._as_postgres(pg_ctl, "-D", str(self.data_dir), "-m", "fast", "stop", check=False)
            time.sleep(0.5)

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
