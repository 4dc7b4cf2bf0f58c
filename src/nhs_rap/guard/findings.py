"""What a detector reports (a hit in some text) and what the guard reports (a finding in a file)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


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
    """One reportable problem, ``path:line:rule-id: message``, with a fingerprint to allow it by."""

    path: str
    line: int
    rule_id: str
    message: str
    fingerprint: str
    secret: str = field(default="", repr=False)


def fingerprint(rule_id: str, material: bytes) -> str:
    """Return a short stable hash naming a finding in the allow-list without repeating its value.

    For line-based rules ``material`` is the whole line, not just the value: to turn the
    fingerprint back into an NHS number someone would have to guess the entire line, which a
    10-digit search alone cannot do. File-level rules hash the whole file.
    """
    digest = hashlib.sha256(b"nhs-rap-guard\0" + rule_id.encode() + b"\0" + material.strip())
    return digest.hexdigest()[:16]
