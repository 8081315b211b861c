"""Sign-in with Keycloak: OIDC authorization code + PKCE (S256) through Authlib's Flask client.

Authlib keeps each request's state, nonce and PKCE verifier in the session, exchanges the code
and validates the ID token (JWKS signature, exp, iat, nonce, at_hash). It checks `iss` and
`aud` only when told to (Authlib 1.9 passes no audience option by default), so both are
required here explicitly; tests/unit/monespace_home/test_home_id_token.py keeps it that way.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import Flask, session
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from werkzeug.wrappers import Response

from monespace_home.backchannel import EndedSession, InvalidLogoutToken, validate_logout_token
from monespace_home.settings import Settings

log = logging.getLogger(__name__)

SCOPE = "openid profile"
#: Seconds to wait for Keycloak (discovery, JWKS, token endpoint) before telling the doctor.
KEYCLOAK_TIMEOUT = 10
#: Fetching the JWKS again for an unknown kid follows a key rotation; anyone can post a logout
#: token with a made-up kid, so it happens at most this often (seconds).
JWKS_REFRESH_INTERVAL = 10


class LoginFailed(Exception):
    """The callback did not yield a valid identity. The message is for the log, never for the doctor."""


class StaleCallback(LoginFailed):
    """A callback whose state this browser session does not hold (another browser, back button…)."""


class KeycloakUnavailable(Exception):
    """Keycloak could not be reached or answered with a server error."""


@dataclass(frozen=True)
class Doctor:
    """What the home shows, taken from the validated ID token."""

    subject: str
    name: str
    rpps: str | None

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Doctor:
        name = claims.get("name") or " ".join(
            part for part in (claims.get("given_name"), claims.get("family_name")) if part
        )
        rpps = claims.get("rpps")
        return cls(subject=str(claims["sub"]), name=str(name or ""), rpps=str(rpps) if rpps else None)

    def to_session(self) -> dict[str, str | None]:
        return {"sub": self.subject, "name": self.name, "rpps": self.rpps}

    @classmethod
    def from_session(cls, data: object) -> Doctor | None:
        if not isinstance(data, dict) or not data.get("sub"):
            return None
        return cls(subject=str(data["sub"]), name=str(data.get("name") or ""), rpps=data.get("rpps"))


@dataclass(frozen=True)
class SignIn:
    doctor: Doctor
    #: Kept for the logout's id_token_hint; the access and refresh tokens are not kept.
    id_token: str
    #: Keycloak's session (ID token claim `sid`), the key back-channel logout tokens name.
    sid: str | None = None


#: Authorization requests kept waiting for their callback (tabs left on the login page…).
#: Each costs about 200 bytes of the session cookie, which must stay under 4 KB.
MAX_PENDING_REQUESTS = 3
_STATE_PREFIX = "_state_keycloak_"


class _KeycloakApp(FlaskOAuth2App):
    def save_authorize_data(self, **kwargs: Any) -> None:
        # Authlib also keeps the whole authorization URL, which finishing the request never
        # reads; it would be most of the cookie.
        kwargs.pop("url", None)
        super().save_authorize_data(**kwargs)


class _OAuth(OAuth):
    oauth2_client_cls = _KeycloakApp


class KeycloakLogin:
    """The app's one OIDC client, `monespace-home` (public: no secret, PKCE instead)."""

    def __init__(self, app: Flask, settings: Settings) -> None:
        self.settings = settings
        self._jwks_lock = threading.Lock()
        self._jwks_refreshed_at = float("-inf")
        self.oauth = _OAuth(app)
        self.client: _KeycloakApp = self.oauth.register(
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

    def redirect_to_login(self, redirect_uri: str | None = None, **params: str) -> Response:
        """A redirect to Keycloak's authorization endpoint; `params` adds e.g. kc_action."""
        _drop_oldest_pending(MAX_PENDING_REQUESTS - 1)
        with _keycloak_calls():
            response: Response = self.client.authorize_redirect(
                redirect_uri or self.settings.redirect_uri, ui_locales="fr", **params
            )
        return response

    def finish_login(self) -> SignIn:
        """Exchange the callback's code and validate the ID token, or raise."""
        try:
            with _keycloak_calls():
                token = self.client.authorize_access_token(claims_options=self.id_token_claims())
        except MismatchingStateError as exc:
            raise StaleCallback("unknown or expired state") from exc
        except AuthlibBaseError as exc:
            raise LoginFailed(f"{getattr(exc, 'error', type(exc).__name__)}: {exc}") from exc
        except (JoseError, ValueError, KeyError) as exc:
            raise LoginFailed(f"ID token refused: {type(exc).__name__}: {exc}") from exc
        claims = token.get("userinfo")
        # Authlib validates the ID token only when the request carried a nonce (scope openid):
        # no validated claims means no sign-in, whatever else the token response holds.
        if not claims or not token.get("id_token"):
            raise LoginFailed("the token response has no validated ID token")
        sid = claims.get("sid")
        return SignIn(Doctor.from_claims(dict(claims)), str(token["id_token"]), str(sid) if sid else None)

    def forget_request(self, state: str | None) -> None:
        """A callback that ends without a code (an error) still ends its request."""
        if state:
            self.client.framework.clear_state_data(session, state)

    def id_token_claims(self) -> dict[str, dict[str, Any]]:
        """Claim checks on top of Authlib's: our issuer, our client among the audiences."""
        return {
            "iss": {"essential": True, "values": [self.settings.issuer]},
            "aud": {"essential": True, "values": [self.settings.client_id]},
            "sub": {"essential": True},
        }

    def ended_session(self, logout_token: str) -> EndedSession:
        """Validate a back-channel logout token against the realm's keys; InvalidLogoutToken if bad."""

        def validate(keys: KeySet) -> EndedSession:
            return validate_logout_token(
                logout_token, keys, issuer=self.settings.issuer, client_id=self.settings.client_id
            )

        with _keycloak_calls():
            try:
                return validate(self._realm_keys(refresh=False))
            except InvalidKeyIdError:
                pass
            # A key Keycloak has just rotated in, or a made-up kid: fetch once more, not too often.
            try:
                return validate(self._realm_keys(refresh=True))
            except InvalidKeyIdError as exc:
                raise InvalidLogoutToken(str(exc)) from exc

    def _realm_keys(self, refresh: bool) -> KeySet:
        # Authlib's client caches the JWKS with the discovery document, as for ID tokens.
        if refresh:
            with self._jwks_lock:
                if time.monotonic() - self._jwks_refreshed_at >= JWKS_REFRESH_INTERVAL:
                    self._jwks_refreshed_at = time.monotonic()
                    self.client.fetch_jwk_set(force=True)
        try:
            return KeySet.import_key_set(self.client.fetch_jwk_set())
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            raise KeycloakUnavailable(f"the realm's JWKS cannot be read: {exc}") from exc

    def redirect_to_logout(self, id_token: str | None) -> Response:
        """RP-initiated logout: Keycloak ends its session, then sends the doctor to /logged-out."""
        with _keycloak_calls():
            response: Response = self.client.logout_redirect(
                post_logout_redirect_uri=self.settings.post_logout_redirect_uri,
                id_token_hint=id_token,
                # Without an ID token (expired cookie), client_id still lets Keycloak accept the
                # redirect URI and show its own confirmation.
                client_id=self.settings.client_id,
                ui_locales="fr",
            )
        return response


def _drop_oldest_pending(keep: int) -> None:
    pending = sorted(
        (k for k in session if k.startswith(_STATE_PREFIX)),
        key=lambda k: session[k].get("exp", 0) if isinstance(session[k], dict) else 0,
    )
    for key in pending[: max(0, len(pending) - keep)]:
        session.pop(key)


@contextlib.contextmanager
def _keycloak_calls() -> Iterator[None]:
    """Turns network failures and Keycloak's error statuses into KeycloakUnavailable."""
    try:
        yield
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise KeycloakUnavailable(f"Keycloak unreachable: {exc}") from exc
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        raise KeycloakUnavailable(f"Keycloak answered HTTP {status}: {exc}") from exc
