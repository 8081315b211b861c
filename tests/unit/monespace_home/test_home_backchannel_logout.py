"""OIDC Back-Channel Logout at POST /auth/backchannel-logout, against the fake Keycloak's JWKS.

A valid logout token ends the home session it names (sid) at the session's next request;
anything else is answered 400 and ends nothing. The reason the home logs shows which check fired.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from monespace_home import Settings, create_app
from monespace_home.revocations import InMemoryRevocations
from tests.support.fake_oidc import FakeKeycloak, SignInDriver, new_rsa_key, signed_in, swap_payload, unsigned

ENDPOINT = "/auth/backchannel-logout"
NOW = lambda: int(time.time())  # noqa: E731


def post_logout(client: FlaskClient, token: str) -> TestResponse:
    return client.post(ENDPOINT, data={"logout_token": token})


def records(app: Flask) -> int:
    return len(app.extensions["monespace_home.revocations"])


def asks_for_login(response: TestResponse, provider: FakeKeycloak) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith(provider.authorization_endpoint)


# -- the token ----------------------------------------------------------------------------------


def test_a_valid_token_is_answered_200_and_recorded(
    home_client: FlaskClient, home_app: Flask, fake_keycloak: FakeKeycloak
) -> None:
    response = post_logout(home_client, fake_keycloak.logout_token())
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"  # the specification's SHOULD
    assert "Set-Cookie" not in response.headers
    assert records(home_app) == 1


Build = Callable[[FakeKeycloak], str]


def _claims(**overrides: Any) -> Build:
    return lambda p: p.logout_token(**overrides)


def _tampered(provider: FakeKeycloak) -> str:
    return swap_payload(provider.logout_token(), provider.logout_token(sid="another-session"))


def _symmetric(provider: FakeKeycloak) -> str:
    return provider.logout_token(key=provider.guessed_key(), alg="HS256")


def _unsigned(provider: FakeKeycloak) -> str:
    return unsigned(provider.logout_token(), typ="logout+jwt")


#: case -> (token builder, the reason the home logs: the intended check fired)
REFUSED: dict[str, tuple[Build, str]] = {
    "tampered payload": (_tampered, "BadSignatureError"),
    "signed by a foreign key under the realm key's kid": (
        lambda p: p.logout_token(key=new_rsa_key(str(p.signing_key.kid))),
        "BadSignatureError",
    ),
    "signed by a key not in the JWKS": (lambda p: p.logout_token(key=new_rsa_key("stranger")), "No key for kid"),
    "HS256 with a guessed secret": (_symmetric, "Algorithm of 'HS256' is not allowed"),
    "alg none": (_unsigned, "UnsupportedAlgorithmError"),
    "another issuer": (_claims(iss="http://127.0.0.1:1/realms/monespace"), "Invalid claim: 'iss'"),
    "another realm of the same Keycloak": (
        lambda p: p.logout_token(iss=p.issuer.replace("/monespace", "/monespace-fast")),
        "Invalid claim: 'iss'",
    ),
    "another client's audience": (_claims(aud="account"), "Invalid claim: 'aud'"),
    "no audience": (_claims(aud=None), "Missing claim: 'aud'"),
    "no events": (_claims(events=None), "no back-channel logout event"),
    "events without the back-channel logout event": (
        _claims(events={"http://schemas.openid.net/event/other": {}}),
        "no back-channel logout event",
    ),
    "the event's value is not a JSON object": (
        _claims(events={"http://schemas.openid.net/event/backchannel-logout": True}),
        "no back-channel logout event",
    ),
    "a nonce (an ID token, say)": (_claims(nonce="n-0S6_WzA2Mj"), "must not carry a nonce"),
    "expired": (lambda p: p.logout_token(iat=NOW() - 600, exp=NOW() - 480), "ExpiredTokenError"),
    "old iat, long exp": (lambda p: p.logout_token(iat=NOW() - 600, exp=NOW() + 600), "issued too long ago"),
    "iat in the future": (lambda p: p.logout_token(iat=NOW() + 600, exp=NOW() + 720), "issued in the future"),
    "no iat": (_claims(iat=None), "Missing claim: 'iat'"),
    "no exp": (_claims(exp=None), "Missing claim: 'exp'"),
    "neither sid nor sub": (_claims(sid=None, sub=None), "neither 'sid' nor 'sub'"),
    "an empty sid and no sub": (_claims(sid="", sub=None), "'sid' is not a string"),
    "a numeric sid": (_claims(sid=42), "'sid' is not a string"),
    "not a JWT": (lambda p: "not-a-jwt", "DecodeError"),
    "empty": (lambda p: "", "missing or too long"),
    "oversized": (lambda p: "a" * 9000, "missing or too long"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_token_is_answered_400_and_ends_nothing(
    case: str,
    home_client: FlaskClient,
    home_app: Flask,
    fake_keycloak: FakeKeycloak,
    caplog: pytest.LogCaptureFixture,
) -> None:
    build, reason = REFUSED[case]
    with caplog.at_level(logging.WARNING, logger="monespace_home"):
        response = post_logout(home_client, build(fake_keycloak))
    assert response.status_code == 400
    assert response.json == {"error": "invalid_request", "error_description": "The logout token is not valid."}
    assert "Traceback" not in response.text
    assert records(home_app) == 0
    assert reason in caplog.text, caplog.text


def test_a_request_without_logout_token_is_400(home_client: FlaskClient) -> None:
    assert home_client.post(ENDPOINT).status_code == 400
    assert home_client.post(ENDPOINT, json={"logout_token": "x"}).status_code == 400


def test_only_post_is_accepted(home_client: FlaskClient) -> None:
    response = home_client.get(ENDPOINT)
    assert response.status_code == 405
    assert "Traceback" not in response.text


def test_keys_rotated_at_keycloak_are_fetched_again_but_not_at_every_request(
    home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    assert post_logout(home_client, fake_keycloak.logout_token()).status_code == 200  # JWKS cached
    before = fake_keycloak.jwks_requests
    old = fake_keycloak.signing_key
    fake_keycloak.signing_key = new_rsa_key("rotated-logout-key")
    try:
        assert post_logout(home_client, fake_keycloak.logout_token()).status_code == 200
        assert fake_keycloak.jwks_requests == before + 1
        # Made-up kids cannot make the home hammer Keycloak's JWKS endpoint.
        for n in range(5):
            bogus = fake_keycloak.logout_token(key=new_rsa_key(f"made-up-{n}"))
            assert post_logout(home_client, bogus).status_code == 400
        assert fake_keycloak.jwks_requests == before + 1
    finally:
        fake_keycloak.signing_key = old


def test_keycloak_unreachable_for_the_keys_is_503(home_settings: Settings) -> None:
    unreachable = replace(home_settings, keycloak_url="http://127.0.0.1:9")
    response = create_app(unreachable).test_client().post(ENDPOINT, data={"logout_token": "a.b.c"})
    assert response.status_code == 503
    assert response.json is not None and response.json["error"] == "temporarily_unavailable"


# -- the home session -------------------------------------------------------------------------


def test_the_named_session_asks_for_login_at_its_next_request(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    driver.sign_in()
    assert home_client.get("/").status_code == 200
    assert post_logout(home_client.application.test_client(), fake_keycloak.logout_token()).status_code == 200
    assert asks_for_login(home_client.get("/"), fake_keycloak)
    assert not signed_in(home_client)
    assert asks_for_login(home_client.get("/settings"), fake_keycloak)


def test_another_session_of_the_same_doctor_goes_on(home_app: Flask, fake_keycloak: FakeKeycloak) -> None:
    laptop, phone = home_app.test_client(), home_app.test_client()
    SignInDriver(laptop, fake_keycloak).sign_in(sid="laptop-session")
    SignInDriver(phone, fake_keycloak).sign_in(sid="phone-session")
    assert post_logout(home_app.test_client(), fake_keycloak.logout_token(sid="laptop-session")).status_code == 200
    assert asks_for_login(laptop.get("/"), fake_keycloak)
    assert phone.get("/").status_code == 200


def test_a_subject_alone_ends_every_session_of_the_doctor(home_app: Flask, fake_keycloak: FakeKeycloak) -> None:
    laptop, phone, colleague = home_app.test_client(), home_app.test_client(), home_app.test_client()
    SignInDriver(laptop, fake_keycloak).sign_in(sid="laptop-session")
    SignInDriver(phone, fake_keycloak).sign_in(sid="phone-session")
    SignInDriver(colleague, fake_keycloak).sign_in(sid="colleague-session", sub="another-doctor")
    assert post_logout(home_app.test_client(), fake_keycloak.logout_token(sid=None)).status_code == 200
    assert asks_for_login(laptop.get("/"), fake_keycloak)
    assert asks_for_login(phone.get("/"), fake_keycloak)
    assert colleague.get("/").status_code == 200


def test_signing_in_again_after_the_logout_is_not_undone(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    """Keycloak may end only the home's part of an SSO session and sign the doctor straight back
    in with the same sid; a record for the subject must not lock the doctor out either."""
    driver.sign_in()
    assert post_logout(home_client.application.test_client(), fake_keycloak.logout_token()).status_code == 200
    assert post_logout(home_client.application.test_client(), fake_keycloak.logout_token(sid=None)).status_code == 200
    assert asks_for_login(home_client.get("/"), fake_keycloak)
    time.sleep(0.01)  # sign-in times have millisecond resolution
    driver.sign_in(path="/login")  # same sid, same subject
    assert home_client.get("/").status_code == 200


def test_logout_of_an_ended_session_does_not_go_to_keycloak(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    """The page was left open: "Se déconnecter" ends at once, no confirmation at Keycloak."""
    driver.sign_in()
    with home_client.session_transaction() as session:
        csrf = session["csrf"]
    post_logout(home_client.application.test_client(), fake_keycloak.logout_token())
    response = home_client.post("/logout", data={"csrf_token": csrf})
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/logged-out"
    assert not signed_in(home_client)


def test_a_session_older_than_its_lifetime_asks_for_login(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    # Flask's cookie age restarts at each change of the session (a flash, Paramètres…); the
    # sign-in time does not, and the revocation store forgets records after 10 hours.
    driver.sign_in()
    with home_client.session_transaction() as session:
        session["signed_in_at"] = time.time() - timedelta(hours=10, minutes=1).total_seconds()
    assert asks_for_login(home_client.get("/"), fake_keycloak)


def test_a_session_from_before_this_version_signs_in_again(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    """Cookies made before sid and sign-in time were kept cannot be matched with Keycloak's
    logouts; Keycloak's SSO session signs the doctor straight back in."""
    driver.sign_in()
    with home_client.session_transaction() as session:
        del session["sid"], session["signed_in_at"]
    assert asks_for_login(home_client.get("/"), fake_keycloak)


def test_a_shared_store_can_replace_the_in_process_one(home_settings: Settings, fake_keycloak: FakeKeycloak) -> None:
    """Two home processes (two apps here) with one store: a logout posted to one ends the
    session on the other."""
    shared = InMemoryRevocations(timedelta(hours=10))
    first, second = create_app(home_settings, shared), create_app(home_settings, shared)
    browser = second.test_client()
    SignInDriver(browser, fake_keycloak).sign_in()
    assert post_logout(first.test_client(), fake_keycloak.logout_token()).status_code == 200
    assert asks_for_login(browser.get("/"), fake_keycloak)
