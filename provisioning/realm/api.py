"""Admin REST calls on one realm, through python-keycloak's connection.

python-keycloak's methods act on the admin object's mutable "current realm" and drop the
`Location` header of a creation; provisioning needs an explicit realm (the admin object may
be shared, e.g. by the test harness) and the ids of what it creates. So this class sends
requests through the same authenticated connection (token refresh included) and turns every
failure into one line naming the call.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakConnectionError
from requests import Response

from keycloak_connection.admin import describe_error
from provisioning.realm.errors import AdminApiError

HTTP_NOT_FOUND = 404


def segment(value: str) -> str:
    """A path segment (flow aliases may contain spaces)."""
    return quote(value, safe="")


class RealmApi:
    def __init__(self, admin: KeycloakAdmin, realm: str) -> None:
        self.admin = admin
        self.realm = realm
        self._base = f"admin/realms/{segment(realm)}"

    def get(self, path: str = "", **params: Any) -> Any:
        response = self._send("GET", path, params=params)
        return response.json() if response.content else None

    def get_or_none(self, path: str = "", **params: Any) -> Any:
        response = self._send("GET", path, params=params, allow_not_found=True)
        if response.status_code == HTTP_NOT_FOUND or not response.content:
            return None
        return response.json()

    def post(self, path: str, body: Any) -> str | None:
        """POST; returns the id at the end of the `Location` header of a creation, if any."""
        response = self._send("POST", path, body=body)
        location = response.headers.get("Location")
        return location.rstrip("/").rsplit("/", 1)[-1] if location else None

    def put(self, path: str, body: Any) -> None:
        self._send("PUT", path, body=body)

    def delete(self, path: str, body: Any = None) -> None:
        self._send("DELETE", path, body=body)

    def create_realm(self) -> None:
        self._send("POST", "", body={"realm": self.realm, "enabled": True}, url="admin/realms")

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        url: str | None = None,
        allow_not_found: bool = False,
    ) -> Response:
        target = url or (f"{self._base}/{path}" if path else self._base)
        connection = self.admin.connection
        data = json.dumps(body) if body is not None else None
        try:
            if method == "GET":
                response = connection.raw_get(target, **(params or {}))
            elif method == "POST":
                response = connection.raw_post(target, data=data or "{}")
            elif method == "PUT":
                response = connection.raw_put(target, data=data or "{}")
            else:
                response = connection.raw_delete(target, data=data)
        except KeycloakConnectionError as exc:
            raise AdminApiError(f"{method} /{target}: {describe_error(exc)}") from None
        if response.ok or (allow_not_found and response.status_code == HTTP_NOT_FOUND):
            return response
        raise AdminApiError(
            f"{method} /{target}: HTTP {response.status_code}: {_error_text(response)}",
            status=response.status_code,
        )


def _error_text(response: Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        for key in ("errorMessage", "error_description", "error"):
            if payload.get(key):
                return " ".join(str(payload[key]).split())
    text = " ".join(response.text.split())
    return (text[:200] + "…") if len(text) > 200 else (text or response.reason or "no message")
