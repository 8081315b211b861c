"""realm/contract.yaml, typed: the names and values Java, Python, the realm files and the theme share.

Python reads them here at run time (the ordinal statuses, the settings' defaults, the setting
keys each provider's config carries); the extensions read the same file from their jar. Names
that code spells as constants are compared with it by tests (tests/unit/project/test_contract.py,
and ContractTest on the Java side).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from monespace_realm import DIRECTORY

FILE = "contract.yaml"


@dataclass(frozen=True)
class Setting:
    """A config key of MonEspace's providers, and the realm value of the same name."""

    name: str
    group: str
    default: int | str
    #: The smallest value read as such (a smaller one means the default); None for text.
    minimum: int | None
    help: str


@dataclass(frozen=True)
class Metric:
    name: str
    labels: tuple[str, ...]
    counts: str

    @property
    def meter(self) -> str:
        """The name the extension registers with Micrometer (Keycloak exports it as `name`)."""
        return self.name.removesuffix("_total").replace("_", ".")


@dataclass(frozen=True)
class Events:
    #: role → detail key (journey → monespace_journey…).
    details: dict[str, str]
    journeys: tuple[str, ...]
    channels: tuple[str, ...]
    steps: tuple[str, ...]
    errors: tuple[str, ...]
    throttled_kinds: tuple[str, ...]


@dataclass(frozen=True)
class Support:
    """Names of the support of the conseils (realm/support.yaml, the extensions, monespace_support)."""

    doctors_group_prefix: str
    unknown_council: str
    agents_group_prefix: str
    national_group: str
    national: str
    agent_role: str
    agent_setup_action: str
    endpoint: str
    actions: tuple[str, ...]
    audit_details: tuple[str, ...]
    limits: tuple[str, ...]


@dataclass(frozen=True)
class SmsSender:
    spi: str
    provider: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Contract:
    synced_profile_fields: tuple[str, ...]
    #: Doctor attribute → whether the Ordinal sync writes it.
    attributes: dict[str, bool]
    statuses: tuple[str, ...]
    active_statuses: tuple[str, ...]
    settings: dict[str, Setting]
    #: Provider id → the setting groups of its config.
    authenticators: dict[str, tuple[str, ...]]
    required_actions: dict[str, tuple[str, ...]]
    event_listeners: tuple[str, ...]
    action_tokens: tuple[str, ...]
    sms_sender: SmsSender
    #: Realm attribute → the realm value that sets it.
    realm_attributes: dict[str, str]
    events: Events
    metrics: dict[str, Metric]
    support: Support

    @property
    def synced_attributes(self) -> tuple[str, ...]:
        return tuple(name for name, synced in self.attributes.items() if synced)

    def settings_of(self, provider: str) -> list[Setting]:
        """The settings of `provider`'s config (an authenticator or a required action), in order."""
        groups = self.authenticators.get(provider)
        if groups is None:
            groups = self.required_actions.get(provider)
        if groups is None:
            raise KeyError(f"{provider}: not a configurable provider of {FILE}")
        return [s for s in self.settings.values() if s.group in groups]

    def setting_defaults(self) -> dict[str, int | str]:
        return {name: setting.default for name, setting in self.settings.items()}


def load(directory: Path = DIRECTORY) -> Contract:
    """The contract of the realm files in `directory` (ValueError naming the file when malformed)."""
    path = directory / FILE
    try:
        return _parse(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: not a valid contract ({type(exc).__name__}: {exc})") from None


@cache
def contract() -> Contract:
    """The contract shipped with these realm files."""
    return load()


def _parse(data: dict[str, Any]) -> Contract:
    doctor, statuses, providers, events = data["doctor"], data["ordinal_statuses"], data["providers"], data["events"]
    sms = providers["sms_sender"]
    settings: dict[str, Setting] = {}
    for group, entries in data["settings"].items():
        for name, entry in entries.items():
            default = entry["default"]
            if isinstance(default, list):  # a list setting is comma-separated text in a config
                default = ",".join(str(item) for item in default)
            settings[name] = Setting(name, group, default, entry.get("minimum"), entry["help"])
    return Contract(
        synced_profile_fields=tuple(doctor["synced_profile_fields"]),
        attributes={name: bool(entry["synced"]) for name, entry in doctor["attributes"].items()},
        statuses=tuple(statuses["all"]),
        active_statuses=tuple(statuses["active"]),
        settings=settings,
        authenticators={name: tuple(groups) for name, groups in providers["authenticators"].items()},
        required_actions={name: tuple(groups) for name, groups in providers["required_actions"].items()},
        event_listeners=tuple(providers["event_listeners"]),
        action_tokens=tuple(providers["action_tokens"]),
        sms_sender=SmsSender(sms["spi"], sms["provider"], tuple(sms["options"])),
        realm_attributes=dict(data["realm_attributes"]),
        events=Events(
            details=dict(events["details"]),
            journeys=tuple(events["journeys"]),
            channels=tuple(events["channels"]),
            steps=tuple(events["steps"]),
            errors=tuple(events["errors"]),
            throttled_kinds=tuple(events["throttled_kinds"]),
        ),
        metrics={
            name: Metric(name, tuple(entry["labels"]), entry["counts"]) for name, entry in data["metrics"].items()
        },
        support=Support(
            **{key: tuple(value) if isinstance(value, list) else str(value) for key, value in data["support"].items()}
        ),
    )
