"""A reset link dies with any change of the login e-mail, even one that comes back to the same
address: before, A → B → A in Paramètres revived every link sent to A in the last 24 hours."""

from __future__ import annotations

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import last_mail, link_in
from tests.support.oidc import Browser
from tests.support.rpps import new_rpps
from tests.support.settings_screen import open_settings, save, status_of

PASSWORD = "Ancien-Mot-De-Passe-1!"
NEW_PASSWORD = "Nouveau-Cabinet-2027?"
DEAD = "n'est plus valable"


def ask_link(browser: Browser, email: str, sink: MessageSink, count: int) -> str:
    journey = Journey(browser)
    journey.open_reset()
    assert "vous allez recevoir" in journey.request_reset(email).box_text()
    return link_in(last_mail(sink, email, count).text)


def test_a_to_b_to_a_kills_the_links_sent_to_a(
    browser: Browser, doctors: DoctorFactory, sink: MessageSink, admin: KeycloakAdmin
) -> None:
    first, second = f"a.{new_rpps()}@exemple.fr", f"b.{new_rpps()}@exemple.fr"
    doctor = doctors.create(login_email=first, password=PASSWORD)
    old_link = ask_link(browser.fresh(), first, sink, 1)

    for email in (second, first):
        signed_in = browser.fresh()
        open_settings(signed_in, doctor)
        save(signed_in, PASSWORD, email)
        assert status_of(signed_in) == "success"
        doctor.login_email = email
    assert admin.get_user(doctor.id)["email"] == first

    assert DEAD in browser.fresh().get(old_link).text, "the link sent before the changes is dead"
    stamp = admin.get_user(doctor.id)["attributes"].get("loginEmailStamp")
    assert stamp, "what kills it is kept with the doctor (declared in the user profile, so it persists)"

    new_link = ask_link(browser.fresh(), first, sink, 3)  # the change notices went to A as well
    phone = browser.fresh()
    assert phone.get(new_link).heading == "Paramètres", "a link asked for since works, in another browser"
    page = phone.submit({"password-new": NEW_PASSWORD, "password-confirm": NEW_PASSWORD})
    assert page.response.is_redirect, page.text
    assert browser.fresh().login(first, NEW_PASSWORD).response.is_redirect
