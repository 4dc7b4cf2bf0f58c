"""A file's bytes with the helpers every text rule needs: lower case, lines and blocks.

The guard works on bytes throughout, never decoded text: decoding costs time on every byte, and
offsets into the lower-cased copy then line up exactly with the original, whatever the encoding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")


class Text:
    """The content of one file, scanned by several rules, with shared caches."""

    def __init__(self, data: bytes) -> None:
        """Wrap ``data``; nothing is computed until a rule asks for it."""
        self.data = data
        self._newlines: list[int] | None = None
        self._block_starts: list[int] | None = None

    @cached_property
    def lower(self) -> bytes:
        """The content in ASCII lower case, byte for byte the same length as ``data``."""
        return self.data.lower()

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
        if self._block_starts is None:
            self._block_starts = [0] + [match.end() for match in _BLANK_LINE.finditer(self.data)]
        return self._block_starts[bisect_right(self._block_starts, pos) - 1]
