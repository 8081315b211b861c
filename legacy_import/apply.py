"""One import run: read the export, read Keycloak, plan, check the safety limit, attach in batches.

    from legacy_import.apply import ImportSettings, import_files
    result = import_files(admin, [Path("drupal.sql")], settings=ImportSettings(realm="monespace"))
    assert result.exit_code in (0, 3)

Keycloak is read while the export is: both take seconds at 100,000 accounts and 300,000 doctors.
A run stopped at any point is completed by running it again: each batch is one transaction that
decides every account again, so batches that landed come back as unchanged.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from keycloak import KeycloakAdmin

from keycloak_connection.admin import AdminSettings, connect
from legacy_import.keycloak_legacy import DONE, MAX_BATCH, AccountStore, LegacyEndpoint
from legacy_import.planning import (
    MESSAGES,
    Attachment,
    DoctorEspace,
    Inventory,
    PlanCounts,
    Rejection,
    batches,
    mask_email,
    plan,
    threshold_refusal,
)
from legacy_import.portal import DEFAULT_RPPS_FIELD, Layout, PortalExport, read_portal
from legacy_import.tables import sources
from ordinal_sync.apply import Outcome, check_batching, in_flight
from ordinal_sync.planning import DEFAULT_MAX_CHANGE_SHARE
from ordinal_sync.progress import ProgressDisplay, SilentProgress
from ordinal_sync.report import JsonlReport

DEFAULT_BATCH_SIZE = 500
DEFAULT_PARALLEL = 2  # batches in flight: Keycloak works on one while the next is sent


@dataclass(frozen=True)
class ImportSettings:
    realm: str = "monespace"
    rpps_field: str = DEFAULT_RPPS_FIELD
    table_prefix: str = ""
    max_change_share: float = DEFAULT_MAX_CHANGE_SHARE
    force: bool = False  # apply even above max_change_share
    dry_run: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    parallel: int = DEFAULT_PARALLEL

    def __post_init__(self) -> None:
        check_batching(self.batch_size, MAX_BATCH, self.parallel, self.max_change_share)


@dataclass
class ImportResult:
    sources: str
    layout: Layout
    realm: str
    dry_run: bool
    accounts: int  # read from the export
    doctors: int  # in Keycloak before the run
    imported_before: int  # espaces holding a portal hash still unused, before the run
    plan: PlanCounts
    refusal: str | None  # set when the safety limit stopped the run (or would have, dry run)
    forced: bool
    applied: Counter[str] = field(default_factory=Counter)  # the endpoint's outcomes
    refused_late: int = 0  # accounts the endpoint refused (the realm changed since it was read)
    seconds: float = 0.0
    apply_seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return self.plan.rejected + self.refused_late

    @property
    def outcome(self) -> Outcome:
        if self.refusal and not self.forced:
            return Outcome.REFUSED
        return Outcome.SUCCESS_WITH_REJECTS if self.rejected else Outcome.SUCCESS

    @property
    def exit_code(self) -> int:
        return int(self.outcome)

    @property
    def to_write(self) -> int:
        return self.plan.import_ + self.plan.update


def import_files(
    connection: KeycloakAdmin | AdminSettings,
    paths: Sequence[Path],
    *,
    settings: ImportSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> ImportResult:
    """Import the portal export in ``paths`` (CSV tables or a dump) into ``settings.realm``.

    Raises SourceFileError when the export cannot be read, KeycloakUnavailable when Keycloak cannot
    be reached or refuses the login, BulkEndpointError when a request fails for good.
    """
    settings = settings or ImportSettings()
    sources(paths)  # an unreadable export fails before any connection
    admin = connection if isinstance(connection, KeycloakAdmin) else connect(connection)
    return import_into(
        LegacyEndpoint(admin, settings.realm), paths, settings=settings, report_path=report_path, progress=progress
    )


def import_into(
    store: AccountStore,
    paths: Sequence[Path],
    *,
    settings: ImportSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> ImportResult:
    """import_files' run against any AccountStore (the endpoint, or a stand-in in tests)."""
    settings = settings or ImportSettings()
    progress = progress or SilentProgress()
    started = time.monotonic()
    store.check()
    with JsonlReport(report_path or os.devnull) as report:
        report.add_summary(realm=settings.realm, dry_run=settings.dry_run)
        export, inventory = _read(store, paths, settings, progress)
        report.add_summary(
            layout=export.layout.value,
            sources=export.describe(),
            accounts=len(export.accounts),
            anonymous=export.anonymous,
            other_languages=export.other_languages,
            duplicate_rows=export.duplicate_rows,
        )
        decided = plan(export.accounts, inventory)
        for rejection in decided.rejections:
            _report(report, rejection)
        refusal = threshold_refusal(decided.counts, inventory.imported, settings.max_change_share)
        result = ImportResult(
            sources=export.describe(),
            layout=export.layout,
            realm=settings.realm,
            dry_run=settings.dry_run,
            accounts=len(export.accounts),
            doctors=len(inventory),
            imported_before=inventory.imported,
            plan=decided.counts,
            refusal=refusal,
            forced=bool(refusal and settings.force),
        )
        report.add_summary(
            doctors=result.doctors, imported_before=result.imported_before, plan=decided.counts.as_dict(),
            refusal=refusal, forced=result.forced,
        )  # fmt: skip
        if not settings.dry_run and result.outcome is not Outcome.REFUSED:
            apply_started = time.monotonic()
            _attach(store, decided.attachments, settings, progress, report, result)
            result.apply_seconds = time.monotonic() - apply_started
            report.add_summary(applied=dict(sorted(result.applied.items())), refused_late=result.refused_late)
        result.seconds = time.monotonic() - started
        report.add_summary(seconds=round(result.seconds, 1), exit_code=result.exit_code)
        report.finish()
    return result


def _read(
    store: AccountStore, paths: Sequence[Path], settings: ImportSettings, progress: ProgressDisplay
) -> tuple[PortalExport, Inventory]:
    names = ", ".join(path.name for path in paths)
    reading = progress.task(f"Reading {names}", unit="lines")
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="keycloak-export") as pool:
        exported = pool.submit(_inventory, store, progress, stop)
        try:
            export = read_portal(
                paths, rpps_field=settings.rpps_field, table_prefix=settings.table_prefix, on_lines=reading.advance
            )
            reading.done()
            return export, exported.result()
        except BaseException:
            stop.set()  # the export failed: do not wait for the whole of Keycloak
            raise


def _inventory(store: AccountStore, progress: ProgressDisplay, stop: threading.Event) -> Inventory:
    task = progress.task(f"Reading Keycloak realm {store.realm}", unit="doctors")
    count = 0

    def doctors() -> Iterator[tuple[str, DoctorEspace]]:
        nonlocal count
        for item in store.export():
            if stop.is_set():
                return
            yield item
            count += 1
            if count % 1000 == 0:
                task.advance(1000)

    inventory = Inventory(doctors())
    task.advance(count % 1000)
    task.done()
    return inventory


def _attach(
    store: AccountStore,
    attachments: Sequence[Attachment],
    settings: ImportSettings,
    progress: ProgressDisplay,
    report: JsonlReport,
    result: ImportResult,
) -> None:
    """Send the accounts, ``settings.parallel`` batches in flight; stop at the first failure."""
    task = progress.task(f"Writing to Keycloak realm {store.realm}", unit="accounts", total=len(attachments))

    def collect(batch: Sequence[Attachment], outcomes: list[str]) -> None:
        for attachment, outcome in zip(batch, outcomes, strict=True):
            if outcome in DONE:
                result.applied[outcome] += 1
            else:
                result.refused_late += 1
                _report(report, Rejection(attachment.account, outcome, MESSAGES[outcome], attachment.rpps))
        task.advance(len(batch))
        progress.detail(f"batch of {len(batch)}: {dict(Counter(outcomes))}")

    in_flight(batches(attachments, settings.batch_size), store.attach, collect, settings.parallel, "keycloak-attach")
    task.done()


def _report(report: JsonlReport, rejection: Rejection) -> None:
    """One refused account: where it is in the export and which portal account it is, the e-mail
    masked (the export itself holds the rest); never a password hash."""
    account = rejection.account
    last_login = datetime.fromtimestamp(account.last_login, UTC).date().isoformat() if account.last_login else None
    report.write(
        rejection.issue(),
        source=account.source,
        uid=account.uid,
        email=mask_email(account.mail),
        last_login=last_login,
    )


# --- undo ---------------------------------------------------------------------------------------------


@dataclass
class UndoResult:
    realm: str
    dry_run: bool
    imported: int  # espaces imported and never used since: what an undo removes
    signed_in: int  # imported, and their doctors signed in since: kept
    applied: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def undo_import(
    connection: KeycloakAdmin | AdminSettings,
    *,
    settings: ImportSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> UndoResult:
    """Remove what imports attached (login e-mail, portal hash, legacyAccount) from every doctor
    who has not signed in since; doctors who have keep their espace (MonEspace's password now)."""
    settings = settings or ImportSettings()
    admin = connection if isinstance(connection, KeycloakAdmin) else connect(connection)
    return undo_into(
        LegacyEndpoint(admin, settings.realm), settings=settings, report_path=report_path, progress=progress
    )


def undo_into(
    store: AccountStore,
    *,
    settings: ImportSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> UndoResult:
    settings = settings or ImportSettings()
    progress = progress or SilentProgress()
    started = time.monotonic()
    store.check()
    with JsonlReport(report_path or os.devnull) as report:
        task = progress.task(f"Reading Keycloak realm {store.realm}", unit="doctors")
        imported: list[str] = []
        signed_in = 0
        for rpps, doctor in store.export():
            task.advance()
            if doctor.legacy_account is not None and doctor.espace == "legacy":
                imported.append(rpps)
            elif doctor.legacy_account is not None and doctor.espace == "active":
                signed_in += 1
        task.done()
        result = UndoResult(store.realm, settings.dry_run, len(imported), signed_in)
        report.add_summary(realm=store.realm, dry_run=settings.dry_run, imported=len(imported), signed_in=signed_in)
        if not settings.dry_run:
            writing = progress.task(f"Undoing in Keycloak realm {store.realm}", unit="doctors", total=len(imported))
            for start in range(0, len(imported), settings.batch_size):
                batch = imported[start : start + settings.batch_size]
                result.applied.update(store.undo(batch))
                writing.advance(len(batch))
            writing.done()
            report.add_summary(applied=dict(sorted(result.applied.items())))
        result.seconds = time.monotonic() - started
        report.add_summary(seconds=round(result.seconds, 1), exit_code=0)
        report.finish()
    return result
