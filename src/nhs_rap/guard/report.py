"""Report lines that are safe to show anywhere: ``path:line:rule-id: message``, values masked.

Each detector masks its own message, and this module checks the whole line again before it is
printed: any run of digits in it that shares four consecutive digits with the finding's value
(including its path or line number, however unlikely) is starred out. A report that could leak
what it reports would defeat the point.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from nhs_rap.guard.findings import Finding
from nhs_rap.guard.rules import BY_ID

MAX_PER_FILE_AND_RULE = 20  # a leaked extract can hold a million numbers; the first few say enough
_DIGIT_RUN = re.compile(r"[0-9]{4,}")


def _windows(digits: str) -> set[str]:
    return {digits[index : index + 4] for index in range(len(digits) - 3)}


def safe_line(line: str, secret: str) -> str:
    """Star out each digit run in ``line`` sharing four consecutive digits with ``secret``."""
    secret_digits = "".join(char for char in secret if char.isdigit())
    if len(secret_digits) < 4:
        return line
    windows = _windows(secret_digits)

    def hide(match: re.Match[str]) -> str:
        run = match.group()
        return "*" * len(run) if _windows(run) & windows else run

    return _DIGIT_RUN.sub(hide, line)


def format_finding(finding: Finding) -> str:
    """Return the one report line for ``finding``."""
    line = (
        f"{finding.path}:{finding.line}:{finding.rule_id}: {finding.message} "
        f"[fingerprint {finding.fingerprint}]"
    )
    return safe_line(line, finding.secret)


def report_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Yield report lines, at most ``MAX_PER_FILE_AND_RULE`` per file and rule, then a tally."""
    shown: Counter[tuple[str, str]] = Counter()
    hidden: Counter[tuple[str, str]] = Counter()
    secrets: dict[tuple[str, str], list[str]] = {}
    for finding in findings:
        key = (finding.path, finding.rule_id)
        if shown[key] < MAX_PER_FILE_AND_RULE:
            shown[key] += 1
            yield format_finding(finding)
        else:
            hidden[key] += 1
            secrets.setdefault(key, []).append(finding.secret)
    for (path, rule_id), count in hidden.items():
        line = f"{path}:0:{rule_id}: ... and {count} more {rule_id} findings in this file"
        for secret in secrets[(path, rule_id)]:
            line = safe_line(line, secret)
        yield line


def rule_links(findings: Iterable[Finding]) -> list[str]:
    """Return one line per rule that fired: its id, summary and the docs address explaining it."""
    seen = sorted({finding.rule_id for finding in findings})
    return [f"  {rule_id}: {BY_ID[rule_id].summary} {BY_ID[rule_id].url}" for rule_id in seen]
