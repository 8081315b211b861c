"""Rendering and validating realm/: the repository's files and the error messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from monespace_realm.contract import contract

from monespace_home.settings import CALLBACK_PATH, LOGGED_OUT_PATH
from provisioning.devstack import paths
from provisioning.realm.desired import load_desired
from provisioning.realm.errors import RealmFilesError
from provisioning.realm.files import load_realm_files
from provisioning.realm.schema import BINDING_FIELDS, AuthenticatorExecution, SubflowExecution
from provisioning.realm.values import load_defaults, resolve_values

CNIL_POLICY = (
    "length(12) and upperCase(1) and lowerCase(1) and digits(1) and specialChars(1) and notEmail "
    "and notUsername and passwordBlacklist(monespace-denylist.txt) and maxLength(128)"
)


def problems_of(realm_dir: Path, **values: object) -> list[str]:
    with pytest.raises(RealmFilesError) as failure:
        load_realm_files(realm_dir, resolve_values(load_defaults(realm_dir), overrides=values))
    return failure.value.problems


def test_repository_realm_renders_with_its_defaults() -> None:
    desired = load_desired()
    assert desired.name == "monespace"
    assert desired.settings["passwordPolicy"] == CNIL_POLICY
    assert desired.settings["loginTheme"] == desired.settings["emailTheme"] == "monespace"
    assert desired.attributes == {
        "actionTokenGeneratedByUserLifespan.monespace-reset": "86400",
        "actionTokenGeneratedByUserLifespan.reset-credentials": "86400",
        "monespaceSupportUrl": "https://www.ordre.medecin.fr/contact",
        "monespaceRppsHelpUrl": "https://annuaire.esante.gouv.fr",
        "monespaceCguUrl": "https://www.ordre.medecin.fr/conditions-generales-utilisation-monespace",
        "monespacePrivacyUrl": "https://www.ordre.medecin.fr/politique-de-confidentialite",
        "monespaceHomeUrl": "http://localhost:8000/",
        "adminEventsExpiration": "31536000",
    }
    assert desired.smtp_server == {
        "host": "127.0.0.1",
        "port": "2525",
        "from": "ne-pas-repondre@ordre.medecin.fr",
        "fromDisplayName": "Ordre des médecins",
        "auth": "false",
        "starttls": "false",
        "ssl": "false",
    }
    assert [f.name for f in desired.flows] == [
        "monespace-browser",
        "monespace-creation",
        "monespace-reset",
        "monespace-agents",
        "monespace-refuse",
        "monespace-clients",
    ]
    bound = {field: f.name for f in desired.flows for field in f.binding_fields}
    assert sorted(bound) == sorted(BINDING_FIELDS.values()), "every flow binding is realm/'s"
    enabled = [a.alias for a in desired.required_actions if a.enabled]
    assert enabled == [
        "update_user_locale",
        "monespace-settings",
        "monespace-agent-setup",
        "monespace-password-renewal",
    ]
    assert desired.default_roles_exclude == ["account/manage-account", "account/view-profile", "offline_access"]


def test_home_redirect_uris_are_the_homes_own_paths() -> None:
    home = next(c for c in load_desired().clients if c.client_id == "monespace-home")
    assert home.fields["redirectUris"] == [f"http://localhost:8000{CALLBACK_PATH}"]
    assert home.attributes["post.logout.redirect.uris"] == f"http://localhost:8000{LOGGED_OUT_PATH}"
    assert home.fields["webOrigins"] == []
    assert home.scopes == {"default": ["basic", "profile"], "optional": []}


def test_wildcard_redirect_uris_are_refused(realm_dir: Path) -> None:
    for value in ("http://localhost:8000/*", "*"):
        with pytest.raises(RealmFilesError) as failure:
            load_desired(realm_dir, {"home_post_logout_redirect_uris": [value]})
        assert failure.value.problems == [
            "realm/clients.yaml: clients[0]: Value error, attributes.post.logout.redirect.uris: exact URIs only, "
            f"no wildcard ({value})"
        ]


def test_client_naming_an_undeclared_scope_is_refused(realm_dir: Path) -> None:
    scopes = realm_dir / "client-scopes.yaml"
    scopes.write_text(scopes.read_text().replace("  - {name: email, state: absent}\n", ""))
    clients = realm_dir / "clients.yaml"
    clients.write_text(
        clients.read_text().replace("defaultClientScopes: [basic, profile]", "defaultClientScopes: [email]", 1)
    )
    assert problems_of(realm_dir) == [
        "realm/clients.yaml: clients[0].defaultClientScopes: 'email' is not a client scope declared present"
        " (clientScopes)"
    ]


def test_creation_and_reset_share_the_code_and_identity_limits() -> None:
    flows = {f.name: f.definition for f in load_desired(values={"code_ttl_seconds": 5}).flows}

    def config(name: str) -> dict[str, object]:
        step = flows[name].executions[0]
        assert isinstance(step, AuthenticatorExecution) and step.config is not None
        return dict(step.config.values)

    creation, reset = config("monespace-creation"), config("monespace-reset")
    assert creation["code_ttl_seconds"] == reset["code_ttl_seconds"] == 5
    assert creation["active_statuses"] == "inscrit,interne,docteur_junior"
    assert {k: v for k, v in reset.items() if k in creation} == creation
    assert set(reset) - set(creation) == {
        "reset_max_requests_per_email",
        "reset_max_requests_per_client",
        "reset_window_seconds",
    }


def provider_keys(provider: str) -> set[str]:
    """The config keys the extensions read for `provider`: its settings in realm/contract.yaml
    (the extensions' ContractTest fails unless the Java provider declares and reads exactly those)."""
    return {setting.name for setting in contract().settings_of(provider)}


def test_flow_configs_carry_exactly_the_keys_the_extensions_read() -> None:
    """Java reads the keys, flows.yaml sets them from values.yaml: one misspelt name and a limit
    would silently fall back to its default."""
    flows = {f.name: f.definition for f in load_desired().flows}

    def config(name: str) -> set[str]:
        step = flows[name].executions[0]
        assert isinstance(step, AuthenticatorExecution) and step.config is not None
        return set(step.config.values)

    journey = provider_keys("monespace-creation")
    reset = provider_keys("monespace-reset") - journey
    assert config("monespace-creation") == journey
    assert config("monespace-reset") == journey | reset
    assert (journey | reset) <= set(load_defaults(paths.ROOT / "realm")), "each set in values.yaml under its name"


def test_browser_flow_is_cookie_or_email_password_form() -> None:
    browser = next(f for f in load_desired().flows if f.name == "monespace-browser").definition
    cookie, forms = browser.executions
    assert isinstance(cookie, AuthenticatorExecution) and cookie.authenticator == "auth-cookie"
    assert isinstance(forms, SubflowExecution) and forms.requirement == "ALTERNATIVE"
    assert [s.authenticator for s in forms.executions if isinstance(s, AuthenticatorExecution)] == [
        "monespace-email-password-form"
    ]
    assert browser.binding == "browser"


def test_user_profile_declares_doctor_attributes_admin_only() -> None:
    profile = load_desired().profile
    assert profile is not None
    by_name = {a["name"]: a for a in profile.attributes}
    assert "required" not in by_name["email"]
    assert by_name["email"]["permissions"] == {"view": ["admin", "user"], "edit": ["admin"]}
    for name in (
        "rpps",
        "birthDate",
        "mobilePhone",
        "landlinePhone",
        "correspondenceEmail",
        "civility",
        "birthLastName",
        "givenNames",
        "ordinalStatus",
        "council",
        "ordinalHash",
    ):
        assert by_name[name]["permissions"] == {"view": ["admin"], "edit": ["admin"]}, name
        assert by_name[name]["group"] == "ordinal"
        assert "required" not in by_name[name]
    assert by_name["rpps"]["validations"]["pattern"]["pattern"] == "^[0-9]{11}$"
    assert by_name["mobilePhone"]["validations"]["pattern"]["pattern"] == r"^\+[1-9][0-9]{6,14}$"
    assert profile.groups == [
        {
            "name": "ordinal",
            "displayHeader": "Données Ordinal",
            "displayDescription": "Données synchronisées depuis Ordinal, modifiables par l'Ordre seulement",
        },
        {
            "name": "legacy",
            "displayHeader": "Ancien portail",
            "displayDescription": "Compte de l'ancien portail repris dans MonEspace",
        },
    ]
    assert by_name["legacyAccount"]["permissions"] == {"view": ["admin"], "edit": []}
    assert by_name["legacyAccount"]["group"] == "legacy"
    assert profile.unmanaged_attribute_policy == "DISABLED"


def test_stock_server_values_leave_custom_providers_out() -> None:
    desired = load_desired(
        values={"with_custom_providers": False, "password_denylist_file": "", "realm": "monespace-fast"}
    )
    assert desired.name == "monespace-fast"
    # Only the flows of stock authenticators: Keycloak's own browser, registration and reset stay.
    assert [f.name for f in desired.flows] == ["monespace-refuse", "monespace-clients"]
    assert "monespace-settings" not in [a.alias for a in desired.required_actions]
    assert "VERIFY_PROFILE" in [a.alias for a in desired.required_actions]
    assert "passwordBlacklist" not in desired.settings["passwordPolicy"]
    assert desired.settings["passwordPolicy"].endswith("notUsername and maxLength(128)")


def test_password_policy_can_be_replaced_whole() -> None:
    desired = load_desired(values={"password_policy": "length(8)"})
    assert desired.settings["passwordPolicy"] == "length(8)"


def test_unknown_key_and_wrong_type_are_named_by_file_and_key_path(realm_dir: Path) -> None:
    clients = realm_dir / "clients.yaml"
    clients.write_text(
        clients.read_text()
        .replace("    publicClient: true\n", "    publicClient: true\n    publicity: loud\n", 1)
        .replace("redirectUris: {{ home_redirect_uris | tojson }}", 'redirectUris: "http://x/*"')
    )
    flows = realm_dir / "flows.yaml"
    flows.write_text(flows.read_text().replace("requirement: ALTERNATIVE", "requirement: SOMETIMES", 1))
    assert problems_of(realm_dir) == [
        "realm/clients.yaml: clients[0].redirectUris: Input should be a valid list",
        "realm/clients.yaml: clients[0].publicity: Extra inputs are not permitted",
        "realm/flows.yaml: flows[0].executions[0].requirement: "
        "Input should be 'REQUIRED', 'ALTERNATIVE', 'CONDITIONAL' or 'DISABLED'",
    ]


def test_missing_template_value_names_file_line_and_variable(realm_dir: Path) -> None:
    realm_file = realm_dir / "realm.yaml"
    text = realm_file.read_text().replace("failureFactor: {{ failure_factor }}", "failureFactor: {{ failures }}")
    realm_file.write_text(text)
    line = text.splitlines().index("  failureFactor: {{ failures }}") + 1
    assert problems_of(realm_dir) == [
        f"realm/realm.yaml:{line} (failureFactor: {{{{ failures }}}}): 'failures' is undefined "
        "(declare it in realm/values.yaml or pass it with --set)"
    ]


def test_missing_value_inside_tojson_is_reported_too(realm_dir: Path) -> None:
    realm_file = realm_dir / "realm.yaml"
    realm_file.write_text(realm_file.read_text().replace("{{ smtp_host | tojson }}", "{{ smtp_hots | tojson }}"))
    (problem,) = problems_of(realm_dir)
    assert problem.startswith("realm/realm.yaml:") and "'smtp_hots' is undefined" in problem


def test_yaml_broken_after_rendering_names_the_line(realm_dir: Path) -> None:
    (realm_dir / "extra.yaml").write_text("clients:\n  - clientId: [unclosed\n")
    (problem,) = problems_of(realm_dir)
    assert problem.startswith("realm/extra.yaml:") and "YAML (after rendering)" in problem


def test_sections_join_across_files_and_duplicates_are_refused(realm_dir: Path) -> None:
    (realm_dir / "more-clients.yaml").write_text(
        "clients:\n  - clientId: another\n    enabled: true\n  - clientId: account-console\n    enabled: true\n"
    )
    (realm_dir / "again.yaml").write_text("userProfile:\n  attributes: []\n")
    assert problems_of(realm_dir) == [
        "realm/user-profile.yaml: userProfile: already defined in realm/again.yaml",
        "realm/more-clients.yaml: clients[1].clientId: 'account-console' is already declared in realm/clients.yaml",
    ]


def test_flow_bindings_and_config_aliases_must_be_unique(realm_dir: Path) -> None:
    (realm_dir / "more-flows.yaml").write_text(
        "flows:\n"
        "  - alias: other\n"
        "    binding: browser\n"
        "    executions:\n"
        "      - authenticator: x\n"
        "        requirement: REQUIRED\n"
        "        config: {alias: monespace-reset, values: {}}\n"
    )
    assert problems_of(realm_dir) == [
        "realm/more-flows.yaml: flows[0].binding: 'browser' is already taken by flow 'monespace-browser'",
        "realm/more-flows.yaml: flows[0]: config alias 'monespace-reset' is already used by flow "
        "'monespace-reset' (config aliases are unique in a realm)",
    ]


def test_a_realm_section_is_required(realm_dir: Path) -> None:
    (realm_dir / "realm.yaml").unlink()
    assert problems_of(realm_dir) == ["realm/: no file defines the `realm` section (it names the realm)"]


def test_realm_roles_are_unique_and_a_single_section(realm_dir: Path) -> None:
    roles = realm_dir / "roles.yaml"
    roles.write_text(roles.read_text() + "    - name: ordinal-sync\n")
    (realm_dir / "more-roles.yaml").write_text("roles:\n  realm:\n    - name: other\n")
    assert problems_of(realm_dir) == [
        "realm/roles.yaml: roles.realm: Value error, realm role names must be unique: ordinal-sync",
    ]
    roles.write_text("roles:\n  realm:\n    - name: ordinal-sync\n")
    assert problems_of(realm_dir) == ["realm/roles.yaml: roles: already defined in realm/more-roles.yaml"]
