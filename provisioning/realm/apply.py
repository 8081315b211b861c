"""Make Keycloak match `realm/`: plan against the live realm, then write, in an order where
every write finds what it needs (groups before attributes, flows before their binding,
the binding before the old version is deleted)."""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from keycloak import KeycloakAdmin

from provisioning.realm.actual import RoleRef, read_actual
from provisioning.realm.api import RealmApi, segment
from provisioning.realm.delegation import execute_delegation
from provisioning.realm.desired import DesiredRealm, load_desired
from provisioning.realm.diff import SWITCHED_ON_CLIENTS, diff_realm
from provisioning.realm.errors import AdminApiError
from provisioning.realm.flows import DesiredFlow, config_alias, subflow_alias
from provisioning.realm.plan import Change, ChangeSummary, RealmPlan
from provisioning.realm.schema import Execution, SubflowExecution, as_keycloak_strings

PRIORITY_GAP = 10  # gaps leave room for a hand-inserted execution during an investigation


def plan_realm(admin: KeycloakAdmin, desired: DesiredRealm) -> RealmPlan:
    """What apply would change; reads only."""
    api = RealmApi(admin, desired.name)
    return diff_realm(desired, read_actual(api, desired))


def apply_desired(admin: KeycloakAdmin, desired: DesiredRealm) -> ChangeSummary:
    """Apply an already loaded `DesiredRealm`; returns what was changed."""
    started = time.monotonic()
    api = RealmApi(admin, desired.name)
    created: list[Change] = []
    actual = read_actual(api, desired)
    if not actual.exists:
        diff_realm(desired, actual)  # refuses what Keycloak cannot take before creating the realm
        api.create_realm()
        created.append(Change("+", f"realm {desired.name}"))
        actual = read_actual(api, desired)
    switches = {s for s in SWITCHED_ON_CLIENTS.values() if desired.settings.get(s) is True and not actual.realm.get(s)}
    if switches:
        # Keycloak makes the client these switches own (admin-permissions) when they turn on;
        # the rest of the plan then finds it and sets it as declared.
        diff_realm(desired, actual)
        api.put("", {switch: True for switch in sorted(switches)})
        created += [Change("~", f"realm.{switch}", "false → true") for switch in sorted(switches)]
        actual = read_actual(api, desired)
    plan = diff_realm(desired, actual)
    execute(api, plan)
    return plan.summary(applied=True, before=tuple(created), seconds=time.monotonic() - started)


def apply_realm(
    admin: KeycloakAdmin,
    values: Mapping[str, Any] | None = None,
    *,
    realm_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> ChangeSummary:
    """Load `realm/` with `values` over its defaults (and `env` MONESPACE_* if given), apply it.

    For tests and the dev harness, e.g.
    `apply_realm(admin, {"realm": "monespace-fast", "code_ttl_seconds": 5})`.
    """
    return apply_desired(admin, load_desired(realm_dir, values, env=env))


def execute(api: RealmApi, plan: RealmPlan) -> None:
    if plan.realm_update:
        try:
            api.put("", plan.realm_update)
        except AdminApiError as exc:
            raise AdminApiError(exc.message + _realm_update_hint(plan.realm_update), exc.status) from None
    if plan.realm_attributes is not None:
        # Alone: Keycloak replaces the whole attribute map, and some realm fields live in it.
        api.put("", {"attributes": plan.realm_attributes})
    if plan.profile is not None:
        api.put("users/profile", plan.profile)
    _required_actions(api, plan)
    _write(api, "roles", plan.role_creates, plan.role_updates)
    _write(api, "client-scopes", plan.scope_creates, plan.scope_updates)
    _clients(api, plan)
    _client_scopes(api, plan)
    _service_account_grants(api, plan)
    _default_roles(api, plan)
    execute_delegation(api, plan)
    _flows(api, plan)
    # Last: a scope declared absent is deleted once no declared client names it any more.
    for scope_id, _name in plan.scope_deletes:
        api.delete(f"client-scopes/{scope_id}")


def _realm_update_hint(update: dict[str, Any]) -> str:
    # Keycloak answers a bare "500 Failed to update realm" when the denylist file is missing.
    if "passwordBlacklist" in str(update.get("passwordPolicy", "")):
        return (
            " — if the password policy is the cause: is the denylist file in Keycloak's"
            " data/password-blacklists/? (password_denylist_file= leaves it out)"
        )
    return ""


def _required_actions(api: RealmApi, plan: RealmPlan) -> None:
    for registration in plan.register_actions:
        api.post("authentication/register-required-action", registration)
    for alias, fields in plan.action_updates:
        path = f"authentication/required-actions/{segment(alias)}"
        api.put(path, {**api.get(path), **fields})


def _clients(api: RealmApi, plan: RealmPlan) -> None:
    for representation in plan.client_creates:
        api.post("clients", representation)
    for uuid, fields in plan.client_updates:
        api.put(f"clients/{uuid}", fields)
    for uuid, mapper in plan.mapper_creates:
        api.post(f"clients/{uuid}/protocol-mappers/models", mapper)
    for uuid, mapper_id, mapper in plan.mapper_updates:
        api.put(f"clients/{uuid}/protocol-mappers/models/{mapper_id}", mapper)


def _write(
    api: RealmApi, collection: str, creates: list[dict[str, Any]], updates: list[tuple[str, dict[str, Any]]]
) -> None:
    """POST each new representation to `collection`, PUT each (key, representation) to its key."""
    for representation in creates:
        api.post(collection, representation)
    for key, representation in updates:
        api.put(f"{collection}/{segment(key)}", representation)


def _client_scopes(api: RealmApi, plan: RealmPlan) -> None:
    """Attach and detach scopes by name, for clients and the realm's defaults."""
    if not (plan.client_scope_changes or plan.realm_default_scope_changes):
        return
    scope_ids = {s["name"]: s["id"] for s in api.get("client-scopes")}
    client_ids: dict[str, str] = {}
    for client_id, kind, op, name in plan.client_scope_changes:
        if client_id not in client_ids:
            client_ids[client_id] = api.get("clients", clientId=client_id)[0]["id"]
        _attach(api, f"clients/{client_ids[client_id]}/{kind}-client-scopes/{scope_ids[name]}", op)
    for kind, op, name in plan.realm_default_scope_changes:
        _attach(api, f"default-{kind}-client-scopes/{scope_ids[name]}", op)


def _attach(api: RealmApi, path: str, op: str) -> None:
    if op == "+":
        api.put(path, None)
    else:
        api.delete(path)


def _service_account_grants(api: RealmApi, plan: RealmPlan) -> None:
    for client_id, refs in plan.service_account_grants:
        uuid = api.get("clients", clientId=client_id)[0]["id"]
        user = api.get(f"clients/{uuid}/service-account-user")
        role_refs = [RoleRef(text) for text in refs]
        realm_roles = [api.get(f"roles/{segment(ref.role)}") for ref in role_refs if ref.client_id is None]
        if realm_roles:
            api.post(f"users/{user['id']}/role-mappings/realm", realm_roles)
        by_client: dict[str, list[str]] = {}
        for ref in role_refs:
            if ref.client_id is not None:
                by_client.setdefault(ref.client_id, []).append(ref.role)
        for owner, roles in by_client.items():
            owner_uuid = api.get("clients", clientId=owner)[0]["id"]
            representations = [api.get(f"clients/{owner_uuid}/roles/{segment(role)}") for role in roles]
            api.post(f"users/{user['id']}/role-mappings/clients/{owner_uuid}", representations)


def _default_roles(api: RealmApi, plan: RealmPlan) -> None:
    if plan.default_role_id is None:
        return
    path = f"roles-by-id/{plan.default_role_id}/composites"
    if plan.default_roles_remove:
        api.delete(path, plan.default_roles_remove)
    if plan.default_roles_add:
        api.post(path, plan.default_roles_add)


def _flows(api: RealmApi, plan: RealmPlan) -> None:
    for _flow_id, alias in plan.flow_retires:
        _rename_tree(api, alias, suffix=f"-replaced-{secrets.token_hex(3)}")
    for flow in plan.flow_creates:
        create_flow(api, flow)
    if plan.flow_bindings:
        api.put("", dict(plan.flow_bindings))
    if plan.flow_overrides:
        flow_ids = {f["alias"]: f["id"] for f in api.get("authentication/flows")}
        for client_id, overrides in plan.flow_overrides:
            # The whole client: Keycloak fills fields a partial update leaves out (web origins
            # derived from the redirect URIs).
            client = api.get("clients", clientId=client_id)[0]
            bound = {binding: flow_ids[alias] if alias else "" for binding, alias in overrides.items()}
            api.put(f"clients/{client['id']}", {**client, "authenticationFlowBindingOverrides": bound})
    for flow_id, _alias in plan.flow_deletes:
        api.delete(f"authentication/flows/{flow_id}")


def create_flow(api: RealmApi, flow: DesiredFlow) -> None:
    """Create a flow version with all its executions; on failure remove what was created."""
    created: list[str] = []
    try:
        top = _new_flow(api, flow.alias, flow.definition.description, flow.definition.type, top_level=True)
        created.append(top)
        _add_executions(api, flow, top, flow.definition.executions, created)
    except AdminApiError as exc:
        for flow_id in reversed(created):
            with contextlib.suppress(AdminApiError):
                api.delete(f"authentication/flows/{flow_id}")
        raise AdminApiError(f"creating flow {flow.alias}: {exc.message}", status=exc.status) from None


def _new_flow(api: RealmApi, alias: str, description: str, provider: str, *, top_level: bool) -> str:
    flow_id = api.post(
        "authentication/flows",
        {
            "alias": alias,
            "description": description,
            "providerId": provider,
            "topLevel": top_level,
            "builtIn": False,
        },
    )
    if flow_id is None:
        raise AdminApiError(f"POST authentication/flows ({alias}): Keycloak returned no Location")
    return flow_id


def _add_executions(
    api: RealmApi, flow: DesiredFlow, parent: str, children: list[Execution], created: list[str]
) -> None:
    for position, child in enumerate(children, start=1):
        execution: dict[str, Any] = {
            "parentFlow": parent,
            "requirement": child.requirement,
            "priority": position * PRIORITY_GAP,
        }
        if isinstance(child, SubflowExecution):
            alias = subflow_alias(flow.alias, child.flow)
            sub = _new_flow(api, alias, child.description, child.type, top_level=False)
            created.append(sub)
            execution |= {"authenticatorFlow": True, "flowId": sub}
            if child.type == "form-flow" and child.provider:
                execution["authenticator"] = child.provider
            api.post("authentication/executions", execution)
            _add_executions(api, flow, sub, child.executions, created)
            continue
        execution |= {"authenticatorFlow": False, "authenticator": child.authenticator}
        execution_id = api.post("authentication/executions", execution)
        if child.config is not None:
            api.post(
                f"authentication/executions/{execution_id}/config",
                {
                    "alias": config_alias(flow.alias, child.config.alias),
                    "config": as_keycloak_strings(child.config.values),
                },
            )


def _rename_tree(api: RealmApi, alias: str, *, suffix: str) -> None:
    """Move a drifted flow out of the way: its subflow and config aliases are realm-unique too."""
    for execution in api.get(f"authentication/flows/{segment(alias)}/executions"):
        if execution.get("authenticationFlow"):
            sub = api.get(f"authentication/flows/{execution['flowId']}")
            api.put(f"authentication/flows/{sub['id']}", {**sub, "alias": sub["alias"] + suffix})
        elif execution.get("authenticationConfig"):
            config = api.get(f"authentication/config/{execution['authenticationConfig']}")
            api.put(f"authentication/config/{config['id']}", {**config, "alias": config["alias"] + suffix})
    top = next(f for f in api.get("authentication/flows") if f["alias"] == alias)
    api.put(f"authentication/flows/{top['id']}", {**top, "alias": alias + suffix})
