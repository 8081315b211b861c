"""The surface inventory: everything the applied realm exposes is declared in realm/ or shown refused.

Each list is read from Keycloak (server info, the realm's representation, the HTTP paths of its
services jar), never typed here; a surface is then either declared in realm/ (and Keycloak holds
it as declared: `realm plan` finds nothing to do) or attacked and shown refused, for an anonymous
caller and for a signed-in doctor. An upgrade bringing a new client, grant type, required action,
flow binding, realm switch, client registration provider, realm endpoint, login protocol or
action token fails here, by name, until realm/ and this inventory say what becomes of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from keycloak import KeycloakAdmin

from monespace_home.settings import SETTINGS_ACTION
from provisioning.devstack.distribution import PROVIDER_JAR
from provisioning.realm import DesiredRealm, load_desired, plan_realm
from provisioning.realm.schema import BINDING_FIELDS
from tests.conftest import (
    EXPIRY_LIMITS,
    EXPIRY_REALM,
    FAST_LIMITS,
    FAST_REALM,
    MAIN_REALM,
    common_realm_values,
)
from tests.support.account_actions import STOCK_ACTIONS, ask_action
from tests.support.doctors import DoctorFactory
from tests.support.grants import client_credentials
from tests.support.harness import Harness
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps
from tests.support.surfaces import (
    CIBA,
    DEVICE_CODE,
    JWT_BEARER,
    TOKEN_EXCHANGE,
    UMA_TICKET,
    Attacker,
    Doctor,
    allowed_grants,
    declared_paths,
    providers,
    server_info,
    services_jar,
)

PASSWORD = "Cabinet-Inventaire-2026!"
#: Grant types this inventory can attack (Attacker.granted); a new one reported by Keycloak fails.
PROBED_GRANTS = {
    "authorization_code",
    "refresh_token",
    "password",
    "client_credentials",
    DEVICE_CODE,
    CIBA,
    TOKEN_EXCHANGE,
    JWT_BEARER,
    UMA_TICKET,
}
#: The realm's endpoints (RealmsResource @Paths) and what keeps each one ours.
REALM_ENDPOINTS = {
    "{realm}": "public: the realm's name and public key",
    "{realm}/.well-known/{provider}": "public metadata (well-known providers)",
    "{realm}/.well-known/{alias}": "public metadata (well-known providers)",
    "{realm}/protocol/{protocol}": "login protocols: test_login_protocols_are_those_of_declared_clients",
    "{realm}/login-actions": "test_login_actions_run_only_declared_flows",
    "{realm}/account": "test_account_rest_api_refuses_anonymous_and_doctors",
    "{realm}/clients-registrations": "test_client_registration_refuses_anonymous_and_doctors",
    "{realm}/authz": "test_authorization_services_refuse_anonymous_and_doctors",
    "{realm}/broker": "test_no_identity_provider",
    "{realm}/clients-managements": "adapters' node registration: confidential clients only (refused below)",
    "{realm}/clients/{client_id}/redirect": "public: redirect to a client's own base URL",
    "{realm}/{extension}": "test_realm_extensions_are_ours_or_refused",
}
#: login-actions endpoints (LoginActionsService @Paths) → the realm binding whose declared flow
#: they run (None: they run no flow of their own and refuse a caller without a flow in progress).
LOGIN_ACTIONS: dict[str, str | None] = {
    "authenticate": "browserFlow",
    "registration": "registrationFlow",
    "reset-credentials": "resetCredentialsFlow",
    "first-broker-login": "firstBrokerLoginFlow",
    "post-broker-login": None,
    "required-action": None,
    "action-token": None,
    "consent": None,
    "restart": None,
    "detached-info": None,
}
#: Realm REST extensions: ours, and Keycloak's device verification page (no client allows the
#: device grant: test_every_grant_type_is_declared_or_refused shows it).
REALM_EXTENSIONS = {
    "monespace-sync": "ours",
    "monespace-legacy": "ours",
    "monespace-support": "ours: test_support_boundaries.py attacks it as agents of another conseil",
    "device": DEVICE_CODE,
}
#: Action tokens Keycloak can handle → why none can be obtained by a doctor in this realm.
ACTION_TOKENS = {
    "monespace-reset": "ours: the reset link (flows.yaml monespace-reset)",
    "reset-credentials": "sent by reset-credential-email, in no bound flow",
    "verify-email": "VERIFY_EMAIL disabled and verifyEmail false",
    "update-email": "UPDATE_EMAIL disabled",
    "execute-actions": "sent by an administrator; runs only enabled required actions",
    "idp-verify-account-via-email": "no identity provider",
    "ORGIVT": "organizationsEnabled false",
    "credential-offer": "verifiableCredentialsEnabled false",
}


@pytest.fixture(scope="module")
def doctor(harness: Harness, realms: dict[str, str], doctors: DoctorFactory) -> Iterator[Doctor]:
    """A doctor signed in at the home, whose session, tokens and password an attacker holds."""
    email = f"inventaire.{new_rpps()}@exemple.fr"
    doctors.create(login_email=email, password=PASSWORD)
    browser = Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT)
    yield Doctor(browser, email, PASSWORD, browser.login_tokens(email, PASSWORD))


@pytest.fixture(scope="module")
def attacker(harness: Harness, admin: KeycloakAdmin, doctor: Doctor) -> Attacker:
    return Attacker(harness.keycloak_url, MAIN_REALM, admin, doctor)


@pytest.fixture(scope="module")
def info(admin: KeycloakAdmin) -> dict[str, Any]:
    return server_info(admin)


@pytest.fixture(scope="module")
def desired(harness: Harness, home_port: int, support_port: int) -> DesiredRealm:
    return load_desired(values={"realm": MAIN_REALM, **common_realm_values(harness, home_port, support_port)})


@pytest.fixture(scope="module")
def jar(harness: Harness) -> Path:
    if harness.log_path is None:
        pytest.skip("Keycloak's jars are not on this machine (container backend)")
    return services_jar(harness.log_path)


def realm_get(admin: KeycloakAdmin, path: str = "") -> Any:
    reply = admin.connection.raw_get(f"admin/realms/{MAIN_REALM}{'/' + path if path else ''}")
    reply.raise_for_status()
    return reply.json()


# --- declared in realm/, and held as declared ------------------------------------------------------


@pytest.mark.parametrize("realm, limits", [(MAIN_REALM, {}), (FAST_REALM, FAST_LIMITS), (EXPIRY_REALM, EXPIRY_LIMITS)])
def test_realm_plan_finds_nothing_to_do_stock_objects_included(
    realm: str, limits: dict[str, object], harness: Harness, realms: dict[str, str], home_port: int, support_port: int
) -> None:
    wanted = load_desired(values={"realm": realm, **common_realm_values(harness, home_port, support_port), **limits})
    plan = plan_realm(harness.admin("master"), wanted)
    assert plan.changes == [], [str(c) for c in plan.changes]


def test_every_client_is_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    found = {c["clientId"] for c in admin.get_clients()}
    assert found - {c.client_id for c in desired.clients} == set()


def test_every_client_scope_is_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    found = {s["name"] for s in realm_get(admin, "client-scopes")}
    present = {s.name for s in desired.client_scopes if s.present}
    assert found == present


def test_every_flow_binding_is_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    realm = realm_get(admin)
    bindings = {key for key, value in realm.items() if key.endswith("Flow") and isinstance(value, str)}
    assert bindings == set(BINDING_FIELDS.values()), "a flow binding realm/ cannot declare"
    declared = {field: flow.alias for flow in desired.flows for field in flow.binding_fields}
    assert {field: realm[field] for field in bindings} == declared
    # Client overrides (the agents' sign-in of the support page and the realm's admin console):
    # those realm/ declares, bound to the declared flow's current version, and no other.
    alias_of = {f["id"]: f["alias"] for f in realm_get(admin, "authentication/flows")}
    overrides = {
        c["clientId"]: {binding: alias_of.get(flow, flow) for binding, flow in found.items()}
        for c in admin.get_clients()
        if (found := c["authenticationFlowBindingOverrides"])
    }
    assert overrides == {
        c.client_id: {binding: desired.flow(name).alias for binding, name in c.flow_overrides.items()}
        for c in desired.clients
        if c.flow_overrides
    }
    assert set(overrides) == {"monespace-support", "security-admin-console"}
    assert all(o == {"browser": desired.flow("monespace-agents").alias} for o in overrides.values())


def test_every_realm_switch_is_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    switches = {
        key
        for key, value in realm_get(admin).items()
        if isinstance(value, bool) and key.endswith(("Enabled", "Allowed"))
    }
    assert switches - set(desired.settings) == set(), "declare it in realm/realm.yaml"


def test_every_required_action_is_declared(admin: KeycloakAdmin, info: dict[str, Any], desired: DesiredRealm) -> None:
    registered = {a["alias"] for a in realm_get(admin, "authentication/required-actions")}
    deployed = providers(info, "required-action")
    declared = {a.alias for a in desired.required_actions}
    assert (deployed | registered) - declared == set()
    enabled = {a["alias"] for a in realm_get(admin, "authentication/required-actions") if a["enabled"]}
    assert enabled == {a.alias for a in desired.required_actions if a.enabled}
    assert set(STOCK_ACTIONS) <= deployed, "test_account_actions.py attacks actions this Keycloak has"


def test_kc_action_starts_no_other_action_than_parametres(
    info: dict[str, Any], harness: Harness, doctor: Doctor
) -> None:
    """Keycloak's own actions are attacked one by one in test_account_actions.py; any other one
    deployed (ours, or one an upgrade brings) is asked for here."""
    others = sorted(providers(info, "required-action") - set(STOCK_ACTIONS) - {SETTINGS_ACTION})
    started = []
    for action in others:
        browser = doctor.browser.fresh()
        browser.login_tokens(doctor.email, doctor.password)
        if ask_action(browser, action) != "error":
            started.append(action)
    assert started == []


def test_every_client_redirect_is_exact_and_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    """The support page and the agents' console included: a code or a logout goes back to the
    URIs realm/ names, exactly (no wildcard), and nowhere else."""
    declared = {c.client_id: c for c in desired.clients}
    for client in admin.get_clients():
        wanted = declared[client["clientId"]]
        found = sorted(client.get("redirectUris") or [])
        assert found == sorted(wanted.fields.get("redirectUris") or []), client["clientId"]
        assert not any("*" in uri for uri in found), client["clientId"]
        post_logout = (client.get("attributes") or {}).get("post.logout.redirect.uris", "")
        assert post_logout == wanted.attributes.get("post.logout.redirect.uris", post_logout), client["clientId"]
        # "+" is "the redirect URIs", exact above.
        assert "*" not in post_logout, client["clientId"]
    support = declared["monespace-support"]
    assert support.fields["redirectUris"] and all(
        uri.endswith("/auth/callback") for uri in support.fields["redirectUris"]
    )
    assert support.fields["publicClient"] is True and support.fields["directAccessGrantsEnabled"] is False


def test_every_group_and_realm_role_is_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    """Groups give rights (an agents' group, its role, its permission): none but realm/'s, with
    exactly the roles realm/ gives them."""
    groups = admin.get_groups({"briefRepresentation": "false", "max": "10000"})
    declared = {g.name: g for g in desired.groups}
    assert {g["name"] for g in groups} == set(declared)
    assert all(g.get("subGroupCount", 0) == 0 for g in groups), "no subgroup"
    for group in groups:
        wanted = declared[group["name"]]
        assert sorted(group.get("realmRoles") or []) == sorted(wanted.realmRoles), group["name"]
        assert {c: sorted(r) for c, r in (group.get("clientRoles") or {}).items()} == {
            c: sorted(r) for c, r in wanted.clientRoles.items()
        }, group["name"]
    stock = {"offline_access", "uma_authorization", f"default-roles-{MAIN_REALM}"}
    roles = {r["name"] for r in admin.get_realm_roles()}
    assert roles - stock == {r["name"] for r in desired.realm_roles}
    agent_role = admin.get_composite_realm_roles_of_role("support-agent")
    assert {r["name"] for r in agent_role} == {"query-users"}, "query-users, nothing more"


def test_admin_permissions_are_exactly_those_declared(admin: KeycloakAdmin, desired: DesiredRealm) -> None:
    """Fine-grained admin permissions (v2): only realm/support.yaml's policies and permissions,
    each permission granting `view-members` of one doctors' group, nothing on users, clients,
    roles or the agents' groups."""
    assert desired.admin_permissions is not None and realm_get(admin)["adminPermissionsEnabled"] is True
    client = admin.get_client_id("admin-permissions")
    server = f"clients/{client}/authz/resource-server"
    policies = realm_get(admin, f"{server}/policy?max=10000&permission=false")
    permissions = realm_get(admin, f"{server}/permission?max=10000")
    assert {p["name"] for p in policies} == {p.name for p in desired.admin_permissions.policies}
    assert all(p["type"] == "group" for p in policies)
    assert {p["name"] for p in permissions} == {p.name for p in desired.admin_permissions.permissions}
    for permission in permissions:
        assert permission["resourceType"] == "Groups", permission["name"]
        scopes = realm_get(admin, f"{server}/policy/{permission['id']}/scopes")
        assert [s["name"] for s in scopes] == ["view-members"], permission["name"]
        resources = realm_get(admin, f"{server}/policy/{permission['id']}/resources")
        groups = {g["id"]: g["name"] for g in admin.get_groups({"max": "10000"})}
        named = [groups.get(r["name"], r["name"]) for r in resources]
        assert len(named) == 1 and named[0].startswith("conseil-"), (permission["name"], named)


def test_no_identity_provider(admin: KeycloakAdmin) -> None:
    assert realm_get(admin, "identity-provider/instances") == []


# --- attacked and refused ------------------------------------------------------------------------


def test_every_grant_type_is_declared_or_refused(
    attacker: Attacker, admin: KeycloakAdmin, info: dict[str, Any], desired: DesiredRealm
) -> None:
    grants = providers(info, "oauth2-grant-type")
    assert grants - PROBED_GRANTS == set(), "a grant type this inventory cannot attack yet"
    declared = {c.client_id: allowed_grants(c) for c in desired.clients}
    unexpected, missing = [], []
    for client in admin.get_clients():
        for grant in sorted(grants):
            obtained = attacker.granted(grant, client)
            if obtained and grant not in declared[client["clientId"]]:
                unexpected.append(f"{client['clientId']}: {grant}")
            if not obtained and grant in declared[client["clientId"]]:
                missing.append(f"{client['clientId']}: {grant}")
    assert unexpected == [], "grants neither declared nor refused"
    # The probes are real: what realm/ allows, they obtain. The agents' clients (their sign-in is
    # the agents' flow) are declared for agents and refused to the doctor the attacker holds:
    # test_support_boundaries.py signs agents in to them and shows doctors refused.
    agents_only = {
        c.client_id for c in desired.clients if (c.flow_overrides or {}).get("browser") == "monespace-agents"
    }
    assert agents_only == {"monespace-support", "security-admin-console"}
    assert [m for m in missing if m.split(":")[0] not in agents_only] == []


def test_no_client_answers_an_implicit_or_hybrid_request(attacker: Attacker, admin: KeycloakAdmin) -> None:
    answered = [
        f"{client['clientId']}: {response_type}"
        for client in admin.get_clients()
        for response_type in ("token", "id_token", "id_token token", "code id_token", "code token")
        if attacker.authorization(client, response_type)
    ]
    assert answered == []


def test_home_cannot_ask_for_offline_access(attacker: Attacker, doctor: Doctor) -> None:
    page = doctor.browser.get(doctor.browser.authorize_url(scope="openid offline_access"))
    assert not page.response.is_redirect or "code=" not in page.response.headers["Location"], page.text[:200]
    tokens = doctor.browser.fresh().login_tokens(doctor.email, doctor.password)
    assert "offline_access" not in tokens.get("scope", "").split()


def test_account_rest_api_refuses_anonymous_and_doctors(
    attacker: Attacker, doctor: Doctor, jar: Path, admin: KeycloakAdmin
) -> None:
    paths = declared_paths(jar, "org.keycloak.services.resources.account.AccountRestService")
    assert "/credentials" in paths and "/sessions" in paths
    answered = []
    for path in sorted(paths):
        url = f"{attacker.realm_url}/account/{path.lstrip('/').replace('{clientId}', 'monespace-home')}"
        for who, headers in (("anonymous", {}), ("doctor", {"Authorization": f"Bearer {doctor.access_token}"})):
            for method in ("GET", "DELETE"):
                reply = requests.request(method, url, headers={"Accept": "application/json", **headers}, timeout=30)
                if reply.status_code not in (401, 403, 404, 405):
                    answered.append(f"{who} {method} {url}: {reply.status_code}")
    assert answered == []


def test_client_registration_refuses_anonymous_and_doctors(
    attacker: Attacker, doctor: Doctor, info: dict[str, Any], admin: KeycloakAdmin
) -> None:
    before = {c["clientId"] for c in admin.get_clients()}
    answered = []
    for provider in sorted(providers(info, "client-registration")):
        url = f"{attacker.realm_url}/clients-registrations/{provider}"
        for who, headers in (("anonymous", {}), ("doctor", {"Authorization": f"Bearer {doctor.access_token}"})):
            for method, path, body, content_type in registration_requests(provider):
                reply = requests.request(
                    method, url + path, data=body, headers={**headers, "Content-Type": content_type}, timeout=30
                )
                if provider == "install" and path == "/monespace-home" and reply.ok:
                    # A public client's adapter file says what its authorization requests show
                    # (realm, URL, client id) and holds no secret.
                    assert "credentials" not in reply.json() and reply.json()["public-client"] is True
                    continue
                if reply.status_code not in (401, 403, 404, 405):
                    answered.append(f"{who} {method} {provider}{path}: {reply.status_code} {reply.text[:100]}")
    assert answered == []
    assert {c["clientId"] for c in admin.get_clients()} == before


def registration_requests(provider: str) -> list[tuple[str, str, str, str]]:
    """(method, path, body, content type) a client registration provider takes, well formed, so
    that a refusal is the registration's, not a parse error's."""
    intruder = "https://intrus.example/cb"
    json_type, xml_type = "application/json", "application/xml"
    known = {
        "default": [("POST", "", json.dumps({"clientId": "intrus", "redirectUris": [intruder]}), json_type)],
        "openid-connect": [("POST", "", json.dumps({"client_name": "intrus", "redirect_uris": [intruder]}), json_type)],
        "saml2-entity-descriptor": [("POST", "", SAML_DESCRIPTOR, xml_type)],
        "install": [("GET", "/monespace-home", "", json_type), ("GET", "/ordinal-sync", "", json_type)],
    }
    # Another provider still gets a request: anything below 400 fails the test.
    return known.get(provider, [("POST", "", "{}", json_type), ("GET", "/monespace-home", "", json_type)])


SAML_DESCRIPTOR = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://intrus.example">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="https://intrus.example/acs" index="0"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
"""


def test_authorization_services_refuse_anonymous_and_doctors(
    attacker: Attacker, doctor: Doctor, admin: KeycloakAdmin
) -> None:
    # Only Keycloak's `admin-permissions` holds authorization settings: the fine-grained admin
    # permissions of realm/support.yaml, evaluated by Keycloak itself; no grant reaches it
    # (test_every_grant_type_is_declared_or_refused, the UMA ticket included).
    assert [c["clientId"] for c in admin.get_clients() if c.get("authorizationServicesEnabled")] == [
        "admin-permissions"
    ]
    url = f"{attacker.realm_url}/authz/protection/resource_set"
    for headers in ({}, {"Authorization": f"Bearer {doctor.access_token}"}):
        assert requests.get(url, headers=headers, timeout=30).status_code in (401, 403)


def test_realm_endpoints_are_all_inventoried(jar: Path) -> None:
    paths = declared_paths(jar, "org.keycloak.services.resources.RealmsResource") - {"/realms"}
    assert paths == set(REALM_ENDPOINTS), "a realm endpoint this inventory does not know"


def test_login_actions_run_only_declared_flows(
    jar: Path, attacker: Attacker, doctor: Doctor, desired: DesiredRealm, admin: KeycloakAdmin
) -> None:
    paths = declared_paths(jar, "org.keycloak.services.resources.LoginActionsService")
    assert paths == set(LOGIN_ACTIONS), "a login-actions endpoint this inventory does not know"
    bound = {field for flow in desired.flows for field in flow.binding_fields}
    assert {b for b in LOGIN_ACTIONS.values() if b} <= bound
    answered = []
    for path, binding in sorted(LOGIN_ACTIONS.items()):
        if binding is not None:
            continue  # runs a flow realm/ declares (flows.yaml)
        url = f"{attacker.realm_url}/login-actions/{path}"
        for who, session in (("anonymous", requests.Session()), ("doctor", doctor.browser.session)):
            for method in ("GET", "POST"):
                reply = session.request(method, url, allow_redirects=False, timeout=30)
                if reply.status_code < 400:
                    answered.append(f"{who} {method} {path}: {reply.status_code}")
    assert answered == []


def test_login_protocols_are_those_of_declared_clients(
    attacker: Attacker, info: dict[str, Any], admin: KeycloakAdmin
) -> None:
    protocols = providers(info, "login-protocol")
    used = {c.get("protocol") or "openid-connect" for c in admin.get_clients()}
    assert used == {"openid-connect"}
    for protocol in sorted(protocols - used):
        reply = requests.get(f"{attacker.realm_url}/protocol/{protocol}", allow_redirects=False, timeout=30)
        assert reply.status_code >= 400, f"{protocol}: {reply.status_code}"


#: The routes of our realm extensions, each guarded by its role: monespace-sync (ordinal-sync:
#: the paged inventory, the streamed export, the upsert), monespace-legacy (legacy-import) and
#: monespace-support (support-agent).
EXTENSION_ROUTES = {
    "monespace-sync": (
        "fr.ordre.monespace.sync.DoctorSyncResource",
        {("GET", "doctors"), ("GET", "doctors/export"), ("POST", "doctors")},
    ),
    "monespace-legacy": (
        "fr.ordre.monespace.legacy.accounts.LegacyAccountsResource",
        {("GET", "doctors"), ("POST", "accounts"), ("POST", "undo")},
    ),
    # Agents only (support-agent, checked before the RPPS is even read): test_support_boundaries.py.
    "monespace-support": (
        "fr.ordre.monespace.support.SupportResource",
        {("GET", "doctors/{rpps}"), ("POST", "doctors/{rpps}/{action}")},
    ),
}


def test_realm_extensions_are_ours_or_refused(
    attacker: Attacker, doctor: Doctor, info: dict[str, Any], harness: Harness
) -> None:
    extensions = providers(info, "realm-restapi-extension")
    assert extensions == set(REALM_EXTENSIONS), "a realm REST extension this inventory does not know"
    doctor_token = {"Authorization": f"Bearer {doctor.access_token}"}
    for extension, (class_name, routes) in EXTENSION_ROUTES.items():
        if harness.log_path is not None:
            ours = harness.log_path.parents[1] / "providers" / PROVIDER_JAR
            paths = declared_paths(ours, class_name)
            assert paths == {path for _method, path in routes}, f"a route of {extension} this inventory does not know"
        for method, path in sorted(routes):
            url = f"{attacker.realm_url}/{extension}/{path}"
            assert requests.request(method, url, json={}, timeout=30).status_code == 401, f"{method} {path}"
            as_doctor = requests.request(method, url, json={}, headers=doctor_token, timeout=30)
            assert as_doctor.status_code == 403, f"{method} {extension}/{path}"


def test_action_tokens_are_ours_or_cannot_be_obtained(
    info: dict[str, Any], admin: KeycloakAdmin, desired: DesiredRealm
) -> None:
    handlers = providers(info, "actionTokenHandler")
    assert handlers == set(ACTION_TOKENS), "an action token this inventory does not know"
    realm = realm_get(admin)
    enabled = {a["alias"] for a in realm_get(admin, "authentication/required-actions") if a["enabled"]}
    assert not ({"VERIFY_EMAIL", "UPDATE_EMAIL"} & enabled) and realm["verifyEmail"] is False
    assert realm["organizationsEnabled"] is False and realm["verifiableCredentialsEnabled"] is False
    for flow in desired.flows:
        if flow.binding_fields:
            executions = realm_get(admin, f"authentication/flows/{flow.alias}/executions")
            assert "reset-credential-email" not in {e.get("providerId") for e in executions}, flow.alias


def test_clients_managements_refuses_anonymous_and_doctors(
    attacker: Attacker, doctor: Doctor, admin: KeycloakAdmin
) -> None:
    url = f"{attacker.realm_url}/clients-managements/register-node"
    for client in admin.get_clients():
        credentials = client_credentials(admin, client)
        credentials.pop("client_secret", None)  # an attacker without the secret
        for headers in ({}, {"Authorization": f"Bearer {doctor.access_token}"}):
            reply = requests.post(url, data={**credentials, "client_cluster_host": "evil"}, headers=headers, timeout=30)
            assert reply.status_code >= 400, f"{client['clientId']}: {reply.status_code}"
