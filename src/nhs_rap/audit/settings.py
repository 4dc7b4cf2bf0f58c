"""Read ``[tool.nhs-rap]`` from pyproject.toml: the team's attestations, ignores and target level.

Peer review (B4), publication (B5) and tidy data (S9) can't be proven from files, so a person
records them, with evidence or a reason, their name and the date: :data:`ATTESTATION_KEYS` says
what each key means and :data:`ATTESTATION_EXAMPLE` shows them (the docs are built from both).
The target level and any ignored checks sit beside them::

    [tool.nhs-rap]
    level = "silver"                       # the target when --level isn't given

    [tool.nhs-rap.ignore]
    "RAP-S2.3" = "Legacy module kept for reference; retired in the next release."

Teams that also run ``repo-review`` can keep their ignores where it reads them instead, and the
audit honours them the same way: ``[tool.repo-review] ignore = {"RAP-S2.3" = "…"}`` names a check
or, without its number, a group of them (``"RAP-S2."``). The audit, like ``[tool.nhs-rap.ignore]``,
applies an ignore only with its reason, so a bare list entry is reported rather than applied.

Anything malformed is reported as a warning (and the attestation or ignore is not applied), never
a crash: a typo in a config file should cost a line in the report, not the whole audit.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any

from nhs_rap.audit.reading import local_path, read_bytes
from nhs_rap.criteria import BY_ID, Level

ATTESTABLE = tuple(criterion.id for criterion in BY_ID.values() if not criterion.automatable)
#: The keys of one attestation and what each records; the docs' reference page is built from it.
ATTESTATION_KEYS = {
    "by": "who checked that the criterion is met (a name or role); required",
    "date": "the day they checked, as YYYY-MM-DD (not in the future); required",
    "evidence": "a link or path that shows it, such as the merged pull request that was "
    "reviewed; give this or `reason`",
    "reason": "why the criterion holds where there is nothing to link to, such as no "
    "accompanying publication; give this or `evidence`",
}
#: A complete example: one attestation with evidence, one with a reason.
ATTESTATION_EXAMPLE = """\
[tool.nhs-rap.attest.B4]
evidence = "https://github.com/org/repo/pull/42"
by = "A. Analyst"
date = 2026-11-02

[tool.nhs-rap.attest.B5]
reason = "No accompanying publication: internal management information only."
by = "A. Analyst"
date = 2026-11-02
"""
_KNOWN_KEYS = frozenset({"level", "attest", "ignore"})


@dataclass(frozen=True)
class Pyproject:
    """The parsed pyproject.toml (empty when absent or invalid, with the reason kept)."""

    present: bool = False
    data: dict[str, Any] | None = None
    error: str | None = None

    @property
    def table(self) -> dict[str, Any]:
        """The whole document, or an empty table."""
        return self.data or {}

    def get(self, *keys: str) -> Any:
        """Return a nested value such as ``get("project", "scripts")``, or None."""
        value: Any = self.data or {}
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value


@dataclass(frozen=True)
class Attestation:
    """One person's statement that a criterion is met, with evidence or a reason."""

    criterion: str
    by: str
    date: str
    evidence: str = ""
    reason: str = ""
    problem: str = ""  # empty when the attestation is complete and counts

    @property
    def valid(self) -> bool:
        """Whether this attestation counts towards the level."""
        return not self.problem


@dataclass(frozen=True)
class Settings:
    """The team's ``[tool.nhs-rap]`` settings, validated."""

    level: str | None = None
    attestations: tuple[Attestation, ...] = ()
    ignores: dict[str, str] | None = None
    #: ``[tool.repo-review] ignore``: check ids or groups (``RAP-S2.``) and reasons ("" if none).
    repo_review_ignores: dict[str, str] | None = None
    warnings: tuple[str, ...] = ()

    def ignore_reason(self, check_id: str) -> str:
        """The team's reason for ignoring a check, or "" when it isn't ignored (with a reason).

        ``[tool.nhs-rap.ignore]`` names checks exactly; ``[tool.repo-review] ignore`` is read as
        repo-review reads it, by the check's id or the id without its number.
        """
        own = (self.ignores or {}).get(check_id, "")
        if own:
            return own
        shared = self.repo_review_ignores or {}
        return shared.get(check_id) or shared.get(repo_review_group(check_id), "")

    def attestation(self, criterion: str) -> Attestation | None:
        """Return the attestation recorded for ``criterion``, if any."""
        return next((item for item in self.attestations if item.criterion == criterion), None)


def repo_review_group(check_id: str) -> str:
    """How repo-review names a group of checks: the id without its number (``RAP-S2.``)."""
    return check_id.rstrip("0123456789")


def _repo_review_ignores(pyproject: Pyproject, warnings: list[str]) -> dict[str, str]:
    """``[tool.repo-review] ignore`` as repo-review accepts it: a list of names, or reasons."""
    ignore = pyproject.get("tool", "repo-review", "ignore")
    if ignore is None:
        return {}
    if isinstance(ignore, list):
        return {str(name): "" for name in ignore}
    if isinstance(ignore, dict):
        return {str(name): _text(reason) for name, reason in ignore.items()}
    warnings.append(
        "[tool.repo-review] ignore must list check ids or map them to reasons, e.g. "
        '{"RAP-S2.3" = "…"}.'
    )
    return {}


def load_pyproject(package: Traversable) -> Pyproject:
    """Parse pyproject.toml, keeping what is wrong with it as one plain sentence, never raising.

    A file that exists but can't be opened, isn't UTF-8 or isn't valid TOML is "present with an
    error", not "absent", so the report says once what to fix instead of every check reporting
    missing tables.
    """
    data = read_bytes(package, "pyproject.toml", 4 * 1024 * 1024)
    if data is None:
        if _exists(package, "pyproject.toml"):
            return Pyproject(present=True, error="it couldn't be opened (check its permissions)")
        return Pyproject()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        return Pyproject(
            present=True,
            error=f"it isn't UTF-8 text (byte 0x{byte} at position {error.start}); "
            "save it with UTF-8 encoding",
        )
    try:
        return Pyproject(present=True, data=tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        return Pyproject(present=True, error=f"it isn't valid TOML: {error}")


def _exists(package: Traversable, name: str) -> bool:
    local = local_path(package)
    if local is not None:
        return os.path.lexists(os.path.join(local, name))
    try:
        return package.joinpath(name).is_file()
    except OSError:
        return False


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _parse_date(value: Any) -> tuple[str, str]:
    """Return the date as ISO text and a problem (empty if fine); future dates are not accepted."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return "", "give `date` as YYYY-MM-DD"
    if not isinstance(value, dt.date):
        return "", "add `date` (YYYY-MM-DD), the day the evidence was checked"
    if value > dt.date.today():
        return value.isoformat(), f"`date` {value.isoformat()} is in the future"
    return value.isoformat(), ""


def _attestation(criterion: str, entry: Any) -> Attestation:
    if not isinstance(entry, dict):
        return Attestation(criterion, "", "", problem="write it as a table with evidence, by, date")
    evidence, reason, by = (
        _text(entry.get("evidence")),
        _text(entry.get("reason")),
        _text(entry.get("by")),
    )
    date, date_problem = _parse_date(entry.get("date"))
    problems = []
    if not (evidence or reason):
        problems.append("add `evidence` (a link) or `reason`")
    if not by:
        problems.append("add `by` (who checked)")
    if date_problem:
        problems.append(date_problem)
    return Attestation(criterion, by, date, evidence, reason, "; ".join(problems))


def read_settings(pyproject: Pyproject) -> Settings:
    """Validate ``[tool.nhs-rap]``; every problem becomes a warning the report shows."""
    table = pyproject.get("tool", "nhs-rap")
    warnings: list[str] = []
    if pyproject.error:
        warnings.append(f"pyproject.toml could not be read: {pyproject.error}.")
    shared = _repo_review_ignores(pyproject, warnings)
    if table is None:
        return Settings(repo_review_ignores=shared, warnings=tuple(warnings))
    if not isinstance(table, dict):
        warnings.append("[tool.nhs-rap] must be a table.")
        return Settings(repo_review_ignores=shared, warnings=tuple(warnings))
    warnings.extend(
        f"[tool.nhs-rap] has an unknown key `{key}`; expected level, attest or ignore."
        for key in sorted(set(table) - _KNOWN_KEYS)
    )
    level = table.get("level")
    if level is not None and level not in {item.value for item in Level}:
        warnings.append(f"[tool.nhs-rap] level `{level}` is not baseline, silver or gold.")
        level = None
    attestations = []
    attest = table.get("attest", {})
    for criterion, entry in sorted(attest.items() if isinstance(attest, dict) else []):
        if criterion not in ATTESTABLE:
            warnings.append(
                f"[tool.nhs-rap.attest] `{criterion}` is not one of {', '.join(ATTESTABLE)}; "
                "other criteria are checked from the files, so remove it."
            )
            continue
        attestation = _attestation(criterion, entry)
        attestations.append(attestation)
        if attestation.problem:
            warnings.append(f"Attestation for {criterion} not counted: {attestation.problem}.")
    ignores: dict[str, str] = {}
    ignore = table.get("ignore", {})
    for check_id, reason in sorted(ignore.items() if isinstance(ignore, dict) else []):
        if _text(reason):
            ignores[check_id] = _text(reason)
        else:
            warnings.append(f"Ignore for {check_id} not applied: give the reason as its value.")
    if not isinstance(ignore, dict):
        warnings.append(
            '[tool.nhs-rap.ignore] must map check ids to reasons, e.g. "RAP-S2.3" = "…".'
        )
    return Settings(
        level=level,
        attestations=tuple(attestations),
        ignores=ignores,
        repo_review_ignores=shared,
        warnings=tuple(warnings),
    )
