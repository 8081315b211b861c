"""Benchmark of the Ordinal sync and of the identity check, on Keycloak with PostgreSQL.

    .venv/bin/python bench/ordinal_sync_bench.py                  # 300,000 doctors (issues 5, 15)
    .venv/bin/python bench/ordinal_sync_bench.py --doctors 20000  # the issue-3 benchmark

Starts a throw-away PostgreSQL 15 (Debian's binaries, loopback, data in .cache/bench/pg) and
Keycloak built with the `postgres` profile, applies realm/ (identity-check throttles raised so
hundreds of checks from one address are measured, not refused), then measures:

1. the initial sync of N synthetic doctors (generate_extraction.py, RPPS extraction layout)
   into the empty realm, as doctors per second over the whole run;
2. a second run with the same file (nothing to write): the daily run where nothing changed;
3. a run with 1% of the doctors changed: a daily run;
4. the peak memory of each sync: its process and its normalisation workers together;
5. the identity check's server time, after the load: ≥200 checks each of a matching pair, a
   wrong birth date and an unknown RPPS, driven over HTTP as tests/support/journeys.py does,
   timing the POST of the creation form on loopback.

The syncs run as `monespace ordinal sync` subprocesses sharing one --workdir, so the daily
runs use the state the run before them left (a fresh bench starts without one). For each run
the bench prints the sync's own time profile (its -v phases, from its report) and the 1-minute load
average while it ran: on a shared machine, read the figures with it. Each figure is printed
with its target and the ratio to it. Keycloak's heap is set with --heap (JAVA_OPTS_KC_HEAP).
Not a test: figures depend on the machine (and on what else runs on it).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import click
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support (HTTP journeys) and the packages, run from anywhere

from bench.loadkit import (  # noqa: E402
    CACHE,
    HOME_REDIRECT,
    Figure,
    LoadWatch,
    apply_bench_realm,
    bench_stack,
    machine_line,
    print_figures,
    say,
)
from keycloak_connection.admin import AdminSettings, connect  # noqa: E402
from ordinal_sync.model import DEFAULT_ACTIVE_STATUSES  # noqa: E402
from provisioning.devstack.stack import DATABASE  # noqa: E402
from tests.support.journeys import Journey  # noqa: E402
from tests.support.oidc import Browser  # noqa: E402
from tests.support.rpps import with_key  # noqa: E402

REALM = "monespace"
MONESPACE = str(ROOT / ".venv" / "bin" / "monespace")
MISMATCH = "ne correspondent pas à celles connues de l'Ordre"


WORKDIR = CACHE / "sync-workdir"  # the syncs' state between the runs of one bench


@dataclass
class SyncRun:
    label: str
    seconds: float
    peak_mb: float  # the sync and its workers together, sampled
    main_peak_mb: float  # the sync process alone (its rusage)
    exit_code: int
    output: str
    load: str
    summary: dict[str, object] = field(default_factory=dict)  # the last line of its report

    def profile(self) -> list[str]:
        """The run's phases, from its report, and where it was."""
        phases = self.summary.get("phases") or {}
        assert isinstance(phases, dict)
        state = self.summary.get("state") or {}
        assert isinstance(state, dict)
        lines = [f"{self.label}: {self.seconds:.1f} s wall, {self.summary.get('cpu_seconds', '?')} s CPU "
                 f"(sync and workers), {self.load}"]  # fmt: skip
        lines.append(f"    {'phase':<28} {'wall':>8} {'CPU':>8}")
        lines += [f"    {name:<28} {p['seconds']:7.1f}s {p['cpu']:7.1f}s" for name, p in phases.items()]
        lines.append(
            f"    records normalised {self.summary.get('normalised', '?'):,}; state: "
            f"{state.get('reused', 0):,} reused{', ignored: ' + str(state['ignored']) if state.get('ignored') else ''}"
        )
        return lines


class TreeMemory:
    """Peak resident memory of a process and its children (the normalisation workers), sampled."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self._process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.is_set():
            try:
                processes = [self._process, *self._process.children(recursive=True)]
                total = 0
                for process in processes:
                    with contextlib.suppress(psutil.Error):  # a worker that just ended
                        total += process.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join(2)
        return self.peak / 1024 / 1024


def generate(doctors: int, change_percent: float) -> Path:
    suffix = f"-changed{change_percent:g}" if change_percent else ""
    path = CACHE / f"extraction-{doctors}{suffix}.txt"
    if not path.exists():
        say(f"generating {path.name}…")
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate_extraction.py"), "-o", str(path),
             "--doctors", str(doctors), "--change-percent", str(change_percent)],
            check=True,
        )  # fmt: skip
    return path


def run_sync(keycloak_url: str, source: Path, label: str, *extra: str) -> SyncRun:
    """One `monespace ordinal sync` process: wall time, peak memory with its workers, its report."""
    report = CACHE / f"report-{label}.jsonl"
    env = {**os.environ, "MONESPACE_KEYCLOAK_URL": keycloak_url}
    command = [MONESPACE, "ordinal", "sync", str(source), "--realm", REALM, "--report", str(report),
               "--workdir", str(WORKDIR), "--progress", "log", *extra]  # fmt: skip
    say(f"{label}: {' '.join(command[1:])}")
    started = time.monotonic()
    log = CACHE / f"sync-{label}.log"
    with log.open("w") as output, LoadWatch(every=2.0) as load:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = memory.stop()
    seconds = time.monotonic() - started
    text = log.read_text()
    shown = [line for line in text.splitlines() if not line[:4].isdigit() and not line.startswith("  e.g.")]
    print("\n".join("    " + line for line in shown), flush=True)
    lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    summary = json.loads(lines[-1]) if lines else {}
    main_peak = usage.ru_maxrss / 1024
    return SyncRun(label, seconds, max(peak, main_peak), main_peak, process.returncode, text, load.summary(), summary)


# --- identity check ------------------------------------------------------------------------------


def sample_doctors(admin_url: str, count: int) -> list[tuple[str, date]]:
    """(RPPS, birth date) of enabled, active doctors, read through the admin API."""
    admin = connect(AdminSettings(url=admin_url))
    found: list[tuple[str, date]] = []
    first = 0
    while len(found) < count:
        users = admin.connection.raw_get(
            f"admin/realms/{REALM}/users", first=first, max=500, briefRepresentation="false"
        ).json()
        if not users:
            break
        for user in users:
            attributes = user.get("attributes") or {}
            status = (attributes.get("ordinalStatus") or [""])[0]
            birth = (attributes.get("birthDate") or [""])[0]
            if user.get("enabled") and status in DEFAULT_ACTIVE_STATUSES and birth:
                found.append((user["username"], date.fromisoformat(birth)))
        first += len(users)
    return found[:count]


def timed_check(keycloak_url: str, birth_date: date, rpps: str) -> tuple[float, bool]:
    """Server time of one identity check: the POST of the creation form, on loopback."""
    journey = Journey(Browser(keycloak_url, REALM, HOME_REDIRECT))
    journey.open_creation()
    started = time.perf_counter()
    page = journey.identity(birth_date.strftime("%d/%m/%Y"), rpps)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, MISMATCH not in page.text


def identity_checks(keycloak_url: str, checks: int) -> dict[str, list[float]]:
    doctors = sample_doctors(keycloak_url, checks)
    if len(doctors) < checks:
        raise click.ClickException(f"only {len(doctors)} active doctors to check against")
    rng = random.Random(3)
    unknown = [with_key(f"29{rng.randrange(10**8):08d}") for _ in range(checks)]
    cases: list[tuple[str, date, str, bool]] = []
    for (rpps, born), stranger in zip(doctors, unknown, strict=True):
        cases.append(("matching", born, rpps, True))
        cases.append(("wrong birth date", born + timedelta(days=1), rpps, False))
        cases.append(("unknown RPPS", born, stranger, False))
    rng.shuffle(cases)  # interleaved: a slow spell of the machine hits every kind alike
    timings: dict[str, list[float]] = {"matching": [], "wrong birth date": [], "unknown RPPS": []}
    for kind, born, rpps, should_match in cases:
        elapsed, matched = timed_check(keycloak_url, born, rpps)
        if matched != should_match:
            raise click.ClickException(f"{kind} check of {rpps} {'matched' if matched else 'did not match'}")
        timings[kind].append(elapsed)
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


# --- main ------------------------------------------------------------------------------------------


@click.command()
@click.option("--doctors", type=click.IntRange(1000), default=300_000, show_default=True)
@click.option("--heap", default="-Xms1g -Xmx2g", show_default=True, help="Keycloak's JAVA_OPTS_KC_HEAP.")
@click.option("--checks", type=click.IntRange(20), default=200, show_default=True, help="Identity checks per kind.")
@click.option("--keep", is_flag=True, help="Leave Keycloak and PostgreSQL running at the end (Ctrl-C stops).")
def main(doctors: int, heap: str, checks: int, keep: bool) -> None:
    """Load N synthetic doctors through `monespace ordinal sync` and measure the identity check."""
    CACHE.mkdir(parents=True, exist_ok=True)
    base = generate(doctors, 0)
    changed = generate(doctors, 1)
    figures: list[Figure] = []
    say(f"Keycloak heap {heap!r}")
    with bench_stack("bench-postgres", heap, durable=False) as stack:
        assert stack.keycloak is not None and stack.postgres is not None
        postgres = stack.postgres
        url = stack.keycloak.url
        apply_bench_realm(stack, REALM)  # identity-check throttles raised: hundreds of failures from one address

        shutil.rmtree(WORKDIR, ignore_errors=True)  # no state: the first run of a new deployment
        first = run_sync(url, base, "initial")
        rate = doctors / first.seconds
        target_minutes = 10 * doctors / 300_000  # 10 minutes for 300,000: the same rate
        figures += [
            Figure(f"initial sync of {doctors:,} doctors", first.seconds / 60, "min", target_minutes),
            Figure("initial sync rate, whole run", rate, "doctors/s", 1500, ">="),
        ]
        second = run_sync(url, base, "unchanged")
        figures.append(Figure("second run, nothing changed", second.seconds, "s", 15))
        delta = run_sync(url, changed, "changed-1pc")
        figures.append(Figure("run with 1% changed", delta.seconds, "s", 20))
        runs = (first, second, delta)
        figures.append(Figure("peak memory of a sync (process and workers)", max(r.peak_mb for r in runs), "MB", 200))
        figures.append(Figure("peak memory of the sync process alone", max(r.main_peak_mb for r in runs), "MB", None))
        for run in runs:
            if run.exit_code not in (0, 3):
                raise click.ClickException(f"a sync exited with {run.exit_code}; see {CACHE}/sync-*.log")
        print("\nWhere the time went (phases overlap: the export runs beside the first pass; in the empty "
              "realm, writing beside normalising)", flush=True)  # fmt: skip
        for run in runs:
            print("\n".join("  " + line for line in run.profile()), flush=True)
        say(f"database size after the runs: {postgres.database_size(DATABASE)}")

        say(f"identity checks: {checks} of each kind…")
        timings = identity_checks(url, checks)
        for kind, samples in timings.items():
            figures.append(Figure(f"identity check, {kind}: median", statistics.median(samples), "ms", 50))
            figures.append(Figure(f"identity check, {kind}: p95", p95(samples), "ms", 50))
        matching = statistics.median(timings["matching"])
        for kind in ("wrong birth date", "unknown RPPS"):
            gap = matching - statistics.median(timings[kind])
            print(f"    median matching − median {kind}: {gap:+.1f} ms", flush=True)

        print_figures("Figures", figures, [machine_line(), f"Keycloak heap {heap}"])
        if keep:
            say(f"Keycloak on {url}, PostgreSQL on {stack.settings.postgres_port}; Ctrl-C stops both")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass


if __name__ == "__main__":
    main()
