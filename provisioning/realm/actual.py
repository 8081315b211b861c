"""Read the parts of a running realm that `realm/` names (and nothing more)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from keycloak_connection.admin import ADMIN_REALM
from provisioning.realm.api import RealmApi, segment
from provisioning.realm.delegation import ActualDelegation, delegation_role_refs, read_delegation
from provisioning.realm.desired import DesiredRealm
from provisioning.realm.errors import AdminApiError
from provisioning.realm.flows import ExecutionRow, version_pattern

#: Lists of the realm's default client scopes: GET/PUT/DELETE default-<kind>-client-scopes.
REALM_DEFAULT_KINDS = ("default", "optional")


@dataclass(frozen=True)
class RoleRef:
    """`role` (realm role) or `client/role` as written in realm/."""

    text: str

    @property
    def client_id(self) -> str | None:
        return self.text.split("/", 1)[0] if "/" in self.text else None

    @property
    def role(self) -> str:
        return self.text.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ProviderCatalog:
    """Provider ids deployed in Keycloak, to refuse a flow that names a missing one early."""

    authenticators: frozenset[str]
    form_actions: frozenset[str]
    forms: frozenset[str]
    client_authenticators: frozenset[str] = frozenset()


@dataclass
class ActualRealm:
    exists: bool
    realm: dict[str, Any] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    required_actions: dict[str, dict[str, Any]] = field(default_factory=dict)
    unregistered_required_actions: dict[str, dict[str, Any]] = field(default_factory=dict)
    clients: dict[str, dict[str, Any]] = field(default_factory=dict)  # by clientId
    client_scopes: dict[str, dict[str, Any]] = field(default_factory=dict)  # by name
    # The realm's default client scopes by kind ("default", "optional") → names.
    realm_default_scopes: dict[str, set[str]] = field(default_factory=dict)
    default_role_composites: list[dict[str, Any]] = field(default_factory=list)
    # Role refs of defaultRoles and serviceAccountRoles → role representation (None: no such role/client).
    roles: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    # Declared realm roles by name → representation (None: missing).
    realm_roles: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    # clientId → role refs its service account holds directly (clients naming serviceAccountRoles).
    service_account_roles: dict[str, set[str]] = field(default_factory=dict)
    flows: dict[str, dict[str, Any]] = field(default_factory=dict)  # top-level, by alias
    flow_layouts: dict[str, list[ExecutionRow]] = field(default_factory=dict)
    # Flow id → who else uses it (client overrides, identity providers).
    flow_users: dict[str, list[str]] = field(default_factory=dict)
    providers: ProviderCatalog | None = None
    # For a realm still to create: required-action provider ids deployed in Keycloak.
    deployed_required_actions: frozenset[str] | None = None
    # Composite roles, groups and admin permissions (provisioning/realm/delegation.py).
    delegation: ActualDelegation | None = None

    def client_uuid(self, client_id: str) -> str | None:
        client = self.clients.get(client_id)
        return client["id"] if client else None


def read_actual(api: RealmApi, desired: DesiredRealm) -> ActualRealm:
    realm = api.get_or_none()
    if realm is None:
        return _missing_realm(api, desired)
    actual = ActualRealm(exists=True, realm=realm)
    if desired.profile is not None:
        actual.profile = api.get("users/profile")
    if desired.required_actions:
        actual.required_actions = {a["alias"]: a for a in api.get("authentication/required-actions")}
        missing = [a for a in desired.required_actions if a.alias not in actual.required_actions]
        if missing:
            unregistered = api.get("authentication/unregistered-required-actions")
            actual.unregistered_required_actions = {a["providerId"]: a for a in unregistered}
    for role in desired.realm_roles:
        actual.realm_roles[role["name"]] = api.get_or_none(f"roles/{segment(role['name'])}")
    if desired.client_scopes:
        actual.client_scopes = {s["name"]: s for s in api.get("client-scopes")}
        actual.realm_default_scopes = {
            kind: {s["name"] for s in api.get(f"default-{kind}-client-scopes")} for kind in REALM_DEFAULT_KINDS
        }
    default_refs = [RoleRef(r) for r in desired.default_roles_include + desired.default_roles_exclude]
    granted_refs = [RoleRef(r) for c in desired.clients for r in c.service_account_roles]
    delegated_refs = [RoleRef(r) for r in delegation_role_refs(desired)]
    client_ids = {c.client_id for c in desired.clients}
    client_ids |= {r.client_id for r in default_refs + granted_refs + delegated_refs if r.client_id}
    for client_id in sorted(client_ids):
        found = api.get("clients", clientId=client_id)
        if found:
            actual.clients[client_id] = found[0]
    if default_refs:
        _read_default_roles(api, actual, default_refs)
    if granted_refs:
        _read_roles(api, actual, granted_refs)
        _read_service_accounts(api, actual, desired)
    if delegated_refs:
        _read_roles(api, actual, delegated_refs)
    if desired.flows:
        _read_flows(api, actual, desired)
    if any(c.flow_overrides for c in desired.clients) and not actual.flows:
        actual.flows = {f["alias"]: f for f in api.get("authentication/flows")}
    actual.delegation = read_delegation(api, desired, realm)
    return actual


def _missing_realm(api: RealmApi, desired: DesiredRealm) -> ActualRealm:
    """A realm still to create: only what is deployed server-wide, read through master, so that
    a missing provider is refused before the realm is created."""
    actual = ActualRealm(exists=False)
    master = RealmApi(api.admin, ADMIN_REALM)
    # Best effort: an admin allowed to create realms may not be allowed to read master.
    with contextlib.suppress(AdminApiError):
        if desired.flows:
            actual.providers = read_providers(master)
        if desired.required_actions:
            listed = master.get("authentication/required-actions") + master.get(
                "authentication/unregistered-required-actions"
            )
            actual.deployed_required_actions = frozenset(a["providerId"] for a in listed)
    return actual


def _read_default_roles(api: RealmApi, actual: ActualRealm, refs: list[RoleRef]) -> None:
    default_role = actual.realm.get("defaultRole") or {}
    if default_role.get("id"):
        actual.default_role_composites = api.get(f"roles-by-id/{default_role['id']}/composites")
    _read_roles(api, actual, refs)


def _read_service_accounts(api: RealmApi, actual: ActualRealm, desired: DesiredRealm) -> None:
    for client in desired.clients:
        current = actual.clients.get(client.client_id)
        if not client.service_account_roles or not current or not current.get("serviceAccountsEnabled"):
            continue
        user = api.get(f"clients/{current['id']}/service-account-user")
        mappings = api.get(f"users/{user['id']}/role-mappings") or {}
        held = {role["name"] for role in mappings.get("realmMappings") or []}
        for client_id, client_mappings in (mappings.get("clientMappings") or {}).items():
            held |= {f"{client_id}/{role['name']}" for role in client_mappings.get("mappings") or []}
        actual.service_account_roles[client.client_id] = held


def _read_roles(api: RealmApi, actual: ActualRealm, refs: list[RoleRef]) -> None:
    for ref in refs:
        if ref.text in actual.roles:
            continue
        if ref.client_id is None:
            actual.roles[ref.text] = api.get_or_none(f"roles/{segment(ref.role)}")
            continue
        uuid = actual.client_uuid(ref.client_id)
        actual.roles[ref.text] = api.get_or_none(f"clients/{uuid}/roles/{segment(ref.role)}") if uuid else None


def _read_flows(api: RealmApi, actual: ActualRealm, desired: DesiredRealm) -> None:
    actual.flows = {f["alias"]: f for f in api.get("authentication/flows")}
    old_versions = False
    for flow in desired.flows:
        if flow.alias in actual.flows:
            actual.flow_layouts[flow.alias] = read_layout(api, flow.alias)
        pattern = version_pattern(flow.name)
        old_versions |= any(pattern.match(a) and a != flow.alias for a in actual.flows)
    if old_versions:
        actual.flow_users = _flow_users(api, actual.flows)
    if any(f.alias not in actual.flows for f in desired.flows):
        actual.providers = read_providers(api)


def read_layout(api: RealmApi, alias: str) -> list[ExecutionRow]:
    rows: list[ExecutionRow] = []
    for execution in api.get(f"authentication/flows/{segment(alias)}/executions"):
        if execution.get("authenticationFlow"):
            rows.append(
                ExecutionRow(
                    level=execution["level"],
                    kind="flow",
                    name=execution["displayName"],
                    requirement=execution["requirement"],
                    provider=execution.get("providerId"),
                    description=execution.get("description") or "",
                )
            )
            continue
        config_id = execution.get("authenticationConfig")
        config = api.get(f"authentication/config/{config_id}") if config_id else None
        rows.append(
            ExecutionRow(
                level=execution["level"],
                kind="authenticator",
                name=execution["providerId"],
                requirement=execution["requirement"],
                config_alias=config["alias"] if config else None,
                config=tuple(sorted((config.get("config") or {}).items())) if config else None,
            )
        )
    return rows


def _flow_users(api: RealmApi, flows: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Uses of flows that a realm binding does not show: client overrides, identity providers."""
    users: dict[str, list[str]] = {}
    for client in api.get("clients"):
        for binding, flow_id in (client.get("authenticationFlowBindingOverrides") or {}).items():
            users.setdefault(flow_id, []).append(f"client {client['clientId']} ({binding})")
    for provider in api.get("identity-provider/instances") or []:
        for key in ("firstBrokerLoginFlowAlias", "postBrokerLoginFlowAlias"):
            alias = provider.get(key)
            if alias in flows:
                users.setdefault(flows[alias]["id"], []).append(f"identity provider {provider['alias']}")
    return users


def read_providers(api: RealmApi) -> ProviderCatalog:
    def ids(path: str) -> frozenset[str]:
        return frozenset(p["id"] for p in api.get(path))

    return ProviderCatalog(
        authenticators=ids("authentication/authenticator-providers"),
        form_actions=ids("authentication/form-action-providers"),
        forms=ids("authentication/form-providers"),
        client_authenticators=ids("authentication/client-authenticator-providers"),
    )
