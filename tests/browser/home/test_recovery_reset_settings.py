"""SPEC §3, §4 and §5 in chromium, with axe-core and a screenshot on every screen: recovery of an
espace, password reset by e-mail link, and Paramètres, each ending on MES SERVICES."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Page, expect

from message_sink import MessageSink
from monespace_home import HomeServer
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, log_in
from tests.support.doctors import DoctorFactory
from tests.support.messages import code_in, last_mail, last_sms, link_in

from .helpers import PASSWORD, active_doctor, expect_mes_services, fill_credentials, fill_identity, signed_in

NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def test_recovery_journey_ends_on_mes_services(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = active_doctor(doctors)
    assert doctor.mobile and doctor.login_email
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.locator("h1")).to_have_text("Réinitialiser votre mot de passe")
    axe("reset-request")
    page.get_by_role("link", name="Je ne connais plus mon adresse email").click()

    expect(page.locator("h1")).to_have_text("Récupérer votre espace")
    expect(page.locator("main")).to_contain_text("Format : 21/06/2021")
    axe("identity")
    fill_identity(page, doctor)

    expect(page.locator("h1")).to_have_text("Sécuriser la récupération de votre espace")
    expect(page.get_by_role("radio")).to_have_count(1)
    axe("channel")
    page.get_by_role("button", name="Recevoir votre code").click()

    expect(page.locator("h1")).to_have_text("Vous devez saisir le code reçu")
    axe("code")
    page.get_by_label("Saisir le code").fill(code_in(last_sms(sink, doctor.mobile).text))
    page.get_by_role("button", name="Valider").click()

    expect(page.locator("h1")).to_have_text("Finaliser la récupération de votre espace")
    axe("credentials")
    # The current login e-mail is refused, with the way to the password reset.
    fill_credentials(page, doctor.login_email, NEW_PASSWORD)
    expect(page.locator("#email-error")).to_contain_text("Un compte est déjà associé à cette adresse mail")
    expect(page.get_by_role("link", name="réinitialisez votre mot de passe")).to_be_visible()
    axe("credentials-taken")

    new_email = f"nouveau.{secrets.token_hex(4)}@cabinet.fr"
    fill_credentials(page, new_email, NEW_PASSWORD)
    expect(page.locator("main")).to_contain_text("a été récupéré")
    axe("done")
    assert "adresse e-mail de connexion" in last_mail(sink, doctor.login_email).subject
    page.get_by_role("button", name="Retour à la connexion").click()
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services")


def test_password_reset_by_link_ends_on_mes_services(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = active_doctor(doctors)
    assert doctor.login_email
    page.goto(home.url)
    expect_login_page(page, home)
    axe("login")
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    axe("reset-request")
    page.get_by_label("E-mail").fill(doctor.login_email)
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("main")).to_contain_text("vous allez recevoir un e-mail contenant un lien unique")
    axe("reset-sent")

    page.goto(link_in(last_mail(sink, doctor.login_email).text))
    expect(page.locator("h1")).to_have_text("Paramètres")
    expect(page.locator("main")).to_contain_text("Vous venez d'utiliser votre lien de connexion unique.")
    expect(page.locator("main")).to_contain_text("INFORMATIONS CONNEXION")
    expect(page.locator("#me-login-email")).to_have_value(doctor.login_email)
    axe("new-password")
    page.get_by_label(re.compile(r"^Nouveau mot de passe")).fill(NEW_PASSWORD)
    expect(page.locator("main")).to_contain_text("Sécurité du mot de passe")
    page.get_by_label(re.compile(r"^Confirmer votre nouveau mot de passe")).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer").click()
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services")


def test_parametres_changes_the_login_email_with_the_current_password(
    page: Page, axe: Axe, home: HomeServer, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = active_doctor(doctors)
    signed_in(page, axe, home, doctor)
    page.get_by_role("link", name="Paramètres").click()
    expect(page.locator("h1")).to_have_text("Paramètres")
    axe("settings")
    new_email = f"param.{secrets.token_hex(4)}@cabinet.fr"
    email = page.get_by_label(re.compile(r"^Adresse de courriel"))
    email.fill(new_email)
    page.get_by_label("Mot de passe actuel").fill("pas-le-bon")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#currentPassword-error")).to_contain_text("Le mot de passe actuel est incorrect")
    axe("settings-wrong-password")
    page.get_by_label(re.compile(r"^Adresse de courriel")).fill(new_email)
    page.get_by_label("Mot de passe actuel").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer").click()
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe("mes-services-after")
    assert doctor.login_email and "adresse e-mail de connexion" in last_mail(sink, doctor.login_email).subject

    page.get_by_role("button", name="Se déconnecter").click()
    axe("logged-out")
    page.goto(home.url)
    expect_login_page(page, home)
    axe.repeat()
    log_in(page, new_email, PASSWORD)
    expect_mes_services(page, home, "Camille Martin", doctor.rpps)
    axe.repeat()
