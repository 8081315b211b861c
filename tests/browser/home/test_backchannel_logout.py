"""Keycloak ends the doctor's session elsewhere; the home open on another device follows.

Device A is chromium signed in to the home (MES SERVICES). Device B is another browser over
HTTP (tests/support/oidc.Browser), or an administrator. Keycloak ends A's session and posts a
back-channel logout token to the home (client monespace-home, backchannel.logout.url); A's next
page load is Keycloak's login page, not MES SERVICES from the home's own cookie.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from keycloak import KeycloakAdmin
from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from monespace_home.settings import SETTINGS_ACTION
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, log_in
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.oidc import Browser

from .helpers import PASSWORD, active_doctor, expect_mes_services, signed_in

NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def end_sessions_as_administrator(admin: KeycloakAdmin, doctor: Doctor) -> None:
    """Admin REST API POST /users/{id}/logout: every session ends, each client is told.
    python-keycloak raises unless Keycloak answers 204."""
    admin.user_logout(doctor.id)


def change_password_in_parametres(other_device: Browser, doctor: Doctor) -> None:
    """Device B signs in and saves a new password in Paramètres (SPEC §5): Keycloak ends every
    other session of the doctor (account/Sessions.endOthers)."""
    assert doctor.login_email
    other_device.login_tokens(doctor.login_email, PASSWORD)
    page = other_device.get(other_device.authorize_url(kc_action=SETTINGS_ACTION))
    assert page.heading == "Paramètres", page.text
    other_device.submit(
        {
            "currentPassword": PASSWORD,
            "email": doctor.login_email,
            "newPassword": NEW_PASSWORD,
            "newPasswordConfirm": NEW_PASSWORD,
        }
    )
    status = parse_qs(urlparse(other_device.app_redirect()).query).get("kc_action_status")
    assert status == ["success"], other_device.app_redirect()


def test_admin_logout_ends_the_home_on_the_other_device(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = active_doctor(doctors)
    signed_in(page, axe, home, doctor)

    end_sessions_as_administrator(admin, doctor)

    page.reload()
    expect_login_page(page, home)
    axe("login-after-admin-logout")


def test_password_change_elsewhere_ends_the_home_here(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, browser: Browser
) -> None:
    doctor = active_doctor(doctors)
    signed_in(page, axe, home, doctor)

    change_password_in_parametres(browser, doctor)

    page.reload()
    expect_login_page(page, home)
    axe("login-after-password-change")
    # Not locked out: the new password signs this device in again, whatever the home recorded.
    assert doctor.login_email
    log_in(page, doctor.login_email, NEW_PASSWORD)
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services-again")


def test_logging_out_of_a_page_left_open_after_the_session_ended(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    """MES SERVICES still on screen, its session ended elsewhere: "Se déconnecter" says so at once
    (no Keycloak confirmation page for a session that no longer exists)."""
    doctor = active_doctor(doctors)
    signed_in(page, axe, home, doctor)

    end_sessions_as_administrator(admin, doctor)

    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(re.escape(f"{home.url}/logged-out")))
    expect(page.locator("h1")).to_have_text("Vous êtes déconnecté")
    axe("logged-out")
    assert not [url for url in requested if url.startswith(home.settings.issuer)], requested
    page.goto(home.url)
    expect_login_page(page, home)
    axe.repeat()
