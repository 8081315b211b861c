"""MonEspace login theme in the harness Keycloak (SPEC §1, generic pages, accessibility)."""

from __future__ import annotations

import re
import secrets

from keycloak import KeycloakAdmin
from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import focused_description, log_in, open_login
from tests.conftest import MAIN_REALM
from tests.support.doctors import DoctorFactory

GENERIC_CREDENTIALS_ERROR = (
    "E-mail ou mot de passe incorrect. Après plusieurs essais infructueux, la connexion est bloquée "
    "pendant quelques minutes."
)


def submit_wrong_credentials(page: Page, email: str, password: str = "Pas-le-bon-1!") -> str:
    log_in(page, email, password)
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    return alert.inner_text()


def test_login_page_in_french_with_the_ordre_strings(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)

    assert page.get_attribute("html", "lang") == "fr"
    assert page.title().startswith("Connectez-vous à votre espace")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")

    # Labels are tied to their inputs (get_by_label resolves through <label for>).
    email = page.get_by_label("E-mail")
    expect(email).to_have_attribute("id", "username")
    expect(email).to_have_attribute("type", "email")
    expect(email).to_have_attribute("autocomplete", "username")
    password = page.get_by_label("Mot de passe", exact=True)
    expect(password).to_have_attribute("type", "password")
    expect(password).to_have_attribute("autocomplete", "current-password")
    assert page.locator("input[name=username]").count() == 1, "one identifier field only: the e-mail"

    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    register = page.get_by_role("link", name="Créer votre espace", exact=True)
    expect(register).to_have_attribute("href", re.compile(r"/login-actions/registration"))
    reset = page.get_by_role("link", name="Identifiants oubliés ?", exact=True)
    expect(reset).to_have_attribute("href", re.compile(r"/login-actions/reset-credentials"))

    # No PatternFly / keycloak.v2 stylesheet: only ours.
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.getAttribute('href'))")
    assert len(sheets) == 1 and sheets[0].endswith("/login/monespace/css/monespace.css"), sheets

    axe("login")
    page.set_viewport_size({"width": 375, "height": 740})
    axe("login-mobile")


def test_password_toggle_is_an_accessible_button(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)
    password = page.get_by_label("Mot de passe", exact=True)
    password.fill("secret")
    toggle = page.get_by_role("button", name="Afficher le mot de passe")
    toggle.click()
    expect(password).to_have_attribute("type", "text")
    expect(page.get_by_role("button", name="Masquer le mot de passe")).to_be_visible()
    expect(page.locator("#me-live")).to_have_text("Votre mot de passe est affiché.")
    axe("password-shown")
    page.get_by_role("button", name="Masquer le mot de passe").click()
    expect(password).to_have_attribute("type", "password")


def test_keyboard_only_login(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)
    axe("login")

    # Tab order from the top of the page: skip link, language links, then the form in reading order.
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(focused_description(page))
    assert order[0] == "a:Aller au contenu"
    form_part = [o for o in order if o.startswith("#") or o.startswith("button:")]
    expected = [
        "#username",
        "#password",
        "button:Afficher le mot de passe",
        "#kc-login",
        "#me-register-link",
        "#me-reset-link",
    ]
    assert form_part[: len(expected)] == expected, order
    assert all(not o.startswith("input") for o in order), "every field is reached through its id"

    # The skip link moves the keyboard to the main content.
    page.reload()
    axe.repeat()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_description(page) == "#me-main"

    # Type and submit with the keyboard only: Tab to the fields, Enter submits.
    page.keyboard.press("Tab")
    while focused_description(page) != "#username":
        page.keyboard.press("Tab")
    page.keyboard.type("inconnu.clavier@exemple.fr")
    page.keyboard.press("Tab")
    assert focused_description(page) == "#password"
    page.keyboard.type("Mauvais-mot-de-passe-1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("E-mail ou mot de passe incorrect.")
    axe("wrong-credentials")


def test_wrong_credentials_message_is_generic_visible_and_announced(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)
    axe("login")
    text = submit_wrong_credentials(page, f"personne-{secrets.token_hex(4)}@exemple.fr")

    assert text.strip().endswith(GENERIC_CREDENTIALS_ERROR)
    # Announced: role=alert, French "Erreur :" prefix for screen readers, error in <title>.
    alert = page.get_by_role("alert")
    expect(alert).to_have_attribute("id", "me-login-error")
    expect(alert.locator(".me-sr-only")).to_have_text("Erreur :")
    assert page.title().startswith("Erreur : Connectez-vous à votre espace")
    # Both fields point at the message and are flagged invalid; the e-mail typed is kept.
    for field in ("#username", "#password"):
        expect(page.locator(field)).to_have_attribute("aria-invalid", "true")
        expect(page.locator(field)).to_have_attribute("aria-describedby", re.compile(r"\bme-login-error\b"))
    expect(page.locator("#username")).to_have_value(re.compile(r"^personne-.*@exemple\.fr$"))
    # monespace.js puts the keyboard on the first field in error.
    assert focused_description(page) == "#username"
    axe("wrong-credentials")


def test_same_message_for_unknown_account_wrong_password_and_lockout(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    """No enumeration: unknown e-mail, known e-mail + wrong password, locked account read the same."""
    email = f"verrou-{secrets.token_hex(4)}@exemple.fr"
    password = "Correct-Horse-9!"
    doctors.create(login_email=email, password=password)
    open_login(page, home)
    axe("login")
    unknown = submit_wrong_credentials(page, f"inconnu-{secrets.token_hex(4)}@exemple.fr")
    axe("unknown-account")
    wrong = submit_wrong_credentials(page, email)
    axe.repeat()
    assert unknown == wrong

    settings = admin.get_realm(MAIN_REALM)
    assert settings.get("bruteForceProtected"), "realm/realm.yaml turns brute-force protection on"
    # Reach the lockout, then use the right password: still the very same text.
    for _ in range(int(settings.get("failureFactor", 30))):
        submit_wrong_credentials(page, email)
        axe.repeat()
    locked = submit_wrong_credentials(page, email, password)
    axe("locked")
    assert locked == unknown


def test_language_switch_to_english(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)
    axe("french")
    english = page.get_by_role("link", name="English")
    expect(english).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Français")).to_have_attribute("aria-current", "true")
    english.click()
    expect(page.locator("h1")).to_have_text("Sign in to your space")
    assert page.get_attribute("html", "lang") == "en"
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    axe("english")
    page.get_by_role("link", name="Français").click()
    expect(page.locator("h1")).to_have_text("Connectez-vous à votre espace")
    axe.repeat()


def test_reset_password_page_and_neutral_confirmation(page: Page, axe: Axe, home: HomeServer) -> None:
    open_login(page, home)
    axe("login")
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.locator("h1")).to_have_text("Réinitialiser votre mot de passe")
    expect(page.locator("main")).to_contain_text(
        "Pour réinitialiser votre mot de passe, veuillez saisir votre adresse email de connexion."
    )
    expect(page.get_by_label("E-mail")).to_have_attribute("type", "email")
    expect(page.get_by_role("link", name="Retour à la connexion")).to_be_visible()
    axe("reset-password")

    # Empty submission: the error sits next to the field, tied to it.
    page.get_by_role("button", name="Valider").click()
    field = page.get_by_label("E-mail")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#username-error")).to_contain_text("Veuillez saisir votre adresse e-mail.")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\busername-error\b"))
    axe("reset-password-empty")

    # Unknown address: the neutral confirmation, like for any address.
    field.fill(f"inconnu-{secrets.token_hex(4)}@exemple.fr")
    page.get_by_role("button", name="Valider").click()
    status = page.get_by_role("status").filter(has_text="Si cette adresse correspond")
    expect(status).to_contain_text("vous allez recevoir un e-mail contenant un lien unique")
    axe("reset-password-sent")


def test_error_page_is_french_and_sober(page: Page, axe: Axe, home: HomeServer) -> None:
    keycloak = home.settings.issuer
    page.goto(f"{keycloak}/protocol/openid-connect/auth?client_id=inconnu-{secrets.token_hex(3)}&response_type=code")
    expect(page.locator("h1")).to_have_text("Une erreur est survenue")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    expect(page.get_by_role("alert")).to_be_visible()
    body = page.locator("body").inner_text()
    for leak in ("Exception", "at org.", "java.", "stack"):
        assert leak not in body
    assert page.title().startswith("Erreur : ")
    axe("error")


def test_page_expired_offers_both_ways_on(page: Page, axe: Axe, home: HomeServer) -> None:
    """Replaying a step (Back button) shows login-page-expired, in French, with resume / restart."""
    open_login(page, home)
    axe("login")
    login_action = page.get_attribute("#kc-form-login", "action")
    assert login_action
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.locator("h1")).to_have_text("Réinitialiser votre mot de passe")
    axe("reset-password")
    # The login form's action now belongs to a step the flow has left.
    page.goto(login_action)
    expect(page.locator("h1")).to_have_text("Cette page n'est plus valable")
    expect(page.get_by_role("link", name="Reprendre ma démarche")).to_be_visible()
    expect(page.get_by_role("link", name="Recommencer depuis le début")).to_be_visible()
    axe("page-expired")


def test_logout_confirmation_and_signed_out_page(page: Page, axe: Axe, home: HomeServer) -> None:
    """Keycloak's own logout pages, as met without the home's ID token hint."""
    page.goto(f"{home.settings.issuer}/protocol/openid-connect/logout")
    expect(page.locator("h1")).to_have_text("Déconnexion")
    expect(page.locator("main")).to_contain_text("Voulez-vous vous déconnecter de MonEspace ?")
    axe("logout-confirm")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté de MonEspace.")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    axe("signed-out")
