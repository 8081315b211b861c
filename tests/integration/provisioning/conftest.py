"""How the provisioning integration tests get a Keycloak, in one fixture (`keycloak_server`).

Until the shared harness exists this starts a private stock Keycloak 26.7.3 (dev-file
database, fresh copy per session) on ports reserved for these tests; with
MONESPACE_TEST_KEYCLOAK_URL set it uses that server instead. To move onto the harness,
make `keycloak_server` return the harness's URL and admin credentials.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from keycloak import KeycloakAdmin

from provisioning.keycloak_admin import AdminSettings, connect

DIST = Path(os.environ.get("MONESPACE_TEST_KEYCLOAK_DIST", "/tmp/kcdl/keycloak-26.7.3"))
JAVA_HOME = Path(os.environ.get("MONESPACE_TEST_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))
HTTP_PORT = int(os.environ.get("MONESPACE_TEST_KEYCLOAK_PORT", "18180"))
MANAGEMENT_PORT = int(os.environ.get("MONESPACE_TEST_KEYCLOAK_MANAGEMENT_PORT", "19100"))
START_TIMEOUT_SECONDS = 180
REPO = Path(__file__).resolve().parents[3]

# Values that let realm/ apply on a stock server: no custom providers, stock themes, and no
# denylist file (Keycloak refuses a policy naming a file it does not have).
STOCK_VALUES: dict[str, object] = {
    "with_custom_providers": False,
    "login_theme": "keycloak",
    "email_theme": "base",
    "password_denylist_file": "",
}
# Flows of stock providers, shaped like ours (subflow, condition, config), for the flow tests.
STOCK_FLOWS = """\
flows:
  - alias: test-browser
    description: Stock login, shaped like monespace-browser
    binding: browser
    executions:
      - authenticator: auth-cookie
        requirement: ALTERNATIVE
      - flow: forms
        description: Formulaire de connexion
        requirement: ALTERNATIVE
        executions:
          - authenticator: auth-username-password-form
            requirement: REQUIRED
          - flow: otp
            requirement: CONDITIONAL
            executions:
              - authenticator: conditional-user-configured
                requirement: REQUIRED
              - authenticator: auth-otp-form
                requirement: REQUIRED
  - alias: test-reset
    description: Stock reset, with an authenticator config from the values
    binding: reset_credentials
    executions:
      - authenticator: reset-credentials-choose-user
        requirement: REQUIRED
      - authenticator: reset-credential-email
        requirement: REQUIRED
      - authenticator: reset-password
        requirement: REQUIRED
      - authenticator: auth-conditional-otp-form
        requirement: DISABLED
        config:
          alias: limits
          values:
            defaultOtpOutcome: skip
            otpControlAttribute: "ttl-{{ code_ttl_seconds }}"
            # Not a property the authenticator declares: Keycloak reads it back masked.
            code_ttl_seconds: {{ code_ttl_seconds }}
  - alias: test-registration
    description: Stock registration form (a form-flow subflow)
    binding: registration
    executions:
      - flow: registration-form
        type: form-flow
        provider: registration-page-form
        requirement: REQUIRED
        executions:
          - authenticator: registration-user-creation
            requirement: REQUIRED
          - authenticator: registration-password-action
            requirement: REQUIRED
"""


@dataclass(frozen=True)
class KeycloakServer:
    url: str
    admin_user: str
    admin_password: str

    def settings(self, **changes: str) -> AdminSettings:
        fields = {"url": self.url, "username": self.admin_user, "password": self.admin_password}
        return AdminSettings(**{**fields, **changes})  # type: ignore[arg-type]

    def cli_env(self) -> dict[str, str]:
        """Environment for `monespace realm …` run against this server."""
        return {
            "MONESPACE_KEYCLOAK_URL": self.url,
            "MONESPACE_ADMIN_USER": self.admin_user,
            "MONESPACE_ADMIN_PASSWORD": self.admin_password,
        }


@pytest.fixture(scope="session")
def keycloak_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeycloakServer]:
    url = os.environ.get("MONESPACE_TEST_KEYCLOAK_URL")
    if url:
        yield KeycloakServer(
            url=url,
            admin_user=os.environ.get("MONESPACE_TEST_ADMIN_USER", "admin"),
            admin_password=os.environ.get("MONESPACE_TEST_ADMIN_PASSWORD", "admin"),
        )
        return
    if not (DIST / "bin" / "kc.sh").exists() or not (JAVA_HOME / "bin" / "java").exists():
        pytest.skip(f"no Keycloak distribution at {DIST} or no JDK at {JAVA_HOME}")
    for port in (HTTP_PORT, MANAGEMENT_PORT):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.fail(f"port {port} is already in use: stop the Keycloak holding it")
    home = tmp_path_factory.mktemp("keycloak") / "keycloak"
    # A fresh copy without data/: the bootstrap admin is created with the first master realm.
    shutil.copytree(DIST, home, symlinks=True, ignore=shutil.ignore_patterns("data"))
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [
            str(home / "bin" / "kc.sh"),
            "start",
            "--optimized",
            "--http-enabled=true",
            "--hostname-strict=false",
            "--http-host=127.0.0.1",
            f"--http-port={HTTP_PORT}",
            f"--http-management-port={MANAGEMENT_PORT}",
        ],
        env={
            **os.environ,
            "JAVA_HOME": str(JAVA_HOME),
            "KC_BOOTSTRAP_ADMIN_USERNAME": "admin",
            "KC_BOOTSTRAP_ADMIN_PASSWORD": "admin",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # one process group: the JVM dies with the script
    )
    server = KeycloakServer(url=f"http://127.0.0.1:{HTTP_PORT}", admin_user="admin", admin_password="admin")
    try:
        _wait_ready(server, process, home / "server.log")
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


def _wait_ready(server: KeycloakServer, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    token_url = f"{server.url}/realms/master/protocol/openid-connect/token"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").splitlines()[-20:]
            pytest.fail("Keycloak exited during start:\n" + "\n".join(tail))
        # /health/ready can answer before the bootstrap admin exists: wait for a token.
        with contextlib.suppress(requests.RequestException):
            answer = requests.post(
                token_url,
                data={
                    "grant_type": "password",
                    "client_id": "admin-cli",
                    "username": server.admin_user,
                    "password": server.admin_password,
                },
                timeout=5,
            )
            if answer.ok:
                return
        time.sleep(1)
    pytest.fail(f"Keycloak not ready after {START_TIMEOUT_SECONDS} s (log: {log})")


@pytest.fixture(scope="session")
def admin(keycloak_server: KeycloakServer) -> KeycloakAdmin:
    return connect(keycloak_server.settings())


@pytest.fixture
def realm_name(request: pytest.FixtureRequest, admin: KeycloakAdmin) -> Iterator[str]:
    """A realm of its own for each test, deleted afterwards."""
    name = f"t-{request.node.name[5:30].replace('_', '-')}-{uuid.uuid4().hex[:4]}".lower()
    yield name
    admin.connection.raw_delete(f"admin/realms/{name}")


@pytest.fixture
def stock_realm_dir(tmp_path: Path) -> Path:
    """A copy of realm/ plus flows of stock providers, to edit freely in a test."""
    target = tmp_path / "realm"
    shutil.copytree(REPO / "realm", target)
    (target / "test-flows.yaml").write_text(STOCK_FLOWS, encoding="utf-8")
    return target


ValuesFor = Callable[..., dict[str, object]]


@pytest.fixture
def values_for() -> ValuesFor:
    """`values_for(realm, code_ttl_seconds=5)`: template values for the stock server."""

    def values(realm: str, **more: object) -> dict[str, object]:
        return {**STOCK_VALUES, "realm": realm, **more}

    return values


@pytest.fixture
def stock_sets() -> list[str]:
    """The same values as `--set` options for the CLI."""
    sets: list[str] = []
    for name, value in STOCK_VALUES.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        sets += ["--set", f"{name}={text}"]
    return sets
