"""Versioned flows: what changes the version, and how Keycloak's listing is compared."""

from __future__ import annotations

from dataclasses import replace

from provisioning.realm.flows import (
    MASKED_VALUE,
    ExecutionRow,
    desired_flow,
    layouts_match,
    version_pattern,
)
from provisioning.realm.schema import Flow

BROWSER = {
    "alias": "monespace-browser",
    "description": "Connexion",
    "binding": "browser",
    "executions": [
        {"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"},
        {
            "flow": "forms",
            "requirement": "ALTERNATIVE",
            "executions": [
                {
                    "authenticator": "monespace-email-password-form",
                    "requirement": "REQUIRED",
                    "config": {"alias": "form", "values": {"attempts": 5, "strict": True}},
                }
            ],
        },
    ],
}


def flow(**changes: object) -> Flow:
    return Flow.model_validate({**BROWSER, **changes})


def test_alias_is_name_plus_short_digest_of_the_definition() -> None:
    version = desired_flow(flow())
    assert version.alias == f"monespace-browser-{version.digest}"
    assert len(version.digest) == 6
    assert version_pattern("monespace-browser").match(version.alias)
    assert not version_pattern("monespace-browser").match("monespace-browser-forms")
    assert desired_flow(flow()).alias == version.alias  # stable


def test_any_change_of_content_is_a_new_version_but_not_a_change_of_binding() -> None:
    base = desired_flow(flow()).alias
    assert desired_flow(flow(description="Autre")).alias != base
    changed_config = {**BROWSER}
    changed_config["executions"] = [
        BROWSER["executions"][0],  # type: ignore[index]
        {
            "flow": "forms",
            "requirement": "ALTERNATIVE",
            "executions": [
                {
                    "authenticator": "monespace-email-password-form",
                    "requirement": "REQUIRED",
                    "config": {"alias": "form", "values": {"attempts": 6, "strict": True}},
                }
            ],
        },
    ]
    assert desired_flow(Flow.model_validate(changed_config)).alias != base
    assert desired_flow(flow(binding=None)).alias == base
    assert desired_flow(flow(binding=["browser", "direct_grant"])).alias == base
    # The default type leaves the versions of flows declared before it unchanged.
    assert desired_flow(flow(type="basic-flow")).alias == base
    assert desired_flow(flow(type="client-flow")).alias != base


def test_one_flow_may_hold_several_bindings() -> None:
    version = desired_flow(flow(binding=["direct_grant", "first_broker_login"]))
    assert version.binding_fields == ["directGrantFlow", "firstBrokerLoginFlow"]
    assert desired_flow(flow(binding=None)).binding_fields == []


def test_layout_lists_executions_depth_first_with_versioned_inner_aliases() -> None:
    version = desired_flow(flow())
    assert version.layout() == [
        ExecutionRow(level=0, kind="authenticator", name="auth-cookie", requirement="ALTERNATIVE"),
        ExecutionRow(level=0, kind="flow", name=f"{version.alias}-forms", requirement="ALTERNATIVE", description=""),
        ExecutionRow(
            level=1,
            kind="authenticator",
            name="monespace-email-password-form",
            requirement="REQUIRED",
            config_alias=f"{version.alias}-form",
            config=(("attempts", "5"), ("strict", "true")),
        ),
    ]


def test_masked_config_values_match_but_other_differences_do_not() -> None:
    declared = desired_flow(flow()).layout()
    masked = [
        *declared[:2],
        replace(declared[2], config=(("attempts", MASKED_VALUE), ("strict", "true"))),
    ]
    assert layouts_match(masked, declared)
    wrong = [
        *declared[:2],
        replace(declared[2], config=(("attempts", "9"), ("strict", "true"))),
    ]
    assert not layouts_match(wrong, declared)
    disabled = [declared[0], declared[1], replace(declared[2], requirement="DISABLED")]
    assert not layouts_match(disabled, declared)
    assert not layouts_match(declared[:2], declared)
