"""SPEC 2 "Créer votre espace" against a real Keycloak, SMTP server and SMS gateway sink."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import requests
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.conftest import FAST_REALM
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for, code_in, last_mail, last_sms
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps, with_wrong_key

PASSWORD = "Cabinet-Medical-2026!"
MISMATCH = (
    "Les informations que vous avez saisies ne correspondent pas à celles connues de l'Ordre, "
    "veuillez les corriger ou vous rapprocher de votre conseil"
)


class TestBothChannelsToSuccess:
    @pytest.mark.smoke
    def test_sms_path_chooses_login_email_and_activates(
        self, journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
    ) -> None:
        doctor = doctors.create()
        journey.to_code_screen(doctor, "sms")
        sms = last_sms(sink, doctor.mobile or "")
        assert "Votre code de vérification" in sms.text
        page = journey.enter_code(code_in(sms.text))
        assert page.heading == "Finaliser la création de votre espace"
        assert "veuillez saisir vos paramètres de connexion" in page.text
        assert "Sécurité du mot de passe" in page.text
        login_email = f"dr.{doctor.rpps}@cabinet.fr"
        page = journey.credentials(PASSWORD, email=login_email)
        assert "Votre espace personnel a été créé et activé. Un email de confirmation vous a été envoyé" in page.text, (
            page.text
        )
        assert "Retour à la connexion" in page.buttons()
        confirmation = last_mail(sink, login_email)
        assert confirmation.subject

        user = admin.get_user(doctor.id)
        assert user["email"] == login_email
        assert user["emailVerified"] is False, "an e-mail typed on the SMS path is not proven"
        assert user["attributes"]["correspondenceEmail"] == [doctor.email], "Ordinal contact details untouched"
        assert user["attributes"]["mobilePhone"] == [doctor.mobile]

        journey.finish()
        assert journey.browser.redirected_to_app, "Retour à la connexion lands on the MonEspace home"
        tokens = journey.browser.exchange_code()
        assert tokens["access_token"]

        again = journey.browser.fresh()
        again.login(login_email, PASSWORD)
        assert again.redirected_to_app, "the new espace logs in with its login e-mail"

    def test_email_path_fixes_login_email_and_marks_it_verified(
        self, journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
    ) -> None:
        doctor = doctors.create(mobile=None)
        journey.open_creation()
        page = journey.identify(doctor)
        assert page.radio_values("channel") == ["email"], "only the correspondence e-mail is offered"
        page = journey.choose("email")
        page = journey.enter_code(code_for(sink, doctor, "email"))
        assert page.heading == "Créer mon compte"
        assert page.input_value("fixedEmail") == doctor.email
        assert not page.has_field("email"), "the e-mail cannot be changed here"
        assert "Créer" in page.buttons()
        page = journey.credentials(PASSWORD)
        assert "Votre espace personnel a été créé et activé" in page.text
        user = admin.get_user(doctor.id)
        assert user["email"] == doctor.email
        assert user["emailVerified"] is True

    def test_second_creation_gets_account_exists_with_reset_link(
        self, journey: Journey, doctors: DoctorFactory
    ) -> None:
        doctor = doctors.create(login_email=f"x{new_rpps()}@exemple.fr", password=PASSWORD)
        journey.open_creation()
        page = journey.identify(doctor)
        assert page.heading == "Créer votre espace"
        assert (
            "Un compte est déjà associé à ce numéro RPPS, en cas d'oubli de mot de passe, "
            "demandez une récupération de mot de passe." in page.box_text()
        )
        reset = page.link("récupération de mot de passe")
        assert "reset-credentials" in reset


class TestIdentityTable:
    @pytest.mark.parametrize("case", ["unknown rpps", "wrong birth date", "inactive doctor"])
    def test_every_no_match_gets_the_same_message(self, case: str, journey: Journey, doctors: DoctorFactory) -> None:
        journey.open_creation()
        if case == "unknown rpps":
            page = journey.identity("17/06/1980", new_rpps())
        elif case == "wrong birth date":
            doctor = doctors.create()
            page = journey.identity("18/06/1980", doctor.rpps)
        else:
            doctor = doctors.create(status="radie")
            page = journey.identify(doctor)
        assert page.status == 200
        assert page.heading == "Créer votre espace"
        assert page.box_text().endswith(MISMATCH) or MISMATCH in page.box_text()
        assert page.input_value("rpps"), "what was typed is kept for correction"

    def test_no_contact_details_blocks_with_a_message(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create(mobile=None, email=None)
        journey.open_creation()
        page = journey.identify(doctor)
        assert page.heading == "Créer votre espace"
        assert "rapprocher de votre conseil" in page.box_text()

    def test_landline_is_never_offered_for_sms(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create(mobile=None, landline="+33475678099")
        journey.open_creation()
        page = journey.identify(doctor)
        assert page.radio_values("channel") == ["email"]

    def test_both_contacts_are_offered_masked(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create()
        journey.open_creation()
        page = journey.identify(doctor)
        assert page.radio_values("channel") == ["sms", "email"]
        assert doctor.mobile and doctor.email
        masked_phone = doctor.mobile[:5] + "***" + doctor.mobile[-2:]
        assert masked_phone in page.text
        assert doctor.mobile not in page.text and doctor.email not in page.text
        assert "Afin de finaliser la création de votre compte" in page.text


class TestBadInput:
    @pytest.mark.parametrize(
        ("birth", "rpps", "field"),
        [
            ("17/06/1980", "bad-luhn", "rpps"),
            ("17/06/1980", "1000100001A", "rpps"),
            ("31/02/1980", None, "birthDate"),
            ((date.today() + timedelta(days=3)).strftime("%d/%m/%Y"), None, "birthDate"),
            ("1980-06-17", None, "birthDate"),
        ],
    )
    def test_field_errors_come_before_any_lookup(
        self, birth: str, rpps: str | None, field: str, journey: Journey, doctors: DoctorFactory
    ) -> None:
        doctor = doctors.create()
        typed = with_wrong_key(doctor.rpps[:10]) if rpps == "bad-luhn" else (rpps or doctor.rpps)
        journey.open_creation()
        page = journey.identity(birth, typed)
        assert page.field_error(field), page.text
        assert MISMATCH not in page.text, "no lookup was made"

    def test_unticked_cgu(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create()
        journey.open_creation()
        page = journey.identity(doctor.typed_birth_date, doctor.rpps, cgu=False)
        assert "Conditions générales d'utilisation" in page.field_error("cgu")

    def test_rpps_with_spaces_is_accepted(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create()
        journey.open_creation()
        spaced = " ".join([doctor.rpps[:2], doctor.rpps[2:6], doctor.rpps[6:]])
        page = journey.identity(doctor.typed_birth_date, spaced)
        assert page.heading == "Sécuriser la création de votre espace"


class TestCode:
    def test_wrong_code_five_times_kills_it(self, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
        doctor = doctors.create()
        journey.to_code_screen(doctor)
        right = code_for(sink, doctor, "sms")
        wrong = "000000" if right != "000000" else "111111"
        for left in (4, 3, 2, 1):
            page = journey.enter_code(wrong)
            assert f"Il vous reste {left} essai" in page.field_error("code")
        page = journey.enter_code(wrong)
        assert "n'est plus valable" in page.field_error("code")
        page = journey.enter_code(right)
        assert page.heading == "Veuillez saisir le code reçu", "the right code is refused once the code is dead"

    def test_malformed_code_is_a_field_error(self, journey: Journey, doctors: DoctorFactory) -> None:
        doctor = doctors.create()
        journey.to_code_screen(doctor)
        assert "6 chiffres" in journey.enter_code("12ab").field_error("code")

    def test_resend_has_a_cooldown(self, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
        doctor = doctors.create()
        journey.to_code_screen(doctor)
        page = journey.resend()
        assert "Veuillez patienter" in page.box_text()
        assert len(sink.store.sms(to=doctor.mobile)) == 1

    def test_retour_keeps_the_flow(self, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
        doctor = doctors.create()
        journey.to_code_screen(doctor)
        page = journey.back()
        assert page.heading == "Sécuriser la création de votre espace"
        page = journey.back()
        assert page.heading == "Créer votre espace"
        page = journey.identify(doctor)
        assert page.heading == "Sécuriser la création de votre espace"


class TestFastLimits:
    """Expiry, cooldown and throttling with the short limits of the monespace-fast realm."""

    @pytest.fixture
    def fast_journey(self, harness) -> Journey:  # type: ignore[no-untyped-def]
        return Journey(Browser(harness.keycloak_url, FAST_REALM, HOME_REDIRECT))

    def test_expired_code(self, fast_journey: Journey, fast_doctors: DoctorFactory, sink: MessageSink) -> None:
        import time

        doctor = fast_doctors.create()
        fast_journey.to_code_screen(doctor)
        code = code_for(sink, doctor, "sms")
        time.sleep(4.5)
        page = fast_journey.enter_code(code)
        assert "a expiré" in page.field_error("code")

    def test_resend_kills_the_old_code_and_is_capped(
        self, fast_journey: Journey, fast_doctors: DoctorFactory, sink: MessageSink
    ) -> None:
        import time

        doctor = fast_doctors.create()
        fast_journey.to_code_screen(doctor)
        first = code_for(sink, doctor, "sms")
        for n in (2, 3):
            time.sleep(2.1)
            page = fast_journey.resend()
            assert "Un nouveau code vous a été envoyé" in page.box_text(), page.text
            assert len(sink.store.sms(to=doctor.mobile)) == n
        time.sleep(2.1)
        page = fast_journey.resend()
        assert "nombre maximal d'envois" in page.box_text()
        latest = code_for(sink, doctor, "sms", 3)
        if latest != first:
            page = fast_journey.enter_code(first)
            assert "incorrect" in page.field_error("code"), "the old code died with the new one"
        page = fast_journey.enter_code(latest)
        assert page.heading == "Finaliser la création de votre espace"

    def test_identity_checks_are_throttled_per_rpps(self, fast_journey: Journey, fast_doctors: DoctorFactory) -> None:
        import time

        doctor = fast_doctors.create()
        fast_journey.open_creation()
        for _ in range(3):
            page = fast_journey.identity("01/01/1970", doctor.rpps)
            assert MISMATCH in page.box_text()
        page = fast_journey.identify(doctor)
        assert "Trop de tentatives" in page.box_text(), "even the right birth date is refused while locked"
        unknown = new_rpps()
        for _ in range(3):
            fast_journey.identity("01/01/1970", unknown)
        assert "Trop de tentatives" in fast_journey.identity("01/01/1970", unknown).box_text(), (
            "unknown RPPS numbers are counted the same way"
        )
        time.sleep(3.2)
        page = fast_journey.identify(doctor)
        assert page.heading == "Sécuriser la création de votre espace", "the lock ends"


class TestCredentials:
    def _to_credentials(self, journey: Journey, doctor: Doctor, sink: MessageSink) -> None:
        journey.to_code_screen(doctor)
        page = journey.enter_code(code_for(sink, doctor, "sms"))
        assert page.heading == "Finaliser la création de votre espace"

    def test_email_already_used(self, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
        taken = f"pris.{new_rpps()}@exemple.fr"
        doctors.create(login_email=taken, password=PASSWORD)
        doctor = doctors.create()
        self._to_credentials(journey, doctor, sink)
        page = journey.credentials(PASSWORD, email=taken.upper())
        assert page.field_error("email").endswith("Un compte est déjà associé à cette adresse mail")

    def test_weak_password_error_next_to_the_field(
        self, journey: Journey, doctors: DoctorFactory, sink: MessageSink
    ) -> None:
        doctor = doctors.create()
        self._to_credentials(journey, doctor, sink)
        page = journey.credentials("court", email=f"a{doctor.rpps}@exemple.fr")
        assert page.field_error("password"), page.text
        assert page.input_value("email") == f"a{doctor.rpps}@exemple.fr", "the e-mail typed is kept"
        assert page.input_value("password") in ("", None), "a password is never sent back"

    def test_mismatched_confirmations(
        self, journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
    ) -> None:
        doctor = doctors.create()
        self._to_credentials(journey, doctor, sink)
        page = journey.credentials(
            PASSWORD,
            email=f"a{doctor.rpps}@exemple.fr",
            email_confirm=f"b{doctor.rpps}@exemple.fr",
            password_confirm=PASSWORD + "x",
        )
        assert "pas identiques" in page.field_error("emailConfirm")
        assert "pas identiques" in page.field_error("passwordConfirm")
        assert "email" not in admin.get_user(doctor.id), "nothing was activated"


class TestGateway:
    def test_gateway_that_hangs_times_out(self, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:
        doctor = doctors.create()
        journey.open_creation()
        journey.identify(doctor)
        sink.faults.sms = "hang"
        sink.faults.hang_seconds = 5
        try:
            page = journey.choose("sms")
        finally:
            sink.faults.sms = "ok"
        assert "Le SMS n'a pas pu être envoyé" in page.box_text()


class TestEventsAndLogs:
    def test_events_carry_the_rpps_and_no_secret(
        self, journey: Journey, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
    ) -> None:
        doctor = doctors.create()
        journey.open_creation()
        journey.identity("01/01/1971", doctor.rpps)
        journey.identify(doctor)
        journey.choose("sms")
        code = code_for(sink, doctor, "sms")
        journey.enter_code("000000" if code != "000000" else "111111")
        journey.enter_code(code)
        journey.credentials(PASSWORD, email=f"ev.{doctor.rpps}@exemple.fr")
        events = admin.connection.raw_get(f"admin/realms/{admin.connection.realm_name}/events", max=200).json()
        mine = [e for e in events if (e.get("details") or {}).get("rpps") == doctor.rpps]
        kinds = {(e["type"], (e.get("details") or {}).get("monespace_step"), e.get("error")) for e in mine}
        assert ("REGISTER_ERROR", "identity", "identity_mismatch") in kinds
        assert ("CUSTOM_REQUIRED_ACTION", "code_sent", None) in kinds
        assert ("CUSTOM_REQUIRED_ACTION_ERROR", "code", "invalid_code") in kinds
        assert ("REGISTER", "activated", None) in kinds
        flat = repr(mine)
        for secret in (code, PASSWORD, doctor.mobile or "", doctor.email or ""):
            assert secret not in flat


def test_keycloak_is_up(harness, realms) -> None:  # type: ignore[no-untyped-def]
    assert requests.get(f"{harness.keycloak_url}/realms/{realms['main']}", timeout=10).status_code == 200


class TestExpiry:
    def test_a_flow_left_alone_expires_with_a_way_to_start_again(
        self,
        harness,
        realms,
        doctors: DoctorFactory,  # type: ignore[no-untyped-def]
    ) -> None:
        import time

        from tests.conftest import EXPIRY_REALM

        journey = Journey(Browser(harness.keycloak_url, EXPIRY_REALM, HOME_REDIRECT))
        journey.open_creation()
        time.sleep(6)  # the expiry realm drops unfinished input after 4 s (10 minutes in production)
        page = journey.identity("17/06/1980", new_rpps())
        assert page.status == 200
        assert "les informations saisies et non validées ont été effacées" in page.box_text()
        assert "registration" in page.link("Créer votre espace"), "a way to start again"
