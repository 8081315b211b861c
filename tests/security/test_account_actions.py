"""Issue 10, attack 3: Keycloak's stock account actions asked for with `kc_action`.

Whoever holds a doctor's session (a borrowed computer, a stolen cookie) opens the authorization
endpoint with `kc_action=UPDATE_PASSWORD` (or CONFIGURE_TOTP, UPDATE_EMAIL, delete_credential…):
stock Keycloak shows its own form, which changes the password without the current one, adds a
second factor the doctor does not have, and so on. Each must be refused (Keycloak sends the
doctor back with `kc_action_status=error`, no form shown) and change nothing; Paramètres, our
`monespace-settings`, is the one action and asks for the current password.
"""

from __future__ import annotations

import pytest
from keycloak import KeycloakAdmin

from monespace_home.settings import SETTINGS_ACTION
from tests.support.account_actions import STOCK_ACTIONS, ask_action
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.oidc import Browser
from tests.support.rpps import new_rpps

PASSWORD = "Cabinet-Action-2026!"


def signed_in(browser: Browser, doctors: DoctorFactory) -> Doctor:
    doctor = doctors.create(login_email=f"action.{new_rpps()}@exemple.fr", password=PASSWORD)
    browser.login_tokens(doctor.login_email or "", PASSWORD)
    return doctor


@pytest.mark.parametrize("action", STOCK_ACTIONS)
def test_stock_action_is_refused_and_changes_nothing(
    action: str, browser: Browser, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = signed_in(browser, doctors)
    credentials_before = admin.get_credentials(doctor.id)
    extra = {}
    if action == "delete_credential":
        extra["kc_action_parameter"] = credentials_before[0]["id"]  # the doctor's password
    status = ask_action(browser, action, **extra)
    assert browser.page is not None
    shown = f"{browser.page.status} {browser.page.heading!r}: {browser.page.text[:200]}"
    assert status == "error", f"{action} showed {shown}"

    assert admin.get_credentials(doctor.id) == credentials_before
    assert admin.get_user(doctor.id)["email"] == doctor.login_email
    assert browser.fresh().login(doctor.login_email or "", PASSWORD).response.is_redirect


def test_parametres_is_the_action_left_and_asks_for_the_current_password(
    browser: Browser, doctors: DoctorFactory
) -> None:
    signed_in(browser, doctors)
    page = browser.get(browser.authorize_url(kc_action=SETTINGS_ACTION))
    assert page.heading == "Paramètres", page.text[:200]
    assert page.has_field("currentPassword")
