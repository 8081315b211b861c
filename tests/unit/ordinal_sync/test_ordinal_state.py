"""The state of the last run: a cache of normalisation that may only make a run faster.

Runs go against the in-memory stand-in for Keycloak (MemoryStore); the same sequence with a
real Keycloak is tests/integration/test_ordinal_sync_state.py.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from ordinal_sync.apply import SyncResult, SyncSettings, sync_into
from ordinal_sync.state import ENTRY_SIZE, NextState, SavedState, default_path, fingerprint
from tests.unit.ordinal_sync.conftest import RPPS, TODAY, CsvFile, WriteSource, row
from tests.unit.ordinal_sync.memory_store import MemoryStore

RAW = bytes(range(16))
HASH = "0123456789abcdef0123456789abcdef"


def saved(path: Path, entries: list[tuple[int, bytes, str, str | None]], layout: str = "ordinal_csv") -> None:
    state = NextState(path, layout, "monespace")
    for key, raw, content, status in entries:
        state.add(key, raw, content, status)
    state.save()


def test_a_saved_state_reads_back_sorted_and_whole(tmp_path: Path) -> None:
    path = tmp_path / "s.state"
    saved(path, [(10000000025, RAW, HASH, "radie"), (10000000017, RAW[::-1], HASH, None)])
    state = SavedState(path, "ordinal_csv")
    assert state.usable and len(state) == 2
    entries = [(e.key, e.raw_digest, e.content_hash, e.status) for e in state]
    assert entries == [(10000000017, RAW[::-1], HASH, None), (10000000025, RAW, HASH, "radie")]
    assert list(tmp_path.iterdir()) == [path], "no temporary file left beside it"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) - ENTRY_SIZE], "damaged or truncated"),
        (lambda data: data[:100], "damaged or truncated"),
        (lambda data: data[:-60] + bytes([data[-60] ^ 1]) + data[-59:], "damaged or truncated"),
        (lambda data: b"", "not a state file"),
        (lambda data: b"rpps;date_naissance\n", "not a state file"),
    ],
)
def test_a_damaged_or_truncated_state_is_ignored_whole(tmp_path: Path, damage, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.state"
    saved(path, [(10000000017 + n, RAW, HASH, "inscrit") for n in range(5)])
    path.write_bytes(damage(path.read_bytes()))
    state = SavedState(path, "ordinal_csv")
    assert not state.usable and state.reason is not None and reason in state.reason
    assert list(state) == []


def test_a_state_of_another_layout_or_version_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "s.state"
    saved(path, [(10000000017, RAW, HASH, None)], layout="extraction")
    assert SavedState(path, "extraction").usable
    other = SavedState(path, "ordinal_csv")
    assert not other.usable and "another version of the sync or for another layout" in (other.reason or "")
    assert fingerprint("extraction") != fingerprint("ordinal_csv")
    assert SavedState(tmp_path / "missing.state", "extraction").reason == "none yet"


def test_a_failed_save_leaves_the_previous_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.state"
    saved(path, [(10000000017, RAW, HASH, None)])
    before = path.read_bytes()

    def no_rename(source: str, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError, match="disk full"):
        saved(path, [(10000000025, RAW, HASH, None)])
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]


def test_the_default_place_is_one_file_per_realm_and_layout(tmp_path: Path) -> None:
    assert default_path(tmp_path, "monespace", "extraction") == tmp_path / "ordinal-sync-monespace-extraction.state"
    assert default_path(tmp_path, "../x y", "ordinal_csv").parent == tmp_path


# --- runs --------------------------------------------------------------------------------------


def settings(state: Path | None, **overrides: object) -> SyncSettings:
    values: dict[str, object] = {
        "today": TODAY,
        "batch_size": 4,
        "max_change_share": 1.0,
        "keep_state": state is not None,
        "state_file": state,
        **overrides,
    }
    return SyncSettings(**values)  # type: ignore[arg-type]


def test_a_second_run_normalises_only_what_changed_and_writes_what_a_run_without_state_writes(
    csv_file: CsvFile, tmp_path: Path
) -> None:
    state = tmp_path / "sync.state"
    store = MemoryStore()
    rows = [row(r) for r in RPPS[:20]]
    rows.append(row(RPPS[20], mobile="41.43.60.87"))  # a warning: such records are always read again
    first = sync_into(store, csv_file(rows), settings=settings(state))
    assert first.state is not None and first.state.ignored == "none yet" and first.state.saved == 20
    assert first.normalised == 21 and first.plan.create == 21

    rows[3] = row(RPPS[3], mobile="07 81 23 45 22")
    rows[4] = row(RPPS[4], status="radie")
    second = sync_into(store, csv_file(rows), settings=settings(state))
    assert second.state is not None and (second.state.loaded, second.state.reused) == (20, 18)
    assert second.normalised == 3, "the two changed records and the one with a warning"
    assert (second.plan.update, second.plan.disable, second.plan.unchanged) == (1, 1, 19)
    assert store.users[RPPS[3]].attributes["mobilePhone"] == ["+33781234522"]
    assert not store.users[RPPS[4]].enabled

    batches = store.batches
    third = sync_into(store, csv_file(rows), settings=settings(state))
    assert third.to_write == 0 and third.normalised == 1 and store.batches == batches


def test_keycloak_stays_the_truth_a_doctor_deleted_disabled_or_altered_by_hand_is_repaired(
    csv_file: CsvFile, tmp_path: Path
) -> None:
    state = tmp_path / "sync.state"
    store = MemoryStore()
    rows = [row(r) for r in RPPS[:10]]
    sync_into(store, csv_file(rows), settings=settings(state))
    del store.users[RPPS[0]]  # deleted by hand
    store.users[RPPS[1]].attributes["ordinalHash"] = ["f" * 32]  # a value the sync did not write
    store.users[RPPS[2]].attributes["ordinalStatus"] = ["suspendu"]  # the sync's own disable…
    store.users[RPPS[2]].enabled = False  # …as if a past run had done it: the file says inscrit
    result = sync_into(store, csv_file(rows), settings=settings(state))
    assert (result.plan.create, result.plan.update, result.plan.re_enable) == (1, 1, 1)
    assert result.state is not None and result.state.reused == 7
    assert RPPS[0] in store.users and store.users[RPPS[2]].enabled
    assert store.users[RPPS[1]].attributes["ordinalHash"] != ["f" * 32]


def _swap(state: Path, other: Path) -> None:
    data = other.read_bytes()
    other.write_bytes(state.read_bytes())
    state.write_bytes(data)


def _flip_a_byte(state: Path) -> None:
    data = bytearray(state.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, inside an entry: the checksum no longer matches
    state.write_bytes(bytes(data))


STATE_ACCIDENTS = {
    "deleted": lambda state, other: state.unlink(),
    "truncated": lambda state, other: state.write_bytes(state.read_bytes()[: state.stat().st_size // 2]),
    "emptied": lambda state, other: state.write_bytes(b""),
    "corrupted": lambda state, other: _flip_a_byte(state),
    "swapped with another realm's": _swap,
    "replaced by an older one": lambda state, other: state.write_bytes(other.read_bytes()),
}


@pytest.mark.parametrize("accident", list(STATE_ACCIDENTS))
def test_whatever_happens_to_the_state_between_runs_the_result_is_identical(
    accident: str, csv_file: CsvFile, tmp_path: Path
) -> None:
    """Two realms, two states; the state of one is damaged, deleted or exchanged between runs."""
    state, other_state = tmp_path / "a.state", tmp_path / "b.state"
    with_state, other, reference = MemoryStore(), MemoryStore(), MemoryStore()
    files = _file_sequence(csv_file, steps=4, seed=7)
    sync_into(other, files[0], settings=settings(other_state))
    for step, source in enumerate(files):
        if step == 2:
            STATE_ACCIDENTS[accident](state, other_state)
        kept = sync_into(with_state, source, settings=settings(state))
        plain = sync_into(reference, source, settings=settings(None))
        assert _comparable(kept) == _comparable(plain), f"step {step}"
        assert with_state.users == reference.users, f"step {step}"


class Killed(BaseException):
    """The process stopped there: no handler of the sync's catches it."""


def test_a_run_killed_while_writing_then_the_next_runs_end_as_without_the_state(
    csv_file: CsvFile, tmp_path: Path
) -> None:
    """A run killed between two write batches (Keycloak half written, the state not saved, a
    temporary state file left by a save that never finished): the next run repairs everything."""
    state = tmp_path / "a.state"
    with_state, reference = MemoryStore(), MemoryStore()
    files = _file_sequence(csv_file, steps=5, seed=11)
    for step, source in enumerate(files):
        if step == 2:
            saved_before = state.read_bytes()
            write = with_state.upsert
            calls = 0

            def upsert_then_die(users, write=write):  # type: ignore[no-untyped-def]
                nonlocal calls
                calls += 1
                if calls == 2:
                    write(users[: len(users) // 2])
                    raise Killed
                return write(users)

            with_state.upsert = upsert_then_die  # type: ignore[method-assign]
            with pytest.raises(Killed):
                sync_into(with_state, source, settings=settings(state, batch_size=2, parallel=1))
            del with_state.upsert
            assert calls == 2, "the run was killed while writing"
            assert state.read_bytes() == saved_before, "a killed run leaves the previous state"
            (tmp_path / f".{state.name}.killed").write_bytes(saved_before[: len(saved_before) // 3])
        kept = sync_into(with_state, source, settings=settings(state))
        plain = sync_into(reference, source, settings=settings(None))
        if step != 2:  # the step of the killed run: what is left to write differs, not the result
            assert _comparable(kept) == _comparable(plain), f"step {step}"
        assert with_state.users == reference.users, f"step {step}"
    assert kept.state is not None and kept.state.reused > 0


def test_same_results_with_and_without_the_state_over_a_random_sequence_of_files_and_hand_edits(
    csv_file: CsvFile, write_source: WriteSource, extraction_header: str, extraction_line, tmp_path: Path
) -> None:
    rng = random.Random(15)
    state = tmp_path / "sync.state"
    with_state, reference = MemoryStore(), MemoryStore()
    files = _file_sequence(csv_file, steps=8, seed=15)
    extraction = write_source(
        [extraction_header, *(extraction_line(rpps=r, birth="17/06/1980", phone="0612345678") for r in RPPS[:12])],
        name="extraction.txt",
    )
    for step, source in enumerate([*files[:4], extraction, extraction, *files[4:]]):
        seed = rng.random()
        for store in (with_state, reference):
            _hand_edits(store, random.Random(seed))
        kept = sync_into(with_state, source, settings=settings(state))
        plain = sync_into(reference, source, settings=settings(None))
        assert _comparable(kept) == _comparable(plain), f"step {step}"
        assert with_state.users == reference.users, f"step {step}"
    assert kept.state is not None and kept.state.reused > 0


def _comparable(result: SyncResult) -> tuple[object, ...]:
    return (result.plan.as_dict(), result.applied.as_dict(), result.rejected, result.warnings, result.exit_code)


def _file_sequence(csv_file: CsvFile, steps: int, seed: int) -> list[Path]:
    """Ordinal CSV files of a population drifting as a daily export would: contact details,
    statuses, doctors coming and going, a record with a warning, one rejected."""
    rng = random.Random(seed)
    people = {rpps: {"status": "inscrit", "mobile": "06 12 34 56 78", "email": None} for rpps in RPPS[:30]}
    files = []
    for _step in range(steps):
        for rpps in rng.sample(sorted(people), 4):
            person = people[rpps]
            choice = rng.random()
            if choice < 0.4:
                person["mobile"] = f"07 81 {rng.randrange(10, 99)} 45 22"
            elif choice < 0.7:
                person["status"] = rng.choice(["radie", "suspendu", "inscrit", "interne", "decede"])
            else:
                person["email"] = rng.choice(["", None, f"autre.{rng.randrange(100)}@exemple.fr"])
        present = [rpps for rpps in people if rng.random() < 0.9]
        lines = [row(rpps, **people[rpps]) for rpps in present]  # type: ignore[arg-type]
        lines.append(row(RPPS[35], mobile="41.43.60.87"))  # a warning
        lines.append(row(RPPS[36]).replace("17/06/1980", "31/02/1980"))  # rejected
        rng.shuffle(lines)
        files.append(csv_file(lines))
        files[-1] = files[-1].rename(files[-1].with_name(f"ordinal-{len(files)}.csv"))
    return files


def _hand_edits(store: MemoryStore, rng: random.Random) -> None:
    """What an administrator may do in Keycloak between two runs."""
    if not store.users:
        return
    for rpps in rng.sample(sorted(store.users), min(3, len(store.users))):
        user = store.users[rpps]
        edit = rng.random()
        if edit < 0.25:
            del store.users[rpps]
        elif edit < 0.5:
            user.enabled = not user.enabled
        elif edit < 0.75:
            user.attributes["ordinalHash"] = [rng.choice(["", "0" * 32, "not-a-hash"])]
        else:
            user.attributes["ordinalStatus"] = [rng.choice(["radie", "inscrit"])]


def test_a_dry_run_neither_uses_a_refusal_to_save_nor_saves(csv_file: CsvFile, tmp_path: Path) -> None:
    state = tmp_path / "sync.state"
    store = MemoryStore()
    source = csv_file([row(r) for r in RPPS[:10]])
    dry = sync_into(store, source, settings=settings(state, dry_run=True))
    assert dry.state is not None and dry.state.saved == 0 and not state.exists()
    sync_into(store, source, settings=settings(state))
    before = state.read_bytes()
    refused = sync_into(
        store, csv_file([row(r, status="radie") for r in RPPS[:10]]), settings=settings(state, max_change_share=0.05)
    )
    assert refused.exit_code == 4 and state.read_bytes() == before


def test_the_report_says_how_the_state_was_used(csv_file: CsvFile, tmp_path: Path) -> None:
    state = tmp_path / "sync.state"
    report = tmp_path / "report.jsonl"
    store = MemoryStore()
    source = csv_file([row(r) for r in RPPS[:5]])
    sync_into(store, source, settings=settings(state))
    sync_into(store, source, settings=settings(state), report_path=report)
    summary = json.loads(report.read_text().splitlines()[-1])
    assert summary["state"] == {"path": str(state), "loaded": 5, "ignored": None, "reused": 5, "saved": 5}
    assert summary["normalised"] == 0 and summary["records"] == 5 and summary["doctors"] == 5
    assert set(summary["phases"]) >= {"read the source (pass 1)", "export from Keycloak", "compare with the state"}
