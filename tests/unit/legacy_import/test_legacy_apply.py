"""A whole import run against an in-memory endpoint: plan, safety limit, batches, report, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from legacy_import.apply import ImportResult, ImportSettings, import_into, undo_into
from legacy_import.planning import MESSAGES
from ordinal_sync.keycloak_bulk import BulkEndpointError
from tests.support.drupal import PortalUser, write_drupal7_csv, write_drupal8_csv
from tests.unit.legacy_import.conftest import DEMO
from tests.unit.legacy_import.memory_store import Doctor, MemoryAccounts

S_HASH = "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf"
BCRYPT = "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."
#: The demo's doctors (demo/ordinal-demo.csv); Marie Durand and Anne Garnier have an espace.
DEMO_DOCTORS = (
    [f"100010001{n}" for n in ("15", "23", "31", "49", "56", "64")]
    + [f"100010000{n}" for n in ("16", "24", "32", "40", "57", "65", "73", "81", "99")]
    + ["10001000107"]
)


def demo_store() -> MemoryAccounts:
    store = MemoryAccounts(doctors={rpps: Doctor() for rpps in DEMO_DOCTORS})
    store.doctors["10001000057"] = Doctor("marie.durand@exemple.fr", "active")
    store.doctors["10001000099"] = Doctor("anne.garnier@exemple.fr", "active")
    return store


def run(store: MemoryAccounts, export: list[Path], report: Path | None = None, **settings: object) -> ImportResult:
    return import_into(store, export, settings=ImportSettings(**settings), report_path=report)  # type: ignore[arg-type]


def report_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_drupal7_demo_imports_as_documented_and_a_second_run_imports_nothing(tmp_path: Path) -> None:
    store = demo_store()
    report = tmp_path / "report.jsonl"
    first = run(store, [DEMO / "drupal7" / "mysql-dump.sql"], report, batch_size=2)
    assert first.exit_code == 3
    assert first.applied == {"imported": 3}
    assert dict(first.plan.by_code) == {
        "rpps_missing": 1, "blocked_account": 1, "rpps_checksum": 1, "no_doctor": 1, "email_shared": 2,
        "espace_active": 1, "hash_unknown_scheme": 1, "email_taken": 1,
    }  # fmt: skip
    assert store.doctors["10001000115"].pass_hash is not None
    assert store.doctors["10001000131"].pass_hash.startswith("U$S$")  # type: ignore[union-attr]
    rejected = [line for line in report_lines(report) if line["type"] == "reject"]
    assert len(rejected) == 9 and all(line["source"] == "mysql-dump.sql" for line in rejected)
    taken = next(line for line in rejected if line["code"] == "email_taken")
    assert (taken["uid"], taken["rpps"], taken["email"], taken["last_login"]) == (
        "12",
        "10001000107",
        "an***er@exemple.fr",
        "2024-12-24",
    )
    assert not re.search(r"\$S\$[./0-9A-Za-z]{52}|[0-9a-f]{32}", report.read_text(encoding="utf-8"))  # no hash
    summary = report_lines(report)[-1]
    assert summary["type"] == "summary" and summary["completed"] is True and summary["exit_code"] == 3
    again = run(store, [DEMO / "drupal7" / "mysql-dump.sql"])
    assert (again.plan.import_, again.plan.unchanged, again.applied) == (0, 3, {})


def test_the_drupal10_demo_in_csv_and_dump_gives_the_same_import() -> None:
    from_csv, from_dump = demo_store(), demo_store()
    one = run(from_csv, [DEMO / "drupal10"])
    other = run(from_dump, [DEMO / "drupal10" / "postgresql-dump.sql"])
    assert one.applied == other.applied == {"imported": 3}
    assert dict(one.plan.by_code) == dict(other.plan.by_code) == {
        "rpps_missing": 1, "blocked_account": 1, "hash_unknown_scheme": 1, "rpps_shared": 2,
    }  # fmt: skip
    assert from_csv.doctors == from_dump.doctors
    assert sorted(one.plan.by_scheme) == ["$H$/$P$", "$S$", "bcrypt"]


def test_a_dry_run_writes_nothing_and_exits_as_the_run_would(tmp_path: Path) -> None:
    store = demo_store()
    dry = run(store, [DEMO / "drupal7"], tmp_path / "dry.jsonl", dry_run=True)
    assert (dry.exit_code, dry.plan.import_, dry.applied, store.batches) == (3, 3, {}, 0)
    assert report_lines(tmp_path / "dry.jsonl")[-1]["dry_run"] is True


def test_a_doctor_who_signed_in_since_is_left_with_monespaces_password(tmp_path: Path) -> None:
    users = [PortalUser(1, "a", "a@exemple.fr", S_HASH, "10001000115"), PortalUser(2, "b", "b@exemple.fr", BCRYPT,
             "10001000123")]  # fmt: skip
    store = MemoryAccounts(doctors={"10001000115": Doctor(), "10001000123": Doctor()})
    export = write_drupal8_csv(tmp_path / "d8", users)
    assert run(store, export).applied == {"imported": 2}
    store.sign_in("10001000115")
    users[0].pass_hash, users[1].pass_hash = BCRYPT, S_HASH  # both changed on the portal meanwhile
    second = run(store, write_drupal8_csv(tmp_path / "d8b", users), max_change_share=1.0)
    assert (second.plan.migrated, second.plan.update, second.exit_code) == (1, 1, 0)
    assert store.doctors["10001000115"].espace == "active"
    assert store.doctors["10001000123"].pass_hash == S_HASH


def test_the_safety_limit_refuses_to_overwrite_many_imported_espaces(tmp_path: Path) -> None:
    rpps = [f"1000100{n:03d}" for n in range(100)]
    rpps = [r + str(next(k for k in range(10) if _luhn(r + str(k)))) for r in rpps]
    users = [PortalUser(i + 1, f"u{i}", f"u{i}@exemple.fr", S_HASH, r) for i, r in enumerate(rpps)]
    store = MemoryAccounts(doctors={r: Doctor() for r in rpps})
    assert run(store, write_drupal7_csv(tmp_path / "a", users)).applied == {"imported": 100}
    for user in users[:6]:
        user.mail = f"autre.{user.uid}@exemple.fr"
    refused = run(store, write_drupal7_csv(tmp_path / "b", users), tmp_path / "r.jsonl")
    assert refused.exit_code == 4 and refused.refusal is not None and store.batches == 1
    assert "6 of the 100 espaces imported earlier" in refused.refusal
    assert report_lines(tmp_path / "r.jsonl")[-1]["refusal"] == refused.refusal
    forced = run(store, write_drupal7_csv(tmp_path / "b", users), force=True)
    assert (forced.exit_code, forced.applied) == (0, {"updated": 6})


def test_refusals_of_the_endpoint_are_reported_with_their_line(tmp_path: Path) -> None:
    store = MemoryAccounts(doctors={"10001000115": Doctor(), "10001000123": Doctor()})
    export = write_drupal7_csv(tmp_path, [PortalUser(5, "a", "a@exemple.fr", S_HASH, "10001000115"),
                                          PortalUser(6, "b", "b@exemple.fr", S_HASH, "10001000123")])  # fmt: skip
    original_export = store.export

    def export_then_activate():  # type: ignore[no-untyped-def]
        yield from original_export()
        store.doctors["10001000123"] = Doctor("b2@exemple.fr", "active")  # activated while the import ran

    store.export = export_then_activate  # type: ignore[method-assign]
    result = run(store, export, tmp_path / "r.jsonl")
    assert (result.applied, result.refused_late, result.exit_code) == ({"imported": 1}, 1, 3)
    (late,) = [line for line in report_lines(tmp_path / "r.jsonl") if line["type"] == "reject"]
    assert (late["code"], late["message"], late["lines"], late["uid"]) == (
        "espace_active",
        MESSAGES["espace_active"],
        [3],
        "6",
    )


def test_a_failing_endpoint_stops_the_run_and_keeps_what_landed(tmp_path: Path) -> None:
    users = [PortalUser(i, f"u{i}", f"u{i}@exemple.fr", S_HASH, r) for i, r in enumerate(DEMO_DOCTORS[:6], 1)]
    store = MemoryAccounts(doctors={r: Doctor() for r in DEMO_DOCTORS[:6]}, fail_at_batch=2)
    report = tmp_path / "r.jsonl"
    with pytest.raises(BulkEndpointError):
        run(store, write_drupal7_csv(tmp_path, users), report, batch_size=2, parallel=1)
    assert sum(d.espace == "legacy" for d in store.doctors.values()) == 2
    summary = report_lines(report)[-1]
    assert summary["completed"] is False and "connection refused" in str(summary["error"])
    store.fail_at_batch = None
    rerun = run(store, write_drupal7_csv(tmp_path, users), batch_size=2)
    assert (rerun.plan.unchanged, rerun.applied) == (2, {"imported": 4})


def _luhn(number: str) -> bool:
    from ordinal_sync.normalise import luhn_valid

    return luhn_valid(number)


def test_undo_removes_the_imports_nobody_used_and_keeps_the_espaces_of_doctors_who_signed_in() -> None:
    store = demo_store()
    run(store, [DEMO / "drupal7"])
    store.sign_in("10001000115")
    dry = undo_into(store, settings=ImportSettings(dry_run=True))
    assert (dry.imported, dry.signed_in, dry.applied) == (2, 1, {})
    done = undo_into(store)
    assert done.applied == {"undone": 2}
    assert store.doctors["10001000123"] == Doctor() and store.doctors["10001000131"] == Doctor()
    assert store.doctors["10001000115"].espace == "active"
    assert store.doctors["10001000057"].email == "marie.durand@exemple.fr"  # never imported: untouched
    assert undo_into(store).applied == {}
    # The export can be imported again afterwards.
    assert run(store, [DEMO / "drupal7"]).applied == {"imported": 2}
