"""The dev stack's demo doctors, loaded the way production loads doctors: through the Ordinal sync.

demo/ordinal-demo.csv (Ordinal CSV layout) is synchronised into the realm; then the doctors of
demo/accounts.csv (``rpps;login_email;password``), who already have an espace in the demo, get
their login e-mail and password, as if they had activated it. Both steps are idempotent: a
second load changes nothing, and a demo doctor who already has a password is left alone.
demo/agents.csv gives support agents (README « Support des conseils »), created awaiting their set-up (own
password and TOTP app at the first sign-in) as `monespace support agent add` makes them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from keycloak import KeycloakAdmin

from monespace_support.names import AGENT_SETUP_ACTION, agents_group
from ordinal_sync.apply import SyncResult, SyncSettings, sync_file
from provisioning.devstack import paths
from provisioning.realm.api import RealmApi

DEMO_DIR = paths.ROOT / "demo"


class DemoDataError(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoAccount:
    rpps: str
    login_email: str
    password: str


@dataclass(frozen=True)
class DemoAgent:
    username: str
    council: str
    first_name: str
    last_name: str
    password: str


@dataclass(frozen=True)
class DemoLoad:
    sync: SyncResult
    activated: tuple[str, ...]  # RPPS given a login e-mail and password by this load
    agents: tuple[str, ...] = ()  # demo agents created by this load


def read_accounts(path: Path) -> list[DemoAccount]:
    with path.open(encoding="utf-8", newline="") as file:
        return [
            DemoAccount(row["rpps"].strip(), row["login_email"].strip(), row["password"])
            for row in csv.DictReader(file, delimiter=";")
        ]


def load_demo(admin: KeycloakAdmin, realm: str = "monespace", *, demo_dir: Path = DEMO_DIR) -> DemoLoad:
    """Sync the demo doctors into ``realm``, then activate the demo accounts that are not yet."""
    result = sync_file(admin, demo_dir / "ordinal-demo.csv", settings=SyncSettings(realm=realm))
    api = RealmApi(admin, realm)
    activated = tuple(account.rpps for account in read_accounts(demo_dir / "accounts.csv") if _activate(api, account))
    agents = tuple(agent.username for agent in read_agents(demo_dir / "agents.csv") if _add_agent(api, agent))
    return DemoLoad(result, activated, agents)


def read_agents(path: Path) -> list[DemoAgent]:
    with path.open(encoding="utf-8", newline="") as file:
        return [
            DemoAgent(row["username"], row["council"], row["first_name"], row["last_name"], row["password"])
            for row in csv.DictReader(file, delimiter=";")
        ]


def _add_agent(api: RealmApi, agent: DemoAgent) -> bool:
    if api.get("users", username=agent.username, exact="true"):
        return False
    group = agents_group(agent.council)
    groups = [g for g in api.get("groups", search=group, exact="true") or [] if g["name"] == group]
    if not groups:
        raise DemoDataError(f"demo/agents.csv: no group {group} (councils in realm/values.yaml)")
    user_id = api.post(
        "users",
        {
            "username": agent.username,
            "enabled": True,
            "firstName": agent.first_name,
            "lastName": agent.last_name,
            "requiredActions": [AGENT_SETUP_ACTION],
            "credentials": [{"type": "password", "value": agent.password, "temporary": False}],
        },
    )
    api.put(f"users/{user_id}/groups/{groups[0]['id']}", None)
    return True


def _activate(api: RealmApi, account: DemoAccount) -> bool:
    found = api.get("users", username=account.rpps, exact="true")
    if not found:
        raise DemoDataError(f"demo/accounts.csv: RPPS {account.rpps} is not in demo/ordinal-demo.csv")
    user_id = found[0]["id"]
    credentials = api.get(f"users/{user_id}/credentials") or []
    if any(credential.get("type") == "password" for credential in credentials):
        return False
    # The whole representation goes back: a PUT replaces what it names and the sync's
    # attributes must survive it.
    user = api.get(f"users/{user_id}")
    api.put(f"users/{user_id}", {**user, "email": account.login_email, "emailVerified": True})
    api.put(
        f"users/{user_id}/reset-password",
        {"type": "password", "value": account.password, "temporary": False},
    )
    return True
