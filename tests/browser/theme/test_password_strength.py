"""The password strength indicator in a browser.

- On a static page holding the same markup as monespace.ftl's strength indicator and the
  bundle the harness built (themes/password-strength, `npm run build`, part of the
  distribution build).
- On Keycloak's login-update-password page, for a doctor who must choose a new password.
"""

from __future__ import annotations

import re
import secrets

import pytest
from keycloak import KeycloakAdmin
from playwright.sync_api import Page, expect

from message_sink import MessageSink
from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import open_login
from tests.conftest import MAIN_REALM
from tests.support.doctors import DoctorFactory
from tests.support.harness import Harness
from tests.support.messages import last_mail, link_in

from .helpers import THEME_JS, THEME_RESOURCES

ORIGIN = "http://theme.test"
# Compliant with the MonEspace policy but in the deny list (zxcvbn-ts common passwords):
# only the deny list refuses it, once capitalised.
DENY_LISTED_BUT_COMPLIANT = "P030710p$e4o"
WEAK = "abc"
MEDIUM = "Motdepasse1!"
STRONG = "Xk7#pL9!vQ2@mZ4$"

STATIC_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Indicateur – test</title>
<link rel="stylesheet" href="/css/monespace.css"></head>
<body class="me-body"><main class="me-main"><div class="me-card"><h1 class="me-title">Indicateur</h1>
<form class="me-form" novalidate>
  <div class="me-field"><label class="me-label" for="email">Email</label>
    <input class="me-input" id="email" name="email" type="email" autocomplete="username"></div>
  <div class="me-field"><label class="me-label" for="password">Mot de passe</label>
    <input class="me-input" id="password" name="password" type="password" autocomplete="new-password"
           aria-describedby="password-strength-text">
    <div class="me-strength" id="password-strength" data-me-strength data-for="password" hidden
         data-policy-length="12" data-policy-max-length="0" data-policy-digits="1"
         data-policy-special-chars="1"
         data-policy-lower-case="1" data-policy-upper-case="1" data-policy-not-username="true"
         data-policy-not-email="true" data-email-field="email" data-username="10003456789"
         data-label-weak="Faible" data-label-medium="Moyen" data-label-strong="Fort">
      <p class="me-strength__text" id="password-strength-text">
        <span data-me-strength-prefix>Sécurité du mot de passe :</span>
        <strong class="me-strength__level" data-me-strength-level>Faible</strong></p>
      <div class="me-strength__meter" aria-hidden="true"><span></span><span></span><span></span></div>
      <p class="me-sr-only" aria-live="polite" aria-atomic="true" data-me-strength-live></p>
    </div>
  </div>
</form></div></main>
<script type="module" src="/js/password-strength.js"></script>
</body></html>"""


@pytest.fixture
def strength_page(page: Page, harness: Harness) -> Page:
    # `harness` built the distribution, the strength bundle included.
    bundle = THEME_JS / "password-strength.js"
    engine = THEME_JS / "password-strength-engine.js"
    assert bundle.exists() and engine.exists(), "the harness builds themes/password-strength"
    css = THEME_RESOURCES / "css" / "monespace.css"
    files = {
        "/js/password-strength.js": (bundle, "text/javascript"),
        "/js/password-strength-engine.js": (engine, "text/javascript"),
        "/css/monespace.css": (css, "text/css"),
    }

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path in files:
            file, mime = files[path]
            route.fulfill(status=200, body=file.read_bytes(), content_type=mime)
        else:
            route.fulfill(status=200, body=STATIC_PAGE, content_type="text/html; charset=utf-8")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/")
    return page


def level_after_typing(page: Page, password: str, selector: str = "#password") -> str:
    field = page.locator(selector)
    field.fill("")
    field.focus()
    field.fill(password)
    box = page.locator("[data-me-strength]")
    expect(box).to_have_attribute("data-engine", "ready")
    # The widget re-renders 120 ms after the last input.
    page.wait_for_timeout(300)
    return page.locator("[data-me-strength-level]").inner_text()


def test_indicator_levels_on_a_static_page(strength_page: Page, axe: Axe) -> None:
    page = strength_page
    box = page.locator("[data-me-strength]")
    expect(box).to_be_visible()
    expect(page.locator("#password-strength-text")).to_have_text(
        re.compile(r"^\s*Sécurité du mot de passe :\s+Faible\s*$")
    )

    assert level_after_typing(page, WEAK) == "Faible"
    assert level_after_typing(page, MEDIUM) == "Moyen"
    assert level_after_typing(page, STRONG) == "Fort"
    expect(box).to_have_attribute("data-level", "strong")
    axe("fort")
    # Deny-listed: refused by the server, so never above Faible.
    assert level_after_typing(page, DENY_LISTED_BUT_COMPLIANT) == "Faible"
    assert level_after_typing(page, DENY_LISTED_BUT_COMPLIANT.upper().replace("P$E4O", "p$e4o")) == "Faible"
    # Same as the e-mail typed in the other field (case-insensitive): refused, Faible.
    page.locator("#email").fill("Jean.Dupont-2024@cn.medecin.fr")
    assert level_after_typing(page, "jean.dupont-2024@CN.medecin.fr") == "Faible"
    assert level_after_typing(page, STRONG) == "Fort"


def test_indicator_announces_once_after_typing_pauses(strength_page: Page, axe: Axe) -> None:
    page = strength_page
    axe("empty")
    page.evaluate(
        """() => {
            window.announcements = [];
            const live = document.querySelector('[data-me-strength-live]');
            new MutationObserver(() => window.announcements.push(live.textContent))
                .observe(live, {childList: true, characterData: true, subtree: true});
        }"""
    )
    field = page.locator("#password")
    field.focus()
    expect(page.locator("[data-me-strength]")).to_have_attribute("data-engine", "ready")
    field.press_sequentially(STRONG, delay=60)  # faster than the 1 s announcement delay
    expect(page.locator("[data-me-strength-level]")).to_have_text("Fort")
    page.wait_for_timeout(1500)
    announcements = page.evaluate("window.announcements")
    assert announcements == ["Sécurité du mot de passe : Fort"], announcements
    # Typing more without changing the level says nothing new.
    field.press_sequentially("Zz9!", delay=60)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.announcements") == announcements


def test_indicator_on_the_update_password_page(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, admin: KeycloakAdmin, sink: MessageSink
) -> None:
    """login-update-password.ftl (the reset link's page, SPEC 4.2): policy from the realm, live
    levels, server refusal next to the field."""
    email = f"maj-{secrets.token_hex(4)}@exemple.fr"
    doctors.create(login_email=email, password="Initial-Passw0rd!")

    open_login(page, home)
    axe("login")
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    axe("reset-request")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("main")).to_contain_text("vous allez recevoir un e-mail contenant un lien unique")
    axe("reset-sent")
    page.goto(link_in(last_mail(sink, email).text))

    expect(page.locator("h1")).to_have_text("Paramètres")
    expect(page.get_by_role("heading", level=2)).to_have_text("INFORMATIONS CONNEXION")
    new_password = page.get_by_label("Nouveau mot de passe", exact=True)
    expect(page.get_by_label("Confirmer votre nouveau mot de passe")).to_have_attribute("type", "password")
    expect(new_password).to_have_attribute("aria-describedby", re.compile(r"\bpassword-new-strength-text\b"))

    policy = admin.get_realm(MAIN_REALM).get("passwordPolicy", "")
    box = page.locator("[data-me-strength]")
    length = re.search(r"\blength\((\d+)\)", policy)
    assert length, policy
    expect(box).to_have_attribute("data-policy-length", length.group(1))
    expect(box).to_have_attribute("data-policy-not-email", "true" if "notEmail" in policy else "false")

    assert level_after_typing(page, WEAK, "#password-new") == "Faible"
    assert level_after_typing(page, STRONG, "#password-new") == "Fort"
    axe("update-password")

    assert "passwordBlacklist" in policy, "realm/realm.yaml: the deny list is part of the policy"
    assert level_after_typing(page, DENY_LISTED_BUT_COMPLIANT, "#password-new") == "Faible"
    page.get_by_label("Confirmer votre nouveau mot de passe").fill(DENY_LISTED_BUT_COMPLIANT)
    page.get_by_role("button", name="Enregistrer").click()
    error = page.locator("#password-new-error")
    expect(error).to_contain_text("Ce mot de passe est trop courant.")
    expect(page.get_by_label("Nouveau mot de passe", exact=True)).to_have_attribute("aria-invalid", "true")
    assert page.title().startswith("Erreur : ")
    axe("update-password-refused")

    page.get_by_label("Nouveau mot de passe", exact=True).fill(STRONG)
    page.get_by_label("Confirmer votre nouveau mot de passe").fill(STRONG)
    page.get_by_role("button", name="Enregistrer").click()
    # Saved: the doctor reaches the MonEspace home (SPEC 4.2).
    expect(page.locator("h1")).to_have_text("Mes services")
    axe("home")
