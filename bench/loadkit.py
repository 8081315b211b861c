"""Shared pieces of the load benchmarks (login_load.py, creation_load.py, soak.py).

- the stack: Keycloak built with the `postgres` profile on a local PostgreSQL, the message sink
  in-process, every port free (ports.free_port), a fresh database each run;
- realms and doctors: realm/ applied as a bench realm (ours, or the same files with the stock
  browser flow and theme), doctors loaded through the Ordinal sync from a generated Ordinal CSV,
  some of them given an espace (login e-mail + password through the admin API, so Keycloak
  hashes the passwords as it does for any account);
- a virtual user: an aiohttp client with its own cookie jar that drives the HTML forms with the
  URLs, fields and redirects of tests/support/oidc.py and journeys.py. Pages are read with a few
  regular expressions rather than BeautifulSoup: the generator shares the 2 cores with Keycloak,
  and every millisecond it spends parsing is taken from the server being measured;
- timings, percentiles, figures and the machine context (load average, who used the CPU).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import html
import json
import math
import os
import random
import re
import secrets
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import aiohttp
import psutil
import requests
from yarl import URL

from message_sink import MessageSink
from ordinal_sync.apply import SyncResult, SyncSettings, sync_file
from ordinal_sync.readers import CSV_COLUMNS
from provisioning.devstack.jdk import find_jdk
from provisioning.devstack.ports import free_port
from provisioning.devstack.stack import DATABASE, Stack, StackSettings
from provisioning.realm.api import RealmApi
from provisioning.realm.apply import apply_realm
from tests.support.messages import code_in
from tests.support.oidc import CLIENT_ID, authorize_url
from tests.support.rpps import with_key

#: The repository (on sys.path already: every script puts it first, then imports bench.loadkit).
ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench"
#: The home's callback, as in the tests: never requested, the walk stops at its redirect.
HOME_REDIRECT = "http://localhost:8000/auth/callback"
DEFAULT_HEAP = "-Xms1g -Xmx1g"

#: Per-address and per-RPPS limits of the identity check and of code sending would refuse a
#: load test whose every request comes from 127.0.0.1: raised in the bench realms only.
BENCH_THROTTLES: dict[str, Any] = {
    "identity_max_failures": 1_000_000,
    "address_max_failures": 1_000_000,
    "address_max_code_sends": 1_000_000,
}
#: The same realm/ files with Keycloak's own browser flow and login theme: flows.yaml and the
#: Paramètres action are left out, so the realm keeps Keycloak's built-in `browser` flow
#: (username/password form). Password policy (hence denylist and hashing), brute-force
#: protection, user profile, lifespans and the client stay those of realm/.
STOCK_VALUES: dict[str, Any] = {
    "with_custom_providers": False,
    "login_theme": "keycloak.v2",
    "email_theme": "base",
}


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- figures and timings ---------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p99 is a latency that happened)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Figure:
    """A measured figure, its target and the ratio value/target, printed on one line.
    A target of None prints the figure for information only."""

    name: str
    value: float
    unit: str
    target: float | None
    op: str = "<="  # "<=" lower is better, ">=" higher is better, "==" exact (error counts)

    @property
    def met(self) -> bool:
        if self.target is None:
            return True
        if self.op == ">=":
            return self.value >= self.target
        if self.op == "==":
            return self.value == self.target
        return self.value <= self.target

    def line(self) -> str:
        count = self.op == "==" or not self.unit  # counts print as integers
        value = f"{self.value:>10,.0f}" if count else f"{self.value:>10,.2f}"
        if self.target is None:
            return f"{self.name:<52} {value} {self.unit}"
        ratio = f"{self.value / self.target:5.2f}" if self.target else "    —"
        sign = {"<=": "≤", ">=": "≥", "==": "="}[self.op]
        target = f"{sign} {self.target:,.4g} {self.unit}"
        return (
            f"{self.name:<52} {value} {self.unit:<10} target {target:<18}"
            f" ratio {ratio}  {'OK' if self.met else 'MISSED'}"
        )


def print_figures(title: str, figures: Sequence[Figure], context: Sequence[str]) -> None:
    print(f"\n{title}", flush=True)
    for line in context:
        print(f"  {line}")
    for figure in figures:
        print("  " + figure.line(), flush=True)


@dataclass
class StepTimes:
    """Milliseconds per named step, in insertion order of the steps."""

    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, step: str, seconds: float) -> None:
        self.samples[step].append(seconds * 1000)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """`with times.step("identity"):` adds the elapsed time of the block."""
        started = time.perf_counter()
        yield
        self.add(name, time.perf_counter() - started)

    def merge(self, other: StepTimes) -> None:
        for step, values in other.samples.items():
            self.samples[step].extend(values)

    def table(self, indent: str = "  ") -> str:
        lines = [f"{indent}{'step':<14} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"]
        for step, values in self.samples.items():
            lines.append(
                f"{indent}{step:<14} {len(values):>6} {percentile(values, 50):>8.1f} {percentile(values, 95):>8.1f}"
                f" {percentile(values, 99):>8.1f} {max(values):>8.1f}"
            )
        return "\n".join(lines)


# --- machine context ---------------------------------------------------------------------------


class LoadWatch:
    """Samples the 1-minute load average every few seconds, in a thread, while a run lasts."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="load-watch", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(self.every)

    def __enter__(self) -> LoadWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(2)

    def summary(self) -> str:
        if not self.samples:
            return "load average: no sample"
        low, mean, high = min(self.samples), sum(self.samples) / len(self.samples), max(self.samples)
        return f"1-min load average during the run: min {low:.1f}, mean {mean:.1f}, max {high:.1f}"


def machine_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"machine: {os.cpu_count()} CPUs, load average now {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min)"


def keycloak_jvm(stack: Stack) -> psutil.Process:
    """The java process kc.sh started (kc.sh itself is a shell that waits for it)."""
    assert stack.keycloak is not None and stack.keycloak.process is not None
    script = psutil.Process(stack.keycloak.process.pid)
    for child in script.children(recursive=True):
        if child.name() == "java":
            return child
    raise RuntimeError("Keycloak's java process not found under kc.sh")


def postgres_processes(stack: Stack) -> list[psutil.Process]:
    assert stack.postgres is not None
    pid_file = stack.postgres.data_dir / "postmaster.pid"
    with contextlib.suppress(OSError, ValueError, psutil.Error):
        postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
        return [postmaster, *postmaster.children()]
    return []


def _cpu_seconds(processes: Sequence[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


@dataclass(frozen=True)
class CpuSample:
    wall: float
    machine_busy: float
    steal: float
    keycloak: float
    postgres: float
    generator: float


class CpuMeter:
    """Where the CPU went during a window: Keycloak, PostgreSQL, this generator, everything else
    (the other engineer's test suite on this shared machine). Seconds of CPU per wall second,
    so 2.0 is both cores busy."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.jvm = keycloak_jvm(stack)
        self.me = psutil.Process()

    def sample(self) -> CpuSample:
        machine = psutil.cpu_times()
        # guest time is already inside user time; steal is the hypervisor's, not a process's.
        busy = machine.user + machine.nice + machine.system + machine.irq + machine.softirq
        return CpuSample(
            time.monotonic(),
            busy,
            machine.steal,
            _cpu_seconds([self.jvm]),
            _cpu_seconds(postgres_processes(self.stack)),
            _cpu_seconds([self.me]),
        )

    @staticmethod
    def split(before: CpuSample, after: CpuSample) -> dict[str, float]:
        wall = after.wall - before.wall
        keycloak = after.keycloak - before.keycloak
        postgres = max(0.0, after.postgres - before.postgres)  # ended backends take their time along
        generator = after.generator - before.generator
        machine = after.machine_busy - before.machine_busy
        return {
            "keycloak": keycloak / wall,
            "postgres": postgres / wall,
            "generator": generator / wall,
            "other": max(0.0, machine - keycloak - postgres - generator) / wall,
            "steal": (after.steal - before.steal) / wall,
            "keycloak_seconds": keycloak,
        }

    @staticmethod
    def describe(split: Mapping[str, float]) -> str:
        return (
            f"CPU (cores): Keycloak {split['keycloak']:.2f}, PostgreSQL {split['postgres']:.2f},"
            f" load generator {split['generator']:.2f}, other processes {split['other']:.2f},"
            f" stolen by the hypervisor {split['steal']:.2f}"
        )


def heap_used_bytes(management_url: str) -> float:
    """JVM heap in use, summed over the heap pools, from Keycloak's /metrics (management port)."""
    text = requests.get(f"{management_url}/metrics", timeout=10).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def full_gc(jvm: psutil.Process) -> None:
    """A full collection (jcmd GC.run), so that 'heap used' afterwards is the live set."""
    jcmd = find_jdk()[0] / "bin" / "jcmd"
    subprocess.run([str(jcmd), str(jvm.pid), "GC.run"], capture_output=True, check=True, timeout=60)


#: What a CPU sample of Keycloak is spending its time in: a sample counts for a category when
#: any frame of its stack matches (so the shares overlap: the form includes the hashing).
PROFILE_CATEGORIES = {
    "MonEspace login form (EmailPasswordForm)": "fr.ordre.monespace.login.EmailPasswordForm.",
    "Keycloak login form (UsernamePasswordForm)": "authenticators.browser.UsernamePasswordForm.",
    "  of which Argon2 password hashing": "Argon2BytesGenerator.",
    "FreeMarker page rendering": "freemarker.",
    "theme resources": "ThemeResource",
    "event listeners": "EventListener",
    "RSA token signing": "BigInteger.oddModPow",
    "Hibernate": "org.hibernate.",
    "JDBC (PostgreSQL driver)": "org.postgresql.",
    "Infinispan": "org.infinispan.",
    "all other": "",
}


@contextlib.contextmanager
def jfr_recording(jvm: psutil.Process, path: Path) -> Iterator[Path]:
    """Java Flight Recorder (profile settings) on Keycloak's JVM while the block runs."""
    jcmd = str(find_jdk()[0] / "bin" / "jcmd")
    path.parent.mkdir(parents=True, exist_ok=True)
    start = [jcmd, str(jvm.pid), "JFR.start", "name=bench", "settings=profile", f"filename={path}"]
    subprocess.run(start, capture_output=True, check=True, timeout=60)
    try:
        yield path
    finally:
        subprocess.run([jcmd, str(jvm.pid), "JFR.stop", "name=bench"], capture_output=True, check=True, timeout=120)


def jfr_breakdown(path: Path, operations: int) -> list[str]:
    """CPU samples per operation and per category (PROFILE_CATEGORIES) of a recording."""
    jfr = str(find_jdk()[0] / "bin" / "jfr")
    printed = subprocess.run(
        [jfr, "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", str(path)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    counts: Counter[str] = Counter()
    events = json.loads(printed.stdout)["recording"]["events"]
    for event in events:
        trace = event["values"]["stackTrace"] or {"frames": []}
        stack = " ".join(
            f"{frame['method']['type']['name'].replace('/', '.')}.{frame['method']['name']}"
            for frame in trace["frames"]
        )
        matched = [label for label, key in PROFILE_CATEGORIES.items() if key and key in stack]
        counts.update(matched or ["all other"])
    total = max(1, len(events))
    lines = [f"{len(events):,} CPU samples, {len(events) / max(1, operations):.2f} per login"]
    for label in PROFILE_CATEGORIES:
        lines.append(
            f"  {label:<44} {100 * counts[label] / total:5.1f} %  {counts[label] / max(1, operations):6.2f} per login"
        )
    return lines


# --- the stack ---------------------------------------------------------------------------------


def bench_stack(instance: str, heap: str, durable: bool = True) -> Stack:
    """Keycloak (postgres profile, `heap` as JAVA_OPTS_KC_HEAP) + PostgreSQL + sink on free ports,
    fresh data. Not started: use it as a context manager."""
    settings = StackSettings(
        profile="postgres",
        instance=instance,
        http_port=free_port(),
        management_port=free_port(),
        jgroups_port=free_port(),
        smtp_port=free_port(),
        sink_http_port=free_port(),
        postgres_port=free_port(),
        postgres_durable=durable,
        postgres_write_heavy=True,
        with_home=False,
        with_support=False,
        fresh_data=True,
        heap=heap,
        # A throw-away benchmark stack on loopback: the production build with the dev parts.
        allow_default_admin_password=True,
        allow_message_sink=True,
    )
    return Stack(settings, say=say)


def announce(stack: Stack) -> None:
    """Where to watch the run from another terminal."""
    assert stack.keycloak is not None and stack.postgres is not None
    say(
        f"Keycloak metrics: {stack.keycloak.management_url}/metrics; PostgreSQL on 127.0.0.1:{stack.postgres.port};"
        f" Keycloak log: {stack.keycloak.log_path}"
    )


def apply_bench_realm(stack: Stack, realm: str, *, stock: bool = False) -> None:
    """realm/ as realm `realm` with the bench throttles; `stock`: Keycloak's browser flow and theme."""
    merged = {"realm": realm, "smtp_port": stack.settings.smtp_port, **BENCH_THROTTLES}
    if stock:
        merged.update(STOCK_VALUES)
    summary = apply_realm(stack.admin(), merged)
    say(f"realm {realm} applied ({'stock flow and theme' if stock else 'ours'}): {len(summary.changes)} changes")


# --- doctors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchDoctor:
    rpps: str
    birth_date: date
    mobile: str  # E.164, as the SMS gateway receives it
    login_email: str
    password: str

    @property
    def typed_birth_date(self) -> str:
        return self.birth_date.strftime("%d/%m/%Y")


def make_doctors(count: int, first: int = 0, seed: int = 7) -> list[BenchDoctor]:
    """Synthetic doctors with unique RPPS and mobile numbers; numbering from `first` keeps
    several pools (logins, creations) apart."""
    rng = random.Random(seed + first)
    doctors = []
    for i in range(first, first + count):
        rpps = with_key(f"18{i:08d}")
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(48 * 365))
        # Long enough, four classes, not the e-mail nor the RPPS, absent from the deny list; the
        # digit is written out: 8 hex characters have none once in 2,500 draws.
        password = f"Cabinet-{secrets.token_hex(4)}-Medecin-26!"
        doctors.append(BenchDoctor(rpps, born, f"+336{i:08d}", f"dr.{rpps}@exemple.fr", password))
    return doctors


def write_ordinal_csv(doctors: Sequence[BenchDoctor], path: Path) -> Path:
    """The Ordinal CSV layout of demo/ordinal-demo.csv: active doctors with a mobile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        for d in doctors:
            writer.writerow([d.rpps, d.typed_birth_date, "MME", "BENCH", "Claire", d.mobile,
                             f"corr.{d.rpps}@exemple.fr", "inscrit", "75"])  # fmt: skip
    return path


def sync_doctors(stack: Stack, realm: str, doctors: Sequence[BenchDoctor], label: str) -> SyncResult:
    """Loads `doctors` into `realm` through the Ordinal sync (bulk endpoint), as production does."""
    source = write_ordinal_csv(doctors, CACHE / f"ordinal-{label}.csv")
    result = sync_file(stack.admin(), source, settings=SyncSettings(realm=realm, workdir=CACHE))
    if result.exit_code != 0:
        raise RuntimeError(f"Ordinal sync of {source} into {realm} exited with {result.exit_code}")
    say(f"{realm}: {result.applied} through the Ordinal sync in {result.seconds:.1f}s")
    return result


def give_espaces(stack: Stack, realm: str, doctors: Sequence[BenchDoctor], threads: int = 4) -> None:
    """Login e-mail and password for each doctor (admin API; Keycloak hashes with the realm's
    policy), as demo.py activates the demo accounts."""
    api = RealmApi(stack.admin(), realm)

    def activate(doctor: BenchDoctor) -> None:
        user = api.get("users", username=doctor.rpps, exact="true")[0]
        api.put(f"users/{user['id']}", {**user, "email": doctor.login_email, "emailVerified": True})
        api.put(
            f"users/{user['id']}/reset-password", {"type": "password", "value": doctor.password, "temporary": False}
        )

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(activate, doctors))
    say(f"{realm}: {len(doctors)} espaces activated in {time.monotonic() - started:.1f}s")


def locked_or_failed(stack: Stack, realm: str, doctors: Sequence[BenchDoctor]) -> int:
    """Doctors the brute-force detector counted a failure for (or locked): 0 expected."""
    api = RealmApi(stack.admin(), realm)
    bad = 0
    for doctor in doctors:
        user = api.get("users", username=doctor.rpps, exact="true")[0]
        status = api.get(f"attack-detection/brute-force/users/{user['id']}")
        if status.get("disabled") or status.get("numFailures"):
            bad += 1
    return bad


# --- a virtual user -----------------------------------------------------------------------------


class FlowError(Exception):
    """A step did not end where a doctor's browser would have: counted as an error."""

    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")


#: What a failed operation raises: a wrong page (FlowError), the connection, the client timeout.
OPERATION_ERRORS = (FlowError, aiohttp.ClientError, TimeoutError)


def error_text(exc: BaseException, limit: int = 160) -> str:
    """A failed operation's error as counted and printed: a FlowError's own message, otherwise
    the exception's type and message; cut at `limit` characters."""
    text = str(exc) if isinstance(exc, FlowError) else f"{type(exc).__name__}: {exc}"
    return text[:limit]


@dataclass(frozen=True)
class Reply:
    status: int
    url: str
    text: str
    location: str | None  # set when the walk stopped at a redirect to the application


FORM = re.compile(r"<form\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r'\b([\w-]+)="([^"]*)"')
RESOURCE = re.compile(r'<(?:link\b[^>]*\brel="stylesheet"[^>]*|script\b[^>]*\bsrc="[^"]*"[^>]*)>', re.I)
HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I | re.S)
TAG = re.compile(r"<[^>]+>")
#: The reasons a screen gives: field errors and message boxes (themes/monespace/login/monespace.ftl).
REASON = re.compile(
    r'<(?:p class="me-field__error"|div class="me-box me-box--(?:error|warning)[^"]*")[^>]*>(.*?)</(?:p|div)>', re.S
)


def _attributes(tag: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def form_action(reply: Reply, form_id: str | None = None) -> str:
    for tag in FORM.findall(reply.text):
        attributes = _attributes(tag)
        if form_id is None or attributes.get("id") == form_id:
            return urljoin(reply.url, attributes["action"])
    raise FlowError("form", f"no form {form_id or ''} on {heading(reply)!r} ({reply.status})")


def link_by_id(reply: Reply, element_id: str) -> str:
    match = re.search(rf'<a\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', reply.text)
    if not match:
        raise FlowError("link", f"no link #{element_id} on {heading(reply)!r}")
    return urljoin(reply.url, _attributes(match.group(0))["href"])


def resource_urls(reply: Reply) -> list[str]:
    """Stylesheets and scripts a browser loads with the page (modules they import are not followed)."""
    urls = []
    for tag in RESOURCE.findall(reply.text):
        attributes = _attributes(tag)
        url = attributes.get("href") or attributes.get("src") or ""
        if url and not url.startswith("data:"):
            urls.append(urljoin(reply.url, url))
    return urls


def heading(reply: Reply) -> str:
    match = HEADING.search(reply.text)
    return " ".join(html.unescape(TAG.sub("", match.group(1))).split()) if match else ""


def reasons(reply: Reply) -> str:
    """The errors a screen shows, as one line (empty when it shows none)."""
    return " | ".join(" ".join(html.unescape(TAG.sub("", m)).split()) for m in REASON.findall(reply.text))


def code_of(location: str) -> str:
    return parse_qs(urlparse(location).query)["code"][0]


class VirtualUser:
    """One doctor's browser: its own connections and cookie jar, following Keycloak's redirects
    and stopping at the application's (tests/support/oidc.py Browser, asynchronous)."""

    def __init__(self, keycloak_url: str, realm: str, redirect_uri: str = HOME_REDIRECT, timeout: float = 60) -> None:
        self.keycloak_url = keycloak_url
        self.realm = realm
        self.redirect_uri = redirect_uri
        parts = urlparse(redirect_uri)
        self.app_origin = f"{parts.scheme}://{parts.netloc}/"
        # Keycloak marks its cookies Secure; a browser sends them to http://localhost anyway
        # (a potentially trustworthy origin), aiohttp only when told so.
        self.jar = aiohttp.CookieJar(treat_as_secure_origin=[URL(keycloak_url).origin()])
        self.session = aiohttp.ClientSession(
            cookie_jar=self.jar,
            connector=aiohttp.TCPConnector(limit=4),
            timeout=aiohttp.ClientTimeout(total=timeout),
        )
        self.verifier = ""

    async def close(self) -> None:
        await self.session.close()

    async def __aenter__(self) -> VirtualUser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def fresh_browser(self) -> None:
        """No cookies (else the next login is an SSO by cookie, without the form) and a new PKCE verifier."""
        self.jar.clear()
        self.verifier = secrets.token_urlsafe(48)

    def authorize_url(self) -> str:
        return authorize_url(self.keycloak_url, self.realm, self.redirect_uri, self.verifier)

    async def _walk(self, method: str, url: str, data: Mapping[str, str] | None = None) -> Reply:
        while True:
            async with self.session.request(method, url, data=data, allow_redirects=False) as response:
                text = await response.text()
                location = response.headers.get("Location")
                status = response.status
            if status in (301, 302, 303, 307) and location:
                location = urljoin(url, location)
                if location.startswith(self.app_origin):
                    return Reply(status, url, text, location)
                method, url, data = "GET", location, None
                continue
            return Reply(status, url, text, None)

    async def get(self, url: str) -> Reply:
        return await self._walk("GET", url)

    async def submit(self, reply: Reply, data: Mapping[str, str], form_id: str | None = None) -> Reply:
        return await self._walk("POST", form_action(reply, form_id), data)

    async def open_login(self) -> Reply:
        reply = await self.get(self.authorize_url())
        if reply.status != 200:
            raise FlowError("login page", f"status {reply.status}")
        return reply

    async def fetch_resources(self, reply: Reply) -> int:
        """A browser with an empty cache loading the page's stylesheets and scripts; bytes read."""

        async def one(url: str) -> int:
            async with self.session.get(url) as response:
                body = await response.read()
                if response.status != 200:
                    raise FlowError("resources", f"{url}: status {response.status}")
                return len(body)

        return sum(await asyncio.gather(*(one(url) for url in resource_urls(reply))))

    async def exchange(self, code: str) -> dict[str, Any]:
        """The home's token request (public client, PKCE verifier)."""
        url = f"{self.keycloak_url}/realms/{self.realm}/protocol/openid-connect/token"
        form = {
            "grant_type": "authorization_code",
            "client_id": CLIENT_ID,
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier,
        }
        async with self.session.post(url, data=form) as response:
            if response.status != 200:
                raise FlowError("token", f"status {response.status}: {(await response.text())[:200]}")
            tokens: dict[str, Any] = await response.json()
            return tokens


async def login(
    user: VirtualUser, doctor: BenchDoctor, times: StepTimes, exchange: bool, resources: bool = False
) -> None:
    """One password login, as a fresh browser: the login page (authorization request with
    PKCE), the form posted, the redirect to the home with a code; then, if `exchange`, the
    home's token request. `resources`: the page's stylesheets and scripts too (empty cache)."""
    user.fresh_browser()
    with times.step("login page"):
        page = await user.open_login()
    if resources:
        with times.step("resources"):
            await user.fetch_resources(page)
    with times.step("form post"):
        reply = await user.submit(
            page, {"username": doctor.login_email, "password": doctor.password, "credentialId": ""}
        )
    if reply.location is None or "code=" not in reply.location:
        raise FlowError("form post", f"no redirect with a code: {reply.status} {heading(reply)!r}")
    if exchange:
        with times.step("token"):
            await user.exchange(code_of(reply.location))


async def wait_for_code(sink: MessageSink, mobile: str, count: int, timeout: float = 15) -> str:
    """The code of the `count`-th SMS to `mobile`, read from the sink's store as a doctor reads their phone."""
    deadline = time.monotonic() + timeout
    while True:
        messages = sink.store.sms(to=mobile)
        if len(messages) >= count:
            return code_in(messages[count - 1].text)
        if time.monotonic() > deadline:
            raise FlowError("code", f"no SMS to {mobile} within {timeout:.0f}s")
        await asyncio.sleep(0.02)


CREATION_HEADINGS = {
    "identity": "Sécuriser la création de votre espace",
    "channel": "Veuillez saisir le code reçu",
    "code": "Finaliser la création de votre espace",
    "credentials": "Votre espace est activé",
}


def _expect(step: str, reply: Reply) -> None:
    """Each screen is recognised by its title (h1), as the tests do."""
    if heading(reply) != CREATION_HEADINGS[step]:
        shown = reasons(reply)
        raise FlowError(
            step,
            f"{reply.status} {heading(reply)!r}, expected {CREATION_HEADINGS[step]!r}"
            + (f": {shown}" if shown else ""),
        )


async def create_account(user: VirtualUser, doctor: BenchDoctor, sink: MessageSink, times: StepTimes) -> None:
    """Créer votre espace by SMS, screen by screen (tests/support/journeys.py), then
    "Retour à la connexion" to the home. Each step's time is the server's answer to that screen
    (waiting for the SMS is timed apart: it is the gateway's delivery, not a page)."""
    user.fresh_browser()
    with times.step("open"):
        login_page = await user.open_login()
        page = await user.get(link_by_id(login_page, "me-register-link"))
    with times.step("identity"):
        page = await user.submit(page, {"birthDate": doctor.typed_birth_date, "rpps": doctor.rpps, "cgu": "on"})
    _expect("identity", page)
    with times.step("channel"):
        page = await user.submit(page, {"channel": "sms", "action": "send"})
    _expect("channel", page)
    with times.step("sms wait"):
        code = await wait_for_code(sink, doctor.mobile, 1)
    with times.step("code"):
        page = await user.submit(page, {"code": code, "action": "verify"})
    _expect("code", page)
    form = {
        "email": doctor.login_email,
        "emailConfirm": doctor.login_email,
        "password": doctor.password,
        "passwordConfirm": doctor.password,
    }
    with times.step("credentials"):
        page = await user.submit(page, form)
    _expect("credentials", page)
    with times.step("done"):
        page = await user.submit(page, {"action": "continue"})
    if page.location is None or "code=" not in page.location:
        raise FlowError("done", f"no redirect to the home: {page.status} {heading(page)!r}")


async def describe_login_page(keycloak_url: str, realm: str) -> str:
    """What a browser gets for the realm's login page: title, HTML and resource sizes."""
    async with VirtualUser(keycloak_url, realm) as user:
        user.fresh_browser()
        page = await user.open_login()
        title = re.search(r"<title>(.*?)</title>", page.text, re.S)
        resources = resource_urls(page)
        size = await user.fetch_resources(page)
    name = " ".join(html.unescape(title.group(1)).split()) if title else "?"
    return f"{name!r}: {len(page.text.encode()):,} bytes of HTML, {len(resources)} stylesheets/scripts ({size:,} bytes)"


def realm_flow_and_theme(stack: Stack, realm: str) -> str:
    representation = RealmApi(stack.admin(), realm).get("")
    return f"browser flow {representation.get('browserFlow')!r}, login theme {representation.get('loginTheme')!r}"


def password_setup(stack: Stack, realm: str, doctor: BenchDoctor) -> tuple[str, str]:
    """The realm's password policy and how `doctor`'s password is stored (algorithm, iterations):
    what a login's cost depends on, to be shown equal in the realms compared."""
    api = RealmApi(stack.admin(), realm)
    user = api.get("users", username=doctor.rpps, exact="true")[0]
    stored = [c for c in api.get(f"users/{user['id']}/credentials") if c.get("type") == "password"]
    data = json.loads(stored[0].get("credentialData", "{}")) if stored else {}
    parameters = data.get("additionalParameters", {})
    hashing = f"{data.get('algorithm')}, {data.get('hashIterations')} iteration(s), {parameters}"
    return str(api.get("").get("passwordPolicy")), hashing


def database_size(stack: Stack) -> tuple[int, str]:
    """Bytes and pg_size_pretty of Keycloak's database."""
    assert stack.postgres is not None
    # One query, so that both describe the same moment; psql -At separates the columns with "|".
    row = stack.postgres.psql(f"SELECT size, pg_size_pretty(size) FROM pg_database_size('{DATABASE}') AS size")
    size, pretty = row.split("|")
    return int(size), pretty
