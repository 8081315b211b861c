"""Planner decisions, counts, the safety threshold and the change spool."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ordinal_sync.hashing import content_hash
from ordinal_sync.model import (
    DEFAULT_ACTIVE_STATUSES,
    Doctor,
    Issue,
    Severity,
    SourceRecord,
    active_statuses,
)
from ordinal_sync.planning import (
    Action,
    Change,
    ChangeSpool,
    ExistingDoctor,
    PlanCounts,
    Planner,
    decide,
    threshold_refusal,
)

ACTIVE = DEFAULT_ACTIVE_STATUSES
CSV_DOCTOR = Doctor(
    rpps="10000000017",
    birth_date="1975-06-17",
    last_name="Dupont",
    first_name="Marie",
    civility="MME",
    mobile_phone="+33652112846",
    landline_phone=None,
    correspondence_email=None,
    council="75",
    status="inscrit",
    status_on_create="inscrit",
    birth_last_name=None,
    given_names=None,
)
EXTRACTION_DOCTOR = replace(CSV_DOCTOR, status=None, birth_last_name="DUPONT", given_names="MARIE")


def _existing(doctor: Doctor, *, enabled: bool = True, status: str | None = "inscrit") -> ExistingDoctor:
    return ExistingDoctor(content_hash(doctor), enabled, status)


def _decide(doctor: Doctor, existing: ExistingDoctor | None) -> tuple[Action, bool | None]:
    change = decide(doctor, existing, ACTIVE)
    return change.action, change.enabled


@pytest.mark.parametrize(
    ("doctor", "expected"),
    [
        (CSV_DOCTOR, (Action.CREATE, True)),
        (replace(CSV_DOCTOR, status="docteur_junior"), (Action.CREATE, True)),
        (replace(CSV_DOCTOR, status="decede"), (Action.CREATE, False)),  # kept, disabled, as in Ordinal
        (EXTRACTION_DOCTOR, (Action.CREATE, True)),
        (replace(EXTRACTION_DOCTOR, status_on_create="interne"), (Action.CREATE, True)),
    ],
)
def test_new_doctors_are_created(doctor: Doctor, expected: tuple[Action, bool]) -> None:
    assert _decide(doctor, None) == expected


def test_created_user_carries_the_planned_hash() -> None:
    change = decide(EXTRACTION_DOCTOR, None, ACTIVE)
    user = change.keycloak_user()
    assert user.attributes["ordinalHash"] == [content_hash(EXTRACTION_DOCTOR)]
    assert user.attributes["ordinalStatus"] == ["inscrit"]
    assert user.enabled is True


def test_unchanged_and_updated() -> None:
    assert _decide(CSV_DOCTOR, _existing(CSV_DOCTOR)) == (Action.UNCHANGED, None)
    moved = replace(CSV_DOCTOR, mobile_phone="+33681409411")
    assert _decide(moved, _existing(CSV_DOCTOR)) == (Action.UPDATE, None)
    assert _decide(CSV_DOCTOR, ExistingDoctor("", True, "inscrit")) == (Action.UPDATE, None)  # never hashed


@pytest.mark.parametrize("status", ["suspendu", "radie", "decede", "non_inscrit"])
def test_leaving_the_active_statuses_disables(status: str) -> None:
    assert _decide(replace(CSV_DOCTOR, status=status), _existing(CSV_DOCTOR)) == (Action.DISABLE, False)


def test_an_inactive_doctor_already_disabled_is_only_updated() -> None:
    radie = replace(CSV_DOCTOR, status="radie")
    assert _decide(radie, _existing(radie, enabled=False, status="radie")) == (Action.UNCHANGED, None)
    assert _decide(radie, _existing(CSV_DOCTOR, enabled=False, status="suspendu")) == (Action.UPDATE, None)


def test_coming_back_to_an_active_status_re_enables() -> None:
    suspended = replace(CSV_DOCTOR, status="suspendu")
    assert _decide(CSV_DOCTOR, _existing(suspended, enabled=False, status="suspendu")) == (
        Action.RE_ENABLE,
        True,
    )


def test_a_doctor_disabled_by_someone_else_stays_disabled() -> None:
    # Active status in Keycloak but disabled: an administrator or a lockout did it.
    assert _decide(CSV_DOCTOR, _existing(CSV_DOCTOR, enabled=False)) == (Action.UNCHANGED, None)
    assert _decide(CSV_DOCTOR, ExistingDoctor("old", False, None)) == (Action.UPDATE, None)


def test_the_extraction_never_enables_or_disables() -> None:
    assert _decide(EXTRACTION_DOCTOR, _existing(EXTRACTION_DOCTOR, enabled=False, status="radie")) == (
        Action.UNCHANGED,
        None,
    )
    moved = replace(EXTRACTION_DOCTOR, mobile_phone=None)
    assert _decide(moved, _existing(EXTRACTION_DOCTOR, enabled=False, status="radie")) == (
        Action.UPDATE,
        None,
    )
    assert _decide(moved, _existing(EXTRACTION_DOCTOR, enabled=True, status="inscrit")) == (
        Action.UPDATE,
        None,
    )
    assert "ordinalStatus" not in decide(moved, _existing(EXTRACTION_DOCTOR), ACTIVE).keycloak_user().attributes


def test_the_active_set_is_configurable_and_checked() -> None:
    wider = active_statuses(["inscrit", "interne", "docteur_junior", " Suspendu "])
    suspended = replace(CSV_DOCTOR, status="suspendu")
    assert decide(suspended, None, wider).enabled is True
    # Documented limit: disabled under the former set, now indistinguishable from a
    # doctor an administrator disabled, so left disabled.
    assert decide(suspended, _existing(suspended, enabled=False, status="suspendu"), wider).enabled is None
    intern = replace(CSV_DOCTOR, status="interne")
    assert decide(intern, _existing(intern), frozenset({"inscrit"})).action is Action.DISABLE
    with pytest.raises(ValueError, match="retraite"):
        active_statuses(["inscrit", "retraite"])


def test_planner_streams_changes_and_counts_everything() -> None:
    doctors = {n: replace(CSV_DOCTOR, rpps=f"{n}") for n in range(8)}
    existing = {
        "1": _existing(doctors[1]),
        "2": _existing(replace(doctors[2], mobile_phone=None)),
        "3": _existing(doctors[3]),
        "4": _existing(replace(doctors[4], status="radie"), enabled=False, status="radie"),
        "absent": ExistingDoctor("x", True, "inscrit"),
    }
    records: list[SourceRecord] = [
        doctors[0],
        doctors[1],
        doctors[2],
        replace(doctors[3], status="decede"),
        doctors[4],
        Issue(Severity.REJECT, "rpps_checksum", "…", (9,)),
    ]
    planner = Planner(existing)
    changes = list(planner.plan(records))
    assert [(change.doctor.rpps, change.action) for change in changes] == [
        ("0", Action.CREATE),
        ("2", Action.UPDATE),
        ("3", Action.DISABLE),
        ("4", Action.RE_ENABLE),
    ]
    assert planner.counts == PlanCounts(create=1, update=1, disable=1, re_enable=1, unchanged=1, rejected=1, absent=1)


def test_threshold_counts_updates_disables_and_re_enables() -> None:
    assert threshold_refusal(PlanCounts(update=3, disable=1, re_enable=1), 100) is None  # 5% exactly
    refusal = threshold_refusal(PlanCounts(update=4, disable=1, re_enable=1, create=1000), 100)
    assert refusal is not None
    assert "6 of the 100 doctors" in refusal
    assert "6.0%" in refusal
    assert "5% safety limit" in refusal
    assert "2.5% safety limit" in (threshold_refusal(PlanCounts(update=3), 100, max_share=0.025) or "")
    assert threshold_refusal(PlanCounts(update=10), 100, max_share=0.1) is None
    assert threshold_refusal(PlanCounts(update=11), 100, max_share=0.1) is not None


def test_creations_never_trip_the_threshold() -> None:
    assert threshold_refusal(PlanCounts(create=300_000), 0) is None
    assert threshold_refusal(PlanCounts(create=300_000, unchanged=10), 10) is None


def test_threshold_rejects_a_nonsense_limit() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        threshold_refusal(PlanCounts(), 10, max_share=5)


def test_spool_gives_the_changes_back_as_often_as_needed(tmp_path: Path) -> None:
    changes = [decide(replace(CSV_DOCTOR, rpps=str(n)), None, ACTIVE) for n in range(50)]
    with ChangeSpool(iter(changes), tmp_path) as spool:
        assert len(spool) == 50
        assert list(spool) == changes
        assert list(spool) == changes


def test_spool_does_not_keep_the_changes_it_gave_back(tmp_path: Path) -> None:
    def changes() -> Iterator[Change]:
        for n in range(500):
            yield decide(replace(CSV_DOCTOR, rpps=str(n)), None, ACTIVE)

    with ChangeSpool(changes(), tmp_path) as spool:
        reading = iter(spool)
        for _ in range(400):
            next(reading)
        gc.collect()
        assert sum(isinstance(thing, Change) for thing in gc.get_objects()) <= 1
