"""Patient identifiers in text: NHS numbers, CHI numbers, and postcodes beside birth dates.

About 1 in 11 random 10-digit numbers passes the Modulus 11 check, so a valid check digit alone is
weak evidence. A candidate is reported only with corroboration: an NHS/patient word on its line or
earlier in its block (for a table, in its own column's header), or a file or column where at least
three different valid numbers make up three quarters or more of all the 10-digit numbers. Random
numbers (timestamps, IDs) reach that ratio with a probability well under one in a thousand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nhs_rap.guard.findings import Hit
from nhs_rap.guard.nhs_number import is_synthetic, is_valid_chi_number, mask_identifier
from nhs_rap.guard.text import Text

# Every digit becomes "0" so that one regex with a literal prefix finds all three layouts fast.
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0000000000")
_CANDIDATE = re.compile(
    rb"000(?<![\w.]000)(?:0000000|( )000 0000|(-)000-0000)(?!\w|\.0|[ -]0)",
)
_NHS_WORDS = re.compile(rb"nhs[ _.-]?(?:number|no\b|num|id\b)|nhsno|patient")
_CHI_WORDS = re.compile(rb"(?<![a-z])chi(?![a-z])|community health index")
_DELIMITERS = (b",", b"\t", b"|", b";")

MIN_CORROBORATING = (
    3  # different valid numbers needed before numbers count as evidence of each other
)
MIN_VALID_SHARE = (
    0.75  # ... and the share of all 10-digit numbers in the file or column they make up
)

# Weighted digit sums modulo 11 for the first and last five digits, built on first use. With weights
# 10..1 a number is valid exactly when the two halves' sums add up to a multiple of 11; two table
# look-ups are several times faster than a loop, and number-dense files have many candidates.
_HALF_SUMS: tuple[bytes, bytes] | None = None


def _half_sums() -> tuple[bytes, bytes]:
    global _HALF_SUMS
    if _HALF_SUMS is None:
        tables = []
        for weights in ((10, 9, 8, 7, 6), (5, 4, 3, 2, 1)):
            table = bytearray(100_000)
            for value in range(100_000):
                digits = f"{value:05d}"
                table[value] = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
            tables.append(bytes(table))
        _HALF_SUMS = (tables[0], tables[1])
    return _HALF_SUMS


@dataclass
class _Tally:
    """Distinct 10-digit numbers and distinct valid ones, for a file or one table column."""

    numbers: set[bytes]
    valid: set[bytes]

    def add(self, number: bytes, is_valid: bool) -> None:
        self.numbers.add(number)
        if is_valid:
            self.valid.add(number)

    def corroborates(self) -> bool:
        return len(self.valid) >= MIN_CORROBORATING and len(self.valid) >= MIN_VALID_SHARE * len(
            self.numbers
        )


class _Context:
    """Evidence near a candidate: labels on its line, in its block, or in its column's header."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self._first_word: dict[tuple[int, bytes], int] = {}
        self._headers: dict[int, tuple[bytes, int, list[bytes]] | None] = {}

    def _first_in_block(self, block: int, words: re.Pattern[bytes]) -> int:
        key = (block, words.pattern)
        if key not in self._first_word:
            found = words.search(self.text.lower, block)
            self._first_word[key] = found.start() if found else len(self.text.data)
        return self._first_word[key]

    def _header(self, block: int) -> tuple[bytes, int, list[bytes]] | None:
        """Return a delimited first line's delimiter, cell count and lower-cased cells."""
        if block not in self._headers:
            end = self.text.data.find(b"\n", block)
            header = self.text.lower[block : len(self.text.data) if end == -1 else end]
            self._headers[block] = None
            for delimiter in _DELIMITERS:
                if delimiter in header:
                    cells = header.split(delimiter)
                    self._headers[block] = (delimiter, len(cells) - 1, cells)
                    break
        return self._headers[block]

    def table_cell(self, pos: int) -> tuple[int, int, bytes] | None:
        """(block start, column, header cell) when ``pos`` sits in a delimited table, else None."""
        text = self.text
        block = text.block_start(pos)
        header = self._header(block)
        if header is None:
            return None
        delimiter, count, cells = header
        line_start, line_end = text.line_bounds(pos)
        if line_start == block or text.data.count(delimiter, line_start, line_end) != count:
            return None
        column = text.data.count(delimiter, line_start, pos)
        return block, column, cells[column]

    def label(
        self, pos: int, words: re.Pattern[bytes], cell: tuple[int, int, bytes] | None
    ) -> bool:
        """Return True if ``words`` label the line, its column header, or failing that its block."""
        start, end = self.text.line_bounds(pos)
        if words.search(self.text.lower, start, end):
            return True
        if cell is not None:
            return words.search(cell[2]) is not None
        return self._first_in_block(self.text.block_start(pos), words) < end


def nhs_and_chi_numbers(text: Text, *, chi: bool, report_synthetic: bool) -> Iterator[Hit]:
    """NHS numbers (and, with ``chi``, CHI numbers) that have corroborating evidence."""
    first_half, second_half = _half_sums()
    data = text.data
    whole_file = _Tally(set(), set())
    candidates: list[tuple[int, int, bytes, bool]] = []
    reportable = False
    for match in _CANDIDATE.finditer(data.translate(_DIGITS_TO_ZERO)):
        start, end = match.span()
        raw = data[start:end]
        number = raw if end - start == 10 else raw[0:3] + raw[4:7] + raw[8:12]
        is_valid = (first_half[int(number[:5])] + second_half[int(number[5:])]) % 11 == 0
        whole_file.add(number, is_valid)
        candidates.append((start, end, number, is_valid))
        if is_valid and (report_synthetic or not number.startswith(b"999")):
            reportable = True
    if not reportable:
        return
    context = _Context(text)
    file_corroborates = whole_file.corroborates()
    columns: dict[tuple[int, int], _Tally] | None = None
    for start, end, number, is_valid in candidates:
        digits = number.decode("ascii")
        if not is_valid or (is_synthetic(digits) and not report_synthetic):
            continue
        cell = context.table_cell(start)
        rule_id, evidence = "nhs-number", ""
        if chi and is_valid_chi_number(digits) and context.label(start, _CHI_WORDS, cell):
            rule_id, evidence = "chi-number", "labelled CHI"
        if not evidence and context.label(start, _NHS_WORDS, cell):
            evidence = "labelled as an NHS number or patient identifier"
        if not evidence and not file_corroborates and cell is not None:
            if columns is None:  # only now worth placing every candidate in its column
                columns = {}
                for other_start, _, other, other_valid in candidates:
                    other_cell = context.table_cell(other_start)
                    if other_cell is not None:
                        columns.setdefault(other_cell[:2], _Tally(set(), set())).add(
                            other, other_valid
                        )
            if columns[cell[:2]].corroborates():
                evidence = f"one of {len(columns[cell[:2]].valid)} valid numbers in its column"
        if not evidence and file_corroborates:
            evidence = f"one of {len(whole_file.valid)} valid numbers in this file"
        if not evidence:
            continue
        kind = "CHI number" if rule_id == "chi-number" else "NHS number"
        shown = mask_identifier(data[start:end].decode("ascii"))
        yield Hit(rule_id, start, end, f"{kind} {shown} (valid check digit; {evidence})", digits)


_POSTCODE = re.compile(
    rb"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][abd-hjlnp-uw-z]{2}(?![a-z0-9])"
)
_DATE = re.compile(
    rb"(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
    rb"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4})(?![0-9])"
    rb"|(?<![0-9])[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* [0-9]{4}"
)
_BIRTH_WORDS = re.compile(rb"birth|(?<![a-z])dob(?![a-z])")


def postcodes_with_birth_dates(text: Text) -> Iterator[Hit]:
    """Lines holding a full postcode and a date, where the line or its header speaks of birth."""
    lower = text.lower
    if b"birth" not in lower and b"dob" not in lower:
        return
    context = _Context(text)
    last_line = -1
    for match in _POSTCODE.finditer(lower):
        start, end = text.line_bounds(match.start())
        if start == last_line or not _DATE.search(lower, start, end):
            continue
        if not context.label(match.start(), _BIRTH_WORDS, None):
            continue
        last_line = start
        yield Hit(
            "postcode-with-birth-date",
            match.start(),
            match.end(),
            "full postcode and a date of birth in the same record (values hidden)",
            match.group().decode("ascii"),
        )
