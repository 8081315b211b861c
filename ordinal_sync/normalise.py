"""Turn the raw lines of one record into a validated Doctor, or a rejection.

A record is rejected only when it cannot identify a doctor safely: bad RPPS, missing or
invalid birth date (the two keys of the identity check), unknown status, duplicate RPPS in
an Ordinal CSV, unreadable line. A bad contact detail, civility or council only drops that
value, with a warning: the doctor still gets an espace.

Names keep the source's case (the extraction writes them in capitals, the CSV may not):
only surrounding and repeated spaces go. Recasing names is lossy (``McDONALD``, ``DE LA``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TypeVar

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from ordinal_sync.model import ALL_STATUSES, Doctor, Issue, Severity
from ordinal_sync.readers import CsvRow, ExtractionRow, SourceLine, without_accents


class FieldError(ValueError):
    """A value that cannot be used; ``code`` goes into the report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- single values ---------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    """Standard Luhn check over all digits, the last one being the check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def normalise_rpps(raw: str) -> str:
    rpps = "".join(raw.split())
    if not rpps:
        raise FieldError("rpps_missing", "numéro RPPS absent")
    if len(rpps) != 11 or not rpps.isascii() or not rpps.isdigit():
        raise FieldError("rpps_format", "le numéro RPPS doit compter exactement 11 chiffres")
    if not luhn_valid(rpps):
        raise FieldError("rpps_checksum", "numéro RPPS invalide : la clé de contrôle (Luhn) est fausse")
    return rpps


_BIRTH_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_OLDEST_BIRTH_YEAR = 1900  # anything older is a typo, not a practising doctor


def parse_birth_date(raw: str, today: date) -> str:
    """``JJ/MM/AAAA`` → ISO ``YYYY-MM-DD``; impossible and future dates are errors."""
    text = raw.strip()
    if not text:
        raise FieldError("birth_date_missing", "date de naissance absente")
    match = _BIRTH_DATE.fullmatch(text)
    if not match:
        raise FieldError("birth_date_invalid", "date de naissance illisible (format attendu JJ/MM/AAAA)")
    day, month, year = (int(part) for part in match.groups())
    try:
        born = date(year, month, day)
    except ValueError:
        raise FieldError("birth_date_invalid", "date de naissance impossible") from None
    if born > today:
        raise FieldError("birth_date_future", "date de naissance dans le futur")
    if year < _OLDEST_BIRTH_YEAR:
        raise FieldError("birth_date_invalid", f"date de naissance antérieure à {_OLDEST_BIRTH_YEAR}")
    return born.isoformat()


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    mobile: bool


# National-format numbers of the overseas departments ("0692…") are invalid as
# metropolitan numbers; they are tried in these regions once "FR" has failed.
_FRENCH_NUMBERING_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF")
# Mayotte used Comoros' +269 until 2007: "+269 639…" and "+269 269…" in old records are
# Mayotte numbers (+262), which Comoros' 7-digit plan cannot be confused with.
_LEGACY_MAYOTTE = ("639", "269")


def normalise_phone(raw: str) -> Phone | None:
    """E.164 number and whether phonenumbers classifies it as mobile; None when empty.

    Only ``MOBILE`` counts as mobile (it covers the overseas ranges); fixed, VoIP, toll-free
    and other valid numbers are landlines: they cannot be trusted to receive an SMS.
    """
    text = raw.strip()
    if not text:
        return None
    for region in _FRENCH_NUMBERING_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException:
            break
        national = str(number.national_number)
        if number.country_code == 269 and len(national) == 9 and national.startswith(_LEGACY_MAYOTTE):
            number = phonenumbers.parse("+262" + national)
        # number_type is UNKNOWN exactly when the number is invalid; asking is_valid_number
        # too would classify every number twice (the costliest step of a whole run).
        kind = phonenumbers.number_type(number)
        if kind != PhoneNumberType.UNKNOWN:
            e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
            return Phone(e164, kind == PhoneNumberType.MOBILE)
    raise FieldError("phone_invalid", "numéro de téléphone invalide, ignoré")


def normalise_email(raw: str) -> str | None:
    """Trimmed, lower-cased, syntax-checked ASCII address; None when empty.

    Non-ASCII local parts (SMTPUTF8) are refused: few mail systems deliver to them, and
    the realm's ``email`` validator on ``correspondenceEmail`` may refuse them too. An
    internationalised domain is kept in its ASCII (punycode) form, the one every SMTP server
    takes: ``x@médecin.fr`` → ``x@xn--mdecin-bva.fr``, and ``x@xn--…`` stays as it is.
    """
    text = raw.strip().lower()
    if not text:
        return None
    try:
        address = validate_email(text, check_deliverability=False, allow_smtputf8=False).ascii_email
    except EmailNotValidError:
        raise FieldError("email_invalid", "adresse e-mail invalide, ignorée") from None
    if address is None:  # only for SMTPUTF8 addresses, refused above; kept for the type checker
        raise FieldError("email_invalid", "adresse e-mail invalide, ignorée")
    return address.lower()


_CIVILITIES = frozenset({"M", "MME", "MLLE"})


def normalise_civility(raw: str) -> str | None:
    text = raw.strip().upper().rstrip(".")
    if not text:
        return None
    if text not in _CIVILITIES:
        raise FieldError("civility_unknown", "civilité inconnue (attendu M, MME ou MLLE), ignorée")
    return text


_COUNCIL = re.compile(r"0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8]|98[4-9]")  # no 20 since 1976


def normalise_council(raw: str) -> str | None:
    """Department code of a conseil départemental: ``75``, ``2A``, ``974``…; ``1`` → ``01``."""
    text = raw.strip().upper()
    if not text:
        return None
    if len(text) == 1:
        text = text.zfill(2)
    if not _COUNCIL.fullmatch(text):
        raise FieldError("council_invalid", "code de conseil départemental inconnu, ignoré")
    return text


def normalise_status(raw: str) -> str:
    """Ordinal status, tolerating case, accents and spaces: ``Radié`` → ``radie``."""
    plain = without_accents(raw.strip().lower())
    status = "_".join(plain.replace("-", " ").split())
    if not status:
        raise FieldError("status_missing", "statut absent")
    if status not in ALL_STATUSES:
        raise FieldError("status_unknown", "statut inconnu")
    return status


def clean_name(raw: str) -> str:
    return " ".join(raw.split())


def split_given_names(raw: str) -> list[str]:
    """The extraction joins given names with apostrophes: ``MARIE'ANNE'`` → MARIE, ANNE."""
    return [name for name in (clean_name(part) for part in raw.split("'")) if name]


# --- whole records ---------------------------------------------------------------------


def doctor_from_extraction(lines: Sequence[SourceLine], today: date) -> tuple[Doctor | None, list[Issue]]:
    """Merge the activity lines of one RPPS into a Doctor.

    Lines of one doctor repeat the identity columns; when they disagree, the first
    non-empty value in file order wins and a ``conflicting_values`` warning is reported.
    The council is the department of the first activity line that has one (a doctor may
    practise in several departments: that is not a conflict).

    The extraction carries no status: ``status`` is None, so an existing doctor keeps
    theirs; a doctor it creates gets ``interne`` when the professional category is ``E``
    (student), else ``inscrit``.

    Names: display names are the names of practice when present, else the birth last name
    and the first given name; ``given_names`` keeps them all. Civility is the personal
    ``Code civilité`` (``DR``, the civility of practice, says nothing more about a doctor).
    Only the correspondence phone and e-mail are contact details: the structure's phones
    are the practice's, not the doctor's.
    """
    record = _Record(lines)
    try:
        record.check_readable()
        rows = [ExtractionRow._make(line.fields) for line in lines]
        rpps = record.rpps = record.required("rpps", normalise_rpps, lines[0].key)
        birth_date = record.required(
            "birth_date", partial(parse_birth_date, today=today), record.pick("birth_date", rows)
        )
    except _Rejected as rejected:
        return None, [rejected.issue]

    given_names = split_given_names(record.pick("given_names", rows))
    birth_last_name = clean_name(record.pick("birth_last_name", rows))
    practice_last_name = clean_name(record.pick("practice_last_name", rows))
    practice_first_name = clean_name(record.pick("practice_first_name", rows))
    phone = record.optional("phone", normalise_phone, record.pick("phone", rows, _digits))
    category = record.pick("category", rows).strip().upper()
    department = next((row.department for row in rows if row.department.strip()), "")
    doctor = Doctor(
        rpps=rpps,
        birth_date=birth_date,
        last_name=practice_last_name or birth_last_name,
        first_name=practice_first_name or (given_names[0] if given_names else ""),
        civility=record.optional("civility", normalise_civility, record.pick("civility", rows)),
        mobile_phone=phone.e164 if phone and phone.mobile else None,
        landline_phone=phone.e164 if phone and not phone.mobile else None,
        correspondence_email=record.optional("email", normalise_email, record.pick("email", rows, str.casefold)),
        council=record.optional("council", normalise_council, department),
        status=None,
        status_on_create="interne" if category == "E" else "inscrit",
        birth_last_name=birth_last_name,
        given_names=" ".join(given_names),
    )
    return doctor, record.warnings


def doctor_from_csv(lines: Sequence[SourceLine], today: date) -> tuple[Doctor | None, list[Issue]]:
    """One Ordinal CSV record into a Doctor; several records with one RPPS are all rejected.

    Every copy of a duplicate is rejected rather than one kept: nothing says which copy is
    right, and the doctor is reported instead of silently half-updated.
    """
    record = _Record(lines)
    try:
        record.check_readable()
        row = CsvRow._make(lines[0].fields)
        rpps = record.rpps = record.required("rpps", normalise_rpps, lines[0].key)
        if len(lines) > 1:
            raise record.rejection(
                "duplicate_rpps",
                f"numéro RPPS présent {len(lines)} fois dans le fichier : aucune de ces lignes n'est retenue",
                "rpps",
                rpps,
            )
        birth_date = record.required("birth_date", partial(parse_birth_date, today=today), row.birth_date)
        status = record.required("status", normalise_status, row.status)
    except _Rejected as rejected:
        return None, [rejected.issue]

    phone = record.optional("phone", normalise_phone, row.mobile_phone)
    doctor = Doctor(
        rpps=rpps,
        birth_date=birth_date,
        last_name=clean_name(row.last_name),
        first_name=clean_name(row.first_name),
        civility=record.optional("civility", normalise_civility, row.civility),
        # The column is "telephone_mobile", but a landline typed there stays a landline.
        mobile_phone=phone.e164 if phone and phone.mobile else None,
        landline_phone=phone.e164 if phone and not phone.mobile else None,
        correspondence_email=record.optional("email", normalise_email, row.email),
        council=record.optional("council", normalise_council, row.council),
        status=status,
        status_on_create=status,
        birth_last_name=None,
        given_names=None,
    )
    return doctor, record.warnings


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


class _Rejected(Exception):
    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


_T = TypeVar("_T")


class _Record:
    """Issue bookkeeping for one record: its line numbers, its RPPS once known, its warnings."""

    def __init__(self, lines: Sequence[SourceLine]) -> None:
        self.lines = lines
        self.line_numbers = tuple(line.line_no for line in lines)
        self.rpps: str | None = None
        self.warnings: list[Issue] = []

    def check_readable(self) -> None:
        problem = self.lines[0].problem
        if problem is not None:
            raise self.rejection("malformed_line", f"ligne illisible : {problem}", None, None)

    def rejection(self, code: str, message: str, field: str | None, value: str | None) -> _Rejected:
        return _Rejected(Issue(Severity.REJECT, code, message, self.line_numbers, self.rpps, field, value))

    def required(self, field: str, normalise: Callable[[str], _T], raw: str) -> _T:
        """A value the record cannot do without: its failure rejects the record."""
        try:
            return normalise(raw)
        except FieldError as error:
            raise self.rejection(error.code, error.message, field, raw.strip()) from None

    def optional(self, field: str, normalise: Callable[[str], _T | None], raw: str) -> _T | None:
        """A value whose failure only drops it, with a warning."""
        try:
            return normalise(raw)
        except FieldError as error:
            self.warn(error.code, error.message, field, raw.strip())
            return None

    def pick(self, field: str, rows: Sequence[ExtractionRow], same: Callable[[str], str] = str) -> str:
        """First non-empty value of ``field`` in line order; warn when a later line differs."""
        chosen = ""
        for line_no, row in zip(self.line_numbers, rows, strict=True):
            value = getattr(row, field).strip()
            if not value:
                continue
            if not chosen:
                chosen = value
            elif same(value) != same(chosen):
                self.warn(
                    "conflicting_values",
                    f"valeurs différentes selon les lignes, celle de la première est retenue "
                    f"(ligne {line_no} : {value!r})",
                    field,
                    chosen,
                )
                break
        return chosen

    def warn(self, code: str, message: str, field: str, value: str) -> None:
        self.warnings.append(Issue(Severity.WARNING, code, message, self.line_numbers, self.rpps, field, value))
