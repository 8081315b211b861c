"""The compact RPPS → ExistingDoctor mapping the planner looks doctors up in."""

from __future__ import annotations

from ordinal_sync.inventory import DoctorInventory
from ordinal_sync.planning import ExistingDoctor

HASH = "0123456789abcdef0123456789abcdef"


def test_round_trip_of_digest_flag_and_status() -> None:
    doctors = [
        ("00000000017", ExistingDoctor(HASH, True, "inscrit")),
        ("10000000017", ExistingDoctor(HASH[::-1], False, "radie")),
        ("10000000025", ExistingDoctor(HASH, True, None)),
    ]
    inventory = DoctorInventory(doctors)
    assert len(inventory) == 3
    assert dict(inventory) == dict(doctors)
    assert next(iter(inventory)) == "00000000017", "leading zeros survive the numeric key"
    assert "10000000017" in inventory and "10000000033" not in inventory and 10000000017 not in inventory
    assert inventory.get("10000000033") is None


def test_a_digest_this_sync_did_not_write_reads_as_none_so_the_doctor_is_rewritten() -> None:
    inventory = DoctorInventory(
        [
            ("10000000017", ExistingDoctor("hand-made", True, "inscrit")),
            ("10000000025", ExistingDoctor("", True, None)),
        ]
    )
    assert inventory["10000000017"].content_hash == ""
    assert inventory["10000000025"].content_hash == ""


def test_usernames_that_are_not_rpps_numbers_are_kept_as_they_are() -> None:
    odd = ExistingDoctor(HASH, True, "inscrit")
    inventory = DoctorInventory([("dr-test", odd), ("123", odd)])
    assert inventory["dr-test"] == odd and inventory["123"] == odd
    assert sorted(inventory) == ["123", "dr-test"]


def test_more_statuses_than_one_byte_still_work() -> None:
    doctors = [(f"{n:011d}", ExistingDoctor(HASH, True, f"status-{n}")) for n in range(300)]
    inventory = DoctorInventory(doctors)
    assert all(inventory[rpps] == doctor for rpps, doctor in doctors)


def test_an_export_out_of_rpps_order_is_sorted_once_and_a_repeated_rpps_keeps_its_last() -> None:
    inventory = DoctorInventory(
        [
            ("10000000025", ExistingDoctor(HASH, True, None)),
            ("10000000017", ExistingDoctor(HASH, False, "radie")),
            ("10000000025", ExistingDoctor(HASH[::-1], False, None)),
        ]
    )
    assert list(inventory) == ["10000000017", "10000000025"]
    assert inventory["10000000025"] == ExistingDoctor(HASH[::-1], False, None)
    held = inventory.record(10000000017)
    assert held is not None and inventory.digest_of(held) == bytes.fromhex(HASH)
    assert inventory.doctor(held) == ExistingDoctor(HASH, False, "radie")
    assert inventory.record(10000000033) is None and inventory.by_number(10000000033) is None
