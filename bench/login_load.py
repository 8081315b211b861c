"""Password logins per second through our flow and theme versus Keycloak's stock browser flow,
on one Keycloak (PostgreSQL), side by side in one run.

    .venv/bin/python bench/login_load.py                          # 8 rounds × 15 s per realm
    .venv/bin/python bench/login_load.py --rounds 6 --concurrency 12 --no-exchange

Realm `monespace` is realm/ as is (theme monespace, flow monespace-browser with our e-mail +
password form); realm `monespace-stock` is the same files with Keycloak's `browser` flow and
`keycloak.v2` theme (loadkit.STOCK_VALUES): same password policy (so the same hashing), same
brute-force protection, same client. Both hold the same doctors, loaded through the Ordinal sync
and given an espace through the admin API.

A login is a fresh browser (no cookie, new PKCE verifier): GET the authorization endpoint (the
login page), POST the form, stop at the redirect to the home carrying a code; with --exchange
(default) the home's token request follows, as a real sign-in. Each virtual user logs its own
doctors in, in turn, with their right password: no failure, so no lockout, and never two logins
of one doctor at once (Keycloak refuses those while brute-force protection is on).

The realms alternate in rounds (A B, B A, A B…) after a warm-up of each, so that a slow spell of
the shared machine weighs on both; short windows (15 s) because the other work on the machine
changes within a minute. The CPU Keycloak spends per login (ours ÷ stock) does not depend on
what else runs: it is the figure to trust when the machine is shared.

Printed: per round and per realm logins/s, p50/p95/p99, errors, the CPU split (Keycloak,
PostgreSQL, generator, other processes); the figures with their targets: ours ≥ 0.9 × stock in
logins/s, zero errors; with --profile, where Keycloak's CPU goes in each realm (Java Flight
Recorder). Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import (
    CACHE,
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
    describe_login_page,
    error_text,
    give_espaces,
    jfr_breakdown,
    jfr_recording,
    locked_or_failed,
    login,
    machine_line,
    make_doctors,
    password_setup,
    percentile,
    print_figures,
    realm_flow_and_theme,
    say,
    sync_doctors,
)

OURS, STOCK = "monespace", "monespace-stock"
LABELS = {OURS: "ours", STOCK: "stock"}


@dataclass
class Window:
    realm: str
    seconds: float
    logins: int = 0
    latencies: list[float] = field(default_factory=list)  # ms, whole login
    steps: StepTimes = field(default_factory=StepTimes)
    errors: Counter[str] = field(default_factory=Counter)
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.logins / self.seconds


async def run_window(
    realm: str,
    users: list[VirtualUser],
    doctors: list[list[BenchDoctor]],
    seconds: float,
    exchange: bool,
    resources: bool,
) -> Window:
    """Every virtual user logs in in a loop until the deadline; a login counts when it ends
    before the deadline (the last ones finish, uncounted, before the next window starts)."""
    result = Window(realm, seconds)
    deadline = time.monotonic() + seconds

    async def virtual_user(user: VirtualUser, mine: list[BenchDoctor]) -> None:
        turn = 0
        while time.monotonic() < deadline:
            doctor = mine[turn % len(mine)]
            turn += 1
            steps = StepTimes()
            started = time.perf_counter()
            try:
                await login(user, doctor, steps, exchange, resources)
            except OPERATION_ERRORS as exc:
                result.errors[error_text(exc, limit=120)] += 1
                continue
            if time.monotonic() <= deadline:
                result.logins += 1
                result.latencies.append((time.perf_counter() - started) * 1000)
                result.steps.merge(steps)

    await asyncio.gather(*(virtual_user(u, d) for u, d in zip(users, doctors, strict=True)))
    return result


@dataclass
class Totals:
    windows: list[Window] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(w.seconds for w in self.windows)

    @property
    def logins(self) -> int:
        return sum(w.logins for w in self.windows)

    @property
    def rate(self) -> float:
        return self.logins / self.seconds

    @property
    def latencies(self) -> list[float]:
        return [v for w in self.windows for v in w.latencies]

    @property
    def errors(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for w in self.windows:
            total.update(w.errors)
        return total

    @property
    def cpu_ms_per_login(self) -> float:
        return 1000 * sum(w.cpu["keycloak_seconds"] for w in self.windows) / max(1, self.logins)

    def steps(self) -> StepTimes:
        merged = StepTimes()
        for w in self.windows:
            merged.merge(w.steps)
        return merged


def window_line(number: str, w: Window) -> str:
    return (
        f"  {number:<7} {LABELS[w.realm]:<6} {w.logins:>7} {w.rate:>9.1f} {percentile(w.latencies, 50):>8.1f}"
        f" {percentile(w.latencies, 95):>8.1f} {percentile(w.latencies, 99):>8.1f} {sum(w.errors.values()):>6}"
        f"   KC {w.cpu['keycloak']:.2f}  PG {w.cpu['postgres']:.2f}  gen {w.cpu['generator']:.2f}"
        f"  other {w.cpu['other']:.2f}  steal {w.cpu['steal']:.2f}"
    )


async def measure(
    stack_url: str,
    meter: CpuMeter,
    doctors: list[BenchDoctor],
    concurrency: int,
    rounds: int,
    seconds: float,
    warmup: float,
    exchange: bool,
    resources: bool,
    profile: bool,
) -> dict[str, Totals]:
    per_user = len(doctors) // concurrency
    shares = [doctors[i * per_user : (i + 1) * per_user] for i in range(concurrency)]
    users = {realm: [VirtualUser(stack_url, realm) for _ in range(concurrency)] for realm in (OURS, STOCK)}
    totals = {OURS: Totals(), STOCK: Totals()}
    profiles: dict[str, tuple[Path, int]] = {}
    header = (
        f"  {'round':<7} {'realm':<6} {'logins':>7} {'logins/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        f" {'errors':>6}   CPU in cores"
    )
    say(f"warm-up of each realm ({warmup:.0f} s, not counted), then the rounds")
    print(header, flush=True)
    try:
        for realm in (OURS, STOCK):
            before = meter.sample()
            w = await run_window(realm, users[realm], shares, warmup, exchange, resources)
            w.cpu = CpuMeter.split(before, meter.sample())
            print(window_line("warm-up", w), flush=True)
        for number in range(rounds):
            order = (OURS, STOCK) if number % 2 == 0 else (STOCK, OURS)
            for realm in order:
                recording = CACHE / "jfr" / f"login-{realm}.jfr"
                with contextlib.ExitStack() as stack:
                    if profile and number == 0:  # the first round of each realm, under the same profiler
                        stack.enter_context(jfr_recording(meter.jvm, recording))
                    before = meter.sample()
                    w = await run_window(realm, users[realm], shares, seconds, exchange, resources)
                    w.cpu = CpuMeter.split(before, meter.sample())
                totals[realm].windows.append(w)
                print(window_line(str(number + 1), w), flush=True)
                if profile and number == 0:
                    profiles[realm] = (recording, w.logins)
    finally:
        for realm_users in users.values():
            for user in realm_users:
                await user.close()
    for realm, (recording, logins) in profiles.items():
        print(f"\nKeycloak CPU profile, {LABELS[realm]} (round 1, {recording}):")
        print("\n".join(jfr_breakdown(recording, logins)))
    return totals


@click.command()
@click.option("--concurrency", type=click.IntRange(1), default=8, show_default=True, help="Virtual users.")
@click.option(
    "--doctors-per-user",
    type=click.IntRange(1),
    default=4,
    show_default=True,
    help="Doctors each virtual user logs in, in turn.",
)
@click.option("--rounds", type=click.IntRange(1), default=8, show_default=True, help="Rounds of one window per realm.")
@click.option("--seconds", type=click.FloatRange(5), default=15, show_default=True, help="Length of one window.")
@click.option(
    "--warmup", type=click.FloatRange(0), default=30, show_default=True, help="Warm-up per realm, not counted."
)
@click.option(
    "--exchange/--no-exchange", default=True, show_default=True, help="Exchange the code for tokens, as the home does."
)
@click.option(
    "--resources/--no-resources",
    default=False,
    show_default=True,
    help="Also load the login page's stylesheets and scripts each time (a browser with an empty cache).",
)
@click.option(
    "--profile/--no-profile",
    default=False,
    show_default=True,
    help="Record Keycloak with Java Flight Recorder during round 1 and print where its CPU goes, per realm.",
)
@click.option("--heap", default=DEFAULT_HEAP, show_default=True, help="Keycloak's JAVA_OPTS_KC_HEAP.")
@click.option(
    "--durable/--no-durable",
    default=True,
    show_default=True,
    help="PostgreSQL synchronous_commit (on: production-like; off: no fsync wait).",
)
def main(
    concurrency: int,
    doctors_per_user: int,
    rounds: int,
    seconds: float,
    warmup: float,
    exchange: bool,
    resources: bool,
    profile: bool,
    heap: str,
    durable: bool,
) -> None:
    """Logins per second, our flow and theme versus Keycloak's stock browser flow."""
    say(machine_line())
    doctors = make_doctors(concurrency * doctors_per_user)
    setups: dict[str, tuple[str, str]] = {}
    with bench_stack("bench-login", heap, durable) as stack, LoadWatch() as load:
        assert stack.keycloak is not None
        announce(stack)
        for realm in (OURS, STOCK):
            apply_bench_realm(stack, realm, stock=realm == STOCK)
            sync_doctors(stack, realm, doctors, f"login-{realm}")
            give_espaces(stack, realm, doctors)
            page = asyncio.run(describe_login_page(stack.keycloak.url, realm))
            say(f"{realm}: {realm_flow_and_theme(stack, realm)}; login page {page}")
            setups[realm] = password_setup(stack, realm, doctors[0])
            say(f"{realm}: password policy {setups[realm][0]!r}; stored as {setups[realm][1]}")
        if setups[OURS] != setups[STOCK]:
            raise click.ClickException("the realms' password policies or hashing differ: an unfair comparison")
        meter = CpuMeter(stack)
        say(
            f"{rounds} rounds × {seconds:.0f} s per realm, {concurrency} virtual users, {len(doctors)} doctors,"
            f" {'with' if exchange else 'without'} token exchange; Keycloak heap {heap!r}"
        )
        totals = asyncio.run(
            measure(
                stack.keycloak.url, meter, doctors, concurrency, rounds, seconds, warmup, exchange, resources, profile
            )
        )
        flagged = {realm: locked_or_failed(stack, realm, doctors) for realm in (OURS, STOCK)}
        load_summary = load.summary()

    ours, stock = totals[OURS], totals[STOCK]
    for realm, total in totals.items():
        print(f"\n{LABELS[realm]} ({realm}): {total.logins} logins in {total.seconds:.0f} s, steps:")
        print(total.steps().table())
        for message, count in total.errors.most_common(5):
            print(f"  error ×{count}: {message}")
    figures = [
        Figure("logins/s, ours", ours.rate, "logins/s", None),  # its check: the ratio below
        Figure("logins/s, stock", stock.rate, "logins/s", None),
        Figure("logins/s, ours ÷ stock", ours.rate / stock.rate, "×", 0.9, ">="),
        Figure("errors, ours", sum(ours.errors.values()), "", 0, "=="),
        Figure("errors, stock", sum(stock.errors.values()), "", 0, "=="),
        Figure("doctors with a login failure or locked", sum(flagged.values()), "", 0, "=="),
    ]
    # Each round's ours ÷ stock: adjacent windows share the machine's mood of the moment.
    pairs = [a.rate / b.rate for a, b in zip(ours.windows, stock.windows, strict=True)]
    figures.insert(3, Figure("logins/s, ours ÷ stock, median of the rounds", percentile(pairs, 50), "×", 0.9, ">="))
    for p in (50, 95, 99):
        mine, theirs = percentile(ours.latencies, p), percentile(stock.latencies, p)
        figures.append(Figure(f"login p{p}, ours (stock {theirs:.0f} ms)", mine, "ms", theirs / 0.9))
    figures.append(
        Figure(
            f"Keycloak CPU per login, ours (stock {stock.cpu_ms_per_login:.1f} ms)",
            ours.cpu_ms_per_login,
            "ms",
            stock.cpu_ms_per_login / 0.9,
        )
    )
    figures.append(
        Figure("Keycloak CPU per login, ours ÷ stock", ours.cpu_ms_per_login / stock.cpu_ms_per_login, "×", 1 / 0.9)
    )
    context = [
        machine_line(),
        load_summary,
        f"Keycloak heap {heap}; PostgreSQL synchronous_commit {'on' if durable else 'off'};"
        f" {concurrency} virtual users; {rounds} × {seconds:.0f} s per realm;"
        f" login = login page{' + its stylesheets and scripts' if resources else ''} + form post"
        f"{' + token exchange' if exchange else ''}",
    ]
    print_figures("Figures (latency targets: ≤ stock ÷ 0.9)", figures, context)


if __name__ == "__main__":
    main()
