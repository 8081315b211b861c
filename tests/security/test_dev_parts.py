"""Issue 10: the development parts stay development parts.

The message sink (every code and reset link) and the admin/admin console are reachable from this
machine only; the production-like mode (`monespace dev up --production`, `monespace dev cluster`)
refuses to start with the default admin password or with the sink as SMTP or SMS target unless
an option whose name says so is given.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import psutil
import pytest
from click.testing import CliRunner

from provisioning.cli import main
from provisioning.devstack import cluster as cluster_module
from provisioning.devstack import stack as stack_module
from provisioning.devstack.ports import free_port
from provisioning.devstack.stack import StackSettings
from tests.support.harness import Harness

STRONG_ADMIN = {"MONESPACE_ADMIN_PASSWORD": "Un-Mot-De-Passe-Admin-Long-2026!"}
REAL_SMTP = {"MONESPACE_SMTP_HOST": "smtp.ordre.example"}
REAL_SMS = ["--sms-gateway-url", "https://sms.ordre.example/send"]


def keycloak_processes(harness: Harness) -> Iterator[psutil.Process]:
    """kc.sh of the harness's instance and the JVM it started."""
    assert harness.log_path is not None
    instance = str(harness.log_path.parents[1])
    for process in psutil.process_iter(["cmdline"]):
        if any(instance in part for part in process.info["cmdline"] or []):
            yield process
            yield from process.children(recursive=True)


def test_keycloak_and_the_sink_listen_on_loopback_only(harness: Harness, realms: dict[str, str]) -> None:
    if harness.log_path is None:
        pytest.skip("Keycloak runs in a container")
    listening = {
        (process.pid, conn.laddr.ip, conn.laddr.port)
        for process in keycloak_processes(harness)
        for conn in process.net_connections(kind="inet")
        if conn.status == psutil.CONN_LISTEN
    }
    ours = psutil.Process().net_connections(kind="inet")
    sink_ports = {harness.sink.smtp_port, harness.sink.http_port}
    listening |= {(0, c.laddr.ip, c.laddr.port) for c in ours if c.laddr.port in sink_ports and c.status == "LISTEN"}
    assert {port for _, _, port in listening} >= sink_ports, listening
    exposed = sorted(entry for entry in listening if not loopback(entry[1]))
    assert exposed == [], "listening beyond loopback (HTTP, management, clustering, sink)"


def loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


@pytest.fixture
def never_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a refusal be missing, the command stops where it would build and start Keycloak."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the production-like stack was about to start")

    monkeypatch.setattr(stack_module, "ensure_built", refuse)
    monkeypatch.setattr(cluster_module, "ensure_built", refuse)


def dev(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """`monespace dev …` on free ports, without the caller's MONESPACE_SMTP_HOST/ADMIN_PASSWORD."""
    if args[0] == "up":
        ports = ["--http-port", "--management-port", "--jgroups-port", "--smtp-port", "--sink-port", "--home-port"]
        ports.append("--postgres-port")
        options = [text for option in ports for text in (option, str(free_port()))]
    else:
        options = [
            text
            for option in ("--front-port", "--postgres-port", "--smtp-port", "--sink-port", "--home-port")
            for text in (option, str(free_port()))
        ]
        for option in ("--node-ports", "--management-ports", "--jgroups-ports"):
            options += [option, f"{free_port()},{free_port()}"]
    clean = {"MONESPACE_SMTP_HOST": "", "MONESPACE_ADMIN_PASSWORD": "", **(env or {})}
    result = CliRunner().invoke(main, ["dev", *args, *options], env=clean)
    return result.exit_code, result.output


@pytest.mark.usefixtures("never_started")
@pytest.mark.parametrize("command", [["up", "--production"], ["cluster"]], ids=["production", "cluster"])
def test_production_like_mode_refuses_the_default_admin_password(command: list[str]) -> None:
    code, output = dev(*command, *REAL_SMS, env=REAL_SMTP)
    assert code != 0
    assert "default admin password" in output and "--allow-default-admin-password" in output


@pytest.mark.usefixtures("never_started")
@pytest.mark.parametrize("command", [["up", "--production"], ["cluster"]], ids=["production", "cluster"])
def test_production_like_mode_refuses_the_message_sink_as_smtp_or_sms_target(command: list[str]) -> None:
    code, output = dev(*command, env=STRONG_ADMIN)
    assert code != 0
    assert "message sink" in output and "--allow-message-sink" in output
    code, output = dev(*command, *REAL_SMS, env=STRONG_ADMIN)
    assert code != 0 and "SMTP" in output
    if command[0] == "up":
        code, output = dev(*command, env={**STRONG_ADMIN, **REAL_SMTP})
        assert code != 0 and "SMS" in output


def test_only_options_that_say_so_let_the_dev_parts_into_production_like_mode() -> None:
    assert StackSettings(profile="postgres").dev_parts_refused() != []
    allowed = StackSettings(profile="postgres", allow_default_admin_password=True, allow_message_sink=True)
    assert allowed.dev_parts_refused() == []
    real = StackSettings(
        profile="postgres",
        admin_password=STRONG_ADMIN["MONESPACE_ADMIN_PASSWORD"],
        smtp_to_sink=False,
        sms_gateway_url="https://sms.ordre.example/send",
    )
    assert real.dev_parts_refused() == [] and real.sink_needed is False
    assert StackSettings(profile="dev").dev_parts_refused() == [], "scripts/run keeps its dev parts"
