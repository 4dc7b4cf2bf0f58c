"""NHS and CHI number arithmetic: the Modulus 11 check, the synthetic range and masking.

The check is implemented here rather than taken from the ``nhs-number`` package: it is a few lines,
it runs once per 10-digit candidate (so its speed matters in number-dense files), and that
package's ``is_valid`` also rejects numbers in the Scottish range whose first six digits are not a
date, which is right for CHI but not the NHS Data Dictionary's plain Modulus 11 rule that the
guard documents. The tests use ``nhs-number`` as an independent oracle for the arithmetic.
"""

from __future__ import annotations

import datetime

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

# NHS England's test range: numbers from 999 000 0000 to 999 999 9999 are never issued to patients.
SYNTHETIC_PREFIX = "999"
# The same prefix for the scanner, which holds its candidate numbers as bytes.
SYNTHETIC_PREFIX_BYTES = SYNTHETIC_PREFIX.encode("ascii")


def check_digit(first_nine: str) -> int | None:
    """Return the Modulus 11 check digit for nine digits, or None when the remainder makes it 10.

    A remainder giving 10 means no valid number starts with those nine digits at all.
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    return None if digit == 10 else digit


def is_valid_nhs_number(digits: str) -> bool:
    """Return True if ``digits`` (ten digits, no separators) passes the Modulus 11 check."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    expected = check_digit(digits[:9])
    return expected is not None and expected == int(digits[9])


def is_synthetic(digits: str) -> bool:
    """Return True in the 999 000 0000 to 999 999 9999 test range (never a real patient)."""
    return digits.startswith(SYNTHETIC_PREFIX)


def is_valid_chi_number(digits: str) -> bool:
    """Return True for a Scottish CHI number's shape: a DDMMYY birth date, then Modulus 11.

    The century is not recorded in a CHI number, so 29 February is accepted for any year that
    could be a leap year in either century (``00`` counts: 2000 was a leap year).
    """
    if not is_valid_nhs_number(digits):
        return False
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    try:
        datetime.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def mask_identifier(text: str) -> str:
    """Hide every digit but the last two, keeping spaces and hyphens: ``*** *** **37``.

    Two digits let a reviewer tell findings in one file apart; they are far too few to say who a
    number belongs to, so the report stays safe to show in a CI log.
    """
    digit_positions = [index for index, char in enumerate(text) if char.isdigit()]
    keep = set(digit_positions[-2:])
    return "".join(
        "*" if char.isdigit() and index not in keep else char for index, char in enumerate(text)
    )
