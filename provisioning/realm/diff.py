"""Compare the desired realm with what Keycloak holds and build the plan.

Only what `realm/` names is compared. Nothing is removed from Keycloak except the roles
`defaultRoles.exclude` lists, client scopes declared absent (and scopes detached from a client
that names its scopes) and older versions of a declared flow that nothing binds.
"""

from __future__ import annotations

from typing import Any

from provisioning.realm.actual import ActualRealm, ProviderCatalog, RoleRef
from provisioning.realm.delegation import ActualDelegation, delegation_role_refs, diff_delegation
from provisioning.realm.desired import (
    OVERRIDES,
    SCOPE_FIELDS,
    UNORDERED_CLIENT_FIELDS,
    UNORDERED_REALM_FIELDS,
    DesiredClient,
    DesiredProfile,
    DesiredRealm,
    normalize_profile_entry,
)
from provisioning.realm.errors import KeycloakStateError
from provisioning.realm.flows import DesiredFlow, layouts_match, version_pattern
from provisioning.realm.plan import SECRET, UNSET, Change, Op, RealmPlan, changed
from provisioning.realm.schema import (
    BINDING_FIELDS,
    AuthenticatorExecution,
    Execution,
    SubflowExecution,
    as_keycloak_strings,
)

SMTP_SECRET = "password"
AUTHORIZATION = "authorizationServicesEnabled"
#: Clients Keycloak makes itself when a realm switch is turned on (never created by apply).
SWITCHED_ON_CLIENTS = {"admin-permissions": "adminPermissionsEnabled"}


def diff_realm(desired: DesiredRealm, actual: ActualRealm) -> RealmPlan:
    """The plan that makes `actual` match `desired`.

    Raises KeycloakStateError when Keycloak cannot take the desired state (a required action
    or authenticator that is not deployed, a default role that does not exist): checked here,
    before any write.
    """
    plan = RealmPlan(realm=desired.name, realm_exists=actual.exists)
    problems: list[str] = []
    if not actual.exists:
        plan.add(Change("+", f"realm {desired.name}"))
    _realm_settings(desired, actual, plan)
    if desired.profile is not None:
        _profile(desired.profile, actual.profile or {}, plan)
    _required_actions(desired, actual, plan, problems)
    _realm_roles(desired, actual, plan)
    _client_scopes(desired, actual, plan)
    for client in desired.clients:
        _client(client, actual.clients.get(client.client_id), desired, plan)
        _service_account_roles(client, desired, actual, plan, problems)
        _flow_overrides(client, actual.clients.get(client.client_id), desired, actual, plan)
    _default_roles(desired, actual, plan, problems)
    declared_roles = {role["name"] for role in desired.realm_roles}
    role_exists = {
        ref: actual.roles.get(ref) is not None or (RoleRef(ref).client_id is None and ref in declared_roles)
        for ref in delegation_role_refs(desired)
    }
    diff_delegation(desired, actual.delegation or ActualDelegation(), role_exists, plan, problems)
    _flows(desired, actual, plan, problems)
    if problems:
        raise KeycloakStateError(problems)
    return plan


# --- realm -----------------------------------------------------------------------------------


def _realm_settings(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan) -> None:
    current = actual.realm
    plan.realm_update.update(_changed_fields(plan, "realm", current, desired.settings, UNORDERED_REALM_FIELDS))

    if desired.smtp_server is not None:
        old_smtp: dict[str, Any] = current.get("smtpServer") or {}
        new_smtp = desired.smtp_server
        smtp_changed = False
        for key in sorted((set(old_smtp) | set(new_smtp)) - {SMTP_SECRET}):
            if old_smtp.get(key) != new_smtp.get(key):
                plan.add(changed(f"realm.smtpServer.{key}", old_smtp.get(key), new_smtp.get(key)))
                smtp_changed = True
        # Keycloak never returns the SMTP password: only its presence can be compared.
        if (SMTP_SECRET in old_smtp) != (SMTP_SECRET in new_smtp):
            old_shown = SECRET if SMTP_SECRET in old_smtp else UNSET
            new_shown = SECRET if SMTP_SECRET in new_smtp else UNSET
            plan.add(Change("~", f"realm.smtpServer.{SMTP_SECRET}", f"{old_shown} → {new_shown}"))
            smtp_changed = True
        if smtp_changed:
            plan.realm_update["smtpServer"] = dict(new_smtp)

    old_attributes: dict[str, str] = current.get("attributes") or {}
    if _changed_fields(plan, "realm.attributes", old_attributes, desired.attributes):
        plan.realm_attributes = {**old_attributes, **desired.attributes}


def _changed_fields(
    plan: RealmPlan,
    prefix: str,
    current: dict[str, Any],
    wanted: dict[str, Any],
    unordered: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The `wanted` fields `current` does not hold, in `wanted`'s order; a change line for each.

    Fields named in `unordered` are lists compared as sets.
    """
    differing: dict[str, Any] = {}
    for key, value in wanted.items():
        if not _same(current.get(key), value, unordered=key in unordered):
            plan.add(changed(f"{prefix}.{key}", current.get(key), value))
            differing[key] = value
    return differing


def _same(old: Any, new: Any, *, unordered: bool = False) -> bool:
    if unordered and isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    return bool(old == new)


# --- user profile ----------------------------------------------------------------------------


def _profile(desired: DesiredProfile, current: dict[str, Any], plan: RealmPlan) -> None:
    updated = dict(current)
    any_change = False
    for section, label in (("groups", "group"), ("attributes", "attribute")):
        entries: list[dict[str, Any]] = [dict(e) for e in current.get(section) or []]
        index = {e.get("name"): i for i, e in enumerate(entries)}
        for wanted in getattr(desired, section):
            name = wanted["name"]
            if name not in index:
                plan.add(Change("+", f"user-profile {label} {name}"))
                entries.append(wanted)
                any_change = True
                continue
            existing = normalize_profile_entry(entries[index[name]])
            if existing != wanted:
                keys = sorted(k for k in set(existing) | set(wanted) if existing.get(k) != wanted.get(k))
                plan.add(Change("~", f"user-profile {label} {name}", ", ".join(keys)))
                entries[index[name]] = wanted
                any_change = True
        updated[section] = entries

    policy = desired.unmanaged_attribute_policy
    if policy is not None:
        old = current.get("unmanagedAttributePolicy")
        new = None if policy == "DISABLED" else policy
        if old != new:
            plan.add(changed("user-profile.unmanagedAttributePolicy", old, new))
            updated.pop("unmanagedAttributePolicy", None)
            if new is not None:
                updated["unmanagedAttributePolicy"] = new
            any_change = True
    if any_change:
        plan.profile = updated


# --- required actions --------------------------------------------------------------------------


def _required_actions(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan, problems: list[str]) -> None:
    for action in desired.required_actions:
        wanted = action.model_dump(exclude_none=True, exclude={"alias"})
        if "config" in wanted:
            wanted["config"] = as_keycloak_strings(wanted["config"])
        current = actual.required_actions.get(action.alias)
        not_deployed = (
            f"required action '{action.alias}' is not deployed in this Keycloak "
            "(no provider with that id; is the MonEspace providers jar installed?)"
        )
        if current is None:
            if not actual.exists:
                deployed = actual.deployed_required_actions
                if deployed is not None and action.alias not in deployed:
                    problems.append(not_deployed)
                else:
                    plan.add(Change("+", f"required-action {action.alias}"))
                continue
            provider = actual.unregistered_required_actions.get(action.alias)
            if provider is None:
                problems.append(not_deployed)
                continue
            plan.add(Change("+", f"required-action {action.alias}", "register"))
            plan.register_actions.append(
                {"providerId": action.alias, "name": action.name or provider.get("name") or action.alias}
            )
            plan.action_updates.append((action.alias, wanted))
            continue
        if _changed_fields(plan, f"required-action {action.alias}", current, wanted):
            plan.action_updates.append((action.alias, wanted))


# --- clients and default roles -----------------------------------------------------------------


def _client(client: DesiredClient, current: dict[str, Any] | None, desired: DesiredRealm, plan: RealmPlan) -> None:
    subject = f"client {client.client_id}"
    if current is None:
        switch = SWITCHED_ON_CLIENTS.get(client.client_id)
        if switch is not None and desired.settings.get(switch) is True:
            plan.add(Change("+", subject, f"made by Keycloak with {switch}, then set as declared"))
            return
        plan.add(Change("+", subject))
        plan.client_creates.append(client.representation())
        return
    update = _changed_fields(plan, subject, current, client.fields, UNORDERED_CLIENT_FIELDS)
    attributes = _changed_fields(plan, f"{subject}.attributes", current.get("attributes") or {}, client.attributes)
    if attributes:
        update["attributes"] = attributes
    authorization = client.fields.get(AUTHORIZATION)
    if update and authorization is not None:
        # Keycloak reads an update without this field as false, and would drop the client's
        # authorization settings (admin-permissions refuses it): always say it.
        update.setdefault(AUTHORIZATION, authorization)
    if update:
        plan.client_updates.append((current["id"], {"clientId": client.client_id, **update}))
    for kind, wanted in client.scopes.items():
        held = set(current.get(SCOPE_FIELDS[kind]) or [])
        detached = sorted(held - set(wanted))
        attached = [name for name in wanted if name not in held]
        changes: tuple[tuple[Op, list[str]], ...] = (("-", detached), ("+", attached))
        for op, names in changes:
            if names:
                plan.add(Change(op, f"{subject} {kind} scopes", ", ".join(names)))
                plan.client_scope_changes += [(client.client_id, kind, op, name) for name in names]

    mappers = {m["name"]: m for m in current.get("protocolMappers") or []}
    for mapper in client.mappers:
        existing = mappers.get(mapper["name"])
        if existing is None:
            plan.add(Change("+", f"{subject} mapper {mapper['name']}"))
            plan.mapper_creates.append((current["id"], mapper))
            continue
        old_config = existing.get("config") or {}
        keys = [k for k, v in mapper["config"].items() if old_config.get(k) != v]
        if existing.get("protocolMapper") != mapper["protocolMapper"]:
            keys.insert(0, "protocolMapper")
        if keys:
            plan.add(Change("~", f"{subject} mapper {mapper['name']}", ", ".join(keys)))
            merged = {**existing, **mapper, "config": {**old_config, **mapper["config"]}}
            plan.mapper_updates.append((current["id"], existing["id"], merged))


def _client_scopes(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan) -> None:
    for scope in desired.client_scopes:
        subject = f"client-scope {scope.name}"
        if not actual.exists:  # Keycloak creates its stock scopes with the realm
            if scope.present:
                plan.add(Change("+", subject, "unless Keycloak creates it with the realm"))
            else:
                plan.add(Change("-", subject, "if Keycloak creates it with the realm"))
            continue
        current = actual.client_scopes.get(scope.name)
        if not scope.present:
            if current is not None:
                plan.add(Change("-", subject))
                plan.scope_deletes.append((current["id"], scope.name))
            continue
        if current is None:
            plan.add(Change("+", subject))
            plan.scope_creates.append(scope.representation())
        else:
            update = _changed_fields(plan, subject, current, scope.fields)
            held_attributes = current.get("attributes") or {}
            attributes = _changed_fields(plan, f"{subject}.attributes", held_attributes, scope.attributes)
            if update or attributes:
                merged_attributes = {**held_attributes, **attributes}
                plan.scope_updates.append((current["id"], {**current, **update, "attributes": merged_attributes}))
        if scope.realm_default is None:
            continue
        held = {kind for kind, names in actual.realm_default_scopes.items() if scope.name in names}
        wanted = set() if scope.realm_default == "none" else {scope.realm_default}
        if held != wanted:
            was = "/".join(sorted(held)) or "none"
            plan.add(changed(f"realm default scope {scope.name}", was, scope.realm_default))
            plan.realm_default_scope_changes += [(kind, "-", scope.name) for kind in sorted(held - wanted)]
            plan.realm_default_scope_changes += [(kind, "+", scope.name) for kind in sorted(wanted - held)]


def _realm_roles(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan) -> None:
    for declared in desired.realm_roles:
        # Composites are written apart (provisioning/realm/delegation.py), once the roles exist.
        role = {k: v for k, v in declared.items() if k != "composites"}
        current = actual.realm_roles.get(role["name"])
        if current is None:
            plan.add(Change("+", f"role {role['name']}"))
            plan.role_creates.append(role)
            continue
        wanted = role.get("description")
        if wanted is not None and (current.get("description") or None) != wanted:
            plan.add(changed(f"role {role['name']}.description", current.get("description"), wanted))
            plan.role_updates.append((role["name"], {**current, **role}))


def _service_account_roles(
    client: DesiredClient, desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan, problems: list[str]
) -> None:
    if not client.service_account_roles:
        return
    if client.fields.get("serviceAccountsEnabled") is not True:
        problems.append(f"client {client.client_id}: serviceAccountRoles needs serviceAccountsEnabled: true")
        return
    declared = {role["name"] for role in desired.realm_roles}
    held = actual.service_account_roles.get(client.client_id, set())
    missing: list[str] = []
    for text in client.service_account_roles:
        ref = RoleRef(text)
        exists = actual.roles.get(text) is not None or (ref.client_id is None and ref.role in declared)
        if not exists:
            problems.append(f"client {client.client_id}: service-account role '{text}' does not exist")
        elif text not in held:
            plan.add(Change("+", f"client {client.client_id} service-account role {text}"))
            missing.append(text)
    if missing:
        plan.service_account_grants.append((client.client_id, missing))


def _default_roles(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan, problems: list[str]) -> None:
    if not (desired.default_roles_include or desired.default_roles_exclude):
        return
    if not actual.exists:
        for text in desired.default_roles_include:
            plan.add(Change("+", f"default-role {text}"))
        for text in desired.default_roles_exclude:
            plan.add(Change("-", f"default-role {text}", "if Keycloak adds it to a new realm"))
        return
    plan.default_role_id = (actual.realm.get("defaultRole") or {}).get("id")
    present = {role["id"] for role in actual.default_role_composites}
    for text in desired.default_roles_exclude:
        role = actual.roles.get(text)
        if role is not None and role["id"] in present:
            plan.add(Change("-", f"default-role {text}"))
            plan.default_roles_remove.append(role)
    for text in desired.default_roles_include:
        role = actual.roles.get(text)
        if role is None:
            client_id = RoleRef(text).client_id
            if client_id and client_id not in actual.clients and any(c.client_id == client_id for c in desired.clients):
                plan.notes.append(f"default role {text}: added by the next apply, once {client_id} exists")
            else:
                problems.append(f"default role '{text}' does not exist in realm {desired.name}")
            continue
        if role["id"] not in present:
            plan.add(Change("+", f"default-role {text}"))
            plan.default_roles_add.append(role)


# --- flows ---------------------------------------------------------------------------------------


def _flow_overrides(
    client: DesiredClient, current: dict[str, Any] | None, desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan
) -> None:
    """A client's flow overrides, exactly as declared, bound to each flow's current version."""
    if client.flow_overrides is None:
        return
    held_ids: dict[str, str] = dict((current or {}).get(OVERRIDES) or {})
    alias_of = {flow["id"]: alias for alias, flow in actual.flows.items()}
    held = {binding: alias_of.get(flow_id, flow_id) for binding, flow_id in held_ids.items() if flow_id}
    wanted = {binding: desired.flow(name).alias for binding, name in client.flow_overrides.items()}
    if held == wanted:
        return
    plan.add(changed(f"client {client.client_id}.{OVERRIDES}", held or {}, wanted))
    # Keycloak removes an override given an empty flow id.
    plan.flow_overrides.append((client.client_id, {**{b: "" for b in held if b not in wanted}, **wanted}))


def _flows(desired: DesiredRealm, actual: ActualRealm, plan: RealmPlan, problems: list[str]) -> None:
    current = actual.realm
    for flow in desired.flows:
        existing = actual.flows.get(flow.alias)
        if existing is None:
            plan.add(Change("+", f"flow {flow.alias}"))
            plan.flow_creates.append(flow)
            if actual.providers is not None:
                problems.extend(_missing_providers(flow, actual.providers))
        elif (
            not layouts_match(actual.flow_layouts.get(flow.alias, []), flow.layout())
            or (existing.get("description") or "") != flow.definition.description
        ):
            drift = "differs from its definition (edited by hand?); recreated"
            plan.add(Change("~", f"flow {flow.alias}", drift))
            plan.flow_retires.append((existing["id"], flow.alias))
            plan.flow_creates.append(flow)
            for field in flow.binding_fields:
                plan.flow_bindings[field] = flow.alias  # rebind to the new copy
            _rebind_overrides(flow, desired, plan)
            if actual.providers is not None:
                problems.extend(_missing_providers(flow, actual.providers))
        for field in flow.binding_fields:
            if current.get(field) != flow.alias:
                plan.add(changed(f"realm.{field}", current.get(field), flow.alias))
                plan.flow_bindings[field] = flow.alias
    for flow in desired.flows:
        _old_versions(flow, actual, plan)
    for flow_id, alias in plan.flow_retires:
        users = _users_after(actual.flow_users.get(flow_id, []), plan)
        if users:
            plan.notes.append(f"flow {alias} (replaced copy) kept: still used by {', '.join(users)}")
        else:
            plan.flow_deletes.append((flow_id, alias))


def _rebind_overrides(flow: DesiredFlow, desired: DesiredRealm, plan: RealmPlan) -> None:
    """Clients overriding with a flow recreated under the same alias move to the new copy."""
    planned = {client_id for client_id, _ in plan.flow_overrides}
    for client in desired.clients:
        overrides = client.flow_overrides or {}
        if flow.name in overrides.values() and client.client_id not in planned:
            wanted = {binding: desired.flow(name).alias for binding, name in overrides.items()}
            plan.flow_overrides.append((client.client_id, wanted))


def _users_after(users: list[str], plan: RealmPlan) -> list[str]:
    """Uses of a flow (`client X (binding)`…) left once this plan's overrides are set."""
    rebound = {
        f"client {client_id} ({binding})" for client_id, overrides in plan.flow_overrides for binding in overrides
    }
    return [user for user in users if user not in rebound]


def _old_versions(flow: DesiredFlow, actual: ActualRealm, plan: RealmPlan) -> None:
    pattern = version_pattern(flow.name)
    # Realm bindings as they will be once this plan is applied.
    bindings = {field: actual.realm.get(field) for field in BINDING_FIELDS.values()}
    bindings.update(plan.flow_bindings)
    for alias, existing in sorted(actual.flows.items()):
        if alias == flow.alias or not pattern.match(alias):
            continue
        users = [f"realm.{field}" for field, bound in bindings.items() if bound == alias]
        users += _users_after(actual.flow_users.get(existing["id"], []), plan)
        if users:
            plan.notes.append(f"flow {alias} (old version) kept: still used by {', '.join(users)}")
            continue
        plan.add(Change("-", f"flow {alias}", "unbound old version"))
        plan.flow_deletes.append((existing["id"], alias))


def _missing_providers(flow: DesiredFlow, catalog: ProviderCatalog) -> list[str]:
    missing: list[str] = []

    def check(executions: list[Execution], in_form: bool) -> None:
        for execution in executions:
            if isinstance(execution, SubflowExecution):
                if execution.type == "form-flow" and execution.provider and execution.provider not in catalog.forms:
                    missing.append(f"form '{execution.provider}'")
                check(execution.executions, in_form=execution.type == "form-flow")
            elif isinstance(execution, AuthenticatorExecution):
                if flow.definition.type == "client-flow":
                    kind, known = "client authenticator", catalog.client_authenticators
                elif in_form:
                    kind, known = "form action", catalog.form_actions
                else:
                    kind, known = "authenticator", catalog.authenticators
                if execution.authenticator not in known:
                    missing.append(f"{kind} '{execution.authenticator}'")

    check(flow.definition.executions, in_form=False)
    return [f"flow {flow.name}: {m} is not deployed in this Keycloak" for m in missing]
