"""What the support page asks Keycloak, always with the agent's own access token: the admin
REST API for the search (Keycloak's fine-grained permissions narrow it to the agent's conseil)
and the support endpoint /realms/{realm}/monespace-support for one doctor and the actions. The
page decides nothing about who may see whom: Keycloak answers for the agent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from monespace_support.oidc import KEYCLOAK_TIMEOUT, KeycloakUnavailable, SessionEnded, keycloak_calls

RPPS = re.compile(r"^\d{11}$")
#: At most this many doctors per search.
SEARCH_MAX = 25


@dataclass(frozen=True)
class DoctorHit:
    rpps: str
    first_name: str
    last_name: str
    enabled: bool


class NotInReach(Exception):
    """No doctor of the agent's reach has this RPPS (unknown, or another conseil's)."""


class Refused(Exception):
    """Keycloak refused the action; `code` names why (reason_required, status_inactive…)."""

    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


class NoAccess(Exception):
    """The signed-in user is not a support agent (403)."""


class SupportApi:
    def __init__(self, base_url: str, realm: str) -> None:
        self.base_url = base_url
        self.realm = realm

    def search(self, token: str, text: str) -> list[DoctorHit]:
        """Doctors whose RPPS is `text` (11 digits), or whose name, RPPS or e-mail starts with it."""
        text = " ".join(text.split())
        digits = text.replace(" ", "")
        params: dict[str, str] = {"briefRepresentation": "true", "max": str(SEARCH_MAX)}
        if RPPS.match(digits):
            params |= {"username": digits, "exact": "true"}
        else:
            params["search"] = text
        users = self._call("GET", f"/admin/realms/{quote(self.realm)}/users", token, params=params)
        return [
            DoctorHit(
                rpps=str(u["username"]),
                first_name=str(u.get("firstName") or ""),
                last_name=str(u.get("lastName") or ""),
                enabled=bool(u.get("enabled")),
            )
            for u in users
            if RPPS.match(str(u.get("username") or ""))
        ]

    def report(self, token: str, rpps: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", self._doctor(rpps), token)
        return result

    def act(self, token: str, rpps: str, action: str, reason: str, limits: list[str] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"reason": reason}
        if limits:
            body["limits"] = limits
        result: dict[str, Any] = self._call("POST", f"{self._doctor(rpps)}/{quote(action)}", token, json=body)
        return result

    def _doctor(self, rpps: str) -> str:
        return f"/realms/{quote(self.realm)}/monespace-support/doctors/{quote(rpps)}"

    def _call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        with keycloak_calls():
            reply = requests.request(
                method,
                self.base_url + path,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                timeout=KEYCLOAK_TIMEOUT,
                **kwargs,
            )
        if reply.status_code == 401:
            raise SessionEnded("the access token was refused")
        if reply.status_code == 403:
            raise NoAccess()
        if reply.status_code == 404:
            raise NotInReach()
        if reply.status_code >= 500 and reply.status_code != 502:
            raise KeycloakUnavailable(f"Keycloak answered HTTP {reply.status_code} on {path}")
        if not reply.ok:
            try:
                code = str(reply.json().get("error") or reply.status_code)
            except ValueError:
                code = str(reply.status_code)
            raise Refused(code, reply.status_code)
        return reply.json()
