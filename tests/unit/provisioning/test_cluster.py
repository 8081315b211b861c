"""The cluster's settings, node options and JGroups view reading (no Keycloak started)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provisioning.devstack.cluster import Cluster, ClusterError, ClusterSettings
from provisioning.devstack.keycloak_server import KeycloakServer

VIEWS = """\
2026-11-29 11:03:27,407 INFO  [org.infinispan.CLUSTER] (executor-thread-1) ISPN000094: Received new cluster view for channel ISPN: [node-1(v=16.0.14)|0] (1) [node-1(v=16.0.14)]
2026-11-29 11:03:35,746 INFO  [org.infinispan.CLUSTER] (jgroups-5,node-1(v=16.0.14)) ISPN000094: Received new cluster view for channel ISPN: [node-1(v=16.0.14)|1] (2) [node-1(v=16.0.14), node-2(v=16.0.14)]
"""  # noqa: E501
MERGED = (
    "ISPN000093: Received new, MERGED cluster view for channel ISPN: MergeView::[node-2(v=16.0.14)|3] (2) "
    "[node-2(v=16.0.14), node-1(v=16.0.14)], 2 subgroups"
)


def cluster_with_logs(tmp_path: Path, *logs: str) -> Cluster:
    cluster = Cluster(ClusterSettings(with_home=False), say=lambda _: None)
    for index, text in enumerate(logs):
        log = tmp_path / f"node-{index}.log"
        log.write_text("an earlier run: ISPN000094: Received new cluster view for channel ISPN: [x|9] (1) [x]\n")
        node = KeycloakServer(instance=tmp_path, log_path=log)
        node.log_offset = log.stat().st_size  # what the earlier run wrote is not this run's view
        log.write_text(log.read_text() + text)
        cluster.nodes.append(node)
    return cluster


def test_the_last_view_since_the_node_started_counts(tmp_path: Path) -> None:
    cluster = cluster_with_logs(tmp_path, VIEWS, "no view yet\n", VIEWS + MERGED + "\n")
    assert cluster.view(0) == ["node-1", "node-2"]
    assert cluster.view(1) == []
    assert cluster.view(2) == ["node-2", "node-1"]


def test_each_node_gets_its_own_ports_and_name_and_the_fronts_address(tmp_path: Path) -> None:
    settings = ClusterSettings(front_port=18080, jgroups_ports=(17800, 17900), with_home=False)
    cluster = Cluster(settings, say=lambda _: None)
    options = cluster.node(1, tmp_path).command()
    assert "--hostname=http://localhost:18080" in options
    assert not [o for o in options if o.startswith("--hostname-strict")]
    assert "--proxy-headers=xforwarded" in options and "--proxy-trusted-addresses=127.0.0.1" in options
    assert "--cache-embedded-network-bind-address=127.0.0.1" in options
    assert "--cache-embedded-network-bind-port=17900" in options
    assert "--spi-cache-embedded--default--node-name=node-2" in options


def test_ports_come_one_per_node() -> None:
    with pytest.raises(ClusterError):
        ClusterSettings(http_ports=(8081, 8082), management_ports=(9001,), jgroups_ports=(7800, 7900))
