"""`monespace ordinal sync | check`: the Ordinal synchronisation from cron or a Kubernetes CronJob."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from monespace_realm.contract import contract

from keycloak_connection.admin import AdminSettings
from keycloak_connection.options import admin_options
from ordinal_sync.apply import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_PARALLEL,
    Outcome,
    StateUse,
    SyncResult,
    SyncSettings,
    sync_file,
)
from ordinal_sync.keycloak_bulk import MAX_BATCH
from ordinal_sync.model import Doctor, active_statuses
from ordinal_sync.pipeline import read_doctors
from ordinal_sync.planning import Action
from ordinal_sync.readers import detect_layout
from ordinal_sync.report import JsonlReport
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
from ordinal_sync.workers import default_workers

EXIT_CODES = exit_codes(refused="records were rejected", unreadable="file unreadable")


@click.group(epilog=EXIT_CODES)
def ordinal() -> None:
    """Ordinal synchronisation: the Ordre's doctors become the realm's users.

    Sources: the national RPPS extraction (pipe-separated, zipped or not) or the Ordinal CSV;
    the layout is recognised from the header. Doctors new to the source are created, changed
    ones updated, those who left the active statuses disabled (never deleted) and their
    sessions ended, those back re-enabled. Login e-mails, passwords and required actions are
    never touched. A second run with the same file writes nothing; an interrupted run is
    completed by running it again.
    """


@ordinal.command(epilog=EXIT_CODES)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@admin_options
@realm_option
@report_option(
    "ordinal-sync", "JSON Lines report: rejected records with line and reason, then a summary", "MONESPACE_SYNC_REPORT"
)
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing to Keycloak.")
@change_limit_options(
    "Refuse a run that would update, disable or re-enable more than this share of the "
    "doctors already in Keycloak (creations do not count).",
    "Apply even above --max-change-percent (an expected mass change).",
    "MONESPACE_SYNC_MAX_CHANGE_PERCENT",
)
@click.option(
    "--active-statuses",
    envvar="MONESPACE_ACTIVE_STATUSES",
    default=",".join(contract().active_statuses),
    show_default=True,
    help="Ordinal statuses that keep a doctor enabled; keep it equal to the realm's "
    "active_statuses [env MONESPACE_ACTIVE_STATUSES, shared with `monespace realm`].",
)
@batching_options("doctors", MAX_BATCH, DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MONESPACE_SYNC_WORKDIR",
    default=None,
    help="Directory for the planned changes (a temporary file) and, unless --state says otherwise, "
    "the state of the last run [env MONESPACE_SYNC_WORKDIR; default: the system's temporary directory].",
)
@click.option(
    "--state",
    "state_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="MONESPACE_SYNC_STATE",
    default=None,
    help="State of the last successful run (about 41 bytes a doctor): records whose lines did not "
    "change are not normalised again. Missing, damaged or foreign, it only makes the run slower "
    "[env MONESPACE_SYNC_STATE; default: ordinal-sync-<realm>-<layout>.state in --workdir].",
)
@click.option("--no-state", is_flag=True, help="Neither use nor write the state: normalise every record.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=default_workers(),
    show_default="the machine's cores",
    help="Processes normalising records, when there are many (a first run).",
)
@progress_option
@click.option("-v", "--verbose", is_flag=True, help="Also show each change and each batch, and where the time went.")
def sync(
    source: Path,
    admin_settings: AdminSettings,
    realm: str,
    report_path: Path | None,
    dry_run: bool,
    max_change_percent: float,
    force: bool,
    active_statuses: str,
    batch_size: int,
    parallel: int,
    workdir: Path | None,
    state_file: Path | None,
    no_state: bool,
    workers: int,
    progress_mode: str,
    verbose: bool,
) -> None:
    """Synchronise SOURCE into the realm's users.

    \b
    Credentials, least privilege first:
      - the realm's `ordinal-sync` service account (declared in realm/):
        MONESPACE_ADMIN_CLIENT_ID=ordinal-sync MONESPACE_ADMIN_CLIENT_SECRET=…
        MONESPACE_ADMIN_TOKEN_REALM=<realm>; it can use the sync endpoint only;
      - or an administrator of master allowed to manage the realm's users.
    """
    settings = SyncSettings(
        realm=realm,
        active_statuses=_active_statuses(active_statuses),
        max_change_share=max_change_percent / 100,
        force=force,
        dry_run=dry_run,
        batch_size=batch_size,
        parallel=parallel,
        workdir=workdir,
        keep_state=not no_state,
        state_file=state_file,
        workers=workers,
    )
    report_path = report_file(report_path, "ordinal-sync")
    result = run_with_progress(
        "the sync",
        progress_mode,
        verbose,
        sync_file,
        admin_settings,
        source,
        settings=settings,
        report_path=report_path,
    )
    _print_result(result, report_path, verbose)
    if result.exit_code:
        sys.exit(result.exit_code)


@ordinal.command(epilog=EXIT_CODES)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSON Lines report of the rejected records and warnings [default: none].",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=default_workers(),
    show_default="the machine's cores",
    help="Processes normalising records.",
)
def check(source: Path, report_path: Path | None, workers: int) -> None:
    """Read SOURCE as a sync would and report its records; no Keycloak needed.

    Exits 0 when every record is usable, 3 when some are rejected.
    """
    with failures_in_one_line("the sync"):
        layout = detect_layout(source)
        with JsonlReport(report_path or os.devnull) as report:
            doctors = sum(isinstance(record, Doctor) for record in read_doctors(source, report, workers=workers))
            report.finish()
    click.echo(
        f"{source}: {layout.value}, {doctors:,} doctors, {report.rejected:,} rejected, {report.warnings:,} warnings"
    )
    for code, count in report.by_code.items():
        click.echo(f"  {code}: {count:,}")
    if report.rejected:
        sys.exit(int(Outcome.SUCCESS_WITH_REJECTS))


def _active_statuses(text: str) -> frozenset[str]:
    try:
        return active_statuses(name for name in text.split(",") if name.strip())
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--active-statuses") from None


_LABELS = (
    ("create", "created", "to create"),
    ("update", "updated", "to update"),
    ("disable", "disabled", "to disable"),
    ("re_enable", "re-enabled", "to re-enable"),
    ("unchanged", "unchanged", "unchanged"),
    ("rejected", "rejected", "rejected"),
    ("absent", "not in the file", "not in the file"),
)


def _print_result(result: SyncResult, report_path: Path, verbose: bool = False) -> None:
    plan = result.plan.as_dict()
    head = "Dry run, nothing written" if result.dry_run else "Ordinal sync"
    click.echo(
        f"{head}: {result.source.name} ({result.layout.value}) → realm {result.realm}, "
        f"{result.existing:,} doctors in Keycloak before the run"
    )
    for key, done, planned in _LABELS:
        label = planned if result.dry_run or result.outcome is Outcome.REFUSED else done
        note = ""
        if key == "rejected" and plan[key]:
            note = "  (line and reason in the report)"
        if key == "absent" and plan[key]:
            note = "  (left as they are: absence disables nobody)"
        click.echo(f"  {label:<16}{plan[key]:>10,}{note}")
    if result.examples:
        for action in (Action.DISABLE, Action.RE_ENABLE, Action.UPDATE, Action.CREATE):
            examples = result.examples.get(action) or []
            if examples:
                shown = ", ".join(f"{e.rpps} {e.name}" for e in examples)
                more = "…" if plan[action.value] > len(examples) else ""
                click.echo(f"  e.g. {action.value.replace('_', '-')}: {shown}{more}")
    if result.refusal:
        if result.forced:
            click.echo(f"warning: {result.refusal} (--force: applied anyway)", err=True)
        else:
            click.echo(
                f"error: {result.refusal} Use --force to apply it as it is, or raise --max-change-percent.",
                err=True,
            )
    if not result.dry_run and result.outcome is not Outcome.REFUSED:
        applied = result.applied
        rate = result.to_write / result.apply_seconds if result.apply_seconds > 0 else 0.0
        click.echo(
            f"Written in {result.apply_seconds:.1f} s ({rate:,.0f} doctors/s): {applied.created:,} created, "
            f"{applied.updated:,} updated, {applied.disabled:,} disabled, {applied.enabled:,} re-enabled, "
            f"{applied.sessions_ended:,} sessions ended; whole run {result.seconds:.1f} s."
        )
    if result.warnings:
        click.echo(f"  {result.warnings:,} warnings (values dropped, listed in the report)")
    if result.state is not None:
        _print_state(result.state, result.normalised)
    if verbose:
        _print_phases(result)
    click.echo(f"Report: {report_path}")


def _print_state(state: StateUse, normalised: int) -> None:
    used = (
        f"{state.reused:,} records unchanged since the last run, not normalised again"
        if state.ignored is None
        else f"not used ({state.ignored})"
    )
    saved = f"; {state.saved:,} entries saved for the next run" if state.saved else ""
    click.echo(f"State {state.path}: {used}; {normalised:,} records normalised{saved}")


def _print_phases(result: SyncResult) -> None:
    """Where the time went: each phase's start, wall time and CPU time (the export overlaps the
    first pass; in an empty realm writing overlaps normalising; a loaded machine shows as wall
    time well above CPU time)."""
    click.echo(f"Time profile (CPU of this process and its workers: {result.cpu_seconds:.1f} s):")
    click.echo(f"  {'phase':<28} {'from':>7} {'wall':>8} {'CPU':>8}")
    for phase in sorted(result.phases, key=lambda phase: phase.start):
        click.echo(f"  {phase.name:<28} {phase.start:6.1f}s {phase.seconds:7.1f}s {phase.cpu:7.1f}s")
    click.echo(f"  {'whole run':<28} {'':>7} {result.seconds:7.1f}s {result.cpu_seconds:7.1f}s")
