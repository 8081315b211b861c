"""`monespace dev`: build and run MonEspace locally on its embedded defaults."""

from __future__ import annotations

import importlib.util
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from keycloak import KeycloakAdmin

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, ENV_PASSWORD
from provisioning.dev_settings import allowance_options
from provisioning.devstack import paths
from provisioning.devstack.distribution import PROFILES, BuildError, ensure_built
from provisioning.devstack.jdk import NoSupportedJdk
from provisioning.devstack.keycloak_server import KeycloakStartError
from provisioning.devstack.ports import PortInUse
from provisioning.devstack.postgres import PostgresError

if TYPE_CHECKING:
    from provisioning.devstack.stack import Stack

REALM = "monespace"


#: What `monespace dev` needs beyond the operator's CLI: the `devstack` extra.
DEVSTACK_MODULES = ("aiohttp", "aiosmtpd")


@click.group()
def dev() -> None:
    """Run MonEspace locally: Keycloak (dev-file database), message sink, realm and demo doctors.

    Development only: runs from a checkout of the repository (it builds Keycloak from
    extensions/ and themes/) with the `devstack` extra installed (pip install -e '.[dev]').
    """
    if not (paths.EXTENSIONS / "pom.xml").is_file():
        raise click.ClickException(
            f"monespace dev runs from a checkout of the repository (no extensions/pom.xml under {paths.ROOT}); "
            "an installed CLI provides `monespace realm`, `monespace ordinal` and `monespace legacy`"
        )
    missing = [name for name in DEVSTACK_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(
            f"monespace dev needs the devstack extra ({', '.join(missing)} missing): pip install -e '.[dev]'"
        )


@dev.command()
@click.option("--profile", type=click.Choice(sorted(PROFILES)), default="dev", show_default=True)
def build(profile: str) -> None:
    """Fetch Keycloak, build the extensions and theme assets, run kc.sh build (no work when current)."""
    try:
        built = ensure_built(profile, say=click.echo)
    except (BuildError, NoSupportedJdk) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Keycloak {built.version} ({profile}) ready in {built.home}")


def _sms_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--sms-gateway-token", envvar="MONESPACE_SMS_GATEWAY_TOKEN", help="Bearer token for that gateway."
    )(command)
    return click.option(
        "--sms-gateway-url",
        envvar="MONESPACE_SMS_GATEWAY_URL",
        help="A real SMS gateway (same contract as the sink) instead of the sink.",
    )(command)


def _admin_password() -> str:
    """The bootstrap administrator's password: MONESPACE_ADMIN_PASSWORD (never an option: it would
    show in the process list), else the development default."""
    return os.environ.get(ENV_PASSWORD) or DEFAULT_ADMIN_PASSWORD


def _smtp_to_sink() -> bool:
    return not os.environ.get("MONESPACE_SMTP_HOST")


@dev.command()
@click.option("--http-port", default=8080, show_default=True, envvar="MONESPACE_HTTP_PORT")
@click.option("--management-port", default=9000, show_default=True, envvar="MONESPACE_MANAGEMENT_PORT")
@click.option(
    "--jgroups-port",
    default=7800,
    show_default=True,
    envvar="MONESPACE_JGROUPS_PORT",
    help="Keycloak's clustering transport on 127.0.0.1 (its failure detection takes another port above).",
)
@click.option(
    "--smtp-port",
    default=2525,
    show_default=True,
    envvar="MONESPACE_SINK_SMTP_PORT",
    help="Port of the development mail sink.",
)
@click.option(
    "--sink-port",
    default=8025,
    show_default=True,
    envvar="MONESPACE_SINK_HTTP_PORT",
    help="Port of the sink's SMS gateway and message page.",
)
@click.option(
    "--home-port",
    default=8000,
    show_default=True,
    envvar="MONESPACE_HOME_PORT",
    help="Port of the MonEspace home (MES SERVICES).",
)
@click.option(
    "--support-port",
    default=8001,
    show_default=True,
    envvar="MONESPACE_SUPPORT_PORT",
    help="Port of the support page of the conseils (agents only).",
)
@_sms_options
@click.option(
    "--production",
    is_flag=True,
    help="Production-like mode: Keycloak `start --optimized` on a local PostgreSQL instead of dev-file.",
)
@click.option("--postgres-port", default=5432, show_default=True, envvar="MONESPACE_POSTGRES_PORT")
@click.option("--fresh", is_flag=True, help="Start from an empty database (drops the local data).")
@allowance_options
def up(
    http_port: int,
    management_port: int,
    jgroups_port: int,
    smtp_port: int,
    sink_port: int,
    home_port: int,
    support_port: int,
    sms_gateway_url: str | None,
    sms_gateway_token: str | None,
    production: bool,
    postgres_port: int,
    fresh: bool,
    allow_default_admin_password: bool,
    allow_message_sink: bool,
) -> None:
    """Start MonEspace and keep it running until Ctrl-C.

    By default Keycloak uses its dev-file database; --production runs the same build options as
    production (`start --optimized` on PostgreSQL, health and metrics on the management port),
    with a local PostgreSQL (Debian's package) on loopback, data in .cache/postgres/.

    SMTP goes to the mail sink unless MONESPACE_SMTP_HOST (and MONESPACE_SMTP_PORT, _USER,
    _PASSWORD…, see realm/values.yaml) point at another server. Data survive restarts. Everything
    listens on 127.0.0.1 only.

    --production refuses the development parts as `monespace preflight` does: the admin/admin
    administrator (set MONESPACE_ADMIN_PASSWORD before the first start) and the sink as SMTP or SMS
    target, unless --allow-default-admin-password / --allow-message-sink say so.
    """
    # Imported here, as cluster() does: the sink and the home (aiohttp, aiosmtpd, flask) would
    # otherwise load on every `monespace` command.
    from provisioning.devstack.stack import DevPartsRefused, Stack, StackSettings

    settings = StackSettings(
        profile="postgres" if production else "dev",
        instance="dev-postgres" if production else "dev",
        postgres_port=postgres_port,
        http_port=http_port,
        management_port=management_port,
        jgroups_port=jgroups_port,
        smtp_port=smtp_port,
        sink_http_port=sink_port,
        home_port=home_port,
        support_port=support_port,
        sms_gateway_url=sms_gateway_url,
        sms_gateway_token=sms_gateway_token,
        smtp_to_sink=_smtp_to_sink(),
        fresh_data=fresh,
        admin_password=_admin_password(),
        allow_default_admin_password=allow_default_admin_password,
        allow_message_sink=allow_message_sink,
    )
    stack = Stack(settings, say=click.echo)
    try:
        stack.start()
    except (PortInUse, BuildError, NoSupportedJdk, KeycloakStartError, PostgresError, DevPartsRefused) as error:
        raise click.ClickException(str(error)) from None
    try:
        assert stack.keycloak is not None
        _provision(stack, stack.admin(), stack.keycloak.url)
        _banner(stack)
        _wait_for_interrupt()
    finally:
        click.echo("Stopping MonEspace…")
        stack.stop()


def _ports(ctx: click.Context, param: click.Parameter, text: str) -> tuple[int, ...]:
    try:
        ports = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise click.BadParameter(f"{text!r}: comma-separated port numbers, one per node") from None
    if len(ports) != 2:
        raise click.BadParameter(f"{text!r}: two ports, one per node")
    return ports


@dev.command()
@click.option("--front-port", default=8080, show_default=True, help="The round-robin front doctors use.")
@click.option("--node-ports", default="8081,8082", show_default=True, callback=_ports, help="HTTP of each node.")
@click.option(
    "--management-ports", default="9001,9002", show_default=True, callback=_ports, help="Health/metrics of each node."
)
@click.option(
    "--jgroups-ports",
    default="7800,7900",
    show_default=True,
    callback=_ports,
    help="Clustering transport of each node (127.0.0.1; FD_SOCK2 uses about 100 above).",
)
@click.option("--postgres-port", default=5432, show_default=True, envvar="MONESPACE_POSTGRES_PORT")
@click.option("--smtp-port", default=2525, show_default=True, envvar="MONESPACE_SINK_SMTP_PORT")
@click.option("--sink-port", default=8025, show_default=True, envvar="MONESPACE_SINK_HTTP_PORT")
@click.option("--home-port", default=8000, show_default=True, envvar="MONESPACE_HOME_PORT")
@_sms_options
@click.option("--fresh", is_flag=True, help="Start from an empty database (drops the cluster's local data).")
@allowance_options
def cluster(
    front_port: int,
    node_ports: tuple[int, ...],
    management_ports: tuple[int, ...],
    jgroups_ports: tuple[int, ...],
    postgres_port: int,
    smtp_port: int,
    sink_port: int,
    home_port: int,
    sms_gateway_url: str | None,
    sms_gateway_token: str | None,
    fresh: bool,
    allow_default_admin_password: bool,
    allow_message_sink: bool,
) -> None:
    """Two Keycloak nodes (production build) on one PostgreSQL, behind a round-robin front.

    The nodes share the database and Keycloak's distributed caches (JGroups discovery through
    the database); the front spreads requests over both without stickiness and skips a node
    that is down. Realm and demo doctors are applied through the front; Ctrl-C stops everything.
    Data live in .cache/postgres/cluster and .cache/instances/cluster-node-*.

    Like `up --production`, it refuses the admin/admin administrator and the sink as SMTP or SMS
    target unless --allow-default-admin-password / --allow-message-sink say so.
    """
    from provisioning.devstack.cluster import Cluster, ClusterError, ClusterSettings
    from provisioning.devstack.stack import DevPartsRefused

    settings = ClusterSettings(
        front_port=front_port,
        http_ports=node_ports,
        management_ports=management_ports,
        jgroups_ports=jgroups_ports,
        postgres_port=postgres_port,
        smtp_port=smtp_port,
        sink_http_port=sink_port,
        sms_gateway_url=sms_gateway_url,
        sms_gateway_token=sms_gateway_token,
        smtp_to_sink=_smtp_to_sink(),
        home_port=home_port,
        fresh_data=fresh,
        admin_password=_admin_password(),
        allow_default_admin_password=allow_default_admin_password,
        allow_message_sink=allow_message_sink,
    )
    running = Cluster(settings, say=click.echo)
    errors = (PortInUse, BuildError, NoSupportedJdk, KeycloakStartError, PostgresError, ClusterError, DevPartsRefused)
    try:
        running.start()
    except errors as error:
        raise click.ClickException(str(error)) from None
    try:
        _provision(running.stack, running.admin(), running.front_url)
        lines = ["", "MonEspace cluster is running."]
        lines.append(f"  Front (doctors, admin):  {running.front_url}/  (admin console {running.front_url}/admin)")
        for i, node in enumerate(running.nodes):
            name = settings.node_name(i)
            lines.append(f"  Keycloak {name}:         {node.url}  (health {node.management_url}/health/ready)")
        if running.stack.home is not None:
            lines.append(f"  MonEspace home:          {running.stack.home_url}/")
        if running.stack.sink is not None:
            lines.append(f"  Codes and mails:         {running.stack.sink.http_url}/")
        lines += ["Press Ctrl-C to stop.", ""]
        click.echo("\n".join(lines))
        _wait_for_interrupt()
    finally:
        click.echo("Stopping the cluster…")
        running.stop()


def _realm_values(stack: Stack, keycloak_url: str) -> dict[str, Any]:
    from provisioning.devstack.stack import home_realm_values, support_realm_values

    values: dict[str, Any] = {
        "realm": REALM,
        **home_realm_values(stack.home_url),
        **support_realm_values(stack.support_url, keycloak_url),
    }
    if stack.settings.smtp_to_sink:
        values.update(smtp_host="127.0.0.1", smtp_port=stack.settings.smtp_port)
    return values


def _provision(stack: Stack, admin: KeycloakAdmin, keycloak_url: str) -> None:
    from provisioning.devstack.demo import load_demo
    from provisioning.realm.apply import apply_realm

    summary = apply_realm(admin, _realm_values(stack, keycloak_url), env=os.environ)
    click.echo(f"Realm {REALM}: {summary.summary_line()}")
    demo = load_demo(admin, REALM)
    counts = demo.sync.plan
    click.echo(
        f"Demo doctors: {counts.create} created, {counts.update} updated, {counts.unchanged} unchanged;"
        f" {len(demo.activated)} demo espace(s) activated (README « Demo identities »)."
    )
    if demo.agents:
        click.echo(f"Demo support agents created: {', '.join(demo.agents)} (README « Support des conseils »).")


def _banner(stack: Stack) -> None:
    assert stack.keycloak is not None
    kc = stack.keycloak.url
    lines = [
        "",
        "MonEspace is running.",
        f"  Log in:              {stack.home_url}/  (MonEspace home → « Connectez-vous à votre espace »)",
        f"  Keycloak:            {kc}/admin  ({stack.settings.admin_user} / {_shown_password(stack)})",
        f"  Support (agents):    {stack.support_url}/  (README « Support des conseils »: demo agents)",
    ]
    if stack.sink is not None:
        lines.append(f"  Codes and mails:     {stack.sink.http_url}/  (SMS gateway {stack.sms_url})")
    lines += ["  Demo doctors:        see README.md, « Demo identities »", "Press Ctrl-C to stop.", ""]
    click.echo("\n".join(lines))


def _shown_password(stack: Stack) -> str:
    """The development default is shown; a real password never is."""
    password = stack.settings.admin_password
    return password if password == DEFAULT_ADMIN_PASSWORD else f"password in {ENV_PASSWORD}"


def _wait_for_interrupt() -> None:
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
