"""Sign-in of support agents with Keycloak: OIDC authorization code + PKCE (S256) through
Authlib, the ID token checked for signature, issuer, audience, expiry and nonce; Keycloak's login
for this client is the agents' flow (username, password, TOTP code). Access tokens are refreshed
here, server side, and sent to Keycloak as the agent's own."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from flask import Flask
from joserfc.errors import JoseError
from werkzeug.wrappers import Response

from monespace_support.sessions import AgentSession
from monespace_support.settings import Settings

SCOPE = "openid profile"
KEYCLOAK_TIMEOUT = 10
#: Refresh the access token this long before it expires.
EARLY_SECONDS = 20


class LoginFailed(Exception):
    """The callback did not yield a valid identity (the message is for the log)."""


class KeycloakUnavailable(Exception):
    """Keycloak could not be reached or answered with a server error."""


class SessionEnded(Exception):
    """Keycloak no longer accepts the agent's session (logged out, disabled, expired)."""


class KeycloakLogin:
    def __init__(self, app: Flask, settings: Settings) -> None:
        self.settings = settings
        self.oauth = OAuth(app)
        self.client = self.oauth.register(
            "keycloak",
            client_id=settings.client_id,
            server_metadata_url=settings.metadata_url,
            client_kwargs={
                "scope": SCOPE,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "none",
                "default_timeout": KEYCLOAK_TIMEOUT,
            },
        )

    def redirect_to_login(self) -> Response:
        with keycloak_calls():
            response: Response = self.client.authorize_redirect(self.settings.redirect_uri, ui_locales="fr")
        return response

    def finish_login(self) -> AgentSession:
        try:
            with keycloak_calls():
                token = self.client.authorize_access_token(
                    claims_options={
                        "iss": {"essential": True, "values": [self.settings.issuer]},
                        "aud": {"essential": True, "values": [self.settings.client_id]},
                        "sub": {"essential": True},
                    }
                )
        except MismatchingStateError as exc:
            raise LoginFailed("unknown or expired state") from exc
        except AuthlibBaseError as exc:
            raise LoginFailed(f"{getattr(exc, 'error', type(exc).__name__)}: {exc}") from exc
        except (JoseError, ValueError, KeyError) as exc:
            raise LoginFailed(f"ID token refused: {type(exc).__name__}: {exc}") from exc
        claims = token.get("userinfo")
        if not claims or not token.get("id_token") or not token.get("refresh_token"):
            raise LoginFailed("the token response has no validated ID token or no refresh token")
        now = time.time()
        name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
        return AgentSession(
            subject=str(claims["sub"]),
            username=str(claims.get("preferred_username") or claims["sub"]),
            name=str(name or claims.get("preferred_username") or ""),
            groups=[str(g).lstrip("/") for g in claims.get("groups") or []],
            id_token=str(token["id_token"]),
            access_token=str(token["access_token"]),
            refresh_token=str(token["refresh_token"]),
            access_expires_at=now + int(token.get("expires_in", 60)) - EARLY_SECONDS,
            refresh_expires_at=now + int(token.get("refresh_expires_in", 1800)),
        )

    def access_token(self, agent: AgentSession) -> str:
        """The agent's access token, refreshed when about to expire; SessionEnded when Keycloak refuses."""
        now = time.time()
        if now < agent.access_expires_at:
            return agent.access_token
        if now >= agent.refresh_expires_at:
            raise SessionEnded("refresh token expired")
        with keycloak_calls():
            reply = requests.post(
                f"{self.settings.backchannel_url}/realms/{self.settings.realm}/protocol/openid-connect/token",
                data={
                    "grant_type": "refresh_token",
                    "client_id": self.settings.client_id,
                    "refresh_token": agent.refresh_token,
                },
                timeout=KEYCLOAK_TIMEOUT,
            )
        if reply.status_code in (400, 401):
            raise SessionEnded(f"refresh refused: {reply.status_code}")
        if not reply.ok:
            raise KeycloakUnavailable(f"Keycloak answered HTTP {reply.status_code} to a refresh")
        token: dict[str, Any] = reply.json()
        agent.access_token = str(token["access_token"])
        agent.refresh_token = str(token.get("refresh_token") or agent.refresh_token)
        agent.access_expires_at = now + int(token.get("expires_in", 60)) - EARLY_SECONDS
        agent.refresh_expires_at = now + int(token.get("refresh_expires_in", 1800))
        return agent.access_token

    def redirect_to_logout(self, id_token: str | None) -> Response:
        with keycloak_calls():
            response: Response = self.client.logout_redirect(
                post_logout_redirect_uri=self.settings.post_logout_redirect_uri,
                id_token_hint=id_token,
                client_id=self.settings.client_id,
                ui_locales="fr",
            )
        return response


@contextlib.contextmanager
def keycloak_calls() -> Iterator[None]:
    """Network failures and Keycloak's server errors become KeycloakUnavailable."""
    try:
        yield
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise KeycloakUnavailable(f"Keycloak unreachable: {exc}") from exc
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        raise KeycloakUnavailable(f"Keycloak answered HTTP {status}: {exc}") from exc
