"""Decide, without touching Keycloak, what a run does to each doctor; refuse suspicious runs.

The planner holds only what Keycloak already has (RPPS → ExistingDoctor) in memory and
streams the desired doctors through. Who decides what (formats/rpps-extraction.md):
- a doctor unknown to Keycloak is created, enabled when its status (or, from the
  extraction, its creation status) is active, disabled otherwise;
- only a source carrying a status enables or disables an existing doctor: the extraction
  never does, and absence from any source disables nobody;
- a disabled doctor is re-enabled only when the sync itself disabled them, i.e. Keycloak
  holds an inactive ``ordinalStatus``. A doctor disabled while their status was active was
  disabled by someone else (an administrator, brute-force lockout) and stays disabled.
  "Inactive" is judged with the current active set: after widening it, doctors the sync
  disabled under the former set look disabled by someone else and stay disabled.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO

from ordinal_sync.hashing import content_hash
from ordinal_sync.keycloak_mapping import KeycloakUser, keycloak_user
from ordinal_sync.model import DEFAULT_ACTIVE_STATUSES, Doctor, Issue, Normalised, SourceRecord

DEFAULT_MAX_CHANGE_SHARE = 0.05


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"  # attributes differ, enabled flag untouched
    DISABLE = "disable"  # status left the active set (attributes written too)
    RE_ENABLE = "re_enable"  # status back in the active set (attributes written too)
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class ExistingDoctor:
    """What the apply side reads back from Keycloak for each user holding an RPPS."""

    content_hash: str  # ordinalHash attribute, "" when missing
    enabled: bool
    status: str | None  # ordinalStatus attribute


@dataclass(frozen=True, slots=True)
class Change:
    action: Action
    doctor: Doctor
    content_hash: str
    enabled: bool | None  # flag to write; None: leave it as it is

    def keycloak_user(self) -> KeycloakUser:
        return keycloak_user(
            self.doctor,
            content_hash=self.content_hash,
            enabled=self.enabled,
            creating=self.action is Action.CREATE,
        )


def decide(
    doctor: Doctor, existing: ExistingDoctor | None, active_statuses: frozenset[str], digest: str | None = None
) -> Change:
    """What to do with ``doctor``; ``digest`` is its content_hash when already computed."""
    digest = digest or content_hash(doctor)
    if existing is None:
        status = doctor.status or doctor.status_on_create
        return Change(Action.CREATE, doctor, digest, status in active_statuses)
    action, enabled = compare(digest, doctor.status, existing, active_statuses)
    return Change(action, doctor, digest, enabled)


def compare(
    digest: str, status: str | None, existing: ExistingDoctor, active_statuses: frozenset[str]
) -> tuple[Action, bool | None]:
    """The action for a doctor Keycloak already holds, and the enabled flag to write (None: leave it).

    Needs only the doctor's content hash and status: a record the saved state knows is decided
    here without being normalised again.
    """
    action = Action.UNCHANGED if digest == existing.content_hash else Action.UPDATE
    enabled: bool | None = None
    if status is not None:
        active = status in active_statuses
        disabled_by_sync = existing.status is not None and existing.status not in active_statuses
        if existing.enabled and not active:
            action, enabled = Action.DISABLE, False
        elif not existing.enabled and active and disabled_by_sync:
            action, enabled = Action.RE_ENABLE, True
    return action, enabled


@dataclass
class PlanCounts:
    create: int = 0
    update: int = 0
    disable: int = 0
    re_enable: int = 0
    unchanged: int = 0
    rejected: int = 0
    absent: int = 0  # in Keycloak, not in the source: left as they are

    def add(self, action: Action) -> None:
        field = action.value  # each Action has its counter, named after its value
        setattr(self, field, getattr(self, field) + 1)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class Planner:
    """Streams source records into Changes and counts them.

    Each RPPS must come at most once, among the records planned and those counted as
    ``unchanged_elsewhere``; the pipeline guarantees it.
    """

    def __init__(
        self,
        existing: Mapping[str, ExistingDoctor],
        active_statuses: frozenset[str] = DEFAULT_ACTIVE_STATUSES,
    ) -> None:
        self._existing = existing
        self._active_statuses = active_statuses
        self._matched = 0
        self.counts = PlanCounts()

    def unchanged_elsewhere(self, count: int) -> None:
        """``count`` doctors held by Keycloak were found unchanged without being planned here."""
        self._matched += count
        self.counts.unchanged += count
        self.counts.absent = len(self._existing) - self._matched

    def plan(self, records: Iterable[SourceRecord | Normalised]) -> Iterator[Change]:
        """Yield every Change but the unchanged ones; ``counts`` is complete once exhausted."""
        for item in records:
            record, digest = (item.record, item.content_hash) if isinstance(item, Normalised) else (item, None)
            if isinstance(record, Issue):
                self.counts.rejected += 1
                continue
            existing = self._existing.get(record.rpps)
            self._matched += existing is not None
            change = decide(record, existing, self._active_statuses, digest)
            self.counts.add(change.action)
            if change.action is not Action.UNCHANGED:
                yield change
        self.counts.absent = len(self._existing) - self._matched


def threshold_refusal(
    counts: PlanCounts, existing_total: int, max_share: float = DEFAULT_MAX_CHANGE_SHARE
) -> str | None:
    """A refusal message when the run would change too many doctors already in Keycloak, else None.

    Changed share = (updates + disables + re-enables) / doctors already in Keycloak. Creations
    never count (a first run fills an empty realm), and an empty realm never refuses.
    Re-enables count although they undo earlier disables: a broken file marking everybody
    active would re-open the espaces of struck-off doctors.
    """
    if not 0 <= max_share <= 1:
        raise ValueError(f"max_share must be between 0 and 1, got {max_share}")
    if existing_total == 0:
        return None
    changed = counts.update + counts.disable + counts.re_enable
    share = changed / existing_total
    if share <= max_share:
        return None
    return (
        f"Refusing to apply: {changed} of the {existing_total} doctors already in Keycloak would change "
        f"({share:.1%}: {counts.update} updates, {counts.disable} disables, {counts.re_enable} re-enables), "
        f"above the {max_share * 100:g}% safety limit. Check the source file; if the change is expected, "
        f"rerun with a higher limit."
    )


class ChangeSpool:
    """The changes of a plan, kept in a temporary file until the threshold check allows them.

    Holding a first run's 300,000 Changes in memory would cost about 600 MB; on disk they
    are read back in order, as many times as needed.
    """

    def __init__(self, changes: Iterable[Change], workdir: str | Path | None = None) -> None:
        # Closed by close() / __exit__; unnamed, so no other process can alter what is unpickled.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="ordinal-changes-", dir=workdir)  # noqa: SIM115
        self._count = 0
        # One pickle per change, each with its own (un)pickler: a long-lived Unpickler's
        # memo would keep every change read so far alive.
        for change in changes:
            pickle.dump(change, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += 1
        self._file.flush()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Change]:
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ChangeSpool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
