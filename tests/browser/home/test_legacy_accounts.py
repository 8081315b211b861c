"""Issue 13 in chromium: a doctor whose espace came from the old portal signs in at the MonEspace
home with the portal's e-mail and password; a weak portal password leads to MonEspace's own
renewal screen. axe-core and a screenshot on every page."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

import pytest
from keycloak import KeycloakAdmin
from playwright.sync_api import Page, expect

from legacy_import.apply import ImportSettings, import_files
from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, log_in
from tests.conftest import MAIN_REALM
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.drupal import PortalUser, php_hash, write_drupal7_csv, write_drupal8_csv

from .helpers import expect_mes_services

PORTAL_PASSWORD = "Portail-Cabinet-2019!"


def imported(
    admin: KeycloakAdmin, doctors: DoctorFactory, tmp_path: Path, layout: str, hash_: str
) -> tuple[Doctor, str]:
    """A doctor of the main realm, and the portal e-mail their account was imported with."""
    doctor = doctors.create(first_name="Camille", last_name="Martin")
    email = f"portail.{secrets.token_hex(4)}@cabinet.fr"
    write = write_drupal7_csv if layout == "drupal7" else write_drupal8_csv
    export = write(tmp_path / layout, [PortalUser(42, "cmartin", email, hash_, doctor.rpps)])
    result = import_files(admin, export, settings=ImportSettings(realm=MAIN_REALM, max_change_share=1.0))
    assert result.applied == {"imported": 1}
    return doctor, email


def password_algorithm(admin: KeycloakAdmin, doctor: Doctor) -> str:
    credentials = admin.get_credentials(doctor.id)
    return str(json.loads(next(c for c in credentials if c["type"] == "password")["credentialData"])["algorithm"])


def wait_for_argon2(admin: KeycloakAdmin, doctor: Doctor) -> None:
    deadline = time.monotonic() + 10
    while password_algorithm(admin, doctor) != "argon2":
        assert time.monotonic() < deadline, "the portal hash was not replaced"
        time.sleep(0.2)


@pytest.mark.parametrize(("layout", "scheme", "strength"), [("drupal7", "S", 15), ("drupal8", "2y", 10)])
def test_a_doctor_imported_from_the_portal_signs_in_at_the_home_with_the_old_email_and_password(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin, tmp_path: Path,
    layout: str, scheme: str, strength: int,
) -> None:  # fmt: skip
    doctor, email = imported(admin, doctors, tmp_path, layout, php_hash(scheme, strength, PORTAL_PASSWORD))
    assert password_algorithm(admin, doctor) != "argon2"
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    log_in(page, email, PORTAL_PASSWORD)
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services")
    wait_for_argon2(admin, doctor)


def test_a_weak_portal_password_leads_to_the_renewal_screen_then_to_the_home(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin, tmp_path: Path
) -> None:
    weak = "camille1990"
    doctor, email = imported(admin, doctors, tmp_path, "drupal7", php_hash("S", 15, weak))
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    log_in(page, email, weak)

    expect(page.locator("h1")).to_have_text("Renouvelez votre mot de passe")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    expect(page.locator("#me-renewal-intro")).to_contain_text("ne respecte plus les règles de sécurité")
    expect(page.locator("#me-login-email")).to_have_value(email)
    axe("renewal")
    new_password = page.get_by_label("Nouveau mot de passe", exact=True)
    strength = page.locator("#password-new-strength")
    new_password.fill("abc")
    expect(strength).to_contain_text("Sécurité du mot de passe : Faible")
    # The keyboard alone: type, tab past the show/hide button to the confirmation, type, Enter.
    new_password.fill("")
    new_password.press_sequentially("camille19901990")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Afficher le mot de passe").first).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Confirmer votre nouveau mot de passe")).to_be_focused()
    page.keyboard.type("camille19901990")
    page.keyboard.press("Enter")
    expect(page.locator("#password-new-error")).to_be_visible()
    expect(page.locator("#password-new")).to_be_focused()
    axe("renewal-refused")

    page.get_by_label("Nouveau mot de passe", exact=True).fill("Nouveau-Cabinet-2027?")
    # The full estimator loads after the first keystrokes (lazily, a large bundle): give it time.
    expect(page.locator("#password-new-strength")).to_have_attribute("data-engine", "ready", timeout=30_000)
    expect(page.locator("#password-new-strength [data-me-strength-level]")).to_have_text("Fort")
    page.get_by_label("Confirmer votre nouveau mot de passe").fill("Nouveau-Cabinet-2027?")
    page.get_by_role("button", name="Enregistrer").click()
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services")
    assert admin.get_user(doctor.id)["requiredActions"] == []
    assert password_algorithm(admin, doctor) == "argon2"
