"""Report lines that are safe to show anywhere: ``path:line:rule-id: message``, values masked.

Each detector masks its own message, and this module checks the whole line again before it is
printed: any run of digits in it that shares four consecutive digits with the finding's value
(including its path or line number, however unlikely) is starred out; the fingerprint, a slow
hash, is left as it is so that it can be copied into the allow-list. A report that could leak
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


def _digit_windows(secrets: Iterable[str]) -> set[str]:
    """Return every run of four consecutive digits in any of ``secrets``."""
    windows: set[str] = set()
    for secret in secrets:
        windows |= _windows("".join(char for char in secret if char.isdigit()))
    return windows


def _hide_windows(line: str, windows: set[str]) -> str:
    if not windows:
        return line

    def hide(match: re.Match[str]) -> str:
        run = match.group()
        return "*" * len(run) if _windows(run) & windows else run

    return _DIGIT_RUN.sub(hide, line)


def safe_line(line: str, secret: str) -> str:
    """Star out each digit run in ``line`` sharing four consecutive digits with ``secret``."""
    return _hide_windows(line, _digit_windows([secret]))


def _masked_line(finding: Finding, windows: set[str]) -> str:
    """The report line with digit runs sharing ``windows`` starred, except in the fingerprint.

    The fingerprint is a slow hash (see ``Finding.fingerprint``) and safe to show; starring its
    digits would break the copy-and-paste into the allow-list that it exists for.
    """
    line = f"{finding.path}:{finding.line}:{finding.rule_id}: {finding.message}"
    return f"{_hide_windows(line, windows)} [fingerprint {finding.fingerprint}]"


def format_finding(finding: Finding) -> str:
    """Return the one report line for ``finding``, safe with respect to its own value."""
    return _masked_line(finding, _digit_windows([finding.secret]))


def report_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Yield report lines, at most ``MAX_PER_FILE_AND_RULE`` per file and rule, then a tally.

    Every line about a file is checked against the values of all findings in that file, since
    its path (shared by all of them) could itself hold one: ``data/4010232137.csv``.
    """
    findings = list(findings)
    windows_by_path: dict[str, set[str]] = {}
    for finding in findings:
        if finding.secret:
            windows_by_path.setdefault(finding.path, set()).update(_digit_windows([finding.secret]))
    shown: Counter[tuple[str, str]] = Counter()
    hidden: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        key = (finding.path, finding.rule_id)
        if shown[key] < MAX_PER_FILE_AND_RULE:
            shown[key] += 1
            windows = windows_by_path.get(finding.path, set()) | _digit_windows([finding.secret])
            yield _masked_line(finding, windows)
        else:
            hidden[key] += 1
    for (path, rule_id), count in hidden.items():
        line = f"{path}:0:{rule_id}: ... and {count} more {rule_id} findings in this file"
        yield _hide_windows(line, windows_by_path.get(path, set()))


def rule_links(findings: Iterable[Finding]) -> list[str]:
    """Return one line per rule that fired: its id, summary and the docs address explaining it."""
    seen = sorted({finding.rule_id for finding in findings})
    return [f"  {rule_id}: {BY_ID[rule_id].summary} {BY_ID[rule_id].url}" for rule_id in seen]
