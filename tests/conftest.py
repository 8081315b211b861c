"""The test harness: one Keycloak per test session, started from the same distribution, providers,
theme and realm files as the main command, with a fresh database, the message sink on free ports,
and test realms whose limits are short so nothing has to sleep for long.

Backends: the local distribution (default), or our Keycloak image (deploy/containers) built and
run by testcontainers when MONESPACE_TEST_BACKEND=testcontainers and a Docker engine is available
(tests/backends.py).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from monespace_home import HomeServer
from monespace_home import Settings as HomeSettings
from monespace_support import Settings as SupportSettings
from monespace_support import SupportServer
from provisioning.devstack.ports import free_port
from provisioning.devstack.stack import home_realm_values, support_realm_values
from tests.backends import start_backend
from tests.support.agents import SUPPORT_ORIGIN, AgentFactory
from tests.support.doctors import DoctorFactory
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.oidc import HOME_ORIGIN, HOME_REDIRECT, Browser

#: The realm under test and its limits (realm/values.yaml defaults unless overridden here).
MAIN_REALM = "monespace"
#: Same files, short code limits: expiry and cooldown tests run in seconds.
FAST_REALM = "monespace-fast"
FAST_LIMITS = {
    "code_ttl_seconds": 4,
    "code_resend_cooldown_seconds": 2,
    "code_max_resends": 2,
    "identity_max_failures": 3,
    "identity_lockout_seconds": 3,
    "identity_failure_window_seconds": 60,
    "reset_link_lifespan_seconds": 3,
    "reset_max_requests_per_email": 2,
    # Two conseils are enough here: the main realm has them all (realm/values.yaml).
    "councils": ["75", "69"],
}
#: Same files, a 4-second login timeout: the "unfinished input dropped" test.
EXPIRY_REALM = "monespace-expiry"
EXPIRY_LIMITS = {"login_lifespan_seconds": 4, "user_action_lifespan_seconds": 4, "councils": ["75", "69"]}
#: Where the `home` fixture's tiles point (the tests read them, never follow them).
HOME_SERVICES = {
    "abonnements_url": "https://services.exemple.fr/abonnements",
    "cotisations_url": "https://services.exemple.fr/cotisations",
    "gardes_url": "https://services.exemple.fr/gardes",
}


@pytest.fixture(scope="session")
def harness() -> Iterator[Harness]:
    with start_backend() as harness:
        yield harness


@pytest.fixture(scope="session")
def home_port() -> int:
    """The port of the session's MonEspace home (`home`), known before the realms are applied."""
    return free_port()


@pytest.fixture(scope="session")
def support_port() -> int:
    """The port of the session's support page (`support`), known before the realms are applied."""
    return free_port()


@pytest.fixture(scope="session")
def realms(harness: Harness, home_port: int, support_port: int) -> dict[str, str]:
    from provisioning.realm.apply import apply_realm

    master = harness.admin("master")
    common = common_realm_values(harness, home_port, support_port)
    apply_realm(master, {"realm": MAIN_REALM, **common})
    apply_realm(master, {"realm": FAST_REALM, **common, **FAST_LIMITS})
    apply_realm(master, {"realm": EXPIRY_REALM, **common, **EXPIRY_LIMITS})
    return {"main": MAIN_REALM, "fast": FAST_REALM, "expiry": EXPIRY_REALM}


@pytest.fixture(scope="session")
def admin(harness: Harness, realms: dict[str, str]) -> KeycloakAdmin:
    return harness.admin(MAIN_REALM)


@pytest.fixture(scope="session")
def doctors(admin: KeycloakAdmin) -> DoctorFactory:
    return DoctorFactory(admin)


@pytest.fixture(scope="session")
def fast_doctors(harness: Harness, realms: dict[str, str]) -> DoctorFactory:
    return DoctorFactory(harness.admin(FAST_REALM))


def common_realm_values(harness: Harness, home_port: int, support_port: int) -> dict[str, object]:
    """Values every test realm shares: the sink's SMTP, and the home fixture's URIs next to the
    fixed callback tests/support/oidc.py stops at (HOME_REDIRECT). Keycloak posts logout tokens
    to the `home` fixture: each test realm ends its sessions there; the home trusts the main
    realm's only and answers the others 400. A reset link opened elsewhere lands on the fixed
    address, where the tests stop. The same for the support page (`support`, and the fixed
    address tests/support/agents.py stops at) and the realm's admin console on the harness."""
    return {
        **harness.smtp_values(),
        **home_realm_values(f"http://localhost:{home_port}", HOME_ORIGIN),
        "home_root_url": HOME_ORIGIN,
        **support_realm_values(f"http://localhost:{support_port}", harness.keycloak_url, SUPPORT_ORIGIN),
    }


@pytest.fixture(scope="session")
def home(harness: Harness, realms: dict[str, str], home_port: int) -> Iterator[HomeServer]:
    """The MonEspace home on a free port, signing in with the harness Keycloak's main realm."""
    settings = HomeSettings(
        keycloak_url=harness.keycloak_url,
        realm=MAIN_REALM,
        public_url=f"http://localhost:{home_port}",
        secret_key=secrets.token_urlsafe(32),
        **HOME_SERVICES,
    )
    with HomeServer(settings, port=home_port) as server:
        yield server


@pytest.fixture(scope="session")
def support(harness: Harness, realms: dict[str, str], support_port: int) -> Iterator[SupportServer]:
    """The support page of the conseils on a free port, signing agents in with the main realm."""
    settings = SupportSettings(
        keycloak_url=harness.keycloak_url,
        realm=MAIN_REALM,
        public_url=f"http://localhost:{support_port}",
        secret_key=secrets.token_urlsafe(32),
    )
    with SupportServer(settings, port=support_port) as server:
        yield server


@pytest.fixture(scope="session")
def agents(admin: KeycloakAdmin) -> AgentFactory:
    return AgentFactory(admin)


@pytest.fixture
def sink(harness: Harness) -> MessageSink:
    harness.sink.faults.sms = "ok"
    return harness.sink


@pytest.fixture
def browser(harness: Harness, realms: dict[str, str]) -> Browser:
    return Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT)


@pytest.fixture
def journey(browser: Browser) -> Journey:
    return Journey(browser)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Unit tests never need the harness; integration and browser tests are marked by folder.
    cluster = f"{os.sep}cluster{os.sep}"
    for item in items:
        path = str(item.fspath)
        if f"{os.sep}integration{os.sep}" in path:
            item.add_marker(pytest.mark.integration)
        if f"{os.sep}browser{os.sep}" in path:
            item.add_marker(pytest.mark.browser)
        if f"{os.sep}security{os.sep}" in path:
            item.add_marker(pytest.mark.security)
        if cluster in path:
            item.add_marker(pytest.mark.cluster)
    # The cluster and deployment tests start their own Keycloaks and PostgreSQL: each runs in a
    # session of its own (`pytest tests/cluster`, `pytest tests/deploy`, as scripts/test does),
    # never alongside the single-node harness.
    for folder in (cluster, f"{os.sep}deploy{os.sep}"):
        others = [i for i in items if folder not in str(i.fspath)]
        if others and len(others) < len(items):
            config.hook.pytest_deselected(items=[i for i in items if folder in str(i.fspath)])
            items[:] = others
