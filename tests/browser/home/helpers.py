"""Signing in through the real Keycloak pages, and reading MES SERVICES, as a doctor does."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, log_in
from tests.support.doctors import Doctor, DoctorFactory

PASSWORD = "Cabinet-Medical-2026!"
TILES = ["Abonnements", "Cotisations", "Mes Gardes", "Paramètres"]


def expect_mes_services(page: Page, home: HomeServer, name: str, rpps: str) -> None:
    page.wait_for_url(f"{home.url}/")
    # "Mes services" in the markup, capitals by CSS: innerText shows what the doctor sees.
    expect(page.locator("h1")).to_have_text("MES SERVICES", use_inner_text=True)
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    expect(page.locator("#me-doctor-name")).to_have_text(name)
    expect(page.locator("#me-doctor-rpps")).to_have_text(rpps)
    expect(page.locator(".me-tiles a")).to_have_text(TILES)


def active_doctor(doctors: DoctorFactory) -> Doctor:
    return doctors.create(
        login_email=f"dr.{secrets.token_hex(4)}@cabinet.fr",
        password=PASSWORD,
        first_name="Camille",
        last_name="Martin",
    )


def fill_identity(page: Page, doctor: Doctor) -> None:
    """The identity step of a creation or a recovery: birth date, RPPS, CGU, Valider."""
    page.get_by_label("Date de naissance").fill(doctor.typed_birth_date)
    page.get_by_label("Numéro RPPS").fill(doctor.rpps)
    page.get_by_label("J'ai lu et j'accepte les Conditions générales d'utilisation").check()
    page.get_by_role("button", name="Valider").click()


def fill_credentials(page: Page, email: str, password: str) -> None:
    """The credentials step with a login e-mail to choose (recovery): both e-mails, both passwords, Activer.
    Required fields' labels end with " *" (hidden from screen readers, not from get_by_label)."""
    page.get_by_label(re.compile(r"^E-mail( \*)?$")).fill(email)
    page.get_by_label(re.compile(r"^Confirmation Email")).fill(email)
    page.get_by_label(re.compile(r"^Mot de passe( \*)?$")).fill(password)
    page.get_by_label(re.compile(r"^Confirmation du mot de passe")).fill(password)
    page.get_by_role("button", name="Activer").click()


def signed_in(page: Page, axe: Axe, home: HomeServer, doctor: Doctor) -> None:
    """From the home through Keycloak's login page (checked as step "login") to MES SERVICES
    (checked as step "mes-services")."""
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    assert doctor.login_email and doctor.password
    log_in(page, doctor.login_email, doctor.password)
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services")
