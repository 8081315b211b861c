"""Support of the conseils over HTTP (README « Support des conseils »): what an agent sees of a doctor, the
actions with their reason and their admin event, the CLI twins of national support, the agents'
own accounts. The permission boundaries are attacked in tests/security/test_support_boundaries.py."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from typing import Any

import pytest
import requests
from click.testing import CliRunner, Result
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from provisioning.cli import main
from tests.conftest import MAIN_REALM
from tests.support.agents import Agent, AgentBrowser, AgentFactory, agent_token, totp
from tests.support.attacks import MISMATCH, THROTTLED, new_address, speak_for
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.messages import code_for, last_mail, link_in
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps

PASSWORD = "Cabinet-Support-2026!"
REASON = "Appel du médecin, identité vérifiée par téléphone"


class Support:
    """The support endpoint, called with one agent's token as the support page calls it."""

    def __init__(self, keycloak_url: str, token: str) -> None:
        self.base = f"{keycloak_url}/realms/{MAIN_REALM}/monespace-support/doctors"
        self.headers = {"Authorization": f"Bearer {token}"}

    def show(self, rpps: str) -> requests.Response:
        return requests.get(f"{self.base}/{rpps}", headers=self.headers, timeout=30)

    def report(self, rpps: str) -> dict[str, Any]:
        reply = self.show(rpps)
        assert reply.status_code == 200, reply.text
        return dict(reply.json())

    def act(self, rpps: str, action: str, reason: str = REASON, **body: Any) -> requests.Response:
        return self.post(rpps, action, {"reason": reason, **body})

    def post(self, rpps: str, action: str, body: dict[str, Any]) -> requests.Response:
        return requests.post(f"{self.base}/{rpps}/{action}", json=body, headers=self.headers, timeout=30)


@pytest.fixture(scope="module")
def agent(agents: AgentFactory) -> Agent:
    return agents.create("agents-conseil-75")


@pytest.fixture
def support_api(harness: Harness, agent: Agent) -> Support:
    return Support(harness.keycloak_url, agent_token(harness.keycloak_url, MAIN_REALM, agent))


def limits_of(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {limit["id"]: limit for limit in report.get("limits") or []}


def lock_identity(journey: Journey, doctor: Doctor) -> None:
    """Five wrong birth dates for the doctor's RPPS (from an address of this test's own)."""
    speak_for(journey.browser, new_address())
    journey.open_creation()
    for _ in range(5):
        assert MISMATCH in journey.identity("01/01/1970", doctor.rpps).box_text()
    assert THROTTLED in journey.identify(doctor).box_text()


def support_events(admin: KeycloakAdmin, rpps: str) -> list[dict[str, Any]]:
    reply = admin.connection.raw_get(
        f"admin/realms/{MAIN_REALM}/admin-events", resourcePath=f"monespace-support/*/{rpps}/*", max=100
    )
    reply.raise_for_status()
    return list(reply.json())


def test_an_agent_sees_why_a_doctor_is_blocked_lifts_it_and_the_doctor_goes_on(
    support_api: Support, agent: Agent, journey: Journey, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = doctors.create()
    lock_identity(journey, doctor)
    before = time.time()
    report = support_api.report(doctor.rpps)
    identity = limits_of(report)["identity-rpps"]
    assert identity["locked"] is True and identity["refusing"] is True
    assert before + 800 < identity["until"] <= before + 901, "the 15-minute lock's end"
    assert limits_of(report)["identity-rpps-day"]["used"] == 5
    steps = [(e["type"], e.get("step"), e.get("error")) for e in report["events"]]
    assert steps.count(("REGISTER_ERROR", "identity", "identity_mismatch")) == 5, "found by the RPPS they carry"
    assert report["ordinal"]["council"] == "75" and report["espace"]["activated"] is False

    lifted = support_api.act(doctor.rpps, "unlock", limits=["identity-rpps", "identity-rpps-day"])
    assert lifted.status_code == 200, lifted.text
    assert lifted.json()["outcome"]["lifted"] == "identity-rpps,identity-rpps-day"
    assert limits_of(lifted.json()["doctor"]) == {}

    journey.open_creation()
    assert journey.identify(doctor).heading == "Sécuriser la création de votre espace", "the doctor goes on"
    (event,) = [e for e in support_events(admin, doctor.rpps) if e["details"].get("action") == "unlock"]
    assert event["details"]["agent"] == agent.username
    assert event["details"]["rpps"] == doctor.rpps and event["details"]["council"] == "75"
    assert event["details"]["reason"] == REASON
    assert event["authDetails"]["userId"] == agent.id
    assert event["resourcePath"] == f"monespace-support/75/{doctor.rpps}/unlock"


def test_the_report_holds_no_code_no_password_and_masked_contact_details(
    support_api: Support, journey: Journey, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create(login_email=f"dr.{time.monotonic_ns()}@cabinet.fr", password=PASSWORD)
    assert doctor.mobile and doctor.email and doctor.login_email
    speak_for(journey.browser, new_address())
    journey.open_recovery()
    assert journey.identify(doctor).heading == "Sécuriser la récupération de votre espace"
    assert journey.choose("sms").heading == "Vous devez saisir le code reçu"
    code = code_for(sink, doctor, "sms")
    reply = support_api.show(doctor.rpps)
    text = reply.text
    for secret in (code, PASSWORD, doctor.mobile, doctor.email, doctor.login_email):
        assert secret not in text, "the report shows neither codes, passwords nor full contact details"
    report = reply.json()
    assert report["ordinal"]["mobile"] == f"{doctor.mobile[:5]}***{doctor.mobile[-2:]}"
    assert (
        report["ordinal"]["correspondenceEmail"].endswith("@exemple.fr")
        and "***" in report["ordinal"]["correspondenceEmail"]
    )
    assert report["espace"]["loginEmail"].endswith("@cabinet.fr") and "***" in report["espace"]["loginEmail"]
    limits = limits_of(report)
    assert limits["code-sends-doctor"]["used"] == 1 and not limits["code-sends-doctor"]["refusing"]
    assert limits["code-cooldown"]["refusing"] is True, "a second code must wait the cooldown"
    sent = [e for e in report["events"] if e.get("step") == "code_sent"]
    assert sent and sent[0]["channel"] == "sms"


@pytest.mark.parametrize(
    "body, error",
    [
        ({}, "reason_required"),
        ({"reason": "   ok  "}, "reason_required"),
        ({"reason": "x" * 501}, "reason_invalid"),
        ({"reason": "motif\u0000caché"}, "reason_invalid"),
        ({"reason": REASON, "limits": ["no-such-limit"]}, "unknown_limit"),
    ],
)
def test_every_action_needs_a_reason_and_names_real_limits(
    body: dict[str, Any], error: str, support_api: Support, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = doctors.create()
    reply = support_api.post(doctor.rpps, "unlock", body)
    assert reply.status_code == 400 and reply.json()["error"] == error
    assert [e for e in support_events(admin, doctor.rpps) if e["details"].get("action") == "unlock"] == []


def test_a_reset_link_sent_by_support_reaches_the_login_address_and_works(
    support_api: Support, doctors: DoctorFactory, sink: MessageSink, harness: Harness
) -> None:
    login = f"dr.{time.monotonic_ns()}@cabinet.fr"
    doctor = doctors.create(login_email=login, password=PASSWORD)
    reply = support_api.act(doctor.rpps, "reset-link")
    assert reply.status_code == 200, reply.text
    link = link_in(last_mail(sink, login).text)
    page = Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).get(link)
    assert "Vous venez d'utiliser votre lien de connexion unique" in page.text, page.text[:300]
    assert support_api.act(doctors.create().rpps, "reset-link").json()["error"] == "no_espace"


def test_ending_the_sessions_signs_the_doctor_out_everywhere(
    support_api: Support, doctors: DoctorFactory, browser: Browser
) -> None:
    login = f"dr.{time.monotonic_ns()}@cabinet.fr"
    doctor = doctors.create(login_email=login, password=PASSWORD)
    tokens = browser.login_tokens(login, PASSWORD)
    assert support_api.report(doctor.rpps)["espace"]["sessions"] == 1
    reply = support_api.act(doctor.rpps, "logout")
    assert reply.status_code == 200 and reply.json()["outcome"]["sessionsEnded"] == "1"
    assert browser.refresh(tokens).status_code == 400, "the doctor's refresh token is dead"


def test_disabling_and_re_enabling_the_espace_never_touches_the_ordinal_status(
    support_api: Support, doctors: DoctorFactory, harness: Harness, admin: KeycloakAdmin
) -> None:
    login = f"dr.{time.monotonic_ns()}@cabinet.fr"
    doctor = doctors.create(login_email=login, password=PASSWORD)
    assert support_api.act(doctor.rpps, "disable").status_code == 200
    refused = Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT)
    refused.login(login, PASSWORD)
    assert not refused.redirected_to_app
    report = support_api.report(doctor.rpps)
    assert report["espace"]["enabled"] is False and report["ordinal"]["status"] == "inscrit"
    assert support_api.act(doctor.rpps, "enable").status_code == 200
    assert Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).login_tokens(login, PASSWORD)
    struck_off = doctors.create(status="radie")
    reply = support_api.act(struck_off.rpps, "enable")
    assert reply.status_code == 409 and reply.json()["error"] == "status_inactive"
    assert admin.get_user(struck_off.id)["enabled"] is False


def test_the_login_lockout_is_shown_with_its_end_and_lifted(
    support_api: Support, doctors: DoctorFactory, harness: Harness
) -> None:
    login = f"dr.{time.monotonic_ns()}@cabinet.fr"
    doctor = doctors.create(login_email=login, password=PASSWORD)
    for _ in range(5):
        Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).login(login, "Mauvais-Mot-2026!")
    lockout = limits_of(support_api.report(doctor.rpps))["login-lockout"]
    # Failures less than a second apart lock at once (quickLoginCheckMilliSeconds).
    assert lockout["locked"] is True and lockout["used"] >= 2 and lockout["until"] > time.time()
    assert support_api.act(doctor.rpps, "unlock", limits=["login-lockout"]).json()["outcome"]["lifted"] == (
        "login-lockout"
    )
    assert Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).login_tokens(login, PASSWORD)


# --- the CLI twins of national support ------------------------------------------------------------


def cli(harness: Harness, *args: str) -> Result:
    env = {
        "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
        "MONESPACE_ADMIN_USER": harness.admin_user,
        "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
        "MONESPACE_REALM": MAIN_REALM,
    }
    return CliRunner().invoke(main, ["support", *args], env=env)


def test_national_support_shows_and_unlocks_from_the_cli(
    harness: Harness, journey: Journey, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    doctor = doctors.create(council="69", first_name="Jean", last_name="Lyonnais")
    lock_identity(journey, doctor)
    shown = cli(harness, "show", doctor.rpps)
    assert shown.exit_code == 0, shown.output
    assert f"MME Jean Lyonnais — RPPS {doctor.rpps} — conseil 69 — Inscrit" in shown.output
    assert re.search(
        r"Vérifications d'identité \(RPPS\) : Verrouillé jusqu'au \d\d/\d\d/\d{4} à \d\d:\d\d", shown.output
    )
    assert "identité refusée — date de naissance ou RPPS ne correspondent pas à Ordinal" in shown.output
    assert json.loads(cli(harness, "show", doctor.rpps, "--json").output)["rpps"] == doctor.rpps
    assert cli(harness, "unlock", doctor.rpps, "--reason", "no").exit_code == 2
    unlocked = cli(harness, "unlock", doctor.rpps, "--reason", "Courrier du médecin au CNOM")
    assert unlocked.exit_code == 0, unlocked.output
    assert "Vérifications d'identité (RPPS) [identity-rpps]" in unlocked.output
    (event,) = [e for e in support_events(admin, doctor.rpps) if e["details"].get("action") == "unlock"]
    assert event["details"]["agent"] == harness.admin_user, "the admin who ran the CLI is named"
    assert cli(harness, "show", new_rpps()).exit_code == 3
    assert cli(harness, "show", "1234").exit_code == 2


def test_the_audit_prints_one_councils_actions_with_agent_rpps_and_reason(
    harness: Harness, support_api: Support, agent: Agent, doctors: DoctorFactory
) -> None:
    doctor = doctors.create()
    assert support_api.act(doctor.rpps, "logout", reason="Poste partagé au cabinet").status_code == 200
    other = doctors.create(council="69")
    assert cli(harness, "unlock", other.rpps, "--reason", "Autre conseil").exit_code == 0
    printed = cli(harness, "audit", "--council", "75", "--since", date.today().isoformat())
    assert printed.exit_code == 0, printed.output
    (line,) = [line for line in printed.output.splitlines() if doctor.rpps in line and "Fermeture" in line]
    assert agent.username in line and "conseil 75" in line and "« Poste partagé au cabinet »" in line
    assert other.rpps not in printed.output, "another conseil's actions are not listed"
    as_json = cli(harness, "audit", "--council", "75", "--rpps", doctor.rpps, "--json")
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert [r["action"] for r in rows] == ["logout"]
    assert rows[0]["agent"] == agent.username and rows[0]["reason"] == "Poste partagé au cabinet"
    assert cli(harness, "audit", "--council", "Paris").exit_code == 2


# --- agents' accounts ------------------------------------------------------------------------------


def test_a_new_agent_chooses_a_password_and_enrols_a_totp_app_then_signs_in_with_both(
    harness: Harness, admin: KeycloakAdmin
) -> None:
    username = f"agent.nouveau.{time.monotonic_ns() % 100000}"
    added = cli(harness, "agent", "add", username, "--council", "75", "--first-name", "Nina", "--last-name", "Neuve")
    assert added.exit_code == 0, added.output
    temporary = added.output.rsplit(": ", 1)[-1].strip()
    browser = AgentBrowser(harness.keycloak_url, MAIN_REALM)
    browser.open()
    page = browser.submit({"username": username, "password": temporary})
    assert page.heading == "Mise en service de votre compte d'agent", page.text[:300]
    key = page.text_of("me-agent-totp-key").replace(" ", "")
    secret = base32_decode(key)
    new_password = "Agent-Neuve-Paris-2026!"
    page = browser.submit({"password-new": new_password, "password-confirm": new_password, "totp": "000000"})
    assert "Code incorrect" in page.field_error("totp"), "a wrong code enrols nothing"
    page = browser.submit({"password-new": new_password, "password-confirm": new_password, "totp": totp(secret)})
    assert browser.signed_in, page.text[:300]
    credentials = {c["type"] for c in admin.get_credentials(admin.get_user_id(username))}
    assert credentials == {"password", "otp"}
    time.sleep(30 - time.time() % 30 + 0.5)  # the next code: a code is accepted once
    again = AgentBrowser(harness.keycloak_url, MAIN_REALM)
    again.sign_in(username, new_password, totp(secret))
    assert again.signed_in
    assert AgentBrowser(harness.keycloak_url, MAIN_REALM).sign_in(username, temporary, None).has_field("username")


def base32_decode(text: str) -> bytes:
    import base64

    return base64.b32decode(text + "=" * (-len(text) % 8))
