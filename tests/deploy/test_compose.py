"""docker-compose.yml starts MonEspace: its services, run here with their commands and environment
(tests/deploy/compose.py), apply the realm, load the demo doctors, let a doctor create an espace,
log in at the home, and end the home's session by back-channel logout; one issuer everywhere."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests

from provisioning.devstack import paths
from tests.deploy import compose
from tests.deploy.conftest import (
    ADMIN_PASSWORD,
    DEMO_VARIABLES,
    REALM,
    ComposeStack,
    WheelEnv,
    home_sign_in,
)

#: A demo doctor with a mobile and an e-mail on file (README « Demo identities »).
DEMO_RPPS, DEMO_BIRTH_DATE, DEMO_MOBILE, DEMO_NAME = "10001000016", "17/06/1980", "+33612345678", "Claire MARTIN"
LOGIN_EMAIL, PASSWORD = "claire.martin.compose@exemple.fr", "Compose-Cabinet-2026!"


# -- what only Docker reads, checked against what it names ------------------------------------


def test_every_port_is_published_on_loopback_only(demo_config: dict[str, Any]) -> None:
    for name, service in demo_config["services"].items():
        for host_ip, _host_port, _container in compose.published(service):
            assert host_ip == "127.0.0.1", f"{name} publishes on {host_ip or 'every interface'}"
    assert not compose.published(demo_config["services"]["postgres"]), "the database stays inside"


def test_images_and_mounts_name_what_exists(demo_config: dict[str, Any]) -> None:
    services = demo_config["services"]
    assert services["keycloak"]["image"] == f"monespace/keycloak:{paths.keycloak_version()}"
    for name, service in services.items():
        if "build" in service:
            build = service["build"]
            assert (paths.ROOT / build["dockerfile"]).is_file(), name
            compose.image_command(service)  # the target exists and runs something
        for source, target in compose.bind_mounts(service):
            assert source.exists(), f"{name} mounts {source}, which does not exist"
            assert target.startswith("/"), target


def test_keycloak_has_one_public_url_and_depends_on_the_preflight(demo_config: dict[str, Any]) -> None:
    keycloak = demo_config["services"]["keycloak"]
    assert "--hostname=http://localhost:8080" in keycloak["command"]
    assert "--hostname-strict=false" not in keycloak["command"]
    assert keycloak["depends_on"]["preflight"]["condition"] == "service_completed_successfully"
    assert keycloak["depends_on"]["postgres"]["condition"] == "service_healthy"
    # The management port in the healthcheck is the one Keycloak listens on.
    assert "--http-management-port=9000" in keycloak["command"]
    assert "/dev/tcp/127.0.0.1/9000" in keycloak["healthcheck"]["test"][1]
    postgres = demo_config["services"]["postgres"]
    env = postgres["environment"]
    assert f"pg_isready -U {env['POSTGRES_USER']} -d {env['POSTGRES_DB']}" in postgres["healthcheck"]["test"][1]
    assert keycloak["environment"]["KC_DB_USERNAME"] == env["POSTGRES_USER"]
    assert keycloak["environment"]["KC_DB_URL_DATABASE"] == env["POSTGRES_DB"]


# -- the preflight refuses development settings unless told -----------------------------------


@pytest.mark.parametrize(
    ("variables", "refusals"),
    [
        ({}, ["admin password is the development default", "SMTP server is the development message sink",
              "SMS gateway is the development message sink"]),
        ({"MONESPACE_ADMIN_PASSWORD": ADMIN_PASSWORD}, ["SMTP server", "SMS gateway"]),
        ({"MONESPACE_ALLOW_MESSAGE_SINK": "true"}, ["admin password is the development default"]),
        ({"MONESPACE_ADMIN_PASSWORD": ADMIN_PASSWORD, "MONESPACE_SMTP_HOST": "smtp.ordre.example"}, ["SMS gateway"]),
    ],
    ids=["defaults", "sinks", "admin-password", "sms-sink"],
)  # fmt: skip
def test_compose_refuses_development_settings_unless_told(
    wheel_env: WheelEnv, variables: dict[str, str], refusals: list[str]
) -> None:
    config = compose.resolve(variables)
    preflight = config["services"]["preflight"]
    result = subprocess_run(wheel_env, compose.image_command(preflight), preflight["environment"])
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("refused: ")]
    assert len(lines) == len(refusals), result.stderr
    for line, expected in zip(lines, refusals, strict=True):
        assert expected in line


def test_compose_starts_when_told_explicitly(wheel_env: WheelEnv) -> None:
    for variables in (
        DEMO_VARIABLES,
        {"MONESPACE_ALLOW_DEFAULT_ADMIN_PASSWORD": "true", "MONESPACE_ALLOW_MESSAGE_SINK": "true"},
    ):
        preflight = compose.resolve(variables)["services"]["preflight"]
        result = subprocess_run(wheel_env, compose.image_command(preflight), preflight["environment"])
        assert result.returncode == 0, result.stderr


def subprocess_run(wheel_env: WheelEnv, command: list[str], environment: dict[str, Any]) -> Any:
    import subprocess

    env = wheel_env.env(**{k: str(v) for k, v in environment.items()})
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=wheel_env.home)


# -- the stack --------------------------------------------------------------------------------


def test_provision_applied_the_realm_and_loaded_the_demo_doctors(stack: ComposeStack) -> None:
    output = stack.finished["provision"].output()
    assert re.search(r"\d+ change", output), output
    assert "Ordinal sync: ordinal-demo.csv" in output, output
    demo_doctors = len((paths.ROOT / "demo" / "ordinal-demo.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert stack.admin().users_count() == demo_doctors


def test_one_issuer_whatever_host_the_request_carries(stack: ComposeStack) -> None:
    expected = f"{stack.keycloak_url}/realms/{REALM}"
    discovery = f"/realms/{REALM}/.well-known/openid-configuration"
    for url, headers in (
        (stack.keycloak_url + discovery, {}),
        (stack.keycloak_url + discovery, {"Host": "evil.example:8080"}),
        (stack.keycloak_url + discovery, {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}),
        # The home's own way in (inside the network, http://keycloak:8080).
        (f"http://127.0.0.1:{stack.loopback.port('keycloak', 8080)}" + discovery, {}),
    ):
        metadata = requests.get(url, headers=headers, timeout=30).json()
        assert metadata["issuer"] == expected, (headers, metadata["issuer"])
        assert metadata["authorization_endpoint"].startswith(stack.keycloak_url), metadata["authorization_endpoint"]


def test_a_doctor_creates_an_espace_logs_in_at_the_home_and_is_logged_out_by_keycloak(stack: ComposeStack) -> None:
    stack.create_espace(DEMO_RPPS, DEMO_BIRTH_DATE, DEMO_MOBILE, LOGIN_EMAIL, PASSWORD)

    browser, home = home_sign_in(stack, LOGIN_EMAIL, PASSWORD)
    assert home.status == 200, home.text
    assert DEMO_NAME.split()[0] in home.text and DEMO_RPPS in home.text, home.text

    # An administrator ends the doctor's sessions: Keycloak posts a logout token to the home
    # (http://home:8000 inside the network), and the home's next page is Keycloak's login.
    admin = stack.admin()
    user_id = admin.get_user_id(DEMO_RPPS)
    assert user_id
    admin.user_logout(user_id)
    after = browser.session.get(f"{stack.home_url}/", allow_redirects=False, timeout=30)
    assert after.status_code == 302
    assert after.headers["Location"].startswith(f"{stack.keycloak_url}/realms/{REALM}/protocol/openid-connect/auth")
    assert "Keycloak ended session" in stack.processes["home"].output()


def test_the_admin_password_is_the_operators(stack: ComposeStack) -> None:
    token = requests.post(
        f"{stack.keycloak_url}/realms/master/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"},
        timeout=30,
    )
    assert token.status_code in (400, 401) and token.json()["error"] == "invalid_grant", token.text
    assert stack.admin("master").get_realm("master")["realm"] == "master"
    assert ADMIN_PASSWORD not in stack.processes["keycloak"].output()
