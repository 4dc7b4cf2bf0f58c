"""What a detector reports (a hit in some text) and what the guard reports (a finding in a file)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

from nhs_rap.guard.rules import RuleId


@dataclass(frozen=True)
class Hit:
    """A detector's match: a rule, where it is in the file's bytes, and a masked message.

    ``secret`` holds the sensitive digits or text. It is never printed: the report uses it only to
    prove that no line it prints carries any run of four of its digits.
    """

    rule_id: str
    start: int
    end: int
    message: str
    secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class Finding:
    """One reportable problem, ``path:line:rule-id: message``, with a fingerprint to allow it by.

    ``digest`` is a plain hash of what the finding is about; the ``fingerprint`` shown in reports
    and written into the allow-list is derived from it on demand, slowly (see ``fingerprint``).
    """

    path: str
    line: int
    rule_id: str
    message: str
    digest: bytes = field(repr=False)
    secret: str = field(default="", repr=False)

    @property
    def fingerprint(self) -> str:
        """The 16-hex-digit name of this finding for the allow-list file."""
        return _fingerprint(self.rule_id, self.digest)


# Rules about a whole file fingerprint its full content: nothing in it can be guessed back.
FILE_LEVEL_RULES = frozenset({RuleId.DATA_FILE, RuleId.NOTEBOOK_OUTPUT})


def material_digest(rule_id: str, material: bytes) -> bytes:
    """Return the plain hash of a finding's material: its whole line, or the whole file."""
    return hashlib.sha256(b"nhs-rap-guard\0" + rule_id.encode() + b"\0" + material.strip()).digest()


@cache
def _fingerprint(rule_id: str, digest: bytes) -> str:
    """Derive the printed fingerprint from ``digest``, deliberately slowly for line findings.

    A report must be safe to show in a CI log, and a fingerprint is printed beside each finding.
    A line such as ``4010232137,F`` or ``PASSWORD=hunter2`` is short enough that a plain hash of
    it could be reversed by trying every NHS number or a list of common passwords. scrypt makes
    each guess cost about 15 ms and 4 MB of memory, so trying all billion NHS numbers would take
    years of CPU time; the guard pays that cost only for findings it prints or that the
    allow-list names by fingerprint.
    """
    if rule_id in FILE_LEVEL_RULES:
        return digest.hex()[:16]
    stretched = hashlib.scrypt(
        digest, salt=b"nhs-rap-guard:" + rule_id.encode(), n=2**12, r=8, p=1, dklen=8
    )
    return stretched.hex()
