"""`python -m monespace_home` — serve the MonEspace home with waitress.

Every option falls back to its MONESPACE_HOME_* environment variable, then to the documented
default (monespace_home/settings.py). The session secret is read from MONESPACE_HOME_SECRET_KEY
only: a command line is visible to every user of the machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import click

from monespace_home.app import create_app
from monespace_home.settings import Settings, SettingsError, env_name


def _option(setting: str, help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    # Default None: an unset option leaves the variable or the settings' default in force.
    default = next(f.default for f in fields(Settings) if f.name == setting)
    return click.option(
        f"--{setting.replace('_', '-')}",
        setting,
        envvar=env_name(setting),
        default=None,
        help=f"{help_text}  [env: {env_name(setting)}; default: {default}]",
    )


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--host",
    envvar="MONESPACE_HOME_HOST",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on.  [env: MONESPACE_HOME_HOST]",
)
@click.option(
    "--port",
    envvar="MONESPACE_HOME_PORT",
    type=int,
    default=None,
    help="Port to listen on.  [env: MONESPACE_HOME_PORT; default: the public URL's port]",
)
@click.option(
    "--threads",
    envvar="MONESPACE_HOME_THREADS",
    type=int,
    default=8,
    show_default=True,
    help="Worker threads.  [env: MONESPACE_HOME_THREADS]",
)
@_option("keycloak_url", "Keycloak's public URL (its --hostname; the tokens' issuer).")
@_option("keycloak_internal_url", "Where this app reaches Keycloak, when not at its public URL.")
@_option("realm", "Realm.")
@_option("client_id", "OIDC client.")
@_option("public_url", "This app's URL as browsers see it.")
@_option("abonnements_url", "Tile Abonnements.")
@_option("cotisations_url", "Tile Cotisations.")
@_option("gardes_url", "Tile Mes Gardes.")
def main(host: str, port: int | None, threads: int, **options: str | None) -> None:
    """Serve the MonEspace home ("MES SERVICES") for doctors signed in with Keycloak."""
    from waitress import serve

    try:
        settings = Settings.from_env(None, **options)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not os.environ.get(env_name("secret_key")):
        click.echo(
            f"{env_name('secret_key')} is not set: a random key is used, sessions end with this process.",
            err=True,
        )
    port = port or settings.port
    click.echo(f"MonEspace home on http://{host}:{port}/ (public URL {settings.public_url}),")
    click.echo(f"signing in with {settings.issuer} as client {settings.client_id}.")
    if settings.keycloak_internal_url:
        click.echo(f"Keycloak reached at {settings.keycloak_internal_url}.")
    click.echo(
        "Ended sessions shared through PostgreSQL."
        if settings.database_url
        else "Ended sessions kept in this process (one process only; set MONESPACE_HOME_DATABASE_URL for more)."
    )
    serve(create_app(settings), host=host, port=port, threads=threads, ident="monespace-home")


if __name__ == "__main__":
    main()
