"""The closed sets of results a check and a criterion can end with, and which of them block.

They are string enums, so JSON reports and older comparisons with plain strings keep working.
"""

from __future__ import annotations

from enum import StrEnum


class CheckStatus(StrEnum):
    """What one check ended with."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    #: An advisory check failed (e.g. uncommitted work): worth fixing, never blocks a level.
    WARNING = "warning"
    #: The criterion is met, but we recommend more than its words ask (e.g. a lock file for S7).
    ADVICE = "advice"
    SKIPPED = "skipped"
    IGNORED = "ignored"
    ATTESTED = "attested"
    NEEDS_ATTESTATION = "needs-attestation"


class CriterionStatus(StrEnum):
    """What one criterion ended with, from its checks."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_ASSESSED = "not-assessed"
    ATTESTED = "attested"
    NEEDS_ATTESTATION = "needs-attestation"


#: Check results that stop a criterion, and so its level, from being met.
BLOCKING = frozenset({CheckStatus.FAILED, CheckStatus.ERROR})
#: Check results that are fine: nothing to do.
FINE = frozenset({CheckStatus.PASSED, CheckStatus.ATTESTED})
