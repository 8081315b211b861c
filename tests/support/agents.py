"""Support agents of the conseils, made through the admin API as `monespace support agent add`
does, and signed in through the agents' flow (username, password, TOTP code) as a browser does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from keycloak import KeycloakAdmin

from tests.support.pages import Page

#: The support page's client and the redirect URI the test realms allow (realm/values.yaml).
SUPPORT_CLIENT = "monespace-support"
SUPPORT_ORIGIN = "http://localhost:8001"
#: An AgentBrowser stops at the redirect there (never followed: nothing listens in the tests).
SUPPORT_REDIRECT = f"{SUPPORT_ORIGIN}/auth/callback"
AGENT_PASSWORD = "Agent-Conseil-2026!"


def totp(secret: bytes, at: float | None = None, digits: int = 6, period: int = 30) -> str:
    """RFC 6238 (HMAC-SHA1), as an authenticator app computes it."""
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return str(code).zfill(digits)


@dataclass
class Agent:
    id: str
    username: str
    password: str
    #: The TOTP secret their app holds (None: an account awaiting its set-up).
    secret: bytes | None
    #: Time steps whose code was typed: Keycloak refuses a code twice (otpPolicyCodeReusable false).
    used: set[int] = field(default_factory=set)

    def code(self) -> str:
        """A code Keycloak accepts now and that this agent has not typed yet: the current time
        step's, else the next one's (the realm's look-ahead window accepts it)."""
        assert self.secret is not None
        step = int(time.time() // 30)
        for candidate in (step, step + 1):
            if candidate not in self.used:
                self.used.add(candidate)
                return totp(self.secret, candidate * 30)
        time.sleep(30 - time.time() % 30 + 0.5)
        return self.code()


class AgentFactory:
    """`admin` bound to the realm (KeycloakAdmin(realm_name=…, user_realm_name="master"))."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self.admin = admin

    def group_id(self, name: str) -> str:
        found = [g for g in self.admin.get_groups({"search": name, "exact": "true"}) if g["name"] == name]
        assert found, f"no group {name}"
        return str(found[0]["id"])

    def create(self, group: str = "agents-conseil-75", *, with_app: bool = True, setup: bool = False) -> Agent:
        """An agent of `group`: in service (password and TOTP app), or awaiting set-up."""
        username = f"agent.{group.rsplit('-', 1)[-1].lower()}.{secrets.token_hex(3)}"
        # ASCII, as Keycloak keeps secrets (HmacOTP.generateSecret): the key is its bytes.
        secret = secrets.token_hex(10).encode() if with_app else None
        credentials: list[dict[str, Any]] = [{"type": "password", "value": AGENT_PASSWORD, "temporary": False}]
        if secret is not None:
            credentials.append(otp_credential(secret))
        body: dict[str, Any] = {
            "username": username,
            "enabled": True,
            "firstName": "Agnès",
            "lastName": "Agent",
            "credentials": credentials,
        }
        if setup:
            body["requiredActions"] = ["monespace-agent-setup"]
        user_id = self.admin.create_user(body, exist_ok=False)
        self.admin.group_user_add(user_id, self.group_id(group))
        return Agent(user_id, username, AGENT_PASSWORD, secret)


def otp_credential(secret: bytes) -> dict[str, Any]:
    """A TOTP credential as Keycloak stores it (the realm's policy: SHA1, 6 digits, 30 s)."""
    return {
        "type": "otp",
        "userLabel": "MonEspace",
        "secretData": json.dumps({"value": secret.decode("ascii")}),
        "credentialData": json.dumps(
            {"subType": "totp", "digits": 6, "counter": 0, "period": 30, "algorithm": "HmacSHA1"}
        ),
    }


@dataclass
class AgentBrowser:
    """Signs in to a client of the realm through the agents' flow, with PKCE, as a browser would."""

    keycloak_url: str
    realm: str
    client_id: str = SUPPORT_CLIENT
    redirect_uri: str = SUPPORT_REDIRECT
    session: requests.Session = field(default_factory=requests.Session)
    verifier: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    page: Page | None = None

    def authorize_url(self) -> str:
        challenge = base64.urlsafe_b64encode(hashlib.sha256(self.verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "response_type": "code",
            "scope": "openid",
            "state": secrets.token_urlsafe(8),
            "nonce": secrets.token_urlsafe(8),
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "ui_locales": "fr",
        }
        return f"{self.keycloak_url}/realms/{self.realm}/protocol/openid-connect/auth?{urlencode(params)}"

    def _follow(self, response: requests.Response) -> Page:
        for cookie in self.session.cookies:
            cookie.secure = False
        while response.is_redirect and not response.headers["Location"].startswith(self.redirect_uri):
            response = self.session.get(response.headers["Location"], allow_redirects=False, timeout=30)
            for cookie in self.session.cookies:
                cookie.secure = False
        self.page = Page(response)
        return self.page

    def open(self) -> Page:
        return self._follow(self.session.get(self.authorize_url(), allow_redirects=False, timeout=30))

    def submit(self, data: dict[str, str]) -> Page:
        assert self.page is not None
        return self._follow(self.session.post(self.page.form_action(), data=data, allow_redirects=False, timeout=30))

    @property
    def signed_in(self) -> bool:
        return self.page is not None and self.page.response.is_redirect

    def sign_in(self, username: str, password: str, code: str | None) -> Page:
        """Username and password, then the code when a code page comes."""
        self.open()
        page = self.submit({"username": username, "password": password})
        if code is not None and page.has_field("otp"):
            page = self.submit({"otp": code})
        return page

    def tokens(self) -> dict[str, Any]:
        assert self.page is not None and self.page.response.is_redirect, self.page.text[:300] if self.page else ""
        code = parse_qs(urlparse(self.page.response.headers["Location"]).query)["code"][0]
        reply = requests.post(
            f"{self.keycloak_url}/realms/{self.realm}/protocol/openid-connect/token",
            data={
                "grant_type": "authorization_code",
                "client_id": self.client_id,
                "code": code,
                "redirect_uri": self.redirect_uri,
                "code_verifier": self.verifier,
            },
            timeout=30,
        )
        reply.raise_for_status()
        return dict(reply.json())


def agent_token(keycloak_url: str, realm: str, agent: Agent, **client: str) -> str:
    """An access token of the support page's client (or `client_id`/`redirect_uri` given) for `agent`."""
    browser = AgentBrowser(keycloak_url, realm, **client)
    browser.sign_in(agent.username, agent.password, agent.code())
    return str(browser.tokens()["access_token"])
