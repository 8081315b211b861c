"""Start, watch and stop one Keycloak server from an instance directory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from provisioning.devstack.jdk import find_jdk
from provisioning.devstack.ports import ensure_free


class KeycloakStartError(RuntimeError):
    pass


@dataclass
class KeycloakServer:
    """One `kc.sh start --optimized` process listening on loopback.

    `options` are extra runtime options (SMTP is realm data; the SMS gateway, database and cache
    settings are options); `heap` sets JAVA_OPTS_KC_HEAP.

    Every URL Keycloak writes for a browser (links in mails, redirects, form actions) and the
    issuer of its tokens come from `hostname` (its own `url` unless a front stands before it),
    never from the `Host` or `X-Forwarded-*` headers of a request: a forged one cannot make it
    mail a link to another host. Back-channel callers (the CLI, the home's token requests) may
    reach it by another address (`--hostname-backchannel-dynamic`).
    """

    instance: Path
    http_port: int = 8080
    management_port: int = 9000
    host: str = "127.0.0.1"
    admin_user: str = "admin"
    admin_password: str = "admin"
    options: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    heap: str | None = None
    #: The public URL (scheme, host, port); None: `url`.
    hostname: str | None = None
    #: Clustering (JGroups) port on `host`; its failure detection takes another one above it.
    jgroups_port: int = 7800
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    #: Size of the (appended) log when this process started: what came after is this run's.
    log_offset: int = 0

    @property
    def url(self) -> str:
        return f"http://{'localhost' if self.host == '127.0.0.1' else self.host}:{self.http_port}"

    @property
    def public_url(self) -> str:
        return self.hostname or self.url

    @property
    def management_url(self) -> str:
        return f"http://{self.host}:{self.management_port}"

    def command(self) -> list[str]:
        return [
            str(self.instance / "bin" / "kc.sh"),
            "start",
            "--optimized",
            "--http-enabled=true",
            f"--http-host={self.host}",
            f"--http-port={self.http_port}",
            f"--http-management-port={self.management_port}",
            f"--hostname={self.public_url}",
            "--hostname-backchannel-dynamic=true",
            # Clustering (JGroups, and its failure detection port) on the same address as HTTP:
            # by default it listens on the machine's network address.
            f"--cache-embedded-network-bind-address={self.host}",
            f"--cache-embedded-network-bind-port={self.jgroups_port}",
            *self.options,
        ]

    def start(self) -> None:
        ensure_free(self.http_port, "Keycloak HTTP", self.host)
        ensure_free(self.management_port, "Keycloak management", self.host)
        jdk_home, _ = find_jdk()
        env = dict(os.environ)
        env.update(
            JAVA_HOME=str(jdk_home),
            KC_BOOTSTRAP_ADMIN_USERNAME=self.admin_user,
            KC_BOOTSTRAP_ADMIN_PASSWORD=self.admin_password,
        )
        if self.heap:
            env["JAVA_OPTS_KC_HEAP"] = self.heap
        env.update(self.env)
        log_path = self.log_path or self.instance / "data" / "keycloak.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log_path
        log = log_path.open("ab")
        self.log_offset = log.tell()
        # Own process group, so stop() also ends the JVM that kc.sh launches.
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        log.close()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def log_since_start(self) -> str:
        """What the current (or last) process wrote to the log."""
        if not self.log_path or not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(self.log_offset)
            return log.read().decode(errors="replace")

    def wait_ready(self, timeout: float = 240.0) -> None:
        """Ready means /health/ready is UP *and* the bootstrap admin can get a token."""
        deadline = time.monotonic() + timeout
        for check in (self._health_ready, self._admin_token_works):
            while not check():
                if self.process is not None and self.process.poll() is not None:
                    code = self.process.returncode
                    tail = self.log_tail()
                    raise KeycloakStartError(f"Keycloak exited with code {code}; last log lines:\n{tail}")
                if time.monotonic() > deadline:
                    raise KeycloakStartError(f"Keycloak not ready after {timeout:.0f}s:\n{self.log_tail()}")
                time.sleep(0.5)

    def _health_ready(self) -> bool:
        try:
            return requests.get(f"{self.management_url}/health/ready", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def _admin_token_works(self) -> bool:
        try:
            reply = requests.post(
                f"http://{self.host}:{self.http_port}/realms/master/protocol/openid-connect/token",
                data={
                    "grant_type": "password",
                    "client_id": "admin-cli",
                    "username": self.admin_user,
                    "password": self.admin_password,
                },
                timeout=5,
            )
            return reply.status_code == 200
        except requests.RequestException:
            return False

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        self._signal(signal.SIGTERM)
        if self.process is not None:
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL, as a crash would (used by the cluster fault tests)."""
        self._signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(10)
        # kc.sh is reaped before the JVM it launched has died: until then the kernel still
        # accepts connections on the JVM's port and resets them, where a crashed node refuses.
        deadline = time.monotonic() + 10
        while self._accepts_connections() and time.monotonic() < deadline:
            time.sleep(0.05)

    def _accepts_connections(self) -> bool:
        try:
            with socket.create_connection((self.host, self.http_port), timeout=1):
                return True
        except OSError:
            return False

    def _signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
