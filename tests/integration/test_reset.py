"""SPEC 4 "Réinitialiser votre mot de passe": neutral request, single-use link valid 24 hours."""

from __future__ import annotations

import time

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.conftest import FAST_REALM
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import last_mail, link_in, wait_for
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps

PASSWORD = "Ancien-Mot-De-Passe-1!"
NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def espace(doctors: DoctorFactory) -> Doctor:
    return doctors.create(login_email=f"reset.{new_rpps()}@exemple.fr", password=PASSWORD)


def request_link(journey: Journey, doctor: Doctor, sink: MessageSink) -> str:
    page = journey.open_reset()
    assert page.heading == "Réinitialiser votre mot de passe"
    assert "Pour réinitialiser votre mot de passe, veuillez saisir votre adresse email de connexion." in page.text
    page = journey.request_reset(doctor.login_email or "")
    assert "vous allez recevoir un e-mail" in page.box_text()
    return link_in(last_mail(sink, doctor.login_email or "").text)


def test_link_opened_elsewhere_sets_the_password_and_signs_in(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = espace(doctors)
    old_tokens = journey.browser.fresh().login_tokens(doctor.login_email or "", PASSWORD)
    link = request_link(journey, doctor, sink)

    phone = journey.browser.fresh()
    page = phone.get(link)
    assert page.heading == "Paramètres"
    assert "INFORMATIONS CONNEXION" in page.text
    assert (
        "Vous venez d'utiliser votre lien de connexion unique. Il n'est désormais plus nécessaire "
        "d'utiliser ce lien pour vous connecter." in page.text
    )
    assert page.soup.find(id="me-login-email")["value"] == doctor.login_email, "the login e-mail, read-only"
    assert "Ne sera pas rendue publique." in page.text
    page = phone.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD})
    assert page.response.is_redirect and page.response.headers["Location"].startswith("http://localhost:8000/"), (
        page.text
    )
    assert journey.browser.fresh().login(doctor.login_email or "", NEW_PASSWORD).response.is_redirect
    assert journey.browser.fresh().refresh(old_tokens).status_code == 400, "other sessions are ended"


def test_link_opened_in_the_same_browser_returns_to_the_application(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = espace(doctors)
    link = request_link(journey, doctor, sink)
    journey.browser.get(link)
    journey.browser.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD})
    assert journey.browser.app_redirect().startswith(HOME_REDIRECT)
    assert journey.browser.exchange_code()["access_token"]


def test_unknown_address_gets_the_same_answer_and_no_mail(journey: Journey, sink: MessageSink) -> None:
    unknown = f"inconnu.{new_rpps()}@exemple.fr"
    journey.open_reset()
    page = journey.request_reset(unknown)
    assert "vous allez recevoir un e-mail" in page.box_text()
    time.sleep(1)
    assert sink.store.mails(to=unknown) == []


def test_bad_address_is_a_field_error(journey: Journey) -> None:
    journey.open_reset()
    page = journey.request_reset("pas-une-adresse")
    assert page.field_error("username")


def test_weak_or_mismatched_new_password(journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
    doctor = espace(doctors)
    link = request_link(journey, doctor, sink)
    phone = journey.browser.fresh()
    phone.get(link)
    page = phone.submit({"password-new": "court", "password-confirm": "court"})
    assert page.field_error("password-new"), page.text
    page = phone.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD + "x"})
    assert "pas identiques" in page.field_error("password-confirm")


def test_link_used_twice_is_refused_with_a_way_to_ask_again(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = espace(doctors)
    link = request_link(journey, doctor, sink)
    first = journey.browser.fresh()
    first.get(link)
    first.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD})
    page = journey.browser.fresh().get(link)
    assert "n'est plus valable" in page.text, page.text
    assert "Identifiants oubliés ?" in page.text


def test_link_dies_when_the_password_changed_another_way(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
) -> None:
    doctor = espace(doctors)
    link = request_link(journey, doctor, sink)
    admin.set_user_password(doctor.id, "Change-Par-Ailleurs-99!", temporary=False)
    page = journey.browser.fresh().get(link)
    assert "n'est plus valable" in page.text, page.text


def test_expired_link(harness, fast_doctors: DoctorFactory, sink: MessageSink) -> None:  # type: ignore[no-untyped-def]
    doctor = fast_doctors.create(login_email=f"expire.{new_rpps()}@exemple.fr", password=PASSWORD)
    journey = Journey(Browser(harness.keycloak_url, FAST_REALM, HOME_REDIRECT))
    link = request_link(journey, doctor, sink)
    time.sleep(5)  # 3 s lifespan, counted in whole seconds
    page = journey.browser.fresh().get(link)
    assert "expiré" in page.text or "n'est plus valable" in page.text, page.text


def test_requests_are_rate_limited_per_address(harness, fast_doctors: DoctorFactory, sink: MessageSink) -> None:  # type: ignore[no-untyped-def]
    doctor = fast_doctors.create(login_email=f"flood.{new_rpps()}@exemple.fr", password=PASSWORD)
    journey = Journey(Browser(harness.keycloak_url, FAST_REALM, HOME_REDIRECT))
    for _ in range(2):
        journey.open_reset()
        assert "vous allez recevoir" in journey.request_reset(doctor.login_email or "").box_text()
    journey.open_reset()
    page = journey.request_reset(doctor.login_email or "")
    assert "Trop de demandes" in page.box_text()
    assert len(wait_for(lambda: sink.store.mails(to=doctor.login_email), 2)) == 2
