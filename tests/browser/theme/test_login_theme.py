"""MonEspace login theme on a running Keycloak (SPEC §1, generic pages, accessibility).

Skipped unless MONESPACE_TEST_KEYCLOAK_URL is set (see conftest.py).
"""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Page, expect

from .helpers import ThemeTarget, assert_no_serious_axe_violations, screenshot

GENERIC_CREDENTIALS_ERROR = (
    "E-mail ou mot de passe incorrect. Après plusieurs essais infructueux, la connexion est bloquée "
    "pendant quelques minutes."
)


def open_login(page: Page, target: ThemeTarget) -> None:
    page.goto(target.login_url())
    expect(page.locator("h1")).to_have_text("Connectez-vous à votre espace")


def focused_description(page: Page) -> str:
    """A short, stable description of document.activeElement (id, else tag + text)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            const text = el.textContent.trim().replace(/\\s+/g, ' ');
            return el.id ? '#' + el.id : el.tagName.toLowerCase() + ':' + text;
        }"""
    )


def submit_wrong_credentials(page: Page, email: str, password: str = "Pas-le-bon-1!") -> str:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    return alert.inner_text()


def test_login_page_in_french_with_the_ordre_strings(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    open_login(page, theme_target)

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

    assert_no_serious_axe_violations(page, "login")
    screenshot(page, "login")
    page.set_viewport_size({"width": 375, "height": 740})
    assert_no_serious_axe_violations(page, "login mobile")
    screenshot(page, "login-mobile")


def test_password_toggle_is_an_accessible_button(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    open_login(page, theme_target)
    password = page.get_by_label("Mot de passe", exact=True)
    password.fill("secret")
    toggle = page.get_by_role("button", name="Afficher le mot de passe")
    toggle.click()
    expect(password).to_have_attribute("type", "text")
    expect(page.get_by_role("button", name="Masquer le mot de passe")).to_be_visible()
    expect(page.locator("#me-live")).to_have_text("Votre mot de passe est affiché.")
    page.get_by_role("button", name="Masquer le mot de passe").click()
    expect(password).to_have_attribute("type", "password")


def test_keyboard_only_login(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    open_login(page, theme_target)

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
    page.keyboard.press("Shift+Tab")
    page.goto(theme_target.login_url())
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


def test_wrong_credentials_message_is_generic_visible_and_announced(
    theme_page: Page, theme_target: ThemeTarget
) -> None:
    page = theme_page
    open_login(page, theme_target)
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

    assert_no_serious_axe_violations(page, "login wrong credentials")
    screenshot(page, "login-wrong-credentials")


def test_same_message_for_unknown_account_wrong_password_and_lockout(
    theme_page: Page, theme_admin_target: ThemeTarget
) -> None:
    """No enumeration: unknown e-mail, known e-mail + wrong password, locked account read the same."""
    target = theme_admin_target
    page = theme_page
    email = f"verrou-{secrets.token_hex(4)}@exemple.fr"
    password = "Correct-Horse-9!"
    user_id = target.create_user(email, password)
    try:
        open_login(page, target)
        unknown = submit_wrong_credentials(page, f"inconnu-{secrets.token_hex(4)}@exemple.fr")
        wrong = submit_wrong_credentials(page, email)
        assert unknown == wrong

        settings = target.realm_settings()
        if settings.get("bruteForceProtected"):
            # Reach the lockout, then use the right password: still the very same text.
            for _ in range(int(settings.get("failureFactor", 30))):
                submit_wrong_credentials(page, email)
            locked = submit_wrong_credentials(page, email, password)
            assert locked == unknown
    finally:
        target.delete_user(user_id)


def test_language_switch_to_english(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    open_login(page, theme_target)
    english = page.get_by_role("link", name="English")
    expect(english).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Français")).to_have_attribute("aria-current", "true")
    english.click()
    expect(page.locator("h1")).to_have_text("Sign in to your space")
    assert page.get_attribute("html", "lang") == "en"
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    page.get_by_role("link", name="Français").click()
    expect(page.locator("h1")).to_have_text("Connectez-vous à votre espace")


def test_reset_password_page_and_neutral_confirmation(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    open_login(page, theme_target)
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.locator("h1")).to_have_text("Réinitialiser votre mot de passe")
    expect(page.locator("main")).to_contain_text(
        "Pour réinitialiser votre mot de passe, veuillez saisir votre adresse email de connexion."
    )
    expect(page.get_by_label("E-mail")).to_have_attribute("type", "email")
    expect(page.get_by_role("link", name="Retour à la connexion")).to_be_visible()
    assert_no_serious_axe_violations(page, "reset password")
    screenshot(page, "reset-password")

    # Empty submission: the error sits next to the field, tied to it.
    page.get_by_role("button", name="Valider").click()
    field = page.get_by_label("E-mail")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#username-error")).to_contain_text("Veuillez saisir votre adresse e-mail.")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\busername-error\b"))
    assert_no_serious_axe_violations(page, "reset password empty")

    # Unknown address: the neutral confirmation, like for any address.
    field.fill(f"inconnu-{secrets.token_hex(4)}@exemple.fr")
    page.get_by_role("button", name="Valider").click()
    status = page.get_by_role("status").filter(has_text="Si cette adresse correspond")
    expect(status).to_contain_text("vous allez recevoir un e-mail contenant un lien unique")
    screenshot(page, "reset-password-sent")


def test_error_page_is_french_and_sober(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    page.goto(
        f"{theme_target.url}/realms/{theme_target.realm}/protocol/openid-connect/auth?client_id=inconnu-{secrets.token_hex(3)}&response_type=code"
    )
    expect(page.locator("h1")).to_have_text("Une erreur est survenue")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    expect(page.get_by_role("alert")).to_be_visible()
    body = page.locator("body").inner_text()
    for leak in ("Exception", "at org.", "java.", "stack"):
        assert leak not in body
    assert page.title().startswith("Erreur : ")
    assert_no_serious_axe_violations(page, "error")
    screenshot(page, "error")


def test_page_expired_offers_both_ways_on(theme_page: Page, theme_target: ThemeTarget) -> None:
    """Replaying a step (Back button) shows login-page-expired, in French, with resume / restart."""
    page = theme_page
    open_login(page, theme_target)
    login_action = page.get_attribute("#kc-form-login", "action")
    assert login_action
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.locator("h1")).to_have_text("Réinitialiser votre mot de passe")
    # The login form's action now belongs to a step the flow has left.
    page.goto(login_action)
    expect(page.locator("h1")).to_have_text("Cette page n'est plus valable")
    expect(page.get_by_role("link", name="Reprendre ma démarche")).to_be_visible()
    expect(page.get_by_role("link", name="Recommencer depuis le début")).to_be_visible()
    assert_no_serious_axe_violations(page, "page expired")
    screenshot(page, "page-expired")


def test_logout_confirmation_and_signed_out_page(theme_page: Page, theme_target: ThemeTarget) -> None:
    page = theme_page
    page.goto(f"{theme_target.url}/realms/{theme_target.realm}/protocol/openid-connect/logout")
    expect(page.locator("h1")).to_have_text("Déconnexion")
    expect(page.locator("main")).to_contain_text("Voulez-vous vous déconnecter de MonEspace ?")
    assert_no_serious_axe_violations(page, "logout confirm")
    screenshot(page, "logout-confirm")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté de MonEspace.")
    expect(page.locator("header")).to_contain_text("ORDRE DES MÉDECINS")
    assert_no_serious_axe_violations(page, "signed out")
    screenshot(page, "signed-out")
