"""SPEC §2 end to end in chromium, both channels: from the home's login page through every
creation screen to MES SERVICES after "Retour à la connexion". Codes are read from the sink;
axe-core checks and a screenshot on each screen (test-artifacts/screenshots/)."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from message_sink import MessageSink
from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, log_in
from tests.support.doctors import DoctorFactory
from tests.support.messages import code_in, last_mail, last_sms

from .helpers import PASSWORD, expect_mes_services, fill_identity


@pytest.mark.parametrize("channel", ["sms", "email"])
def test_creation_journey_ends_on_mes_services(
    channel: str, page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create(first_name="Lucie", last_name="Bernard")
    assert doctor.mobile and doctor.email

    # 1. The home sends the doctor to Keycloak's login page, which leads to the creation.
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    page.get_by_role("link", name="Créer votre espace", exact=True).click()

    # 2.1 Identity.
    expect(page.locator("h1")).to_have_text("Créer votre espace")
    axe("identity")
    fill_identity(page, doctor)

    # 2.2 Channel: both contact details offered, masked.
    expect(page.locator("h1")).to_have_text("Sécuriser la création de votre espace")
    masked_mobile = doctor.mobile[:5] + "***" + doctor.mobile[-2:]
    expect(page.get_by_label(f"Par SMS au {masked_mobile}")).to_be_visible()
    expect(page.get_by_label("Par e-mail à", exact=False)).to_be_visible()
    assert doctor.mobile not in page.content() and doctor.email not in page.content()
    axe("channel")
    if channel == "sms":
        page.get_by_label(f"Par SMS au {masked_mobile}").check()
    else:
        page.get_by_label("Par e-mail à", exact=False).check()
    page.get_by_role("button", name="Recevoir votre code").click()

    # 2.3 Code, read from the phone or the inbox.
    expect(page.locator("h1")).to_have_text("Veuillez saisir le code reçu")
    axe("code")
    if channel == "sms":
        code = code_in(last_sms(sink, doctor.mobile).text)
    else:
        code = code_in(last_mail(sink, doctor.email).text)
    page.get_by_label("Saisir le code").fill(code)
    page.get_by_role("button", name="Valider").click()

    # 2.4a / 2.4b Login credentials.
    # Required fields' labels end with " *" (hidden from screen readers, not from get_by_label).
    password = page.get_by_label(re.compile(r"^Mot de passe( \*)?$"))
    if channel == "sms":
        expect(page.locator("h1")).to_have_text("Finaliser la création de votre espace")
        login_email = f"dr.{secrets.token_hex(4)}@cabinet.fr"
        page.get_by_label(re.compile(r"^E-mail( \*)?$")).fill(login_email)
        page.get_by_label(re.compile(r"^Confirmation Email")).fill(login_email)
        submit = "Activer"
    else:
        expect(page.locator("h1")).to_have_text("Créer mon compte")
        login_email = doctor.email
        fixed = page.get_by_label("Adresse e-mail de connexion")
        expect(fixed).to_have_value(doctor.email)
        expect(fixed).to_have_attribute("readonly", "")
        submit = "Créer"
    axe("credentials")
    password.fill(PASSWORD)
    page.get_by_label(re.compile(r"^Confirmation du mot de passe")).fill(PASSWORD)
    expect(page.locator("[data-me-strength-level]")).to_have_text("Fort")
    axe("credentials-filled")
    page.get_by_role("button", name=submit, exact=True).click()

    # 2.5 Success, then "Retour à la connexion" hands over to the home, signed in.
    expect(page.locator("h1")).to_have_text("Votre espace est activé")
    expect(page.locator("main")).to_contain_text(
        "Votre espace personnel a été créé et activé. Un email de confirmation vous a été envoyé"
    )
    axe("done")
    assert last_mail(sink, login_email).subject, "confirmation e-mail to the login e-mail"
    page.get_by_role("button", name="Retour à la connexion").click()
    expect_mes_services(page, home, "Lucie Bernard", doctor.rpps)
    axe("mes-services")

    # The new espace signs in with its login e-mail after a logout.
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator("h1")).to_have_text("Vous êtes déconnecté")
    axe("logged-out")
    page.get_by_role("link", name="Se connecter").click()
    expect_login_page(page, home)
    axe.repeat()
    log_in(page, login_email, PASSWORD)
    expect_mes_services(page, home, "Lucie Bernard", doctor.rpps)
    axe.repeat()
