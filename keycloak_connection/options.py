"""The admin connection's command-line options, for every command that talks to Keycloak."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from keycloak_connection.admin import (
    ADMIN_REALM,
    DEFAULT_ADMIN_PASSWORD,
    DEFAULT_ADMIN_USER,
    DEFAULT_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_PASSWORD,
    ENV_TOKEN_REALM,
    ENV_URL,
    ENV_USER,
    ENV_WAIT,
    AdminSettings,
)

F = TypeVar("F", bound=Callable[..., Any])


def admin_options(func: F) -> F:
    """Click options for the admin connection; the command receives `admin_settings`."""

    @click.option(
        "--keycloak-url",
        envvar=ENV_URL,
        default=DEFAULT_URL,
        show_default=True,
        help=f"Keycloak base URL [env {ENV_URL}].",
    )
    @click.option(
        "--admin-user",
        envvar=ENV_USER,
        default=DEFAULT_ADMIN_USER,
        show_default=True,
        help=f"Admin user in realm master [env {ENV_USER}].",
    )
    @click.option(
        "--admin-password",
        envvar=ENV_PASSWORD,
        default=DEFAULT_ADMIN_PASSWORD,
        show_default=False,
        help=f"Admin password (dev default: admin) [env {ENV_PASSWORD}].",
    )
    @click.option(
        "--admin-client-id",
        envvar=ENV_CLIENT_ID,
        default=None,
        help=f"Service-account client, used with its secret [env {ENV_CLIENT_ID}].",
    )
    @click.option(
        "--admin-client-secret",
        envvar=ENV_CLIENT_SECRET,
        default=None,
        help=f"Secret of --admin-client-id [env {ENV_CLIENT_SECRET}].",
    )
    @click.option(
        "--admin-token-realm",
        envvar=ENV_TOKEN_REALM,
        default=ADMIN_REALM,
        show_default=True,
        help=f"Realm the admin user or service-account client belongs to [env {ENV_TOKEN_REALM}].",
    )
    @click.option(
        "--wait-for-keycloak",
        "wait_seconds",
        envvar=ENV_WAIT,
        type=click.FloatRange(0),
        default=0,
        metavar="SECONDS",
        help="Keep trying this long until Keycloak answers and accepts the credentials "
        f"(a job started beside Keycloak) [env {ENV_WAIT}; default: no wait].",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        keycloak_url: str,
        admin_user: str,
        admin_password: str,
        admin_client_id: str | None,
        admin_client_secret: str | None,
        admin_token_realm: str,
        wait_seconds: float,
        **kwargs: Any,
    ) -> Any:
        kwargs["admin_settings"] = AdminSettings(
            url=keycloak_url,
            username=admin_user,
            password=admin_password,
            client_id=admin_client_id,
            client_secret=admin_client_secret,
            token_realm=admin_token_realm,
            wait_seconds=wait_seconds,
        )
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
