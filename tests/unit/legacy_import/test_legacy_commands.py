"""`monespace legacy import | check` without Keycloak: output, exit codes, one-line failures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner, Result
from keycloak import KeycloakAdmin

from legacy_import import commands
from legacy_import.apply import ImportResult, UndoResult, import_into, undo_into
from legacy_import.keycloak_legacy import LegacyEndpoint
from legacy_import.planning import Attachment, Decision
from legacy_import.portal import PortalAccount
from ordinal_sync.keycloak_bulk import BulkEndpointError
from provisioning.cli import main
from provisioning.devstack.ports import free_port
from tests.unit.legacy_import.conftest import DEMO
from tests.unit.legacy_import.memory_store import MemoryAccounts
from tests.unit.legacy_import.test_legacy_apply import demo_store
from tests.unit.ordinal_sync.test_ordinal_bulk import Reply, ScriptedSession


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        main, ["legacy", *args, "--progress", "none"] if args[:1] in (("import",), ("undo",)) else ["legacy", *args],
        env={"MONESPACE_KEYCLOAK_URL": f"http://127.0.0.1:{free_port()}", **(env or {})},
    )  # fmt: skip


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> MemoryAccounts:
    """`import` runs against a MemoryAccounts instead of connecting to Keycloak."""
    memory = demo_store()

    def fake_import_files(admin_settings: Any, paths: Any, **kwargs: Any) -> ImportResult:
        return import_into(memory, paths, **kwargs)

    def fake_undo_import(admin_settings: Any, **kwargs: Any) -> UndoResult:
        return undo_into(memory, **kwargs)

    monkeypatch.setattr(commands, "import_files", fake_import_files)
    monkeypatch.setattr(commands, "undo_import", fake_undo_import)
    return memory


def test_import_prints_the_plan_and_what_was_written_then_exits_3_for_refused_accounts(
    store: MemoryAccounts, tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    result = cli("import", str(DEMO / "drupal7" / "mysql-dump.sql"), "--report", str(report))
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "Legacy import: mysql-dump.sql (MySQL dump), Drupal 7, 12 accounts → realm monespace" in out
    assert re.search(r"imported\s+3\n", out) and re.search(r"refused\s+9  \(file, line and reason in the report\)", out)
    assert re.search(r"email_shared\s+2\n", out) and "password hashes to attach: $S$ 2, U$S$ 1" in out
    assert "Written in" in out and "3 imported" in out and f"Report: {report}" in out
    again = cli("import", str(DEMO / "drupal7"), "--report", str(report))
    assert again.exit_code == 3 and re.search(r"unchanged\s+3\n", again.stdout)


def test_dry_run_and_safety_limit(store: MemoryAccounts, tmp_path: Path) -> None:
    dry = cli("import", str(DEMO / "drupal10"), "--dry-run", "--report", str(tmp_path / "r.jsonl"))
    assert dry.exit_code == 3 and "Dry run, nothing written" in dry.stdout and re.search(r"to import\s+3", dry.stdout)
    assert all(d.espace != "legacy" for d in store.doctors.values())
    assert cli("import", str(DEMO / "drupal10"), "--report", str(tmp_path / "r.jsonl")).exit_code == 3
    store.doctors["10001000149"].email = "autre@exemple.fr"  # as if the export had changed it: 1 update of 3
    refused = cli("import", str(DEMO / "drupal10"), "--report", str(tmp_path / "r.jsonl"))
    assert refused.exit_code == 4
    assert "error: Refusing to apply: 1 of the 3 espaces imported earlier" in refused.stderr
    assert "Use --force" in refused.stderr
    forced = cli("import", str(DEMO / "drupal10"), "--report", str(tmp_path / "r.jsonl"), "--force")
    assert forced.exit_code == 3 and "(--force: applied anyway)" in forced.stderr


def test_undo_counts_then_removes_the_unused_imports(store: MemoryAccounts, tmp_path: Path) -> None:
    cli("import", str(DEMO / "drupal10"), "--report", str(tmp_path / "r.jsonl"))
    store.sign_in("10001000149")
    dry = cli("undo", "--dry-run", "--report", str(tmp_path / "u.jsonl"))
    assert dry.exit_code == 0 and re.search(r"to undo\s+2", dry.stdout) and re.search(r"kept\s+1", dry.stdout)
    done = cli("undo", "--report", str(tmp_path / "u.jsonl"))
    assert done.exit_code == 0 and "Legacy import undone" in done.stdout and re.search(r"undone\s+2", done.stdout)


def test_usage_errors_exit_2() -> None:
    assert cli("import").exit_code == 2
    assert cli("import", str(DEMO / "drupal7"), "--batch-size", "0").exit_code == 2
    assert cli("import", "/nonexistent.sql").exit_code == 2


def test_an_unreadable_export_or_keycloak_is_one_line_exit_1(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("uid name\n")
    unreadable = cli("import", str(notes))
    assert unreadable.exit_code == 1
    assert unreadable.stderr.startswith("Error: ") and unreadable.stderr.count("\n") == 1
    unreachable = cli("import", str(DEMO / "drupal7"))
    assert unreachable.exit_code == 1 and "cannot reach Keycloak" in unreachable.stderr


def test_check_reads_the_export_alone() -> None:
    result = cli("check", str(DEMO / "drupal10" / "postgresql-dump.sql"))
    assert result.exit_code == 3
    assert "postgresql-dump.sql (PostgreSQL dump): Drupal 8+, 8 accounts" in result.stdout
    assert re.search(r"usable\s+3", result.stdout) and re.search(r"rpps_shared\s+2", result.stdout)
    assert "hashes bcrypt" in result.stdout


def test_help_documents_layouts_options_and_exit_codes() -> None:
    text = CliRunner().invoke(main, ["legacy", "import", "--help"]).output
    for expected in ("--rpps-field", "--table-prefix", "--dry-run", "--max-change-percent", "--force", "--report",
                     "legacy-import", "4 refused by the safety limit"):  # fmt: skip
        assert expected in text, expected
    assert "users_field_data.csv" in CliRunner().invoke(main, ["legacy", "--help"]).output


# --- the endpoint's client ------------------------------------------------------------------------


def endpoint_with(replies: list[Reply | Exception]) -> tuple[LegacyEndpoint, ScriptedSession]:
    admin = KeycloakAdmin(server_url="http://kc:8080/", username="u", password="p", realm_name="master")
    admin.connection.token = {"access_token": "abc", "expires_in": 300}
    endpoint = LegacyEndpoint(admin, "monespace", sleep=lambda _: None)
    session = ScriptedSession(replies)
    endpoint._local.session = session
    return endpoint, session


def test_the_client_pages_through_the_doctors_and_sends_batches() -> None:
    endpoint, session = endpoint_with(
        [
            Reply(
                200,
                {
                    "doctors": [{"rpps": "10001000115", "espace": "legacy", "legacyHash": "h", "email": "a@b"}],
                    "next": "10001000115",
                },
            ),
            Reply(200, {"doctors": [{"rpps": "10001000123", "espace": "none"}]}),
            requests.ConnectionError("reset"),
            Reply(200, {"results": ["imported"], "counts": {"imported": 1}}),
        ]
    )
    exported = list(endpoint.export(page_size=1))
    assert [(rpps, d.espace, d.legacy_hash) for rpps, d in exported] == [
        ("10001000115", "legacy", "h"), ("10001000123", "none", None)
    ]  # fmt: skip
    account = _attachment()
    assert endpoint.attach([account]) == ["imported"]
    assert session.calls[0]["url"] == "http://kc:8080/realms/monespace/monespace-legacy/doctors"
    assert session.calls[-1]["url"] == "http://kc:8080/realms/monespace/monespace-legacy/accounts"
    assert session.calls[-1]["json"] == {"accounts": [account.body()]}


def test_the_client_refuses_an_answer_it_does_not_understand() -> None:
    endpoint, _ = endpoint_with([Reply(200, {"results": ["imported", "teleported"]})])
    with pytest.raises(BulkEndpointError, match="unknown: teleported"):
        endpoint.attach([_attachment(), _attachment(uid="2")])
    forbidden, _ = endpoint_with([Reply(403)])
    with pytest.raises(BulkEndpointError, match="realm role 'legacy-import'"):
        forbidden.check()


def _attachment(uid: str = "1") -> Attachment:
    account = PortalAccount("users.csv", 2, uid, "a", "a@exemple.fr", "$S$x", True, "10001000115", None)
    return Attachment(account, "10001000115", "a@exemple.fr", Decision.IMPORT)
