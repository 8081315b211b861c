"""Enter Keycloak the way the MonEspace home does: an authorization request with PKCE."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlparse

import requests

from monespace_home.settings import CALLBACK_PATH
from tests.support.pages import Page

CLIENT_ID = "monespace-home"
#: The home the test realms allow besides the `home` fixture: a Browser stops at its redirects.
HOME_ORIGIN = "http://localhost:8000"
#: Its callback; a Browser stops at the redirect there, never follows it.
HOME_REDIRECT = f"{HOME_ORIGIN}{CALLBACK_PATH}"


def authorize_url(keycloak_url: str, realm: str, redirect_uri: str, verifier: str, **extra: str) -> str:
    """The home's authorization request (code flow, PKCE S256 from `verifier`, French pages)."""
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {
        "client_id": CLIENT_ID,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": "openid",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "ui_locales": "fr",
        **extra,
    }
    return f"{keycloak_url}/realms/{realm}/protocol/openid-connect/auth?{urlencode(params)}"


@dataclass
class Browser:
    """A cookie jar and the last page, following Keycloak's redirects but not the app's."""

    keycloak_url: str
    realm: str
    redirect_uri: str
    session: requests.Session = field(default_factory=requests.Session)
    verifier: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    page: Page | None = None

    @property
    def app_origin(self) -> str:
        """Redirects to the application (its callback, or its home after a reset link) end the walk."""
        parts = urlparse(self.redirect_uri)
        return f"{parts.scheme}://{parts.netloc}/"

    def fresh(self) -> Browser:
        """Another browser (no cookies, a new PKCE verifier) on the same Keycloak, realm and application."""
        return Browser(self.keycloak_url, self.realm, self.redirect_uri)

    def authorize_url(self, **extra: str) -> str:
        return authorize_url(self.keycloak_url, self.realm, self.redirect_uri, self.verifier, **extra)

    def get(self, url: str) -> Page:
        return self._follow(self.session.get(url, allow_redirects=False, timeout=30))

    def post(self, url: str, data: dict[str, str] | list[tuple[str, str]]) -> Page:
        return self._follow(self.session.post(url, data=data, allow_redirects=False, timeout=60))

    def _follow(self, response: requests.Response) -> Page:
        # Follow Keycloak's own redirects; stop at the application's redirect URI.
        self._trust_localhost()
        while response.is_redirect and not response.headers["Location"].startswith(self.app_origin):
            response = self.session.get(response.headers["Location"], allow_redirects=False, timeout=30)
            self._trust_localhost()
        self.page = Page(response)
        return self.page

    def _trust_localhost(self) -> None:
        """Keycloak marks its cookies Secure; browsers send those to http://localhost, requests does not."""
        for cookie in self.session.cookies:
            cookie.secure = False

    def open_login(self) -> Page:
        return self.get(self.authorize_url())

    def submit(self, data: dict[str, str] | list[tuple[str, str]], form_id: str | None = None) -> Page:
        assert self.page is not None
        return self.post(self.page.form_action(form_id), data)

    @property
    def redirected_to_app(self) -> bool:
        return self.page is not None and self.page.response.is_redirect

    def authorization_code(self) -> str:
        assert self.page is not None and self.page.response.is_redirect, "no redirect to the application"
        location = self.page.response.headers["Location"]
        return parse_qs(urlparse(location).query)["code"][0]

    def exchange_code(self) -> dict:
        """The tokens the home app would get (public client + PKCE verifier)."""
        reply = requests.post(
            f"{self.keycloak_url}/realms/{self.realm}/protocol/openid-connect/token",
            data={
                "grant_type": "authorization_code",
                "client_id": CLIENT_ID,
                "code": self.authorization_code(),
                "redirect_uri": self.redirect_uri,
                "code_verifier": self.verifier,
            },
            timeout=30,
        )
        reply.raise_for_status()
        return reply.json()

    def login(self, email: str, password: str) -> Page:
        self.open_login()
        return self.submit({"username": email, "password": password})

    def login_tokens(self, email: str, password: str) -> dict:
        """Logs in and returns the tokens the home app would hold (with a refresh token)."""
        self.login(email, password)
        assert self.redirected_to_app, f"login refused: {self.page.box_text() if self.page else ''}"
        return self.exchange_code()

    def refresh(self, tokens: dict) -> requests.Response:
        """What the home app does to stay signed in: a session ended by Keycloak refuses it."""
        return requests.post(
            f"{self.keycloak_url}/realms/{self.realm}/protocol/openid-connect/token",
            data={"grant_type": "refresh_token", "client_id": CLIENT_ID, "refresh_token": tokens["refresh_token"]},
            timeout=30,
        )

    def app_redirect(self) -> str:
        assert self.page is not None and self.page.response.is_redirect, "no redirect to the application"
        return str(self.page.response.headers["Location"])
