"""Two Keycloak nodes on one machine: the `postgres` build twice, one local PostgreSQL, Keycloak's
own distributed caches (cache `ispn`, JGroups discovery `jdbc-ping` through that database) and a
round-robin front (front.py). `monespace dev cluster` and the tests/cluster session both start it
from here.

On one machine each node needs its own HTTP, management and JGroups ports (JGroups bound to
127.0.0.1) and its own node name; both nodes take --hostname=<front URL>, so every URL they write
(form actions, redirects, issuer) points at the front, and trust the front's X-Forwarded-*
headers. The cluster is declared up only when each node's log shows a JGroups view of all nodes.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from keycloak import KeycloakAdmin

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER
from provisioning.devstack.distribution import Progress, ensure_built, prepare_instance
from provisioning.devstack.front import Backend, Front
from provisioning.devstack.keycloak_server import KeycloakServer, KeycloakStartError
from provisioning.devstack.ports import ensure_free
from provisioning.devstack.postgres import PostgresError
from provisioning.devstack.stack import DATABASE, Stack, StackSettings

PROFILE = "postgres"
#: Infinispan's log line for each JGroups view a node installs (merged views after a partition too).
VIEW = re.compile(
    r"ISPN00009[34]: Received new(?:, MERGED)? cluster view for channel \S+: "
    r"(?:MergeView::)?\[[^\]]*\] \((\d+)\) \[([^\]]*)\]"
)


class ClusterError(RuntimeError):
    pass


@dataclass
class ClusterSettings:
    #: Instances <name>-node-1, <name>-node-2 under .cache/instances/, PostgreSQL in .cache/postgres/<name>.
    name: str = "cluster"
    front_port: int = 8080
    http_ports: tuple[int, ...] = (8081, 8082)
    management_ports: tuple[int, ...] = (9001, 9002)
    #: JGroups (clustering transport) ports on 127.0.0.1; FD_SOCK2 takes one about 100 above each.
    jgroups_ports: tuple[int, ...] = (7800, 7900)
    postgres_port: int = 5432
    smtp_port: int = 2525
    sink_http_port: int = 8025
    #: Another SMS gateway than the sink (same contract); None uses the sink.
    sms_gateway_url: str | None = None
    sms_gateway_token: str | None = None
    sms_gateway_timeout_ms: int = 5000
    #: The realm's SMTP server is the sink (MONESPACE_SMTP_HOST not set).
    smtp_to_sink: bool = True
    home_port: int = 8000
    with_home: bool = True
    fresh_data: bool = False
    heap: str | None = None
    admin_user: str = DEFAULT_ADMIN_USER
    admin_password: str = DEFAULT_ADMIN_PASSWORD
    #: Production build: the dev parts are refused unless these say so (StackSettings).
    allow_default_admin_password: bool = False
    allow_message_sink: bool = False
    extra_options: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not len(self.http_ports) == len(self.management_ports) == len(self.jgroups_ports) >= 2:
            raise ClusterError("a cluster needs the same number (≥ 2) of HTTP, management and JGroups ports")

    @property
    def front_url(self) -> str:
        return f"http://localhost:{self.front_port}"

    def node_name(self, index: int) -> str:
        return f"node-{index + 1}"


class Cluster:
    def __init__(self, settings: ClusterSettings, say: Progress = print) -> None:
        self.settings = settings
        self.say = say
        s = settings
        # The Stack brings PostgreSQL, the sink and the home; its http_port is the front's, so
        # its admin client and the realm values point where the doctors go.
        self.stack = Stack(
            StackSettings(
                profile=PROFILE,
                instance=s.name,
                http_port=s.front_port,
                smtp_port=s.smtp_port,
                sink_http_port=s.sink_http_port,
                sms_gateway_url=s.sms_gateway_url,
                sms_gateway_token=s.sms_gateway_token,
                sms_gateway_timeout_ms=s.sms_gateway_timeout_ms,
                smtp_to_sink=s.smtp_to_sink,
                fresh_data=s.fresh_data,
                heap=s.heap,
                admin_user=s.admin_user,
                admin_password=s.admin_password,
                allow_default_admin_password=s.allow_default_admin_password,
                allow_message_sink=s.allow_message_sink,
                home_port=s.home_port,
                with_home=s.with_home,
                # The support page runs beside one node (`monespace dev up`); the cluster shows doctors' paths.
                with_support=False,
                postgres_port=s.postgres_port,
                extra_options=list(s.extra_options),
            ),
            say=say,
        )
        self.nodes: list[KeycloakServer] = []
        self.front: Front | None = None

    @property
    def front_url(self) -> str:
        return self.settings.front_url

    @property
    def size(self) -> int:
        return len(self.settings.http_ports)

    def node(self, index: int, instance: Path) -> KeycloakServer:
        """Node `index` (not started), run from `instance`, its URLs and issuer the front's."""
        s = self.settings
        return KeycloakServer(
            instance=instance,
            http_port=s.http_ports[index],
            management_port=s.management_ports[index],
            admin_user=s.admin_user,
            admin_password=s.admin_password,
            options=self.node_options(index),
            heap=s.heap,
            hostname=s.front_url,
            jgroups_port=s.jgroups_ports[index],
        )

    def node_options(self, index: int) -> list[str]:
        s = self.settings
        return [
            *self.stack.keycloak_options(),
            "--proxy-headers=xforwarded",
            # Forwarded headers count only from loopback, where the front runs.
            "--proxy-trusted-addresses=127.0.0.1",
            # Distinct per node: JGroups views and the logs name the nodes by it.
            f"--spi-cache-embedded--default--node-name={s.node_name(index)}",
        ]

    def start(self, timeout: float = 300.0) -> Cluster:
        s = self.settings
        self.stack.settings.check_dev_parts()
        self._check_ports()
        built = ensure_built(PROFILE, self.say)
        try:
            self.stack.start_postgres()
            instances = [
                prepare_instance(built, f"{s.name}-{s.node_name(i)}", fresh_data=s.fresh_data) for i in range(self.size)
            ]
            if self.stack.settings.sink_needed:
                self.stack.start_sink(instances[0])
            self.nodes = [self.node(i, instance) for i, instance in enumerate(instances)]
            # Nodes boot together (one boot is ~30-60 s), except on an empty database: two nodes
            # creating the schema at once collide (`relation "databasechangelog" already
            # exists`), so the others wait until node 1 has created it and the master realm.
            bootstrapped = self._bootstrapped()
            for i, node in enumerate(self.nodes):
                node.start()
                self.say(f"Starting Keycloak {s.node_name(i)} on {node.url} (log: {node.log_path})…")
                if not bootstrapped:
                    self.say(f"Empty database: {s.node_name(i)} creates the schema before the others start…")
                    self._wait_for_bootstrap(node, timeout)
                    bootstrapped = True
            with ThreadPoolExecutor(self.size) as pool:
                list(pool.map(lambda node: node.wait_ready(timeout), self.nodes))
            self.wait_for_view(timeout=60)
            backends = [
                Backend(s.node_name(i), f"http://127.0.0.1:{node.http_port}", f"{node.management_url}/health/ready")
                for i, node in enumerate(self.nodes)
            ]
            ensure_free(s.front_port, "cluster front")
            self.front = Front(backends, s.front_port).start()
            self.say(f"Front (round robin over {', '.join(b.name for b in backends)}) on {self.front_url}")
            if s.with_home:
                self.stack.start_home(self.front_url)
        except BaseException:  # Ctrl-C during the boot too: no node left running
            self.stop()
            raise
        return self

    def _bootstrapped(self) -> bool:
        """Whether the database holds Keycloak's schema and master realm."""
        assert self.stack.postgres is not None
        try:
            return self.stack.postgres.psql("SELECT count(*) FROM realm WHERE name = 'master'", DATABASE) == "1"
        except PostgresError:  # no schema yet
            return False

    def _wait_for_bootstrap(self, node: KeycloakServer, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self._bootstrapped():
            if not node.running():
                raise KeycloakStartError(f"Keycloak exited while creating the schema:\n{node.log_tail()}")
            if time.monotonic() > deadline:
                raise KeycloakStartError(f"no schema after {timeout:.0f}s:\n{node.log_tail()}")
            time.sleep(0.5)

    def _check_ports(self) -> None:
        s = self.settings
        ensure_free(s.front_port, "cluster front")
        # PostgreSQL (the stack's profile is postgres), the message sink, the home if on.
        self.stack.check_service_ports()
        for i in range(self.size):
            name = s.node_name(i)
            ensure_free(s.http_ports[i], f"Keycloak {name} HTTP")
            ensure_free(s.management_ports[i], f"Keycloak {name} management")
            ensure_free(s.jgroups_ports[i], f"Keycloak {name} JGroups")

    # --- the JGroups view ------------------------------------------------------------------------

    def view(self, index: int) -> list[str]:
        """Members of the last cluster view node `index` installed since it started ([] if none)."""
        views = VIEW.findall(self.nodes[index].log_since_start())
        if not views:
            return []
        # Members read "node-1(v=16.0.14)": the JGroups version is dropped.
        return [member.split("(")[0].strip() for member in views[-1][1].split(",")]

    def wait_for_view(self, size: int | None = None, nodes: list[int] | None = None, timeout: float = 60.0) -> None:
        """Waits until each running node (or `nodes`) shows a view of `size` members (all by default)."""
        size = self.size if size is None else size
        watched = [i for i in (nodes if nodes is not None else range(self.size)) if self.nodes[i].running()]
        deadline = time.monotonic() + timeout
        waited = False
        while any(len(self.view(i)) != size for i in watched):
            if time.monotonic() > deadline:
                views = "; ".join(f"{self.settings.node_name(i)}: {self.view(i) or 'no view'}" for i in watched)
                raise ClusterError(f"no cluster view of {size} members after {timeout:.0f}s ({views})")
            waited = True
            time.sleep(0.5)
        if waited or not self.front:  # said once when the cluster forms or re-forms, not on every check
            for i in watched:
                self.say(f"{self.settings.node_name(i)} sees the cluster view {self.view(i)}")

    # --- faults ----------------------------------------------------------------------------------

    def kill(self, index: int) -> None:
        """SIGKILL one node, as a crash would."""
        self.nodes[index].kill()
        self.say(f"{self.settings.node_name(index)} killed (SIGKILL)")

    def restart(self, index: int, timeout: float = 240.0) -> None:
        """Starts a stopped or killed node again and waits until every node sees it in the view."""
        node = self.nodes[index]
        if node.running():
            node.stop()
        started = time.monotonic()
        node.start()
        node.wait_ready(timeout)
        self.wait_for_view(timeout=60)
        name = self.settings.node_name(index)
        self.say(f"{name} restarted in {time.monotonic() - started:.0f}s; cluster view {self.view(index)}")

    def admin(self, realm: str = "master") -> KeycloakAdmin:
        """An admin client through the front, authenticated on master and bound to `realm`."""
        return KeycloakAdmin(
            server_url=f"{self.front_url}/",
            username=self.settings.admin_user,
            password=self.settings.admin_password,
            realm_name=realm,
            user_realm_name="master",
        )

    def stop(self) -> None:
        if self.front is not None:
            self.front.stop()
            self.front = None
        for node in self.nodes:
            node.stop()
        self.stack.stop()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
