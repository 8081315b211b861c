"""Fixtures of the provisioning integration tests: the shared harness's Keycloak, a realm of its
own per test, and realm/ values that work without our providers (the tool must also manage a
stock server)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keycloak import KeycloakAdmin

from keycloak_connection.admin import AdminSettings, connect
from tests.support.harness import Harness

REPO = Path(__file__).resolve().parents[3]

# Values that let realm/ apply on a stock server: no custom providers, stock themes, and no
# denylist file (Keycloak refuses a policy naming a file it does not have).
STOCK_VALUES: dict[str, object] = {
    "with_custom_providers": False,
    "login_theme": "keycloak",
    "email_theme": "base",
    "password_denylist_file": "",
    # Two conseils, not the 101 of values.yaml: each brings two groups and a permission, and the
    # whole list made every apply of these tests take some 20 s more.
    "councils": ["75", "69"],
}
# Flows of stock providers, shaped like ours (subflow, condition, config), for the flow tests.
STOCK_FLOWS = """\
flows:
  - alias: test-browser
    description: Stock login, shaped like monespace-browser
    binding: browser
    executions:
      - authenticator: auth-cookie
        requirement: ALTERNATIVE
      - flow: forms
        description: Formulaire de connexion
        requirement: ALTERNATIVE
        executions:
          - authenticator: auth-username-password-form
            requirement: REQUIRED
          - flow: otp
            requirement: CONDITIONAL
            executions:
              - authenticator: conditional-user-configured
                requirement: REQUIRED
              - authenticator: auth-otp-form
                requirement: REQUIRED
  - alias: test-reset
    description: Stock reset, with an authenticator config from the values
    binding: reset_credentials
    executions:
      - authenticator: reset-credentials-choose-user
        requirement: REQUIRED
      - authenticator: reset-credential-email
        requirement: REQUIRED
      - authenticator: reset-password
        requirement: REQUIRED
      - authenticator: auth-conditional-otp-form
        requirement: DISABLED
        config:
          alias: limits
          values:
            defaultOtpOutcome: skip
            otpControlAttribute: "ttl-{{ code_ttl_seconds }}"
            # Not a property the authenticator declares: Keycloak reads it back masked.
            code_ttl_seconds: {{ code_ttl_seconds }}
  - alias: test-registration
    description: Stock registration form (a form-flow subflow)
    binding: registration
    executions:
      - flow: registration-form
        type: form-flow
        provider: registration-page-form
        requirement: REQUIRED
        executions:
          - authenticator: registration-user-creation
            requirement: REQUIRED
          - authenticator: registration-password-action
            requirement: REQUIRED
"""


@dataclass(frozen=True)
class KeycloakServer:
    url: str
    admin_user: str
    admin_password: str

    def settings(self, **changes: str) -> AdminSettings:
        fields = {"url": self.url, "username": self.admin_user, "password": self.admin_password}
        return AdminSettings(**{**fields, **changes})  # type: ignore[arg-type]

    def cli_env(self) -> dict[str, str]:
        """Environment for `monespace realm …` run against this server."""
        return {
            "MONESPACE_KEYCLOAK_URL": self.url,
            "MONESPACE_ADMIN_USER": self.admin_user,
            "MONESPACE_ADMIN_PASSWORD": self.admin_password,
        }


@pytest.fixture(scope="session")
def keycloak_server(harness: Harness) -> KeycloakServer:
    """The session's shared Keycloak (tests/conftest.py); each test works in a realm of its own."""
    return KeycloakServer(
        url=harness.keycloak_url, admin_user=harness.admin_user, admin_password=harness.admin_password
    )


@pytest.fixture(scope="session")
def admin(keycloak_server: KeycloakServer) -> KeycloakAdmin:
    return connect(keycloak_server.settings())


@pytest.fixture
def realm_name(request: pytest.FixtureRequest, admin: KeycloakAdmin) -> Iterator[str]:
    """A realm of its own for each test, deleted afterwards."""
    name = f"t-{request.node.name[5:30].replace('_', '-')}-{uuid.uuid4().hex[:4]}".lower()
    yield name
    admin.connection.raw_delete(f"admin/realms/{name}")


@pytest.fixture
def stock_realm_dir(tmp_path: Path) -> Path:
    """A copy of realm/ plus flows of stock providers, to edit freely in a test."""
    target = tmp_path / "realm"
    shutil.copytree(REPO / "realm", target)
    (target / "test-flows.yaml").write_text(STOCK_FLOWS, encoding="utf-8")
    return target


ValuesFor = Callable[..., dict[str, object]]


@pytest.fixture
def values_for() -> ValuesFor:
    """`values_for(realm, code_ttl_seconds=5)`: template values for the stock server."""

    def values(realm: str, **more: object) -> dict[str, object]:
        return {**STOCK_VALUES, "realm": realm, **more}

    return values


@pytest.fixture
def stock_sets() -> list[str]:
    """The same values as `--set` options for the CLI."""
    sets: list[str] = []
    for name, value in STOCK_VALUES.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        sets += ["--set", f"{name}={text}"]
    return sets


#: A flow and a required action naming providers this Keycloak does not have.
MISSING_PROVIDERS = """\
flows:
  - alias: test-missing
    description: Names an authenticator nobody deployed
    executions:
      - authenticator: monespace-not-deployed
        requirement: REQUIRED
requiredActions:
  - alias: monespace-not-deployed-action
    name: Absente
    enabled: true
"""


@pytest.fixture
def missing_providers_dir(stock_realm_dir: Path) -> Path:
    """realm/ plus a flow and a required action whose providers are not deployed."""
    (stock_realm_dir / "missing.yaml").write_text(MISSING_PROVIDERS, encoding="utf-8")
    return stock_realm_dir
