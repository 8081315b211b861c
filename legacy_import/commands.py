"""`monespace legacy import | check`: the old portal's accounts, brought in once at cut-over."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keycloak_connection.admin import AdminSettings
from keycloak_connection.options import admin_options
from legacy_import.apply import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_PARALLEL,
    ImportResult,
    ImportSettings,
    import_files,
    undo_import,
)
from legacy_import.keycloak_legacy import MAX_BATCH
from legacy_import.planning import NO_ESPACE, Inventory, plan
from legacy_import.portal import DEFAULT_RPPS_FIELD, read_portal
from ordinal_sync.apply import Outcome
from ordinal_sync.runs import (
    batching_options,
    change_limit_options,
    exit_codes,
    failures_in_one_line,
    progress_option,
    realm_option,
    report_file,
    report_option,
    run_with_progress,
)

EXIT_CODES = exit_codes(refused="accounts were refused", unreadable="export unreadable")


export_argument = click.argument("export", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
rpps_field_option = click.option(
    "--rpps-field",
    envvar="MONESPACE_LEGACY_RPPS_FIELD",
    default=DEFAULT_RPPS_FIELD,
    show_default=True,
    help="Machine name of the portal's RPPS field: its table is field_data_<name> (Drupal 7) or "
    "user__<name> (Drupal 8+) [env MONESPACE_LEGACY_RPPS_FIELD].",
)
table_prefix_option = click.option(
    "--table-prefix",
    envvar="MONESPACE_LEGACY_TABLE_PREFIX",
    default="",
    help="Drupal's table prefix, if the portal uses one (e.g. site_) [env MONESPACE_LEGACY_TABLE_PREFIX].",
)


@click.group(epilog=EXIT_CODES)
def legacy() -> None:
    """The old "Mon Espace" portal (Drupal): its espaces brought into MonEspace.

    EXPORT is the portal's accounts: a MySQL or PostgreSQL dump (plain, gzipped or zipped) holding
    the users table and the RPPS field's table, or those tables as CSV files named after them
    (users.csv and field_data_field_rpps.csv for Drupal 7; users_field_data.csv and
    user__field_rpps.csv for Drupal 8 to 11), or a directory of them.

    Each account joins the doctor the Ordinal sync loaded with its RPPS: the doctor keeps signing
    in with the same e-mail and password (the password hash is kept as the portal stored it, and
    re-hashed by Keycloak at the first login). No user is created, no Ordinal attribute changed,
    no espace activated in MonEspace ever overwritten. A second run imports nothing twice.
    """


@legacy.command("import", epilog=EXIT_CODES)
@export_argument
@admin_options
@realm_option
@rpps_field_option
@table_prefix_option
@report_option(
    "legacy-import",
    "JSON Lines report: each refused account with its file, line, uid and reason, then a summary",
    "MONESPACE_LEGACY_REPORT",
)
@click.option("--dry-run", is_flag=True, help="Print the plan and write the report; change nothing in Keycloak.")
@change_limit_options(
    "Refuse a run that would give another e-mail or password to more than this share of the espaces "
    "imported earlier and not used since (new imports do not count).",
    "Apply even above --max-change-percent (an expected re-import).",
)
@batching_options("accounts", MAX_BATCH, DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL)
@progress_option
@click.option("-v", "--verbose", is_flag=True, help="Also show each batch.")
def import_command(
    export: tuple[Path, ...],
    admin_settings: AdminSettings,
    realm: str,
    rpps_field: str,
    table_prefix: str,
    report_path: Path | None,
    dry_run: bool,
    max_change_percent: float,
    force: bool,
    batch_size: int,
    parallel: int,
    progress_mode: str,
    verbose: bool,
) -> None:
    """Attach the portal's accounts in EXPORT to the realm's doctors.

    \b
    Credentials, least privilege first:
      - the realm's `legacy-import` service account (declared in realm/):
        MONESPACE_ADMIN_CLIENT_ID=legacy-import MONESPACE_ADMIN_CLIENT_SECRET=…
        MONESPACE_ADMIN_TOKEN_REALM=<realm>; it can use the import's endpoint only;
      - or an administrator of master allowed to manage the realm's users.
    """
    settings = ImportSettings(
        realm=realm,
        rpps_field=rpps_field,
        table_prefix=table_prefix,
        max_change_share=max_change_percent / 100,
        force=force,
        dry_run=dry_run,
        batch_size=batch_size,
        parallel=parallel,
    )
    report_path = report_file(report_path, "legacy-import")
    result = run_with_progress(
        "the import", progress_mode, verbose, import_files, admin_settings, export, settings=settings,
        report_path=report_path,
    )  # fmt: skip
    _print_result(result, report_path)
    if result.exit_code:
        sys.exit(result.exit_code)


@legacy.command(epilog=EXIT_CODES)
@export_argument
@rpps_field_option
@table_prefix_option
def check(export: tuple[Path, ...], rpps_field: str, table_prefix: str) -> None:
    """Read EXPORT as an import would and check each account on its own; no Keycloak needed.

    What only Keycloak can tell (no such doctor, an espace already active, an e-mail already
    taken) is left to `import --dry-run`. Exits 0 when every account is usable, 3 otherwise.
    """
    with failures_in_one_line("the check"):
        found = read_portal(export, rpps_field=rpps_field, table_prefix=table_prefix)
    # Against a realm where every RPPS is a doctor without an espace: only the export's own problems remain.
    everyone = Inventory((account.rpps or "", NO_ESPACE) for account in found.accounts)
    checked = plan(found.accounts, everyone)
    click.echo(f"{found.describe()}: {found.layout.label}, {len(found.accounts):,} accounts")
    usable = checked.counts.import_
    click.echo(f"  {'usable':<22}{usable:>9,}")
    for code, count in checked.counts.by_code.most_common():
        click.echo(f"  {code:<22}{count:>9,}")
    for scheme, count in sorted(checked.counts.by_scheme.items()):
        click.echo(f"  hashes {scheme:<15}{count:>9,}")
    if checked.counts.rejected:
        sys.exit(int(Outcome.SUCCESS_WITH_REJECTS))


@legacy.command(epilog="Exit codes: 0 success, 1 failure (Keycloak unreachable, a request failing), 2 usage error.")
@admin_options
@realm_option
@report_option("legacy-undo", "JSON Lines summary")
@click.option("--dry-run", is_flag=True, help="Count what would be undone; change nothing.")
@progress_option
def undo(
    admin_settings: AdminSettings, realm: str, report_path: Path | None, dry_run: bool, progress_mode: str
) -> None:
    """Undo the imports: every espace imported from the portal and never used since loses its login
    e-mail and portal password, as before the import (the doctor can sign in on the old portal
    again, or create an espace here). Espaces whose doctors signed in since are kept: their
    password is MonEspace's own now. Ordinal data are never touched."""
    report_path = report_file(report_path, "legacy-undo")
    settings = ImportSettings(realm=realm, dry_run=dry_run)
    result = run_with_progress(
        "the undo", progress_mode, False, undo_import, admin_settings, settings=settings, report_path=report_path
    )
    head = "Dry run, nothing written" if dry_run else "Legacy import undone"
    click.echo(f"{head}: realm {realm}")
    undone = result.imported if dry_run else result.applied.get("undone", 0)
    click.echo(f"  {'to undo' if dry_run else 'undone':<10}{undone:>9,}  (imported, never used since)")
    click.echo(f"  {'kept':<10}{result.signed_in:>9,}  (signed in since: MonEspace's password now)")
    click.echo(f"Report: {report_path}")


_PLANNED = (
    ("import_", "imported", "to import"),
    ("update", "updated", "to update"),
    ("unchanged", "unchanged", "unchanged"),
    ("migrated", "already signed in", "already signed in"),
    ("rejected", "refused", "refused"),
)


def _print_result(result: ImportResult, report_path: Path) -> None:
    head = "Dry run, nothing written" if result.dry_run else "Legacy import"
    click.echo(
        f"{head}: {result.sources}, {result.layout.label}, {result.accounts:,} accounts → realm {result.realm} "
        f"({result.doctors:,} doctors, {result.imported_before:,} espaces imported earlier and unused)"
    )
    planned = result.dry_run or result.outcome is Outcome.REFUSED
    for key, done, to_do in _PLANNED:
        count = getattr(result.plan, key)
        note = "  (file, line and reason in the report)" if key == "rejected" and count else ""
        click.echo(f"  {(to_do if planned else done):<20}{count:>9,}{note}")
        if key == "rejected":
            for code, by_code in result.plan.by_code.most_common():
                click.echo(f"    {code:<20}{by_code:>7,}")
    if result.plan.by_scheme:
        schemes = ", ".join(f"{scheme} {count:,}" for scheme, count in sorted(result.plan.by_scheme.items()))
        click.echo(f"  password hashes to attach: {schemes}")
    if result.refusal:
        if result.forced:
            click.echo(f"warning: {result.refusal} (--force: applied anyway)", err=True)
        else:
            click.echo(
                f"error: {result.refusal} Use --force to apply it as it is, or raise --max-change-percent.", err=True
            )
    if not planned:
        rate = result.to_write / result.apply_seconds if result.apply_seconds > 0 else 0.0
        applied = ", ".join(f"{count:,} {outcome}" for outcome, count in sorted(result.applied.items())) or "nothing"
        click.echo(
            f"Written in {result.apply_seconds:.1f} s ({rate:,.0f} accounts/s): {applied}; "
            f"{result.refused_late:,} refused by Keycloak meanwhile; whole run {result.seconds:.1f} s."
        )
    click.echo(f"Report: {report_path}")
