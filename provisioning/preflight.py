"""`monespace preflight`: refuse to start a deployment that still runs on development settings.

docker-compose.yml runs it before Keycloak (which depends on its success): the default admin
password, or the development message sink as the realm's SMTP server or as Keycloak's SMS
gateway, stop the start unless a variable whose name says so allows it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, ENV_PASSWORD

ENV_ALLOW_DEFAULT_ADMIN_PASSWORD = "MONESPACE_ALLOW_DEFAULT_ADMIN_PASSWORD"
ENV_ALLOW_DEV_SINKS = "MONESPACE_ALLOW_DEV_SINKS"
ENV_SMTP_HOST = "MONESPACE_SMTP_HOST"
ENV_SMS_GATEWAY_URL = "MONESPACE_SMS_GATEWAY_URL"
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
    allow_dev_sinks: bool = False,
) -> list[str]:
    """What keeps these settings from a deployment others can reach; empty when none."""
    found: list[str] = []
    if admin_password == DEFAULT_ADMIN_PASSWORD and not allow_default_admin_password:
        found.append(
            f"the Keycloak admin password is the development default: set {ENV_PASSWORD} "
            f"(or {ENV_ALLOW_DEFAULT_ADMIN_PASSWORD}=true on a machine nobody else reaches)"
        )
    sinks = {host.lower() for host in sink_hosts}
    targets = [
        ("SMTP server", smtp_host.strip().lower(), ENV_SMTP_HOST),
        ("SMS gateway", (urlsplit(sms_gateway_url.strip()).hostname or "").lower(), ENV_SMS_GATEWAY_URL),
    ]
    for what, host, variable in targets:
        if host in sinks and not allow_dev_sinks:
            found.append(
                f"the {what} is the development message sink ({host}): doctors' codes and reset links "
                f"would stay there; set {variable} (or {ENV_ALLOW_DEV_SINKS}=true for a demonstration)"
            )
    return found


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
@click.option(
    "--allow-default-admin-password",
    envvar=ENV_ALLOW_DEFAULT_ADMIN_PASSWORD,
    is_flag=True,
    help=f"Accept the default admin password [env {ENV_ALLOW_DEFAULT_ADMIN_PASSWORD}=true].",
)
@click.option(
    "--allow-dev-sinks",
    envvar=ENV_ALLOW_DEV_SINKS,
    is_flag=True,
    help=f"Accept the message sink as SMTP server and SMS gateway [env {ENV_ALLOW_DEV_SINKS}=true].",
)
def preflight(
    admin_password: str,
    smtp_host: str,
    sms_gateway_url: str,
    sink_hosts: tuple[str, ...],
    allow_default_admin_password: bool,
    allow_dev_sinks: bool,
) -> None:
    """Refuse development settings (default admin password, message sink) before a start."""
    found = problems(
        admin_password=admin_password,
        smtp_host=smtp_host,
        sms_gateway_url=sms_gateway_url,
        sink_hosts=sink_hosts,
        allow_default_admin_password=allow_default_admin_password,
        allow_dev_sinks=allow_dev_sinks,
    )
    for problem in found:
        click.echo(f"refused: {problem}", err=True)
    if found:
        raise SystemExit(1)
    allowed = [
        name
        for name, on in (
            (ENV_ALLOW_DEFAULT_ADMIN_PASSWORD, allow_default_admin_password),
            (ENV_ALLOW_DEV_SINKS, allow_dev_sinks),
        )
        if on
    ]
    click.echo(
        "preflight: no development setting" + (f" beyond those allowed ({', '.join(allowed)})" if allowed else "")
    )
