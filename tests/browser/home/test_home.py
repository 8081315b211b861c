"""MES SERVICES (SPEC §6) in chromium, signing in through the real Keycloak login page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from monespace_home.settings import SETTINGS_ACTION
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, focused_description
from tests.conftest import HOME_SERVICES
from tests.support.doctors import DoctorFactory

from .helpers import active_doctor, signed_in


def test_unauthenticated_home_asks_for_login(page: Page, axe: Axe, home: HomeServer) -> None:
    response = page.goto(home.url)
    assert response is not None and response.ok
    expect_login_page(page, home)
    # The authorization request the home made: our public client, PKCE S256, French.
    assert re.search(r"[?&]client_id=monespace-home(&|$)", page.url)
    assert "code_challenge_method=S256" in page.url and "ui_locales=fr" in page.url
    axe("login")


def test_login_lands_on_mes_services(page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory) -> None:
    doctor = active_doctor(doctors)
    signed_in(page, axe, home, doctor)
    assert page.title() == "Mes services – MonEspace – Ordre des médecins"
    assert page.get_attribute("html", "lang") == "fr"
    hrefs = [
        page.get_by_role("link", name=name, exact=True).get_attribute("href")
        for name in ("Abonnements", "Cotisations", "Mes Gardes")
    ]
    assert hrefs == [
        HOME_SERVICES["abonnements_url"],
        HOME_SERVICES["cotisations_url"],
        HOME_SERVICES["gardes_url"],
    ]
    expect(page.get_by_role("navigation", name="Mes services")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 740})
    axe("mes-services-mobile")


def test_tiles_by_keyboard_only(page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory) -> None:
    signed_in(page, axe, home, active_doctor(doctors))

    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(focused_description(page))
    assert order == [
        "a:Aller au contenu",
        "#me-logout",
        "#me-tile-abonnements",
        "#me-tile-cotisations",
        "#me-tile-gardes",
        "#me-tile-parametres",
    ], order
    # Each tile shows where the keyboard is (WCAG 2.4.7).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    axe("focus-on-parametres")

    # Back to the skip link, which takes the keyboard past the header.
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
    assert focused_description(page) == "a:Aller au contenu"
    page.keyboard.press("Enter")
    assert focused_description(page) == "#me-main"
    page.keyboard.press("Tab")
    assert focused_description(page) == "#me-tile-abonnements"


def test_parametres_asks_keycloak_for_the_settings_action(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory
) -> None:
    signed_in(page, axe, home, active_doctor(doctors))
    with page.expect_request(lambda r: "kc_action=" in r.url) as asked:
        page.get_by_role("link", name="Paramètres").click()
    assert f"kc_action={SETTINGS_ACTION}" in asked.value.url
    assert "code_challenge_method=S256" in asked.value.url
    page.wait_for_load_state()
    # Keycloak either shows the action's screen (once monespace-settings is deployed) or, while
    # it is not, sends the doctor back with kc_action_status=error: the home says so.
    heading = page.locator("h1").inner_text()
    if heading == "Paramètres":
        axe("parametres")
        return
    expect(page.locator("#me-notice")).to_contain_text("Vos paramètres n'ont pas pu être modifiés.")
    expect(page.locator("#me-notice")).to_have_attribute("role", "alert")
    axe("parametres-refused")


def test_logout_then_home_asks_for_login_again(page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory) -> None:
    signed_in(page, axe, home, active_doctor(doctors))
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(re.escape(f"{home.url}/logged-out")))
    expect(page.locator("h1")).to_have_text("Vous êtes déconnecté")
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté de MonEspace.")
    axe("logged-out")

    # Keycloak's session ended too (no confirmation asked: the ID token hint was sent).
    page.goto(home.url)
    expect_login_page(page, home)
    axe.repeat()
    page.go_back()
    expect(page.locator("h1")).to_have_text("Vous êtes déconnecté")
    axe.repeat()
    page.get_by_role("link", name="Se connecter").click()
    expect_login_page(page, home)
    axe.repeat()


def test_error_callback_is_a_french_page_with_a_way_back(page: Page, axe: Axe, home: HomeServer) -> None:
    page.goto(f"{home.url}/auth/callback?error=access_denied&state=inconnu")
    expect(page.locator("h1")).to_have_text("Connexion impossible")
    expect(page.get_by_role("alert")).to_contain_text("La connexion à votre espace n'a pas pu aboutir.")
    assert page.title().startswith("Erreur : ")
    axe("login-failed")
    page.get_by_role("link", name="Se reconnecter").click()
    expect_login_page(page, home)
    axe("login")
