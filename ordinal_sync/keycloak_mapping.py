"""What a Doctor becomes in Keycloak: user-profile attributes and the enabled flag.

The attribute names are declared in the realm's user profile (undeclared attributes are
silently dropped by Keycloak, see KEYCLOAK-NOTES.md). The login ``email``, credentials and
required actions are never written: they belong to the doctor, not to the Ordinal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ordinal_sync.model import Doctor

USERNAME = "username"
FIRST_NAME = "firstName"
LAST_NAME = "lastName"
RPPS = "rpps"
BIRTH_DATE = "birthDate"
MOBILE_PHONE = "mobilePhone"
LANDLINE_PHONE = "landlinePhone"
CORRESPONDENCE_EMAIL = "correspondenceEmail"
CIVILITY = "civility"
BIRTH_LAST_NAME = "birthLastName"
GIVEN_NAMES = "givenNames"
ORDINAL_STATUS = "ordinalStatus"
COUNCIL = "council"
ORDINAL_HASH = "ordinalHash"


def synced_attributes(doctor: Doctor) -> dict[str, list[str]]:
    """The user-profile attributes the doctor's source decides, ``ordinalHash`` aside.

    An empty list means "clear this attribute" (the source says there is no value); an
    attribute missing from the dict is one the source does not carry (``ordinalStatus``
    from the extraction, ``birthLastName`` and ``givenNames`` from the Ordinal CSV) and
    must be left as it is.
    """
    attributes = {
        USERNAME: [doctor.rpps],
        FIRST_NAME: _values(doctor.first_name),
        LAST_NAME: _values(doctor.last_name),
        RPPS: [doctor.rpps],
        BIRTH_DATE: [doctor.birth_date],
        MOBILE_PHONE: _values(doctor.mobile_phone),
        LANDLINE_PHONE: _values(doctor.landline_phone),
        CORRESPONDENCE_EMAIL: _values(doctor.correspondence_email),
        CIVILITY: _values(doctor.civility),
        COUNCIL: _values(doctor.council),
    }
    if doctor.status is not None:
        attributes[ORDINAL_STATUS] = [doctor.status]
    if doctor.birth_last_name is not None:
        attributes[BIRTH_LAST_NAME] = _values(doctor.birth_last_name)
    if doctor.given_names is not None:
        attributes[GIVEN_NAMES] = _values(doctor.given_names)
    return attributes


def _values(value: str | None) -> list[str]:
    return [value] if value else []


@dataclass(frozen=True, slots=True)
class KeycloakUser:
    """One user write. ``enabled`` None: leave the flag as it is.

    ``attributes`` follow synced_attributes' convention (empty list: clear; missing: leave)
    and include ``username``, ``firstName``, ``lastName`` and ``ordinalHash``. ``creating``:
    Keycloak's export did not list this doctor (see KeycloakBulk.upsert).
    """

    username: str
    enabled: bool | None
    attributes: dict[str, list[str]]
    creating: bool = False


def keycloak_user(doctor: Doctor, *, content_hash: str, enabled: bool | None, creating: bool) -> KeycloakUser:
    """The write for ``doctor``: every attribute its source carries, plus ``ordinalHash``.

    An update clears the attributes the source says are empty and leaves those it does not
    carry. A creation has nothing to clear, so empty attributes are left out, and it sets
    ``status_on_create`` when the source carries no status: every user the sync creates has
    an ``ordinalStatus``.
    """
    attributes = synced_attributes(doctor)
    attributes[ORDINAL_HASH] = [content_hash]
    if creating:
        attributes.setdefault(ORDINAL_STATUS, [doctor.status_on_create])
        attributes = {name: values for name, values in attributes.items() if values}
    return KeycloakUser(doctor.rpps, enabled, attributes, creating)
