"""Errors of `monespace realm` that end a command with one line per problem, no traceback."""

from __future__ import annotations

from typing import IO, Any

import click


class RealmFilesError(click.ClickException):
    """`realm/` (or a value for it) is invalid; nothing was sent to Keycloak. Exit code 2."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(f"error: {problem}", err=True, file=file)
        count = len(self.problems)
        click.echo(
            f"{count} problem{'s' if count != 1 else ''} in the realm files; nothing applied.",
            err=True,
            file=file,
        )


class KeycloakStateError(click.ClickException):
    """Keycloak cannot take the declared state (e.g. a provider is not deployed); found before
    any write, one line per problem. Exit code 1."""

    exit_code = 1

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(f"error: {problem}", err=True, file=file)
        click.echo("Keycloak cannot take realm/ as it is; nothing applied.", err=True, file=file)


class AdminApiError(click.ClickException):
    """An admin REST call failed; the message names the call and Keycloak's answer. Exit 1."""

    exit_code = 1

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
