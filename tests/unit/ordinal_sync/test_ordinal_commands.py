"""`monespace ordinal sync | check` without Keycloak: output, exit codes, one-line failures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ordinal_sync import commands
from ordinal_sync.apply import SyncResult, sync_into
from provisioning.cli import main
from provisioning.devstack.ports import free_port
from tests.unit.ordinal_sync.conftest import RPPS, TODAY, CsvFile, WriteSource, row
from tests.unit.ordinal_sync.memory_store import MemoryStore


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["ordinal", *args], env={"MONESPACE_KEYCLOAK_URL": closed_port_url()})


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sync's workdir (its state file by default) stays in the test's directory."""
    directory = tmp_path / "work"
    monkeypatch.setenv("MONESPACE_SYNC_WORKDIR", str(directory))
    return directory


@pytest.fixture
def source(csv_file: CsvFile) -> Path:
    return csv_file([row(r, mobile="0612345678", email="") for r in RPPS[:20]])


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> MemoryStore:
    """`sync` runs against a MemoryStore instead of connecting to Keycloak."""
    memory = MemoryStore()

    def fake_sync_file(admin_settings: Any, source: Path, **kwargs: Any) -> SyncResult:
        settings = kwargs["settings"]
        from dataclasses import replace

        return sync_into(memory, source, **{**kwargs, "settings": replace(settings, today=TODAY)})

    monkeypatch.setattr(commands, "sync_file", fake_sync_file)
    return memory


def test_help_documents_the_exit_codes() -> None:
    result = cli("sync", "--help")
    assert result.exit_code == 0
    for line in ("0 success", "3 success, but records were rejected", "4 refused by the safety limit"):
        assert line in result.output


def test_sync_prints_the_counts_and_a_dry_run_writes_nothing(source: Path, store: MemoryStore, tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    dry = cli("sync", str(source), "--dry-run", "--report", str(report), "--progress", "none")
    assert dry.exit_code == 0, dry.output
    assert "Dry run, nothing written" in dry.output and "to create" in dry.output
    assert store.batches == 0
    done = cli("sync", str(source), "--report", str(report), "--progress", "log")
    assert done.exit_code == 0, done.output
    assert "created                 20" in done.output and f"Report: {report}" in done.output
    assert len(store.users) == 20


def test_a_refused_run_exits_4_with_its_reason(
    source: Path, store: MemoryStore, write_source: WriteSource, csv_header: str, tmp_path: Path
) -> None:
    assert cli("sync", str(source), "--progress", "none", "--report", str(tmp_path / "r")).exit_code == 0
    rows = [row(r, status="radie", mobile="0612345678", email="") for r in RPPS[:20]]
    struck_off = write_source([csv_header, *rows], name="radies.csv")
    result = cli("sync", str(struck_off), "--progress", "none", "--report", str(tmp_path / "r"))
    assert result.exit_code == 4
    assert "Refusing to apply: 20 of the 20 doctors" in result.output and "--force" in result.output
    assert all(user.enabled for user in store.users.values())
    forced = cli("sync", str(struck_off), "--force", "--progress", "none", "--report", str(tmp_path / "r"))
    assert forced.exit_code == 0 and "--force: applied anyway" in forced.output
    assert not any(user.enabled for user in store.users.values())


def test_check_reads_the_file_without_keycloak(write_source: WriteSource, csv_header: str) -> None:
    good = write_source([csv_header, row(RPPS[0], mobile="", email="")], name="good.csv")
    result = cli("check", str(good))
    assert result.exit_code == 0 and "ordinal_csv, 1 doctors, 0 rejected" in result.output
    bad = write_source([csv_header, f"{RPPS[0][:-1]}0;17/06/1980;MME;X;Y;;;inscrit;75"], name="bad.csv")
    result = cli("check", str(bad))
    assert result.exit_code == 3 and "rpps_checksum: 1" in result.output


def test_failures_are_one_line(source: Path, tmp_path: Path) -> None:
    unreachable = cli("sync", str(source), "--progress", "none", "--report", str(tmp_path / "r.jsonl"))
    assert unreachable.exit_code == 1
    assert unreachable.output.startswith("Error: cannot reach Keycloak at http://127.0.0.1:")
    assert "Traceback" not in unreachable.output
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = cli("sync", str(empty), "--progress", "none")
    assert result.exit_code == 1 and "the file is empty" in result.output
    assert cli("sync", str(tmp_path / "missing.csv")).exit_code == 2
    bogus = cli("sync", str(source), "--active-statuses", "inscrit,retraite")
    assert bogus.exit_code == 2 and "unknown Ordinal status(es) in the active set: retraite" in bogus.output


def test_the_state_is_kept_in_the_workdir_and_verbose_says_where_the_time_went(
    source: Path, store: MemoryStore, workdir: Path, tmp_path: Path
) -> None:
    first = cli("sync", str(source), "--progress", "none", "--report", str(tmp_path / "r"))
    assert first.exit_code == 0, first.output
    state = workdir / "ordinal-sync-monespace-ordinal_csv.state"
    assert state.exists() and f"State {state}: not used (none yet); 20 records normalised" in first.output
    second = cli("sync", str(source), "--progress", "none", "-v", "--report", str(tmp_path / "r"))
    assert second.exit_code == 0, second.output
    assert "20 records unchanged since the last run, not normalised again; 0 records normalised" in second.output
    assert "Time profile" in second.output
    for phase in ("read the source (pass 1)", "export from Keycloak", "compare with the state", "whole run"):
        assert phase in second.output


def test_no_state_neither_reads_nor_writes_one(source: Path, store: MemoryStore, workdir: Path, tmp_path: Path) -> None:
    result = cli("sync", str(source), "--no-state", "--progress", "none", "--report", str(tmp_path / "r"))
    assert result.exit_code == 0 and "State " not in result.output
    assert not list(workdir.glob("*.state"))
    elsewhere = tmp_path / "elsewhere" / "sync.state"
    assert (
        cli(
            "sync", str(source), "--state", str(elsewhere), "--progress", "none", "--report", str(tmp_path / "r2")
        ).exit_code
        == 0
    )
    assert elsewhere.exists()
