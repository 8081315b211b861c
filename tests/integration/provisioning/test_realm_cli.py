"""`monespace realm plan|apply` against a real Keycloak: output, exit codes, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner, Result
from keycloak import KeycloakAdmin

from provisioning.cli import main
from provisioning.realm.api import RealmApi

if TYPE_CHECKING:
    from conftest import KeycloakServer


def realm_cli(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["realm", *args], env=env)


def realm_exists(admin: KeycloakAdmin, name: str) -> bool:
    return RealmApi(admin, name).get_or_none() is not None


def assert_one_line_failure(result: Result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_plan_then_apply_then_nothing_left(
    keycloak_server: KeycloakServer,
    admin: KeycloakAdmin,
    realm_name: str,
    stock_realm_dir: Path,
    stock_sets: list[str],
) -> None:
    env = keycloak_server.cli_env()
    options = ["--realm-dir", str(stock_realm_dir), *stock_sets, "--set", f"realm={realm_name}"]

    planned = realm_cli(env, "plan", "--detailed-exitcode", *options)
    assert planned.exit_code == 3, planned.output
    assert f"+ realm {realm_name}" in planned.stdout
    assert "+ client monespace-home" in planned.stdout
    assert not realm_exists(admin, realm_name)  # plan wrote nothing

    applied = realm_cli(env, "apply", *options)
    assert applied.exit_code == 0, applied.output
    assert f"+ realm {realm_name}" in applied.stdout
    assert "~ realm.passwordPolicy: (unset) → " in applied.stdout
    assert applied.stdout.strip().splitlines()[-1].startswith("Applied: ")

    again = realm_cli(env, "apply", *options)
    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == f"Applied: 0 changes; realm {realm_name} matches realm/."

    checked = realm_cli(env, "plan", "--detailed-exitcode", *options)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.strip() == f"Plan: 0 changes; realm {realm_name} matches realm/."


def test_invalid_files_are_reported_by_file_and_key_and_nothing_is_applied(
    keycloak_server: KeycloakServer,
    admin: KeycloakAdmin,
    realm_name: str,
    stock_realm_dir: Path,
    stock_sets: list[str],
) -> None:
    clients = stock_realm_dir / "clients.yaml"
    clients.write_text(
        clients.read_text()
        .replace("    publicClient: true\n", "    publicClient: true\n    publicity: loud\n", 1)
        .replace("redirectUris: {{ home_redirect_uris | tojson }}", 'redirectUris: "http://x/*"')
    )
    realm_file = stock_realm_dir / "realm.yaml"
    realm_file.write_text(realm_file.read_text().replace("{{ smtp_host | tojson }}", "{{ smtp_hots | tojson }}"))

    result = realm_cli(
        keycloak_server.cli_env(),
        "apply",
        "--realm-dir",
        str(stock_realm_dir),
        *stock_sets,
        "--set",
        f"realm={realm_name}",
    )
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    assert "error: realm/clients.yaml: clients[0].publicity: Extra inputs are not permitted" in errors
    assert "error: realm/clients.yaml: clients[0].redirectUris: Input should be a valid list" in errors
    assert any(line.startswith("error: realm/realm.yaml:") and "'smtp_hots' is undefined" in line for line in errors), (
        errors
    )
    assert errors[-1] == "3 problems in the realm files; nothing applied."
    assert not realm_exists(admin, realm_name)


def test_wrong_password_is_one_line(keycloak_server: KeycloakServer) -> None:
    env = {**keycloak_server.cli_env(), "MONESPACE_ADMIN_PASSWORD": "not-the-password"}
    line = assert_one_line_failure(realm_cli(env, "plan"), exit_code=1)
    assert line.startswith(f"Error: Keycloak at {keycloak_server.url} refused user 'admin' on realm master")


def test_unreachable_keycloak_is_one_line(keycloak_server: KeycloakServer) -> None:
    env = {**keycloak_server.cli_env(), "MONESPACE_KEYCLOAK_URL": "http://127.0.0.1:9"}
    line = assert_one_line_failure(realm_cli(env, "apply"), exit_code=1)
    assert line == "Error: cannot reach Keycloak at http://127.0.0.1:9 (connection refused)"


def test_service_account_client_credentials(
    keycloak_server: KeycloakServer, admin: KeycloakAdmin, realm_name: str, stock_sets: list[str]
) -> None:
    client_id = f"{realm_name}-provisioner"
    created = admin.connection.raw_post(
        "admin/realms/master/clients",
        data=json.dumps(
            {
                "clientId": client_id,
                "publicClient": False,
                "serviceAccountsEnabled": True,
                "secret": "s3cret-for-tests",
            }
        ),
    )
    assert created.status_code == 201, created.text
    uuid = created.headers["Location"].rsplit("/", 1)[-1]
    try:
        user = admin.connection.raw_get(f"admin/realms/master/clients/{uuid}/service-account-user").json()
        admin_role = admin.connection.raw_get("admin/realms/master/roles/admin").json()
        granted = admin.connection.raw_post(
            f"admin/realms/master/users/{user['id']}/role-mappings/realm", data=json.dumps([admin_role])
        )
        assert granted.ok, granted.text
        env = {
            **keycloak_server.cli_env(),
            "MONESPACE_ADMIN_CLIENT_ID": client_id,
            "MONESPACE_ADMIN_CLIENT_SECRET": "s3cret-for-tests",
            "MONESPACE_ADMIN_PASSWORD": "wrong: must not be used",
        }
        result = realm_cli(env, "apply", *stock_sets, "--set", f"realm={realm_name}")
        assert result.exit_code == 0, result.output

        env["MONESPACE_ADMIN_CLIENT_SECRET"] = "wrong"
        line = assert_one_line_failure(realm_cli(env, "plan"), exit_code=1)
        assert f"refused client '{client_id}'" in line
    finally:
        admin.connection.raw_delete(f"admin/realms/master/clients/{uuid}")


def test_missing_custom_providers_are_named_and_nothing_applied(
    keycloak_server: KeycloakServer,
    admin: KeycloakAdmin,
    realm_name: str,
    stock_sets: list[str],
    missing_providers_dir: Path,
) -> None:
    env = keycloak_server.cli_env()
    missing = ["--realm-dir", str(missing_providers_dir), "--set", f"realm={realm_name}"]
    refused = realm_cli(env, "apply", *stock_sets, *missing)
    assert refused.exit_code == 1, refused.output
    assert "error: flow test-missing: authenticator 'monespace-not-deployed'" in refused.stderr
    assert not realm_exists(admin, realm_name)  # refused before the realm was created

    assert realm_cli(env, "apply", *stock_sets, "--set", f"realm={realm_name}").exit_code == 0
    result = realm_cli(env, "apply", *stock_sets, *missing, "--set", "failure_factor=9")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "error: required action 'monespace-not-deployed-action' is not deployed in this Keycloak" in result.stderr
    realm = admin.connection.raw_get(f"admin/realms/{realm_name}").json()
    assert realm["failureFactor"] == 5
