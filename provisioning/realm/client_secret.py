"""`monespace realm client-secret CLIENT`: read or rotate a confidential client's secret.

The realm files declare the `ordinal-sync` service account but never its secret: Keycloak
generates it. Operators read it once to give it to the sync (a Kubernetes Secret, a cron
environment), and rotate it by regenerating it: the old secret stops working at once, so the
new one goes where the sync reads it before its next run (README « Rotating the sync's secret »).
Only the secret is printed on stdout (for a pipe); messages go to stderr.
"""

from __future__ import annotations

import click

from keycloak_connection.admin import AdminSettings, connect
from keycloak_connection.options import admin_options
from provisioning.realm.api import RealmApi

EXIT_CODES = """\b
Exit codes: 0 the secret printed
            1 Keycloak unreachable or refusing the credentials
            2 usage error: no such realm or client, or a public client (no secret)"""


@click.command("client-secret", epilog=EXIT_CODES)
@click.argument("client_id", metavar="CLIENT", default="ordinal-sync")
@admin_options
@click.option("--realm", "realm_name", envvar="MONESPACE_REALM", default="monespace", show_default=True)
@click.option("--regenerate", is_flag=True, help="Generate a new secret; the old one stops working at once.")
def client_secret(client_id: str, admin_settings: AdminSettings, realm_name: str, regenerate: bool) -> None:
    """Print the secret of the confidential client CLIENT (default: ordinal-sync), or a new one."""
    api = RealmApi(connect(admin_settings), realm_name)
    if api.get_or_none() is None:
        raise click.UsageError(f"realm {realm_name} does not exist")
    found = api.get("clients", clientId=client_id) or []
    if not found:
        raise click.UsageError(f"realm {realm_name} has no client {client_id}")
    client = found[0]
    if client.get("publicClient") or client.get("bearerOnly"):
        raise click.UsageError(f"client {client_id} is public: it has no secret")
    path = f"clients/{client['id']}/client-secret"
    if regenerate:
        api.post(path, {})
        click.echo(f"client {client_id}: new secret generated; the previous one no longer works", err=True)
    credential = api.get(path)
    click.echo(credential["value"])
