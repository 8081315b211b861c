"""Who may administer whom: composite roles, groups and their roles, and the realm's
fine-grained admin permissions (v2).

Keycloak 26.7 keeps the permissions as the authorization settings of the realm's
`admin-permissions` client, which it creates when `adminPermissionsEnabled` is turned on: group
policies ("members of these groups") and scope permissions ("these scopes on these groups, for
whom these policies grant"). They are exact here: a policy or permission realm/ does not name
is deleted, since each one is a door into other people's accounts. Groups are matched by name
and only their role mappings are managed; their members belong to the Ordinal sync and to the
administrators.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from provisioning.realm.api import RealmApi, segment
from provisioning.realm.desired import DesiredRealm
from provisioning.realm.plan import Change, DelegationPlan, RealmPlan, changed
from provisioning.realm.schema import Group

#: The client Keycloak creates to hold the realm's admin permissions (AdminPermissionsSchema).
ADMIN_PERMISSIONS_CLIENT = "admin-permissions"
#: Page size when reading groups, policies and permissions.
PAGE = 500


@dataclass
class ActualDelegation:
    """What Keycloak holds of what realm/ declares here."""

    #: Declared role name → refs (`role`, `client/role`) it contains now.
    role_composites: dict[str, set[str]] = field(default_factory=dict)
    #: Top-level groups by name (full representation: realmRoles, clientRoles).
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Id of the `admin-permissions` client; None while fine-grained permissions are off.
    permissions_client: str | None = None
    #: Policies by name: {"id", "type", "description", "groups": group names (None: unknown id)}.
    policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Permissions by name: {"id", "description", "resourceType", "resources", "scopes", "policies"}.
    permissions: dict[str, dict[str, Any]] = field(default_factory=dict)


def delegation_role_refs(desired: DesiredRealm) -> list[str]:
    """Role refs that composites and groups name (read with the other roles, to check they exist)."""
    refs = [ref for role in desired.realm_roles for ref in _composite_refs(role)]
    refs += [ref for group in desired.groups for ref in group.role_refs()]
    return refs


def _composite_refs(role: dict[str, Any]) -> list[str]:
    composites = role.get("composites")
    if composites is None:
        return []
    realm_roles = list(composites.get("realm") or [])
    client_roles = [f"{c}/{r}" for c, roles in (composites.get("client") or {}).items() for r in roles]
    return realm_roles + client_roles


# --- read ----------------------------------------------------------------------------------------


def read_delegation(api: RealmApi, desired: DesiredRealm, realm: dict[str, Any]) -> ActualDelegation:
    actual = ActualDelegation()
    client_ids: dict[str, str] = {}
    for role in desired.realm_roles:
        if role.get("composites") is None:
            continue
        found = api.get_or_none(f"roles/{segment(role['name'])}/composites")
        actual.role_composites[role["name"]] = {_ref(api, r, client_ids) for r in found or []}
    if desired.groups or desired.admin_permissions is not None:
        actual.groups = {g["name"]: g for g in _pages(api, "groups", briefRepresentation="false")}
    if desired.admin_permissions is None or not realm.get("adminPermissionsEnabled"):
        return actual
    found_clients = api.get("clients", clientId=ADMIN_PERMISSIONS_CLIENT)
    if not found_clients:
        return actual
    actual.permissions_client = found_clients[0]["id"]
    base = f"clients/{actual.permissions_client}/authz/resource-server"
    names_by_id = {g["id"]: name for name, g in actual.groups.items()}
    for policy in _pages(api, f"{base}/policy", permission="false"):
        groups = json.loads((policy.get("config") or {}).get("groups") or "[]")
        actual.policies[policy["name"]] = {
            "id": policy["id"],
            "type": policy.get("type"),
            "description": policy.get("description") or None,
            "groups": {names_by_id.get(g.get("id"), f"(unknown group {g.get('id')})") for g in groups},
        }
    for permission in _pages(api, f"{base}/permission", fields="*"):
        resource_type = permission.get("resourceType")
        resources = {r["name"] for r in permission.get("resourcesData") or []}
        associated = api.get(f"{base}/policy/{permission['id']}/associatedPolicies") or []
        actual.permissions[permission["name"]] = {
            "id": permission["id"],
            "description": permission.get("description") or None,
            "resourceType": resource_type,
            # A permission on every resource of its type holds the type's own resource.
            "resources": set() if resources == {resource_type} else {names_by_id.get(r, r) for r in resources},
            "scopes": {s["name"] for s in permission.get("scopesData") or []},
            "policies": {p["name"] for p in associated},
        }
    return actual


def _pages(api: RealmApi, path: str, **params: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = api.get(path, first=str(len(found)), max=str(PAGE), **params) or []
        found += page
        if len(page) < PAGE:
            return found


def _ref(api: RealmApi, role: dict[str, Any], client_ids: dict[str, str]) -> str:
    """`role` or `client/role` for a RoleRepresentation."""
    if not role.get("clientRole"):
        return str(role["name"])
    container = str(role["containerId"])
    if container not in client_ids:
        client_ids[container] = api.get(f"clients/{container}")["clientId"]
    return f"{client_ids[container]}/{role['name']}"


# --- diff ----------------------------------------------------------------------------------------


def diff_delegation(
    desired: DesiredRealm,
    actual: ActualDelegation,
    role_exists: dict[str, bool],
    plan: RealmPlan,
    problems: list[str],
) -> None:
    """Change lines and writes; `role_exists` says for each role ref whether it exists or will."""
    delegation = plan.delegation
    for ref in delegation_role_refs(desired) if plan.realm_exists else []:
        if not role_exists.get(ref, False):
            problems.append(f"role '{ref}' named by a composite or a group does not exist in realm {desired.name}")
    for role in desired.realm_roles:
        if role.get("composites") is None:
            continue
        wanted = _composite_refs(role)
        held = actual.role_composites.get(role["name"], set())
        added = [ref for ref in wanted if ref not in held]
        removed = sorted(held - set(wanted))
        if added:
            plan.add(Change("+", f"role {role['name']} composites", ", ".join(added)))
            delegation.composites_add.append((role["name"], added))
        if removed:
            plan.add(Change("-", f"role {role['name']} composites", ", ".join(removed)))
            delegation.composites_remove.append((role["name"], removed))
    for group in desired.groups:
        _group(group, actual.groups.get(group.name), plan)
    if desired.admin_permissions is not None:
        _admin_permissions(desired, actual, plan)


def _group(group: Group, current: dict[str, Any] | None, plan: RealmPlan) -> None:
    delegation = plan.delegation
    subject = f"group {group.name}"
    if current is None:
        roles = ", ".join(group.role_refs())
        plan.add(Change("+", subject, f"roles {roles}" if roles else ""))
        delegation.group_creates.append(_group_representation(group))
        return
    if group.description is not None and (current.get("description") or None) != group.description:
        plan.add(changed(f"{subject}.description", current.get("description"), group.description))
        delegation.group_updates.append((current["id"], {**_bare_group(current), "description": group.description}))
    held = set(current.get("realmRoles") or [])
    held |= {f"{c}/{r}" for c, roles in (current.get("clientRoles") or {}).items() for r in roles}
    wanted = group.role_refs()
    added = [ref for ref in wanted if ref not in held]
    removed = sorted(held - set(wanted))
    if added:
        plan.add(Change("+", f"{subject} roles", ", ".join(added)))
        delegation.group_roles_add.append((group.name, added))
    if removed:
        plan.add(Change("-", f"{subject} roles", ", ".join(removed)))
        delegation.group_roles_remove.append((group.name, removed))


def _group_representation(group: Group) -> dict[str, Any]:
    """A new group with its roles, as partial import takes it."""
    rep: dict[str, Any] = {"name": group.name, "path": f"/{group.name}", "subGroups": []}
    if group.description is not None:
        rep["description"] = group.description
    if group.realmRoles:
        rep["realmRoles"] = list(group.realmRoles)
    if group.clientRoles:
        rep["clientRoles"] = {client: list(roles) for client, roles in group.clientRoles.items()}
    return rep


def _bare_group(current: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in current.items() if k not in ("subGroups", "access", "realmRoles", "clientRoles")}


def _admin_permissions(desired: DesiredRealm, actual: ActualDelegation, plan: RealmPlan) -> None:
    assert desired.admin_permissions is not None
    delegation = plan.delegation
    for policy in desired.admin_permissions.policies:
        subject = f"admin-permissions policy {policy.name}"
        current = actual.policies.get(policy.name)
        if current is None:
            plan.add(Change("+", subject, f"members of {', '.join(policy.groups)}"))
            delegation.policy_writes.append((None, policy))
            continue
        differs = [
            key
            for key, same in (
                ("type", current["type"] == "group"),
                ("groups", current["groups"] == set(policy.groups)),
                ("description", current["description"] == policy.description),
            )
            if not same
        ]
        if differs:
            plan.add(Change("~", subject, ", ".join(differs)))
            delegation.policy_writes.append((current["id"], policy))
    for permission in desired.admin_permissions.permissions:
        subject = f"admin-permissions permission {permission.name}"
        current = actual.permissions.get(permission.name)
        if current is None:
            on = ", ".join(permission.resources) or f"all {permission.resourceType}"
            plan.add(
                Change("+", subject, f"{', '.join(permission.scopes)} on {on} for {', '.join(permission.policies)}")
            )
            delegation.permission_writes.append((None, permission))
            continue
        differs = [
            key
            for key, same in (
                ("resourceType", current["resourceType"] == permission.resourceType),
                ("resources", current["resources"] == set(permission.resources)),
                ("scopes", current["scopes"] == set(permission.scopes)),
                ("policies", current["policies"] == set(permission.policies)),
                ("description", current["description"] == permission.description),
            )
            if not same
        ]
        if differs:
            plan.add(Change("~", subject, ", ".join(differs)))
            delegation.permission_writes.append((current["id"], permission))
    declared_permissions = {p.name for p in desired.admin_permissions.permissions}
    for name, current in sorted(actual.permissions.items()):
        if name not in declared_permissions:
            plan.add(Change("-", f"admin-permissions permission {name}", "not declared in realm/"))
            delegation.deletes.append((current["id"], f"permission {name}"))
    declared_policies = {p.name for p in desired.admin_permissions.policies}
    for name, current in sorted(actual.policies.items()):
        if name not in declared_policies:
            plan.add(Change("-", f"admin-permissions policy {name}", "not declared in realm/"))
            delegation.deletes.append((current["id"], f"policy {name}"))


# --- apply ---------------------------------------------------------------------------------------


def execute_delegation(api: RealmApi, plan: RealmPlan) -> None:
    """Composites, groups and their roles, then policies, permissions and deletions, in that order:
    each write finds the groups and policies it names."""
    delegation = plan.delegation
    if not delegation:
        return
    roles = _RoleLookup(api)
    for name, refs in delegation.composites_add:
        api.post(f"roles/{segment(name)}/composites", [roles.representation(ref) for ref in refs])
    for name, refs in delegation.composites_remove:
        api.delete(f"roles/{segment(name)}/composites", [roles.representation(ref) for ref in refs])
    if delegation.group_creates:
        # One request for all of them (a realm has a hundred conseils), roles included.
        api.post("partialImport", {"ifResourceExists": "SKIP", "groups": delegation.group_creates})
    for group_id, representation in delegation.group_updates:
        api.put(f"groups/{group_id}", representation)
    group_ids = {g["name"]: g["id"] for g in _pages(api, "groups")} if _needs_group_ids(delegation) else {}
    for name, refs in delegation.group_roles_add:
        _group_roles(api, roles, group_ids[name], refs, add=True)
    for name, refs in delegation.group_roles_remove:
        _group_roles(api, roles, group_ids[name], refs, add=False)
    if not (delegation.policy_writes or delegation.permission_writes or delegation.deletes):
        return
    client = api.get("clients", clientId=ADMIN_PERMISSIONS_CLIENT)[0]["id"]
    base = f"clients/{client}/authz/resource-server"
    # Permissions first: a policy is deleted once no permission names it any more.
    permission_ids = {p["id"] for p in _pages(api, f"{base}/permission")}
    for item_id, _label in sorted(delegation.deletes, key=lambda d: d[0] not in permission_ids):
        api.delete(f"{base}/policy/{item_id}")
    for policy_id, policy in delegation.policy_writes:
        representation = {
            "name": policy.name,
            "description": policy.description or "",
            "type": "group",
            "logic": "POSITIVE",
            "decisionStrategy": "UNANIMOUS",
            "groups": [{"id": group_ids[name], "extendChildren": False} for name in policy.groups],
        }
        if policy_id is None:
            api.post(f"{base}/policy/group", representation)
        else:
            api.put(f"{base}/policy/group/{policy_id}", {"id": policy_id, **representation})
    for permission_id, permission in delegation.permission_writes:
        representation = {
            "name": permission.name,
            "description": permission.description or "",
            "type": "scope",
            "logic": "POSITIVE",
            "decisionStrategy": "UNANIMOUS",
            "resourceType": permission.resourceType,
            "resources": [group_ids[name] for name in permission.resources],
            "scopes": list(permission.scopes),
            "policies": list(permission.policies),
        }
        if permission_id is None:
            api.post(f"{base}/permission/scope", representation)
        else:
            api.put(f"{base}/permission/scope/{permission_id}", {"id": permission_id, **representation})


def _needs_group_ids(delegation: DelegationPlan) -> bool:
    return bool(
        delegation.group_roles_add
        or delegation.group_roles_remove
        or delegation.policy_writes
        or delegation.permission_writes
    )


def _group_roles(api: RealmApi, roles: _RoleLookup, group_id: str, refs: list[str], *, add: bool) -> None:
    by_owner: dict[str | None, list[dict[str, Any]]] = {}
    for text in refs:
        by_owner.setdefault(_split(text)[0], []).append(roles.representation(text))
    for owner, representations in by_owner.items():
        path = (
            f"groups/{group_id}/role-mappings/realm"
            if owner is None
            else f"groups/{group_id}/role-mappings/clients/{roles.client_uuid(owner)}"
        )
        if add:
            api.post(path, representations)
        else:
            api.delete(path, representations)


class _RoleLookup:
    """Role representations by ref, read once each."""

    def __init__(self, api: RealmApi) -> None:
        self.api = api
        self._clients: dict[str, str] = {}
        self._roles: dict[str, dict[str, Any]] = {}

    def client_uuid(self, client_id: str) -> str:
        if client_id not in self._clients:
            self._clients[client_id] = self.api.get("clients", clientId=client_id)[0]["id"]
        return self._clients[client_id]

    def representation(self, text: str) -> dict[str, Any]:
        if text not in self._roles:
            client_id, role = _split(text)
            path = (
                f"roles/{segment(role)}"
                if client_id is None
                else f"clients/{self.client_uuid(client_id)}/roles/{segment(role)}"
            )
            self._roles[text] = self.api.get(path)
        return self._roles[text]


def _split(text: str) -> tuple[str | None, str]:
    """`client/role` → (client, role); `role` → (None, role)."""
    client, _, role = text.rpartition("/")
    return (client or None), role
