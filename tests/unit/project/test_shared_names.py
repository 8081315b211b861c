"""Names the Java providers, the Python tools and realm/ share are the same everywhere: each is
written once per language and checked here (issue 11 will gather them in one contract file)."""

from __future__ import annotations

import re
from pathlib import Path

from legacy_import import keycloak_legacy
from ordinal_sync import keycloak_bulk
from provisioning.devstack import paths
from provisioning.realm.desired import load_desired

JAVA = paths.EXTENSIONS / "src" / "main" / "java" / "fr" / "ordre" / "monespace"


def java_constant(path: Path, name: str) -> str:
    match = re.search(rf"static final String {name} = \"([^\"]+)\";", path.read_text(encoding="utf-8"))
    assert match, f"{name} not found in {path}"
    return match.group(1)


def java_enum(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("{", 1)[1]
    return [name.lower() for name in re.findall(r"^\s{4}([A-Z_]+)[,;]", body, re.M)]


def test_bulk_endpoints_and_their_roles() -> None:
    desired = load_desired()
    roles = {role["name"] for role in desired.realm_roles}
    service_roles = {client.client_id: client.service_account_roles for client in desired.clients}
    for resource, role, java_resource, java_role, client in (
        (
            keycloak_bulk.RESOURCE, keycloak_bulk.ROLE,
            java_constant(JAVA / "sync" / "DoctorSyncResourceProviderFactory.java", "ID"),
            java_constant(JAVA / "sync" / "SyncAccess.java", "ROLE"), "ordinal-sync",
        ),
        (
            keycloak_legacy.RESOURCE, keycloak_legacy.ROLE,
            java_constant(JAVA / "legacy" / "accounts" / "LegacyAccountsResourceProviderFactory.java", "ID"),
            java_constant(JAVA / "legacy" / "accounts" / "LegacyAccountsResource.java", "ROLE"), "legacy-import",
        ),
    ):  # fmt: skip
        assert (resource, role) == (java_resource, java_role)
        assert role in roles and service_roles[client] == [role]


def test_the_import_outcomes_and_espaces_the_endpoint_answers() -> None:
    outcomes = java_enum(JAVA / "legacy" / "accounts" / "ImportOutcome.java")
    assert sorted(outcomes) == sorted(keycloak_legacy.DONE + keycloak_legacy.REFUSED)
    assert java_enum(JAVA / "legacy" / "accounts" / "Espace.java") == ["none", "legacy", "active"]
    undo = (JAVA / "legacy" / "accounts" / "AccountUndo.java").read_text(encoding="utf-8")
    constants = re.search(r"enum Outcome \{\s*([A-Z_, ]+?)\s*;?\s*\}", undo)
    assert constants and [c.strip().lower() for c in constants.group(1).split(",")] == list(
        keycloak_legacy.UNDO_OUTCOMES
    )


def test_the_renewal_action_and_the_legacy_attribute_are_declared_in_the_realm() -> None:
    desired = load_desired()
    renewal = java_constant(JAVA / "legacy" / "renewal" / "PasswordRenewalActionFactory.java", "ID")
    action = next(a for a in desired.required_actions if a.alias == renewal)
    assert action.enabled and not action.defaultAction
    attribute = java_constant(JAVA / "contract" / "DoctorAttributes.java", "LEGACY_ACCOUNT")
    assert desired.profile is not None
    assert attribute in {a["name"] for a in desired.profile.attributes}
