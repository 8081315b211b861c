"""Valid, unique RPPS numbers for tests (11 digits, Luhn key)."""

from __future__ import annotations

import itertools
import os


def luhn_ok(number: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(number)):
        digit = int(char)
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def with_key(ten_digits: str) -> str:
    return next(ten_digits + str(k) for k in range(10) if luhn_ok(ten_digits + str(k)))


def with_wrong_key(ten_digits: str) -> str:
    return next(ten_digits + str(k) for k in range(10) if not luhn_ok(ten_digits + str(k)))


# Distinct per test process, so reruns against a kept database do not collide.
_counter = itertools.count(int.from_bytes(os.urandom(3), "big") * 100)


def new_rpps() -> str:
    return with_key(f"19{next(_counter) % 10**8:08d}")
