"""Account creations per minute through "Créer votre espace" (SMS path), on Keycloak with PostgreSQL.

    .venv/bin/python bench/creation_load.py                       # 120 creations, 4 virtual users
    .venv/bin/python bench/creation_load.py --creations 300 --concurrency 8

A pool of doctors without an espace is loaded through the Ordinal sync (generated Ordinal CSV);
each virtual user takes the next doctor and walks the screens as a doctor does
(tests/support/journeys.py): login page → "Créer votre espace" → identity (birth date, RPPS,
CGU) → channel SMS → the code, read from the message sink (in-process store) → login e-mail and
password → "Votre espace personnel a été créé et activé" → "Retour à la connexion", up to the
redirect to the home with a code. The identity and code-sending throttles are raised in the
bench realm (every request comes from 127.0.0.1); everything else is realm/ as is.

Printed: creations per minute, p50/p95/p99 per step (the server's answer to each screen; the SMS
wait apart), errors, the accounts found activated afterwards, the CPU split, and each figure
with its target. Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import (
    DEFAULT_HEAP,
    OPERATION_ERRORS,
    BenchDoctor,
    CpuMeter,
    Figure,
    LoadWatch,
    StepTimes,
    VirtualUser,
    announce,
    apply_bench_realm,
    bench_stack,
    create_account,
    error_text,
    machine_line,
    make_doctors,
    percentile,
    print_figures,
    say,
    sync_doctors,
)
from message_sink import MessageSink
from provisioning.devstack.stack import Stack
from provisioning.realm.api import RealmApi

REALM = "monespace"
#: Assumed peak of the launch campaign: one creation a second (300,000 doctors invited).
TARGET_PER_MINUTE = 60.0
#: A screen answers within half a second at that load.
TARGET_STEP_P95_MS = 500.0
SCREENS = ("open", "identity", "channel", "code", "credentials", "done")


async def run_creations(
    url: str, sink: MessageSink, doctors: list[BenchDoctor], concurrency: int
) -> tuple[StepTimes, list[float], Counter[str], float]:
    """Each virtual user creates espaces for the next doctors of the pool until it is empty."""
    pending = iter(doctors)  # shared: each virtual user takes the next doctor
    steps, errors = StepTimes(), Counter[str]()
    totals: list[float] = []

    async def virtual_user() -> None:
        async with VirtualUser(url, REALM) as user:
            for doctor in pending:
                mine = StepTimes()
                started = time.perf_counter()
                try:
                    await create_account(user, doctor, sink, mine)
                except OPERATION_ERRORS as exc:
                    errors[error_text(exc)] += 1
                    continue
                totals.append((time.perf_counter() - started) * 1000)
                steps.merge(mine)

    started = time.monotonic()
    await asyncio.gather(*(virtual_user() for _ in range(concurrency)))
    return steps, totals, errors, time.monotonic() - started


def activated(stack: Stack, doctors: list[BenchDoctor]) -> int:
    """Doctors whose Keycloak user now has the login e-mail they chose (read back, admin API)."""
    api = RealmApi(stack.admin(), REALM)
    found = 0
    for doctor in doctors:
        users = api.get("users", username=doctor.rpps, exact="true")
        found += bool(users) and users[0].get("email") == doctor.login_email
    return found


@click.command()
@click.option("--creations", type=click.IntRange(1), default=120, show_default=True, help="Measured creations.")
@click.option("--concurrency", type=click.IntRange(1), default=4, show_default=True, help="Virtual users.")
@click.option("--warmup", type=click.IntRange(0), default=12, show_default=True, help="Creations first, not counted.")
@click.option("--heap", default=DEFAULT_HEAP, show_default=True, help="Keycloak's JAVA_OPTS_KC_HEAP.")
@click.option(
    "--durable/--no-durable",
    default=True,
    show_default=True,
    help="PostgreSQL synchronous_commit (on: production-like; off: no fsync wait).",
)
def main(creations: int, concurrency: int, warmup: int, heap: str, durable: bool) -> None:
    """Account creations per minute (identity → channel → code → credentials → done), SMS path."""
    say(machine_line())
    pool = make_doctors(warmup + creations, first=500_000)
    with bench_stack("bench-creation", heap, durable) as stack, LoadWatch() as load:
        assert stack.keycloak is not None and stack.sink is not None
        announce(stack)
        apply_bench_realm(stack, REALM)
        sync_doctors(stack, REALM, pool, "creation")
        meter = CpuMeter(stack)
        url, sink = stack.keycloak.url, stack.sink
        if warmup:
            say(f"warm-up: {warmup} creations, not counted…")
            _, _, warm_errors, _ = asyncio.run(run_creations(url, sink, pool[:warmup], min(concurrency, warmup)))
            if warm_errors:
                say(f"warm-up errors: {dict(warm_errors)}")
        say(f"{creations} creations by {concurrency} virtual users; Keycloak heap {heap!r}")
        before = meter.sample()
        steps, totals, errors, seconds = asyncio.run(run_creations(url, sink, pool[warmup:], concurrency))
        cpu = CpuMeter.split(before, meter.sample())
        accounts = activated(stack, pool[warmup:])
        load_summary = load.summary()

    done = len(totals)
    rate = done / seconds * 60
    print(f"\n{done} creations in {seconds:.1f} s; per step (ms):")
    print(steps.table())
    print(f"  {'whole creation':<14} {done:>6} {percentile(totals, 50):>8.1f} {percentile(totals, 95):>8.1f}")
    for message, count in errors.most_common(5):
        print(f"  error ×{count}: {message}")
    figures = [
        Figure("creations per minute", rate, "/min", TARGET_PER_MINUTE, ">="),
        Figure("errors", sum(errors.values()), "", 0, "=="),
        Figure("espaces found activated afterwards", accounts, "", creations, "=="),
    ]
    for screen in SCREENS:
        values = steps.samples.get(screen, [])
        figures.append(Figure(f"{screen}: p50", percentile(values, 50), "ms", None))
        figures.append(Figure(f"{screen}: p95", percentile(values, 95), "ms", TARGET_STEP_P95_MS))
    figures.append(Figure("SMS wait (gateway delivery): p95", percentile(steps.samples["sms wait"], 95), "ms", None))
    figures.append(Figure("Keycloak CPU per creation", 1000 * cpu["keycloak_seconds"] / max(1, done), "ms", None))
    context = [
        machine_line(),
        load_summary,
        CpuMeter.describe(cpu),
        f"Keycloak heap {heap}; PostgreSQL synchronous_commit {'on' if durable else 'off'};"
        f" {concurrency} virtual users; SMS to the in-process sink",
    ]
    print_figures(
        f"Figures (targets: {TARGET_PER_MINUTE:.0f}/min = the assumed campaign peak; a screen's p95 ≤ 500 ms)",
        figures,
        context,
    )


if __name__ == "__main__":
    main()
