"""Codes, passwords and full contact details never reach Keycloak's log (only the dev sinks)."""

from __future__ import annotations

import pytest

from message_sink import MessageSink
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for, last_mail, link_in

PASSWORD = "Secret-Du-Cabinet-2026!"
NEW_PASSWORD = "Autre-Secret-2027?"


def test_no_secret_nor_contact_detail_in_keycloak_log(  # type: ignore[no-untyped-def]
    harness, journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    if harness.log_path is None:
        pytest.skip("this backend keeps no log file")
    start = harness.log_path.stat().st_size
    doctor = doctors.create()
    assert doctor.mobile and doctor.email
    journey.open_creation()
    journey.identity("01/01/1971", doctor.rpps)  # an identity failure is logged as an event
    journey.identify(doctor)
    journey.choose("sms")
    code = code_for(sink, doctor)
    journey.enter_code("000000" if code != "000000" else "111111")
    journey.enter_code(code)
    login = f"secret.{doctor.rpps}@exemple.fr"
    journey.credentials(PASSWORD, email=login)
    journey.browser.fresh().login(login, "Faux-1!")
    reset = Journey(journey.browser.fresh())
    reset.open_reset()
    reset.request_reset(login)
    link = link_in(last_mail(sink, login, count=2).text)  # after the activation mail
    reset.browser.get(link)
    reset.browser.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD})

    with harness.log_path.open(encoding="utf-8", errors="replace") as log:
        log.seek(start)
        written = log.read()
    assert doctor.rpps in written, "events are logged, with the RPPS"
    token = link.split("key=")[1].split("&")[0]
    for secret in (code, PASSWORD, NEW_PASSWORD, doctor.mobile, doctor.email, login, token):
        assert secret not in written, f"{secret[:6]}… found in Keycloak's log"
