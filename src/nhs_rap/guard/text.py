"""A file's bytes with the helpers every text rule needs: a folded copy, lines and blocks.

The guard works on bytes throughout, never decoded text: decoding costs time on every byte, and
offsets into the folded copy then line up exactly with the original, whatever the encoding.

Speed comes from touching each byte as few times as possible. One ``translate`` makes the folded
copy (lower case, every digit a ``0``), so one pattern finds every 10-digit number and keywords
need no case-insensitive matching. Rules then look for their keywords with patterns that start
with a single literal byte, which Python's regex engine skips through at memory speed; the
expensive patterns run only at the few places those keywords appear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")
_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", b"abcdefghijklmnopqrstuvwxyz0000000000"
)


class Text:
    """The content of one file, scanned by several rules, with shared caches."""

    def __init__(self, data: bytes) -> None:
        """Wrap ``data``; nothing is computed until a rule asks for it."""
        self.data = data
        self._newlines: list[int] | None = None
        self._block_starts: list[int] | None = None
        self._positions: dict[re.Pattern[bytes], list[int]] = {}

    @cached_property
    def folded(self) -> bytes:
        """Return the content in ASCII lower case with every digit turned into ``0``.

        It has the same length as ``data``, so a position in one is the same place in the other.
        """
        return self.data.translate(_FOLD)

    def positions(self, pattern: re.Pattern[bytes]) -> list[int]:
        """Return where ``pattern`` matches in the folded copy, computed once per file."""
        found = self._positions.get(pattern)
        if found is None:
            found = [match.start() for match in pattern.finditer(self.folded)]
            self._positions[pattern] = found
        return found

    def line_number(self, pos: int) -> int:
        """Return the 1-based line holding byte ``pos``."""
        if self._newlines is None:
            newlines: list[int] = []
            find = self.data.find
            index = find(b"\n")
            while index != -1:
                newlines.append(index)
                index = find(b"\n", index + 1)
            self._newlines = newlines
        return bisect_right(self._newlines, pos - 1) + 1

    def line_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end (exclusive, before the newline) of the line holding byte ``pos``."""
        start = self.data.rfind(b"\n", 0, pos) + 1
        end = self.data.find(b"\n", pos)
        return start, len(self.data) if end == -1 else end

    def line_at(self, pos: int) -> bytes:
        """Return the line holding byte ``pos``, without its newline."""
        start, end = self.line_bounds(pos)
        return self.data[start:end]

    def block_start(self, pos: int) -> int:
        """Where the block of non-blank lines holding ``pos`` starts.

        A block is what a reader sees as one unit: a CSV file without blank lines, a table in
        Markdown, a printed DataFrame in a notebook output, a paragraph of code. Its first line is
        usually its header.
        """
        return self.block_bounds(pos)[0]

    def block_bounds(self, pos: int) -> tuple[int, int]:
        """Return the start and end of the block of non-blank lines holding ``pos``."""
        if self._block_starts is None:
            self._block_starts = [0] + [match.end() for match in _BLANK_LINE.finditer(self.data)]
        index = bisect_right(self._block_starts, pos) - 1
        following = self._block_starts[index + 1 : index + 2]
        return self._block_starts[index], following[0] if following else len(self.data)
