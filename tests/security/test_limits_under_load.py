"""Limits counted before the work, not after: many flows of one doctor fire at the same instant and
at most the limit get through — directory lookups, SMS, reset links, password checks.

Before, each limit was a counter read then written back: 20 simultaneous wrong birth dates for
one RPPS got 17 "ne correspondent pas" and 3 "Trop de tentatives" against a limit of 5.
"""

from __future__ import annotations

import time

from message_sink import MessageSink
from tests.conftest import MAIN_REALM
from tests.support.attacks import (
    LIMITS,
    MISMATCH,
    THROTTLED,
    at_once,
    new_address,
    speak_for,
    throttled_total,
)
from tests.support.doctors import DoctorFactory
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.messages import wait_for
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps
from tests.support.settings_screen import open_settings, save

FLOWS = 30
PASSWORD = "Cabinet-Medical-2026!"
NEW_PASSWORD = "Nouveau-Cabinet-2027?"


def journeys(harness: Harness, count: int, address: str) -> list[Journey]:
    """`count` browsers of one client, each with its own flow (cookies, authentication session)."""
    return [Journey(speak_for(Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT), address)) for _ in range(count)]


def test_30_simultaneous_wrong_birth_dates_for_one_rpps_make_at_most_the_limit_of_lookups(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory
) -> None:
    doctor = doctors.create()
    flows = journeys(harness, FLOWS, new_address())
    for flow in flows:
        flow.open_creation()
    before = throttled_total(harness.management_url, "identity")

    answers = [page.box_text() for page in at_once(flows, lambda flow: flow.identity("01/01/1971", doctor.rpps))]

    mismatches = sum(MISMATCH in answer for answer in answers)
    throttled = sum(THROTTLED in answer for answer in answers)
    assert (mismatches, throttled) == (LIMITS["identity_max_failures"], FLOWS - mismatches), answers
    assert THROTTLED in flows[0].identify(doctor).box_text(), "the RPPS is locked, even for its birth date"
    if harness.management_url:
        assert throttled_total(harness.management_url, "identity") >= before + throttled


def test_30_simultaneous_code_requests_for_one_rpps_send_one_sms(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create()
    flows = journeys(harness, FLOWS, new_address())
    for flow in flows:
        flow.open_creation()
        assert flow.identify(doctor).heading == "Sécuriser la création de votre espace"
    before = throttled_total(harness.management_url, "code")

    pages = at_once(flows, lambda flow: flow.choose("sms"))

    sent = [page for page in pages if page.heading == "Veuillez saisir le code reçu"]
    waiting = [page for page in pages if "Veuillez patienter" in page.box_text()]
    assert (len(sent), len(waiting)) == (1, FLOWS - 1), [page.box_text() for page in pages]
    time.sleep(0.5)
    assert len(sink.store.sms(to=doctor.mobile)) == 1, "one code reached the SMS gateway"
    if harness.management_url:
        assert throttled_total(harness.management_url, "code") >= before + FLOWS - 1


def test_simultaneous_reset_requests_for_one_address_send_at_most_the_limit_of_links(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory, sink: MessageSink
) -> None:
    login_email = f"inonde.{new_rpps()}@exemple.fr"
    doctors.create(login_email=login_email, password=PASSWORD)
    flows = journeys(harness, 20, new_address())
    for flow in flows:
        flow.open_reset()

    answers = [page.box_text() for page in at_once(flows, lambda flow: flow.request_reset(login_email))]

    allowed = LIMITS["reset_max_requests_per_email"]
    assert sum("vous allez recevoir" in answer for answer in answers) == allowed, answers
    assert sum("Trop de demandes" in answer for answer in answers) == len(flows) - allowed
    assert len(wait_for(lambda: sink.store.mails(to=login_email), allowed)) == allowed
    time.sleep(1)  # the links go out after the answer
    assert len(sink.store.mails(to=login_email)) == allowed, "the mailbox is not flooded"


def test_simultaneous_wrong_current_passwords_are_checked_at_most_the_limit(
    harness: Harness, realms: dict[str, str], doctors: DoctorFactory
) -> None:
    """Keycloak's own brute-force protector already lets one password check per user run at a time
    on a node; the quota holds across nodes too (tests/cluster)."""
    doctor = doctors.create(login_email=f"devine.{new_rpps()}@exemple.fr", password=PASSWORD)
    address = new_address()
    browsers = [speak_for(Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT), address) for _ in range(20)]
    for browser in browsers:
        open_settings(browser, doctor)

    pages = at_once(browsers, lambda browser: save(browser, "Pas-Le-Bon-1!", doctor.login_email or "", NEW_PASSWORD))

    wrong = sum("Le mot de passe actuel est incorrect" in page.text for page in pages)
    suspended = sum("suspendues" in page.box_text() for page in pages)
    assert 1 <= wrong <= LIMITS["settings_max_password_failures"], [page.box_text() for page in pages]
    assert wrong + suspended == len(pages)
