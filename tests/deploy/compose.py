"""Run docker-compose.yml's services without Docker: each service's command with its environment.

`docker-compose config` (Debian's docker-compose, the Compose file parser; it needs no engine)
resolves the file with a test's variables. Each service then runs here as its image would run
it, from what the images are made of:
- Keycloak: the image's ENTRYPOINT (kc.sh) from the distribution built with the image's
  `kc.sh build` options (the devstack's `postgres` profile; test_containers.py keeps them equal),
  the service's arguments and KC_* variables, which kc.sh reads the same way;
- the Python services: the ENTRYPOINT of their image target, from the wheel installed in a
  virtualenv outside the repository (`monespace`, `python -m …` on PATH as in the image);
- PostgreSQL: Debian's server with the database, user and password of the POSTGRES_* variables.

What differs is the network only, translated explicitly: each port a container listens on
(LISTENS) becomes a free port on 127.0.0.1, service names resolve to 127.0.0.1, a published
port of localhost is the service's free port, 0.0.0.0 becomes 127.0.0.1 (servers in tests
listen on loopback only), and bind mounts' targets are their sources.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from provisioning.devstack import paths
from provisioning.devstack.ports import free_port
from tests.support.containerfile import Containerfile

COMPOSE_FILE = paths.ROOT / "docker-compose.yml"
#: The ports each service's container listens on (its command's options, or its image's default).
LISTENS: dict[str, tuple[int, ...]] = {
    "postgres": (5432,),
    "sink": (2525, 8025),
    "keycloak": (8080, 9000),
    "home": (8000,),
}
KEYCLOAK_HOME_IN_IMAGE = "/opt/keycloak"


class ComposeError(RuntimeError):
    pass


def compose_binary() -> str:
    found = shutil.which("docker-compose")
    if not found:
        raise ComposeError("docker-compose not found: apt-get install docker-compose (.ci/run installs it)")
    return found


def resolve(variables: Mapping[str, str]) -> dict[str, Any]:
    """docker-compose.yml as `docker-compose config` resolves it with only `variables` set."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/root"), **variables}
    proc = subprocess.run(
        [compose_binary(), "-f", str(COMPOSE_FILE), "config"],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if proc.returncode != 0:
        raise ComposeError(f"docker-compose config failed: {proc.stderr.strip()}")
    resolved: dict[str, Any] = yaml.safe_load(proc.stdout)
    return resolved


@dataclass
class Loopback:
    """The containers' network, laid on 127.0.0.1: (service, container port) → a free port."""

    services: dict[str, Any]
    ports: dict[tuple[str, int], int] = field(default_factory=dict)
    published: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for service, listened in LISTENS.items():
            for port in listened:
                self.ports[(service, port)] = free_port()
        for service, definition in self.services.items():
            for spec in definition.get("ports", []):
                _host_ip, host_port, container = _published(spec)
                if (service, container) not in self.ports:
                    raise ComposeError(f"{service} publishes {container}, not a port LISTENS knows")
                self.published[host_port] = self.ports[(service, container)]

    def port(self, service: str, container_port: int) -> int:
        return self.ports[(service, container_port)]

    def url(self, public_port: int) -> str:
        """What a browser on the host reaches at http://localhost:<public_port>."""
        return f"http://localhost:{self.published[public_port]}"

    def text(self, value: str, service: str) -> str:
        """`value` (an argument or an environment value of `service`) on the loopback network."""
        names = "|".join(re.escape(name) for name in self.services)

        def other(match: re.Match[str]) -> str:
            host, port = match.group(1), int(match.group(2))
            if host in self.services:
                return f"127.0.0.1:{self.ports[(host, port)]}"
            if port in self.published:  # localhost:<published port> from the host's side
                return f"{host}:{self.published[port]}"
            if (service, port) in self.ports:  # a container's own address
                return f"127.0.0.1:{self.ports[(service, port)]}"
            return match.group(0)

        value = re.sub(rf"\b({names}|localhost|127\.0\.0\.1):(\d+)\b", other, value)
        # bash's /dev/tcp/<host>/<port> (healthchecks) addresses the container itself.
        value = re.sub(
            r"/dev/tcp/127\.0\.0\.1/(\d+)", lambda m: f"/dev/tcp/127.0.0.1/{self._own(service, int(m[1]))}", value
        )
        return value.replace("0.0.0.0", "127.0.0.1")

    def arguments(self, arguments: list[str], service: str) -> list[str]:
        """A command's words; a port option's value (`--x-port=N`, `--x-port N`) is the service's own."""
        translated: list[str] = []
        previous = ""
        for word in arguments:
            option = re.fullmatch(r"(--[\w-]*port=)(\d+)", word)
            if option:
                word = f"{option[1]}{self._own(service, int(option[2]))}"
            elif previous.endswith("port") and previous.startswith("--") and word.isdigit():
                word = str(self._own(service, int(word)))
            translated.append(self.text(word, service))
            previous = word if not word.isdigit() else ""
        return translated

    def environment(self, variables: Mapping[str, Any], service: str) -> dict[str, str]:
        """Environment values; `<X>_PORT` beside `<X>_HOST=<service>` is that service's port."""
        env = {name: "" if value is None else str(value) for name, value in variables.items()}
        # A host variable naming a service is that service's address (KC_DB_URL_HOST: postgres).
        translated = {
            name: "127.0.0.1" if name.endswith("_HOST") and value in self.services else self.text(value, service)
            for name, value in env.items()
        }
        for name, value in env.items():
            if name.endswith("_PORT") and value.isdigit():
                host = env.get(name[: -len("_PORT")] + "_HOST")
                if host in self.services:
                    translated[name] = str(self.ports[(host, int(value))])
        return translated

    def _own(self, service: str, port: int) -> int:
        if (service, port) not in self.ports:
            raise ComposeError(f"{service} uses port {port}, not one LISTENS knows")
        return self.ports[(service, port)]


def _published(spec: Any) -> tuple[str, int, int]:
    """(host address, host port, container port) of a `ports` entry as docker-compose config prints it."""
    if isinstance(spec, dict):
        return str(spec.get("host_ip", "")), int(spec["published"]), int(spec["target"])
    match = re.fullmatch(r"(?:([\d.]+):)?(\d+):(\d+)(?:/tcp)?", str(spec))
    if not match:
        raise ComposeError(f"cannot read the port mapping {spec!r}")
    return match.group(1) or "", int(match.group(2)), int(match.group(3))


def published(definition: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [_published(spec) for spec in definition.get("ports", [])]


def bind_mounts(definition: dict[str, Any]) -> list[tuple[Path, str]]:
    """(host source, container target) of the service's bind mounts."""
    mounts = []
    for spec in definition.get("volumes", []):
        source, _, rest = str(spec).partition(":")
        target = rest.split(":")[0]
        if source.startswith("/"):
            mounts.append((Path(source), target))
    return mounts


def image_command(definition: dict[str, Any]) -> list[str]:
    """What the service's container runs: entrypoint and command, the image's where not overridden."""
    build = definition["build"]
    containerfile = Containerfile.read(Path(build["context"]) / build["dockerfile"])
    entrypoint, cmd = containerfile.entrypoint_and_cmd(build.get("target"))
    if "entrypoint" in definition:
        entrypoint = list(definition["entrypoint"])
        cmd = []
    if "command" in definition:
        cmd = list(definition["command"])
    return [*entrypoint, *cmd]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def running(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)


def start(name: str, command: list[str], env: Mapping[str, str], logs: Path) -> Process:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    with log.open("ab") as out:
        popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=dict(env), start_new_session=True)
    return Process(name, popen, log)


def run(name: str, command: list[str], env: Mapping[str, str], logs: Path, timeout: float) -> Process:
    process = start(name, command, env, logs)
    try:
        process.popen.wait(timeout)
    except subprocess.TimeoutExpired:
        process.stop()
        raise ComposeError(f"{name} still running after {timeout:.0f} s:\n{process.output()[-3000:]}") from None
    return process


def wait_listening(port: int, process: Process | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process is not None and not process.running():
            raise ComposeError(f"{process.name} exited ({process.popen.returncode}):\n{process.output()[-3000:]}")
        if time.monotonic() > deadline:
            raise ComposeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")
        time.sleep(0.3)
