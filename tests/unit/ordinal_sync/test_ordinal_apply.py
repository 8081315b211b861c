"""A whole sync run against an in-memory stand-in for Keycloak's bulk endpoint."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ordinal_sync.apply import Outcome, SyncSettings, sync_into
from ordinal_sync.keycloak_bulk import BulkEndpointError
from ordinal_sync.planning import Action
from tests.unit.ordinal_sync.conftest import RPPS, TODAY, WriteSource, row
from tests.unit.ordinal_sync.memory_store import MemoryStore


def settings(**overrides: object) -> SyncSettings:
    values: dict[str, object] = {"today": TODAY, "batch_size": 3, "parallel": 2, **overrides}
    return SyncSettings(**values)  # type: ignore[arg-type]


def test_first_run_creates_then_a_second_run_writes_nothing(csv_file, tmp_path: Path) -> None:
    store = MemoryStore()
    source = csv_file([row(r) for r in RPPS[:10]])
    first = sync_into(store, source, settings=settings(), report_path=tmp_path / "first.jsonl")
    assert first.exit_code == 0
    assert first.plan.create == 10 and first.applied.created == 10
    assert sorted(store.users) == RPPS[:10]
    assert store.users[RPPS[0]].attributes["mobilePhone"] == ["+33612345678"]
    batches = store.batches
    second = sync_into(store, source, settings=settings())
    assert second.plan.unchanged == 10 and second.to_write == 0
    assert store.batches == batches, "an unchanged source sends no request"


def test_dry_run_plans_and_writes_nothing(csv_file) -> None:
    store = MemoryStore()
    result = sync_into(store, csv_file([row(r) for r in RPPS[:12]]), settings=settings(dry_run=True))
    assert result.dry_run and result.plan.create == 12
    assert store.batches == 0 and not store.users
    assert [e.rpps for e in result.examples[Action.CREATE]] == RPPS[:10]


def test_leaving_the_active_statuses_disables_and_ends_sessions_then_coming_back_re_enables(csv_file) -> None:
    store = MemoryStore()
    rows = [row(r) for r in RPPS[:30]]
    sync_into(store, csv_file(rows), settings=settings())
    store.users[RPPS[0]].sessions = 2
    rows[0] = row(RPPS[0], status="radie")
    result = sync_into(store, csv_file(rows), settings=settings())
    assert (result.plan.disable, result.applied.disabled, result.applied.sessions_ended) == (1, 1, 2)
    assert not store.users[RPPS[0]].enabled and RPPS[0] in store.users, "disabled, never deleted"
    rows[0] = row(RPPS[0], status="inscrit")
    result = sync_into(store, csv_file(rows), settings=settings())
    assert (result.plan.re_enable, result.applied.enabled) == (1, 1)
    assert store.users[RPPS[0]].enabled


def test_a_changed_contact_detail_updates_that_doctor_only_and_never_the_login(csv_file) -> None:
    store = MemoryStore()
    rows = [row(r) for r in RPPS[:30]]
    sync_into(store, csv_file(rows), settings=settings())
    activated = store.users[RPPS[3]]
    activated.email, activated.password = "dr.martin@cabinet.fr", "secret"
    rows[3] = row(RPPS[3], mobile="07 81 23 45 22", email="nouvelle@exemple.fr")
    result = sync_into(store, csv_file(rows), settings=settings())
    assert (result.plan.update, result.plan.unchanged, result.applied.updated) == (1, 29, 1)
    assert activated.attributes["mobilePhone"] == ["+33781234522"]
    assert activated.attributes["correspondenceEmail"] == ["nouvelle@exemple.fr"]
    assert (activated.email, activated.password, activated.enabled) == (
        "dr.martin@cabinet.fr",
        "secret",
        True,
    )


def test_a_run_changing_too_many_doctors_is_refused_unless_forced(csv_file, tmp_path: Path) -> None:
    store = MemoryStore()
    rows = [row(r) for r in RPPS[:20]]
    sync_into(store, csv_file(rows), settings=settings())
    rows[:2] = [row(RPPS[0], status="radie"), row(RPPS[1], status="decede")]  # 10% > 5%
    source = csv_file(rows)
    report = tmp_path / "refused.jsonl"
    refused = sync_into(store, source, settings=settings(), report_path=report)
    assert refused.outcome is Outcome.REFUSED and refused.exit_code == 4
    assert refused.refusal is not None and "2 of the 20 doctors" in refused.refusal
    assert all(user.enabled for user in store.users.values()), "nothing written"
    summary = json.loads(report.read_text().splitlines()[-1])
    assert summary["refusal"] == refused.refusal and "applied" not in summary

    assert sync_into(store, source, settings=settings(max_change_share=0.1)).exit_code == 0
    rows[2] = row(RPPS[2], status="suspendu")
    forced = sync_into(store, csv_file(rows), settings=settings(max_change_share=0.0, force=True))
    assert forced.forced and forced.exit_code == 0 and not store.users[RPPS[2]].enabled


def test_rejected_records_are_reported_with_their_line_and_give_exit_code_3(csv_file, tmp_path: Path) -> None:
    store = MemoryStore()
    bad_key = RPPS[1][:-1] + str((int(RPPS[1][-1]) + 1) % 10)
    source = csv_file([row(RPPS[0]), row(bad_key), row(RPPS[2]).replace("17/06/1980", "31/02/1980")])
    report = tmp_path / "report.jsonl"
    result = sync_into(store, source, settings=settings(), report_path=report)
    assert result.outcome is Outcome.SUCCESS_WITH_REJECTS and result.exit_code == 3
    assert result.rejected == 2 and sorted(store.users) == [RPPS[0]]
    rejects = [json.loads(line) for line in report.read_text().splitlines() if '"reject"' in line]
    assert [(r["code"], r["lines"]) for r in rejects] == [("rpps_checksum", [3]), ("birth_date_invalid", [4])]
    summary = json.loads(report.read_text().splitlines()[-1])
    assert summary["completed"] and summary["exit_code"] == 3 and summary["applied"]["created"] == 1


def test_an_interrupted_run_is_completed_by_the_next_without_duplicates(csv_file) -> None:
    store = MemoryStore(fail_at_batch=3)
    source = csv_file([row(r) for r in RPPS[:20]])
    with pytest.raises(BulkEndpointError):
        sync_into(store, source, settings=settings(parallel=1))
    landed = len(store.users)
    assert 0 < landed < 20
    store.fail_at_batch = None
    resumed = sync_into(store, source, settings=settings())
    assert (resumed.plan.unchanged, resumed.plan.create) == (landed, 20 - landed)
    assert sorted(store.users) == RPPS[:20]
    assert sync_into(store, source, settings=settings()).to_write == 0


def test_the_extraction_neither_disables_nor_deletes_absent_doctors(
    csv_file, write_source: WriteSource, extraction_header: str, extraction_line
) -> None:
    store = MemoryStore()
    sync_into(store, csv_file([row(r) for r in RPPS[:3]]), settings=settings())
    extraction = write_source([extraction_header, extraction_line(rpps=RPPS[0], birth="17/06/1980")])
    result = sync_into(store, extraction, settings=settings(max_change_share=1.0))
    assert (result.plan.update, result.plan.absent, result.plan.disable) == (1, 2, 0)
    assert all(user.enabled for user in store.users.values()) and len(store.users) == 3
    assert store.users[RPPS[0]].attributes["ordinalStatus"] == ["inscrit"], "the extraction carries no status"


def test_an_unreadable_file_fails_before_any_request(tmp_path: Path) -> None:
    store = MemoryStore()
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(Exception, match="empty"):
        sync_into(store, tmp_path / "empty.csv", settings=settings())
    assert store.batches == 0


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="batch size"):
        SyncSettings(batch_size=1001)
    with pytest.raises(ValueError, match="parallel"):
        SyncSettings(parallel=0)
    assert SyncSettings().today is None and date.today() >= TODAY
