"""What a realm exposes, read from Keycloak itself, and the attacks that show a surface closed.

The lists come from the server, never from a list typed here: the providers it reports
(`/admin/serverinfo`: grant types, required actions, client registration, realm extensions,
login protocols, action tokens), the realm's own representation, and the HTTP paths its code
declares (the JAX-RS `@Path`s of Keycloak's services jar, read with javap). A Keycloak upgrade
that brings a new one makes the inventory test name it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from keycloak import KeycloakAdmin

from provisioning.devstack.jdk import find_jdk
from tests.support.grants import client_credentials, refused, token_url
from tests.support.oidc import HOME_REDIRECT, Browser

DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code"
CIBA = "urn:openid:params:grant-type:ciba"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
UMA_TICKET = "urn:ietf:params:oauth:grant-type:uma-ticket"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
#: What an authorization response carries when something was granted.
GRANTED_PARAMETERS = ("code", "access_token", "id_token")


def server_info(admin: KeycloakAdmin) -> dict[str, Any]:
    reply = admin.connection.raw_get("admin/serverinfo")
    reply.raise_for_status()
    return dict(reply.json())


def providers(info: dict[str, Any], spi: str) -> set[str]:
    """Provider ids Keycloak reports for one SPI (an empty set when the SPI is gone)."""
    return set((info["providers"].get(spi) or {}).get("providers") or {})


def services_jar(keycloak_log: Path) -> Path:
    """Keycloak's services jar in the instance the harness runs (its log is <instance>/data/)."""
    instance = keycloak_log.parents[1]
    (jar,) = sorted((instance / "lib" / "lib" / "main").glob("org.keycloak.keycloak-services-*.jar"))
    return jar


def declared_paths(jar: Path, class_name: str) -> set[str]:
    """The JAX-RS @Path values a class of `jar` declares (its own and its methods')."""
    javap = find_jdk()[0] / "bin" / "javap"
    listing = subprocess.run(
        [str(javap), "-v", "-cp", str(jar), class_name], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r'jakarta\.ws\.rs\.Path\(\s*value="([^"]*)"', listing))


@dataclass
class Doctor:
    """A doctor signed in at the home: the browser holding the session and the home's tokens."""

    browser: Browser
    email: str
    password: str
    tokens: dict[str, str]

    @property
    def access_token(self) -> str:
        return self.tokens["access_token"]


@dataclass
class Attacker:
    """Asks one realm for tokens by every grant, with a signed-in doctor's material at hand."""

    keycloak_url: str
    realm: str
    admin: KeycloakAdmin
    doctor: Doctor

    @property
    def realm_url(self) -> str:
        return f"{self.keycloak_url}/realms/{self.realm}"

    def granted(self, grant: str, client: dict[str, Any]) -> bool:
        """Whether `grant` obtained something for `client` (probe of the grant type's own endpoint)."""
        if grant == "authorization_code":
            return self.authorization(client, "code")
        if grant == DEVICE_CODE:
            return self._grants(client, f"{self.realm_url}/protocol/openid-connect/auth/device", {}, "device_code")
        if grant == CIBA:
            data = {"scope": "openid", "login_hint": self.doctor.email}
            return self._grants(client, f"{self.realm_url}/protocol/openid-connect/ext/ciba/auth", data, "auth_req_id")
        data = {
            "password": {"username": self.doctor.email, "password": self.doctor.password, "scope": "openid"},
            "client_credentials": {},
            "refresh_token": {"refresh_token": self.doctor.tokens["refresh_token"]},
            TOKEN_EXCHANGE: {"subject_token": self.doctor.access_token, "subject_token_type": ACCESS_TOKEN_TYPE},
            JWT_BEARER: {"assertion": self.doctor.tokens["id_token"]},
            UMA_TICKET: {"audience": str(client["clientId"])},
        }[grant]
        headers = {"Authorization": f"Bearer {self.doctor.access_token}"} if grant == UMA_TICKET else {}
        reply = requests.post(
            token_url(self.keycloak_url, self.realm),
            data={"grant_type": grant, **data, **client_credentials(self.admin, client)},
            headers=headers,
            timeout=30,
        )
        return not refused(reply)

    def authorization(self, client: dict[str, Any], response_type: str) -> bool:
        """An authorization request in the signed-in doctor's browser: an allowed client answers
        at once with a code (or tokens); a refused one shows an error or redirects an error."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "client_id": client["clientId"],
            "redirect_uri": HOME_REDIRECT,
            "response_type": response_type,
            "scope": "openid",
            "state": secrets.token_urlsafe(8),
            "nonce": secrets.token_urlsafe(8),
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        reply = self.doctor.browser.session.get(
            f"{self.realm_url}/protocol/openid-connect/auth?{urlencode(params)}", allow_redirects=False, timeout=30
        )
        location = urlparse(reply.headers.get("Location", ""))
        answered = parse_qs(location.query) | parse_qs(location.fragment)
        return any(name in answered for name in GRANTED_PARAMETERS)

    def _grants(self, client: dict[str, Any], url: str, data: dict[str, str], proof: str) -> bool:
        reply = requests.post(url, data={**data, **client_credentials(self.admin, client)}, timeout=30)
        try:
            return reply.ok and proof in reply.json()
        except ValueError:
            return False


def allowed_grants(client: Any) -> set[str]:
    """Grant types realm/ declares for a client (a `DesiredClient`), from its ClientRepresentation
    fields and attributes."""
    fields, attributes = client.fields, client.attributes
    if not fields.get("enabled", True) or fields.get("bearerOnly"):
        return set()
    allowed: set[str] = set()
    if fields.get("standardFlowEnabled"):
        allowed |= {"authorization_code", "refresh_token"}
    if fields.get("serviceAccountsEnabled"):
        allowed.add("client_credentials")
    if fields.get("directAccessGrantsEnabled"):
        allowed |= {"password", "refresh_token"}
    for attribute, grant in (
        ("oauth2.device.authorization.grant.enabled", DEVICE_CODE),
        ("oidc.ciba.grant.enabled", CIBA),
        ("standard.token.exchange.enabled", TOKEN_EXCHANGE),
        ("oauth2.jwt.authorization.grant.enabled", JWT_BEARER),
    ):
        if attributes.get(attribute) == "true":
            allowed.add(grant)
    return allowed
