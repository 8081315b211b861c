"""The state `realm/` asks for, as Keycloak representations ready to compare and send."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provisioning.realm.files import RealmFiles, default_realm_dir, load_realm_files
from provisioning.realm.flows import DesiredFlow, desired_flow
from provisioning.realm.schema import (
    AdminPermissions,
    Client,
    ClientScope,
    Group,
    ProtocolMapper,
    RequiredAction,
    as_keycloak_strings,
)
from provisioning.realm.values import load_defaults, resolve_values

# Realm fields that Keycloak keeps as sets: compared without order.
UNORDERED_REALM_FIELDS = frozenset({"supportedLocales", "eventsListeners", "enabledEventTypes"})
UNORDERED_CLIENT_FIELDS = frozenset({"redirectUris", "webOrigins"})
#: Kinds of client scope attachment → the ClientRepresentation field listing them.
SCOPE_FIELDS = {"default": "defaultClientScopes", "optional": "optionalClientScopes"}
OVERRIDES = "authenticationFlowBindingOverrides"


@dataclass(frozen=True)
class DesiredClient:
    client_id: str
    fields: dict[str, Any]  # top-level ClientRepresentation fields named in realm/
    attributes: dict[str, str]
    mappers: list[dict[str, Any]]
    service_account_roles: list[str] = field(default_factory=list)
    # Scope names by kind ("default", "optional"); a kind absent here is left as it is.
    scopes: dict[str, list[str]] = field(default_factory=dict)
    # Flow overrides, exactly, by binding ("browser", "direct_grant") → flow name; None: not
    # declared (left as they are).
    flow_overrides: dict[str, str] | None = None

    def representation(self) -> dict[str, Any]:
        """Full representation for a creation (with exactly the declared scopes; flow overrides
        are set once the flows exist)."""
        rep: dict[str, Any] = {"clientId": self.client_id, **self.fields}
        if self.attributes:
            rep["attributes"] = dict(self.attributes)
        if self.mappers:
            rep["protocolMappers"] = [dict(m) for m in self.mappers]
        for kind, names in self.scopes.items():
            rep[SCOPE_FIELDS[kind]] = list(names)
        return rep


@dataclass(frozen=True)
class DesiredScope:
    name: str
    present: bool
    fields: dict[str, Any]  # protocol, description when declared
    attributes: dict[str, str]
    realm_default: str | None  # "default", "optional", "none"; None: left as it is

    def representation(self) -> dict[str, Any]:
        rep: dict[str, Any] = {"name": self.name, **self.fields}
        if self.attributes:
            rep["attributes"] = dict(self.attributes)
        return rep


@dataclass(frozen=True)
class DesiredProfile:
    unmanaged_attribute_policy: str | None  # None: leave as is; "DISABLED": remove it
    attributes: list[dict[str, Any]]
    groups: list[dict[str, Any]]


@dataclass(frozen=True)
class DesiredRealm:
    name: str
    settings: dict[str, Any]  # realm fields other than attributes and smtpServer
    attributes: dict[str, str]
    smtp_server: dict[str, str] | None
    profile: DesiredProfile | None
    realm_roles: list[dict[str, Any]] = field(default_factory=list)  # RoleRepresentations
    client_scopes: list[DesiredScope] = field(default_factory=list)
    clients: list[DesiredClient] = field(default_factory=list)
    default_roles_include: list[str] = field(default_factory=list)
    default_roles_exclude: list[str] = field(default_factory=list)
    required_actions: list[RequiredAction] = field(default_factory=list)
    flows: list[DesiredFlow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    admin_permissions: AdminPermissions | None = None

    def flow(self, name: str) -> DesiredFlow:
        """The declared flow called `name` (its current version)."""
        return next(f for f in self.flows if f.name == name)


def load_desired(
    realm_dir: Path | None = None,
    values: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    values_files: tuple[Path, ...] = (),
    sets: tuple[str, ...] = (),
) -> DesiredRealm:
    """Read `realm/` with its defaults and the given overrides (RealmFilesError if invalid)."""
    realm_dir = realm_dir or default_realm_dir()
    resolved = resolve_values(load_defaults(realm_dir), env=env, files=values_files, sets=sets, overrides=values)
    return build_desired(load_realm_files(realm_dir, resolved))


def build_desired(files: RealmFiles) -> DesiredRealm:
    realm = files.realm
    settings = realm.model_dump(exclude_none=True, exclude={"realm", "attributes", "smtpServer"})
    smtp = None
    if realm.smtpServer is not None:
        smtp = as_keycloak_strings(realm.smtpServer.model_dump(by_alias=True, exclude_none=True))
    profile = None
    if files.user_profile is not None:
        up = files.user_profile
        profile = DesiredProfile(
            unmanaged_attribute_policy=up.unmanagedAttributePolicy,
            attributes=[normalize_profile_entry(a.model_dump(exclude_none=True)) for a in up.attributes],
            groups=[normalize_profile_entry(g.model_dump(exclude_none=True)) for g in up.groups],
        )
    roles = files.default_roles
    return DesiredRealm(
        name=realm.realm,
        settings=settings,
        attributes=as_keycloak_strings(realm.attributes or {}),
        smtp_server=smtp,
        profile=profile,
        realm_roles=[r.model_dump(exclude_none=True) for r in files.roles.realm] if files.roles else [],
        client_scopes=[_scope(c) for c in files.client_scopes],
        clients=[_client(c) for c in files.clients],
        default_roles_include=list(roles.include) if roles else [],
        default_roles_exclude=list(roles.exclude) if roles else [],
        required_actions=list(files.required_actions),
        flows=[desired_flow(f) for f in files.flows],
        groups=list(files.groups),
        admin_permissions=files.admin_permissions,
    )


def _client(client: Client) -> DesiredClient:
    scope_lists = set(SCOPE_FIELDS.values())
    fields = client.model_dump(
        exclude_none=True,
        exclude={"clientId", "attributes", "protocolMappers", "serviceAccountRoles", OVERRIDES, *scope_lists},
    )
    overrides = client.authenticationFlowBindingOverrides
    declared = {kind: getattr(client, name) for kind, name in SCOPE_FIELDS.items()}
    scopes = {kind: list(names) for kind, names in declared.items() if names is not None}
    return DesiredClient(
        client_id=client.clientId,
        fields=fields,
        attributes=as_keycloak_strings(client.attributes or {}),
        mappers=[mapper_representation(m) for m in client.protocolMappers or []],
        service_account_roles=list(client.serviceAccountRoles or []),
        scopes=scopes,
        flow_overrides=None if overrides is None else {str(k): v for k, v in overrides.items()},
    )


def _scope(scope: ClientScope) -> DesiredScope:
    return DesiredScope(
        name=scope.name,
        present=scope.state == "present",
        fields=scope.model_dump(include={"protocol", "description"}, exclude_none=True),
        attributes=as_keycloak_strings(scope.attributes or {}),
        realm_default=scope.realmDefault,
    )


def mapper_representation(mapper: ProtocolMapper) -> dict[str, Any]:
    return {
        "name": mapper.name,
        "protocol": mapper.protocol,
        "protocolMapper": mapper.protocolMapper,
        "config": as_keycloak_strings(mapper.config),
    }


def normalize_profile_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Drop what Keycloak omits or adds empty, so declared and stored entries compare equal."""
    normalized = {k: v for k, v in entry.items() if v is not None and v != {} and v != []}
    if "permissions" in entry:  # an attribute (groups have none)
        normalized.setdefault("multivalued", False)
    return normalized
