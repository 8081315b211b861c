"""Every macro of monespace.ftl rendered by Keycloak (showcase test theme, tests/browser/theme/
showcase-theme, whose login.ftl replaces the login page of the `monespace-showcase` realm)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.support.harness import Harness
from tests.support.oidc import Browser


@pytest.fixture
def showcase(page: Page, axe: Axe, harness: Harness, showcase_realm: str, home: HomeServer) -> Page:
    page.goto(Browser(harness.keycloak_url, showcase_realm, home.settings.redirect_uri).authorize_url())
    expect(page.locator("h1")).to_have_text("Créer votre espace")
    axe("showcase")
    return page


def describedby_ids(page: Page, selector: str) -> list[str]:
    return (page.get_attribute(selector, "aria-describedby") or "").split()


def test_macros_render_accessibly(showcase: Page) -> None:
    """(The `showcase` fixture ran axe-core on the page.)"""
    page = showcase
    main = page.locator("main")
    expect(page.locator(".me-required-note")).to_have_text("Les champs suivis d'un astérisque (*) sont obligatoires.")

    # messageBox + richText: roles, links inside the Ordre's sentences, bold markers.
    expect(page.locator("#demo-error")).to_have_attribute("role", "alert")
    expect(page.locator("#demo-info")).to_have_attribute("role", "status")
    expect(page.locator("#demo-info")).to_contain_text(
        "Un compte est déjà associé à ce numéro RPPS, en cas d'oubli de mot de passe, demandez une "
        "récupération de mot de passe."
    )
    expect(page.locator("#demo-info a")).to_have_text("récupération de mot de passe")
    expect(page.locator("#demo-text strong")).to_have_text(["création de votre compte", "un code", "vous authentifier"])
    expect(page.locator("#demo-italic em")).to_have_text(["Adresse de courriel", "Mot de passe"])
    expect(page.locator("#demo-success")).not_to_have_attribute("role", re.compile(".+"))

    # textField: label, visible " *" hidden from screen readers, hint wired, help link.
    birth = page.get_by_label("Date de naissance")
    expect(birth).to_have_attribute("required", "")
    expect(page.locator("label[for=birthDate]")).to_have_text("Date de naissance *")
    expect(page.locator("label[for=birthDate] .me-required")).to_have_attribute("aria-hidden", "true")
    assert describedby_ids(page, "#birthDate") == ["birthDate-hint"]
    expect(page.locator("#birthDate-hint")).to_have_text("Format : 17/06/2021")
    expect(page.get_by_role("link", name="Où trouver mon RPPS ?")).to_be_visible()

    # checkbox with links in its label (an empty URL leaves plain text).
    expect(page.locator("label[for=acceptTerms]")).to_have_text(
        "J'ai lu et j'accepte les Conditions générales d'utilisation et la Politique de confidentialité."
    )
    expect(page.locator("label[for=acceptTerms] a")).to_have_count(1)

    # radioGroup: fieldset/legend, masked values as labels, a single option is pre-checked.
    group = page.get_by_role("group", name="Moyen de transmission du code").first
    expect(group.get_by_label("Par SMS au +3378***22")).to_be_visible()
    expect(page.locator("#single-0")).to_be_checked()

    # Password with strength indicator, and buttons.
    assert "password-strength-text" in describedby_ids(page, "#password")
    expect(page.locator("#password-strength")).to_be_visible()
    expect(page.locator("#demo-resend")).to_have_attribute("formnovalidate", "")
    expect(main.get_by_role("button", name="Retour")).to_have_attribute("value", "back")


def test_enter_submits_with_the_primary_button(showcase: Page, axe: Axe) -> None:
    page = showcase
    page.locator("#rpps").fill("10003456789")
    with page.expect_request(lambda r: r.method == "POST") as posted:
        page.locator("#rpps").press("Enter")
    body = posted.value.post_data or ""
    assert "login=" in body and "action=resend" not in body and "action=back" not in body
    expect(page.locator("#birthDate-error")).to_be_visible()
    axe("submitted")


def test_errors_are_tied_to_their_fields_and_input_is_escaped(showcase: Page, axe: Axe) -> None:
    page = showcase
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>@x.fr'
    page.locator("#username").fill(hostile)
    page.locator("#demo-submit").click()

    expect(page.locator("#birthDate-error")).to_contain_text("Veuillez saisir une date de naissance valide")
    assert describedby_ids(page, "#birthDate") == ["birthDate-hint", "birthDate-error"]
    expect(page.locator("#birthDate")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#acceptTerms")).to_have_attribute("aria-describedby", "acceptTerms-error")
    expect(page.locator("#channel-0")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#username-error")).to_contain_text("E-mail ou mot de passe incorrect.")
    assert page.title().startswith("Erreur : ")
    # The value typed comes back as text, never as markup.
    expect(page.locator("#username")).to_have_value(hostile)
    # (the only script in <main> is the strength bundle the password macro loads)
    assert page.locator("main script:not([src])").count() == 0 and page.locator("main img").count() == 0
    assert dialogs == []
    # monespace.js moved the keyboard to the first field in error.
    assert page.evaluate("document.activeElement.id") == "birthDate"
    axe("errors")
