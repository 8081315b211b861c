"""The limits hold across the two nodes: flows of one doctor, half pinned to node 1 and half to
node 2, fire at the same instant, and between them get no more than the limit. Each node's
requests claim their slots in the store both share (Keycloak's replicated single-use cache), so
neither node can count alone."""

from __future__ import annotations

import time

from message_sink import MessageSink
from provisioning.devstack.cluster import Cluster
from tests.cluster.helpers import PASSWORD, NodeBrowser
from tests.support.attacks import LIMITS, MISMATCH, THROTTLED, at_once, new_address, speak_for
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.rpps import new_rpps
from tests.support.settings_screen import open_settings, save

FLOWS = 30


def split(cluster: Cluster, count: int, address: str) -> list[NodeBrowser]:
    """`count` browsers of one client, alternately pinned to node 1 and node 2."""
    nodes = [node.url for node in cluster.nodes]
    browsers = [NodeBrowser.at(cluster.front_url).use(nodes[i % len(nodes)]) for i in range(count)]
    for browser in browsers:
        speak_for(browser, address)
    return browsers


def test_simultaneous_wrong_birth_dates_on_both_nodes_make_at_most_the_limit_of_lookups(
    cluster: Cluster, doctors: DoctorFactory
) -> None:
    doctor = doctors.create()
    flows = [Journey(browser) for browser in split(cluster, FLOWS, new_address())]
    for flow in flows:
        flow.open_creation()

    answers = [page.box_text() for page in at_once(flows, lambda flow: flow.identity("01/01/1971", doctor.rpps))]

    mismatches = sum(MISMATCH in answer for answer in answers)
    assert mismatches == LIMITS["identity_max_failures"], answers
    assert sum(THROTTLED in answer for answer in answers) == FLOWS - mismatches


def test_simultaneous_code_requests_on_both_nodes_send_one_sms(
    cluster: Cluster, doctors: DoctorFactory, sink: MessageSink
) -> None:
    doctor = doctors.create()
    flows = [Journey(browser) for browser in split(cluster, FLOWS, new_address())]
    for flow in flows:
        flow.open_creation()
        assert flow.identify(doctor).heading == "Sécuriser la création de votre espace"

    pages = at_once(flows, lambda flow: flow.choose("sms"))

    assert sum(page.heading == "Veuillez saisir le code reçu" for page in pages) == 1, [p.box_text() for p in pages]
    assert sum("Veuillez patienter" in page.box_text() for page in pages) == FLOWS - 1
    time.sleep(0.5)
    assert len(sink.store.sms(to=doctor.mobile)) == 1


def test_simultaneous_reset_requests_on_both_nodes_send_at_most_the_limit_of_links(
    cluster: Cluster, doctors: DoctorFactory, sink: MessageSink
) -> None:
    login_email = f"inonde.{new_rpps()}@exemple.fr"
    doctors.create(login_email=login_email, password=PASSWORD)
    flows = [Journey(browser) for browser in split(cluster, 20, new_address())]
    for flow in flows:
        flow.open_reset()

    answers = [page.box_text() for page in at_once(flows, lambda flow: flow.request_reset(login_email))]

    allowed = LIMITS["reset_max_requests_per_email"]
    assert sum("vous allez recevoir" in answer for answer in answers) == allowed, answers
    time.sleep(2)  # the links go out after the answer
    assert len(sink.store.mails(to=login_email)) == allowed


def test_simultaneous_wrong_current_passwords_on_both_nodes_are_checked_at_most_the_limit(
    cluster: Cluster, doctors: DoctorFactory
) -> None:
    doctor = doctors.create(login_email=f"devine.{new_rpps()}@exemple.fr", password=PASSWORD)
    browsers = split(cluster, 20, new_address())
    for browser in browsers:
        open_settings(browser, doctor)

    pages = at_once(browsers, lambda browser: save(browser, "Pas-Le-Bon-1!", doctor.login_email or "", PASSWORD + "x"))

    wrong = sum("Le mot de passe actuel est incorrect" in page.text for page in pages)
    assert 1 <= wrong <= LIMITS["settings_max_password_failures"], [page.box_text() for page in pages]
    assert wrong + sum("suspendues" in page.box_text() for page in pages) == len(pages)
