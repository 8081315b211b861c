"""Issue 10, attack 1: a reset link pointing at the attacker's host.

The attacker opens the reset page with a forged `Host` (or, behind a proxy that forwards it, a
forged `X-Forwarded-Host`) and submits a doctor's login e-mail. Keycloak must write the link it
mails, and the issuer of every token, from its configured public URL, never from the request.
"""

from __future__ import annotations

import pytest

from message_sink import MessageSink
from tests.conftest import MAIN_REALM
from tests.support.doctors import DoctorFactory
from tests.support.forged import EVIL_HOST, forged_browser
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.messages import last_mail, link_in
from tests.support.oidc import CLIENT_ID
from tests.support.rpps import new_rpps
from tests.support.tokens import claims

PASSWORD = "Cabinet-Hote-2026!"
#: One forged header per case: the request's own Host, and the proxy header Keycloak trusts
#: from the harness's address (it runs as behind a proxy, see tests/backends.py).
FORGERIES = {
    "host": {"Host": EVIL_HOST},
    "x-forwarded-host": {"X-Forwarded-Host": EVIL_HOST, "X-Forwarded-Proto": "https"},
}


@pytest.mark.parametrize("forgery", FORGERIES, ids=list(FORGERIES))
def test_forged_host_on_the_reset_request_mails_the_configured_url(
    forgery: str, harness: Harness, realms: dict[str, str], doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create(login_email=f"hote.{new_rpps()}@exemple.fr", password=PASSWORD)
    attacker = Journey(forged_browser(harness.keycloak_url, MAIN_REALM, FORGERIES[forgery]))
    attacker.open_reset()
    page = attacker.request_reset(doctor.login_email or "")
    assert "vous allez recevoir un e-mail" in page.box_text()

    link = link_in(last_mail(sink, doctor.login_email or "").text)
    assert "evil.example" not in link
    assert link.startswith(f"{harness.keycloak_url}/realms/{MAIN_REALM}/login-actions/action-token?"), link


@pytest.mark.parametrize("forgery", FORGERIES, ids=list(FORGERIES))
def test_forged_host_never_names_the_token_issuer(
    forgery: str, harness: Harness, realms: dict[str, str], doctors: DoctorFactory
) -> None:
    doctor = doctors.create(login_email=f"iss.{new_rpps()}@exemple.fr", password=PASSWORD)
    attacker = forged_browser(harness.keycloak_url, MAIN_REALM, FORGERIES[forgery])
    attacker.login(doctor.login_email or "", PASSWORD)
    assert attacker.redirected_to_app, attacker.page.text if attacker.page else ""
    issuer = f"{harness.keycloak_url}/realms/{MAIN_REALM}"

    reply = attacker.session.post(
        f"{harness.keycloak_url}/realms/{MAIN_REALM}/protocol/openid-connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": CLIENT_ID,
            "code": attacker.authorization_code(),
            "redirect_uri": attacker.redirect_uri,
            "code_verifier": attacker.verifier,
        },
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    tokens = reply.json()
    for kind in ("id_token", "access_token", "refresh_token"):
        assert claims(tokens[kind])["iss"] == issuer, kind

    discovery = attacker.session.get(
        f"{harness.keycloak_url}/realms/{MAIN_REALM}/.well-known/openid-configuration", timeout=30
    ).json()
    assert discovery["issuer"] == issuer
    assert discovery["authorization_endpoint"].startswith(issuer)
