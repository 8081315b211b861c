"""Hostile input on every field of every screen: never a server error, never unescaped output,
always a French message (issue: hostile input). A longer randomised run is bench/fuzz_forms.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legacy_import.apply import ImportSettings, import_files
from message_sink import MessageSink
from tests.conftest import MAIN_REALM
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.drupal import PortalUser, php_hash, write_drupal7_csv
from tests.support.journeys import Journey
from tests.support.messages import code_for, last_mail, link_in
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.pages import Page
from tests.support.rpps import new_rpps

PASSWORD = "Hostile-Cabinet-2026!"
HOSTILE = [
    "A" * 5000,
    "9" * 20000,
    "\x00\x01\x07\x1b[31m\x7f",
    "١٠٠٠١٠٠٠٠١٦",  # Arabic-Indic digits: looks like an RPPS
    "１０００１０００００１６",  # full-width digits
    "𝟏𝟕/𝟎𝟔/𝟏𝟗𝟖𝟎",  # mathematical digits: looks like a date
    "17／06／1980",  # full-width solidus
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "${7*7}<#assign x=1>[=7*7]",
    "' OR '1'='1' --",
    "\u202eexe.txt",
    "jean@exemple.fr\r\nBcc: x@exemple.fr",
    "ⅰⅴ@exemple.fr",
    " ",
]
FRENCH = re.compile(
    r"Veuillez|Saisissez|Choisissez|incorrect|valide|identiques|comporte|Vous |vous |n'est|"
    r"ne correspondent|Trop de|Erreur|mot de passe|adresse",
)


def assert_safe(page: Page, payload: str) -> None:
    assert page.status < 500, page.text[:300]
    if "<" in payload:
        assert payload not in page.response.text, "payload reflected unescaped"
    assert "Exception" not in page.text and "Traceback" not in page.text


def assert_french_message(page: Page, field: str) -> None:
    message = page.field_error(field) or page.box_text()
    assert FRENCH.search(message), f"no French message for {field!r}: {page.text[:400]}"


def post_each(browser: Browser, fields: dict[str, str], field: str) -> None:
    """Submits the current page's form with every hostile payload in `field` (the others valid),
    plus missing and duplicated fields."""
    for payload in HOSTILE:
        data = {**fields, field: payload}
        page = browser.submit(data)
        assert_safe(page, payload)
        assert_french_message(page, field)
    missing = {k: v for k, v in fields.items() if k != field}
    page = browser.submit(missing)
    assert_safe(page, "")
    duplicated = [(k, v) for k, v in fields.items() if k != field] + [(field, HOSTILE[7]), (field, HOSTILE[8])]
    page = browser.submit(duplicated)
    assert_safe(page, HOSTILE[7])


@pytest.fixture
def code_screen(journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> tuple[Journey, Doctor]:
    doctor = doctors.create()
    journey.to_code_screen(doctor)
    return journey, doctor


@pytest.mark.parametrize("field", ["username", "password"])
def test_login_form(field: str, browser: Browser) -> None:
    browser.open_login()
    valid = {"username": "medecin@exemple.fr", "password": "x"}
    post_each(browser, valid, field)
    assert browser.page is not None and "E-mail ou mot de passe incorrect" in browser.page.text


@pytest.mark.parametrize("field", ["birthDate", "rpps", "cgu"])
def test_identity_screen(field: str, journey: Journey, doctors: DoctorFactory) -> None:
    doctor = doctors.create()
    journey.open_creation()
    valid = {"birthDate": doctor.typed_birth_date, "rpps": doctor.rpps, "cgu": "on"}
    post_each(journey.browser, valid, field)


def test_channel_screen(journey: Journey, doctors: DoctorFactory) -> None:
    doctor = doctors.create()
    journey.open_creation()
    journey.identify(doctor)
    post_each(journey.browser, {"channel": "sms", "action": "send"}, "channel")


def test_code_screen(code_screen: tuple[Journey, Doctor]) -> None:
    journey, _ = code_screen
    post_each(journey.browser, {"code": "123456", "action": "verify"}, "code")


@pytest.mark.parametrize("field", ["email", "emailConfirm", "password", "passwordConfirm"])
def test_credentials_screen(field: str, code_screen: tuple[Journey, Doctor], sink: MessageSink) -> None:
    journey, doctor = code_screen
    journey.enter_code(code_for(sink, doctor))
    email = f"h.{doctor.rpps}@exemple.fr"
    valid = {"email": email, "emailConfirm": email, "password": PASSWORD, "passwordConfirm": PASSWORD}
    if field in ("password", "passwordConfirm"):
        # A valid e-mail and a hostile password: the error belongs to the password fields.
        valid["password"] = "court"
    post_each(journey.browser, valid, field)


def test_reset_request_screen(journey: Journey) -> None:
    journey.open_reset()
    post_each(journey.browser, {"username": "x@exemple.fr"}, "username")
    assert journey.page.field_error("username") or "vous allez recevoir" in journey.page.box_text()


@pytest.mark.parametrize("field", ["password-new", "password-confirm"])
def test_new_password_screen(field: str, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
    doctor = doctors.create(login_email=f"hr.{new_rpps()}@exemple.fr", password=PASSWORD)
    journey.open_reset()
    journey.request_reset(doctor.login_email or "")
    phone = journey.browser.fresh()
    phone.get(link_in(last_mail(sink, doctor.login_email or "").text))
    # A hostile new password fails the policy; a hostile confirmation fails to match a good one.
    strong = "Autre-Cabinet-2027?"
    valid = (
        {"password-new": strong, "password-confirm": strong}
        if field == "password-confirm"
        else {"password-new": "court", "password-confirm": "court"}
    )
    post_each(phone, valid, field)


@pytest.mark.parametrize("field", ["email", "newPassword", "newPasswordConfirm", "currentPassword"])
def test_settings_screen(field: str, browser: Browser, doctors: DoctorFactory) -> None:
    doctor = doctors.create(login_email=f"hs.{new_rpps()}@exemple.fr", password=PASSWORD)
    browser.login_tokens(doctor.login_email or "", PASSWORD)
    browser.get(browser.authorize_url(kc_action="monespace-settings"))
    valid = {
        "currentPassword": PASSWORD,
        "email": doctor.login_email or "",
        "newPassword": "court",
        "newPasswordConfirm": "court",
    }
    post_each(browser, valid, field)


@pytest.mark.parametrize("field", ["password-new", "password-confirm"])
def test_password_renewal_screen(field: str, browser: Browser, doctors: DoctorFactory, tmp_path: Path) -> None:
    # A doctor whose weak password came from the old portal: the renewal screen after the login.
    doctor = doctors.create()
    email = f"hl.{doctor.rpps}@exemple.fr"
    export = write_drupal7_csv(tmp_path, [PortalUser(7, "x", email, php_hash("S", 7, "faible123"), doctor.rpps)])
    import_files(doctors.admin, export, settings=ImportSettings(realm=MAIN_REALM, max_change_share=1.0))
    browser.login(email, "faible123")
    strong = "Autre-Cabinet-2027?"
    valid = (
        {"password-new": strong, "password-confirm": strong}
        if field == "password-confirm"
        else {"password-new": "court", "password-confirm": "court"}
    )
    post_each(browser, valid, field)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(birth=st.text(max_size=40), rpps=st.text(max_size=40))
def test_identity_fields_take_any_text(birth: str, rpps: str, harness, realms) -> None:  # type: ignore[no-untyped-def]
    """Random text in both identity fields: a French message, never a lookup error or a 5xx."""
    journey = Journey(Browser(harness.keycloak_url, realms["main"], HOME_REDIRECT))
    journey.open_creation()
    page = journey.identity(birth, rpps)
    assert_safe(page, birth + rpps)
    assert page.field_error("birthDate") or page.field_error("rpps") or page.box_text()
