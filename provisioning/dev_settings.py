"""The development settings a deployment others can reach must not run with, and how to allow them.

The bootstrap administrator's default password (admin), and the development message sink as the
realm's SMTP server or as Keycloak's SMS gateway (it keeps every code and reset link), are refused
one line each by `monespace preflight` (Docker Compose), `monespace dev up --production` and
`monespace dev cluster`, unless allowed by name: `--allow-default-admin-password` and
`--allow-message-sink`, or MONESPACE_ALLOW_DEFAULT_ADMIN_PASSWORD=true and
MONESPACE_ALLOW_MESSAGE_SINK=true. One check, one vocabulary, wherever Keycloak starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, ENV_PASSWORD

ALLOW_DEFAULT_ADMIN_PASSWORD = "--allow-default-admin-password"
ALLOW_MESSAGE_SINK = "--allow-message-sink"
ENV_ALLOW_DEFAULT_ADMIN_PASSWORD = "MONESPACE_ALLOW_DEFAULT_ADMIN_PASSWORD"
ENV_ALLOW_MESSAGE_SINK = "MONESPACE_ALLOW_MESSAGE_SINK"
ENV_SMTP_HOST = "MONESPACE_SMTP_HOST"
ENV_SMS_GATEWAY_URL = "MONESPACE_SMS_GATEWAY_URL"

F = TypeVar("F", bound=Callable[..., object])


def refusals(
    *,
    admin_password: str,
    smtp_sink: str | None,
    sms_sink: str | None,
    allow_default_admin_password: bool = False,
    allow_message_sink: bool = False,
) -> list[str]:
    """What keeps these settings from a deployment others can reach, one line each; empty when none.

    `smtp_sink` / `sms_sink`: the sink's host when the realm's SMTP server / Keycloak's SMS
    gateway is the development message sink, None when it is a real server.
    """
    found: list[str] = []
    if admin_password == DEFAULT_ADMIN_PASSWORD and not allow_default_admin_password:
        found.append(
            f"the Keycloak admin password is the development default: set {ENV_PASSWORD} (Keycloak takes it "
            f"when it creates its database), or allow the default admin password with "
            f"{ALLOW_DEFAULT_ADMIN_PASSWORD} ({ENV_ALLOW_DEFAULT_ADMIN_PASSWORD}=true) on a machine nobody else "
            "reaches"
        )
    targets = (("SMTP server", smtp_sink, ENV_SMTP_HOST), ("SMS gateway", sms_sink, ENV_SMS_GATEWAY_URL))
    for what, sink, variable in targets:
        if sink is not None and not allow_message_sink:
            found.append(
                f"the {what} is the development message sink ({sink}): doctors' codes and reset links would stay "
                f"there; set {variable}, or allow the message sink with {ALLOW_MESSAGE_SINK} "
                f"({ENV_ALLOW_MESSAGE_SINK}=true) for a demonstration"
            )
    return found


def allowed(*, allow_default_admin_password: bool, allow_message_sink: bool) -> list[str]:
    """The allowances given, by their variable names (for a line saying what was let through)."""
    given = (
        (ENV_ALLOW_DEFAULT_ADMIN_PASSWORD, allow_default_admin_password),
        (ENV_ALLOW_MESSAGE_SINK, allow_message_sink),
    )
    return [name for name, on in given if on]


def allowance_options(command: F) -> F:
    """The two flags, with their environment variables, for every command that may refuse."""
    command = click.option(
        ALLOW_MESSAGE_SINK,
        envvar=ENV_ALLOW_MESSAGE_SINK,
        is_flag=True,
        help="Accept the development message sink as SMTP server or SMS gateway: it keeps every code and reset "
        f"link (refused otherwise) [env {ENV_ALLOW_MESSAGE_SINK}=true].",
    )(command)
    return click.option(
        ALLOW_DEFAULT_ADMIN_PASSWORD,
        envvar=ENV_ALLOW_DEFAULT_ADMIN_PASSWORD,
        is_flag=True,
        help=f"Accept the admin/admin bootstrap administrator (refused otherwise; set {ENV_PASSWORD}) "
        f"[env {ENV_ALLOW_DEFAULT_ADMIN_PASSWORD}=true].",
    )(command)
