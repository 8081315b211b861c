"""Desired against actual state, without Keycloak: what is compared, kept and removed."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest
from monespace_realm.contract import contract

from provisioning.realm.actual import ActualRealm, ProviderCatalog
from provisioning.realm.delegation import ActualDelegation
from provisioning.realm.desired import DesiredRealm, load_desired
from provisioning.realm.diff import diff_realm
from provisioning.realm.errors import KeycloakStateError
from provisioning.realm.schema import BINDING_FIELDS

STOCK = {
    "with_custom_providers": False,
    "login_theme": "keycloak",
    "email_theme": "base",
    "password_denylist_file": "",
}


#: Keycloak's authenticator that refuses everyone (realm/flows.yaml binds it where no one may pass).
STOCK_DENY = "deny-access-authenticator"


def desired(**values: object) -> DesiredRealm:
    return load_desired(values={**STOCK, **values})


def matching_actual(wanted: DesiredRealm) -> ActualRealm:
    """A realm that already holds everything `wanted` declares."""
    realm: dict[str, Any] = dict(wanted.settings)
    realm["supportedLocales"] = list(reversed(realm["supportedLocales"]))  # Keycloak's order differs
    realm["smtpServer"] = dict(wanted.smtp_server or {})
    realm["attributes"] = {**wanted.attributes, "cibaInterval": "5"}
    realm["defaultRole"] = {"id": "default-role-id"}
    assert wanted.profile is not None
    profile = {
        "attributes": [dict(a) for a in wanted.profile.attributes],
        "groups": list(wanted.profile.groups),
    }
    clients = {}
    for client in wanted.clients:
        rep = {"id": f"uuid-{client.client_id}", **client.representation()}
        rep["protocolMappers"] = [{"id": "m1", **copy.deepcopy(m)} for m in client.mappers]
        clients[client.client_id] = rep
    clients.setdefault("account", {"id": "uuid-account", "clientId": "account"})
    scopes = {s.name: {"id": f"scope-{s.name}", **s.representation()} for s in wanted.client_scopes if s.present}
    realm_defaults: dict[str, set[str]] = {"default": set(), "optional": set()}
    for scope in wanted.client_scopes:
        if scope.present and scope.realm_default in realm_defaults:
            realm_defaults[scope.realm_default].add(scope.name)
    flows = {
        f.alias: {"id": f"flow-{f.alias}", "alias": f.alias, "description": f.definition.description}
        for f in wanted.flows
    }
    for flow in wanted.flows:
        for binding in flow.binding_fields:
            realm[binding] = flow.alias
    actions = {
        a.alias: {
            "alias": a.alias,
            "name": a.alias,
            "enabled": a.enabled,
            "defaultAction": False,
            "priority": 10,
        }
        for a in wanted.required_actions
    }
    realm_roles = {role["name"]: {"id": f"role-{role['name']}", **role} for role in wanted.realm_roles}
    delegation = ActualDelegation(
        role_composites={
            role["name"]: {
                *role["composites"].get("realm", []),
                *(f"{c}/{r}" for c, roles in role["composites"].get("client", {}).items() for r in roles),
            }
            for role in wanted.realm_roles
            if role.get("composites") is not None
        },
        groups={
            g.name: {
                "id": f"group-{g.name}",
                "name": g.name,
                "description": g.description,
                "realmRoles": list(g.realmRoles),
                "clientRoles": dict(g.clientRoles),
            }
            for g in wanted.groups
        },
        permissions_client="uuid-admin-permissions",
        policies={
            p.name: {"id": f"policy-{p.name}", "type": "group", "description": p.description, "groups": set(p.groups)}
            for p in (wanted.admin_permissions.policies if wanted.admin_permissions else [])
        },
        permissions={
            p.name: {
                "id": f"permission-{p.name}",
                "description": p.description,
                "resourceType": p.resourceType,
                "resources": set(p.resources),
                "scopes": set(p.scopes),
                "policies": set(p.policies),
            }
            for p in (wanted.admin_permissions.permissions if wanted.admin_permissions else [])
        },
    )
    existing_roles = {ref: {"id": f"role-{ref}"} for ref in ("realm-management/query-users",)}
    overrides = {
        c.client_id: {b: f"flow-{wanted.flow(name).alias}" for b, name in (c.flow_overrides or {}).items()}
        for c in wanted.clients
    }
    for client_id, bound in overrides.items():
        clients[client_id]["authenticationFlowBindingOverrides"] = bound
    return ActualRealm(
        exists=True,
        realm=realm,
        profile=profile,
        required_actions=actions,
        clients=clients,
        client_scopes=scopes,
        realm_default_scopes=realm_defaults,
        flows=flows,
        flow_layouts={f.alias: f.layout() for f in wanted.flows},
        default_role_composites=[{"id": "uma"}],
        roles={
            "account/manage-account": {"id": "manage"},
            "account/view-profile": {"id": "view"},
            **existing_roles,
            **realm_roles,
        },
        delegation=delegation,
        realm_roles=dict(realm_roles),
        service_account_roles={
            c.client_id: {"default-roles-x", *c.service_account_roles}
            for c in wanted.clients
            if c.service_account_roles
        },
    )


def test_nothing_to_do_when_keycloak_holds_what_is_declared() -> None:
    wanted = desired()
    plan = diff_realm(wanted, matching_actual(wanted))
    assert plan.changes == []
    assert plan.realm_update == {} and plan.realm_attributes is None and plan.profile is None


def test_changed_realm_attribute_keeps_the_attributes_not_declared() -> None:
    wanted = desired(reset_link_lifespan_seconds=3600)
    actual = matching_actual(desired())
    actual.realm["attributes"]["handMade"] = "yes"
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        '~ realm.attributes.actionTokenGeneratedByUserLifespan.monespace-reset: "86400" → "3600"',
        '~ realm.attributes.actionTokenGeneratedByUserLifespan.reset-credentials: "86400" → "3600"',
    ]
    assert plan.realm_attributes is not None
    assert plan.realm_attributes["handMade"] == "yes" and plan.realm_attributes["cibaInterval"] == "5"


def test_smtp_password_is_compared_by_presence_and_never_shown() -> None:
    wanted = desired(smtp_auth=True, smtp_user="u", smtp_password="secret-value")
    actual = matching_actual(desired())
    plan = diff_realm(wanted, actual)
    lines = [str(c) for c in plan.changes]
    assert '~ realm.smtpServer.auth: "false" → "true"' in lines
    assert "~ realm.smtpServer.password: (unset) → ***" in lines
    assert not any("secret-value" in line for line in lines)
    assert plan.realm_update["smtpServer"]["password"] == "secret-value"

    actual.realm["smtpServer"] = {**wanted.smtp_server, "password": "**********"}  # type: ignore[dict-item]
    assert diff_realm(wanted, actual).changes == []


def test_profile_attribute_replaced_in_place_and_undeclared_ones_kept() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    assert actual.profile is not None
    email = next(a for a in actual.profile["attributes"] if a["name"] == "email")
    email["required"] = {"roles": ["user"]}
    actual.profile["attributes"].insert(0, {"name": "handAttribute", "permissions": {"view": ["admin"]}})
    actual.profile["unmanagedAttributePolicy"] = "ENABLED"
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        "~ user-profile attribute email: required",
        '~ user-profile.unmanagedAttributePolicy: "ENABLED" → (unset)',
    ]
    assert plan.profile is not None
    names = [a["name"] for a in plan.profile["attributes"]]
    assert names[0] == "handAttribute" and names.index("email") == 2
    assert "unmanagedAttributePolicy" not in plan.profile


def test_client_fields_compared_only_where_declared_and_uris_without_order() -> None:
    wanted = desired(home_redirect_uris="https://a/callback,https://b/callback")
    actual = matching_actual(wanted)
    home = actual.clients["monespace-home"]
    home["redirectUris"] = ["https://b/callback", "https://a/callback"]
    home["secret"] = "not declared, not compared"
    home["protocolMappers"][0]["config"]["claim.name"] = "other"
    home["protocolMappers"].append({"id": "m2", "name": "hand-made"})
    actual.clients["account-console"]["enabled"] = True
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        "~ client monespace-home mapper rpps: claim.name",
        "~ client account-console.enabled: true → false",
    ]
    assert plan.client_updates == [("uuid-account-console", {"clientId": "account-console", "enabled": False})]
    ((_, mapper_id, mapper),) = plan.mapper_updates
    assert mapper_id == "m1" and mapper["config"]["claim.name"] == "rpps"


def test_excluded_default_roles_are_removed_only_when_present() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    actual.default_role_composites = [{"id": "offline"}, {"id": "manage"}]
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == ["- default-role account/manage-account"]
    assert plan.default_roles_remove == [{"id": "manage"}]


def test_missing_realm_role_and_service_account_grant_are_planned() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    actual.realm_roles = {
        "ordinal-sync": None,
        **{name: actual.realm_roles[name] for name in ("legacy-import", "support-agent")},
    }
    actual.roles.pop("ordinal-sync")
    actual.service_account_roles = {"ordinal-sync": {"default-roles-x"}, "legacy-import": {"legacy-import"}}
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        "+ role ordinal-sync",
        "+ client ordinal-sync service-account role ordinal-sync",
    ]
    assert plan.role_creates == [
        {"name": "ordinal-sync", "description": "Synchronisation Ordinal (endpoint monespace-sync)"}
    ]
    assert plan.service_account_grants == [("ordinal-sync", ["ordinal-sync"])]


def test_role_description_is_updated_and_roles_granted_by_hand_are_kept() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    role = actual.realm_roles["ordinal-sync"]
    assert role is not None
    role["description"] = "old text"
    actual.service_account_roles["ordinal-sync"].add("realm-management/view-users")
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        '~ role ordinal-sync.description: "old text" → "Synchronisation Ordinal (endpoint monespace-sync)"'
    ]
    assert plan.role_updates == [
        (
            "ordinal-sync",
            {
                "id": "role-ordinal-sync",
                "name": "ordinal-sync",
                "description": "Synchronisation Ordinal (endpoint monespace-sync)",
            },
        )
    ]
    assert plan.service_account_grants == []


def test_service_account_roles_need_an_existing_role_and_a_service_account() -> None:
    files = load_desired(values=STOCK)
    client = next(c for c in files.clients if c.client_id == "ordinal-sync")
    unknown = replace(client, service_account_roles=["no-such-role", "realm-management/nope"])
    home = next(c for c in files.clients if c.client_id == "monespace-home")
    no_account = replace(home, service_account_roles=["ordinal-sync"])
    wanted = replace(files, clients=[unknown, no_account])
    with pytest.raises(KeycloakStateError) as failure:
        diff_realm(wanted, matching_actual(files))
    assert failure.value.problems == [
        "client ordinal-sync: service-account role 'no-such-role' does not exist",
        "client ordinal-sync: service-account role 'realm-management/nope' does not exist",
        "client monespace-home: serviceAccountRoles needs serviceAccountsEnabled: true",
    ]


def test_missing_custom_providers_fail_before_any_write() -> None:
    wanted = desired(with_custom_providers=True)
    actual = matching_actual(desired())
    actual.flows = {}
    actual.providers = ProviderCatalog(
        authenticators=frozenset({"auth-cookie", STOCK_DENY}),
        form_actions=frozenset(),
        forms=frozenset(),
        client_authenticators=frozenset({"client-secret"}),
    )
    with pytest.raises(KeycloakStateError) as failure:
        diff_realm(wanted, actual)
    assert failure.value.problems == [
        "required action 'monespace-settings' is not deployed in this Keycloak "
        "(no provider with that id; is the MonEspace providers jar installed?)",
        "required action 'monespace-agent-setup' is not deployed in this Keycloak "
        "(no provider with that id; is the MonEspace providers jar installed?)",
        "required action 'monespace-password-renewal' is not deployed in this Keycloak "
        "(no provider with that id; is the MonEspace providers jar installed?)",
        "flow monespace-browser: authenticator 'monespace-email-password-form' is not deployed in this Keycloak",
        "flow monespace-creation: authenticator 'monespace-creation' is not deployed in this Keycloak",
        "flow monespace-reset: authenticator 'monespace-reset' is not deployed in this Keycloak",
        "flow monespace-agents: authenticator 'monespace-agent-password-form' is not deployed in this Keycloak",
        "flow monespace-agents: authenticator 'monespace-agent-otp-form' is not deployed in this Keycloak",
    ]
    assert failure.value.exit_code == 1


def test_unregistered_required_action_is_registered_then_configured() -> None:
    wanted = desired(with_custom_providers=True)
    actual = matching_actual(desired())
    actual.unregistered_required_actions = {
        alias: {"providerId": alias, "name": "X"}
        for alias in ("monespace-settings", "monespace-agent-setup", "monespace-password-renewal")
    }
    plan = diff_realm(wanted, actual)
    assert "+ required-action monespace-settings (register)" in [str(c) for c in plan.changes]
    assert plan.register_actions == [
        {"providerId": "monespace-settings", "name": "Paramètres"},
        {"providerId": "monespace-agent-setup", "name": "Mise en service du compte agent"},
        {"providerId": "monespace-password-renewal", "name": "Renouvellement du mot de passe de l'ancien portail"},
    ]
    config = {s.name: str(s.default) for s in contract().settings_of("monespace-settings")}
    assert (
        "monespace-settings",
        {"name": "Paramètres", "enabled": True, "defaultAction": False, "config": config},
    ) in plan.action_updates


def with_flows(wanted: DesiredRealm) -> ActualRealm:
    """A realm holding everything but the flows (Keycloak's own bound)."""
    actual = matching_actual(wanted)
    actual.flows = {}
    for field in BINDING_FIELDS.values():
        actual.realm.pop(field, None)
    actual.providers = ProviderCatalog(
        authenticators=frozenset(
            {
                "auth-cookie",
                "monespace-email-password-form",
                "monespace-creation",
                "monespace-reset",
                "monespace-agent-password-form",
                "monespace-agent-otp-form",
                STOCK_DENY,
            }
        ),
        form_actions=frozenset(),
        forms=frozenset(),
        client_authenticators=frozenset({"client-secret"}),
    )
    return actual


def test_new_flow_version_is_created_bound_and_unbound_old_versions_deleted() -> None:
    wanted = desired(with_custom_providers=True)
    actual = with_flows(wanted)
    actual.unregistered_required_actions = {
        "monespace-settings": {"name": "x"},
        "monespace-agent-setup": {"name": "x"},
        "monespace-password-renewal": {"name": "x"},
    }
    actual.realm["browserFlow"] = "monespace-browser-aaaaaa"
    actual.realm["directGrantFlow"] = "monespace-browser-bbbbbb"
    actual.flows = {
        "monespace-browser-aaaaaa": {"id": "old-a", "alias": "monespace-browser-aaaaaa"},
        "monespace-browser-bbbbbb": {"id": "old-b", "alias": "monespace-browser-bbbbbb"},
        "monespace-browser-cccccc": {"id": "old-c", "alias": "monespace-browser-cccccc"},
        "monespace-browser-extra": {"id": "other", "alias": "monespace-browser-extra"},
    }
    actual.flow_users = {"old-c": ["client x (browser)"]}
    plan = diff_realm(wanted, actual)
    browser = next(f for f in wanted.flows if f.name == "monespace-browser")
    refuse = next(f for f in wanted.flows if f.name == "monespace-refuse")
    lines = [str(c) for c in plan.changes if "browser" in str(c).lower() and not str(c).startswith("~ client")]
    assert lines == [
        f"+ flow {browser.alias}",
        f'~ realm.browserFlow: "monespace-browser-aaaaaa" → "{browser.alias}"',
        # realm/ binds the direct grant too: the version bound there by hand is unbound, then deleted.
        f'~ realm.directGrantFlow: "monespace-browser-bbbbbb" → "{refuse.alias}"',
        "- flow monespace-browser-aaaaaa (unbound old version)",
        "- flow monespace-browser-bbbbbb (unbound old version)",
    ]
    assert plan.flow_deletes == [("old-a", "monespace-browser-aaaaaa"), ("old-b", "monespace-browser-bbbbbb")]
    assert plan.notes == ["flow monespace-browser-cccccc (old version) kept: still used by client x (browser)"]
    assert plan.flow_bindings["browserFlow"] == browser.alias
    assert plan.flow_bindings["registrationFlow"].startswith("monespace-creation-")


def test_client_scopes_absent_are_deleted_missing_created_and_realm_defaults_set() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    actual.client_scopes["email"] = {"id": "scope-email", "name": "email", "protocol": "openid-connect"}
    actual.client_scopes.pop("profile")
    actual.client_scopes["roles"]["protocol"] = "saml"
    actual.realm_default_scopes["default"] |= {"email", "roles"}
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        "+ client-scope profile",
        '~ client-scope roles.protocol: "saml" → "openid-connect"',
        '~ realm default scope roles: "default" → "none"',
        "- client-scope email",  # declared absent: its attachments and realm default go with it
    ]
    assert plan.scope_creates == [{"name": "profile", "protocol": "openid-connect"}]
    assert plan.scope_updates == [
        ("scope-roles", {"id": "scope-roles", "name": "roles", "protocol": "openid-connect", "attributes": {}})
    ]
    assert plan.scope_deletes == [("scope-email", "email")]
    assert plan.realm_default_scope_changes == [("default", "-", "roles")]


def test_client_scopes_are_attached_exactly_as_declared() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    home = actual.clients["monespace-home"]
    home["defaultClientScopes"] = ["basic", "email", "roles"]
    home["optionalClientScopes"] = ["offline_access"]
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        "- client monespace-home default scopes (email, roles)",
        "+ client monespace-home default scopes (profile)",
        "- client monespace-home optional scopes (offline_access)",
    ]
    assert plan.client_scope_changes == [
        ("monespace-home", "default", "-", "email"),
        ("monespace-home", "default", "-", "roles"),
        ("monespace-home", "default", "+", "profile"),
        ("monespace-home", "optional", "-", "offline_access"),
    ]


def test_a_client_flow_override_made_by_hand_is_removed() -> None:
    wanted = desired()
    actual = matching_actual(wanted)
    actual.clients["ordinal-sync"]["authenticationFlowBindingOverrides"] = {"direct_grant": "flow-id"}
    plan = diff_realm(wanted, actual)
    assert [str(c) for c in plan.changes] == [
        '~ client ordinal-sync.authenticationFlowBindingOverrides: {"direct_grant": "flow-id"} → {}'
    ]
    assert plan.client_updates == []
    assert plan.flow_overrides == [("ordinal-sync", {"direct_grant": ""})]


def test_client_authentication_flow_needs_its_client_authenticators() -> None:
    wanted = desired()
    actual = with_flows(wanted)
    assert actual.providers is not None
    actual.providers = replace(actual.providers, client_authenticators=frozenset({"client-jwt"}))
    with pytest.raises(KeycloakStateError) as failure:
        diff_realm(wanted, actual)
    assert failure.value.problems == [
        "flow monespace-clients: client authenticator 'client-secret' is not deployed in this Keycloak"
    ]
