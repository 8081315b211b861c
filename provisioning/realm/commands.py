"""`monespace realm validate | plan | apply`: the realm as code, from `realm/` to Keycloak."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from keycloak_connection.admin import AdminSettings, connect
from keycloak_connection.options import admin_options
from provisioning.realm.apply import apply_desired, plan_realm
from provisioning.realm.desired import DesiredRealm, load_desired
from provisioning.realm.errors import AdminApiError
from provisioning.realm.plan import ChangeSummary

EXIT_CHANGES_PENDING = 3
EXIT_CODES = """\b
Exit codes: 0 success (plan: also when changes are pending, unless --detailed-exitcode)
            1 failure: Keycloak unreachable, credentials refused, a change rejected
            2 usage error or invalid realm files (nothing applied)
            3 plan --detailed-exitcode: changes pending"""

F = TypeVar("F", bound=Callable[..., Any])


def realm_files_options(func: F) -> F:
    """Where `realm/` is and the values its templates are rendered with."""

    @click.option(
        "--realm-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="MONESPACE_REALM_DIR",
        default=None,
        help="Directory of the realm files [env MONESPACE_REALM_DIR; default: the repository's realm/].",
    )
    @click.option(
        "--values",
        "values_files",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="YAML file of variable values (repeatable; later files win).",
    )
    @click.option(
        "--set",
        "sets",
        multiple=True,
        metavar="NAME=VALUE",
        help="Set one variable, e.g. --set realm=monespace-fast (repeatable; wins over --values).",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        realm_dir: Path | None,
        values_files: tuple[Path, ...],
        sets: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        # Validation happens here, before any connection: a bad file never reaches Keycloak.
        kwargs["desired"] = load_desired(
            realm_dir,
            env=dict(os.environ),
            values_files=values_files,
            sets=sets,
        )
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group(epilog=EXIT_CODES)
def realm() -> None:
    """The `monespace` realm as code (files in realm/).

    Variables and their defaults are listed in realm/values.yaml; override them with
    MONESPACE_<NAME> environment variables, --values FILE, then --set NAME=VALUE.
    Only what realm/ names is managed; everything else in the realm is left alone.
    """


@realm.command(epilog=EXIT_CODES)
@realm_files_options
def validate(desired: DesiredRealm) -> None:
    """Render and validate realm/ without contacting Keycloak."""
    click.echo(
        f"realm/ is valid: realm {desired.name}, {len(desired.clients)} clients, "
        f"{len(desired.client_scopes)} client scopes, "
        f"{len(desired.required_actions)} required actions, {len(desired.flows)} flows"
        + "".join(f"\n  flow {f.name} → {f.alias}" for f in desired.flows)
    )


@realm.command(epilog=EXIT_CODES)
@realm_files_options
@admin_options
@click.option(
    "--detailed-exitcode",
    is_flag=True,
    help="Exit 0 when nothing would change and 3 when changes are pending (like terraform).",
)
def plan(desired: DesiredRealm, admin_settings: AdminSettings, detailed_exitcode: bool) -> None:
    """Print what apply would change; change nothing."""
    admin = connect(admin_settings)
    realm_plan = plan_realm(admin, desired)
    summary = realm_plan.summary(applied=False)
    if not realm_plan.realm_exists:
        click.echo(f"note: realm {desired.name} does not exist; apply creates it, then applies the rest")
    _print(summary)
    if detailed_exitcode and summary.count:
        raise SystemExit(EXIT_CHANGES_PENDING)


@realm.command(epilog=EXIT_CODES)
@realm_files_options
@admin_options
def apply(desired: DesiredRealm, admin_settings: AdminSettings) -> None:
    """Make Keycloak match realm/; a second run reports 0 changes."""
    admin = connect(admin_settings)
    try:
        summary = apply_desired(admin, desired)
    except AdminApiError as exc:
        raise AdminApiError(
            f"apply stopped: {exc.message} (writes before this one were kept; fix the cause and re-run)",
            status=exc.status,
        ) from None
    _print(summary)


def _print(summary: ChangeSummary) -> None:
    for line in summary.lines():
        click.echo(line)
    click.echo(summary.summary_line())


def _register() -> None:
    from provisioning.realm.client_secret import client_secret

    realm.add_command(client_secret)


_register()
