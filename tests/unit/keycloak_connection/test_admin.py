"""The shared admin connection helper, without a Keycloak."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakGetError

from keycloak_connection.admin import (
    AdminSettings,
    KeycloakUnavailable,
    access_token,
    connect,
    describe_error,
    server_url,
)


def test_settings_from_environment_with_dev_defaults() -> None:
    assert AdminSettings.from_env({}) == AdminSettings(url="http://localhost:8080", username="admin", password="admin")
    settings = AdminSettings.from_env(
        {
            "MONESPACE_KEYCLOAK_URL": "https://kc.example",
            "MONESPACE_ADMIN_CLIENT_ID": "provisioner",
            "MONESPACE_ADMIN_CLIENT_SECRET": "s",
        }
    )
    assert settings.url == "https://kc.example" and settings.uses_client_credentials
    assert settings.principal == "client 'provisioner'"


def test_unreachable_keycloak_raises_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(KeycloakUnavailable) as failure:
        connect(AdminSettings(url=f"http://127.0.0.1:{port}/"))
    assert failure.value.message == f"cannot reach Keycloak at http://127.0.0.1:{port} (connection refused)"
    assert failure.value.exit_code == 1


def test_client_secret_without_client_id_is_refused() -> None:
    with pytest.raises(KeycloakUnavailable, match="MONESPACE_ADMIN_CLIENT_ID is not"):
        connect(AdminSettings(client_secret="s"))


def test_keycloak_error_messages_are_one_line() -> None:
    error = KeycloakGetError(error_message=b'{"errorMessage":"Password denylist\\n not found"}', response_code=400)
    assert describe_error(error) == "HTTP 400: Password denylist not found"
    oauth = KeycloakGetError(
        error_message=b'{"error":"invalid_grant","error_description":"Invalid user credentials"}',
        response_code=401,
    )
    assert describe_error(oauth) == "HTTP 401: Invalid user credentials"


def test_token_and_urls_for_raw_requests() -> None:
    admin = KeycloakAdmin(server_url="http://kc:8080/", username="u", password="p", realm_name="master")
    admin.connection.token = {"access_token": "abc", "expires_in": 300}
    assert server_url(admin) == "http://kc:8080"
    assert access_token(admin) == "abc"

    def refreshed() -> None:
        admin.connection.token = {"access_token": "new", "expires_in": 300}

    with (
        mock.patch.object(type(admin.connection), "expires_at", new_callable=mock.PropertyMock) as expires_at,
        mock.patch.object(admin.connection, "refresh_token", side_effect=refreshed),
    ):
        expires_at.return_value = datetime.now(tz=UTC) - timedelta(seconds=1)
        assert access_token(admin) == "new"


def test_token_realm_defaults_to_master_and_names_a_realm_service_account() -> None:
    assert AdminSettings.from_env({}).token_realm == "master"
    settings = AdminSettings.from_env(
        {
            "MONESPACE_ADMIN_CLIENT_ID": "ordinal-sync",
            "MONESPACE_ADMIN_CLIENT_SECRET": "s",
            "MONESPACE_ADMIN_TOKEN_REALM": "monespace",
        }
    )
    assert settings.token_realm == "monespace" and settings.uses_client_credentials
