"""Deployment tests, a pytest session of their own (`pytest tests/deploy`, run by scripts/test):
the wheel installed outside the repository, and docker-compose.yml's services run from it and
from the image's Keycloak build, on PostgreSQL, without Docker (tests/deploy/compose.py).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from keycloak import KeycloakAdmin

from provisioning.devstack import paths
from provisioning.devstack.distribution import ensure_built, prepare_instance
from provisioning.devstack.jdk import find_jdk
from provisioning.devstack.postgres import LocalPostgres
from tests.deploy import compose
from tests.deploy.compose import KEYCLOAK_HOME_IN_IMAGE, Loopback, Process
from tests.support.journeys import Journey
from tests.support.messages import code_in
from tests.support.oidc import Browser
from tests.support.pages import Page

#: The variables an operator sets for a demonstration (docker-compose.yml's header).
ADMIN_PASSWORD = "Compose-Admin-" + secrets.token_hex(6)
DEMO_VARIABLES = {"MONESPACE_ADMIN_PASSWORD": ADMIN_PASSWORD, "MONESPACE_ALLOW_MESSAGE_SINK": "true"}
REALM = "monespace"
#: The public ports docker-compose.yml publishes (on 127.0.0.1) and its services listen on.
KEYCLOAK_PUBLIC_PORT, HOME_PUBLIC_PORT, SINK_PUBLIC_PORT = 8080, 8000, 8025


@dataclass(frozen=True)
class WheelEnv:
    """The wheel installed in a virtualenv outside the repository, as an operator installs it."""

    wheel: Path
    venv: Path
    home: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **variables: str) -> dict[str, str]:
        """A clean environment (nothing of the test process's MONESPACE_* leaks in)."""
        return {
            "PATH": f"{self.bin}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            **variables,
        }

    def monespace(self, *args: str, timeout: float = 300, **variables: str) -> subprocess.CompletedProcess[str]:
        """`monespace …` from the installed wheel, run outside the repository."""
        return subprocess.run(
            [str(self.bin / "monespace"), *args],
            cwd=self.home,
            env=self.env(**variables),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> WheelEnv:
    outside = tmp_path_factory.mktemp("operator")
    assert not outside.is_relative_to(paths.ROOT)
    dist = outside / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist), "."],
        cwd=paths.ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("monespace_identity-*.whl")
    venv = outside / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The extras the home and sink images install (python.Containerfile), at CI's versions.
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "-c", str(paths.ROOT / "constraints.txt"),
         f"{wheel}[postgres,devstack]"],
        cwd=outside, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    home = outside / "home"
    home.mkdir()
    return WheelEnv(wheel, venv, home)


@pytest.fixture(scope="session")
def demo_config() -> dict[str, Any]:
    return compose.resolve(DEMO_VARIABLES)


@dataclass
class ComposeStack:
    """docker-compose.yml's services running here; `up` starts them in their dependency order."""

    config: dict[str, Any]
    wheel: WheelEnv
    logs: Path
    loopback: Loopback = field(init=False)
    postgres: LocalPostgres | None = None
    keycloak_instance: Path | None = None
    processes: dict[str, Process] = field(default_factory=dict)
    finished: dict[str, Process] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loopback = Loopback(self.config["services"])

    def service(self, name: str) -> dict[str, Any]:
        return dict(self.config["services"][name])

    @property
    def keycloak_url(self) -> str:
        """Keycloak's public URL (the --hostname) as the host's browser reaches it."""
        return self.loopback.url(KEYCLOAK_PUBLIC_PORT)

    @property
    def home_url(self) -> str:
        return self.loopback.url(HOME_PUBLIC_PORT)

    @property
    def sink_url(self) -> str:
        return self.loopback.url(SINK_PUBLIC_PORT)

    @property
    def management_url(self) -> str:
        return f"http://127.0.0.1:{self.loopback.port('keycloak', 9000)}"

    def command(self, name: str) -> list[str]:
        definition = self.service(name)
        words = compose.image_command(definition)
        if name == "keycloak":
            assert self.keycloak_instance is not None
            words[0] = words[0].replace(KEYCLOAK_HOME_IN_IMAGE, str(self.keycloak_instance), 1)
        for source, target in compose.bind_mounts(definition):
            words = [word.replace(target + "/", f"{source}/") for word in words]
        return self.loopback.arguments(words, name)

    def environment(self, name: str) -> dict[str, str]:
        variables = self.loopback.environment(self.service(name).get("environment") or {}, name)
        if name == "keycloak":
            jdk, _ = find_jdk()
            return {"PATH": "/usr/bin:/bin", "HOME": str(self.logs), "JAVA_HOME": str(jdk), **variables}
        return self.wheel.env(**variables)

    # -- the services, in docker-compose.yml's dependency order ----------------------------------

    def start_postgres(self) -> None:
        env = self.service("postgres")["environment"]
        self.postgres = LocalPostgres(paths.CACHE / "postgres" / "deploy-compose", self.loopback.port("postgres", 5432))
        self.postgres.start()
        self.postgres.recreate_database(env["POSTGRES_DB"], env["POSTGRES_USER"], env["POSTGRES_PASSWORD"])

    def start_sink(self, **extra_env: str) -> None:
        env = {**self.environment("sink"), **extra_env}
        process = compose.start("sink", self.command("sink"), env, self.logs)
        self.processes["sink"] = process
        for port in compose.LISTENS["sink"]:
            compose.wait_listening(self.loopback.port("sink", port), process, 60)

    def run_once(self, name: str, timeout: float = 600) -> Process:
        process = compose.run(name, self.command(name), self.environment(name), self.logs, timeout)
        self.finished[name] = process
        return process

    def start_keycloak(self, **extra_env: str) -> Process:
        """Keycloak with the service's environment, `extra_env` on top (a changed Secret)."""
        if self.keycloak_instance is None:
            built = ensure_built("postgres", say=lambda line: print(f"[deploy] {line}", flush=True))
            self.keycloak_instance = prepare_instance(built, "deploy-compose", fresh_data=True)
        env = {**self.environment("keycloak"), **extra_env}
        process = compose.start("keycloak", self.command("keycloak"), env, self.logs)
        self.processes["keycloak"] = process
        return process

    def wait_keycloak_healthy(self, timeout: float = 300) -> None:
        """Until the service's own healthcheck (docker-compose.yml) passes, run here with bash,
        then until the admin gets a token (Keycloak answers 503 "Bootstrap in progress" a moment
        after it is ready: what the provision job's --wait-for-keycloak covers)."""
        test = self.service("keycloak")["healthcheck"]["test"]
        assert test[0] == "CMD-SHELL"
        check = self.loopback.text(test[1], "keycloak")
        deadline = time.monotonic() + timeout
        while subprocess.run(["bash", "-c", check], capture_output=True, timeout=30).returncode != 0:
            process = self.processes["keycloak"]
            if not process.running():
                raise compose.ComposeError(f"Keycloak exited:\n{process.output()[-4000:]}")
            if time.monotonic() > deadline:
                raise compose.ComposeError(f"Keycloak not healthy after {timeout:.0f} s:\n{process.output()[-4000:]}")
            time.sleep(1)
        while True:
            token = requests.post(
                f"{self.keycloak_url}/realms/master/protocol/openid-connect/token",
                data={
                    "grant_type": "password",
                    "client_id": "admin-cli",
                    "username": "admin",
                    "password": ADMIN_PASSWORD,
                },
                timeout=30,
            )
            if token.status_code == 200:
                return
            if time.monotonic() > deadline:
                raise compose.ComposeError(f"no admin token after {timeout:.0f} s: {token.status_code} {token.text}")
            time.sleep(1)

    def stop(self, name: str) -> None:
        self.processes.pop(name).stop()

    def restart_keycloak(self, **extra_env: str) -> None:
        """What a rolling restart does to each instance: stopped (SIGTERM), started on the same
        database with the configuration it has now."""
        self.stop("keycloak")
        self.start_keycloak(**extra_env)
        self.wait_keycloak_healthy()

    def start_home(self) -> None:
        process = compose.start("home", self.command("home"), self.environment("home"), self.logs)
        self.processes["home"] = process
        compose.wait_listening(self.loopback.port("home", 8000), process, 60)

    def up(self) -> ComposeStack:
        self.start_postgres()
        self.start_sink()
        preflight = self.run_once("preflight", timeout=120)
        assert preflight.popen.returncode == 0, preflight.output()
        self.start_keycloak()
        self.wait_keycloak_healthy()
        provision = self.run_once("provision")
        assert provision.popen.returncode == 0, provision.output()[-4000:]
        self.start_home()
        return self

    def down(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        self.processes.clear()
        if self.postgres is not None:
            self.postgres.stop()

    def admin(self, realm: str = REALM) -> KeycloakAdmin:
        return KeycloakAdmin(
            server_url=f"{self.keycloak_url}/",
            username="admin",
            password=ADMIN_PASSWORD,
            realm_name=realm,
            user_realm_name="master",
        )

    def browser(self) -> Browser:
        return Browser(self.keycloak_url, REALM, f"{self.home_url}/auth/callback")

    def monespace(self, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
        """The installed CLI with the provision job's environment (Keycloak, admin, realm values)."""
        # No wait: a refused credential is the answer a test expects, at once.
        env = {**self.environment("provision"), "MONESPACE_KEYCLOAK_WAIT": "0", **variables}
        return self.wheel.monespace(*args, **env)

    def create_espace(self, rpps: str, birth_date: str, mobile: str, login_email: str, password: str) -> None:
        """A demo doctor creates their espace by SMS (README « Demo identities »)."""
        journey = Journey(self.browser())
        journey.open_creation()
        page = journey.identity(birth_date, rpps)
        assert page.heading == "Sécuriser la création de votre espace", page.text
        sent = len(self.sms_to(mobile, timeout=0))
        page = journey.choose("sms")
        assert page.heading == "Veuillez saisir le code reçu", page.box_text() or page.text
        code = code_in(self.sms_to(mobile, count=sent + 1)[-1]["text"])
        assert journey.enter_code(code).heading == "Finaliser la création de votre espace", journey.page.text
        page = journey.credentials(password, email=login_email)
        assert "Votre espace personnel a été créé et activé" in page.text, page.text

    def sms_to(self, mobile: str, count: int = 1, timeout: float = 15) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            messages: list[dict[str, Any]] = requests.get(
                f"{self.sink_url}/api/sms", params={"to": mobile}, timeout=10
            ).json()
            if len(messages) >= count or time.monotonic() > deadline:
                return messages
            time.sleep(0.2)


@pytest.fixture(scope="session")
def stack(demo_config: dict[str, Any], wheel_env: WheelEnv) -> Iterator[ComposeStack]:
    logs = wheel_env.home.parent / "compose-logs"
    running = ComposeStack(demo_config, wheel_env, logs)
    try:
        yield running.up()
    finally:
        running.down()
        if os.environ.get("MONESPACE_KEEP_LOGS"):
            print(f"[deploy] service logs in {logs}")


def home_sign_in(stack: ComposeStack, email: str, password: str) -> tuple[Browser, Page]:
    """A doctor opens the home, is sent to Keycloak's login page, logs in and lands on MES SERVICES."""
    browser = stack.browser()
    login = browser.get(f"{stack.home_url}/")
    assert login.has_field("password"), login.text
    browser.submit({"username": email, "password": password})
    callback = browser.app_redirect()
    assert callback.startswith(f"{stack.home_url}/auth/callback?"), callback
    # The home exchanges the code (through Keycloak's internal URL) and sends the doctor home.
    landed = browser.session.get(callback, allow_redirects=False, timeout=30)
    assert landed.status_code == 302 and landed.headers["Location"] in ("/", f"{stack.home_url}/"), landed.text
    return browser, Page(browser.session.get(f"{stack.home_url}/", allow_redirects=False, timeout=30))
