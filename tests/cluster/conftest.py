"""The cluster session: PostgreSQL, two Keycloak nodes of the `postgres` build, the round-robin
front and the message sink, all on free ports, started once (provisioning/devstack/cluster.py,
the code behind `monespace dev cluster`); the realm applied once, through the front.

Each test starts from a whole cluster: a node a fault test left down is started again first.
Run alone (`pytest tests/cluster`): it needs its own Keycloak nodes, not the session one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from keycloak import KeycloakAdmin

from message_sink import MessageSink
from provisioning.devstack.cluster import Cluster, ClusterSettings
from provisioning.devstack.ports import free_port
from provisioning.devstack.stack import home_realm_values
from provisioning.realm.apply import apply_realm
from tests.backends import TEST_SMS_TIMEOUT_MS
from tests.cluster.helpers import REALM
from tests.support.doctors import DoctorFactory
from tests.support.oidc import HOME_ORIGIN


def say(line: str) -> None:
    print(f"[cluster {time.strftime('%H:%M:%S')}] {line}", flush=True)


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    settings = ClusterSettings(
        name="test-cluster",
        front_port=free_port(),
        http_ports=(free_port(), free_port()),
        management_ports=(free_port(), free_port()),
        jgroups_ports=(free_port(), free_port()),
        postgres_port=free_port(),
        smtp_port=free_port(),
        sink_http_port=free_port(),
        sms_gateway_timeout_ms=TEST_SMS_TIMEOUT_MS,
        with_home=False,
        fresh_data=True,
        # Throw-away nodes on loopback: the production build with the dev parts.
        allow_default_admin_password=True,
        allow_message_sink=True,
    )
    started = time.monotonic()
    with Cluster(settings, say=say) as running:
        say(f"cluster up in {time.monotonic() - started:.0f}s")
        assert running.stack.sink is not None
        apply_realm(running.admin(), realm_values(running.stack.sink, REALM))
        yield running


def realm_values(sink: MessageSink, realm: str) -> dict[str, object]:
    return {"realm": realm, "smtp_host": sink.host, "smtp_port": sink.smtp_port, **home_realm_values(HOME_ORIGIN)}


@pytest.fixture(autouse=True)
def whole_cluster(cluster: Cluster) -> None:
    for index, node in enumerate(cluster.nodes):
        if not node.running():
            say(f"{cluster.settings.node_name(index)} was left down: starting it again")
            cluster.restart(index)
    cluster.wait_for_view()


@pytest.fixture(scope="session")
def sink(cluster: Cluster) -> MessageSink:
    assert cluster.stack.sink is not None
    return cluster.stack.sink


@pytest.fixture(scope="session")
def admin(cluster: Cluster) -> KeycloakAdmin:
    return cluster.admin(REALM)


@pytest.fixture(scope="session")
def doctors(admin: KeycloakAdmin) -> DoctorFactory:
    return DoctorFactory(admin)
