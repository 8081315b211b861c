"""What apply would do: the change lines shown to a human and the writes behind them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from provisioning.realm.flows import DesiredFlow
from provisioning.realm.schema import GroupPolicy, ScopePermission

Op = Literal["+", "~", "-"]
UNSET = "(unset)"
SECRET = "***"


def show(value: Any) -> str:
    """A value in a change line: JSON, unambiguous, one line."""
    if value is None:
        return UNSET
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:300] + "…"


@dataclass(frozen=True)
class Change:
    op: Op
    subject: str  # "realm.passwordPolicy", "client monespace-home", "flow monespace-browser-3fa2c1"
    detail: str = ""

    def __str__(self) -> str:
        if not self.detail:
            return f"{self.op} {self.subject}"
        # "~ realm.x: old → new"; "- flow x (unbound old version)"
        return (
            f"{self.op} {self.subject}: {self.detail}"
            if self.op == "~"
            else f"{self.op} {self.subject} ({self.detail})"
        )


def changed(subject: str, old: Any, new: Any) -> Change:
    return Change("~", subject, f"{show(old)} → {show(new)}")


@dataclass
class DelegationPlan:
    """The writes behind the delegation's change lines, names resolved to ids when applied."""

    composites_add: list[tuple[str, list[str]]] = field(default_factory=list)  # (role, refs)
    composites_remove: list[tuple[str, list[str]]] = field(default_factory=list)
    group_creates: list[dict[str, Any]] = field(default_factory=list)
    group_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (id, representation)
    group_roles_add: list[tuple[str, list[str]]] = field(default_factory=list)  # (group name, refs)
    group_roles_remove: list[tuple[str, list[str]]] = field(default_factory=list)
    policy_writes: list[tuple[str | None, GroupPolicy]] = field(default_factory=list)  # (id or None, policy)
    permission_writes: list[tuple[str | None, ScopePermission]] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)  # (policy or permission id, label)

    def __bool__(self) -> bool:
        return any(bool(getattr(self, name)) for name in self.__dataclass_fields__)


@dataclass
class RealmPlan:
    """Changes in the order apply makes them, and the payloads of the writes behind them."""

    realm: str
    realm_exists: bool
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    realm_update: dict[str, Any] = field(default_factory=dict)
    realm_attributes: dict[str, str] | None = None  # the full map: Keycloak replaces it whole
    profile: dict[str, Any] | None = None  # the full UPConfig
    register_actions: list[dict[str, str]] = field(default_factory=list)
    action_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    role_creates: list[dict[str, Any]] = field(default_factory=list)
    role_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (name, representation)
    scope_creates: list[dict[str, Any]] = field(default_factory=list)
    scope_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (id, representation)
    scope_deletes: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    # (clientId, kind, "+"/"-", scope name); resolved by name when applied.
    client_scope_changes: list[tuple[str, str, str, str]] = field(default_factory=list)
    realm_default_scope_changes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, op, name)
    client_creates: list[dict[str, Any]] = field(default_factory=list)
    client_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (uuid, fields)
    mapper_creates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    mapper_updates: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    # (clientId, role refs) to grant its service account; resolved by name when applied, so a
    # client created by the same apply gets them too.
    service_account_grants: list[tuple[str, list[str]]] = field(default_factory=list)
    default_role_id: str | None = None
    default_roles_add: list[dict[str, Any]] = field(default_factory=list)
    default_roles_remove: list[dict[str, Any]] = field(default_factory=list)
    flow_retires: list[tuple[str, str]] = field(default_factory=list)  # (id, alias) of drifted flows
    flow_creates: list[DesiredFlow] = field(default_factory=list)
    flow_bindings: dict[str, str] = field(default_factory=dict)  # realm field → versioned alias
    flow_deletes: list[tuple[str, str]] = field(default_factory=list)  # (id, alias)
    # (clientId, binding → versioned flow alias, or "" to remove): set once the flows exist.
    flow_overrides: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delegation: DelegationPlan = field(default_factory=lambda: DelegationPlan())

    def add(self, change: Change) -> None:
        self.changes.append(change)

    def summary(self, applied: bool, before: tuple[Change, ...] = (), seconds: float = 0.0) -> ChangeSummary:
        """This plan's changes (after `before`, changes made ahead of it) and notes, as a summary."""
        return ChangeSummary(
            realm=self.realm,
            changes=(*before, *self.changes),
            applied=applied,
            notes=tuple(self.notes),
            seconds=seconds,
        )


@dataclass(frozen=True)
class ChangeSummary:
    """The outcome of a plan or an apply: what changed (or would), as lines."""

    realm: str
    changes: tuple[Change, ...]
    applied: bool
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.changes)

    def counts(self) -> dict[Op, int]:
        return {op: sum(1 for c in self.changes if c.op == op) for op in ("+", "~", "-")}

    def lines(self) -> list[str]:
        return [str(c) for c in self.changes] + [f"note: {n}" for n in self.notes]

    def summary_line(self) -> str:
        verb = "Applied" if self.applied else "Plan"
        if not self.changes:
            return f"{verb}: 0 changes; realm {self.realm} matches realm/."
        n = self.counts()
        plural = "s" if self.count != 1 else ""
        if self.applied:
            detail = f"{n['+']} added, {n['~']} changed, {n['-']} removed"
            took = f"in {self.seconds:.1f} s"
            return f"{verb}: {self.count} change{plural} ({detail}) to realm {self.realm} {took}."
        detail = f"{n['+']} to add, {n['~']} to change, {n['-']} to remove"
        return f"{verb}: {self.count} change{plural} ({detail}) to realm {self.realm}."

    def __str__(self) -> str:
        return "\n".join([*self.lines(), self.summary_line()])
