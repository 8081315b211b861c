"""Decide, without touching Keycloak, what the import does with each portal account.

An account is attached to the doctor of its RPPS — login e-mail, password hash as stored, and the
portal account it came from — unless one of these refuses it (the codes of the report):

- ``blocked_account``: blocked on the portal;
- ``rpps_missing``, ``rpps_format``, ``rpps_checksum``: no RPPS, or not 11 digits with a valid Luhn key;
- ``email_invalid``: no e-mail, or one MonEspace does not accept as a login;
- ``hash_unknown_scheme``: a password hash of no portal scheme, or a truncated one;
- ``rpps_shared``, ``email_shared``: several accounts claim the same doctor, or the same login
  e-mail (the secretariat's address): none of them is chosen, all are reported;
- ``no_doctor``: no doctor with that RPPS in Keycloak (synchronise Ordinal first);
- ``espace_active``: the doctor already activated an espace in MonEspace, never overwritten;
- ``email_taken``: the e-mail is already the login of another espace.

An account already imported is ``unchanged``, or ``update``d when this export changed its e-mail or
hash and its doctor has not signed in since; once they have, MonEspace's password is theirs and the
account counts as ``migrated``. The safety limit refuses an export that would overwrite too many
espaces imported earlier (a wrong or mixed-up file), as the Ordinal sync's does.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from legacy_import.hashes import scheme_of
from legacy_import.portal import PortalAccount
from ordinal_sync.model import Issue, Severity
from ordinal_sync.normalise import FieldError, normalise_rpps
from ordinal_sync.planning import DEFAULT_MAX_CHANGE_SHARE

MESSAGES = {
    "blocked_account": "compte bloqué sur l'ancien portail : non repris",
    "email_invalid": "adresse e-mail absente, ou que MonEspace n'accepte pas comme identifiant de connexion",
    "hash_unknown_scheme": "mot de passe haché selon un schéma inconnu ou incomplet (ni $S$, U$S$, $H$, $P$ ni bcrypt)",
    "rpps_shared": "le même numéro RPPS est celui de plusieurs comptes de l'ancien portail (uid {others}) : aucun "
    "n'est repris",
    "email_shared": "la même adresse e-mail est celle de plusieurs comptes de l'ancien portail (uid {others}) : "
    "aucun n'est repris",
    "no_doctor": "aucun médecin de ce numéro RPPS dans MonEspace (synchronisation Ordinal)",
    "espace_active": "ce médecin a déjà activé son espace dans MonEspace : il est conservé tel quel",
    "email_taken": "cette adresse e-mail est déjà l'identifiant de connexion d'un autre espace MonEspace",
}


class Decision(StrEnum):
    IMPORT = "import"  # a doctor without an espace gets the account
    UPDATE = "update"  # an earlier import, never used, takes this export's e-mail or hash
    UNCHANGED = "unchanged"
    MIGRATED = "migrated"  # imported earlier and signed in since: MonEspace's password is theirs


@dataclass(frozen=True, slots=True)
class DoctorEspace:
    """What Keycloak holds of a doctor that matters to the import (its endpoint's export)."""

    email: str | None
    espace: str  # "none", "legacy" (a portal hash, unused since) or "active" (MonEspace's own password)
    legacy_hash: str | None = None  # SHA-256 (hex) of the portal hash held
    legacy_account: str | None = None  # the portal account it came from


NO_ESPACE = DoctorEspace(None, "none")


class Inventory:
    """Every doctor Keycloak holds, by RPPS, and who logs in with each login e-mail.

    Most doctors have no espace at cut-over: they cost one set entry, not an object each.
    """

    def __init__(self, doctors: Iterable[tuple[str, DoctorEspace]]) -> None:
        self._bare: set[int] = set()  # an RPPS as a number takes half the memory of its text
        self._espaces: dict[str, DoctorEspace] = {}
        self.email_owners: dict[str, str] = {}
        for rpps, doctor in doctors:
            if doctor == NO_ESPACE and rpps.isdigit():
                self._bare.add(int(rpps))
                continue
            self._espaces[rpps] = doctor
            if doctor.email:
                self.email_owners[doctor.email.lower()] = rpps

    def __len__(self) -> int:
        return len(self._bare) + len(self._espaces)

    def get(self, rpps: str) -> DoctorEspace | None:
        if rpps.isdigit() and int(rpps) in self._bare:
            return NO_ESPACE
        return self._espaces.get(rpps)

    @property
    def imported(self) -> int:
        """Espaces holding a portal hash still unused: what the safety limit protects."""
        return sum(1 for doctor in self._espaces.values() if doctor.espace == "legacy")


@dataclass(frozen=True, slots=True)
class Attachment:
    """An account to send: the doctor's RPPS, the login e-mail, as Keycloak will store them."""

    account: PortalAccount
    rpps: str
    email: str
    decision: Decision

    def body(self) -> dict[str, str]:
        return {
            "rpps": self.rpps,
            "email": self.email,
            "hash": self.account.pass_hash or "",
            "origin": self.account.origin,
        }


@dataclass(frozen=True, slots=True)
class Rejection:
    account: PortalAccount
    code: str
    message: str
    rpps: str | None = None
    field: str | None = None

    def issue(self) -> Issue:
        return Issue(Severity.REJECT, self.code, self.message, (self.account.line,), self.rpps, self.field)


@dataclass
class PlanCounts:
    import_: int = 0
    update: int = 0
    unchanged: int = 0
    migrated: int = 0
    rejected: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    by_scheme: Counter[str] = field(default_factory=Counter)  # of the accounts to import or update

    def as_dict(self) -> dict[str, object]:
        return {
            "import": self.import_,
            "update": self.update,
            "unchanged": self.unchanged,
            "migrated": self.migrated,
            "rejected": self.rejected,
            "rejected_by_code": dict(sorted(self.by_code.items())),
            "schemes": dict(sorted(self.by_scheme.items())),
        }

    def add(self, decision: Decision) -> None:
        if decision is Decision.IMPORT:
            self.import_ += 1
        elif decision is Decision.UPDATE:
            self.update += 1
        elif decision is Decision.UNCHANGED:
            self.unchanged += 1
        else:
            self.migrated += 1

    def reject(self, code: str) -> None:
        self.rejected += 1
        self.by_code[code] += 1


@dataclass
class Plan:
    counts: PlanCounts
    attachments: list[Attachment]  # to import or update, in file order
    rejections: list[Rejection]


# --- one account ------------------------------------------------------------------------------------

# MonEspace's login e-mail (extensions/…/account/LoginEmail.java): printable ASCII, one @, and an
# address Keycloak's EmailValidationUtil accepts.
_LOCAL_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_QUOTED = r'"(?:[a-z0-9!#$%&\'*.(),<>\[\]:;@+/=?^_`{|}~-]|\\\\|\\")+"'
_LOCAL = re.compile(rf"(?:{_LOCAL_ATOM}|{_LOCAL_QUOTED})(?:\.(?:{_LOCAL_ATOM}|{_LOCAL_QUOTED}))*", re.I)
_DOMAIN_CHAR = r"[a-z0-9!#$%&'*+/=?^`{|}~]"
_DOMAIN_LABEL = rf"(?:{_DOMAIN_CHAR}-*)*{_DOMAIN_CHAR}+"
_DOMAIN = re.compile(rf"{_DOMAIN_LABEL}+(?:\.{_DOMAIN_LABEL}+)*|\[[0-9]{{1,3}}(?:\.[0-9]{{1,3}}){{3}}\]", re.I)


def login_email(raw: str | None) -> str | None:
    """The login e-mail MonEspace would store for ``raw`` (lower-cased), or None when it refuses it."""
    if raw is None:
        return None
    email = raw.strip()
    if not email or len(email) > 254 or not all(0x20 < ord(char) < 0x7F for char in email) or email.count("@") != 1:
        return None
    local, domain = email.split("@")
    if len(local) > 64 or not _LOCAL.fullmatch(local) or domain.endswith(".") or not _DOMAIN.fullmatch(domain):
        return None
    return email.lower()


def mask_email(email: str | None) -> str | None:
    """``tutu1501@cn.medecin.fr`` → ``tu***01@cn.medecin.fr``, as MonEspace shows contact details."""
    if not email or "@" not in email:
        return None if not email else "***"
    local, _, domain = email.rpartition("@")
    if len(local) <= 1:
        return f"***@{domain}"
    if len(local) <= 4:
        return f"{local[0]}***@{domain}"
    return f"{local[:2]}***{local[-2:]}@{domain}"


def hash_digest(pass_hash: str) -> str:
    """How the endpoint's export names a held portal hash (its SHA-256), to tell whether it changed."""
    return hashlib.sha256(pass_hash.encode("utf-8")).hexdigest()


def _checked(account: PortalAccount) -> tuple[str, str] | Rejection:
    """The account's RPPS and login e-mail, or why it cannot be imported, whatever Keycloak holds."""
    if not account.active:
        return Rejection(account, "blocked_account", MESSAGES["blocked_account"])
    try:
        rpps = normalise_rpps(account.rpps or "")
    except FieldError as error:
        return Rejection(account, error.code, error.message, field="rpps")
    email = login_email(account.mail)
    if email is None:
        return Rejection(account, "email_invalid", MESSAGES["email_invalid"], rpps, "mail")
    if scheme_of(account.pass_hash) is None:
        return Rejection(account, "hash_unknown_scheme", MESSAGES["hash_unknown_scheme"], rpps, "pass")
    return rpps, email


def decide(account: PortalAccount, rpps: str, email: str, inventory: Inventory) -> Decision | Rejection:
    """What to do with a well-formed account, given what Keycloak holds (the endpoint decides again)."""
    doctor = inventory.get(rpps)
    if doctor is None:
        return Rejection(account, "no_doctor", MESSAGES["no_doctor"], rpps, "rpps")
    if doctor.espace == "active":
        if doctor.legacy_account is not None:
            return Decision.MIGRATED
        return Rejection(account, "espace_active", MESSAGES["espace_active"], rpps)
    owner = inventory.email_owners.get(email)
    if owner is not None and owner != rpps:
        return Rejection(account, "email_taken", MESSAGES["email_taken"], rpps, "mail")
    if doctor.espace == "legacy":
        same = (
            doctor.legacy_hash == hash_digest(account.pass_hash or "")
            and doctor.email == email
            and doctor.legacy_account == account.origin
        )
        return Decision.UNCHANGED if same else Decision.UPDATE
    return Decision.IMPORT


# --- the whole export ---------------------------------------------------------------------------------


def plan(accounts: Sequence[PortalAccount], inventory: Inventory) -> Plan:
    """Every account's decision or rejection, in file order."""
    checked = [_checked(account) for account in accounts]
    _reject_shared(accounts, checked)
    counts = PlanCounts()
    attachments: list[Attachment] = []
    rejections: list[Rejection] = []
    for account, value in zip(accounts, checked, strict=True):
        result = value if isinstance(value, Rejection) else decide(account, *value, inventory)
        if isinstance(result, Rejection):
            counts.reject(result.code)
            rejections.append(result)
            continue
        counts.add(result)
        if result in (Decision.IMPORT, Decision.UPDATE):
            assert isinstance(value, tuple)
            attachments.append(Attachment(account, value[0], value[1], result))
            counts.by_scheme[str(scheme_of(account.pass_hash))] += 1
    return Plan(counts, attachments, rejections)


def _reject_shared(accounts: Sequence[PortalAccount], checked: list[tuple[str, str] | Rejection]) -> None:
    """Accounts claiming the same doctor, then the same login e-mail: none of them is chosen."""
    for key, code, field_name in ((0, "rpps_shared", "rpps"), (1, "email_shared", "mail")):
        first: dict[str, int] = {}  # each value's first account; only shared values get a list
        shared: defaultdict[str, list[int]] = defaultdict(list)
        for index, value in enumerate(checked):
            if isinstance(value, tuple):
                seen = first.setdefault(value[key], index)
                if seen != index:
                    shared[value[key]] += [seen] if not shared[value[key]] else []
                    shared[value[key]].append(index)
        del first
        for members in shared.values():
            for index in members:
                value = checked[index]
                assert isinstance(value, tuple)
                others = ", ".join(accounts[i].uid for i in members if i != index)
                message = MESSAGES[code].format(others=others)
                checked[index] = Rejection(accounts[index], code, message, value[0], field_name)


def threshold_refusal(
    counts: PlanCounts, imported_before: int, max_share: float = DEFAULT_MAX_CHANGE_SHARE
) -> str | None:
    """A refusal message when the export would overwrite too many espaces imported earlier, else None.

    Overwritten share = updates / espaces holding a portal hash still unused. New imports never
    count (a first run fills empty espaces), and a realm with no import yet is never refused.
    """
    if imported_before == 0:
        return None
    share = counts.update / imported_before
    if share <= max_share:
        return None
    return (
        f"Refusing to apply: {counts.update} of the {imported_before} espaces imported earlier (and not used since) "
        f"would take another e-mail or password ({share:.1%}), above the {max_share * 100:g}% safety limit. "
        f"Check the export; if the change is expected, rerun with a higher limit."
    )


def batches(attachments: Sequence[Attachment], size: int) -> Iterator[Sequence[Attachment]]:
    for start in range(0, len(attachments), size):
        yield attachments[start : start + size]
