"""`monespace preflight`: refuse to start a deployment that still runs on development settings.

docker-compose.yml runs it before Keycloak (which depends on its success). The refusals and their
allowances are those of the dev stack's production-like mode (provisioning/dev_settings.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, ENV_PASSWORD
from provisioning import dev_settings
from provisioning.dev_settings import ENV_SMS_GATEWAY_URL, ENV_SMTP_HOST, allowance_options

#: Where the development sink answers: its compose service, or this machine (the dev stack).
DEV_SINK_HOSTS = ("sink", "localhost", "127.0.0.1", "::1")
EXIT_CODES = """\b
Exit codes: 0 nothing of development is left (or it is explicitly allowed)
            1 refused: each reason on its own line"""


def problems(
    *,
    admin_password: str,
    smtp_host: str,
    sms_gateway_url: str,
    sink_hosts: tuple[str, ...] = DEV_SINK_HOSTS,
    allow_default_admin_password: bool = False,
    allow_message_sink: bool = False,
) -> list[str]:
    """What keeps these settings from a deployment others can reach; empty when none."""
    sinks = {host.lower() for host in sink_hosts}

    def sink(host: str) -> str | None:
        return host if host in sinks else None

    return dev_settings.refusals(
        admin_password=admin_password,
        smtp_sink=sink(smtp_host.strip().lower()),
        sms_sink=sink((urlsplit(sms_gateway_url.strip()).hostname or "").lower()),
        allow_default_admin_password=allow_default_admin_password,
        allow_message_sink=allow_message_sink,
    )


@click.command(epilog=EXIT_CODES)
@click.option(
    "--admin-password",
    envvar=ENV_PASSWORD,
    default=DEFAULT_ADMIN_PASSWORD,
    show_default=False,
    help=f"Keycloak's admin password [env {ENV_PASSWORD}; default: the development one].",
)
@click.option(
    "--smtp-host", envvar=ENV_SMTP_HOST, default="127.0.0.1", show_default=True, help="The realm's SMTP server."
)
@click.option(
    "--sms-gateway-url",
    envvar=ENV_SMS_GATEWAY_URL,
    default="http://127.0.0.1:8025/sms",
    show_default=True,
    help="Keycloak's SMS gateway.",
)
@click.option(
    "--sink-host",
    "sink_hosts",
    multiple=True,
    default=DEV_SINK_HOSTS,
    show_default=True,
    help="Host names of the development sink (repeatable).",
)
@allowance_options
def preflight(
    admin_password: str,
    smtp_host: str,
    sms_gateway_url: str,
    sink_hosts: tuple[str, ...],
    allow_default_admin_password: bool,
    allow_message_sink: bool,
) -> None:
    """Refuse development settings (default admin password, message sink) before a start."""
    found = problems(
        admin_password=admin_password,
        smtp_host=smtp_host,
        sms_gateway_url=sms_gateway_url,
        sink_hosts=sink_hosts,
        allow_default_admin_password=allow_default_admin_password,
        allow_message_sink=allow_message_sink,
    )
    for problem in found:
        click.echo(f"refused: {problem}", err=True)
    if found:
        raise SystemExit(1)
    given = dev_settings.allowed(
        allow_default_admin_password=allow_default_admin_password, allow_message_sink=allow_message_sink
    )
    click.echo("preflight: no development setting" + (f" beyond those allowed ({', '.join(given)})" if given else ""))
