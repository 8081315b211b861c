"""The `monespace` command: one click group, a sub-group per noun."""

from __future__ import annotations

import click

from provisioning.versions import describe


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(describe())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show this CLI's version, the Keycloak version and the realm files' version, then exit.",
)
def main() -> None:
    """MonEspace identity administration (Ordre des médecins).

    Exit codes: 0 success, 1 failure, 2 usage error; sub-commands document their own extras.
    """


def _register() -> None:
    # Sub-groups live beside the code they drive; imported here so `monespace --help` lists them.
    from legacy_import.commands import legacy
    from ordinal_sync.commands import ordinal
    from ordinal_sync.report_reading import report
    from provisioning.devstack.commands import dev
    from provisioning.preflight import preflight
    from provisioning.realm.commands import realm
    from provisioning.support.commands import support

    main.add_command(realm)
    ordinal.add_command(report)
    main.add_command(ordinal)
    main.add_command(support)
    main.add_command(legacy)
    main.add_command(preflight)
    main.add_command(dev)


_register()
