"""The ID token is validated for real: signature (JWKS), iss, aud, exp, nonce; anything else is refused.

Each refused token ends on the French "Connexion impossible" page, with no doctor in the session.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.fake_oidc import (
    SESSION_ID,
    FakeKeycloak,
    Issued,
    SignInDriver,
    new_rsa_key,
    signed_in,
    swap_payload,
    unsigned,
)


def test_a_valid_token_signs_the_doctor_in(driver: SignInDriver, home_client: FlaskClient) -> None:
    response = driver.sign_in()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    with home_client.session_transaction() as session:
        assert session["doctor"] == {
            "sub": "5f0c1d2e-0000-4000-8000-000000000001",
            "name": "Claire Test",
            "rpps": "10003456789",
        }
        assert session["id_token"].count(".") == 2
        # Keycloak's session id, what back-channel logout tokens name, and when the doctor signed in.
        assert session["sid"] == SESSION_ID
        assert abs(session["signed_in_at"] - time.time()) < 60
        # Only what the page and the logout need: no access or refresh token.
        assert not {"access_token", "refresh_token", "token"} & set(session)


def test_the_token_request_is_a_public_client_with_pkce(driver: SignInDriver, fake_keycloak: FakeKeycloak) -> None:
    issued = driver.start()
    assert issued.params["code_challenge_method"] == "S256"
    assert issued.params["client_id"] == "monespace-home"
    assert issued.params["redirect_uri"] == "http://localhost:8000/auth/callback"
    assert "openid" in issued.params["scope"].split()
    assert issued.params["nonce"] and issued.params["state"]
    fake_keycloak.answer_valid(issued)
    assert driver.callback(issued).status_code == 302
    sent = fake_keycloak.token_requests[-1]
    assert sent["grant_type"] == "authorization_code"
    assert sent["client_id"] == "monespace-home"
    assert sent["code_verifier"], "the PKCE verifier goes with the code (the fake checks it)"
    assert "client_secret" not in sent


def _tampered_payload(provider: FakeKeycloak, nonce: str) -> str:
    return swap_payload(
        provider.sign(provider.claims(nonce)), provider.sign(provider.claims(nonce, rpps="19999999999"))
    )


def _foreign_key_same_kid(provider: FakeKeycloak, nonce: str) -> str:
    impostor = new_rsa_key(str(provider.signing_key.kid))
    return provider.sign(provider.claims(nonce), key=impostor)


def _unknown_key(provider: FakeKeycloak, nonce: str) -> str:
    return provider.sign(provider.claims(nonce), key=new_rsa_key("someone-else"))


def _symmetric_with_a_guessed_secret(provider: FakeKeycloak, nonce: str) -> str:
    # Keycloak advertises HS256 in discovery; a token "signed" with a secret of the attacker's
    # choosing under the realm key's kid must not pass.
    return provider.sign(provider.claims(nonce), key=provider.guessed_key(), alg="HS256")


def _unsigned(provider: FakeKeycloak, nonce: str) -> str:
    return unsigned(provider.sign(provider.claims(nonce)), typ="JWT")


def _claims(**overrides: Any) -> Callable[[FakeKeycloak, str], str]:
    def build(provider: FakeKeycloak, nonce: str) -> str:
        return provider.sign(provider.claims(nonce, **overrides))

    return build


Build = Callable[[FakeKeycloak, str], str]

#: case -> (token builder, what the app's log must give as the reason: the intended check fired)
REFUSED: dict[str, tuple[Build, str]] = {
    "tampered payload": (_tampered_payload, "BadSignatureError"),
    "signed by a foreign key under the realm key's kid": (_foreign_key_same_kid, "BadSignatureError"),
    "signed by a key not in the JWKS": (_unknown_key, "No key for kid: 'someone-else'"),
    "HS256 with a guessed secret": (_symmetric_with_a_guessed_secret, "No key for kid"),
    "alg none": (_unsigned, "'none' is not allowed"),
    "another issuer": (_claims(iss="http://127.0.0.1:1/realms/other"), "Invalid claim: 'iss'"),
    "another realm's issuer on the same server": (
        lambda p, n: p.sign(p.claims(n, iss=p.issuer.replace("/monespace", "/master"))),
        "Invalid claim: 'iss'",
    ),
    "issued to another client": (_claims(aud="account", azp="account"), "Invalid claim: 'aud'"),
    "another client, our client as azp": (
        _claims(aud="account", azp="monespace-home"),
        "Invalid claim: 'aud'",
    ),
    "no audience": (_claims(aud=None), "Missing claim: 'aud'"),
    "expired": (_claims(exp=int(time.time()) - 600, iat=int(time.time()) - 900), "expired"),
    "another nonce": (
        lambda p, n: p.sign(p.claims("replayed-from-another-request")),
        "Invalid claim: 'nonce'",
    ),
    "no nonce": (lambda p, n: p.sign(p.claims(None)), "Missing claim: 'nonce'"),
    "no subject": (_claims(sub=None), "Missing claim: 'sub'"),
    "not a JWT": (lambda p, n: "not-a-jwt", "DecodeError"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_id_token_is_refused(
    case: str,
    driver: SignInDriver,
    fake_keycloak: FakeKeycloak,
    home_client: FlaskClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    build, reason = REFUSED[case]
    issued = driver.start()
    fake_keycloak.answer(issued, build(fake_keycloak, issued.params["nonce"]))
    with caplog.at_level(logging.WARNING, logger="monespace_home"):
        response = driver.callback(issued)
    assert response.status_code == 400
    assert "Connexion impossible" in response.text
    assert "Traceback" not in response.text
    assert not signed_in(home_client)
    assert reason in caplog.text, caplog.text


def test_a_token_response_without_id_token_is_refused(
    driver: SignInDriver, fake_keycloak: FakeKeycloak, home_client: FlaskClient
) -> None:
    issued = driver.start()
    fake_keycloak.answer(issued, None)
    assert driver.callback(issued).status_code == 400
    assert not signed_in(home_client)


def test_a_code_cannot_be_used_with_another_requests_state(
    driver: SignInDriver, fake_keycloak: FakeKeycloak, home_client: FlaskClient
) -> None:
    """The PKCE verifier and nonce belong to the state: a code issued for request A, presented
    with request B's state, fails at the token endpoint (PKCE) — as it would at Keycloak."""
    first = driver.start()
    second = driver.start()
    fake_keycloak.answer_valid(first)
    swapped = Issued(params=second.params, code=first.code)
    assert driver.callback(swapped).status_code == 400
    assert not signed_in(home_client)


def test_keys_rotated_at_keycloak_are_fetched_again(driver: SignInDriver, fake_keycloak: FakeKeycloak) -> None:
    assert driver.sign_in().status_code == 302  # JWKS now cached by the app
    old = fake_keycloak.signing_key
    fake_keycloak.signing_key = new_rsa_key("rotated-key")
    try:
        assert driver.sign_in(path="/login").status_code == 302
    finally:
        fake_keycloak.signing_key = old
