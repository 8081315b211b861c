"""Plain data flowing between the Ordinal sync modules: doctors, statuses and issues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from monespace_realm.contract import contract

# Statuses of the Ordinal CSV (formats/rpps-extraction.md, section 2), and those that keep a
# doctor enabled unless configured otherwise: realm/contract.yaml, as the extensions read them.
ALL_STATUSES: frozenset[str] = frozenset(contract().statuses)
DEFAULT_ACTIVE_STATUSES: frozenset[str] = frozenset(contract().active_statuses)


def active_statuses(names: Iterable[str]) -> frozenset[str]:
    """Validate a configured active set: a typo would silently disable whole populations."""
    chosen = frozenset(name.strip().lower() for name in names)
    unknown = chosen - ALL_STATUSES
    if unknown:
        raise ValueError(f"unknown Ordinal status(es) in the active set: {', '.join(sorted(unknown))}")
    return chosen


@dataclass(frozen=True, slots=True)
class Doctor:
    """One doctor as the source file describes them, normalised.

    Two kinds of "nothing" are kept apart, because an update must not erase what a source
    cannot know:
    - ``None`` in ``status``, ``birth_last_name`` and ``given_names`` means *this source does
      not carry the field*: Keycloak keeps whatever it has. The RPPS extraction carries no
      status (it lists people with a current activity, so it never enables or disables
      anybody); the Ordinal CSV carries neither birth name nor the full list of given names.
    - ``None`` in the contact fields, ``civility`` and ``council`` means *the source says
      there is no value*: the attribute is cleared.
    """

    rpps: str
    birth_date: str  # ISO YYYY-MM-DD
    last_name: str  # display name: name of practice when the source has one, else birth name
    first_name: str
    civility: str | None  # M, MME or MLLE
    mobile_phone: str | None  # E.164, a number phonenumbers classifies as mobile
    landline_phone: str | None  # E.164, any other valid number
    correspondence_email: str | None  # lower-cased
    council: str | None  # department code of the conseil départemental: 75, 2A, 974…
    status: str | None  # Ordinal status; None: the source does not decide
    status_on_create: str  # status given to a doctor this run creates
    birth_last_name: str | None
    given_names: str | None  # all given names, space-joined


class Severity(StrEnum):
    REJECT = "reject"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """A record rejected (it does not reach Keycloak) or a value dropped with a warning.

    ``lines`` are physical line numbers in the source file, the header being line 1.
    """

    severity: Severity
    code: str
    message: str
    lines: tuple[int, ...]
    rpps: str | None = None
    field: str | None = None
    value: str | None = None


# What reading a source yields: a doctor to plan, or the rejection standing for a record.
SourceRecord = Doctor | Issue


@dataclass(frozen=True, slots=True)
class Normalised:
    """One record read and normalised: the doctor or the rejection standing for it, every issue
    found (written to the report), the raw digest of its lines (grouping.py) and, for a doctor,
    its content hash (hashing.py)."""

    record: SourceRecord
    issues: tuple[Issue, ...]
    raw_digest: bytes
    content_hash: str | None
