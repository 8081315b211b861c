"""Benchmark of `monespace legacy import`, and of the login with a portal password hash.

    .venv/bin/python bench/legacy_import_bench.py                        # 100,000 accounts, 300,000 doctors
    .venv/bin/python bench/legacy_import_bench.py --doctors 30000 --accounts 10000   # a quick run

Starts a throw-away PostgreSQL 15 and Keycloak built with the `postgres` profile (bench/loadkit.py),
loads N synthetic doctors through the Ordinal sync, writes the old portal's export as a Drupal 7
MySQL dump (extended INSERTs, as mariadb-dump writes them) of M accounts of those doctors, then
measures:

1. the import (`monespace legacy import` as a subprocess): wall time, accounts per second, peak
   memory of the process; then a second run with the same dump (nothing to write);
2. the login (login page + form post, one browser at a time) of doctors whose password is still a
   portal `$S$` hash of 2^15 rounds (Drupal 7) and of 2^16 rounds (Drupal 8+) — the first login
   verifies it and has Keycloak re-hash it with Argon2 —, then their next login (Argon2), side by
   side with doctors who always had an Argon2 password.

The accounts' hashes are well-formed `$S$` strings (the import never checks them); the login
doctors' hashes are made by PHP. Figures are printed with their targets and the load average:
the machine is shared. Not a test.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.loadkit import (  # noqa: E402
    CACHE,
    HOME_REDIRECT,
    BenchDoctor,
    Figure,
    LoadWatch,
    apply_bench_realm,
    bench_stack,
    give_espaces,
    machine_line,
    make_doctors,
    percentile,
    print_figures,
    say,
    sync_doctors,
)
from legacy_import.hashes import ITOA64  # noqa: E402
from tests.support.drupal import php_hashes  # noqa: E402
from tests.support.oidc import Browser  # noqa: E402

REALM = "monespace"
MONESPACE = str(ROOT / ".venv" / "bin" / "monespace")
ROWS_PER_INSERT = 1000  # mariadb-dump's extended INSERTs hold about this many user rows
LOGIN_PASSWORD = "Portail-Cabinet-2019!"


def portal_hash(rng: random.Random) -> str:
    """A well-formed Drupal 7 hash (2^15 rounds), not the hash of any known password."""
    return "$S$D" + "".join(rng.choice(ITOA64) for _ in range(51))


def write_dump(path: Path, accounts: Sequence[tuple[int, str, str, str]]) -> Path:
    """A Drupal 7 MySQL dump of (uid, e-mail, hash, RPPS): users and field_data_field_rpps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write("-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n--\n")
        out.write("-- Host: localhost    Database: portail\n\n/*!40101 SET NAMES utf8mb4 */;\n\n")
        out.write(
            "CREATE TABLE `users` (\n  `uid` int(10) unsigned NOT NULL DEFAULT 0,\n  `name` varchar(60) NOT NULL,\n"
            "  `pass` varchar(128) NOT NULL DEFAULT '',\n  `mail` varchar(254) DEFAULT '',\n"
            "  `created` int(11) NOT NULL DEFAULT 0,\n  `access` int(11) NOT NULL DEFAULT 0,\n"
            "  `login` int(11) NOT NULL DEFAULT 0,\n  `status` tinyint(4) NOT NULL DEFAULT 0,\n"
            "  `data` longblob DEFAULT NULL,\n  PRIMARY KEY (`uid`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n"
        )
        _inserts(out, "users", [
            f"({uid},'dr{uid}','{hash_}','{email}',1400000000,1735000000,1735000000,1,"
            f"'a:1:{{s:7:\\\"contact\\\";i:1;}}')"
            for uid, email, hash_, _rpps in accounts
        ])  # fmt: skip
        out.write(
            "CREATE TABLE `field_data_field_rpps` (\n  `entity_type` varchar(128) NOT NULL DEFAULT '',\n"
            "  `bundle` varchar(128) NOT NULL DEFAULT '',\n  `deleted` tinyint(4) NOT NULL DEFAULT 0,\n"
            "  `entity_id` int(10) unsigned NOT NULL,\n  `revision_id` int(10) unsigned DEFAULT NULL,\n"
            "  `language` varchar(32) NOT NULL DEFAULT '',\n  `delta` int(10) unsigned NOT NULL,\n"
            "  `field_rpps_value` varchar(255) DEFAULT NULL,\n  `field_rpps_format` varchar(255) DEFAULT NULL\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n"
        )
        _inserts(out, "field_data_field_rpps", [
            f"('user','user',0,{uid},{uid},'und',0,'{rpps}',NULL)" for uid, _email, _hash, rpps in accounts
        ])  # fmt: skip
    return path


def _inserts(out: IO[str], table: str, rows: Sequence[str]) -> None:
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        out.write(f"INSERT INTO `{table}` VALUES\n" + ",\n".join(chunk) + ";\n")


def run_import(keycloak_url: str, dump: Path, label: str) -> tuple[float, float, int, str]:
    """One `monespace legacy import` process: wall seconds, peak RSS (MB), exit code, output."""
    report = CACHE / f"legacy-report-{label}.jsonl"
    env = {**os.environ, "MONESPACE_KEYCLOAK_URL": keycloak_url}
    command = [MONESPACE, "legacy", "import", str(dump), "--realm", REALM, "--report", str(report),
               "--progress", "log"]  # fmt: skip
    say(f"{label}: {' '.join(command[1:])}")
    log = CACHE / f"legacy-import-{label}.log"
    started = time.monotonic()
    peak_kb = 0
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        # The process's own high-water mark (VmHWM, reset by exec), read until it ends: wait4's
        # ru_maxrss would also count this benchmark's memory, which the child had before its exec.
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            with contextlib.suppress(OSError):
                peak_kb = max(peak_kb, _vm_hwm_kb(status.read_text()))
            time.sleep(0.05)
    seconds = time.monotonic() - started
    text = log.read_text()
    print("\n".join("    " + line for line in text.splitlines()), flush=True)
    return seconds, peak_kb / 1024, process.returncode, text


def _vm_hwm_kb(status: str) -> int:
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) if match else 0


def timed_login(keycloak_url: str, email: str, password: str) -> float:
    """Milliseconds of the login page and the form post, as a fresh browser."""
    browser = Browser(keycloak_url, REALM, HOME_REDIRECT)
    started = time.perf_counter()
    browser.login(email, password)
    elapsed = (time.perf_counter() - started) * 1000
    if not browser.redirected_to_app:
        raise click.ClickException(f"login of {email} refused: {browser.page.box_text() if browser.page else ''}")
    return elapsed


@click.command()
@click.option("--doctors", type=click.IntRange(1000), default=300_000, show_default=True)
@click.option("--accounts", type=click.IntRange(100), default=100_000, show_default=True)
@click.option("--logins", type=click.IntRange(5), default=20, show_default=True, help="Doctors per kind of login.")
@click.option("--heap", default="-Xms1g -Xmx2g", show_default=True, help="Keycloak's JAVA_OPTS_KC_HEAP.")
def main(doctors: int, accounts: int, logins: int, heap: str) -> None:
    """Import M portal accounts onto N synced doctors, and time logins with portal hashes."""
    if accounts + logins > doctors:
        raise click.BadParameter("--accounts and --logins need as many doctors", param_hint="--doctors")
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    pool = make_doctors(doctors)
    legacy_kinds = {"$S$ 2^15 (Drupal 7)": 15, "$S$ 2^16 (Drupal 8+)": 16}
    say(f"PHP makes {logins * len(legacy_kinds)} portal hashes for the login doctors…")
    made = php_hashes([("S", log2, LOGIN_PASSWORD) for log2 in legacy_kinds.values() for _ in range(logins)])
    rows = [(i + 1, f"portail.{d.rpps}@exemple.fr", portal_hash(rng), d.rpps) for i, d in enumerate(pool[:accounts])]
    for i, real in enumerate(made):  # the first accounts get hashes of a password we know
        uid, email, _fake, rpps = rows[i]
        rows[i] = (uid, email, real, rpps)
    dump = write_dump(CACHE / f"portal-{accounts}.sql", rows)
    say(f"{dump.name}: {dump.stat().st_size / 1e6:.1f} MB, {accounts:,} accounts")
    figures: list[Figure] = []
    with bench_stack("bench-legacy", heap, durable=False) as stack, LoadWatch() as load:
        assert stack.keycloak is not None
        url = stack.keycloak.url
        apply_bench_realm(stack, REALM)
        sync_doctors(stack, REALM, pool, f"legacy-{doctors}")
        argon2: list[BenchDoctor] = pool[accounts : accounts + logins]
        give_espaces(stack, REALM, argon2)

        seconds, rss, code, output = run_import(url, dump, "first")
        if code not in (0, 3) or "imported" not in output:
            raise click.ClickException(f"the import exited with {code}")
        figures += [
            Figure(f"import of {accounts:,} accounts onto {doctors:,} doctors", seconds, "s", accounts / 1000),
            Figure("import rate, whole run", accounts / seconds, "accounts/s", 1000, ">="),
            Figure("peak memory of the import process", rss, "MB", 300),
        ]
        again, rss_again, code, _ = run_import(url, dump, "second")
        figures += [
            Figure("second run, nothing to write", again, "s", None),
            Figure("peak memory of the second run", rss_again, "MB", 300),
        ]

        say("logins, one browser at a time…")
        times: dict[str, list[float]] = {}
        for n, (kind, _log2) in enumerate(legacy_kinds.items()):
            group = rows[n * logins : (n + 1) * logins]
            times[f"{kind}, first login (verify + re-hash)"] = [
                timed_login(url, email, LOGIN_PASSWORD) for _uid, email, _h, _r in group
            ]
            times[f"{kind}, next login (Argon2 since)"] = [
                timed_login(url, email, LOGIN_PASSWORD) for _uid, email, _h, _r in group
            ]
        times["Argon2 from the start"] = [timed_login(url, d.login_email, d.password) for d in argon2]
        for kind, values in times.items():
            figures.append(Figure(f"login {kind}: median", statistics.median(values), "ms", None))
            figures.append(Figure(f"login {kind}: p95", percentile(values, 95), "ms", None))
    print_figures(
        "Figures",
        figures,
        [machine_line(), load.summary(), f"Keycloak heap {heap}", "login = login page + form post, loopback"],
    )


if __name__ == "__main__":
    main()
