"""Read `realm/`: render each YAML file with Jinja2, parse it, validate it against the schema
and join the files into one `RealmFiles`. Every problem is collected and reported as one line
naming the file and the key path; nothing here talks to Keycloak.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import monespace_realm
import yaml
from monespace_realm.contract import FILE as CONTRACT_FILE
from pydantic import ValidationError

from provisioning.realm.errors import RealmFilesError
from provisioning.realm.schema import (
    EXECUTION_TAGS,
    AdminPermissions,
    Client,
    ClientScope,
    DefaultRoles,
    Flow,
    Group,
    RealmDocument,
    RealmSettings,
    RequiredAction,
    Roles,
    UserProfile,
    walk_executions,
)
from provisioning.realm.values import VALUES_FILE, display_path, realm_contract

# Top-level keys starting with this are free-form: a place for YAML anchors shared by sections.
FREE_FORM_PREFIX = "x-"
# Files starting with this are partials for `{% include %}`, not documents of their own.
PARTIAL_PREFIX = "_"


def default_realm_dir() -> Path:
    """The realm files installed with this package (realm/ of the checkout in development)."""
    return monespace_realm.DIRECTORY


@dataclass(frozen=True)
class RealmFiles:
    """The validated content of `realm/`, sections joined across files."""

    realm: RealmSettings
    user_profile: UserProfile | None = None
    roles: Roles | None = None
    client_scopes: list[ClientScope] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)
    default_roles: DefaultRoles | None = None
    required_actions: list[RequiredAction] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    admin_permissions: AdminPermissions | None = None


def template_files(realm_dir: Path) -> list[Path]:
    names = sorted(p for p in realm_dir.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    documents = [p for p in names if p.name not in (VALUES_FILE, CONTRACT_FILE)]
    return [p for p in documents if not p.name.startswith(PARTIAL_PREFIX)]


def load_realm_files(realm_dir: Path, values: Mapping[str, Any]) -> RealmFiles:
    """Render, parse, validate and join every document of `realm_dir`.

    Raises RealmFilesError listing every problem found (all files are checked).
    """
    if not realm_dir.is_dir():
        raise RealmFilesError([f"{realm_dir}: not a directory"])
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(realm_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML, not HTML: quoting is done with `| tojson` where needed
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["tojson"] = _to_json
    contract = realm_contract(realm_dir)

    def provider_config(provider: str) -> dict[str, Any]:
        """The config of one of MonEspace's providers: its settings (contract.yaml), from `values`."""
        return {setting.name: values[setting.name] for setting in contract.settings_of(provider)}

    environment.globals["provider_config"] = provider_config
    problems: list[str] = []
    documents: list[tuple[str, RealmDocument]] = []
    for path in template_files(realm_dir):
        label = display_path(realm_dir, path)
        document = _load_document(environment, path.name, label, values, problems)
        if document is not None:
            documents.append((label, document))
    joined = _join(documents, problems)
    if problems:
        raise RealmFilesError(problems)
    assert joined is not None
    return joined


def _load_document(
    environment: jinja2.Environment,
    name: str,
    label: str,
    values: Mapping[str, Any],
    problems: list[str],
) -> RealmDocument | None:
    try:
        text = environment.get_template(name).render(**values)
    except jinja2.TemplateSyntaxError as exc:
        problems.append(f"{label}:{exc.lineno}: template syntax: {exc.message}")
        return None
    except jinja2.UndefinedError as exc:
        problems.append(
            f"{_where(exc, environment, name, label)}: {exc.message} "
            f"(declare it in realm/{VALUES_FILE} or pass it with --set)"
        )
        return None
    except jinja2.TemplateError as exc:
        problems.append(f"{_where(exc, environment, name, label)}: {exc.message}")
        return None
    except (TypeError, ValueError) as exc:  # e.g. a value that JSON cannot represent
        problems.append(f"{_where(exc, environment, name, label)}: {exc}")
        return None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{label}{line}: YAML (after rendering): {problem}")
        return None
    if loaded is None:
        return RealmDocument()  # a file whose content is switched off by a value
    if not isinstance(loaded, dict):
        problems.append(f"{label}: should be a mapping of sections (realm, clients, flows…)")
        return None
    content = {k: v for k, v in loaded.items() if not str(k).startswith(FREE_FORM_PREFIX)}
    try:
        return RealmDocument.model_validate(content)
    except ValidationError as exc:
        problems.extend(f"{label}: {_key_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        return None


def _to_json(value: Any) -> str:
    """`| tojson` for YAML: JSON is valid YAML and quotes any string safely."""
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises the "'x' is undefined" error here
    return json.dumps(value, ensure_ascii=False)


def _where(exc: Exception, environment: jinja2.Environment, name: str, label: str) -> str:
    """`realm/realm.yaml:12 (host: {{ smtp_hots }})` for an error raised while rendering."""
    assert environment.loader is not None
    source_file = str(Path(environment.loader.get_source(environment, name)[1] or name))
    line = None
    # Jinja rewrites tracebacks so that template frames carry the template's own line numbers.
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == source_file:
            line = lineno
    if line is None:
        return label
    source_lines = Path(source_file).read_text(encoding="utf-8").splitlines()
    snippet = source_lines[line - 1].strip() if 0 < line <= len(source_lines) else ""
    return f"{label}:{line} ({snippet})" if snippet else f"{label}:{line}"


def _key_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's loc → `clients[0].redirectUris` (union tags dropped)."""
    parts: list[str] = []
    previous: int | str | None = None
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in EXECUTION_TAGS and isinstance(previous, int):
            pass  # the discriminator tag pydantic inserts after a list index
        else:
            parts.append(("." if parts else "") + str(item))
        previous = item
    return "".join(parts) or "(top level)"


def _join(documents: list[tuple[str, RealmDocument]], problems: list[str]) -> RealmFiles | None:
    singles: dict[str, tuple[str, Any]] = {}
    scopes: list[tuple[str, int, ClientScope]] = []
    clients: list[tuple[str, int, Client]] = []
    actions: list[tuple[str, int, RequiredAction]] = []
    flows: list[tuple[str, int, Flow]] = []
    groups: list[tuple[str, int, Group]] = []
    for label, document in documents:
        for section in ("realm", "userProfile", "roles", "defaultRoles", "adminPermissions"):
            value = getattr(document, section)
            if value is None:
                continue
            if section in singles:
                problems.append(f"{label}: {section}: already defined in {singles[section][0]}")
            else:
                singles[section] = (label, value)
        scopes += [(label, i, c) for i, c in enumerate(document.clientScopes or [])]
        clients += [(label, i, c) for i, c in enumerate(document.clients or [])]
        actions += [(label, i, a) for i, a in enumerate(document.requiredActions or [])]
        flows += [(label, i, f) for i, f in enumerate(document.flows or [])]
        groups += [(label, i, g) for i, g in enumerate(document.groups or [])]

    _unique(scopes, "clientScopes", "name", lambda c: c.name, problems)
    _unique(clients, "clients", "clientId", lambda c: c.clientId, problems)
    _check_client_scopes(scopes, clients, problems)
    _unique(actions, "requiredActions", "alias", lambda a: a.alias, problems)
    _unique(flows, "flows", "alias", lambda f: f.alias, problems)
    _check_flows(flows, problems)
    _check_overrides(clients, flows, problems)
    _unique(groups, "groups", "name", lambda g: g.name, problems)
    permissions = singles.get("adminPermissions", (None, None))
    _check_admin_permissions(permissions[0], permissions[1], {g.name for _, _, g in groups}, problems)
    if "realm" not in singles:
        if not problems:
            problems.append("realm/: no file defines the `realm` section (it names the realm)")
        return None
    return RealmFiles(
        realm=singles["realm"][1],
        user_profile=singles.get("userProfile", (None, None))[1],
        roles=singles.get("roles", (None, None))[1],
        client_scopes=[c for _, _, c in scopes],
        clients=[c for _, _, c in clients],
        default_roles=singles.get("defaultRoles", (None, None))[1],
        required_actions=[a for _, _, a in actions],
        flows=[f for _, _, f in flows],
        groups=[g for _, _, g in groups],
        admin_permissions=permissions[1],
    )


def _unique(items: list[tuple[str, int, Any]], section: str, key: str, get: Any, problems: list[str]) -> None:
    seen: dict[str, str] = {}
    for label, index, item in items:
        value = get(item)
        if value in seen:
            where = f"{label}: {section}[{index}].{key}"
            problems.append(f"{where}: '{value}' is already declared in {seen[value]}")
        else:
            seen[value] = label


def _check_flows(flows: list[tuple[str, int, Flow]], problems: list[str]) -> None:
    bindings: dict[str, str] = {}
    config_aliases: dict[str, str] = {}
    for label, index, flow in flows:
        for binding in flow.bindings:
            if binding in bindings:
                problems.append(
                    f"{label}: flows[{index}].binding: '{binding}' is already taken by flow '{bindings[binding]}'"
                )
            else:
                bindings[binding] = flow.alias
        for execution in walk_executions(flow):
            config = getattr(execution, "config", None)
            if config is None:
                continue
            if config.alias in config_aliases:
                problems.append(
                    f"{label}: flows[{index}]: config alias '{config.alias}' is already used by flow "
                    f"'{config_aliases[config.alias]}' (config aliases are unique in a realm)"
                )
            else:
                config_aliases[config.alias] = flow.alias


def _check_client_scopes(
    scopes: list[tuple[str, int, ClientScope]], clients: list[tuple[str, int, Client]], problems: list[str]
) -> None:
    """A client may only name scopes declared present."""
    present = {scope.name for _, _, scope in scopes if scope.state == "present"}
    for label, index, client in clients:
        for section in ("defaultClientScopes", "optionalClientScopes"):
            for name in getattr(client, section) or []:
                if name not in present:
                    problems.append(
                        f"{label}: clients[{index}].{section}: '{name}' is not a client scope declared present"
                        " (clientScopes)"
                    )


def _check_overrides(
    clients: list[tuple[str, int, Client]], flows: list[tuple[str, int, Flow]], problems: list[str]
) -> None:
    """A client's flow override names a flow declared in realm/."""
    declared = {flow.alias for _, _, flow in flows}
    for label, index, client in clients:
        for binding, name in (client.authenticationFlowBindingOverrides or {}).items():
            if name not in declared:
                problems.append(
                    f"{label}: clients[{index}].authenticationFlowBindingOverrides.{binding}: "
                    f"'{name}' is not a flow declared in realm/ (flows)"
                )


def _check_admin_permissions(
    label: str | None, permissions: AdminPermissions | None, groups: set[str], problems: list[str]
) -> None:
    """Policies name declared groups; permissions name declared policies and groups, once each."""
    if label is None or permissions is None:
        return
    policies = [(label, i, p) for i, p in enumerate(permissions.policies)]
    _unique(policies, "adminPermissions.policies", "name", lambda p: p.name, problems)
    granted = [(label, i, p) for i, p in enumerate(permissions.permissions)]
    _unique(granted, "adminPermissions.permissions", "name", lambda p: p.name, problems)
    for index, policy in enumerate(permissions.policies):
        for name in policy.groups:
            if name not in groups:
                problems.append(
                    f"{label}: adminPermissions.policies[{index}].groups: '{name}' is not a group declared in realm/"
                )
    policy_names = {p.name for p in permissions.policies}
    # Keycloak grants a scope only when every permission on the resource grants it: two
    # permissions for two audiences on one group would refuse both.
    holders: dict[tuple[str, str, str], str] = {}
    for index, permission in enumerate(permissions.permissions):
        for resource in permission.resources or [f"(all {permission.resourceType})"]:
            for scope in permission.scopes:
                key = (permission.resourceType, resource, scope)
                if key in holders:
                    problems.append(
                        f"{label}: adminPermissions.permissions[{index}]: {scope} on {resource} is already named by "
                        f"permission '{holders[key]}'; Keycloak would grant it only when both do: name every policy "
                        "in one permission (or every group in one policy)"
                    )
                else:
                    holders[key] = permission.name
    for index, permission in enumerate(permissions.permissions):
        where = f"{label}: adminPermissions.permissions[{index}]"
        for name in permission.policies:
            if name not in policy_names:
                problems.append(f"{where}.policies: '{name}' is not a policy declared in adminPermissions")
        for name in permission.resources:
            if name not in groups:
                problems.append(f"{where}.resources: '{name}' is not a group declared in realm/")
