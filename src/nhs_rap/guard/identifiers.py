"""Patient identifiers in text: NHS numbers, CHI numbers, and postcodes beside birth dates.

About 1 in 11 random 10-digit numbers passes the Modulus 11 check, so a valid check digit alone is
weak evidence. A candidate is reported only with corroboration: an NHS/patient word on its line or
earlier in its block (for a table, in its own column's header), or a file or column where at least
three different valid numbers make up three quarters or more of all the 10-digit numbers. Random
numbers (timestamps, IDs) reach that ratio with a probability well under one in a thousand.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress

from nhs_rap.guard import candidates
from nhs_rap.guard.findings import Hit
from nhs_rap.guard.nhs_number import (
    SYNTHETIC_PREFIX_BYTES,
    is_synthetic,
    is_valid_chi_number,
    mask_identifier,
)
from nhs_rap.guard.rules import RuleId
from nhs_rap.guard.text import Text

# Every repeated digit passes Modulus 11 (the weights add up to 55), as do some runs: all are
# placeholders in documentation and test data, never a patient's number.
_PLACEHOLDERS = frozenset(
    [str(digit).encode() * 10 for digit in range(10)] + [b"0123456789", b"9876543210"]
)
# A label naming the number: NHS number, NHS no., nhs_nos, NHSNumbers, pt_nhs_num, NHS #, NHS ID.
# A key or column called just NHS ("nhs": ..., nhs = ..., a header cell "NHS") names it too.
_NHS_LABEL = re.compile(
    rb"nhs(?:[ _.:#-]{0,2}(?:num|nos?(?![a-z])|ids?(?![a-z])|identifier|#)"
    rb"|(?<![a-z]nhs)(?=[\"']?[ \t]*(?:[:=]|$)))"
)
# Weaker evidence: the number sits among words about a patient or beside a date of birth.
_PATIENT_WORDS = re.compile(
    rb"patient|(?<![a-z])d\.?o\.?b(?![a-z])|date[ _]?of[ _]?birth|(?<![a-z])born(?![a-z])"
)
NHS_WORDS = re.compile(_NHS_LABEL.pattern + rb"|" + _PATIENT_WORDS.pattern)
# Words before or after a number that make it a count, amount or time, not an identifier.
_TIME_WORDS = re.compile(
    rb"time|date|epoch|unix|updated|created|modified|logged|(?<![a-z])ts(?![a-z])|_at(?![a-z])"
)
_AMOUNT_BEFORE = re.compile(
    rb"(?:\$|\xa3|\xc2\xa3|\xe2\x82\xac|total|count|sum|spend|cost|bytes)\W{0,12}$"
)
_ISBN_BEFORE = re.compile(rb"isbn(?:[ -]?00)?\W{0,3}$")  # digits are 0 in the folded copy
_CODE_HEADER = re.compile(rb"code|concept|snomed|sctid|icd|ctv3|read|opcs|term")
_SNOMED_TAG = re.compile(
    rb"\((?:procedure|finding|disorder|situation|observable entity|regime/therapy|qualifier value"
    rb"|body structure|record artifact|substance|product)\)"
)
# Unix times from 2001 to 2036 are ten digits starting 1 or 20; NHS numbers in England, Wales and
# the Isle of Man start 4, 6 or 7, so numbers in this range say little about patients in a file.
_TIMESTAMP_RANGE = (b"1000000000", b"2099999999")
NEARBY = 400  # bytes before a block in which a heading or sentence still labels it
_CHI_WORDS = re.compile(rb"(?<![a-z])chi(?![a-z])|community health index")
_DELIMITERS = (b",", b"\t", b"|", b";")

# Valid numbers corroborate each other when there are at least this many different ones ...
MIN_CORROBORATING = 3
# ... and they make up at least this share of all the 10-digit numbers in the file or column.
MIN_VALID_SHARE = 0.75


@dataclass
class _Tally:
    """Distinct 10-digit numbers and distinct valid ones, for a file or one table column."""

    numbers: set[bytes]
    valid: set[bytes]

    def corroborates(self) -> bool:
        """Enough valid numbers, and a high enough share, once timestamps are set aside."""
        if len(self.valid) < MIN_CORROBORATING:
            return False
        low, high = _TIMESTAMP_RANGE
        valid = {number for number in self.valid if not low <= number <= high}
        if len(valid) < MIN_CORROBORATING:
            return False
        numbers = {number for number in self.numbers if not low <= number <= high}
        return len(valid) >= MIN_VALID_SHARE * len(numbers)


def _bare(line: bytes) -> bool:
    """Return True for a line holding nothing but numbers and list punctuation (no name)."""
    return not line.translate(None, b"0 \t\r-*|,;:.()[]\xc2\xa0\xe2\x80\x89\xaf")


def _timestamp_like(number: bytes) -> bool:
    return _TIMESTAMP_RANGE[0] <= number <= _TIMESTAMP_RANGE[1]


class _Context:
    """Evidence near a candidate: labels on its line, in its block, or in its column's header."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self._first_word: dict[tuple[int, bytes], int] = {}
        self._headers: dict[int, tuple[bytes, int, list[bytes]] | None] = {}

    def _first_in_block(self, block: int, words: re.Pattern[bytes]) -> int:
        key = (block, words.pattern)
        if key not in self._first_word:
            found = words.search(self.text.folded, block)
            self._first_word[key] = found.start() if found else len(self.text.data)
        return self._first_word[key]

    def _header(self, block: int) -> tuple[bytes, int, list[bytes]] | None:
        """Return a delimited first line's delimiter, cell count and lower-cased cells."""
        if block not in self._headers:
            end = self.text.data.find(b"\n", block)
            header = self.text.folded[block : len(self.text.data) if end == -1 else end]
            self._headers[block] = None
            for delimiter in _DELIMITERS:
                if delimiter in header:
                    cells = header.split(delimiter)
                    self._headers[block] = (delimiter, len(cells) - 1, cells)
                    break
        return self._headers[block]

    def table_cell(self, pos: int) -> tuple[int, int, bytes] | None:
        """Return (block, column, header cell) when ``pos`` is in a delimited table, else None."""
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

    def cells_in_order(self, positions: list[int]) -> list[tuple[int, int] | None]:
        """Return the (block, column) of each position (sorted), or None outside a table.

        The same answer as ``table_cell`` for each, in one walk through the file: positions on
        the same line share its bounds and each block's header is read once.
        """
        data = self.text.data
        cells: list[tuple[int, int] | None] = []
        block = block_end = line_end = -1
        header: tuple[bytes, int, list[bytes]] | None = None
        cell: tuple[int, int] | None = None
        line_start = 0
        in_table = False
        for pos in positions:
            if pos >= block_end:
                block, block_end = self.text.block_bounds(pos)
                header = self._header(block)
                line_end = -1
            if header is None:
                cells.append(None)
                continue
            delimiter, count, _ = header
            if pos > line_end:
                line_start = data.rfind(b"\n", block, pos) + 1
                found = data.find(b"\n", pos)
                line_end = len(data) if found == -1 else found
                in_table = (
                    line_start > block and data.count(delimiter, line_start, line_end) == count
                )
            if in_table:
                cell = (block, data.count(delimiter, line_start, pos))
            cells.append(cell if in_table else None)
        return cells

    def _first_near(self, block: int, words: re.Pattern[bytes]) -> int:
        """Where ``words`` first appear from a little before ``block`` (a heading, a sentence)."""
        key = (-block - 1, words.pattern)
        if key not in self._first_word:
            found = words.search(self.text.folded, max(0, block - NEARBY))
            self._first_word[key] = found.start() if found else len(self.text.data)
        return self._first_word[key]

    def nhs_evidence(self, pos: int, cell: tuple[int, int, bytes] | None) -> str | None:
        """Return "label" (an NHS-number label), "patient" (weaker words) or None for ``pos``.

        A table row is judged by its own column's header: a description cell saying "patient"
        beside a code says nothing about the code. Elsewhere, the line, the block before ``pos``
        and a short stretch before the block (a heading or lead-in sentence) count.
        """
        folded = self.text.folded
        start, end = self.text.line_bounds(pos)
        if _NHS_LABEL.search(folded, start, end):
            return "label"
        if cell is not None:
            header = cell[2]
            if _NHS_LABEL.search(header):
                return "label"
            if _PATIENT_WORDS.search(header) and not _CODE_HEADER.search(header):
                return "patient"
            return None
        block = self.text.block_start(pos)
        if self._first_near(block, _NHS_LABEL) < end:
            return "label"
        if (
            _PATIENT_WORDS.search(folded, start, end)
            or self._first_in_block(block, _PATIENT_WORDS) < end
        ):
            return "patient"
        if _bare(folded[start:end]) and self._first_near(block, _PATIENT_WORDS) < end:
            return "patient"  # a bare list of numbers under a heading about patients
        return None

    def label(
        self, pos: int, words: re.Pattern[bytes], cell: tuple[int, int, bytes] | None
    ) -> bool:
        """Return True if ``words`` label the line, its column header, or failing that its block."""
        start, end = self.text.line_bounds(pos)
        if words.search(self.text.folded, start, end):
            return True
        if cell is not None:
            return words.search(cell[2]) is not None
        return self._first_in_block(self.text.block_start(pos), words) < end


def nhs_and_chi_numbers(text: Text, *, chi: bool, report_synthetic: bool) -> Iterator[Hit]:
    """NHS numbers (and, with ``chi``, CHI numbers) that have corroborating evidence."""
    mentions_nhs = b"nhs" in text.folded
    starts, written, numbers = candidates.find(text.data, text.folded, mentions_nhs=mentions_nhs)
    if not starts:
        return
    valid = list(candidates.modulus_11_flags(numbers))
    for index in compress(range(len(valid)), valid):
        if numbers[index] in _PLACEHOLDERS:
            valid[index] = False  # 1111111111 and 0123456789 pass the check but name nobody
    valid_numbers = list(compress(numbers, valid))
    reportable = bool(valid_numbers) and (
        report_synthetic
        or any(not number.startswith(SYNTHETIC_PREFIX_BYTES) for number in valid_numbers)
    )
    if not reportable:
        return
    evidence = _Evidence(text, starts, numbers, valid, chi=chi, mentions_nhs=mentions_nhs)
    if not evidence.possible():
        return  # typical of a column of random IDs: settle it once, not number by number
    for index in compress(range(len(starts)), valid):
        start = starts[index]
        digits = numbers[index].decode("ascii")
        if is_synthetic(digits) and not report_synthetic:
            continue
        rule_id, reason = evidence.for_candidate(index, digits)
        if reason is None:
            continue
        kind = "CHI number" if rule_id == RuleId.CHI_NUMBER else "NHS number"
        end = start + len(written[index])
        shown = mask_identifier(written[index].decode("utf-8", "replace"))
        yield Hit(rule_id, start, end, f"{kind} {shown} (valid check digit; {reason})", digits)


class _Evidence:
    """Decide, candidate by candidate, whether a valid number is corroborated, and by what.

    The checks run cheapest first, and the column tally, the costly one in a number-dense file,
    only counts the rows of columns that already hold three valid numbers, stopping as soon as
    too many invalid ones turn up for the column to qualify.
    """

    def __init__(
        self,
        text: Text,
        starts: list[int],
        numbers: list[bytes],
        valid: list[bool],
        *,
        chi: bool,
        mentions_nhs: bool,
    ) -> None:
        self.text = text
        self.starts = starts
        self.numbers = numbers
        self.valid = valid
        self.chi = chi
        self.context = _Context(text)
        folded = text.folded
        self.may_be_labelled = (
            mentions_nhs or b"patient" in folded or bool(text.positions(BIRTH_TRIGGER))
        )
        self.may_say_chi = chi and (b"chi" in folded or b"community health" in folded)
        whole_file = _Tally(set(numbers), set(compress(numbers, valid)))
        self.file_count = len(whole_file.valid)
        self.file_corroborates = whole_file.corroborates()
        self._cells: dict[int, tuple[int, int, bytes] | None] = {}
        self._valid_by_column: dict[tuple[int, int], set[bytes]] | None = None
        self._column_by_index: dict[int, tuple[int, int] | None] = {}
        self._column_verdicts: dict[tuple[int, int], bool] = {}

    def possible(self) -> bool:
        """Return False when no valid number in the file can have any evidence at all."""
        if self.may_be_labelled or self.may_say_chi or self.file_corroborates:
            return True
        return any(
            self._column_corroborates(column)
            for column, numbers in self._valid_columns().items()
            if len(numbers) >= MIN_CORROBORATING
        )

    def cell(self, index: int) -> tuple[int, int, bytes] | None:
        if index not in self._cells:
            self._cells[index] = self.context.table_cell(self.starts[index])
        return self._cells[index]

    def for_candidate(self, index: int, digits: str) -> tuple[str, str | None]:
        """Return the rule id and the evidence for valid candidate ``index`` (None: not enough)."""
        start = self.starts[index]
        cell = self.cell(index) if self.may_be_labelled or self.may_say_chi else None
        chi_shaped = self.may_say_chi and is_valid_chi_number(digits)
        if chi_shaped and self.context.label(start, _CHI_WORDS, cell):
            return RuleId.CHI_NUMBER, "labelled CHI"
        before = self.text.folded[max(0, start - 12) : start]
        if b"isbn" in before and _ISBN_BEFORE.search(before):
            return RuleId.NHS_NUMBER, None  # ISBN-10s use the same weights
        evidence = self.context.nhs_evidence(start, cell) if self.may_be_labelled else None
        if evidence == "label":
            return RuleId.NHS_NUMBER, "labelled as an NHS number"
        if evidence == "patient" and not self._amount_or_time(index, cell):
            return RuleId.NHS_NUMBER, "beside words about a patient or a date of birth"
        column = self._column_of(index)
        if column is not None and self._code_column(column):
            return RuleId.NHS_NUMBER, None  # a code list: SNOMED CT, ICD-10 or Read codes
        if self.file_corroborates:
            return RuleId.NHS_NUMBER, f"one of {self.file_count} valid numbers in this file"
        if column is not None and self._column_corroborates(column):
            count = len(self._valid_columns()[column])
            return RuleId.NHS_NUMBER, f"one of {count} valid numbers in its column"
        return RuleId.NHS_NUMBER, None

    def _code_column(self, column: tuple[int, int]) -> bool:
        """Return True for a column headed as a code (SNOMED CT, ICD-10, Read), not a patient's."""
        header = self.context._header(column[0])
        if header is None or column[1] >= len(header[2]):
            return False
        cell = header[2][column[1]]
        return _CODE_HEADER.search(cell) is not None and NHS_WORDS.search(cell) is None

    def _amount_or_time(self, index: int, cell: tuple[int, int, bytes] | None) -> bool:
        """Return True when the words around a number make it a time, amount or clinical code."""
        start = self.starts[index]
        folded = self.text.folded
        line_start, line_end = self.text.line_bounds(start)
        if _AMOUNT_BEFORE.search(folded, max(line_start, start - 24), start):
            return True
        if _SNOMED_TAG.search(folded, line_start, line_end):
            return True
        if not _timestamp_like(self.numbers[index]):
            return False
        context = cell[2] if cell is not None else folded[line_start:line_end]
        return _TIME_WORDS.search(context) is not None

    def _valid_columns(self) -> dict[tuple[int, int], set[bytes]]:
        if self._valid_by_column is None:
            indices = list(compress(range(len(self.valid)), self.valid))
            cells = self.context.cells_in_order([self.starts[index] for index in indices])
            self._valid_by_column = {}
            for index, cell in zip(indices, cells, strict=True):
                self._column_by_index[index] = cell
                if cell is not None:
                    self._valid_by_column.setdefault(cell, set()).add(self.numbers[index])
        return self._valid_by_column

    def _column_of(self, index: int) -> tuple[int, int] | None:
        """Return the (block, column) of valid candidate ``index``, or None outside a table."""
        self._valid_columns()
        return self._column_by_index[index]

    def _column_corroborates(self, column: tuple[int, int]) -> bool:
        if column in self._column_verdicts:
            return self._column_verdicts[column]
        valid_numbers = {
            number
            for number in self._valid_columns().get(column, set())
            if not _timestamp_like(number)
        }
        verdict = len(valid_numbers) >= MIN_CORROBORATING and not self._code_column(column)
        if verdict:
            allowed_invalid = len(valid_numbers) * (1 - MIN_VALID_SHARE) / MIN_VALID_SHARE
            block_start, block_end = self.text.block_bounds(column[0])
            first = bisect_left(self.starts, block_start)
            last = bisect_left(self.starts, block_end)
            invalid: set[bytes] = set()
            step = int(allowed_invalid) + 8  # in slices, so that a failing column stops early
            for chunk in range(first, last, step):
                indices = range(chunk, min(chunk + step, last))
                cells = self.context.cells_in_order([self.starts[index] for index in indices])
                for index, cell in zip(indices, cells, strict=True):
                    if cell == column and not self.valid[index]:
                        if _timestamp_like(self.numbers[index]):
                            continue
                        invalid.add(self.numbers[index])
                if len(invalid) > allowed_invalid:
                    verdict = False
                    break
        self._column_verdicts[column] = verdict
        return verdict


_POSTCODE = re.compile(
    rb"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][abd-hjlnp-uw-z]{2}(?![a-z0-9])"
)
_MONTHS = rb"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATE = re.compile(
    rb"(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
    rb"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4})(?![0-9])"
    rb"|(?<![0-9])[0-9]{1,2}[ -]" + _MONTHS + rb"[ -][0-9]{2,4}(?![0-9])"
)
# 19840213 or 13021984: eight digits that make a date of the last century or this one.
_COMPACT_DATE = re.compile(
    rb"(?<![0-9])(?:(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    rb"|(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])(?:19|20)[0-9]{2})(?![0-9])"
)
BIRTH_TRIGGER = re.compile(rb"b(?:irth|orn|(?<=dob)|(?<=d\.o\.b))")  # one fast pass
# A date of birth, not births: date of birth, DateOfBirth, birth_date, birthDate, DOB, born.
_BIRTH_WORDS = re.compile(
    rb"birth[ _-]?(?:date|dt|day)|date[ _-]?of[ _-]?birth|(?<![a-z])d\.?o\.?b(?![a-z])"
    rb"|(?<![a-z])born(?![a-z])"
)
RECORD_LINES = 6  # a pretty-printed record (JSON, YAML, XML) spreads over a few lines


def _birth_blocks(text: Text) -> list[tuple[int, int]]:
    """Return the (start, end) of each block of lines that mentions a date of birth."""
    blocks: dict[int, int] = {}
    folded = text.folded
    for pos in text.positions(BIRTH_TRIGGER):
        if not _BIRTH_WORDS.search(folded, max(0, pos - 8), pos + 12):
            continue
        block = text.block_start(pos)
        if block not in blocks:
            blank = _BLANK_AFTER.search(folded, pos)
            blocks[block] = blank.start() if blank else len(folded)
    return sorted(blocks.items())


_BLANK_AFTER = re.compile(rb"\n[ \t\r]*\n")


def _has_date(text: Text, start: int, end: int) -> bool:
    return bool(
        _DATE.search(text.folded, start, end) or _COMPACT_DATE.search(text.data, start, end)
    )


def _labelled_birth_date_near(text: Text, pos: int, block: tuple[int, int]) -> bool:
    """Return True if a line within a record's reach of ``pos`` holds a birth label and a date."""
    folded = text.folded
    low = high = pos
    for _ in range(RECORD_LINES):
        low = max(block[0], folded.rfind(b"\n", block[0], max(low - 1, block[0])))
        found = folded.find(b"\n", high + 1, block[1])
        high = block[1] if found == -1 else found
    for match in _BIRTH_WORDS.finditer(folded, low, high):
        start, end = text.line_bounds(match.start())
        if _has_date(text, start, end):
            return True
    return False


def postcodes_with_birth_dates(text: Text) -> Iterator[Hit]:
    """A full postcode with a date of birth in the same record: its line, or nearby lines.

    A record is a line of a table (the date labelled by its line or the table's header) or a few
    lines of a pretty-printed record, where a key such as ``"dob"`` labels its own date.
    """
    folded = text.folded
    context = _Context(text)
    last_line = -1
    for block in _birth_blocks(text):
        for match in _POSTCODE.finditer(folded, *block):
            start, end = text.line_bounds(match.start())
            if start == last_line:
                continue
            same_line = _has_date(text, start, end) and context.label(
                match.start(), _BIRTH_WORDS, None
            )
            if not same_line and not _labelled_birth_date_near(text, match.start(), block):
                continue
            last_line = start
            yield Hit(
                RuleId.POSTCODE_WITH_BIRTH_DATE,
                match.start(),
                match.end(),
                "full postcode and a date of birth in the same record (values hidden)",
                text.data[match.start() : match.end()].decode("ascii", "replace"),
            )
