"""One sync run: read the source, read Keycloak, plan, check the safety limit, apply in batches.

    from ordinal_sync.apply import SyncSettings, sync_file
    result = sync_file(admin, "ordinal.csv", settings=SyncSettings(realm="monespace"))
    assert result.exit_code in (0, 3)

Memory stays bounded whatever the file size: the source is grouped on disk (grouping), the
changes wait on disk for the threshold check (ChangeSpool), and only RPPS → digest of what
Keycloak holds is in memory (inventory). Keycloak is read while the file is being grouped.

Interrupted at any point (kill -9, a lost connection), a rerun converges: each batch is one
transaction keyed on the RPPS, and the rerun plans against what Keycloak holds by then, so
batches that landed come back as unchanged and the others are sent again.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TypeVar

from keycloak import KeycloakAdmin

from keycloak_connection.admin import AdminSettings, connect
from ordinal_sync.inventory import DoctorInventory
from ordinal_sync.keycloak_bulk import MAX_BATCH, DoctorStore, KeycloakBulk, UpsertCounts
from ordinal_sync.model import DEFAULT_ACTIVE_STATUSES
from ordinal_sync.pipeline import read_doctors
from ordinal_sync.planning import (
    DEFAULT_MAX_CHANGE_SHARE,
    Action,
    Change,
    ChangeSpool,
    PlanCounts,
    Planner,
    threshold_refusal,
)
from ordinal_sync.progress import ProgressDisplay, SilentProgress, Task
from ordinal_sync.readers import Layout, detect_layout
from ordinal_sync.report import JsonlReport

DEFAULT_BATCH_SIZE = 500
DEFAULT_PARALLEL = 2  # batches in flight: Keycloak works on one while the next is prepared
EXAMPLES_PER_ACTION = 10
_TICK = 1000
T = TypeVar("T")
B = TypeVar("B")  # a batch
R = TypeVar("R")  # what sending it answers


class Outcome(IntEnum):
    """How a run ended, as its exit code (failures raise instead and exit 1)."""

    SUCCESS = 0
    SUCCESS_WITH_REJECTS = 3
    REFUSED = 4


@dataclass(frozen=True)
class SyncSettings:
    realm: str = "monespace"
    active_statuses: frozenset[str] = DEFAULT_ACTIVE_STATUSES
    max_change_share: float = DEFAULT_MAX_CHANGE_SHARE
    force: bool = False  # apply even above max_change_share
    dry_run: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    parallel: int = DEFAULT_PARALLEL
    workdir: Path | None = None  # grouping database and change spool (default: system temp)
    today: date | None = None  # bounds birth dates (tests fix it)

    def __post_init__(self) -> None:
        check_batching(self.batch_size, MAX_BATCH, self.parallel, self.max_change_share)


def check_batching(batch_size: int, max_batch: int, parallel: int, max_change_share: float) -> None:
    """The settings a batch run shares (the sync's, the legacy import's), checked alike."""
    if not 1 <= batch_size <= max_batch:
        raise ValueError(f"batch size must be between 1 and {max_batch}, got {batch_size}")
    if parallel < 1:
        raise ValueError(f"parallel must be at least 1, got {parallel}")
    if not 0 <= max_change_share <= 1:
        raise ValueError(f"max change share must be between 0 and 1, got {max_change_share}")


@dataclass(frozen=True)
class Example:
    rpps: str
    name: str


@dataclass
class SyncResult:
    source: Path
    realm: str
    layout: Layout
    dry_run: bool
    existing: int  # doctors in Keycloak before the run
    plan: PlanCounts
    rejected: int
    warnings: int
    refusal: str | None  # set when the safety limit stopped the run (or would have, dry run)
    forced: bool  # above the limit and applied anyway (--force)
    applied: UpsertCounts = field(default_factory=UpsertCounts)
    seconds: float = 0.0
    apply_seconds: float = 0.0
    examples: dict[Action, list[Example]] = field(default_factory=dict)

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
        return self.plan.create + self.plan.update + self.plan.disable + self.plan.re_enable


def sync_file(
    connection: KeycloakAdmin | AdminSettings,
    source: str | Path,
    *,
    settings: SyncSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> SyncResult:
    """Synchronise ``source`` (RPPS extraction or Ordinal CSV) into ``settings.realm``.

    Raises SourceFileError when the file cannot be read, KeycloakUnavailable when Keycloak
    cannot be reached or refuses the login, BulkEndpointError when a request fails for good.
    The report (JSON Lines, see report.py) goes to ``report_path`` (none when None).
    """
    settings = settings or SyncSettings()
    detect_layout(source)  # an unreadable file fails before any connection
    admin = connection if isinstance(connection, KeycloakAdmin) else connect(connection)
    return sync_into(
        KeycloakBulk(admin, settings.realm),
        source,
        settings=settings,
        report_path=report_path,
        progress=progress,
    )


def sync_into(
    bulk: DoctorStore,
    source: str | Path,
    *,
    settings: SyncSettings | None = None,
    report_path: str | Path | None = None,
    progress: ProgressDisplay | None = None,
) -> SyncResult:
    """sync_file's run against any DoctorStore (the bulk endpoint, or a stand-in in tests)."""
    settings = settings or SyncSettings()
    progress = progress or SilentProgress()
    source = Path(source)
    started = time.monotonic()
    layout = detect_layout(source)
    bulk.check()
    with JsonlReport(report_path or os.devnull) as report:
        report.add_summary(realm=settings.realm, dry_run=settings.dry_run)
        examples: dict[Action, list[Example]] = {}
        inventory, planner, spool = _plan(bulk, source, report, settings, progress, examples)
        with spool:
            counts = planner.counts
            refusal = threshold_refusal(counts, len(inventory), settings.max_change_share)
            result = SyncResult(
                source=source,
                realm=settings.realm,
                layout=layout,
                dry_run=settings.dry_run,
                existing=len(inventory),
                plan=counts,
                rejected=report.rejected,
                warnings=report.warnings,
                refusal=refusal,
                forced=bool(refusal and settings.force),
            )
            report.add_summary(existing=result.existing, plan=counts.as_dict(), refusal=refusal, forced=result.forced)
            if settings.dry_run or result.outcome is Outcome.REFUSED:
                result.examples = examples
            else:
                apply_started = time.monotonic()
                result.applied = apply_changes(bulk, spool, settings, progress)
                result.apply_seconds = time.monotonic() - apply_started
                report.add_summary(applied=result.applied.as_dict())
        result.seconds = time.monotonic() - started
        report.add_summary(seconds=round(result.seconds, 1), exit_code=result.exit_code)
        report.finish()
    return result


def _plan(
    bulk: DoctorStore,
    source: Path,
    report: JsonlReport,
    settings: SyncSettings,
    progress: ProgressDisplay,
    examples: dict[Action, list[Example]],
) -> tuple[DoctorInventory, Planner, ChangeSpool]:
    reading = progress.task(f"Reading {source.name}", unit="lines")
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="keycloak-export") as pool:
        # Keycloak is read while the whole file is grouped, before the first record comes out.
        exported = pool.submit(_inventory, bulk, progress, stop)
        try:
            records = read_doctors(
                source, report, today=settings.today, workdir=settings.workdir, on_lines=reading.advance
            )
            first = next(records, None)
            reading.done()
            inventory = exported.result()
        except BaseException:
            stop.set()  # the file failed: do not wait for the whole export
            raise
    planner = Planner(inventory, settings.active_statuses)
    comparing = progress.task("Comparing with Keycloak", unit="doctors")
    remaining = _ticking(itertools.chain([first] if first is not None else [], records), comparing)
    spool = ChangeSpool(_detailed(planner.plan(remaining), progress, examples), settings.workdir)
    comparing.done()
    return inventory, planner, spool


def _inventory(bulk: DoctorStore, progress: ProgressDisplay, stop: threading.Event) -> DoctorInventory:
    task = progress.task(f"Reading Keycloak realm {bulk.realm}", unit="doctors")
    inventory = DoctorInventory(itertools.takewhile(lambda _: not stop.is_set(), _ticking(bulk.export(), task)))
    task.done()
    return inventory


def apply_changes(
    bulk: DoctorStore,
    changes: Sequence[Change] | ChangeSpool,
    settings: SyncSettings,
    progress: ProgressDisplay,
) -> UpsertCounts:
    """Send the changes in batches, ``settings.parallel`` in flight; stop at the first failure."""
    task = progress.task(f"Writing to Keycloak realm {bulk.realm}", unit="doctors", total=len(changes))
    total = UpsertCounts()

    def collect(batch: Sequence[Change], counts: UpsertCounts) -> None:
        nonlocal total
        total += counts
        task.advance(len(batch))
        progress.detail(
            f"batch of {len(batch)}: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {counts.disabled} disabled, {counts.enabled} re-enabled, "
            f"{counts.sessions_ended} sessions ended"
        )

    def send(batch: Sequence[Change]) -> UpsertCounts:
        return bulk.upsert([change.keycloak_user() for change in batch])

    in_flight(_batches(changes, settings.batch_size), send, collect, settings.parallel, "keycloak-upsert")
    task.done()
    return total


def in_flight(
    batches: Iterable[B],
    send: Callable[[B], R],
    collect: Callable[[B, R], None],
    parallel: int,
    thread_name: str,
) -> None:
    """Send ``batches`` with ``parallel`` of them in flight; each result goes to ``collect``, in
    order. The first failure stops the run: batches not yet sent are cancelled, the error raised."""
    pending: deque[tuple[Future[R], B]] = deque()

    def collect_first() -> None:
        future, batch = pending.popleft()
        collect(batch, future.result())

    pool = ThreadPoolExecutor(max_workers=parallel, thread_name_prefix=thread_name)
    try:
        for batch in batches:
            pending.append((pool.submit(send, batch), batch))
            if len(pending) >= parallel:
                collect_first()
        while pending:
            collect_first()
    except BaseException:
        for future, _batch in pending:
            future.cancel()
        raise
    finally:
        pool.shutdown(wait=True)


def _detailed(
    changes: Iterable[Change], progress: ProgressDisplay, examples: dict[Action, list[Example]]
) -> Iterator[Change]:
    """Pass the planned changes through, showing each and keeping the first few of each kind of
    change in ``examples`` (for a dry run's summary) as they go into the spool."""
    for change in changes:
        doctor = change.doctor
        progress.detail(f"{change.action.value}: {doctor.rpps} {doctor.first_name} {doctor.last_name}")
        kept = examples.setdefault(change.action, [])
        if len(kept) < EXAMPLES_PER_ACTION:
            kept.append(Example(doctor.rpps, f"{doctor.first_name} {doctor.last_name}".strip()))
        yield change


def _ticking(items: Iterable[T], task: Task) -> Iterator[T]:
    """Pass ``items`` through, advancing ``task`` every thousand (a display update is not free)."""
    count = 0
    for item in items:
        yield item
        count += 1
        if count == _TICK:
            task.advance(count)
            count = 0
    task.advance(count)


def _batches(changes: Iterable[Change], size: int) -> Iterator[list[Change]]:
    iterator = iter(changes)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
