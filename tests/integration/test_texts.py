"""Texts say the configured value: a code's validity, a reset link's and how long a limit holds
come from the realm's settings, in French words, on the page, in the SMS and in the mails. The main
realm keeps the defaults (10 minutes, 24 hours); monespace-fast has short ones (a 4-second code, a
3-second link, a 3-second identity lock, a 2-second resend cooldown)."""

from __future__ import annotations

import pytest

from message_sink import MessageSink
from tests.conftest import FAST_REALM
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import last_mail, last_sms
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps


@pytest.fixture
def fast_journey(harness) -> Journey:  # type: ignore[no-untyped-def]
    return Journey(Browser(harness.keycloak_url, FAST_REALM, HOME_REDIRECT))


def test_the_default_code_validity_reads_ten_minutes(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create()
    page = journey.to_code_screen(doctor, "sms")
    assert "Il est valable 10 minutes." in page.box_text()
    assert "Il expire dans 10 minutes." in last_sms(sink, doctor.mobile or "").text


def test_a_short_code_validity_is_said_in_seconds_everywhere(
    fast_journey: Journey, fast_doctors: DoctorFactory, sink: MessageSink
) -> None:
    by_sms, by_mail = fast_doctors.create(), fast_doctors.create()
    page = fast_journey.to_code_screen(by_sms, "sms")
    assert "Un code vous a été envoyé par SMS" in page.box_text() and "Il est valable 4 secondes." in page.box_text()
    assert "Il expire dans 4 secondes." in last_sms(sink, by_sms.mobile or "").text
    fast_journey.open_creation()
    page = fast_journey.to_code_screen(by_mail, "email")
    assert "Il est valable 4 secondes." in page.box_text()
    assert "Ce code est valable 4 secondes" in last_mail(sink, by_mail.email or "").text


def test_the_wait_before_a_new_code_is_the_cooldown_left(
    fast_journey: Journey, fast_doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = fast_doctors.create()
    fast_journey.to_code_screen(doctor)
    text = fast_journey.resend().box_text()
    assert "Veuillez patienter 2 secondes" in text or "Veuillez patienter 1 seconde " in text, text


def test_the_identity_lock_says_how_long_it_holds(fast_journey: Journey, fast_doctors: DoctorFactory) -> None:
    doctor = fast_doctors.create()
    fast_journey.open_creation()
    for _ in range(3):
        fast_journey.identity("01/01/1970", doctor.rpps)
    assert "veuillez réessayer dans 3 secondes" in fast_journey.identify(doctor).box_text()


@pytest.mark.parametrize(("realm", "validity"), [("main", "24 heures"), ("fast", "3 secondes")])
def test_the_reset_link_validity_is_the_realms(  # type: ignore[no-untyped-def]
    harness, doctors: DoctorFactory, fast_doctors: DoctorFactory, sink: MessageSink, realm: str, validity: str
) -> None:
    factory, name = (doctors, "monespace") if realm == "main" else (fast_doctors, FAST_REALM)
    doctor = factory.create(login_email=f"validite.{new_rpps()}@exemple.fr", password="Ancien-Mot-De-Passe-1!")
    journey = Journey(Browser(harness.keycloak_url, name, HOME_REDIRECT))
    journey.open_reset()
    page = journey.request_reset(doctor.login_email or "")
    assert f"un lien unique, valable {validity}, pour réinitialiser" in page.box_text()
    assert (
        f"Ce lien est valable {validity} et ne peut servir qu'une fois."
        in last_mail(sink, doctor.login_email or "").text
    )
