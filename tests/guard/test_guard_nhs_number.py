"""The Modulus 11 arithmetic, CHI dates and masking, checked against the nhs-number package."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from nhs_number import calculate_checksum
from nhs_number import is_valid as package_is_valid

from nhs_rap.guard.candidates import modulus_11_flags
from nhs_rap.guard.nhs_number import (
    check_digit,
    is_synthetic,
    is_valid_chi_number,
    is_valid_nhs_number,
    mask_identifier,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
ten_digits = st.text(alphabet="0123456789", min_size=10, max_size=10)


@given(nine_digits)
def test_check_digit_agrees_with_the_nhs_number_package(first_nine: str) -> None:
    expected = calculate_checksum(first_nine)
    assert check_digit(first_nine) == (None if expected == 10 else expected)


@given(st.lists(ten_digits, max_size=40))
def test_whole_file_validity_agrees_with_the_plain_check(numbers: list[str]) -> None:
    """The strided, all-at-once check used on whole files against the one-number check."""
    flags = modulus_11_flags([number.encode() for number in numbers])
    assert list(flags) == [int(is_valid_nhs_number(number)) for number in numbers]


@given(ten_digits)
def test_agrees_with_the_package_outside_the_scottish_range(digits: str) -> None:
    """The package also demands a date for CHI-range numbers; the guard's rule is plain mod 11."""
    if "0100000000" <= digits <= "3112999999":
        return
    assert is_valid_nhs_number(digits) == package_is_valid(digits)


def test_a_remainder_of_ten_makes_every_number_with_that_prefix_invalid() -> None:
    assert check_digit("999123456") is None
    assert not any(is_valid_nhs_number(f"999123456{digit}") for digit in "0123456789")


def test_malformed_input_is_never_valid() -> None:
    for text in ("", "123", "99900000018", "99900000 8", "९९९०००००१८"):
        assert not is_valid_nhs_number(text)


def test_synthetic_range() -> None:
    assert is_synthetic("9990000018")
    assert not is_synthetic("9989999999")


def test_chi_numbers_need_a_real_date() -> None:
    valid_dates = [f"{day}{rest}" for day, rest in (("010190", "1234"), ("290200", "0000"))]
    for candidate in valid_dates:
        check = calculate_checksum(candidate[:9])
        if check != 10:
            assert is_valid_chi_number(candidate[:9] + str(check))
    check = calculate_checksum("310290123")  # 31 February
    assert not is_valid_chi_number("310290123" + str(check % 10))


@given(st.text(alphabet="0123456789 -", min_size=0, max_size=20))
def test_masking_shows_at_most_the_last_two_digits(text: str) -> None:
    masked = mask_identifier(text)
    digit_positions = [index for index, char in enumerate(text) if char.isdigit()]
    assert len(masked) == len(text)
    for index, (before, after) in enumerate(zip(text, masked, strict=True)):
        if not before.isdigit():
            assert after == before  # separators stay, so the layout is still visible
        elif index in digit_positions[-2:]:
            assert after == before
        else:
            assert after == "*"


def test_masking_keeps_the_layout() -> None:
    assert mask_identifier("999 000 0018") == "*** *** **18"
    assert mask_identifier("9990000018") == "********18"
