"""PostgreSQL restarts under a steady load through the front: Keycloak recovers by itself.

Two doctors log in again and again while new doctors create their espace every few seconds;
in the middle the database is stopped and started (LocalPostgres.restart, a fast shutdown that
cuts every connection). Requests failing around the restart are counted and reported; after it,
requests must succeed again within RECOVERY_SECONDS without anyone touching Keycloak, and every
espace activated before, during or after still logs in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from message_sink import MessageSink
from provisioning.devstack.cluster import Cluster
from tests.cluster.helpers import PASSWORD, NodeBrowser, create_account, logs_in
from tests.support.doctors import DoctorFactory

LOAD_SECONDS = 24
RESTART_AFTER_SECONDS = 8
#: From the database being back to the first successful login through the front.
RECOVERY_SECONDS = 20
LOGIN_PAUSE_SECONDS = 0.3
CREATION_PAUSE_SECONDS = 3.0


@dataclass
class Outcome:
    kind: str  # login | creation
    started: float  # seconds since the load began
    ok: bool
    detail: str = ""


class Load:
    """The steady load: each worker thread repeats one kind of request and records each outcome."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []
        self.activated: list[str] = []
        self.stop = threading.Event()
        self.t0 = time.monotonic()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def now(self) -> float:
        return time.monotonic() - self.t0

    def attempt(self, kind: str, action: Callable[[], str | None]) -> None:
        """`action` returns None when it succeeded, else what went wrong."""
        started = self.now()
        try:
            failure = action()
        except (AssertionError, requests.RequestException) as error:
            failure = f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
        with self._lock:
            self.outcomes.append(Outcome(kind, started, failure is None, failure or ""))

    def run(self, worker: Callable[[], None]) -> None:
        thread = threading.Thread(target=worker, daemon=True)
        thread.start()
        self._threads.append(thread)

    def join(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(120)

    def successes_since(self, moment: float, kind: str = "login") -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if o.ok and o.kind == kind and o.started >= moment]


def log_in(front: str, email: str) -> str | None:
    browser = NodeBrowser.at(front)
    page = browser.login(email, PASSWORD)
    if browser.redirected_to_app:
        return None
    return f"HTTP {page.status} from {browser.served_by}: {page.heading or page.text[:120]!r}"


def test_keycloak_recovers_from_a_postgresql_restart_under_load(
    cluster: Cluster, doctors: DoctorFactory, sink: MessageSink
) -> None:
    front = cluster.front_url
    assert cluster.stack.postgres is not None
    regulars = [create_account(front, doctors.create(), sink) for _ in range(2)]
    # Written beforehand: the admin API is as much out as the rest during the restart.
    newcomers = [doctors.create() for _ in range(int(LOAD_SECONDS / CREATION_PAUSE_SECONDS) + 4)]
    load = Load()

    def log_in_again_and_again() -> None:
        turn = 0
        while not load.stop.is_set():
            email = regulars[turn % len(regulars)]
            turn += 1
            load.attempt("login", lambda email=email: log_in(front, email))  # type: ignore[misc]
            load.stop.wait(LOGIN_PAUSE_SECONDS)

    def create_espaces() -> None:
        for doctor in newcomers:
            if load.stop.is_set():
                return

            def create(doctor=doctor) -> None:  # type: ignore[no-untyped-def]
                load.activated.append(create_account(front, doctor, sink))

            load.attempt("creation", create)
            load.stop.wait(CREATION_PAUSE_SECONDS)

    load.run(log_in_again_and_again)
    load.run(create_espaces)
    time.sleep(RESTART_AFTER_SECONDS)
    down_at = load.now()
    cluster.stack.postgres.restart()
    back_at = load.now()
    # The load goes on to its end, and longer while no login and no creation have succeeded since.
    deadline = back_at + RECOVERY_SECONDS + 10

    def recovered_both() -> bool:
        return bool(load.successes_since(back_at) and load.successes_since(back_at, "creation"))

    while load.now() < LOAD_SECONDS or (not recovered_both() and load.now() < deadline):
        time.sleep(0.5)
    load.join()

    failed = [o for o in load.outcomes if not o.ok]
    recovered = load.successes_since(back_at)
    report = (
        f"{len(failed)} of {len(load.outcomes)} requests failed "
        f"(database down {down_at:.1f}s → back {back_at:.1f}s after the load began; "
        f"first login after it at {recovered[0].started:.1f}s)"
        if recovered
        else f"{len(failed)} of {len(load.outcomes)} requests failed; no login succeeded after the restart"
    )
    report += "".join(f"\n  {o.started:5.1f}s {o.kind}: {o.detail}" for o in failed)
    print(report)
    assert load.successes_since(0) and load.successes_since(0)[0].started < down_at, report
    assert recovered and recovered[0].started - back_at < RECOVERY_SECONDS, report
    # After recovery nothing fails any more (a request begun before it may still have).
    assert not [o for o in failed if o.started > recovered[0].started], report
    assert load.successes_since(back_at, "creation"), f"no creation succeeded after the restart: {report}"

    lost = [email for email in regulars + load.activated if not logs_in(front, email)]
    assert not lost, f"espaces lost after the restart: {lost}\n{report}"
