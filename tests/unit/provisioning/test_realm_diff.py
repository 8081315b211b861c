"""Desired against actual state, without Keycloak: what is compared, kept and removed."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from provisioning.realm.actual import ActualRealm, ProviderCatalog
from provisioning.realm.desired import DesiredRealm, load_desired
from provisioning.realm.diff import diff_realm
from provisioning.realm.errors import KeycloakStateError

STOCK = {
    "with_custom_providers": False,
    "login_theme": "keycloak",
    "email_theme": "base",
    "password_denylist_file": "",
}


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
    clients["account"] = {"id": "uuid-account", "clientId": "account"}
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
    return ActualRealm(
        exists=True,
        realm=realm,
        profile=profile,
        required_actions=actions,
        clients=clients,
        default_role_composites=[{"id": "offline"}],
        roles={
            "account/manage-account": {"id": "manage"},
            "account/view-profile": {"id": "view"},
            **realm_roles,
        },
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
    wanted = desired(home_redirect_uris="https://a/*,https://b/*")
    actual = matching_actual(wanted)
    home = actual.clients["monespace-home"]
    home["redirectUris"] = ["https://b/*", "https://a/*"]
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
    actual.realm_roles = {"ordinal-sync": None, "legacy-import": actual.realm_roles["legacy-import"]}
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
        authenticators=frozenset({"auth-cookie"}), form_actions=frozenset(), forms=frozenset()
    )
    with pytest.raises(KeycloakStateError) as failure:
        diff_realm(wanted, actual)
    assert failure.value.problems == [
        "required action 'monespace-settings' is not deployed in this Keycloak "
        "(no provider with that id; is the MonEspace providers jar installed?)",
        "required action 'monespace-password-renewal' is not deployed in this Keycloak "
        "(no provider with that id; is the MonEspace providers jar installed?)",
        "flow monespace-browser: authenticator 'monespace-email-password-form' is not deployed in this Keycloak",
        "flow monespace-creation: authenticator 'monespace-creation' is not deployed in this Keycloak",
        "flow monespace-reset: authenticator 'monespace-reset' is not deployed in this Keycloak",
    ]
    assert failure.value.exit_code == 1


def test_unregistered_required_action_is_registered_then_configured() -> None:
    wanted = desired(with_custom_providers=True)
    actual = matching_actual(desired())
    actual.unregistered_required_actions = {
        alias: {"providerId": alias, "name": "X"} for alias in ("monespace-settings", "monespace-password-renewal")
    }
    plan = diff_realm(wanted, actual)
    assert "+ required-action monespace-settings (register)" in [str(c) for c in plan.changes]
    assert plan.register_actions == [
        {"providerId": "monespace-settings", "name": "Paramètres"},
        {"providerId": "monespace-password-renewal", "name": "Renouvellement du mot de passe de l'ancien portail"},
    ]
    assert ("monespace-settings", {"name": "Paramètres", "enabled": True, "defaultAction": False}) in (
        plan.action_updates
    )


def with_flows(wanted: DesiredRealm) -> ActualRealm:
    actual = matching_actual(wanted)
    actual.flows = {}
    actual.providers = ProviderCatalog(
        authenticators=frozenset(
            {"auth-cookie", "monespace-email-password-form", "monespace-creation", "monespace-reset"}
        ),
        form_actions=frozenset(),
        forms=frozenset(),
    )
    return actual


def test_new_flow_version_is_created_bound_and_unbound_old_versions_deleted() -> None:
    wanted = desired(with_custom_providers=True)
    actual = with_flows(wanted)
    actual.unregistered_required_actions = {
        "monespace-settings": {"name": "x"},
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
    lines = [str(c) for c in plan.changes if "browser" in str(c).lower()]
    assert lines == [
        f"+ flow {browser.alias}",
        f'~ realm.browserFlow: "monespace-browser-aaaaaa" → "{browser.alias}"',
        "- flow monespace-browser-aaaaaa (unbound old version)",
    ]
    assert plan.flow_deletes == [("old-a", "monespace-browser-aaaaaa")]
    assert plan.notes == [
        "flow monespace-browser-bbbbbb (old version) kept: still used by realm.directGrantFlow",
        "flow monespace-browser-cccccc (old version) kept: still used by client x (browser)",
    ]
    assert plan.flow_bindings["browserFlow"] == browser.alias
    assert plan.flow_bindings["registrationFlow"].startswith("monespace-creation-")
