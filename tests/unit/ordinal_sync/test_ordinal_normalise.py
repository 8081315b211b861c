"""Single-value normalisation: RPPS, birth date, phones, e-mail, names, codes."""

from __future__ import annotations

import pytest

from ordinal_sync.normalise import (
    FieldError,
    Phone,
    luhn_valid,
    normalise_civility,
    normalise_council,
    normalise_email,
    normalise_phone,
    normalise_rpps,
    normalise_status,
    parse_birth_date,
    split_given_names,
)
from tests.unit.ordinal_sync.conftest import TODAY


def _code(call: object) -> str:
    assert callable(call)
    with pytest.raises(FieldError) as caught:
        call()
    return caught.value.code


@pytest.mark.parametrize("digits", ["79927398713", "10000000017", "10101010105", "10999999997"])
def test_luhn_accepts_valid_numbers(digits: str) -> None:
    assert luhn_valid(digits)


@pytest.mark.parametrize("digits", ["79927398710", "10000000018", "10000000016"])
def test_luhn_rejects_a_wrong_check_digit(digits: str) -> None:
    assert not luhn_valid(digits)


def test_rpps_ignores_surrounding_and_inner_spaces() -> None:
    assert normalise_rpps("  10000000017 ") == "10000000017"
    assert normalise_rpps("10 00 00 00 017") == "10000000017"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "rpps_missing"),
        ("   ", "rpps_missing"),
        ("1000000001", "rpps_format"),
        ("100000000170", "rpps_format"),
        ("1000000001A", "rpps_format"),
        ("１0000000017", "rpps_format"),  # full-width digit: isdigit() but not ASCII
        ("10000000018", "rpps_checksum"),
    ],
)
def test_rpps_errors(raw: str, code: str) -> None:
    assert _code(lambda: normalise_rpps(raw)) == code


def test_birth_date_becomes_iso() -> None:
    assert parse_birth_date(" 17/06/1975 ", TODAY) == "1975-06-17"
    assert parse_birth_date("29/02/2000", TODAY) == "2000-02-29"
    assert parse_birth_date("15/01/2026", TODAY) == "2026-01-15"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "birth_date_missing"),
        ("31/02/1980", "birth_date_invalid"),
        ("29/02/1981", "birth_date_invalid"),
        ("1980-02-01", "birth_date_invalid"),
        ("1/2/1980", "birth_date_invalid"),
        ("01/01/1899", "birth_date_invalid"),
        ("16/01/2026", "birth_date_future"),
    ],
)
def test_birth_date_errors(raw: str, code: str) -> None:
    assert _code(lambda: parse_birth_date(raw, TODAY)) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0652112846", Phone("+33652112846", mobile=True)),
        ("0681409411", Phone("+33681409411", mobile=True)),
        ("0475678099", Phone("+33475678099", mobile=False)),
        ("0033667532652", Phone("+33667532652", mobile=True)),
        ("+33 699083714", Phone("+33699083714", mobile=True)),
        ("+262639671915", Phone("+262639671915", mobile=True)),  # Mayotte
        ("02.51.41.42.83", Phone("+33251414283", mobile=False)),
        ("01 44 49 99 19", Phone("+33144499919", mobile=False)),
        (" 06 52 11 28 46 ", Phone("+33652112846", mobile=True)),
        ("+590690001234", Phone("+590690001234", mobile=True)),  # Guadeloupe
        ("+596696201234", Phone("+596696201234", mobile=True)),  # Martinique
        ("+594694201234", Phone("+594694201234", mobile=True)),  # Guyane
        ("0692123456", Phone("+262692123456", mobile=True)),  # Réunion, national form
        ("0590201234", Phone("+590590201234", mobile=False)),  # Guadeloupe landline
        ("+269639671915", Phone("+262639671915", mobile=True)),  # Mayotte's pre-2007 code
        ("0912345678", Phone("+33912345678", mobile=False)),  # VoIP: not trusted for SMS
    ],
)
def test_phones(raw: str, expected: Phone) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "  "])
def test_empty_phone_is_no_phone(raw: str) -> None:
    assert normalise_phone(raw) is None


@pytest.mark.parametrize("raw", ["41.43.60.87", "06 52", "téléphone", "0652112846 / 0475678099"])
def test_invalid_phones(raw: str) -> None:
    assert _code(lambda: normalise_phone(raw)) == "phone_invalid"


def test_email_is_trimmed_and_lower_cased() -> None:
    assert normalise_email(" TJOANNA03@GMAIL.COM ") == "tjoanna03@gmail.com"
    assert normalise_email("Jean.Dupont@CN.Medecin.FR") == "jean.dupont@cn.medecin.fr"
    assert normalise_email("") is None


def test_an_internationalised_domain_is_kept_in_its_ascii_form() -> None:
    assert normalise_email("x@Médecin.fr") == "x@xn--mdecin-bva.fr"
    assert normalise_email("x@xn--mdecin-bva.fr") == "x@xn--mdecin-bva.fr"


@pytest.mark.parametrize(
    "raw", ["jean.dupont@gmail", "jean dupont@orange.fr", "a@@b.fr", "x@test.test", "hélène@orange.fr"]
)
def test_invalid_emails(raw: str) -> None:
    assert _code(lambda: normalise_email(raw)) == "email_invalid"


def test_civility() -> None:
    assert normalise_civility(" mme ") == "MME"
    assert normalise_civility("Mlle.") == "MLLE"
    assert normalise_civility("M") == "M"
    assert normalise_civility("") is None
    assert _code(lambda: normalise_civility("DR")) == "civility_unknown"


@pytest.mark.parametrize(("raw", "expected"), [("75", "75"), ("2a", "2A"), ("974", "974"), ("1", "01"), ("", None)])
def test_council(raw: str, expected: str | None) -> None:
    assert normalise_council(raw) == expected


@pytest.mark.parametrize("raw", ["99", "00", "20", "2C", "979", "PARIS"])
def test_invalid_council(raw: str) -> None:
    assert _code(lambda: normalise_council(raw)) == "council_invalid"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("inscrit", "inscrit"),
        (" Radié ", "radie"),
        ("DÉCÉDÉ", "decede"),
        ("Docteur Junior", "docteur_junior"),
        ("non-inscrit", "non_inscrit"),
    ],
)
def test_status(raw: str, expected: str) -> None:
    assert normalise_status(raw) == expected


def test_status_errors() -> None:
    assert _code(lambda: normalise_status("")) == "status_missing"
    assert _code(lambda: normalise_status("retraite")) == "status_unknown"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MARIE'ANNE'", ["MARIE", "ANNE"]),
        ("SOUZANE''", ["SOUZANE"]),
        ("DIANE'MARIE'", ["DIANE", "MARIE"]),
        ("JEAN PIERRE'", ["JEAN PIERRE"]),
        ("", []),
    ],
)
def test_given_names(raw: str, expected: list[str]) -> None:
    assert split_given_names(raw) == expected
