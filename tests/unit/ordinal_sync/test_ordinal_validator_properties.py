"""Properties of the sync's single-value validators, checked on generated values (Hypothesis).

The example tests (test_ordinal_normalise.py) pin the real-world quirks; these make sure no
input whatever escapes the documented outcomes: a normalised value or a FieldError, never
another exception, and a normalised value is a fixed point.
"""

from __future__ import annotations

from datetime import date, timedelta

import phonenumbers
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ordinal_sync.normalise import (
    FieldError,
    Phone,
    luhn_valid,
    normalise_email,
    normalise_phone,
    normalise_rpps,
    normalise_status,
    parse_birth_date,
)
from tests.support.rpps import with_key
from tests.unit.ordinal_sync.conftest import TODAY

OLDEST = date(1900, 1, 1)

digits = st.text(alphabet="0123456789", min_size=10, max_size=10)
spaces = st.text(alphabet=" \t\u00a0", max_size=3)
# Arbitrary text, control characters, other scripts and the separators of the two layouts included.
any_text = st.text(st.characters(codec="utf-8"), max_size=40) | st.from_regex(r"[\d +./()-]{0,20}", fullmatch=True)


def _outcome(normalise, raw: str):  # type: ignore[no-untyped-def]
    """The value, or the FieldError's code: any other exception fails the test."""
    try:
        return normalise(raw)
    except FieldError as error:
        return error


# --- RPPS -------------------------------------------------------------------------------


@given(digits)
def test_every_ten_digit_prefix_has_exactly_one_check_digit(prefix: str) -> None:
    assert sum(luhn_valid(prefix + key) for key in "0123456789") == 1


@given(digits, spaces, spaces)
def test_a_valid_rpps_normalises_to_its_digits_whatever_the_surrounding_blanks(
    prefix: str, before: str, after: str
) -> None:
    rpps = with_key(prefix)
    assert normalise_rpps(before + rpps + after) == rpps
    assert normalise_rpps(rpps) == rpps  # a fixed point


@given(digits, st.integers(0, 10), st.integers(1, 9))
def test_changing_any_single_digit_of_an_rpps_is_detected(prefix: str, position: int, shift: int) -> None:
    rpps = with_key(prefix)
    changed = rpps[:position] + str((int(rpps[position]) + shift) % 10) + rpps[position + 1 :]
    assert _outcome(normalise_rpps, changed).code == "rpps_checksum"


@given(any_text)
def test_any_text_is_an_rpps_or_a_field_error(raw: str) -> None:
    result = _outcome(normalise_rpps, raw)
    if not isinstance(result, FieldError):
        assert len(result) == 11 and result.isascii() and result.isdigit() and luhn_valid(result)


# --- birth dates -----------------------------------------------------------------------


@given(st.dates(OLDEST, TODAY), spaces, spaces)
def test_every_possible_birth_date_reads_back_as_itself(born: date, before: str, after: str) -> None:
    assert parse_birth_date(f"{before}{born:%d/%m/%Y}{after}", TODAY) == born.isoformat()


@given(st.dates(TODAY + timedelta(days=1), date(9999, 12, 31)))
def test_a_birth_date_after_today_is_refused(born: date) -> None:
    assert _outcome(lambda raw: parse_birth_date(raw, TODAY), f"{born:%d/%m/%Y}").code == "birth_date_future"


@given(st.integers(1, 31), st.integers(1, 12), st.integers(OLDEST.year, TODAY.year - 1))
def test_an_impossible_day_of_a_month_is_refused(day: int, month: int, year: int) -> None:
    try:
        date(year, month, day)
    except ValueError:
        raw = f"{day:02d}/{month:02d}/{year}"
        assert _outcome(lambda text: parse_birth_date(text, TODAY), raw).code == "birth_date_invalid"


@given(any_text | st.from_regex(r"\d{1,3}/\d{1,3}/\d{1,5}", fullmatch=True))
def test_any_text_is_a_past_iso_date_or_a_field_error(raw: str) -> None:
    result = _outcome(lambda text: parse_birth_date(text, TODAY), raw)
    if not isinstance(result, FieldError):
        assert OLDEST <= date.fromisoformat(result) <= TODAY


# --- phones ----------------------------------------------------------------------------


@given(st.sampled_from("67"), st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_a_french_mobile_number_is_one_e164_mobile_whatever_its_spelling(first: str, rest: str) -> None:
    national = f"0{first}{rest}"
    # Metropolitan ranges only: 0690…, 0639… are overseas numbers, which "+33" does not reach.
    assume(phonenumbers.is_valid_number(phonenumbers.parse(national, "FR")))
    pairs = " ".join(national[i : i + 2] for i in range(0, 10, 2))
    spellings = [national, pairs, pairs.replace(" ", "."), f"+33 {national[1:]}", f"0033{national[1:]}"]
    results = {normalise_phone(spelling) for spelling in spellings}
    assert results == {Phone(f"+33{national[1:]}", mobile=True)}


@given(any_text)
def test_any_text_is_a_phone_nothing_or_a_field_error_and_e164_is_a_fixed_point(raw: str) -> None:
    result = _outcome(normalise_phone, raw)
    if isinstance(result, Phone):
        assert result.e164.startswith("+") and result.e164[1:].isdigit()
        assert normalise_phone(result.e164) == result


# --- e-mail addresses ------------------------------------------------------------------


@settings(deadline=None)  # email-validator's first call loads its data
@given(any_text | st.emails())
def test_any_text_is_an_address_nothing_or_a_field_error_and_addresses_are_fixed_points(raw: str) -> None:
    result = _outcome(normalise_email, raw)
    if isinstance(result, str):
        assert result == result.strip().lower() and result.isascii() and result.count("@") == 1
        assert normalise_email(result) == result


# --- statuses --------------------------------------------------------------------------


@given(any_text)
def test_any_text_is_a_known_status_or_a_field_error_and_statuses_are_fixed_points(raw: str) -> None:
    result = _outcome(normalise_status, raw)
    if isinstance(result, str):
        assert normalise_status(result) == result
