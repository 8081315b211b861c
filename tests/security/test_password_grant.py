"""Issue 10, attack 2: the password grant (direct access grants) on the realm's clients.

Stock Keycloak leaves `admin-cli` open to `grant_type=password`: the public RPPS works there as a
login, and wrong passwords sent through it lock the doctor out of the browser login. Every client
of the realm, stock ones included, must refuse the grant, by RPPS and by e-mail, right password or
not, and never count a failure against the doctor.
"""

from __future__ import annotations

import pytest
from keycloak import KeycloakAdmin

from tests.conftest import MAIN_REALM
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.grants import client_credentials, password_grant, realm_clients, refused
from tests.support.harness import Harness
from tests.support.oidc import Browser
from tests.support.rpps import new_rpps

PASSWORD = "Cabinet-Grant-2026!"
WRONG = "Pas-Le-Bon-Passe-1!"


def espace(doctors: DoctorFactory) -> Doctor:
    return doctors.create(login_email=f"grant.{new_rpps()}@exemple.fr", password=PASSWORD)


@pytest.mark.parametrize("identifier", ["rpps", "login_email"])
def test_password_grant_with_the_right_password_is_refused_on_every_client(
    identifier: str, harness: Harness, admin: KeycloakAdmin, doctors: DoctorFactory
) -> None:
    doctor = espace(doctors)
    username = str(getattr(doctor, identifier))
    clients = realm_clients(admin)
    assert {"admin-cli", "account", "monespace-home"} <= {c["clientId"] for c in clients}
    granted = []
    for client in clients:
        reply = password_grant(harness.keycloak_url, MAIN_REALM, client_credentials(admin, client), username, PASSWORD)
        if not refused(reply):
            granted.append(f"{client['clientId']}: HTTP {reply.status_code} {reply.text[:120]}")
    assert granted == [], f"password grant by {identifier} answered with tokens"


def test_a_dozen_wrong_passwords_through_the_grant_lock_nobody_out(
    harness: Harness, admin: KeycloakAdmin, doctors: DoctorFactory, browser: Browser
) -> None:
    doctor = espace(doctors)
    for client in realm_clients(admin):
        credentials = client_credentials(admin, client)
        for username in [doctor.rpps, doctor.login_email or ""] * 6:
            assert refused(password_grant(harness.keycloak_url, MAIN_REALM, credentials, username, WRONG))

    status = admin.connection.raw_get(f"admin/realms/{MAIN_REALM}/attack-detection/brute-force/users/{doctor.id}")
    assert status.json()["numFailures"] == 0 and status.json()["disabled"] is False, status.text
    browser.login(doctor.login_email or "", PASSWORD)
    assert browser.redirected_to_app, "the browser login still works for that doctor"
