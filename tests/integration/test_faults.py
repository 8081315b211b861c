"""Faults of the mail and SMS servers: a clear message, a retry that works, nothing half done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for, last_mail

PASSWORD = "Cabinet-Panne-2026!"


@contextmanager
def smtp_down(sink: MessageSink) -> Iterator[None]:
    sink.set_smtp_up(False)
    try:
        yield
    finally:
        sink.set_smtp_up(True)


def test_smtp_down_when_the_email_code_is_sent(journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
    doctor = doctors.create(mobile=None)
    journey.open_creation()
    journey.identify(doctor)
    with smtp_down(sink):
        page = journey.choose("email")
    assert page.heading == "Sécuriser la création de votre espace"
    assert "L'e-mail n'a pas pu être envoyé" in page.box_text()
    page = journey.choose("email")
    assert page.heading == "Veuillez saisir le code reçu", "the retry works at once: the failed code did not count"
    assert last_mail(sink, doctor.email or "").subject


def test_smtp_down_at_activation_leaves_no_half_activated_account(
    journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
) -> None:
    doctor = doctors.create()
    journey.to_code_screen(doctor)
    journey.enter_code(code_for(sink, doctor))
    login = f"panne.{doctor.rpps}@exemple.fr"
    with smtp_down(sink):
        page = journey.credentials(PASSWORD, email=login)
    assert page.heading == "Finaliser la création de votre espace"
    assert "votre espace n'a pas encore été activé" in page.box_text()
    user = admin.get_user(doctor.id)
    assert "email" not in user, "no login e-mail set"
    assert admin.get_credentials(doctor.id) == [], "no password set"
    page = journey.credentials(PASSWORD, email=login)
    assert "Votre espace personnel a été créé et activé" in page.text
    assert admin.get_user(doctor.id)["email"] == login


def test_sms_gateway_down_then_back(journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
    doctor = doctors.create()
    journey.open_creation()
    journey.identify(doctor)
    sink.faults.sms = "fail"
    try:
        page = journey.choose("sms")
        assert page.heading == "Sécuriser la création de votre espace"
        assert "Le SMS n'a pas pu être envoyé" in page.box_text()
        assert "Le SMS n'a pas pu être envoyé" in journey.choose("sms").box_text()
    finally:
        sink.faults.sms = "ok"
    assert journey.choose("sms").heading == "Veuillez saisir le code reçu", "no cooldown: the failed code did not count"
    assert len(sink.store.sms(to=doctor.mobile)) == 1
