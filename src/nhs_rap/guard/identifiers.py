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
from nhs_rap.guard.nhs_number import is_synthetic, is_valid_chi_number, mask_identifier
from nhs_rap.guard.text import Text

# Every repeated digit passes Modulus 11 (the weights add up to 55), as do some runs: all are
# placeholders in documentation and test data, never a patient's number.
_PLACEHOLDERS = frozenset(
    [str(digit).encode() * 10 for digit in range(10)] + [b"0123456789", b"9876543210"]
)
_NHS_WORDS = re.compile(rb"nhs[ _.-]?(?:number|no\b|num|id\b)|nhsno|patient")
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
    starts, written, numbers = candidates.find(text.data, text.folded)
    if not starts:
        return
    valid = list(candidates.modulus_11_flags(numbers))
    for index in compress(range(len(valid)), valid):
        if numbers[index] in _PLACEHOLDERS:
            valid[index] = False  # 1111111111 and 0123456789 pass the check but name nobody
    valid_numbers = list(compress(numbers, valid))
    reportable = bool(valid_numbers) and (
        report_synthetic or any(not number.startswith(b"999") for number in valid_numbers)
    )
    if not reportable:
        return
    evidence = _Evidence(text, starts, numbers, valid, chi=chi)
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
        kind = "CHI number" if rule_id == "chi-number" else "NHS number"
        end = start + len(written[index])
        shown = mask_identifier(written[index].decode("ascii"))
        yield Hit(rule_id, start, end, f"{kind} {shown} (valid check digit; {reason})", digits)


class _Evidence:
    """Decide, candidate by candidate, whether a valid number is corroborated, and by what.

    The checks run cheapest first, and the column tally, the costly one in a number-dense file,
    only counts the rows of columns that already hold three valid numbers, stopping as soon as
    too many invalid ones turn up for the column to qualify.
    """

    def __init__(
        self, text: Text, starts: list[int], numbers: list[bytes], valid: list[bool], *, chi: bool
    ) -> None:
        self.text = text
        self.starts = starts
        self.numbers = numbers
        self.valid = valid
        self.chi = chi
        self.context = _Context(text)
        folded = text.folded
        self.may_be_labelled = b"nhs" in folded or b"patient" in folded
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
            return "chi-number", "labelled CHI"
        if self.may_be_labelled and self.context.label(start, _NHS_WORDS, cell):
            return "nhs-number", "labelled as an NHS number or patient identifier"
        if self.file_corroborates:
            return "nhs-number", f"one of {self.file_count} valid numbers in this file"
        column = self._column_of(index)
        if column is not None and self._column_corroborates(column):
            count = len(self._valid_columns()[column])
            return "nhs-number", f"one of {count} valid numbers in its column"
        return "nhs-number", None

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
        valid_numbers = self._valid_columns().get(column, set())
        verdict = len(valid_numbers) >= MIN_CORROBORATING
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
                        invalid.add(self.numbers[index])
                if len(invalid) > allowed_invalid:
                    verdict = False
                    break
        self._column_verdicts[column] = verdict
        return verdict


_POSTCODE = re.compile(
    rb"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][abd-hjlnp-uw-z]{2}(?![a-z0-9])"
)
_DATE = re.compile(
    rb"(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
    rb"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4})(?![0-9])"
    rb"|(?<![0-9])[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* [0-9]{4}"
)
_BIRTH_TRIGGER = re.compile(rb"b(?:irth|(?<=dob))")  # one fast pass for "birth" and "dob"
_BIRTH_WORDS = re.compile(rb"birth|(?<![a-z])dob(?![a-z])")


def _birth_blocks(text: Text) -> list[tuple[int, int]]:
    """Return the (start, end) of each block of lines that mentions a birth date."""
    blocks: dict[int, int] = {}
    folded = text.folded
    for pos in text.positions(_BIRTH_TRIGGER):
        start = pos - 2 if folded[pos - 2 : pos + 1] == b"dob" else pos
        if not _BIRTH_WORDS.match(folded, start) and not _BIRTH_WORDS.match(folded, pos):
            continue
        block = text.block_start(pos)
        if block not in blocks:
            blank = _BLANK_AFTER.search(folded, pos)
            blocks[block] = blank.start() if blank else len(folded)
    return sorted(blocks.items())


_BLANK_AFTER = re.compile(rb"\n[ \t\r]*\n")


def postcodes_with_birth_dates(text: Text) -> Iterator[Hit]:
    """Lines holding a full postcode and a date, in a block whose line or header speaks of birth."""
    folded = text.folded
    context = _Context(text)
    last_line = -1
    for block_start, block_end in _birth_blocks(text):
        for match in _POSTCODE.finditer(folded, block_start, block_end):
            start, end = text.line_bounds(match.start())
            if start == last_line or not _DATE.search(folded, start, end):
                continue
            if not context.label(match.start(), _BIRTH_WORDS, None):
                continue
            last_line = start
            yield Hit(
                "postcode-with-birth-date",
                match.start(),
                match.end(),
                "full postcode and a date of birth in the same record (values hidden)",
                text.data[match.start() : match.end()].decode("ascii", "replace"),
            )
