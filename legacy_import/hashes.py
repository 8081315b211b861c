"""Which password scheme a portal hash belongs to, by its shape alone (never by checking it).

The same rules as the Keycloak providers' (extensions/…/legacy/hash/LegacyScheme.java), which
decide again when the account is attached: here they only sort the accounts for the report.
"""

from __future__ import annotations

import re
from enum import StrEnum

ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_PHPASS_ROUNDS = range(7, 31)  # log2 of the rounds phpass allows
_BCRYPT = re.compile(r"\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}")


class Scheme(StrEnum):
    DRUPAL_SHA512 = "$S$"  # Drupal 7 and 8+
    DRUPAL_UPGRADED_MD5 = "U$S$"  # Drupal 6 MD5, upgraded by Drupal 7
    PHPASS_MD5 = "$H$/$P$"  # phpBB / WordPress accounts Drupal took over
    BCRYPT = "bcrypt"  # PHP password_hash(), Drupal 10.1+


def _phpass(hash_: str, length: int) -> bool:
    return (
        len(hash_) == length and all(char in ITOA64 for char in hash_[3:]) and ITOA64.index(hash_[3]) in _PHPASS_ROUNDS
    )


def scheme_of(hash_: str | None) -> Scheme | None:
    """The scheme of a complete hash; None for anything else (plain MD5, truncated, empty…)."""
    if not hash_:
        return None
    if hash_.startswith("$S$") and _phpass(hash_, 55):
        return Scheme.DRUPAL_SHA512
    if hash_.startswith("U$S$") and _phpass(hash_[1:], 55):
        return Scheme.DRUPAL_UPGRADED_MD5
    if hash_.startswith(("$H$", "$P$")) and _phpass(hash_, 34):
        return Scheme.PHPASS_MD5
    if _BCRYPT.fullmatch(hash_):
        return Scheme.BCRYPT
    return None
