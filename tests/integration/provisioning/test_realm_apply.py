"""`realm/` applied to a real Keycloak through the Python API (what the harness calls)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from keycloak import KeycloakAdmin

from provisioning.realm import apply_realm, load_desired, plan_realm
from provisioning.realm.api import RealmApi
from provisioning.realm.errors import KeycloakStateError

ValuesFor = Callable[..., dict[str, object]]


@pytest.fixture
def api(admin: KeycloakAdmin, realm_name: str) -> RealmApi:
    return RealmApi(admin, realm_name)


def client(api: RealmApi, client_id: str) -> dict[str, Any]:
    found = api.get(f"clients?clientId={client_id}")
    assert found, f"no client {client_id}"
    return dict(found[0])


def test_apply_twice_second_reports_zero_changes_and_plan_sees_none(
    admin: KeycloakAdmin, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    first = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert first.count > 0
    assert f"+ realm {realm_name}" in first.lines()
    print(f"first apply: {first.summary_line()}")

    second = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert second.count == 0, second.lines()
    assert "0 changes" in second.summary_line()

    desired = load_desired(stock_realm_dir, values_for(realm_name))
    assert plan_realm(admin, desired).changes == []


def test_realm_settings_match_the_spec(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    realm = api.get()
    assert realm["displayName"] == "Ordre des médecins — MonEspace"
    assert sorted(realm["supportedLocales"]) == ["en", "fr"] and realm["defaultLocale"] == "fr"
    assert realm["loginWithEmailAllowed"] and not realm["duplicateEmailsAllowed"]
    assert realm["registrationAllowed"] and realm["resetPasswordAllowed"] and not realm["rememberMe"]
    assert realm["bruteForceProtected"] and not realm["permanentLockout"] and realm["failureFactor"] == 5
    assert realm["passwordPolicy"].startswith("length(12) and upperCase(1)")
    assert "notEmail" in realm["passwordPolicy"] and realm["passwordPolicy"].endswith("maxLength(128)")
    assert realm["accessCodeLifespanLogin"] == 600 and realm["accessCodeLifespanUserAction"] == 600
    assert realm["attributes"]["actionTokenGeneratedByUserLifespan.reset-credentials"] == "86400"
    assert realm["attributes"]["actionTokenGeneratedByUserLifespan.monespace-reset"] == "86400"
    assert realm["smtpServer"]["host"] == "127.0.0.1" and realm["smtpServer"]["port"] == "2525"
    assert realm["smtpServer"]["from"] == "ne-pas-repondre@ordre.medecin.fr"
    assert realm["eventsEnabled"] and realm["eventsExpiration"] == 2592000
    assert realm["adminEventsEnabled"] and not realm["adminEventsDetailsEnabled"]
    verify_profile = api.get("authentication/required-actions/VERIFY_PROFILE")
    assert verify_profile["enabled"] is False


def test_account_console_disabled_and_default_roles_without_account_management(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert client(api, "account-console")["enabled"] is False

    def default_role_names() -> set[str]:
        role_id = api.get()["defaultRole"]["id"]
        return {r["name"] for r in api.get(f"roles-by-id/{role_id}/composites")}

    names = default_role_names()
    assert "manage-account" not in names and "view-profile" not in names and "offline_access" not in names
    assert "uma_authorization" in names  # roles realm/ does not name are left alone

    # Put back by hand: the next apply removes it again, and says so.
    account = client(api, "account")
    manage = api.get(f"clients/{account['id']}/roles/manage-account")
    role_id = api.get()["defaultRole"]["id"]
    api.post(f"roles-by-id/{role_id}/composites", [manage])
    again = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert again.lines() == ["- default-role account/manage-account"]
    assert "manage-account" not in default_role_names()


def test_home_client_is_public_pkce_with_rpps_claim(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(
        admin,
        values_for(realm_name, home_redirect_uris="https://a.test/auth/callback,https://b.test/auth/callback"),
        realm_dir=stock_realm_dir,
    )
    home = client(api, "monespace-home")
    assert home["publicClient"] and home["standardFlowEnabled"]
    assert not home["directAccessGrantsEnabled"] and not home["implicitFlowEnabled"]
    assert home["attributes"]["pkce.code.challenge.method"] == "S256"
    assert sorted(home["redirectUris"]) == ["https://a.test/auth/callback", "https://b.test/auth/callback"]
    assert home["webOrigins"] == []
    assert sorted(home["defaultClientScopes"]) == ["basic", "profile"] and home["optionalClientScopes"] == []
    mapper = next(m for m in home["protocolMappers"] if m["name"] == "rpps")
    assert mapper["config"]["user.attribute"] == "rpps" and mapper["config"]["claim.name"] == "rpps"
    assert mapper["config"]["id.token.claim"] == "true"


def test_apply_leaves_what_realm_files_do_not_name(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    api.post("clients", {"clientId": "made-by-hand", "publicClient": True})
    realm = api.get()
    api.put("", {"attributes": {**realm["attributes"], "handMade": "yes"}})
    home = client(api, "monespace-home")
    api.post(
        f"clients/{home['id']}/protocol-mappers/models",
        {
            "name": "hand-mapper",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-hardcoded-claim-mapper",
            "config": {"claim.name": "x", "claim.value": "y", "access.token.claim": "true"},
        },
    )
    profile = api.get("users/profile")
    profile["attributes"].append({"name": "handAttribute", "permissions": {"view": ["admin"], "edit": ["admin"]}})
    api.put("users/profile", profile)

    # A change that rewrites the realm attribute map and the profile.
    summary = apply_realm(admin, values_for(realm_name, reset_link_lifespan_seconds=3600), realm_dir=stock_realm_dir)
    assert '~ realm.attributes.actionTokenGeneratedByUserLifespan.reset-credentials: "86400" → "3600"' in (
        summary.lines()
    )

    assert client(api, "made-by-hand")["publicClient"] is True
    assert api.get()["attributes"]["handMade"] == "yes"
    home = client(api, "monespace-home")
    assert {m["name"] for m in home["protocolMappers"]} >= {"rpps", "hand-mapper"}
    names = [a["name"] for a in api.get("users/profile")["attributes"]]
    assert "handAttribute" in names and "rpps" in names


def test_declared_user_attributes_are_stored_and_undeclared_ones_dropped(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    api.post(
        "users",
        {
            "username": "10003456789",
            "enabled": True,
            "attributes": {
                "rpps": ["10003456789"],
                "birthDate": ["1980-02-29"],
                "mobilePhone": ["+33612345678"],
                "ordinalStatus": ["inscrit"],
                "shoeSize": ["44"],  # not declared in realm/user-profile.yaml
            },
        },
    )
    user = api.get("users?username=10003456789&exact=true&briefRepresentation=false")[0]
    attributes = user.get("attributes", {})
    assert attributes["rpps"] == ["10003456789"]
    assert attributes["birthDate"] == ["1980-02-29"]
    assert attributes["mobilePhone"] == ["+33612345678"]
    # Keycloak accepted the write (2xx) and silently dropped the undeclared attribute.
    assert "shoeSize" not in attributes
    # The e-mail is not required: a synced doctor has none until activation.
    assert "email" not in user


def test_same_files_as_a_second_realm_with_overrides(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    fast = f"{realm_name}-fast"
    try:
        apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
        overrides = values_for(
            fast,
            code_ttl_seconds=5,
            failure_factor=2,
            login_lifespan_seconds=30,
            smtp_port=2626,
            smtp_auth=True,
            smtp_user="sink",
            smtp_password="not-a-real-secret",
        )
        summary = apply_realm(admin, overrides, realm_dir=stock_realm_dir)
        assert f"+ realm {fast}" in summary.lines()
        fast_realm = RealmApi(admin, fast).get()
        assert fast_realm["failureFactor"] == 2 and fast_realm["accessCodeLifespanLogin"] == 30
        assert fast_realm["smtpServer"]["port"] == "2626" and fast_realm["smtpServer"]["user"] == "sink"
        assert api.get()["failureFactor"] == 5  # the first realm is untouched
        # The SMTP password is write-only in Keycloak, yet the second run finds nothing to do.
        assert apply_realm(admin, overrides, realm_dir=stock_realm_dir).count == 0
    finally:
        admin.connection.raw_delete(f"admin/realms/{fast}")


def flow_aliases(api: RealmApi) -> set[str]:
    return {f["alias"] for f in api.get("authentication/flows")}


def test_changed_flow_is_created_under_a_new_version_bound_and_the_old_one_deleted(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    first = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    realm = api.get()
    browser, reset = realm["browserFlow"], realm["resetCredentialsFlow"]
    assert browser.startswith("test-browser-") and reset.startswith("test-reset-")
    assert f"+ flow {browser}" in first.lines()
    executions = api.get(f"authentication/flows/{browser}/executions")
    assert [(e["level"], e["requirement"]) for e in executions] == [
        (0, "ALTERNATIVE"),
        (0, "ALTERNATIVE"),
        (1, "REQUIRED"),
        (1, "CONDITIONAL"),
        (2, "REQUIRED"),
        (2, "REQUIRED"),
    ]

    registration = realm["registrationFlow"]
    assert registration.startswith("test-registration-")
    form = api.get(f"authentication/flows/{registration}/executions")
    assert [(e["level"], e.get("providerId"), e["requirement"]) for e in form] == [
        (0, "registration-page-form", "REQUIRED"),
        (1, "registration-user-creation", "REQUIRED"),
        (1, "registration-password-action", "REQUIRED"),
    ]
    assert form[0]["displayName"] == f"{registration}-registration-form"

    # A value used in the reset flow's config changes: only that flow gets a new version.
    summary = apply_realm(admin, values_for(realm_name, code_ttl_seconds=5), realm_dir=stock_realm_dir)
    new_reset = api.get()["resetCredentialsFlow"]
    assert new_reset != reset and new_reset.startswith("test-reset-")
    assert summary.lines() == [
        f"+ flow {new_reset}",
        f'~ realm.resetCredentialsFlow: "{reset}" → "{new_reset}"',
        f"- flow {reset} (unbound old version)",
    ]
    aliases = flow_aliases(api)
    assert reset not in aliases and new_reset in aliases and browser in aliases
    config_execution = next(
        e for e in api.get(f"authentication/flows/{new_reset}/executions") if e.get("authenticationConfig")
    )
    config = api.get(f"authentication/config/{config_execution['authenticationConfig']}")
    assert config["config"]["otpControlAttribute"] == "ttl-5"
    assert apply_realm(admin, values_for(realm_name, code_ttl_seconds=5), realm_dir=stock_realm_dir).count == 0


def test_flow_edited_by_hand_is_recreated_from_its_definition(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    browser = api.get()["browserFlow"]
    executions = api.get(f"authentication/flows/{browser}/executions")
    otp = next(e for e in executions if e.get("providerId") == "auth-otp-form")
    api.put(
        f"authentication/flows/{browser}/executions",
        {**otp, "requirement": "DISABLED"},
    )

    summary = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert summary.lines() == [f"~ flow {browser}: differs from its definition (edited by hand?); recreated"]
    executions = api.get(f"authentication/flows/{browser}/executions")
    assert next(e for e in executions if e.get("providerId") == "auth-otp-form")["requirement"] == "REQUIRED"
    assert api.get()["browserFlow"] == browser
    assert not [a for a in flow_aliases(api) if "replaced" in a]
    assert apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir).count == 0


def test_a_client_bound_by_hand_to_an_old_flow_version_is_bound_back_and_the_version_goes(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    # realm/ declares every client's flow overrides (issue 14): one set by hand is drift, so the
    # old flow version it pins is neither kept nor left in use once the flow changes.
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    browser = api.get()["browserFlow"]
    flow_id = next(f["id"] for f in api.get("authentication/flows") if f["alias"] == browser)
    home = client(api, "monespace-home")
    api.put(
        f"clients/{home['id']}",
        {"authenticationFlowBindingOverrides": {"browser": flow_id}},
    )

    flows_file = stock_realm_dir / "test-flows.yaml"
    flows_file.write_text(flows_file.read_text().replace("Stock login, shaped", "Stock login (v2), shaped"))
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert not (client(api, "monespace-home").get("authenticationFlowBindingOverrides") or {}).get("browser")
    assert browser not in flow_aliases(api)
    assert apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir).count == 0


def test_required_action_missing_from_keycloak_is_registered(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, stock_realm_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    api.delete("authentication/required-actions/delete_account")
    # realm/required-actions.yaml names every stock action, delete_account (disabled) too.
    summary = apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir)
    assert summary.lines() == ["+ required-action delete_account (register)"]
    action = api.get("authentication/required-actions/delete_account")
    assert action["enabled"] is False
    assert apply_realm(admin, values_for(realm_name), realm_dir=stock_realm_dir).count == 0


def test_custom_providers_missing_fail_before_any_write(
    admin: KeycloakAdmin, api: RealmApi, realm_name: str, values_for: ValuesFor, missing_providers_dir: Path
) -> None:
    apply_realm(admin, values_for(realm_name))  # the repository's realm/
    before = api.get()
    with pytest.raises(KeycloakStateError) as failure:
        apply_realm(admin, values_for(realm_name, failure_factor=9), realm_dir=missing_providers_dir)
    problems = failure.value.problems
    assert any("required action 'monespace-not-deployed-action' is not deployed" in p for p in problems)
    assert any("authenticator 'monespace-not-deployed' is not deployed" in p for p in problems)
    after = api.get()
    assert after["failureFactor"] == before["failureFactor"] == 5
