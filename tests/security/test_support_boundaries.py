"""Issue 14: the permission boundaries of the support of the conseils, written as the attacks.

An agent of the conseil de Paris (75) holds a real token of the support page (password + TOTP)
and tries, through the support endpoint and straight through Keycloak's admin API, to read,
unlock, send a reset link to, sign out and disable a doctor of the conseil du Rhône (69); to
touch another agent and an administrator; to give themselves roles or groups; to read
credentials. A doctor's token and no token at all try the endpoint too. Each attack must be
refused and change nothing; the same request by the doctor's own conseil works (so each refusal
is the boundary's, not a broken request). Every action needs a reason and leaves an admin event
that `monespace support audit` shows: agent, doctor, action, reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from provisioning.cli import main
from tests.conftest import MAIN_REALM
from tests.support.agents import Agent, AgentBrowser, AgentFactory
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.harness import Harness
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps

pytestmark = pytest.mark.security

PASSWORD = "Cabinet-Frontiere-2026!"
REASON = "Appel du médecin, identité vérifiée par téléphone"
ACTIONS = ["unlock", "reset-link", "logout", "disable", "enable"]


@dataclass
class Caller:
    """HTTP with one bearer token (or none): an agent's, a doctor's, an anonymous caller's."""

    keycloak_url: str
    token: Callable[[], str | None]
    calls: list[str] = field(default_factory=list)

    def _headers(self) -> dict[str, str]:
        token = self.token()
        return {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, body: Any = None) -> requests.Response:
        self.calls.append(f"{method} {path}")
        return requests.request(method, f"{self.keycloak_url}/{path}", json=body, headers=self._headers(), timeout=30)

    def support(self, rpps: str, action: str | None = None, reason: str | None = REASON) -> requests.Response:
        path = f"realms/{MAIN_REALM}/monespace-support/doctors/{rpps}"
        if action is None:
            return self.request("GET", path)
        return self.request("POST", f"{path}/{action}", {} if reason is None else {"reason": reason})

    def admin_api(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.request(method, f"admin/realms/{MAIN_REALM}/{path}", body)


@dataclass
class AgentTokens:
    """An agent signed in once to the support page; the access token refreshed as the page does."""

    keycloak_url: str
    agent: Agent
    tokens: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0

    def __call__(self) -> str:
        if not self.tokens:
            browser = AgentBrowser(self.keycloak_url, MAIN_REALM)
            browser.sign_in(self.agent.username, self.agent.password, self.agent.code())
            self.tokens, self.at = browser.tokens(), time.time()
        elif time.time() - self.at > 60:
            reply = requests.post(
                f"{self.keycloak_url}/realms/{MAIN_REALM}/protocol/openid-connect/token",
                data={
                    "grant_type": "refresh_token",
                    "client_id": "monespace-support",
                    "refresh_token": self.tokens["refresh_token"],
                },
                timeout=30,
            )
            reply.raise_for_status()
            self.tokens, self.at = reply.json(), time.time()
        return str(self.tokens["access_token"])


@pytest.fixture(scope="module")
def paris_agent(agents: AgentFactory) -> Agent:
    return agents.create("agents-conseil-75")


@pytest.fixture(scope="module")
def lyon_agent(agents: AgentFactory) -> Agent:
    return agents.create("agents-conseil-69")


@pytest.fixture(scope="module")
def paris(harness: Harness, paris_agent: Agent) -> Caller:
    return Caller(harness.keycloak_url, AgentTokens(harness.keycloak_url, paris_agent))


@pytest.fixture(scope="module")
def lyon(harness: Harness, lyon_agent: Agent) -> Caller:
    return Caller(harness.keycloak_url, AgentTokens(harness.keycloak_url, lyon_agent))


@dataclass
class Signed:
    doctor: Doctor
    browser: Browser
    tokens: dict[str, Any]


def signed_in_doctor(harness: Harness, doctors: DoctorFactory, council: str) -> Signed:
    """A doctor of `council` with an espace and a live session at the home."""
    doctor = doctors.create(council=council, login_email=f"dr.{new_rpps()}@cabinet.fr", password=PASSWORD)
    browser = Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT)
    return Signed(doctor, browser, browser.login_tokens(doctor.login_email or "", PASSWORD))


def lock_login(harness: Harness, doctor: Doctor) -> None:
    """Wrong passwords until Keycloak's brute-force detector locks the doctor's login."""
    for _ in range(5):
        Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).login(doctor.login_email or "", "Mauvais-2026!")


def support_events(admin: KeycloakAdmin, rpps: str) -> list[dict[str, Any]]:
    reply = admin.connection.raw_get(
        f"admin/realms/{MAIN_REALM}/admin-events", resourcePath=f"monespace-support/*/{rpps}/*", max=100
    )
    reply.raise_for_status()
    return list(reply.json())


def brute_force_state(admin: KeycloakAdmin, user_id: str) -> dict[str, Any]:
    reply = admin.connection.raw_get(f"admin/realms/{MAIN_REALM}/attack-detection/brute-force/users/{user_id}")
    reply.raise_for_status()
    return dict(reply.json())


def sessions_of(admin: KeycloakAdmin, user_id: str) -> int:
    return len(admin.get_sessions(user_id))


# --- an agent of another conseil ---------------------------------------------------------------


def test_an_agent_of_another_conseil_cannot_read_or_act_on_a_doctor_through_the_endpoint(
    paris: Caller, lyon: Caller, harness: Harness, doctors: DoctorFactory, admin: KeycloakAdmin, sink: MessageSink
) -> None:
    lyonnais = signed_in_doctor(harness, doctors, "69")
    lock_login(harness, lyonnais.doctor)
    assert brute_force_state(admin, lyonnais.doctor.id)["numFailures"] > 0
    mails_before = len(sink.store.mails())
    unknown = paris.support(new_rpps())

    shown = paris.support(lyonnais.doctor.rpps)
    assert shown.status_code == 404, shown.text
    assert (shown.status_code, shown.text) == (unknown.status_code, unknown.text), "alike an unknown RPPS"
    for action in ACTIONS:
        reply = paris.support(lyonnais.doctor.rpps, action)
        assert reply.status_code == 404, f"{action}: {reply.status_code} {reply.text}"
        assert reply.text == paris.support(new_rpps(), action).text, action

    assert admin.get_user(lyonnais.doctor.id)["enabled"] is True
    assert sessions_of(admin, lyonnais.doctor.id) == 1
    assert lyonnais.browser.refresh(lyonnais.tokens).status_code == 200, "still signed in"
    assert brute_force_state(admin, lyonnais.doctor.id)["numFailures"] > 0, "still locked"
    assert len(sink.store.mails()) == mails_before, "no reset link sent"
    assert support_events(admin, lyonnais.doctor.rpps) == [], "nothing was done, nothing recorded"

    # Their own conseil's agent reaches them: the refusals above are the boundary's.
    assert lyon.support(lyonnais.doctor.rpps).status_code == 200
    assert lyon.support(lyonnais.doctor.rpps, "logout").status_code == 200
    assert sessions_of(admin, lyonnais.doctor.id) == 0


def test_an_agent_of_another_conseil_gets_nothing_through_the_admin_api(
    paris: Caller, lyon: Caller, harness: Harness, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    lyonnais = signed_in_doctor(harness, doctors, "69")
    user = f"users/{lyonnais.doctor.id}"
    before = admin.get_user(lyonnais.doctor.id)

    assert paris.admin_api("GET", f"users?username={lyonnais.doctor.rpps}&exact=true").json() == []
    assert paris.admin_api("GET", "users?q=council:69").json() == []
    assert lyonnais.doctor.id not in paris.admin_api("GET", "users?max=1000").text
    refused = {
        ("GET", user): None,
        ("GET", f"{user}/credentials"): None,
        ("GET", f"{user}/sessions"): None,
        ("GET", f"{user}/groups"): None,
        ("PUT", user): {**before, "enabled": False},
        ("POST", f"{user}/logout"): None,
        ("PUT", f"{user}/reset-password"): {"type": "password", "value": "Pirate-2026!!", "temporary": False},
        ("PUT", f"{user}/execute-actions-email"): ["UPDATE_PASSWORD"],
        ("DELETE", f"attack-detection/brute-force/users/{lyonnais.doctor.id}"): None,
        ("DELETE", user): None,
    }
    for (method, path), body in refused.items():
        reply = paris.admin_api(method, path, body)
        assert reply.status_code in (403, 404), f"{method} {path}: {reply.status_code} {reply.text[:200]}"

    after = admin.get_user(lyonnais.doctor.id)
    assert after["enabled"] is True and after["email"] == before["email"]
    assert sessions_of(admin, lyonnais.doctor.id) == 1
    assert lyonnais.browser.fresh().login_tokens(lyonnais.doctor.login_email or "", PASSWORD), "password unchanged"
    # The Lyon agent sees them (read only): the refusals above are the boundary's.
    seen = lyon.admin_api("GET", f"users?username={lyonnais.doctor.rpps}&exact=true").json()
    assert [u["id"] for u in seen] == [lyonnais.doctor.id]


def test_even_its_own_conseils_doctors_are_read_only_through_the_admin_api_and_credentials_stay_secret(
    paris: Caller, harness: Harness, doctors: DoctorFactory, admin: KeycloakAdmin
) -> None:
    """Through the admin API an agent only reads; every change goes through the endpoint, with a
    reason and an admin event."""
    parisien = signed_in_doctor(harness, doctors, "75")
    user = f"users/{parisien.doctor.id}"
    before = admin.get_user(parisien.doctor.id)
    assert paris.admin_api("GET", user).status_code == 200
    for method, path, body in [
        ("PUT", user, {**before, "enabled": False}),
        ("POST", f"{user}/logout", None),
        ("PUT", f"{user}/reset-password", {"type": "password", "value": "Pirate-2026!!", "temporary": False}),
        ("PUT", f"{user}/execute-actions-email", ["UPDATE_PASSWORD"]),
        ("DELETE", f"attack-detection/brute-force/users/{parisien.doctor.id}", None),
        ("POST", f"{user}/impersonation", None),
        ("DELETE", user, None),
    ]:
        reply = paris.admin_api(method, path, body)
        assert reply.status_code in (403, 404, 501), f"{method} {path}: {reply.status_code} {reply.text[:200]}"
    assert admin.get_user(parisien.doctor.id)["enabled"] is True
    assert sessions_of(admin, parisien.doctor.id) == 1

    credentials = paris.admin_api("GET", f"{user}/credentials")
    if credentials.status_code == 200:
        # Keycloak lists what kinds of credential exist, never their secrets (hash, salt, key).
        assert credentials.json() and all(c.get("secretData") in (None, "") for c in credentials.json())
        stored = admin.connection.raw_get(f"admin/realms/{MAIN_REALM}/{user}/credentials").json()
        assert all(c.get("secretData") in (None, "") for c in stored)
    else:
        assert credentials.status_code == 403
    report = paris.support(parisien.doctor.rpps).text
    assert PASSWORD not in report and "secretData" not in report and "salt" not in report


# --- other agents, administrators, the agent's own rights --------------------------------------


def test_an_agent_cannot_see_or_touch_another_agent_or_an_administrator(
    paris: Caller, agents: AgentFactory, harness: Harness, admin: KeycloakAdmin
) -> None:
    colleague = agents.create("agents-conseil-75")
    national = agents.create("agents-national")
    for other in (colleague, national):
        # Agents have no RPPS: the endpoint knows no doctor by their name.
        assert paris.support(other.username).status_code in (400, 404)
        assert paris.support(other.username, "disable").status_code in (400, 404)
        assert paris.admin_api("GET", f"users/{other.id}").status_code in (403, 404)
        assert paris.admin_api("GET", f"users/{other.id}/credentials").status_code in (403, 404)
        assert paris.admin_api("PUT", f"users/{other.id}", {"enabled": False}).status_code in (403, 404)
        assert paris.admin_api("PUT", f"users/{other.id}/reset-password", {"value": "Pirate-2026!!"}).status_code in (
            403,
            404,
        )
        assert paris.admin_api("DELETE", f"users/{other.id}").status_code in (403, 404)
        assert admin.get_user(other.id)["enabled"] is True
    listed = paris.admin_api("GET", "users?search=agent&max=1000").json()
    assert listed == [], "no agent in an agent's search"
    # The administrators live in the master realm: an agent's token is worth nothing there.
    master_admin = harness.admin("master").get_user_id(harness.admin_user)
    for method, path in [("GET", "admin/realms/master/users"), ("GET", f"admin/realms/master/users/{master_admin}")]:
        assert paris.request(method, path).status_code in (401, 403), path
    assert paris.support(harness.admin_user).status_code in (400, 404)


def test_an_agent_cannot_give_themselves_roles_groups_or_permissions(
    paris: Caller, paris_agent: Agent, agents: AgentFactory, admin: KeycloakAdmin
) -> None:
    me = f"users/{paris_agent.id}"
    roles_before = admin.connection.raw_get(f"admin/realms/{MAIN_REALM}/{me}/role-mappings").json()
    groups_before = [g["name"] for g in admin.get_user_groups(paris_agent.id)]
    realm_admin = admin.get_client_id("realm-management")
    assert realm_admin is not None
    manage_users = admin.get_client_role(realm_admin, "manage-users")
    realm_role = admin.get_realm_role("support-agent")
    permissions_client = admin.get_client_id("admin-permissions")
    attacks: list[tuple[str, str, Any]] = [
        ("POST", f"{me}/role-mappings/clients/{realm_admin}", [manage_users]),
        ("POST", f"{me}/role-mappings/realm", [realm_role]),
        ("PUT", f"{me}/groups/{agents.group_id('agents-national')}", None),
        ("PUT", f"{me}/groups/{agents.group_id('agents-conseil-69')}", None),
        ("PUT", f"{me}/groups/{agents.group_id('conseil-69')}", None),
        ("PUT", me, {"attributes": {"council": ["69"]}}),
        ("GET", f"clients/{permissions_client}/authz/resource-server/permission", None),
        (
            "POST",
            f"clients/{permissions_client}/authz/resource-server/policy/user",
            {"name": "moi", "users": [paris_agent.id]},
        ),
        ("PUT", "", {"adminPermissionsEnabled": False}),
        ("POST", "groups", {"name": "agents-pirates"}),
        ("POST", "users", {"username": "complice", "enabled": True}),
    ]
    for method, path, body in attacks:
        reply = paris.admin_api(method, path, body)
        assert reply.status_code in (403, 404), f"{method} {path}: {reply.status_code} {reply.text[:200]}"
    assert admin.connection.raw_get(f"admin/realms/{MAIN_REALM}/{me}/role-mappings").json() == roles_before
    assert [g["name"] for g in admin.get_user_groups(paris_agent.id)] == groups_before
    assert admin.get_users({"username": "complice", "exact": "true"}) == []


# --- a doctor, an anonymous caller, a forged token ----------------------------------------------


def test_a_doctor_an_anonymous_caller_and_a_forged_token_get_nothing_from_the_support_endpoint(
    harness: Harness, doctors: DoctorFactory, paris: Caller, admin: KeycloakAdmin
) -> None:
    signed = signed_in_doctor(harness, doctors, "75")
    rpps = signed.doctor.rpps
    doctor = Caller(harness.keycloak_url, lambda: str(signed.tokens["access_token"]))
    anonymous = Caller(harness.keycloak_url, lambda: None)
    genuine = str(paris.token())
    head, payload, signature = genuine.split(".")
    forged = Caller(harness.keycloak_url, lambda: f"{head}.{payload}.{signature[::-1]}")
    for caller, status in [(doctor, 403), (anonymous, 401), (forged, 401)]:
        assert caller.support(rpps).status_code == status
        for action in ACTIONS:
            reply = caller.support(rpps, action)
            assert reply.status_code == status, f"{action}: {reply.status_code} {reply.text[:200]}"
            assert "ordinal" not in reply.text
        assert caller.admin_api("GET", "users").status_code in (401, 403)
    assert admin.get_user(signed.doctor.id)["enabled"] is True and sessions_of(admin, signed.doctor.id) == 1
    assert support_events(admin, rpps) == []


def test_a_doctor_cannot_sign_in_where_agents_do_nor_start_the_agents_set_up(
    harness: Harness, doctors: DoctorFactory
) -> None:
    signed = signed_in_doctor(harness, doctors, "75")
    login = signed.doctor.login_email or ""
    for client, redirect in [
        ("monespace-support", "http://localhost:8001/auth/callback"),
        ("security-admin-console", f"{harness.keycloak_url}/admin/{MAIN_REALM}/console/"),
    ]:
        browser = AgentBrowser(harness.keycloak_url, MAIN_REALM, client_id=client, redirect_uri=redirect)
        page = browser.sign_in(login, PASSWORD, None)
        assert not browser.signed_in, f"{client}: {page.text[:200]}"
        assert page.has_field("username"), "the agents' form again, nothing else"
        # The doctor's own RPPS as a username does not get further either.
        page = browser.sign_in(signed.doctor.rpps, PASSWORD, None)
        assert not browser.signed_in and page.has_field("username")
    # The agents' set-up (password + a TOTP app) cannot be started by a doctor from the home.
    signed.browser.get(signed.browser.authorize_url(kc_action="monespace-agent-setup"))
    assert signed.browser.redirected_to_app
    assert "kc_action_status=error" in signed.browser.app_redirect()


# --- reasons and the audit ------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_needs_a_reason_and_is_audited_with_agent_doctor_action_and_reason(
    action: str,
    paris: Caller,
    paris_agent: Agent,
    harness: Harness,
    doctors: DoctorFactory,
    admin: KeycloakAdmin,
) -> None:
    signed = signed_in_doctor(harness, doctors, "75")
    rpps = signed.doctor.rpps
    if action == "enable":
        admin.update_user(signed.doctor.id, {"enabled": False})
    enabled_before = admin.get_user(signed.doctor.id)["enabled"]
    for reason in (None, "", "    "):
        reply = paris.support(rpps, action, reason)
        assert reply.status_code == 400 and reply.json()["error"] == "reason_required", reply.text
    assert admin.get_user(signed.doctor.id)["enabled"] == enabled_before
    assert [e for e in support_events(admin, rpps) if e["details"].get("action") == action] == []

    reason = f"Motif {action} : appel du {time.strftime('%d/%m')}"
    reply = paris.support(rpps, action, reason)
    assert reply.status_code == 200, reply.text
    (event,) = [e for e in support_events(admin, rpps) if e["details"].get("action") == action]
    assert event["details"]["agent"] == paris_agent.username and event["details"]["reason"] == reason
    assert event["details"]["rpps"] == rpps and event["authDetails"]["userId"] == paris_agent.id

    audit = CliRunner().invoke(
        main,
        ["support", "audit", "--council", "75", "--rpps", rpps],
        env={
            "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
            "MONESPACE_ADMIN_USER": harness.admin_user,
            "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
            "MONESPACE_REALM": MAIN_REALM,
        },
    )
    assert audit.exit_code == 0, audit.output
    (line,) = [line for line in audit.output.splitlines() if f"« {reason} »" in line]
    assert paris_agent.username in line and rpps in line
