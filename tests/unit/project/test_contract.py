"""realm/contract.yaml is the one home of the names Java, Python, YAML and the theme share: what the
Python code, the realm files, the theme, the alert rules and the README name is compared with it
here (the Java side: extensions' ContractTest), and the checker is shown to catch a planted
difference."""

from __future__ import annotations

import dataclasses
import re

from monespace_realm.contract import contract

from ordinal_sync import keycloak_mapping
from provisioning.devstack import paths
from provisioning.realm.desired import load_desired
from provisioning.realm.schema import AuthenticatorExecution, walk_executions
from provisioning.realm.values import load_defaults
from tests.support.contract_check import (
    alert_differences,
    alert_selectors,
    constant_values,
    differences,
    metric_differences,
    profile_attributes,
    readme_metrics,
    readme_throttled_kinds,
    sms_sender_options,
    theme_config_urls,
    theme_query_values,
    theme_values,
)

CONTRACT = contract()
README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
ALERTS = (paths.ROOT / "deploy/monitoring/monespace-alerts.yaml").read_text(encoding="utf-8")
LOGIN_THEME = paths.THEME / "login"


def sync_names(found: set[str]) -> list[str]:
    wanted = {"username", *CONTRACT.synced_profile_fields, *CONTRACT.synced_attributes}
    return differences("ordinal_sync/keycloak_mapping.py", wanted, found)


def test_the_sync_writes_the_contracts_names() -> None:
    assert sync_names(constant_values(keycloak_mapping)) == []


def test_the_user_profile_declares_every_doctor_attribute_for_administrators_only() -> None:
    declared = profile_attributes(load_desired())
    assert differences("realm/user-profile.yaml", CONTRACT.attributes, declared) == []
    for name, synced in CONTRACT.attributes.items():
        # The Ordinal's are the Ordre's to edit; MonEspace's own are written by the extensions only.
        assert declared[name] == {"view": ["admin"], "edit": ["admin"] if synced else []}, name


def test_each_provider_config_carries_exactly_its_settings_from_the_realm_values() -> None:
    desired = load_desired(values={"code_ttl_seconds": 7, "email_taken_max_answers": 4})
    defaults = load_defaults(paths.ROOT / "realm")
    assert {name: defaults[name] for name in CONTRACT.settings} == CONTRACT.setting_defaults()
    configs: dict[str, dict[str, object]] = {}
    for flow in desired.flows:
        for execution in walk_executions(flow.definition):
            if isinstance(execution, AuthenticatorExecution):
                configs[execution.authenticator] = dict(execution.config.values) if execution.config else {}
    for action in desired.required_actions:
        configs[action.alias] = dict(action.config or {})
    for provider in [*CONTRACT.authenticators, *CONTRACT.required_actions]:
        assert provider in configs, f"{provider}: named in realm/contract.yaml, used by no flow or required action"
        keys = [s.name for s in CONTRACT.settings_of(provider)]
        assert differences(f"{provider}'s config", keys, configs[provider]) == []
        for key in set(keys) & {"code_ttl_seconds", "email_taken_max_answers"}:
            assert configs[provider][key] in (7, 4), "the realm value, not the default"
    assert set(CONTRACT.event_listeners) <= set(desired.settings["eventsListeners"])
    for token in CONTRACT.action_tokens:
        assert f"actionTokenGeneratedByUserLifespan.{token}" in desired.attributes


def test_realm_attributes_the_theme_reads_are_set_from_their_values() -> None:
    desired = load_desired()
    defaults = load_defaults(paths.ROOT / "realm")
    assert differences("the login theme's configUrl()", CONTRACT.realm_attributes, theme_config_urls(LOGIN_THEME)) == []
    for attribute, value in CONTRACT.realm_attributes.items():
        assert desired.attributes[attribute] == str(defaults[value]), attribute


def test_the_theme_knows_the_journeys_and_channels_the_extensions_name() -> None:
    journeys = theme_values(LOGIN_THEME, "journey") | theme_query_values(LOGIN_THEME, "monespace_journey")
    assert "recovery" in journeys and journeys <= set(CONTRACT.events.journeys)
    channels = theme_values(LOGIN_THEME, "codeChannel") | theme_values(LOGIN_THEME, "c.id")
    assert channels and channels <= set(CONTRACT.events.channels)


def test_alert_rules_read_only_the_contracts_metrics_labels_and_values() -> None:
    assert alert_differences(CONTRACT, alert_selectors(ALERTS)) == []


def test_readme_describes_the_contracts_metrics() -> None:
    assert metric_differences(CONTRACT, readme_metrics(README), "README « Observability »") == []
    assert readme_throttled_kinds(README) == set(CONTRACT.events.throttled_kinds)


def test_the_sms_senders_options_are_set_by_their_names_everywhere() -> None:
    """The devstack, compose, Kubernetes, the test backends and the README set the SMS sender's options
    by the names its Java factory declares (ContractTest): a misspelt one is silently ignored."""
    sms = CONTRACT.sms_sender
    files = [*paths.ROOT.glob("provisioning/**/*.py"), paths.ROOT / "docker-compose.yml", paths.ROOT / "README.md"]
    files += [*paths.ROOT.glob("deploy/kubernetes/*.yaml"), paths.ROOT / "tests" / "backends.py"]
    found = {f.name: sms_sender_options(f.read_text(encoding="utf-8")) for f in files}
    assert len([name for name, pairs in found.items() if pairs]) >= 5, "the scan reads the files that set them"
    allowed = {(sms.provider, option) for option in sms.options}
    assert {name: pairs - allowed for name, pairs in found.items() if pairs - allowed} == {}


def test_readme_names_every_limit_by_its_setting() -> None:
    table = README.split("| limit | per | default |", 1)[1].split("\n\n", 1)[0]
    columns = [row.strip().strip("|").split("|") for row in table.splitlines()[2:]]
    named = {name for cells in columns for name in re.findall(r"`([a-z_]+)`", cells[3])}
    limits = {name for name, setting in CONTRACT.settings.items() if setting.group != "directory"}
    assert differences("README « Security » limits table", limits, named) == []


def test_readme_gives_the_default_active_statuses() -> None:
    defaults = re.findall(r"`--active-statuses` \(default `([^`]*)`\)", README)
    assert defaults == [",".join(CONTRACT.active_statuses)]


def test_the_checker_catches_a_planted_difference() -> None:
    attributes = {("birthdate" if n == "birthDate" else n): s for n, s in CONTRACT.attributes.items()}
    planted = dataclasses.replace(CONTRACT, attributes=attributes)
    wanted = {"username", *planted.synced_profile_fields, *planted.synced_attributes}
    assert differences("ordinal_sync/keycloak_mapping.py", wanted, constant_values(keycloak_mapping)) == [
        "ordinal_sync/keycloak_mapping.py: lacks 'birthdate' (named in realm/contract.yaml)",
        "ordinal_sync/keycloak_mapping.py: names 'birthDate', which realm/contract.yaml does not",
    ]
    misspelt = alert_selectors(ALERTS.replace("monespace_codes_sent_total", "monespace_code_sent_total"))
    assert alert_differences(CONTRACT, misspelt) == [
        "alert rules: read monespace_code_sent_total, which realm/contract.yaml does not name"
    ]
    wrong_value = alert_selectors(ALERTS.replace('kind="identity"', 'kind="identities"'))
    assert alert_differences(CONTRACT, wrong_value) == [
        "alert rules: monespace_throttled_total{kind='identities'}: not a value realm/contract.yaml names"
    ]
    one_label_less = README.replace(
        "| `monespace_recoveries_total` | `channel` |", "| `monespace_recoveries_total` | |"
    )
    assert metric_differences(CONTRACT, readme_metrics(one_label_less), "README") == [
        "README: monespace_recoveries_total has labels [], realm/contract.yaml ['channel']"
    ]


def test_the_support_names_are_the_contracts() -> None:
    """realm/support.yaml's groups and role, the support page's texts and the CLI's audit take
    the names of realm/contract.yaml `support` (the Java side: ContractTest)."""
    from monespace_support import texts
    from monespace_support.names import agents_group

    support = CONTRACT.support
    councils = ["75", "2A"]
    desired = load_desired(values={"councils": councils})
    groups = {g.name: g for g in desired.groups}
    doctors = {f"{support.doctors_group_prefix}{c}" for c in [*councils, support.unknown_council]}
    agents = {agents_group(c) for c in [*councils, support.national]}
    assert set(groups) == doctors | agents
    assert agents_group(support.national) == support.national_group
    assert all(groups[name].realmRoles == [support.agent_role] for name in agents)
    assert all(groups[name].realmRoles == [] for name in doctors)
    assert support.agent_role in {r["name"] for r in desired.realm_roles}
    assert support.agent_setup_action in {a.alias for a in desired.required_actions}
    assert differences("monespace_support/texts.py LIMITS", set(support.limits), set(texts.LIMITS)) == []
    assert list(texts.ACTIONS) == list(support.actions)
