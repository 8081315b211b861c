"""Compares what the Python code, the realm files, the theme, the alert rules and the README name
with realm/contract.yaml. Each `*_names` reader takes the text or object it reads, so a test can
plant a mismatch and see `differences` report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from monespace_realm.contract import Contract

from provisioning.realm.desired import DesiredRealm

#: The built-in profile fields of every Keycloak user profile (not doctor attributes).
KEYCLOAK_PROFILE_FIELDS = frozenset({"username", "email", "firstName", "lastName"})


def differences(what: str, contract: Iterable[str], code: Iterable[str]) -> list[str]:
    """One line per name in only one of the two: what the contract names and `what` lacks, and back."""
    wanted, found = set(contract), set(code)
    lines = [f"{what}: lacks {name!r} (named in realm/contract.yaml)" for name in sorted(wanted - found)]
    lines += [f"{what}: names {name!r}, which realm/contract.yaml does not" for name in sorted(found - wanted)]
    return lines


def constant_values(module: ModuleType) -> set[str]:
    """The module's UPPER_CASE string constants."""
    return {value for name, value in vars(module).items() if name.isupper() and isinstance(value, str)}


def profile_attributes(desired: DesiredRealm) -> dict[str, dict[str, list[str]]]:
    """The user profile's attributes beyond Keycloak's own fields, with their permissions."""
    assert desired.profile is not None
    return {
        a["name"]: a.get("permissions", {})
        for a in desired.profile.attributes
        if a["name"] not in KEYCLOAK_PROFILE_FIELDS
    }


def theme_config_urls(theme: Path) -> set[str]:
    """The realm attributes the login theme reads with configUrl("…")."""
    names: set[str] = set()
    for template in theme.rglob("*.ftl"):
        names |= set(re.findall(r'configUrl\("(\w+)"\)', template.read_text(encoding="utf-8")))
    return names


def theme_values(theme: Path, variable: str) -> set[str]:
    """The values the templates compare `variable` with (`journey == "recovery"`, `c.id == "sms"`)."""
    pattern = re.compile(rf'\b{re.escape(variable)}(?:!"\w+"\))?\s*==\s*"(\w+)"')
    found: set[str] = set()
    for template in theme.rglob("*.ftl"):
        found |= set(pattern.findall(template.read_text(encoding="utf-8")))
    return found


def theme_query_values(theme: Path, parameter: str) -> set[str]:
    """The values the templates give a query parameter of their links (`monespace_journey=recovery`)."""
    pattern = re.compile(rf"\b{re.escape(parameter)}=(\w+)")
    return set().union(*(set(pattern.findall(t.read_text(encoding="utf-8"))) for t in theme.rglob("*.ftl")))


def alert_selectors(rules_text: str) -> dict[str, set[tuple[str, str]]]:
    """`monespace_*` metrics an alert rule file reads, with the (label, value) pairs it selects."""
    found: dict[str, set[tuple[str, str]]] = {}
    for name, selector in re.findall(r"\b(monespace_[a-z0-9_]+)\s*(\{[^}]*\})?", rules_text):
        found.setdefault(name, set()).update(re.findall(r'(\w+)\s*=\s*"([^"]*)"', selector))
    return found


def label_values(contract: Contract) -> dict[str, tuple[str, ...]]:
    """The values each metric label takes: the events' journeys, channels, errors, throttle kinds."""
    events = contract.events
    return {
        "journey": events.journeys,
        "channel": events.channels,
        "reason": events.errors,
        "kind": events.throttled_kinds,
    }


def alert_differences(contract: Contract, selectors: dict[str, set[tuple[str, str]]]) -> list[str]:
    lines = [
        f"alert rules: read {name}, which realm/contract.yaml does not name"
        for name in sorted(set(selectors) - set(contract.metrics))
    ]
    values = label_values(contract)
    for name in sorted(set(selectors) & set(contract.metrics)):
        for label, value in sorted(selectors[name]):
            if label not in contract.metrics[name].labels:
                lines.append(f"alert rules: {name} has no label {label!r} in realm/contract.yaml")
            elif value not in values.get(label, (value,)):
                lines.append(f"alert rules: {name}{{{label}={value!r}}}: not a value realm/contract.yaml names")
    return lines


def readme_metrics(readme: str) -> dict[str, tuple[str, ...]]:
    """The counters of the README's « Observability » table, with their labels."""
    rows = re.findall(r"^\| `(monespace_[a-z_]+)` \| ([^|]*)\|", readme, re.M)
    return {name: tuple(re.findall(r"`(\w+)`", labels)) for name, labels in rows}


def readme_throttled_kinds(readme: str) -> set[str]:
    row = re.search(r"^\| `monespace_throttled_total` \| `kind` \(([^)]*)\)", readme, re.M)
    return {kind.strip() for kind in row.group(1).split(",")} if row else set()


def metric_differences(contract: Contract, found: dict[str, tuple[str, ...]], what: str) -> list[str]:
    lines = differences(what, contract.metrics, found)
    for name in sorted(set(found) & set(contract.metrics)):
        labels = contract.metrics[name].labels
        if tuple(found[name]) != labels:
            lines.append(f"{what}: {name} has labels {list(found[name])}, realm/contract.yaml {list(labels)}")
    return lines


def sms_sender_options(text: str) -> set[tuple[str, str]]:
    """The (provider, option) pairs a file sets for the SMS sender SPI: `--spi-sms-sender--<provider>--<option>`
    (kc.sh, Kubernetes) or `KC_SPI_SMS_SENDER__<PROVIDER>__<OPTION>` (environment)."""
    found = set(re.findall(r"spi-sms-sender--([a-z0-9-]+)--([a-z0-9-]+)", text))
    for provider, option in re.findall(r"KC_SPI_SMS_SENDER__([A-Z0-9_]+?)__([A-Z0-9_]+)", text):
        found.add((provider.lower().replace("_", "-"), option.lower().replace("_", "-")))
    return found
