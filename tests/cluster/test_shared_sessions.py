"""One doctor, two nodes: what one node starts or grants, the other continues or honours.

Each browser is pinned to a node (helpers.NodeBrowser) and switched mid-way, so the node that
serves each step is chosen by the test, not by the front's rotation.
"""

from __future__ import annotations

import requests

from message_sink import MessageSink
from provisioning.devstack.cluster import Cluster
from tests.cluster.helpers import (
    PASSWORD,
    NodeBrowser,
    create_account,
    finish_creation,
    logs_in,
)
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for


def test_a_creation_started_on_node_1_finishes_on_node_2(
    cluster: Cluster, doctors: DoctorFactory, sink: MessageSink
) -> None:
    node1, node2 = (node.url for node in cluster.nodes)
    doctor = doctors.create()
    browser = NodeBrowser.at(cluster.front_url).use(node1)
    journey = Journey(browser)
    journey.to_code_screen(doctor)  # identity checked, code issued and kept by node 1
    assert browser.served_by == node1

    browser.use(node2)
    login_email = finish_creation(journey, doctor, code_for(sink, doctor))
    assert browser.served_by == node2, "the code and the credentials were taken by node 2"
    journey.finish()
    assert browser.redirected_to_app, "Retour à la connexion lands on the MonEspace home"
    assert browser.exchange_code()["access_token"], "node 2 issues the tokens"
    assert logs_in(cluster.front_url, login_email), "the new espace logs in through the front"


def test_a_doctor_logged_in_on_node_1_is_recognised_on_node_2(
    cluster: Cluster, doctors: DoctorFactory, sink: MessageSink
) -> None:
    node1, node2 = (node.url for node in cluster.nodes)
    doctor = doctors.create()
    login_email = create_account(cluster.front_url, doctor, sink)

    browser = NodeBrowser.at(cluster.front_url).use(node1)
    tokens = browser.login_tokens(login_email, PASSWORD)
    assert browser.served_by == node1

    browser.use(node2)
    page = browser.open_login()
    assert browser.redirected_to_app, f"node 2 asked for a login again: {page.heading!r}"
    assert browser.served_by == node2
    assert browser.exchange_code()["id_token"], "node 2 turns its code into tokens"

    refreshed = browser.refresh(tokens)  # the refresh token node 1 issued, redeemed on node 2
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["access_token"] != tokens["access_token"]
    userinfo = requests.get(
        f"{node2}/realms/{browser.realm}/protocol/openid-connect/userinfo",
        headers={"Authorization": f"Bearer {refreshed.json()['access_token']}"},
        timeout=30,
    )
    assert userinfo.status_code == 200 and userinfo.json()["sub"] == doctor.id
