"""SPEC 5 "Paramètres": the current password guards every change of login e-mail or password."""

from __future__ import annotations

import requests
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.messages import last_mail
from tests.support.oidc import Browser
from tests.support.rpps import new_rpps
from tests.support.settings_screen import open_settings, save, status_of

PASSWORD = "Mot-De-Passe-Actuel-1!"
NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def espace(doctors: DoctorFactory) -> Doctor:
    return doctors.create(login_email=f"param.{new_rpps()}@exemple.fr", password=PASSWORD)


def test_the_screen_has_the_ordres_texts(browser: Browser, doctors: DoctorFactory) -> None:
    page = open_settings(browser, espace(doctors))
    for text in (
        "Mot de passe actuel",
        "Demander un nouveau mot de passe.",
        "Nouveau mot de passe",
        "Sécurité du mot de passe",
        "Confirmer votre nouveau mot de passe",
        "Adresse de courriel",
        "Ne sera pas rendue publique.",
        "Enregistrer",
    ):
        assert text in page.text, text
    assert page.text_of("me-current-help") == (
        "Saisissez votre mot de passe actuel pour changer votre Adresse de courriel ou votre Mot de passe. "
        "Demander un nouveau mot de passe."
    )
    assert "reset-credentials" in page.link("Demander un nouveau mot de passe.")


def test_wrong_current_password_changes_nothing(browser: Browser, doctors: DoctorFactory, admin: KeycloakAdmin) -> None:
    doctor = espace(doctors)
    open_settings(browser, doctor)
    page = save(browser, "pas-le-bon", f"autre.{doctor.rpps}@exemple.fr", NEW_PASSWORD)
    assert "Le mot de passe actuel est incorrect" in page.field_error("currentPassword")
    assert admin.get_user(doctor.id)["email"] == doctor.login_email
    assert browser.fresh().login(doctor.login_email or "", PASSWORD).response.is_redirect, (
        "the password did not change either"
    )


def test_email_change_with_the_right_password_notifies_the_previous_address(
    browser: Browser, doctors: DoctorFactory, admin: KeycloakAdmin, sink: MessageSink
) -> None:
    doctor = espace(doctors)
    open_settings(browser, doctor)
    new_email = f"nouvelle.{doctor.rpps}@exemple.fr"
    save(browser, PASSWORD, new_email)
    assert status_of(browser) == "success"
    assert admin.get_user(doctor.id)["email"] == new_email
    assert "adresse e-mail de connexion" in last_mail(sink, doctor.login_email or "").subject
    assert browser.fresh().login(new_email, PASSWORD).response.is_redirect


def test_password_change_ends_the_other_sessions_only(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = espace(doctors)
    elsewhere = browser.fresh()
    other_tokens = elsewhere.login_tokens(doctor.login_email or "", PASSWORD)
    open_settings(browser, doctor)
    save(browser, PASSWORD, doctor.login_email or "", NEW_PASSWORD)
    assert status_of(browser) == "success"
    mine = browser.exchange_code()
    assert browser.refresh(mine).status_code == 200, "the session that made the change goes on"
    assert elsewhere.refresh(other_tokens).status_code == 400, "other sessions are ended"
    assert browser.fresh().login(doctor.login_email or "", NEW_PASSWORD).response.is_redirect


def test_bad_new_values_are_shown_next_to_their_fields(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = espace(doctors)
    taken = espace(doctors)
    open_settings(browser, doctor)
    page = save(browser, PASSWORD, taken.login_email or "")
    assert page.field_error("email").endswith("Un compte est déjà associé à cette adresse mail")
    page = save(browser, PASSWORD, doctor.login_email or "", "court")
    assert page.field_error("newPassword")
    page = save(browser, PASSWORD, doctor.login_email or "", NEW_PASSWORD, NEW_PASSWORD + "x")
    assert "pas identiques" in page.field_error("newPasswordConfirm")


def test_repeated_wrong_current_passwords_lock_like_failed_logins(browser: Browser, doctors: DoctorFactory) -> None:
    doctor = espace(doctors)
    open_settings(browser, doctor)
    for _ in range(5):
        save(browser, "encore-faux", doctor.login_email or "", NEW_PASSWORD)
    page = save(browser, PASSWORD, doctor.login_email or "", NEW_PASSWORD)
    assert "suspendues" in page.box_text(), page.text
    locked = browser.fresh()
    locked.login(doctor.login_email or "", PASSWORD)
    assert not locked.redirected_to_app, "the login is locked out too"


def test_cancel_returns_to_the_home(browser: Browser, doctors: DoctorFactory) -> None:
    open_settings(browser, espace(doctors))
    browser.submit({"action": "cancel"})
    assert status_of(browser) == "cancelled"


def test_the_stock_account_console_is_off_for_doctors(
    browser: Browser, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = espace(doctors)
    tokens = browser.login_tokens(doctor.login_email or "", PASSWORD)
    reply = requests.post(
        f"{browser.keycloak_url}/realms/{browser.realm}/account/",
        json={"email": f"pirate.{doctor.rpps}@exemple.fr"},
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=30,
    )
    assert reply.status_code in (401, 403)
    assert admin.get_user(doctor.id)["email"] == doctor.login_email
    console = requests.get(f"{browser.keycloak_url}/realms/{browser.realm}/account/", timeout=30)
    assert console.status_code >= 400 or "Connectez-vous" not in console.text
