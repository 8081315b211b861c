"""`python -m monespace_support` — serve the support page of the conseils with waitress.

Options fall back to their MONESPACE_SUPPORT_* variables, then to the defaults of
monespace_support/settings.py; the secret key is read from MONESPACE_SUPPORT_SECRET_KEY only.
"""

from __future__ import annotations

import logging
import os

import click

from monespace_support.app import create_app
from monespace_support.settings import Settings, SettingsError, env_name


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--host",
    envvar="MONESPACE_SUPPORT_HOST",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on.  [env: MONESPACE_SUPPORT_HOST]",
)
@click.option(
    "--port",
    envvar="MONESPACE_SUPPORT_PORT",
    type=int,
    default=None,
    help="Port to listen on.  [env: MONESPACE_SUPPORT_PORT; default: the public URL's port]",
)
@click.option(
    "--threads",
    envvar="MONESPACE_SUPPORT_THREADS",
    type=int,
    default=8,
    show_default=True,
    help="Worker threads.  [env: MONESPACE_SUPPORT_THREADS]",
)
@click.option("--keycloak-url", default=None, help=f"Keycloak's public URL.  [env: {env_name('keycloak_url')}]")
@click.option(
    "--keycloak-internal-url",
    default=None,
    help=f"Where this app reaches Keycloak, when not at its public URL.  [env: {env_name('keycloak_internal_url')}]",
)
@click.option("--realm", default=None, help=f"Realm.  [env: {env_name('realm')}]")
@click.option("--client-id", default=None, help=f"OIDC client.  [env: {env_name('client_id')}]")
@click.option(
    "--public-url", default=None, help=f"This page's URL as browsers see it.  [env: {env_name('public_url')}]"
)
def main(host: str, port: int | None, threads: int, **options: str | None) -> None:
    """Serve the support page of the conseils départementaux (agents signed in with Keycloak)."""
    from waitress import serve

    try:
        settings = Settings.from_env(None, **options)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not os.environ.get(env_name("secret_key")):
        click.echo(
            f"{env_name('secret_key')} is not set: a random key is used, sessions end with this process.", err=True
        )
    port = port or settings.port
    click.echo(f"MonEspace support page on http://{host}:{port}/ (public URL {settings.public_url}),")
    click.echo(f"signing agents in with {settings.issuer} as client {settings.client_id}.")
    serve(create_app(settings), host=host, port=port, threads=threads, ident="monespace-support")


if __name__ == "__main__":
    main()
