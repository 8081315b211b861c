"""SPEC 3 "Récupérer votre espace": identity, SMS code, new login e-mail and password."""

from __future__ import annotations

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for, last_mail
from tests.support.rpps import new_rpps

OLD_PASSWORD = "Ancien-Mot-De-Passe-1!"
NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def espace(doctors: DoctorFactory, **kwargs) -> Doctor:  # type: ignore[no-untyped-def]
    return doctors.create(login_email=f"ancien.{new_rpps()}@exemple.fr", password=OLD_PASSWORD, **kwargs)


def to_credentials(journey: Journey, doctor: Doctor, sink: MessageSink) -> None:
    page = journey.open_recovery()
    assert page.heading == "Récupérer votre espace"
    assert "Format : 21/06/2021" in page.text
    page = journey.identify(doctor)
    assert page.heading == "Sécuriser la récupération de votre espace"
    assert page.radio_values("channel") == ["sms"], "recovery offers the mobile only"
    assert "Afin de finaliser la récupération de votre compte" in page.text
    page = journey.choose("sms")
    assert page.heading == "Vous devez saisir le code reçu"
    page = journey.enter_code(code_for(sink, doctor))
    assert page.heading == "Finaliser la récupération de votre espace"
    assert "Afin de finaliser la récupération de votre compte, veuillez saisir vos paramètres de connexion" in page.text


def test_recovery_replaces_login_email_and_password_and_ends_other_sessions(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
) -> None:
    doctor = espace(doctors)
    other_device = journey.browser.fresh()
    old_tokens = other_device.login_tokens(doctor.login_email or "", OLD_PASSWORD)

    to_credentials(journey, doctor, sink)
    new_email = f"nouveau.{doctor.rpps}@exemple.fr"
    page = journey.credentials(NEW_PASSWORD, email=new_email)
    assert "a été récupéré" in page.text, page.text
    notice = last_mail(sink, doctor.login_email or "")
    assert "adresse e-mail de connexion" in notice.subject
    assert "conseil" in notice.text, "the notice tells whom to contact if it was not them"

    assert admin.get_user(doctor.id)["email"] == new_email
    assert other_device.refresh(old_tokens).status_code == 400, "every other session is ended"

    journey.finish()
    assert journey.browser.redirected_to_app
    assert journey.browser.fresh().login(new_email, NEW_PASSWORD).response.is_redirect
    refused = journey.browser.fresh()
    refused.login(doctor.login_email or "", OLD_PASSWORD)
    assert not refused.redirected_to_app, "the old login e-mail and password no longer open the espace"


def test_no_match_gets_the_creation_message(journey: Journey) -> None:
    journey.open_recovery()
    page = journey.identity("17/06/1980", new_rpps())
    assert "ne correspondent pas à celles connues de l'Ordre" in page.box_text()


def test_match_without_espace_points_to_creation(journey: Journey, doctors: DoctorFactory) -> None:
    doctor = doctors.create()
    journey.open_recovery()
    page = journey.identify(doctor)
    assert "Aucun espace n'a encore été créé pour ce numéro RPPS" in page.box_text()
    assert "registration" in page.link("créer votre espace")


def test_doctor_without_mobile_is_told_to_contact_the_conseil(journey: Journey, doctors: DoctorFactory) -> None:
    doctor = espace(doctors, mobile=None)
    journey.open_recovery()
    page = journey.identify(doctor)
    assert "aucun numéro de téléphone mobile" in page.box_text()
    assert "conseil" in page.box_text()


def test_current_login_email_or_another_accounts_is_refused_with_a_reset_link(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = espace(doctors)
    someone_else = espace(doctors)
    to_credentials(journey, doctor, sink)
    for taken in (doctor.login_email or "", someone_else.login_email or ""):
        page = journey.credentials(NEW_PASSWORD, email=taken)
        assert page.field_error("email").endswith("Un compte est déjà associé à cette adresse mail")
        assert "reset-credentials" in page.link("réinitialisez votre mot de passe")
