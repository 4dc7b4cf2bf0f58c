"""Find every 10-digit number in a file and check them all against Modulus 11 at once.

Number-dense files (extracts, logs, CSV outputs with record ids) hold tens of thousands of
10-digit numbers, and Python-level work per number dominated the guard's time on them. Finding
them is one regex pass over the folded copy (every digit a ``0``, so the pattern starts with a
literal the engine skips to quickly). Checking them is done for all numbers together: they are
joined, each of the ten digit positions is taken with a strided slice and mapped by ``translate``
to its weighted value modulo 11, and the ten results are added as big integers, one byte per
number, which cannot carry (ten values of at most 10 add up to at most 100). That is some fifty
times faster than calling a per-number check such as the nhs-number package's ``is_valid``.
"""

from __future__ import annotations

import re

# Plain, spaced and hyphenated layouts, on the folded copy. A candidate may not continue a word,
# a decimal or a longer number (nor be joined to one by a hyphen); the grouped layouts may not
# sit inside a longer grouped number either.
PLAIN = re.compile(rb"0000000000(?<![\w.]0000000000)(?<!0-0000000000)(?!\w|\.0|-0)")
GROUPED = (
    re.compile(rb"000 000 0000(?<![\w.]000 000 0000)(?<!0 000 000 0000)(?!\w|\.0| 0)"),
    re.compile(rb"000-000-0000(?<![\w.]000-000-0000)(?<!0-000-000-0000)(?!\w|\.0|-0)"),
)
# Typeset and odd separators (a no-break, thin or narrow no-break space, a dot), and numbers split
# over three table cells (NNN,NNN,NNNN or | NNN | NNN | NNNN |): each run only where its
# separator or an NHS label occurs at all.
_UNUSUAL_SEPARATORS = re.compile(
    rb"(?<![\w.])000(?P<sep>\xc2\xa0|\xe2\x80[\x80-\x8a\xaf]|\.)000(?P=sep)0000(?!\w|\.0)"
)
_SPLIT_CELLS = re.compile(
    rb"(?<![\w.])000[ \t]*(?P<sep>[,\t|;])[ \t]*000[ \t]*(?P=sep)[ \t]*0000(?![\w.])"
)
_DIGITS = bytes(range(48, 58))
_NOT_DIGITS = bytes(byte for byte in range(256) if byte not in _DIGITS)
_WEIGHTED = tuple(
    bytes.maketrans(b"0123456789", bytes((weight * digit) % 11 for digit in range(10)))
    for weight in (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
)
_MULTIPLE_OF_11 = bytes(1 if value % 11 == 0 else 0 for value in range(256))


def modulus_11_flags(numbers: list[bytes]) -> bytes:
    """Return one byte per 10-digit number: 1 if it passes Modulus 11, else 0."""
    if not numbers:
        return b""
    joined = b"".join(numbers)
    total = 0
    for position, table in enumerate(_WEIGHTED):
        total += int.from_bytes(joined[position::10].translate(table), "big")
    return total.to_bytes(len(numbers), "big").translate(_MULTIPLE_OF_11)


def find(
    data: bytes, folded: bytes, *, mentions_nhs: bool
) -> tuple[list[int], list[bytes], list[bytes]]:
    """Return the start, the text as written and the bare digits of every 10-digit candidate.

    Dotted numbers and numbers split over table cells are looked for only in a file that
    ``mentions_nhs``: without a label they could not be reported anyway.
    """
    starts = [match.start() for match in PLAIN.finditer(folded)]
    written = [data[start : start + 10] for start in starts]
    grouped = [
        match.start()
        for separator, pattern in zip(b" -", GROUPED, strict=True)
        # a one-byte search first: many files (CSV extracts) have no spaces at all
        if separator in folded and pattern.pattern[:12] in folded
        for match in pattern.finditer(folded)
    ]
    unusual = [
        (match.start(), data[match.start() : match.end()])
        for match in _unusual(data, folded, mentions_nhs)
    ]
    if not grouped and not unusual:
        return starts, written, written
    every = sorted(
        [
            *zip(starts, written, strict=True),
            *((s, data[s : s + 12]) for s in grouped),
            *unusual,
        ]
    )
    starts = [start for start, _ in every]
    written = [raw for _, raw in every]
    numbers = [raw if len(raw) == 10 else raw.translate(None, _NOT_DIGITS) for raw in written]
    return starts, written, numbers


def _unusual(data: bytes, folded: bytes, labelled: bool) -> list[re.Match[bytes]]:
    """Candidates with typeset separators or split over table cells, where those can occur."""
    found: list[re.Match[bytes]] = []
    typeset = not data.isascii() and (b"\xc2\xa0" in data or b"\xe2\x80" in data)
    if typeset or (labelled and b"000.000.0000" in folded):
        found += _UNUSUAL_SEPARATORS.finditer(folded)
    if labelled:
        found += _SPLIT_CELLS.finditer(folded)
    return found
