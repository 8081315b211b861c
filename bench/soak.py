"""Soak: a steady mix of logins and account creations for 10 minutes, on Keycloak with PostgreSQL.

    .venv/bin/python bench/soak.py                                 # 600 s, 5 logins/s + 6 creations/min
    .venv/bin/python bench/soak.py --duration 1800 --login-rate 8
    .venv/bin/python bench/soak.py --restart-postgres-at 300        # the database restarts mid-soak

Open loop: operations start on a fixed schedule whatever the answers (a slow server does not
slow the arrivals down, as with real doctors), each in a fresh browser taken from a pool of
virtual users. Logins are those of login_load.py (realm/ as is, token exchange included),
creations those of creation_load.py (SMS path), for doctors loaded through the Ordinal sync.

Reported: throughput, errors and latency per minute; Keycloak's memory before and after (RSS of
the JVM, heap used from /metrics on the management port, and the live heap after a full GC via
jcmd — the figure that shows a leak); the database size before and after; ERROR/WARN lines
Keycloak logged during the soak. With --restart-postgres-at, PostgreSQL is stopped and started
at that second: the restart's duration, the errors it caused and the time until operations
succeed again. Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import (
    DEFAULT_HEAP,
    OPERATION_ERRORS,
    BenchDoctor,
    CpuMeter,
    CpuSample,
    Figure,
    LoadWatch,
    StepTimes,
    VirtualUser,
    announce,
    apply_bench_realm,
    bench_stack,
    create_account,
    database_size,
    error_text,
    full_gc,
    give_espaces,
    heap_used_bytes,
    locked_or_failed,
    login,
    machine_line,
    make_doctors,
    percentile,
    print_figures,
    say,
    sync_doctors,
)
from message_sink import MessageSink
from provisioning.devstack.stack import Stack

REALM = "monespace"
MB = 1024 * 1024
TARGET_LOGIN_P95_MS = 500.0
TARGET_RSS_MB = 2048.0  # the JVM of a 1 GiB heap fits a 2 GiB container
TARGET_LIVE_HEAP_GROWTH_MB = 64.0  # sessions kept for 10 minutes, not a leak


@dataclass(frozen=True)
class Outcome:
    kind: str  # "login" | "creation"
    started: float  # seconds since the soak began
    ended: float
    error: str | None


@dataclass
class Memory:
    rss_mb: float
    heap_mb: float
    live_heap_mb: float
    database_bytes: int
    database_pretty: str

    def line(self, label: str) -> str:
        return (
            f"{label}: JVM RSS {self.rss_mb:,.0f} MB, heap used {self.heap_mb:,.0f} MB (after a full GC:"
            f" {self.live_heap_mb:,.0f} MB), database {self.database_pretty} ({self.database_bytes:,} bytes)"
        )


def memory(stack: Stack, jvm: psutil.Process) -> Memory:
    assert stack.keycloak is not None
    management = stack.keycloak.management_url
    heap = heap_used_bytes(management)
    full_gc(jvm)
    live = heap_used_bytes(management)
    size, pretty = database_size(stack)
    return Memory(jvm.memory_info().rss / MB, heap / MB, live / MB, size, pretty)


@dataclass
class MinuteRow:
    minute: int
    heap_mb: float
    rss_mb: float
    load: float
    cpu: dict[str, float]


@dataclass
class Soak:
    url: str
    sink: MessageSink
    login_doctors: list[BenchDoctor]
    creation_pool: list[BenchDoctor]
    browsers: int
    outcomes: list[Outcome] = field(default_factory=list)
    steps: dict[str, StepTimes] = field(default_factory=lambda: {"login": StepTimes(), "creation": StepTimes()})
    started: float = 0.0
    lag: float = 0.0  # the longest wait for a free browser and doctor: the schedule slipped that much

    async def run(self, seconds: float, login_rate: float, creation_rate: float, record: bool = True) -> None:
        pool: asyncio.Queue[VirtualUser] = asyncio.Queue()
        users = [VirtualUser(self.url, REALM) for _ in range(self.browsers)]
        for user in users:
            pool.put_nowait(user)
        # Keycloak (brute-force protection on) refuses a login while another of the same user is
        # in flight (user_temporarily_disabled, allow-concurrent-requests=false by default): a
        # doctor signs in from one browser at a time, the next free one in turn.
        idle: asyncio.Queue[BenchDoctor] = asyncio.Queue()
        for doctor in self.login_doctors:
            idle.put_nowait(doctor)
        self.started = time.monotonic()
        tasks: set[asyncio.Task[None]] = set()

        async def one(kind: str, scheduled: float) -> None:
            doctor = await idle.get() if kind == "login" else None
            user = await pool.get()
            self.lag = max(self.lag, time.monotonic() - scheduled)
            steps = StepTimes()
            began = time.monotonic()
            error = None
            try:
                if doctor is not None:
                    await login(user, doctor, steps, exchange=True)
                elif not self.creation_pool:
                    error = "creation pool exhausted"
                else:
                    await create_account(user, self.creation_pool.pop(), self.sink, steps)
            except OPERATION_ERRORS as exc:
                error = error_text(exc)
            finally:
                pool.put_nowait(user)
                if doctor is not None:
                    idle.put_nowait(doctor)
            if record:
                self.outcomes.append(Outcome(kind, began - self.started, time.monotonic() - self.started, error))
                if error is None:
                    self.steps[kind].merge(steps)

        async def paced(kind: str, per_second: float) -> None:
            if per_second <= 0:
                return
            for n in itertools.count():
                at = self.started + n / per_second
                if at - self.started >= seconds:
                    return
                await asyncio.sleep(max(0.0, at - time.monotonic()))
                task = asyncio.create_task(one(kind, at))
                tasks.add(task)
                task.add_done_callback(tasks.discard)

        try:
            await asyncio.gather(paced("login", login_rate), paced("creation", creation_rate / 60))
            while tasks:
                await asyncio.gather(*list(tasks))
        finally:
            for user in users:
                await user.close()


async def watch_minutes(stack: Stack, meter: CpuMeter, jvm: psutil.Process, seconds: float) -> list[MinuteRow]:
    """Heap, RSS, load and CPU split at the end of every minute of the soak."""
    assert stack.keycloak is not None
    rows: list[MinuteRow] = []
    previous: CpuSample = meter.sample()
    started = time.monotonic()
    for minute in range(1, math.ceil(seconds / 60) + 1):
        await asyncio.sleep(max(0.0, started + min(minute * 60, seconds) - time.monotonic()))
        heap = await asyncio.to_thread(heap_used_bytes, stack.keycloak.management_url)
        sample = meter.sample()
        rows.append(
            MinuteRow(minute, heap / MB, jvm.memory_info().rss / MB, os.getloadavg()[0], meter.split(previous, sample))
        )
        previous = sample
    return rows


@dataclass
class Restart:
    at: float
    began: float = 0.0  # seconds since the soak began
    ready: float = 0.0


async def restart_postgres(stack: Stack, soak: Soak, restart: Restart) -> None:
    assert stack.postgres is not None
    await asyncio.sleep(restart.at)
    say(f"restarting PostgreSQL at +{restart.at:.0f} s…")
    restart.began = time.monotonic() - soak.started
    await asyncio.to_thread(stack.postgres.restart)
    restart.ready = time.monotonic() - soak.started
    say(f"PostgreSQL back after {restart.ready - restart.began:.1f} s")


def keycloak_log_lines(stack: Stack, offset: int) -> Counter[str]:
    assert stack.keycloak is not None and stack.keycloak.log_path is not None
    with stack.keycloak.log_path.open("rb") as log:
        log.seek(offset)
        text = log.read().decode(errors="replace")
    levels: Counter[str] = Counter()
    for line in text.splitlines():
        for level in ("ERROR", "WARN"):
            if f" {level} " in line[:60]:
                levels[level] += 1
    return levels


def per_minute_table(soak: Soak, rows: list[MinuteRow]) -> str:
    lines = [
        f"  {'min':>3} {'logins':>7} {'err':>4} {'p95 ms':>7} {'creations':>9} {'err':>4} {'heap MB':>8}"
        f" {'RSS MB':>7} {'load':>5}  CPU cores: KC / PG / gen / other"
    ]
    for row in rows:
        mine = [o for o in soak.outcomes if row.minute - 1 <= o.started / 60 < row.minute]
        logins = [o for o in mine if o.kind == "login"]
        creations = [o for o in mine if o.kind == "creation"]
        latencies = [(o.ended - o.started) * 1000 for o in logins if o.error is None]
        cpu = row.cpu
        lines.append(
            f"  {row.minute:>3} {sum(o.error is None for o in logins):>7} {sum(o.error is not None for o in logins):>4}"
            f" {percentile(latencies, 95):>7.0f} {sum(o.error is None for o in creations):>9}"
            f" {sum(o.error is not None for o in creations):>4} {row.heap_mb:>8.0f} {row.rss_mb:>7.0f} {row.load:>5.1f}"
            f"  {cpu['keycloak']:.2f} / {cpu['postgres']:.2f} / {cpu['generator']:.2f} / {cpu['other']:.2f}"
        )
    return "\n".join(lines)


def recovery_lines(soak: Soak, restart: Restart) -> tuple[list[str], int]:
    """What the restart cost: errors from its start on, and when operations succeeded again."""
    failed = sorted((o for o in soak.outcomes if o.error and o.ended >= restart.began), key=lambda o: o.ended)
    last_failure = failed[-1].started if failed else restart.began
    later = [o for o in soak.outcomes if o.error is None and o.started >= last_failure]
    back = min((o.ended for o in later), default=float("nan"))
    recovery = back - restart.began
    lines = [
        f"PostgreSQL restart at +{restart.began:.1f} s: down and back in {restart.ready - restart.began:.1f} s",
        f"errors from the restart on: {len(failed)}"
        + (f" (first at +{failed[0].ended:.1f} s, last at +{failed[-1].ended:.1f} s)" if failed else ""),
        f"operations succeed again {recovery:.1f} s after the restart began",
    ]
    for message, count in Counter(o.error for o in failed).most_common(3):
        lines.append(f"  ×{count}: {message}")
    return lines, len(failed)


@click.command()
@click.option("--duration", type=click.FloatRange(10), default=600, show_default=True, help="Seconds of soak.")
@click.option("--login-rate", type=click.FloatRange(0), default=5.0, show_default=True, help="Logins per second.")
@click.option("--creation-rate", type=click.FloatRange(0), default=6.0, show_default=True, help="Creations per minute.")
@click.option(
    "--login-doctors", type=click.IntRange(1), default=50, show_default=True, help="Espaces logged in, in turn."
)
@click.option(
    "--browsers", type=click.IntRange(1), default=64, show_default=True, help="Virtual users (concurrency cap)."
)
@click.option(
    "--warmup", type=click.FloatRange(0), default=30, show_default=True, help="Seconds at the same rates first."
)
@click.option(
    "--restart-postgres-at", type=click.FloatRange(1), default=None, help="Restart PostgreSQL at this second."
)
@click.option("--heap", default=DEFAULT_HEAP, show_default=True, help="Keycloak's JAVA_OPTS_KC_HEAP.")
@click.option(
    "--durable/--no-durable",
    default=True,
    show_default=True,
    help="PostgreSQL synchronous_commit (on: production-like; off: no fsync wait).",
)
def main(
    duration: float,
    login_rate: float,
    creation_rate: float,
    login_doctors: int,
    browsers: int,
    warmup: float,
    restart_postgres_at: float | None,
    heap: str,
    durable: bool,
) -> None:
    """A steady mix of logins and creations; memory, database size, errors per minute."""
    if restart_postgres_at is not None and restart_postgres_at >= duration:
        raise click.BadParameter("must fall within --duration", param_hint="--restart-postgres-at")
    say(machine_line())
    creations = math.ceil(creation_rate * (duration + warmup) / 60) + 10
    espaces = make_doctors(login_doctors)
    pool = make_doctors(creations, first=500_000)
    with bench_stack("bench-soak", heap, durable) as stack, LoadWatch() as load:
        assert stack.keycloak is not None and stack.sink is not None and stack.keycloak.log_path is not None
        announce(stack)
        apply_bench_realm(stack, REALM)
        sync_doctors(stack, REALM, [*espaces, *pool], "soak")
        give_espaces(stack, REALM, espaces)
        meter = CpuMeter(stack)
        jvm = meter.jvm
        soak = Soak(stack.keycloak.url, stack.sink, espaces, pool, browsers)
        if warmup:
            say(f"warm-up: {warmup:.0f} s at the soak's rates, not counted…")
            asyncio.run(soak.run(warmup, login_rate, creation_rate, record=False))
        before = memory(stack, jvm)
        say(before.line("before"))
        log_offset = stack.keycloak.log_path.stat().st_size
        restart = Restart(restart_postgres_at) if restart_postgres_at is not None else None
        say(f"soak: {duration:.0f} s, {login_rate:g} logins/s + {creation_rate:g} creations/min; heap {heap!r}")

        async def everything() -> list[MinuteRow]:
            watcher = asyncio.create_task(watch_minutes(stack, meter, jvm, duration))
            restarter = asyncio.create_task(restart_postgres(stack, soak, restart)) if restart else None
            await soak.run(duration, login_rate, creation_rate)
            if restarter:
                await restarter
            return await watcher

        begin_cpu = meter.sample()
        rows = asyncio.run(everything())
        cpu = CpuMeter.split(begin_cpu, meter.sample())
        after = memory(stack, jvm)
        say(after.line("after"))
        log_levels = keycloak_log_lines(stack, log_offset)
        flagged = locked_or_failed(stack, REALM, espaces)
        load_summary = load.summary()

    print("\nPer minute (by start time of the operations)")
    print(per_minute_table(soak, rows))
    logins = [o for o in soak.outcomes if o.kind == "login"]
    made = [o for o in soak.outcomes if o.kind == "creation"]
    errors = Counter(o.error for o in soak.outcomes if o.error)
    print("\nSteps of the successful operations")
    for kind, steps in soak.steps.items():
        print(f"  {kind}:")
        print(steps.table("    "))
    for message, count in errors.most_common(5):
        print(f"  error ×{count}: {message}")
    restart_errors = 0
    context = [machine_line(), load_summary, CpuMeter.describe(cpu)]
    if restart:
        lines, restart_errors = recovery_lines(soak, restart)
        print("\nPostgreSQL restart")
        for line in lines:
            print(f"  {line}")
        context.append(f"PostgreSQL restarted at +{restart.at:.0f} s (errors from then on are counted apart)")
    login_latencies = [(o.ended - o.started) * 1000 for o in logins if o.error is None]
    ok_logins = sum(o.error is None for o in logins)
    ok_creations = sum(o.error is None for o in made)
    # The load is open-loop: the rate held is what was started on schedule; failures count as errors below.
    outside = sum(errors.values()) - restart_errors
    growth = after.database_bytes - before.database_bytes
    figures = [
        Figure("logins started per second", len(logins) / duration, "/s", login_rate, ">="),
        Figure("creations started per minute", len(made) / duration * 60, "/min", creation_rate, ">="),
        Figure("errors" + (" outside the restart" if restart else ""), outside, "", 0, "=="),
        Figure("doctors with a login failure or locked", flagged, "", 0, "=="),
        Figure("login p95 (with token exchange)", percentile(login_latencies, 95), "ms", TARGET_LOGIN_P95_MS),
        Figure("longest wait for a free browser and doctor", soak.lag * 1000, "ms", None),
        Figure(f"JVM RSS after (before: {before.rss_mb:,.0f} MB)", after.rss_mb, "MB", TARGET_RSS_MB),
        Figure(f"heap used after, /metrics (before: {before.heap_mb:,.0f} MB)", after.heap_mb, "MB", None),
        Figure(
            f"live heap growth (after full GC: {before.live_heap_mb:,.0f} → {after.live_heap_mb:,.0f} MB)",
            after.live_heap_mb - before.live_heap_mb,
            "MB",
            TARGET_LIVE_HEAP_GROWTH_MB,
        ),
        Figure(f"database growth ({before.database_pretty} → {after.database_pretty})", growth / MB, "MB", None),
        Figure("database growth per operation", growth / max(1, ok_logins + ok_creations) / 1024, "KB", None),
        Figure("Keycloak log lines at ERROR during the soak", log_levels["ERROR"], "", None),
        Figure("Keycloak log lines at WARN during the soak", log_levels["WARN"], "", None),
    ]
    context += [
        before.line("before"),
        after.line("after"),
        f"Keycloak heap {heap}; PostgreSQL synchronous_commit {'on' if durable else 'off'}; {browsers} browsers;"
        f" {len(espaces)} espaces logging in, {creations} doctors in the creation pool",
    ]
    print_figures(
        f"Figures ({duration:.0f} s, {login_rate:g} logins/s + {creation_rate:g} creations/min)", figures, context
    )


if __name__ == "__main__":
    main()
