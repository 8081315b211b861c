"""The runbook's steps (README « Runbook »), each done here as an operator does it, on the
compose stack: PostgreSQL backup and restore, rolling restarts, the SMS gateway token and the
sync's secret rotated, a sync report read, the metrics the alerts watch."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import requests
import yaml

from provisioning.devstack import paths
from tests.deploy.conftest import REALM, ComposeStack
from tests.support.journeys import Journey

DEMO_CSV = paths.ROOT / "demo" / "ordinal-demo.csv"
#: A demo doctor with a mobile only, who creates an espace before the backup.
ESPACE = ("10001000024", "02/03/1975", "+33781234522", "jean.dupont.runbook@exemple.fr", "Runbook-Cabinet-2026!")
#: Demo doctors without an espace, for code sends (one each: the resend cooldown is the doctor's).
BEFORE_ROTATION = ("10001000073", "14/02/1998", "+33622334455")
AFTER_ROTATION = ("10001000081", "08/08/1995", "+262639671915")
ALERTS = paths.ROOT / "deploy" / "monitoring" / "monespace-alerts.yaml"


@pytest.fixture(scope="module")
def espace(stack: ComposeStack) -> tuple[str, str]:
    rpps, birth_date, mobile, email, password = ESPACE
    stack.create_espace(rpps, birth_date, mobile, email, password)
    return email, password


def logs_in(stack: ComposeStack, email: str, password: str) -> bool:
    browser = stack.browser()
    browser.login(email, password)
    return browser.redirected_to_app


def postgres_tool(stack: ComposeStack, tool: str, *args: str) -> None:
    """pg_dump / pg_restore as the runbook runs them: over TCP, as the database's owner."""
    assert stack.postgres is not None
    env = stack.service("postgres")["environment"]
    command = [str(stack.postgres.bin / tool), "-h", "127.0.0.1", "-p", str(stack.postgres.port),
               "-U", env["POSTGRES_USER"], "-d", env["POSTGRES_DB"], *args]  # fmt: skip
    done = subprocess.run(command, env={"PGPASSWORD": env["POSTGRES_PASSWORD"]}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_restored_backup_keeps_every_espace(stack: ComposeStack, espace: tuple[str, str]) -> None:
    email, password = espace
    users = stack.admin().users_count()
    dump = stack.logs / "keycloak.dump"
    postgres_tool(stack, "pg_dump", "--format=custom", f"--file={dump}")

    # The database is lost: Keycloak stopped, an empty database, the dump restored, Keycloak started.
    stack.stop("keycloak")
    assert stack.postgres is not None
    env = stack.service("postgres")["environment"]
    stack.postgres.recreate_database(env["POSTGRES_DB"], env["POSTGRES_USER"], env["POSTGRES_PASSWORD"])
    postgres_tool(stack, "pg_restore", "--no-owner", "--exit-on-error", str(dump))
    stack.start_keycloak()
    stack.wait_keycloak_healthy()

    assert stack.admin().users_count() == users
    assert logs_in(stack, email, password), "the espace created before the backup logs in after the restore"
    # The upgrade and restore runbooks end with a plan: the restored realm matches the files.
    plan = stack.monespace("realm", "plan", "--detailed-exitcode")
    assert plan.returncode == 0, plan.stdout + plan.stderr
    assert f"Plan: 0 changes; realm {REALM} matches realm/." in plan.stdout


def send_code(stack: ComposeStack, doctor: tuple[str, str, str]) -> str:
    """A doctor asks for a creation code by SMS: the code screen, or the message shown instead."""
    rpps, birth_date, _mobile = doctor
    journey = Journey(stack.browser())
    journey.open_creation()
    journey.identity(birth_date, rpps)
    page = journey.choose("sms")
    return page.heading if page.heading == "Veuillez saisir le code reçu" else page.box_text()


def test_rotating_the_sms_gateway_token(stack: ComposeStack) -> None:
    # The gateway requires the new token: Keycloak still configured with the old one (here none)
    # cannot send, and the doctor is told so; the failed send is not counted against them.
    stack.stop("sink")
    stack.start_sink(MONESPACE_SINK_SMS_TOKENS="new-token")
    assert "Le SMS n'a pas pu être envoyé" in send_code(stack, BEFORE_ROTATION)

    # The runbook's step: the Secret holds the new token, a rolling restart reads it.
    stack.restart_keycloak(KC_SPI_SMS_SENDER__HTTP_GATEWAY__TOKEN="new-token")
    assert send_code(stack, AFTER_ROTATION) == "Veuillez saisir le code reçu"
    assert len(stack.sms_to(AFTER_ROTATION[2])) == 1


def test_rotating_the_sync_service_account_secret(stack: ComposeStack) -> None:
    read = stack.monespace("realm", "client-secret", "ordinal-sync")
    assert read.returncode == 0, read.stderr
    old = read.stdout.strip()
    assert re.fullmatch(r"\S{16,}", old)

    def sync(secret: str) -> subprocess.CompletedProcess[str]:
        return stack.monespace(
            "ordinal", "sync", str(DEMO_CSV), "--report", str(stack.logs / "rotation.jsonl"),
            MONESPACE_ADMIN_CLIENT_ID="ordinal-sync", MONESPACE_ADMIN_CLIENT_SECRET=secret,
            MONESPACE_ADMIN_TOKEN_REALM=REALM,
        )  # fmt: skip

    assert sync(old).returncode == 0
    rotated = stack.monespace("realm", "client-secret", "ordinal-sync", "--regenerate")
    assert rotated.returncode == 0, rotated.stderr
    new = rotated.stdout.strip()
    assert new != old and "the previous one no longer works" in rotated.stderr

    refused = sync(old)
    assert refused.returncode == 1
    keycloak = stack.environment("provision")["MONESPACE_KEYCLOAK_URL"]
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: Keycloak at {keycloak} refused client 'ordinal-sync'"), refused.stderr
    assert sync(new).returncode == 0


def test_reading_a_sync_report(stack: ComposeStack, tmp_path: Path) -> None:
    lines = DEMO_CSV.read_text(encoding="utf-8").splitlines()
    source = tmp_path / "ordinal.csv"
    source.write_text("\n".join([*lines, "1234;01/01/1970;M;ERREUR;Saisie;;;inscrit;75"]) + "\n", encoding="utf-8")
    report = tmp_path / "report.jsonl"
    run = stack.monespace("ordinal", "sync", str(source), "--report", str(report))
    assert run.returncode == 3, run.stdout + run.stderr

    read = stack.monespace("ordinal", "report", str(report))
    assert read.returncode == 3
    assert f"report.jsonl: sync into realm {REALM}, completed" in read.stdout
    assert f"    line {len(lines) + 1}: le numéro RPPS doit compter exactement 11 chiffres" in read.stdout
    assert "Outcome: exit 3 — success, but records were rejected" in read.stdout


def test_every_metric_the_alerts_watch_is_exported(stack: ComposeStack) -> None:
    rules = [rule for group in yaml.safe_load(ALERTS.read_text(encoding="utf-8"))["groups"] for rule in group["rules"]]
    names = {name for rule in rules for name in re.findall(r"\b([a-z][a-z0-9]*_[a-z0-9_]+)\s*[{\[]", rule["expr"])}
    live = requests.get(f"{stack.management_url}/metrics", timeout=30).text
    exported = set(re.findall(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )", live, re.M))
    metrics_source = (paths.EXTENSIONS / "src/main/java/fr/ordre/monespace/metrics/JourneyMetrics.java").read_text(
        encoding="utf-8"
    )
    for name in sorted(names):
        if name.startswith("kube_"):  # kube-state-metrics, about the sync's Jobs
            continue
        if name.startswith("monespace_"):
            # Counters appear with their first event; the extension registers each of them.
            assert f'"{name.removesuffix("_total").replace("_", ".")}"' in metrics_source, name
        else:
            assert name in exported, f"{name}: not in Keycloak's /metrics"
    # The code sent since the last restart moved the counter the SMS alert divides by.
    assert "monespace_codes_sent_total" in exported
