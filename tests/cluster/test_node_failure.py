"""Node 1 dies (SIGKILL) while doctors and the Ordinal sync are using the cluster.

What must hold: a doctor in the middle of a creation either goes on through node 2 or is told,
in French, to start again (never a stack trace, never a 5xx); every espace already activated
still logs in through the front; the sync may fail, and a re-run converges to the state a clean
run gives; node 1 started again rejoins the cluster.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from keycloak import KeycloakAdmin

from message_sink import MessageSink
from ordinal_sync.keycloak_bulk import KeycloakBulk
from provisioning.devstack.cluster import Cluster
from provisioning.realm.apply import apply_realm
from tests.cluster.conftest import realm_values
from tests.cluster.helpers import (
    CREATED,
    START_AGAIN,
    NodeBrowser,
    choose_credentials,
    create_account,
    logs_in,
    no_stack_trace,
)
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for
from tests.support.ordinal import Row, write_csv
from tests.support.rpps import new_rpps

NODE_1 = 0
SYNC_REALM = "monespace-cluster-sync"
#: Enough doctors for a run of several seconds in batches of 100 (the kill lands mid-run).
SYNC_DOCTORS = 4000


def test_node_1_killed_mid_creation(cluster: Cluster, doctors: DoctorFactory, sink: MessageSink) -> None:
    activated = [create_account(cluster.front_url, doctors.create(), sink) for _ in range(3)]

    doctor = doctors.create()
    browser = NodeBrowser.at(cluster.front_url).use(cluster.nodes[NODE_1].url)
    journey = Journey(browser)
    journey.to_code_screen(doctor)  # on node 1, which issued the code
    code = code_for(sink, doctor)
    cluster.kill(NODE_1)

    browser.use(None)  # the doctor's next click goes through the front, which only has node 2
    page = journey.enter_code(code)
    assert page.status < 500, f"HTTP {page.status} after the crash: {page.text[:400]}"
    assert no_stack_trace(page.response.text), page.text[:600]
    assert browser.served_by == cluster.settings.node_name(1)
    if page.heading == "Finaliser la création de votre espace":
        activated.append(choose_credentials(journey, doctor))  # went on: the flow lived on node 2 too
        print("the creation went on through node 2")
    else:
        print(f"the doctor was asked to start again: {page.heading!r}")
        told = page.text.lower()
        assert any(words in told for words in START_AGAIN), f"no 'start again' page: {page.heading!r} {page.text[:400]}"
        assert CREATED not in page.text

    for email in activated:
        assert logs_in(cluster.front_url, email), f"{email} no longer logs in with node 1 down"

    cluster.restart(NODE_1)
    assert set(cluster.view(NODE_1)) == set(cluster.view(1)) == {"node-1", "node-2"}, "node 1 rejoined"
    assert all(logs_in(cluster.front_url, email, node_url=cluster.nodes[NODE_1].url) for email in activated), (
        "the restarted node knows every espace"
    )


def write_ordinal_csv(path: Path, count: int) -> list[str]:
    """An Ordinal CSV of `count` new, valid, active doctors; returns their RPPS."""
    rpps = [new_rpps() for _ in range(count)]
    write_csv(path, [Row(number, first=f"Claire{n}", mobile=f"06{number[-8:]}") for n, number in enumerate(rpps)])
    return rpps


def summary(report: Path) -> dict:  # type: ignore[type-arg]
    last: dict = json.loads(report.read_text().splitlines()[-1])  # type: ignore[type-arg]
    assert last["type"] == "summary"
    return last


def test_the_sync_converges_after_node_1_is_killed_mid_run(cluster: Cluster, tmp_path: Path) -> None:
    assert cluster.stack.sink is not None
    apply_realm(cluster.admin(), realm_values(cluster.stack.sink, SYNC_REALM))
    rpps = write_ordinal_csv(tmp_path / "ordinal.csv", SYNC_DOCTORS)
    env = {
        **os.environ,
        "MONESPACE_KEYCLOAK_URL": cluster.front_url,
        "MONESPACE_ADMIN_USER": cluster.settings.admin_user,
        "MONESPACE_ADMIN_PASSWORD": cluster.settings.admin_password,
    }
    monespace = str(Path(sys.executable).parent / "monespace")

    def command(label: str, *extra: str) -> list[str]:
        return [
            monespace, "ordinal", "sync", str(tmp_path / "ordinal.csv"), "--realm", SYNC_REALM,
            "--batch-size", "100", "--progress", "none", "--report", str(tmp_path / f"{label}.jsonl"),
            "--workdir", str(tmp_path / "work"), *extra,
        ]  # fmt: skip

    clean = subprocess.run(command("dry-run", "--dry-run"), env=env, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    expected = summary(tmp_path / "dry-run.jsonl")["plan"]
    assert expected["create"] == SYNC_DOCTORS

    # Watched on node 2 directly: the front would send half the polls to the dying node.
    node2 = KeycloakAdmin(
        server_url=f"{cluster.nodes[1].url}/",
        username=cluster.settings.admin_user,
        password=cluster.settings.admin_password,
        realm_name=SYNC_REALM,
        user_realm_name="master",
    )
    started = time.monotonic()
    run = subprocess.Popen(command("killed"), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    landed = 0
    while run.poll() is None and time.monotonic() - started < 120:
        landed = node2.users_count()
        if landed >= SYNC_DOCTORS // 5:
            break
        time.sleep(0.2)
    cluster.kill(NODE_1)
    output, _ = run.communicate(timeout=300)
    first_seconds = time.monotonic() - started
    assert 0 < landed < SYNC_DOCTORS, f"the kill should land mid-run ({landed} written)"
    print(f"first run: exit {run.returncode} in {first_seconds:.1f}s, node 1 killed at {landed} doctors")
    assert run.returncode in (0, 1), output  # 1: a request failed after its retries (rerun)

    rerun = subprocess.run(command("rerun"), env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    plan = summary(tmp_path / "rerun.jsonl")["plan"]
    assert plan["create"] + plan["unchanged"] == expected["create"], plan
    assert plan["update"] == plan["disable"] == plan["re_enable"] == 0, plan

    held = [username for username, _ in KeycloakBulk(node2, SYNC_REALM).export()]
    assert len(held) == len(set(held)), "no username twice"
    assert sorted(held) == sorted(rpps), "every doctor of the file present once, nobody else"

    again = subprocess.run(command("again"), env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and summary(tmp_path / "again.jsonl")["plan"]["unchanged"] == SYNC_DOCTORS

    cluster.restart(NODE_1)
