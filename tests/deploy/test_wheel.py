"""The wheel, installed in a virtualenv outside the repository as the Ordre's operations team
installs it, works without a checkout: versions, realm validate/plan/apply, ordinal check/sync,
legacy check/import."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import monespace_realm
import yaml

from provisioning.devstack import paths
from tests.deploy.conftest import REALM, ComposeStack, WheelEnv

DEMO_CSV = paths.ROOT / "demo" / "ordinal-demo.csv"
DEMO_PORTAL = paths.ROOT / "demo" / "legacy" / "drupal7" / "mysql-dump.sql"
DEVELOPMENT_ONLY = {"aiohttp", "aiosmtpd", "psutil", "httpx", "pytest", "playwright", "ruff", "mypy"}


def installed_realm_files(wheel_env: WheelEnv) -> Path:
    (found,) = wheel_env.venv.glob("lib/python*/site-packages/monespace_realm")
    return found


def test_the_installed_cli_names_keycloak_and_its_own_realm_files(wheel_env: WheelEnv) -> None:
    result = wheel_env.monespace("--version")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("monespace 0.") and "(monespace-identity)" in lines[0]
    assert lines[1] == f"Keycloak {paths.keycloak_version()}"
    # The realm files of the wheel, not the checkout's, and the same files.
    assert lines[2] == f"realm files {monespace_realm.files_version()} ({installed_realm_files(wheel_env)})"


def test_the_wheel_requires_nothing_of_development(wheel_env: WheelEnv) -> None:
    with zipfile.ZipFile(wheel_env.wheel) as wheel:
        (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        requires = [line for line in wheel.read(metadata).decode().splitlines() if line.startswith("Requires-Dist:")]
    core = {
        line.split()[1].split("[")[0].split(">")[0].split("=")[0].lower() for line in requires if "extra ==" not in line
    }
    assert not core & DEVELOPMENT_ONLY, core & DEVELOPMENT_ONLY
    assert {"click", "python-keycloak", "flask", "waitress"} <= core
    refused = wheel_env.monespace("dev", "up")
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "Error: monespace dev runs from a checkout of the repository (no extensions/pom.xml under "
        f"{installed_realm_files(wheel_env).parent}); an installed CLI provides `monespace realm`, "
        "`monespace ordinal` and `monespace legacy`"
    ]


def test_the_installed_cli_validates_plans_and_applies_outside_the_repository(
    stack: ComposeStack, wheel_env: WheelEnv, tmp_path: Path
) -> None:
    validated = wheel_env.monespace("realm", "validate")
    assert validated.returncode == 0 and f"realm/ is valid: realm {REALM}" in validated.stdout, validated.stderr

    # The provision job applied these files: nothing is pending.
    plan = stack.monespace("realm", "plan", "--detailed-exitcode")
    assert plan.returncode == 0, plan.stdout + plan.stderr

    # --realm-dir still overrides the packaged files: an edited copy is a pending change.
    copy = tmp_path / "realm"
    shutil.copytree(installed_realm_files(wheel_env), copy)
    values = yaml.safe_load((copy / "values.yaml").read_text(encoding="utf-8"))
    text = (copy / "values.yaml").read_text(encoding="utf-8")
    (copy / "values.yaml").write_text(text.replace(values["display_name"], "MonEspace — copie"), encoding="utf-8")
    edited = stack.monespace("realm", "plan", "--realm-dir", str(copy), "--detailed-exitcode")
    assert edited.returncode == 3, edited.stdout + edited.stderr
    assert "displayName" in edited.stdout

    # A new realm from the packaged files, then the demo doctors synchronised into it.
    other = "monespace-wheel"
    created = stack.monespace("realm", "apply", "--set", f"realm={other}")
    assert created.returncode == 0, created.stdout + created.stderr
    again = stack.monespace("realm", "apply", "--set", f"realm={other}")
    assert f"Applied: 0 changes; realm {other} matches realm/." in again.stdout, again.stdout
    checked = wheel_env.monespace("ordinal", "check", str(DEMO_CSV))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    synced = stack.monespace("ordinal", "sync", str(DEMO_CSV), "--realm", other, "--report", str(tmp_path / "r.jsonl"))
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert stack.admin(other).users_count() == len(DEMO_CSV.read_text(encoding="utf-8").splitlines()) - 1
    portal = wheel_env.monespace("legacy", "check", str(DEMO_PORTAL))
    # The demo export holds refused accounts on purpose (an unknown hash scheme…): exit code 3.
    assert portal.returncode == 3 and "hash_unknown_scheme" in portal.stdout, portal.stdout + portal.stderr
    imported = stack.monespace(
        "legacy", "import", str(DEMO_PORTAL), "--realm", other, "--report", str(tmp_path / "l.jsonl")
    )
    assert imported.returncode == 3 and "imported" in imported.stdout, imported.stdout + imported.stderr
