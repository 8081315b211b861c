"""Drive "Paramètres" (SPEC 5) over HTTP, as the home opens it and its form posts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.support.doctors import Doctor
from tests.support.oidc import Browser
from tests.support.pages import Page


def open_settings(browser: Browser, doctor: Doctor) -> Page:
    """Signed in on the home, the doctor clicks "Paramètres" (an application-initiated action)."""
    assert doctor.login_email and doctor.password, "an espace: login e-mail and password"
    browser.login_tokens(doctor.login_email, doctor.password)
    page = browser.get(browser.authorize_url(kc_action="monespace-settings"))
    assert page.heading == "Paramètres", page.text
    assert "INFORMATIONS CONNEXION" in page.text
    return page


def save(browser: Browser, current: str, email: str, new: str = "", confirm: str | None = None) -> Page:
    return browser.submit(
        {
            "currentPassword": current,
            "email": email,
            "newPassword": new,
            "newPasswordConfirm": new if confirm is None else confirm,
        }
    )


def status_of(browser: Browser) -> str:
    """The home's `kc_action_status` after the action: success, cancelled…"""
    return parse_qs(urlparse(browser.app_redirect()).query).get("kc_action_status", [""])[0]
