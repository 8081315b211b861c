"""Versioned authentication flows: names, digests and the execution layout Keycloak shows.

A flow is never edited in place: its definition is hashed, the hash is part of the alias
(`monespace-browser-3fa2c1`), a new definition is created beside the old one, bound, and the
old one deleted. Subflows and authenticator configs have realm-wide unique aliases too, so
theirs are derived from the versioned alias.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace

from provisioning.realm.schema import (
    BINDING_FIELDS,
    AuthenticatorExecution,
    Execution,
    Flow,
    SubflowExecution,
    as_keycloak_string,
)

DIGEST_LENGTH = 6
# Keycloak masks config values whose key no deployed authenticator declares as a non-secret
# property; such values can only be compared by presence.
MASKED_VALUE = "**********"


def flow_digest(flow: Flow) -> str:
    """Short hash of everything that shapes the flow (not where it is bound)."""
    # `type` counts only when not the default, so flows declared before it kept their versions.
    ignored = {"binding"} | ({"type"} if flow.type == "basic-flow" else set())
    definition = flow.model_dump(mode="json", exclude=ignored)
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def version_pattern(name: str) -> re.Pattern[str]:
    """Aliases of any version of the flow `name`."""
    return re.compile(rf"^{re.escape(name)}-[0-9a-f]{{{DIGEST_LENGTH}}}$")


def subflow_alias(versioned: str, name: str) -> str:
    return f"{versioned}-{name}"


def config_alias(versioned: str, name: str) -> str:
    return f"{versioned}-{name}"


@dataclass(frozen=True)
class ExecutionRow:
    """One line of Keycloak's execution list (GET …/flows/{alias}/executions), comparable."""

    level: int
    kind: str  # "authenticator" or "flow"
    name: str  # provider id, or the subflow's alias
    requirement: str
    provider: str | None = None  # form-flow subflows: their form provider
    description: str | None = None  # subflows only
    config_alias: str | None = None
    config: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class DesiredFlow:
    definition: Flow
    alias: str  # versioned
    digest: str

    @property
    def name(self) -> str:
        return self.definition.alias

    @property
    def binding_fields(self) -> list[str]:
        """The realm fields (browserFlow…) this flow is bound to."""
        return [BINDING_FIELDS[binding] for binding in self.definition.bindings]

    def layout(self) -> list[ExecutionRow]:
        """The executions Keycloak should list for this flow, depth first."""
        rows: list[ExecutionRow] = []
        self._layout(self.definition.executions, 0, rows)
        return rows

    def _layout(self, executions: list[Execution], level: int, rows: list[ExecutionRow]) -> None:
        for execution in executions:
            if isinstance(execution, SubflowExecution):
                rows.append(
                    ExecutionRow(
                        level=level,
                        kind="flow",
                        name=subflow_alias(self.alias, execution.flow),
                        requirement=execution.requirement,
                        provider=execution.provider if execution.type == "form-flow" else None,
                        description=execution.description,
                    )
                )
                self._layout(execution.executions, level + 1, rows)
            else:
                rows.append(authenticator_row(self.alias, execution, level))


def authenticator_row(versioned: str, execution: AuthenticatorExecution, level: int) -> ExecutionRow:
    config = execution.config
    return ExecutionRow(
        level=level,
        kind="authenticator",
        name=execution.authenticator,
        requirement=execution.requirement,
        config_alias=config_alias(versioned, config.alias) if config else None,
        config=config_items(config.values) if config else None,
    )


def layouts_match(stored: list[ExecutionRow], declared: list[ExecutionRow]) -> bool:
    """Whether Keycloak's executions are those declared (masked config values match any)."""
    if len(stored) != len(declared):
        return False
    for have, want in zip(stored, declared, strict=True):
        if have.config is not None and want.config is not None:
            have_keys = [k for k, _ in have.config]
            want_keys = [k for k, _ in want.config]
            values_match = all(h in (w, MASKED_VALUE) for (_, h), (_, w) in zip(have.config, want.config, strict=False))
            if have_keys != want_keys or not values_match:
                return False
            have = replace(have, config=want.config)
        if have != want:
            return False
    return True


def config_items(values: dict[str, str | int | bool]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, as_keycloak_string(v)) for k, v in values.items()))


def desired_flow(flow: Flow) -> DesiredFlow:
    digest = flow_digest(flow)
    return DesiredFlow(definition=flow, alias=f"{flow.alias}-{digest}", digest=digest)
