"""Limits that protect a doctor hold for the doctor, not for a flow: "Retour", a new flow or a
second browser brings no new code, no new tries and no new answers.

Before, the resend cooldown and cap lived in the flow ("Retour" to the identity screen started
them afresh), wrong codes were counted per code and per flow (each new flow brought 5 more
tries), and "Un compte est déjà associé à cette adresse mail" answered without limit.
"""

from __future__ import annotations

import time

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.conftest import FAST_LIMITS, FAST_REALM, MAIN_REALM
from tests.support.attacks import LIMITS, new_address, speak_for, throttled_total
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.messages import code_for
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps
from tests.support.settings_screen import open_settings, save

PASSWORD = "Cabinet-Medical-2026!"
CODE_SCREEN = "Veuillez saisir le code reçu"
WRONG_CODES = "Trop de codes erronés"
TAKEN = "Un compte est déjà associé à cette adresse mail"
TAKEN_THROTTLED = "le choix de l'adresse est suspendu"


def journey_in(harness: Harness, realm: str) -> Journey:
    return Journey(speak_for(Browser(harness.keycloak_url, realm, HOME_REDIRECT), new_address()))


def other_than(*codes: str) -> str:
    return next(c for c in ("000000", "111111", "222222") if c not in codes)


def test_retour_then_a_new_code_within_the_cooldown_is_refused(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create()
    journey = journey_in(harness, MAIN_REALM)
    journey.to_code_screen(doctor)
    journey.back()
    assert journey.back().heading == "Créer votre espace", "Retour twice: the identity screen, a new journey"
    assert journey.identify(doctor).heading == "Sécuriser la création de votre espace"
    page = journey.choose("sms")
    assert "Veuillez patienter" in page.box_text(), page.text
    elsewhere = journey_in(harness, MAIN_REALM)
    elsewhere.open_creation()
    elsewhere.identify(doctor)
    assert "Veuillez patienter" in elsewhere.choose("email").box_text(), "another browser, the other channel"
    time.sleep(0.5)
    assert len(sink.store.sms(to=doctor.mobile)) == 1
    assert sink.store.mails(to=doctor.email) == []


def test_the_resend_cap_holds_across_flows(
    harness: Harness, realms: dict[str, str], fast_doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = fast_doctors.create()
    sends = 1 + FAST_LIMITS["code_max_resends"]
    for n in range(sends):
        if n:
            time.sleep(FAST_LIMITS["code_resend_cooldown_seconds"] + 0.2)
        journey_in(harness, FAST_REALM).to_code_screen(doctor)
    time.sleep(FAST_LIMITS["code_resend_cooldown_seconds"] + 0.2)
    journey = journey_in(harness, FAST_REALM)
    journey.open_creation()
    journey.identify(doctor)
    assert "nombre maximal d'envois" in journey.choose("sms").box_text()
    assert len(sink.store.sms(to=doctor.mobile)) == sends


def test_the_sixth_wrong_code_in_a_second_flow_is_refused(
    harness: Harness,
    realms: dict[str, str],
    fast_doctors: DoctorFactory,
    sink: MessageSink,
    admin: KeycloakAdmin,
) -> None:
    doctor = fast_doctors.create()
    first, second = journey_in(harness, FAST_REALM), journey_in(harness, FAST_REALM)
    first.to_code_screen(doctor)
    first_code = code_for(sink, doctor)
    time.sleep(FAST_LIMITS["code_resend_cooldown_seconds"] + 0.2)
    second.to_code_screen(doctor)
    second_code = code_for(sink, doctor, count=2)
    wrong = other_than(first_code, second_code)
    before = throttled_total(harness.management_url, "wrong_code")

    for left in (4, 3, 2, 1):
        assert f"Il vous reste {left} essai" in first.enter_code(wrong).field_error("code")
    assert "n'est plus valable" in first.enter_code(wrong).field_error("code")
    page = second.enter_code(wrong)
    assert WRONG_CODES in page.field_error("code"), page.text
    page = second.enter_code(second_code)
    assert page.heading == CODE_SCREEN and WRONG_CODES in page.field_error("code"), "not even the right code"

    time.sleep(FAST_LIMITS["code_resend_cooldown_seconds"] + 0.2)
    third = journey_in(harness, FAST_REALM)
    third.open_creation()
    third.identify(doctor)
    assert WRONG_CODES in third.choose("sms").box_text(), "no code is sent that could not be typed"
    assert len(sink.store.sms(to=doctor.mobile)) == 2
    if harness.management_url:
        assert throttled_total(harness.management_url, "wrong_code") >= before + 3
    fast = harness.admin(FAST_REALM)
    events = fast.connection.raw_get(f"admin/realms/{FAST_REALM}/events", max=200).json()
    refusals = [e for e in events if (e.get("details") or {}).get("rpps") == doctor.rpps and e.get("error")]
    assert {"wrong_codes_throttled"} <= {e["error"] for e in refusals}
    assert all(
        (e.get("details") or {}).get("monespace_throttled") == "wrong_code"
        for e in refusals
        if e["error"] == "wrong_codes_throttled"
    )


def to_credentials(harness: Harness, doctor: Doctor, sink: MessageSink) -> Journey:
    journey = journey_in(harness, MAIN_REALM)
    journey.to_code_screen(doctor)
    assert journey.enter_code(code_for(sink, doctor)).heading == "Finaliser la création de votre espace"
    return journey


def test_email_taken_answers_are_capped_per_doctor_on_every_screen(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory, sink: MessageSink
) -> None:
    taken = f"pris.{new_rpps()}@exemple.fr"
    doctors.create(login_email=taken, password=PASSWORD)
    doctor = doctors.create()
    journey = to_credentials(harness, doctor, sink)
    answers = LIMITS["email_taken_max_answers"]
    before = throttled_total(harness.management_url, "email_taken")

    for _ in range(answers):
        assert journey.credentials(PASSWORD, email=taken).field_error("email").endswith(TAKEN)
    page = journey.credentials(PASSWORD, email=taken)
    assert TAKEN_THROTTLED in page.field_error("email") and TAKEN not in page.text, page.text

    # Nor can wrong confirmations tell a taken address from a free one any more.
    free = f"libre.{doctor.rpps}@exemple.fr"
    on_taken = journey.credentials(PASSWORD, email=taken, password_confirm=PASSWORD + "x")
    on_free = journey.credentials(PASSWORD, email=free, password_confirm=PASSWORD + "x")
    assert on_taken.field_error("email") == on_free.field_error("email") == ""
    assert on_taken.field_error("passwordConfirm") == on_free.field_error("passwordConfirm") != ""

    # A free address still goes through; Paramètres then shares the doctor's quota.
    assert "Votre espace personnel a été créé et activé" in journey.credentials(PASSWORD, email=free).text
    doctor.login_email, doctor.password = free, PASSWORD
    browser = speak_for(journey.browser.fresh(), new_address())
    open_settings(browser, doctor)
    page = save(browser, PASSWORD, taken)
    assert TAKEN_THROTTLED in page.field_error("email") and TAKEN not in page.text, page.text
    if harness.management_url:
        assert throttled_total(harness.management_url, "email_taken") >= before + 2
