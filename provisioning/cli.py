"""The `monespace` command: one click group, a sub-group per noun."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="monespace-identity")
def main() -> None:
    """MonEspace identity administration (Ordre des médecins).

    Exit codes: 0 success, 1 failure, 2 usage error; sub-commands document their own extras.
    """


def _register() -> None:
    # Sub-groups live beside the code they drive; imported here so `monespace --help` lists them.
    from legacy_import.commands import legacy
    from ordinal_sync.commands import ordinal
    from provisioning.devstack.commands import dev
    from provisioning.realm.commands import realm

    main.add_command(realm)
    main.add_command(ordinal)
    main.add_command(legacy)
    main.add_command(dev)


_register()
