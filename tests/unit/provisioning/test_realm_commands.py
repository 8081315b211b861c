"""`monespace realm` without a Keycloak: validation first, one-line failures, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from provisioning.cli import main
from provisioning.devstack.ports import free_port


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens once the probe is closed


def realm_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["realm", *args], env={"MONESPACE_KEYCLOAK_URL": closed_port_url(), **(env or {})})


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_invalid_files_exit_2_before_contacting_keycloak(realm_dir: Path, command: str) -> None:
    clients = realm_dir / "clients.yaml"
    clients.write_text(clients.read_text().replace("    enabled: false\n", "    enabled: sometimes\n", 1))
    result = realm_cli(command, "--realm-dir", str(realm_dir))
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        "error: realm/clients.yaml: clients[5].enabled: Input should be a valid boolean, unable to interpret input",
        "1 problem in the realm files; nothing applied.",
    ]
    # Validation ran first: the unreachable Keycloak was never reported.
    assert "cannot reach" not in result.output


def test_bad_set_exits_2() -> None:
    result = realm_cli("apply", "--set", "code_ttl_seconds=ten")
    assert result.exit_code == 2
    assert "error: --set: code_ttl_seconds: expected an integer, got 'ten'" in result.stderr


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_unreachable_keycloak_is_one_line_exit_1(command: str) -> None:
    url = closed_port_url()
    result = realm_cli(command, "--keycloak-url", url)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr == f"Error: cannot reach Keycloak at {url} (connection refused)\n"


def test_validate_needs_no_keycloak() -> None:
    result = realm_cli("validate", "--set", "realm=monespace-fast")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("realm/ is valid: realm monespace-fast, 11 clients, 15 client scopes")
    assert "flow monespace-browser → monespace-browser-" in result.stdout


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_help_documents_exit_codes_and_environment(command: str) -> None:
    result = realm_cli(command, "--help")
    assert result.exit_code == 0
    for text in (
        "Exit codes: 0 success",
        "2 usage error or invalid realm files",
        "MONESPACE_KEYCLOAK_URL",
        "MONESPACE_ADMIN_CLIENT_SECRET",
        "--set NAME=VALUE",
        "--values FILE",
    ):
        assert text in result.output, text


def test_values_file_and_realm_dir_from_options(tmp_path: Path, realm_dir: Path) -> None:
    values = tmp_path / "fast.yaml"
    values.write_text("realm: from-values-file\nwith_custom_providers: false\n")
    result = realm_cli("validate", "--realm-dir", str(realm_dir), "--values", str(values))
    assert result.exit_code == 0, result.output
    # Without our providers: Keycloak's own required actions and the flows of stock authenticators.
    assert "realm from-values-file, 10 clients, 15 client scopes, 14 required actions, 2 flows" in result.stdout
