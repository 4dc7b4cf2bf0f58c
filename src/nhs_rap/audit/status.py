"""The closed sets of results a check and a criterion can end with, and how each is shown.

They are string enums, so JSON reports and older comparisons with plain strings keep working.
Each check result carries everything a format needs to show it (symbol, label, terminal style,
HTML colour) and whether it blocks a level, so the formats, the verdict and the JSON Schema
(``report.schema.json``, tested against these enums) cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum


class CheckStatus(StrEnum):
    """What one check ended with, and how every human-readable format shows it."""

    #: Plain Unicode, so it survives any terminal or pull request comment.
    symbol: str
    #: The word a reader sees beside the symbol.
    label: str
    #: The colour Rich prints it in, in the terminal.
    style: str
    #: The colour of the HTML report, from the NHS palette.
    colour: str
    #: True where the result stops its criterion, and so its level, from being met.
    blocks: bool

    def __new__(
        cls, value: str, symbol: str, label: str, style: str, colour: str, blocks: bool = False
    ) -> CheckStatus:
        """Make one member from its value and how it looks (the tuples below)."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.symbol, member.label, member.style, member.colour = symbol, label, style, colour
        member.blocks = blocks
        return member

    PASSED = "passed", "✔", "Passed", "green", "#007f3b"
    FAILED = "failed", "✘", "Failed", "red", "#d5281b", True
    ERROR = "error", "!", "Error", "red", "#d5281b", True
    #: An advisory check failed (e.g. uncommitted work): worth fixing, never blocks a level.
    WARNING = "warning", "⚠", "Warning", "yellow", "#b35900"
    #: The criterion is met, but we recommend more than its words ask (e.g. a lock file for S7).
    ADVICE = "advice", "i", "Advice", "cyan", "#005eb8"
    SKIPPED = "skipped", "-", "Not checked", "dim", "#4c6272"
    IGNORED = "ignored", "○", "Ignored", "dim", "#4c6272"
    ATTESTED = "attested", "✔", "Attested", "green", "#007f3b"
    NEEDS_ATTESTATION = "needs-attestation", "?", "Needs attestation", "blue", "#005eb8"


class CriterionStatus(StrEnum):
    """What one criterion ended with, from its checks (only the JSON report shows it as is)."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_ASSESSED = "not-assessed"
    ATTESTED = "attested"
    NEEDS_ATTESTATION = "needs-attestation"


#: Check results that stop a criterion, and so its level, from being met.
BLOCKING = frozenset(status for status in CheckStatus if status.blocks)
#: Check results that are fine: nothing to do.
FINE = frozenset({CheckStatus.PASSED, CheckStatus.ATTESTED})
