"""Synthetic doctors written through the admin API, as the Ordinal sync would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keycloak import KeycloakAdmin

from ordinal_sync import keycloak_mapping as names
from ordinal_sync.model import DEFAULT_ACTIVE_STATUSES
from tests.support.rpps import new_rpps


@dataclass
class Doctor:
    id: str
    rpps: str
    birth_date: date
    mobile: str | None
    email: str | None
    login_email: str | None = None
    password: str | None = None

    @property
    def typed_birth_date(self) -> str:
        return self.birth_date.strftime("%d/%m/%Y")


class DoctorFactory:
    """`admin` must be bound to the doctors' realm (KeycloakAdmin(realm_name=…, user_realm_name="master"))."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self.admin = admin
        self._groups: dict[str, str | None] = {}

    def council_group(self, council: str) -> str | None:
        """Id of the doctors' group of a conseil (realm/support.yaml), None when the realm has none."""
        name = f"conseil-{council}"
        if name not in self._groups:
            found = [g for g in self.admin.get_groups({"search": name, "exact": "true"}) if g["name"] == name]
            self._groups[name] = str(found[0]["id"]) if found else None
        return self._groups[name]

    def create(
        self,
        *,
        birth_date: date = date(1980, 6, 17),
        mobile: str | None = "",
        email: str | None = "",
        landline: str | None = None,
        status: str = "inscrit",
        enabled: bool | None = None,
        login_email: str | None = None,
        password: str | None = None,
        first_name: str = "Claire",
        last_name: str = "Test",
        council: str = "75",
    ) -> Doctor:
        rpps = new_rpps()
        # "" means "one of its own", so tests never read each other's codes.
        if mobile == "":
            mobile = f"+336{rpps[-8:]}"
        if email == "":
            email = f"corr.{rpps}@exemple.fr"
        # The names the sync writes (realm/contract.yaml, as ordinal_sync.keycloak_mapping spells them).
        attributes: dict[str, list[str]] = {
            names.RPPS: [rpps],
            names.BIRTH_DATE: [birth_date.isoformat()],
            names.ORDINAL_STATUS: [status],
            names.CIVILITY: ["MME"],
            names.COUNCIL: [council],
        }
        if mobile:
            attributes[names.MOBILE_PHONE] = [mobile]
        if landline:
            attributes[names.LANDLINE_PHONE] = [landline]
        if email:
            attributes[names.CORRESPONDENCE_EMAIL] = [email]
        active = status in DEFAULT_ACTIVE_STATUSES
        body = {
            "username": rpps,
            "enabled": active if enabled is None else enabled,
            "firstName": first_name,
            "lastName": last_name,
            "attributes": attributes,
        }
        user_id = self.admin.create_user(body, exist_ok=False)
        # In their conseil's group, as the Ordinal sync puts them (sync/CouncilGroups.java).
        group = self.council_group(council)
        if group is not None:
            self.admin.group_user_add(user_id, group)
        doctor = Doctor(user_id, rpps, birth_date, mobile, email)
        if login_email and password:
            self.activate(doctor, login_email, password)
        return doctor

    def activate(self, doctor: Doctor, login_email: str, password: str) -> None:
        """An espace already activated: login e-mail and password set by an administrator."""
        self.admin.update_user(doctor.id, {"email": login_email, "emailVerified": True})
        self.admin.set_user_password(doctor.id, password, temporary=False)
        doctor.login_email = login_email
        doctor.password = password
