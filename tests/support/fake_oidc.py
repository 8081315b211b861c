"""A stand-in for Keycloak's OIDC endpoints, for the MonEspace home's unit tests.

Served over real HTTP on loopback: it publishes discovery and a JWKS, checks PKCE and the
redirect URI at the token endpoint like Keycloak does, and answers with whatever ID token the
test prepared. The home's real network path (discovery, JWKS, token exchange, validation) runs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import Flask, jsonify, request
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.test import TestResponse

REALM = "monespace"
CLIENT_ID = "monespace-home"
SUBJECT = "5f0c1d2e-0000-4000-8000-000000000001"
#: Keycloak's user session id, in ID tokens and logout tokens as `sid`.
SESSION_ID = "0b6a1e2f-0000-4000-8000-00000000beef"
BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
#: A secret of an attacker's choosing: Keycloak advertises HS256 in discovery, so a token "signed"
#: with it under the realm key's kid (FakeKeycloak.guessed_key) must not pass.
GUESSED_SECRET = b"0123456789abcdef0123456789abcdef"


def new_rsa_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


def swap_payload(token: str, other: str) -> str:
    """`token`'s header and signature around `other`'s payload: a forgery the signature must catch."""
    header, _payload, signature = token.split(".")
    _header, other_payload, _signature = other.split(".")
    return ".".join([header, other_payload, signature])


def unsigned(token: str, typ: str) -> str:
    """`token`'s payload under {"alg":"none","typ":typ} and no signature."""
    _header, payload, _signature = token.split(".")
    header = json.dumps({"alg": "none", "typ": typ}, separators=(",", ":")).encode()
    return f"{base64.urlsafe_b64encode(header).rstrip(b'=').decode()}.{payload}."


def signed_in(client: FlaskClient) -> bool:
    """A doctor is in the client's home session."""
    with client.session_transaction() as session:
        return "doctor" in session


@dataclass
class Issued:
    """One authorization request as the provider saw it, and the token answer prepared for it."""

    params: dict[str, str]
    code: str
    token_response: dict[str, Any] | None = None


@dataclass
class FakeKeycloak:
    signing_key: RSAKey = field(default_factory=lambda: new_rsa_key("realm-key"))
    port: int = 0
    issued: dict[str, Issued] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    jwks_requests: int = 0
    _server: BaseWSGIServer | None = None

    # -- addresses -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.url}/realms/{REALM}"

    @property
    def authorization_endpoint(self) -> str:
        return f"{self.issuer}/protocol/openid-connect/auth"

    @property
    def end_session_endpoint(self) -> str:
        return f"{self.issuer}/protocol/openid-connect/logout"

    # -- tokens --------------------------------------------------------------------------------
    def claims(self, nonce: str | None, **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "azp": CLIENT_ID,
            "sub": SUBJECT,
            "exp": now + 300,
            "iat": now,
            "auth_time": now,
            "nonce": nonce,
            "sid": SESSION_ID,
            "name": "Claire Test",
            "given_name": "Claire",
            "family_name": "Test",
            "rpps": "10003456789",
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def logout_claims(self, **overrides: Any) -> dict[str, Any]:
        """A back-channel logout token's claims as Keycloak's DefaultTokenManager.initLogoutToken
        builds them (session required); an override of None leaves the claim out."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 120,
            "jti": secrets.token_urlsafe(12),
            "sub": SUBJECT,
            "sid": SESSION_ID,
            "typ": "Logout",
            "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def logout_token(self, key: RSAKey | OctKey | None = None, alg: str = "RS256", **overrides: Any) -> str:
        return self.sign(self.logout_claims(**overrides), key=key, alg=alg, typ="logout+jwt")

    def sign(
        self, claims: dict[str, Any], key: RSAKey | OctKey | None = None, alg: str = "RS256", typ: str = "JWT"
    ) -> str:
        key = key or self.signing_key
        return jwt.encode({"alg": alg, "kid": str(key.kid), "typ": typ}, claims, key)

    def guessed_key(self) -> OctKey:
        """GUESSED_SECRET as an HS256 key under the realm key's kid."""
        return OctKey.import_key(GUESSED_SECRET, {"kid": str(self.signing_key.kid)})

    def answer_valid(self, issued: Issued, **claims: Any) -> None:
        """Answer `issued` with an ID token signed by the realm key, for its nonce."""
        self.answer(issued, self.sign(self.claims(issued.params["nonce"], **claims)))

    def answer(self, issued: Issued, id_token: str | None) -> None:
        response: dict[str, Any] = {
            "access_token": "opaque-access",
            "token_type": "Bearer",
            "expires_in": 300,
        }
        if id_token is not None:
            response["id_token"] = id_token
        issued.token_response = response

    def issue(self, authorization_url: str) -> Issued:
        """Play Keycloak's side of an authorization request the app redirected to."""
        params = dict(parse_qsl(urlsplit(authorization_url).query))
        issued = Issued(params=params, code=f"code-{len(self.issued)}")
        self.issued[issued.code] = issued
        return issued

    # -- server --------------------------------------------------------------------------------
    def app(self) -> Flask:
        app = Flask("fake_keycloak")
        prefix = f"/realms/{REALM}"

        @app.get(f"{prefix}/.well-known/openid-configuration")
        def discovery():  # type: ignore[no-untyped-def]
            return jsonify(
                issuer=self.issuer,
                authorization_endpoint=self.authorization_endpoint,
                token_endpoint=f"{self.issuer}/protocol/openid-connect/token",
                jwks_uri=f"{self.issuer}/protocol/openid-connect/certs",
                end_session_endpoint=self.end_session_endpoint,
                # As Keycloak advertises them: symmetric algorithms included.
                id_token_signing_alg_values_supported=["RS256", "ES256", "HS256", "PS256"],
                code_challenge_methods_supported=["plain", "S256"],
            )

        @app.get(f"{prefix}/protocol/openid-connect/certs")
        def certs():  # type: ignore[no-untyped-def]
            self.jwks_requests += 1
            return jsonify(KeySet([self.signing_key]).as_dict(private=False))

        @app.post(f"{prefix}/protocol/openid-connect/token")
        def token():  # type: ignore[no-untyped-def]
            form = request.form.to_dict()
            self.token_requests.append(form)
            issued = self.issued.get(form.get("code", ""))
            if issued is None or issued.token_response is None:
                return jsonify(error="invalid_grant", error_description="Code not valid"), 400
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
            if challenge.decode() != issued.params.get("code_challenge"):
                return jsonify(error="invalid_grant", error_description="PKCE verification failed"), 400
            if form.get("redirect_uri") != issued.params.get("redirect_uri"):
                return jsonify(error="invalid_grant", error_description="Incorrect redirect_uri"), 400
            return jsonify(issued.token_response)

        return app

    def start(self) -> FakeKeycloak:
        self._server = make_server("127.0.0.1", self.port, self.app(), threaded=True)
        self.port = self._server.server_port
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class SignInDriver:
    """Walks the app through an authorization request and its callback."""

    def __init__(self, client: FlaskClient, provider: FakeKeycloak) -> None:
        self.client = client
        self.provider = provider

    def start(self, path: str = "/") -> Issued:
        response = self.client.get(path)
        assert response.status_code == 302, response.text
        location = response.headers["Location"]
        assert location.startswith(self.provider.authorization_endpoint), location
        return self.provider.issue(location)

    def callback(self, issued: Issued, **extra: str) -> TestResponse:
        query = {
            "state": issued.params["state"],
            "session_state": "kc-session",
            "iss": self.provider.issuer,
            "code": issued.code,
            **extra,
        }
        return self.client.get("/auth/callback", query_string={k: v for k, v in query.items() if v})

    def complete(self, issued: Issued, **claims: Any) -> TestResponse:
        """Keycloak signs the doctor in for `issued` and sends the browser back."""
        self.provider.answer_valid(issued, **claims)
        return self.callback(issued)

    def sign_in(self, path: str = "/", **claims: Any) -> TestResponse:
        return self.complete(self.start(path), **claims)
