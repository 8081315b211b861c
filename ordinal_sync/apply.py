"""One sync run: read the source, read Keycloak, plan, check the safety limit, apply in batches.

    from ordinal_sync.apply import SyncSettings, sync_file
    result = sync_file(admin, "ordinal.csv", settings=SyncSettings(realm="monespace"))
    assert result.exit_code in (0, 3)

A run costs what changed: the file is read once (pipeline, grouping), Keycloak is exported
meanwhile (inventory), and a record whose lines are those the last successful run saw is decided
from the state that run left (state.py) without being normalised again; the file is then read
a second time for the records left only, normalised on every core when they are many. In an
empty realm nothing can be refused, so the doctors are written while the file is still being
normalised; otherwise the changes wait on disk for the threshold check (ChangeSpool).

Memory stays bounded whatever the file size: per record a 20-byte digest and line count, per
doctor in Keycloak 26 bytes, and the state's entries (41 bytes) on their way to the next file.

Interrupted at any point (kill -9, a lost connection), a rerun converges: each batch is one
transaction keyed on the RPPS, and the rerun plans against what Keycloak holds by then, so
batches that landed come back as unchanged and the others are sent again.
"""

from __future__ import annotations

import itertools
import os
import resource
import tempfile
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
from ordinal_sync.grouping import record_key
from ordinal_sync.inventory import DoctorInventory
from ordinal_sync.keycloak_bulk import MAX_BATCH, DoctorStore, ExportInterrupted, KeycloakBulk, UpsertCounts
from ordinal_sync.model import DEFAULT_ACTIVE_STATUSES, Doctor, Normalised
from ordinal_sync.pipeline import SourceRead
from ordinal_sync.planning import (
    DEFAULT_MAX_CHANGE_SHARE,
    Action,
    Change,
    ChangeSpool,
    PlanCounts,
    Planner,
    compare,
    threshold_refusal,
)
from ordinal_sync.progress import Phase, PhaseClock, ProgressDisplay, SilentProgress, Task
from ordinal_sync.readers import Layout, detect_layout
from ordinal_sync.report import JsonlReport
from ordinal_sync.state import NextState, SavedState, default_path
from ordinal_sync.workers import default_workers

DEFAULT_BATCH_SIZE = 500
DEFAULT_PARALLEL = 2  # batches in flight: Keycloak works on one while the next is prepared
EXPORT_ATTEMPTS = 3
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
    workdir: Path | None = None  # change spool, and the state's default place (default: system temp)
    today: date | None = None  # bounds birth dates (tests fix it)
    #: Keep the state of the last successful run (state.py) and use it; library callers opt in.
    keep_state: bool = False
    state_file: Path | None = None  # default: ordinal-sync-<realm>-<layout>.state in workdir
    workers: int = field(default_factory=default_workers)  # normalisation processes

    def state_path(self, layout: Layout) -> Path | None:
        if not self.keep_state:
            return None
        return self.state_file or default_path(self.workdir or Path(tempfile.gettempdir()), self.realm, layout.value)

    def __post_init__(self) -> None:
        check_batching(self.batch_size, MAX_BATCH, self.parallel, self.max_change_share)
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")


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
class StateUse:
    """How a run used the state file."""

    path: Path
    loaded: int  # entries read from it
    ignored: str | None  # why it was not used (missing, damaged, another version…)
    reused: int  # records decided from it, not normalised again
    saved: int = 0  # entries written for the next run (0: not written)


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
    state: StateUse | None = None  # None: run without a state
    normalised: int = 0  # records normalised by this run (the others were known from the state)
    phases: list[Phase] = field(default_factory=list)
    cpu_seconds: float = 0.0  # this process and its workers

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
    clock = PhaseClock()
    cpu_started = _cpu_seconds()
    layout = detect_layout(source)
    if settings.workdir is not None:
        settings.workdir.mkdir(parents=True, exist_ok=True)
    bulk.check()
    with JsonlReport(report_path or os.devnull) as report:
        report.add_summary(realm=settings.realm, dry_run=settings.dry_run)
        run = _Run(bulk, source, layout, report, settings, progress, clock)
        run.read_and_compare()
        result = SyncResult(
            source=source,
            realm=settings.realm,
            layout=layout,
            dry_run=settings.dry_run,
            existing=len(run.inventory),
            plan=run.planner.counts,
            rejected=0,  # known once the records are read: set below
            warnings=0,
            refusal=None,
            forced=False,
            state=run.state_use,
        )
        clock.start("normalise and compare")
        if not run.inventory and not settings.dry_run:
            # An empty realm: nothing can be refused, so the doctors are written while being read.
            # Normalising (a few thousand records a second on one core) then waits for Keycloak
            # and PostgreSQL, which need the cores: it runs in this process, between batches.
            with clock.phase("write to Keycloak"):
                apply_started = time.monotonic()
                changes = run.changes(in_process=True)
                result.applied = apply_changes(bulk, changes, settings, progress, at_most=run.read.to_read)
                result.apply_seconds = time.monotonic() - apply_started
            clock.end("normalise and compare")
        else:
            with ChangeSpool(run.changes(), settings.workdir) as spool:
                clock.end("normalise and compare")
                counts = result.plan
                result.refusal = threshold_refusal(counts, len(run.inventory), settings.max_change_share)
                result.forced = bool(result.refusal and settings.force)
                if settings.dry_run or result.outcome is Outcome.REFUSED:
                    result.examples = run.examples
                else:
                    with clock.phase("write to Keycloak"):
                        apply_started = time.monotonic()
                        result.applied = apply_changes(bulk, spool, settings, progress)
                        result.apply_seconds = time.monotonic() - apply_started
        result.rejected, result.warnings = report.rejected, report.warnings
        result.normalised = run.read.normalised
        report.add_summary(
            existing=result.existing, plan=result.plan.as_dict(), refusal=result.refusal, forced=result.forced
        )
        completed = not (settings.dry_run or result.outcome is Outcome.REFUSED)
        if completed:
            report.add_summary(applied=result.applied.as_dict())
        if run.next_state is not None and run.state_use is not None:
            if completed:  # the state of a successful run only
                with clock.phase("save the state"):
                    run.next_state.save()
                run.state_use.saved = len(run.next_state)
            else:
                run.next_state.close()
        if run.state_use is not None:
            use = run.state_use
            report.add_summary(
                state={"path": str(use.path), "loaded": use.loaded, "ignored": use.ignored, "reused": use.reused,
                       "saved": use.saved}
            )  # fmt: skip
        result.seconds = clock.elapsed()
        result.phases = clock.phases
        result.cpu_seconds = _cpu_seconds() - cpu_started
        report.add_summary(
            seconds=round(result.seconds, 1),
            cpu_seconds=round(result.cpu_seconds, 1),
            phases={
                phase.name: {
                    "start": round(phase.start, 2),
                    "seconds": round(phase.seconds, 2),
                    "cpu": round(phase.cpu, 2),
                }
                for phase in result.phases
            },
            exit_code=result.exit_code,
        )
        report.finish()
    return result


class _Run:
    """The reading half of a run: what Keycloak holds, what the source says, and the Changes."""

    def __init__(
        self,
        bulk: DoctorStore,
        source: Path,
        layout: Layout,
        report: JsonlReport,
        settings: SyncSettings,
        progress: ProgressDisplay,
        clock: PhaseClock,
    ) -> None:
        self.bulk, self.source, self.layout, self.report = bulk, source, layout, report
        self.settings, self.progress, self.clock = settings, progress, clock
        self.reading = progress.task(f"Reading {source.name}", unit="lines")
        self.read = SourceRead(
            source, report, today=settings.today, on_lines=self.reading.advance, workers=settings.workers
        )
        self.inventory = DoctorInventory()
        self.planner = Planner(self.inventory, settings.active_statuses)
        self.examples: dict[Action, list[Example]] = {}
        self.state_use: StateUse | None = None
        self.next_state: NextState | None = None

    def read_and_compare(self) -> None:
        """Pass 1 beside Keycloak's export, then the records the saved state proves unchanged."""
        state_path = self.settings.state_path(self.layout)
        saved = SavedState(state_path, self.layout.value) if state_path is not None else None
        self._read_with_keycloak()
        self.planner = Planner(self.inventory, self.settings.active_statuses)
        if saved is not None and state_path is not None:
            loaded = len(saved)
            with self.clock.phase("compare with the state"):
                self.next_state = NextState(state_path, self.layout.value, self.settings.realm)
                reused = self._reuse(saved, self.next_state)
            self.state_use = StateUse(state_path, loaded, saved.reason, reused)
            self.planner.unchanged_elsewhere(reused)

    def changes(self, in_process: bool = False) -> Iterator[Change]:
        """Pass 2: the records left, normalised and planned, lazily; each noted for the next state."""
        comparing = self.progress.task(
            "Normalising and comparing with Keycloak", unit="records", total=self.read.to_read
        )
        records = _ticking(self._saving(self.read.records(in_process)), comparing)
        return _detailed(self.planner.plan(records), self.progress, self.examples, comparing)

    def _read_with_keycloak(self) -> None:
        """Pass 1 over the file while Keycloak is exported, in a thread of its own."""
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="keycloak-export") as pool:
            exported = pool.submit(self._export, stop)
            try:
                with self.clock.phase("read the source (pass 1)"):
                    self.read.index()
                self.reading.done()
                self.inventory = exported.result()
            except BaseException:
                stop.set()  # the file failed: do not wait for the whole export
                raise

    def _export(self, stop: threading.Event) -> DoctorInventory:
        with self.clock.phase("export from Keycloak"):
            return _inventory(self.bulk, self.progress, stop)

    def _reuse(self, saved: SavedState, next_state: NextState) -> int:
        """Skip the records whose lines the saved state knows and whose doctor Keycloak holds as
        the state says: decided by ``compare`` from the saved hash and status, as the doctor
        would be. Cheap tests first (the same lines, the same digest in Keycloak): 300,000
        entries go through this loop on a daily run."""
        reused = 0
        index, inventory, active = self.read.lines, self.inventory, self.settings.active_statuses
        for entry in saved:
            key = entry.key
            if not index.same_lines(key, entry.raw_digest):
                continue
            held = inventory.record(key)
            if held is None or inventory.digest_of(held) != entry.raw_content_hash:
                continue
            status = entry.status
            if status is not None:  # only a status can make an equal digest an enable or a disable
                action, _enabled = compare(entry.content_hash, status, inventory.doctor(held), active)
                if action is not Action.UNCHANGED:
                    continue
            self.read.skip(key)
            next_state.keep(entry)
            reused += 1
        saved.release()
        return reused

    def _saving(self, records: Iterator[Normalised]) -> Iterator[Normalised]:
        """Pass the records through, noting each plain doctor (no issue) for the next state."""
        next_state = self.next_state
        for item in records:
            record = item.record
            if (
                next_state is not None
                and isinstance(record, Doctor)
                and not item.issues
                and item.content_hash is not None
                and isinstance(key := record_key(record.rpps), int)
            ):
                next_state.add(key, item.raw_digest, item.content_hash, record.status)
            yield item


def _rounded(phase: Phase) -> dict[str, float]:
    return {"start": round(phase.start, 2), "seconds": round(phase.seconds, 2), "cpu": round(phase.cpu, 2)}


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _inventory(bulk: DoctorStore, progress: ProgressDisplay, stop: threading.Event) -> DoctorInventory:
    """Keycloak's doctors; an export cut off midway (a node restarting) is started again."""
    for attempt in range(1, EXPORT_ATTEMPTS + 1):
        task = progress.task(f"Reading Keycloak realm {bulk.realm}", unit="doctors")
        try:
            inventory = DoctorInventory(itertools.takewhile(lambda _: not stop.is_set(), _ticking(bulk.export(), task)))
        except ExportInterrupted:
            if attempt == EXPORT_ATTEMPTS:
                raise
            progress.note(f"the export of realm {bulk.realm} was cut off; reading it again")
            continue
        task.done()
        return inventory
    raise AssertionError("unreachable")


def apply_changes(
    bulk: DoctorStore,
    changes: Sequence[Change] | ChangeSpool | Iterator[Change],
    settings: SyncSettings,
    progress: ProgressDisplay,
    at_most: int | None = None,
) -> UpsertCounts:
    """Send the changes in batches, ``settings.parallel`` in flight; stop at the first failure.

    ``at_most``: the changes' number when they are still being planned (an upper bound).
    """
    expected = at_most if isinstance(changes, Iterator) else len(changes)
    task = progress.task(f"Writing to Keycloak realm {bulk.realm}", unit="doctors", total=expected)
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
    changes: Iterable[Change], progress: ProgressDisplay, examples: dict[Action, list[Example]], task: Task
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
    task.done()


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
