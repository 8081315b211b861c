"""SPEC 1 "Connectez-vous à votre espace": e-mail and password only, one generic message, lockout."""

from __future__ import annotations

import pytest
from keycloak import KeycloakAdmin

from tests.support.doctors import DoctorFactory
from tests.support.oidc import Browser
from tests.support.rpps import new_rpps

PASSWORD = "Cabinet-Login-2026!"
GENERIC = "E-mail ou mot de passe incorrect."


def test_login_page_has_the_ordres_screen(browser: Browser) -> None:
    page = browser.open_login()
    assert page.heading == "Connectez-vous à votre espace"
    assert "ORDRE DES MÉDECINS" in page.text
    for text in ("E-mail", "Mot de passe", "Se connecter", "Créer votre espace", "Identifiants oubliés ?"):
        assert text in page.text, text


@pytest.mark.smoke
def test_login_with_email_reaches_the_application_with_the_rpps_claim(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = doctors.create(login_email=f"login.{new_rpps()}@exemple.fr", password=PASSWORD)
    tokens = browser.login_tokens((doctor.login_email or "").upper(), PASSWORD)
    import base64
    import json

    payload = tokens["id_token"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["rpps"] == doctor.rpps


def test_rpps_at_the_login_form_is_refused_and_never_locks_the_doctor(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = doctors.create(login_email=f"lock.{new_rpps()}@exemple.fr", password=PASSWORD)
    for _ in range(8):
        page = browser.fresh().login(doctor.rpps, PASSWORD)
        assert GENERIC in page.box_text()
    assert browser.fresh().login(doctor.login_email or "", PASSWORD).response.is_redirect


def test_repeated_failures_lock_the_account_with_the_same_message(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = doctors.create(login_email=f"bf.{new_rpps()}@exemple.fr", password=PASSWORD)
    for _ in range(5):
        assert GENERIC in browser.fresh().login(doctor.login_email or "", "Mauvais-Passe-99!").box_text()
    locked = browser.fresh()
    page = locked.login(doctor.login_email or "", PASSWORD)
    assert not locked.redirected_to_app, "locked after 5 failures"
    assert GENERIC in page.box_text()


def test_disabled_doctor_gets_the_generic_message(
    browser: Browser, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = doctors.create(login_email=f"off.{new_rpps()}@exemple.fr", password=PASSWORD)
    admin.update_user(doctor.id, {"enabled": False})
    page = browser.login(doctor.login_email or "", PASSWORD)
    assert not browser.redirected_to_app
    assert GENERIC in page.box_text()
