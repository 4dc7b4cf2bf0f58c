"""Find every 10-digit number in a file and check them all against Modulus 11, at C speed.

Number-dense files (extracts, logs, CSV outputs with record ids) hold tens of thousands of
10-digit numbers, and Python-level work per number dominated the guard's time on them. So this
module keeps the per-number work inside C built-ins:

* Plain numbers are found by splitting the folded copy (every digit a ``0``) on ten zeros with
  ``bytes.split``, then reading the byte before and after each one from the neighbouring pieces,
  so boundaries are checked with ``translate`` instead of a regex match per number. When the
  file holds a run of eleven or more digits, where a split cannot tell runs apart, the regex is
  used instead; the two give the same answer (a property test holds them to it).
* Validity is computed for all numbers at once: the numbers are joined, each of the ten digit
  positions is taken with a strided slice and mapped by ``translate`` to its weighted value
  modulo 11, and the ten results are added as big integers, one byte per number, which cannot
  carry (ten values of at most 10 add up to at most 100).
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, itemgetter

# Plain, spaced and hyphenated layouts, on the folded copy. A candidate may not continue a word,
# a decimal or a longer number (nor be joined to one by a hyphen); the grouped layouts may not
# sit inside a longer grouped number either.
PLAIN = re.compile(rb"0000000000(?<![\w.]0000000000)(?<!0-0000000000)(?!\w|\.0|-0)")
GROUPED = (
    re.compile(rb"000 000 0000(?<![\w.]000 000 0000)(?<!0 000 000 0000)(?!\w|\.0| 0)"),
    re.compile(rb"000-000-0000(?<![\w.]000-000-0000)(?<!0-000-000-0000)(?!\w|\.0|-0)"),
)
_TEN = b"0000000000"
_ELEVEN = _TEN + b"0"
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Byte before a number: a word character or a dot rules it out. After: a word character does.
_BEFORE_OK = bytes(0 if byte in _WORD or byte == 0x2E else 1 for byte in range(256))
_AFTER_OK = bytes(0 if byte in _WORD else 1 for byte in range(256))
_NEEDS_A_SECOND_LOOK = re.compile(rb"[.-]")  # ".0" or "-0" after, "0-" before: check by hand
_WEIGHTED = tuple(
    bytes.maketrans(b"0123456789", bytes((weight * digit) % 11 for digit in range(10)))
    for weight in (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
)
_MULTIPLE_OF_11 = bytes(1 if value % 11 == 0 else 0 for value in range(256))


def plain_starts(folded: bytes) -> list[int]:
    """Return where each plain 10-digit candidate starts: the same as ``PLAIN.finditer``."""
    if _ELEVEN in folded:
        return [match.start() for match in PLAIN.finditer(folded)]
    pieces = (b"\n" + folded + b"\n").split(_TEN)  # the newlines make every piece non-empty
    count = len(pieces) - 1
    if count == 0:
        return []
    before_raw = bytes(map(itemgetter(-1), pieces[:-1]))
    after_raw = bytes(map(itemgetter(0), pieces[1:]))
    ok = bytearray(
        (
            int.from_bytes(before_raw.translate(_BEFORE_OK), "big")
            & int.from_bytes(after_raw.translate(_AFTER_OK), "big")
        ).to_bytes(count, "big")
    )
    for match in _NEEDS_A_SECOND_LOOK.finditer(after_raw):
        if pieces[match.start() + 1][1:2] == b"0":
            ok[match.start()] = 0
    for match in _NEEDS_A_SECOND_LOOK.finditer(before_raw):
        if before_raw[match.start()] == 0x2D and pieces[match.start()][-2:-1] == b"0":
            ok[match.start()] = 0
    # Piece k is followed by number k: its start is the length of everything before it, less
    # the leading newline.
    starts = map(add, accumulate(map(len, pieces[:-1])), range(-1, 10 * count - 1, 10))
    return list(compress(starts, ok))


def modulus_11_flags(numbers: list[bytes]) -> bytes:
    """Return one byte per 10-digit number: 1 if it passes Modulus 11, else 0."""
    if not numbers:
        return b""
    joined = b"".join(numbers)
    total = 0
    for position, table in enumerate(_WEIGHTED):
        total += int.from_bytes(joined[position::10].translate(table), "big")
    return total.to_bytes(len(numbers), "big").translate(_MULTIPLE_OF_11)


def find(data: bytes, folded: bytes) -> tuple[list[int], list[int], list[bytes], list[bytes]]:
    """Return the starts, ends, text as written, and bare digits of every 10-digit candidate."""
    starts = plain_starts(folded)
    ends = list(map(add, starts, repeat(10)))
    grouped = [
        match.span()
        for pattern in GROUPED
        if pattern.pattern[:12] in folded
        for match in pattern.finditer(folded)
    ]
    if grouped:
        spans = sorted([*zip(starts, ends, strict=True), *grouped])
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
    written = list(map(data.__getitem__, map(slice, starts, ends)))
    if not grouped:
        return starts, ends, written, written
    numbers = [raw[0:3] + raw[4:7] + raw[8:12] if len(raw) > 10 else raw for raw in written]
    return starts, ends, written, numbers
