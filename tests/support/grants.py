"""Ask the token endpoint for tokens the way an attacker does: any client of the realm, any grant.

Confidential clients are given their real secret (read through the admin API, as an insider
would have it), so a refusal proves the grant is closed, not that the attacker lacked a secret.
"""

from __future__ import annotations

from typing import Any

import requests
from keycloak import KeycloakAdmin


def realm_clients(admin: KeycloakAdmin) -> list[dict[str, Any]]:
    """Every client of the admin's realm, stock ones included."""
    return list(admin.get_clients())


def client_credentials(admin: KeycloakAdmin, client: dict[str, Any]) -> dict[str, str]:
    """`client_id`, plus `client_secret` when the client has one."""
    credentials = {"client_id": str(client["clientId"])}
    if not client.get("publicClient"):
        secret = admin.get_client_secrets(client["id"]).get("value")
        if secret:
            credentials["client_secret"] = str(secret)
    return credentials


def token_url(keycloak_url: str, realm: str) -> str:
    return f"{keycloak_url}/realms/{realm}/protocol/openid-connect/token"


def password_grant(
    keycloak_url: str, realm: str, credentials: dict[str, str], username: str, password: str
) -> requests.Response:
    return requests.post(
        token_url(keycloak_url, realm),
        data={"grant_type": "password", "username": username, "password": password, "scope": "openid", **credentials},
        timeout=30,
    )


def refused(reply: requests.Response) -> bool:
    """An OAuth error answer carrying no token."""
    try:
        body = reply.json()
    except ValueError:
        body = {}
    return reply.status_code in (400, 401, 403) and not any(k.endswith("_token") for k in body)
