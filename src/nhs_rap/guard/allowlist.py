"""Allow-listing a reviewer can see: an inline marker for one line, or a committed allow-list file.

There is no blanket path exclusion by default. An allow-list entry names a path (a glob), a rule
and a reason, and usually a fingerprint of the exact finding, so a new value on an allowed line
is reported again. An entry without a fingerprint allows every finding of that rule in the
matching paths, which suits a synthetic fixture's ``data-file`` finding: its content is still
checked by every other rule.

The file, ``.nhs-rap-allow.toml`` at the repository root, also holds the guard's settings::

    [settings]
    chi = false                           # also report Scottish CHI numbers
    allow_synthetic_nhs_numbers = true    # 999 000 0000 to 999 999 9999 are test numbers

    [[allow]]
    path = "tests/backtests/expected/*.csv"
    rule = "data-file"
    reason = "Synthetic back-test fixture, made-up values only."

    [[allow]]
    path = "src/project/constants.py"
    rule = "nhs-number"
    fingerprint = "0c1d2e3f4a5b6c7d"
    reason = "Published example number from the NHS Data Dictionary."
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from nhs_rap.guard.findings import Finding
from nhs_rap.guard.rules import BY_ID

ALLOW_FILE = ".nhs-rap-allow.toml"
INLINE_MARKER = re.compile(rb"nhs-rap:\s*allow\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)")
_ENTRY_KEYS = frozenset({"path", "rule", "fingerprint", "reason"})
_SETTING_KEYS = frozenset({"chi", "allow_synthetic_nhs_numbers"})


class AllowListError(Exception):
    """The allow-list file cannot be used; the message says which entry and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Switches a project can set in the allow-list file's ``[settings]`` table."""

    chi: bool = False
    allow_synthetic_nhs_numbers: bool = True


@dataclass(frozen=True)
class AllowEntry:
    """One reviewed exception: a path glob, a rule, optionally a fingerprint, and why."""

    path: str
    rule: str
    reason: str
    fingerprint: str | None = None

    def allows(self, finding: Finding) -> bool:
        """Return True if this entry covers ``finding``.

        A finding inside a container (``book.xlsx!/xl/worksheets/sheet1.xml``) is covered by an
        entry naming either the container or the member.
        """
        return (  # in this order: the fingerprint is slow to compute, so it comes last
            finding.rule_id == self.rule
            and (
                fnmatch.fnmatchcase(finding.path, self.path)
                or fnmatch.fnmatchcase(finding.path.split("!/", 1)[0], self.path)
            )
            and (self.fingerprint is None or self.fingerprint == finding.fingerprint)
        )


@dataclass(frozen=True)
class AllowList:
    """The parsed allow-list file (empty when the repository has none)."""

    entries: tuple[AllowEntry, ...] = ()
    settings: Settings = field(default_factory=Settings)

    def allows(self, finding: Finding) -> bool:
        """Return True if any entry covers ``finding``."""
        return any(entry.allows(finding) for entry in self.entries)


def inline_allowed(line: bytes) -> frozenset[str]:
    """Return the rule ids that a ``nhs-rap: allow RULE[, RULE]`` comment on ``line`` allows."""
    match = INLINE_MARKER.search(line)
    if match is None:
        return frozenset()
    return frozenset(part.strip().decode() for part in match.group(1).split(b","))


def load_allow_list(path: Path) -> AllowList:
    """Read the allow-list file at ``path``; a missing file means no exceptions."""
    if not path.is_file():
        return AllowList()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AllowListError(f"{path} is not valid TOML: {error}") from None
    unknown = set(document) - {"settings", "allow"}
    if unknown:
        raise AllowListError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; "
            "only [settings] and [[allow]] are understood."
        )
    return AllowList(_entries(path, document.get("allow", [])), _settings(path, document))


def _settings(path: Path, document: dict[str, object]) -> Settings:
    table = document.get("settings", {})
    if not isinstance(table, dict):
        raise AllowListError(f"{path}: [settings] must be a table of key = value lines.")
    unknown = set(table) - _SETTING_KEYS
    if unknown:
        raise AllowListError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; "
            f"the settings are {', '.join(sorted(_SETTING_KEYS))}."
        )
    for key, value in table.items():
        if not isinstance(value, bool):
            raise AllowListError(f"{path}: setting {key} must be true or false, not {value!r}.")
    return Settings(**table)


def _entries(path: Path, raw: object) -> tuple[AllowEntry, ...]:
    if not isinstance(raw, list):
        raise AllowListError(f"{path}: write each exception as its own [[allow]] table.")
    entries = []
    for number, item in enumerate(raw, start=1):
        where = f"{path}: [[allow]] entry {number}"
        if not isinstance(item, dict):
            raise AllowListError(f"{where} must be a table with path, rule and reason.")
        unknown = set(item) - _ENTRY_KEYS
        missing = {"path", "rule", "reason"} - set(item)
        if unknown:
            raise AllowListError(f"{where} has unknown key(s): {', '.join(sorted(unknown))}.")
        if missing:
            raise AllowListError(f"{where} needs {', '.join(sorted(missing))}.")
        if not all(isinstance(value, str) for value in item.values()):
            raise AllowListError(f"{where}: every value must be a quoted string.")
        if item["rule"] not in BY_ID:
            raise AllowListError(
                f"{where}: unknown rule {item['rule']!r}; the rules are {', '.join(BY_ID)}."
            )
        if not item["reason"].strip():
            raise AllowListError(f"{where}: say why in reason, so reviewers can check it.")
        if item["path"].strip() in {"", "*", "**", "**/*"}:
            raise AllowListError(
                f"{where}: path {item['path']!r} would allow the rule everywhere; name the files."
            )
        entries.append(
            AllowEntry(item["path"], item["rule"], item["reason"], item.get("fingerprint"))
        )
    return tuple(entries)
