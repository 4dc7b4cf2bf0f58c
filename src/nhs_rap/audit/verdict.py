"""Turn check outcomes into the verdict: each criterion's status, the level reached, next actions.

A level is reached when every criterion at or below it passes (automated checks) or is attested
(the criteria no file can prove). Ignored checks, advisory warnings and checks that don't apply
never block a level; the report lists them so a reviewer can see what was waved through and why.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhs_rap import __version__
from nhs_rap.audit.base import first_paragraph
from nhs_rap.audit.registry import all_checks
from nhs_rap.audit.runner import Outcome, compute_fixtures, run_checks
from nhs_rap.audit.settings import Settings, repo_review_group
from nhs_rap.audit.status import BLOCKING, CheckStatus, CriterionStatus
from nhs_rap.criteria import CRITERIA, Level
from nhs_rap.links import RAP_LEVELS_PAGE, docs_page

EXIT_MET = 0
EXIT_NOT_MET = 3
NEXT_ACTIONS = 3


@dataclass(frozen=True)
class CheckReport:
    """One check's result as the report shows it."""

    id: str
    criterion: str
    level: str
    description: str
    status: CheckStatus
    message: str
    url: str
    ignore_reason: str = ""
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionReport:
    """One criterion's status, from its checks."""

    id: str
    level: str
    summary: str
    automatable: bool
    status: CriterionStatus
    url: str
    checks: tuple[str, ...]
    attestation: dict[str, str | bool] | None = None


@dataclass(frozen=True)
class Action:
    """One step towards the target level."""

    criterion: str
    check: str
    action: str
    url: str


@dataclass(frozen=True)
class Report:
    """Everything the output formats show; the JSON format is this, field for field."""

    path: str
    target_level: str
    strict: bool
    level_reached: str | None
    automated_level: str | None
    target_met: bool
    exit_code: int
    checks: tuple[CheckReport, ...]
    criteria: tuple[CriterionReport, ...]
    next_actions: tuple[Action, ...]
    warnings: tuple[str, ...]
    scan: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def count(self, status: CheckStatus) -> int:
        """How many checks ended with ``status``."""
        return sum(1 for check in self.checks if check.status == status)


def _check_report(outcome: Outcome, settings: Settings) -> CheckReport:
    check = outcome.check
    status = {True: CheckStatus.PASSED, False: CheckStatus.FAILED, None: CheckStatus.SKIPPED}[
        outcome.passed
    ]
    if outcome.error:
        status = CheckStatus.ERROR
    elif check.attestation:
        status = CheckStatus.ATTESTED if outcome.passed else CheckStatus.NEEDS_ATTESTATION
    elif status == CheckStatus.FAILED and check.advice:
        status = CheckStatus.ADVICE
    elif status == CheckStatus.FAILED and check.advisory:
        status = CheckStatus.WARNING
    ignore_reason = ""
    waivable = BLOCKING | {CheckStatus.WARNING, CheckStatus.ADVICE}
    reason = settings.ignore_reason(check.id)
    if reason and not check.attestation and status in waivable:
        status, ignore_reason = CheckStatus.IGNORED, reason
    description = (check.__doc__ or "").strip()
    message = outcome.message
    if status == CheckStatus.ADVICE:
        # Say why this doesn't fail the criterion, in the first paragraph every format shows.
        first, _, rest = message.partition("\n\n")
        message = f"{first} (Advice, not a failure: {check.advice})" + (
            f"\n\n{rest}" if rest else ""
        )
    return CheckReport(
        id=check.id,
        criterion=check.criterion,
        level=check.family.removeprefix("rap-"),
        description=description,
        status=status,
        message=message,
        url=check.url,
        ignore_reason=ignore_reason,
        signals=outcome.signals,
    )


def _criterion_status(automatable: bool, statuses: list[CheckStatus]) -> CriterionStatus:
    if not automatable:
        if all(status == CheckStatus.ATTESTED for status in statuses):
            return CriterionStatus.ATTESTED
        return CriterionStatus.NEEDS_ATTESTATION
    if any(status in BLOCKING for status in statuses):
        return CriterionStatus.FAILED
    if statuses and all(status == CheckStatus.SKIPPED for status in statuses):
        return CriterionStatus.NOT_ASSESSED
    return CriterionStatus.PASSED


def _highest(criteria: tuple[CriterionReport, ...], *, with_attestation: bool) -> str | None:
    """Return the highest level all of whose criteria (and those below) are met."""
    reached = None
    for level in Level:
        for criterion in criteria:
            if criterion.level != level.value:
                continue
            if criterion.automatable and criterion.status == CriterionStatus.FAILED:
                return reached
            attested = criterion.status == CriterionStatus.ATTESTED
            if not criterion.automatable and with_attestation and not attested:
                return reached
        reached = level.value
    return reached


def _next_actions(checks: tuple[CheckReport, ...], target: Level) -> tuple[Action, ...]:
    """Return up to three steps towards the target, fixes before attestations.

    Failed checks come first (lowest level first), since only they can be fixed in the files;
    then the attestations a person must record.
    """
    ranked = []
    for index, check in enumerate(checks):
        level = Level(check.level)
        if level.rank > target.rank:
            continue
        if check.status in BLOCKING:
            ranked.append(((0, level.rank, index), check))
        elif check.status == CheckStatus.NEEDS_ATTESTATION:
            ranked.append(((1, level.rank, index), check))
    ranked.sort(key=lambda item: item[0])
    return tuple(
        Action(check.criterion, check.id, first_paragraph(check.message), check.url)
        for _, check in ranked[:NEXT_ACTIONS]
    )


def _repo_review_warnings(settings: Settings, known: set[str]) -> list[str]:
    """What in ``[tool.repo-review] ignore`` names our checks but is not applied, and why.

    Names that are not ours belong to repo-review's other plugins and are left alone.
    """
    groups = known | {repo_review_group(check_id) for check_id in known}
    warnings = []
    for name, reason in sorted((settings.repo_review_ignores or {}).items()):
        if name in groups and not reason:
            warnings.append(
                f"[tool.repo-review] ignore lists `{name}` without a reason, so the audit still "
                f'counts it: give the reason, as in ignore = {{"{name}" = "why"}}.'
            )
        elif name.startswith("RAP-") and name not in groups:
            warnings.append(
                f"[tool.repo-review] ignore names `{name}`, which is no check's id (e.g. "
                "RAP-S2.3) or group of checks (e.g. RAP-S2.)."
            )
    return warnings


def _scan_warnings(fixtures: dict[str, Any]) -> list[str]:
    tree, python = fixtures["rap_tree"], fixtures["rap_python"]
    warnings = []
    if tree.truncated:
        warnings.append(f"Stopped counting at {tree.files} files; is this the right folder?")
    if tree.unreadable_count:
        warnings.append(
            f"{tree.unreadable_count} folder(s) couldn't be read (e.g. {tree.unreadable[0]}); "
            "their contents weren't audited."
        )
    if python.unparsed_count:
        warnings.append(
            f"{python.unparsed_count} Python file(s) couldn't be parsed "
            f"(e.g. {python.unparsed[0]}); "
            "they were left out of the docstring, function and logging measures."
        )
    if tree.python_sources_total > len(tree.python_sources):
        warnings.append(
            f"Measured the first {len(tree.python_sources)} of {tree.python_sources_total} "
            "Python files."
        )
    return warnings


def audit(path: Path, target: Level = Level.SILVER, *, strict: bool = False) -> Report:
    """Audit the repository at ``path`` against ``target`` and return the full report."""
    started = time.perf_counter()
    root = path.resolve()
    fixtures = compute_fixtures(root)
    settings: Settings = fixtures["rap_settings"]
    checks = tuple(_check_report(outcome, settings) for outcome in run_checks(fixtures))
    known = {check.id for check in all_checks()}
    warnings = list(settings.warnings)
    warnings.extend(
        f"[tool.nhs-rap.ignore] names `{check_id}`, which is not a check id (e.g. RAP-S2.3)."
        for check_id in sorted(set(settings.ignores or {}) - known)
    )
    warnings.extend(
        f"{check.id} asks for a person's attestation and can't be ignored; attest it with a "
        "`reason` instead."
        for check in checks
        if check.status == CheckStatus.NEEDS_ATTESTATION and settings.ignore_reason(check.id)
    )
    warnings.extend(_repo_review_warnings(settings, known))
    warnings.extend(_scan_warnings(fixtures))
    criteria = []
    for criterion in CRITERIA:
        own = [check for check in checks if check.criterion == criterion.id]
        attestation = settings.attestation(criterion.id)
        criteria.append(
            CriterionReport(
                id=criterion.id,
                level=criterion.level.value,
                summary=criterion.summary,
                automatable=criterion.automatable,
                status=_criterion_status(criterion.automatable, [check.status for check in own]),
                url=docs_page(RAP_LEVELS_PAGE, criterion.anchor),
                checks=tuple(check.id for check in own),
                attestation=(
                    {
                        "by": attestation.by,
                        "date": attestation.date,
                        "evidence": attestation.evidence,
                        "reason": attestation.reason,
                        "valid": attestation.valid,
                    }
                    if attestation
                    else None
                ),
            )
        )
    frozen = tuple(criteria)
    reached = _highest(frozen, with_attestation=True)
    automated = _highest(frozen, with_attestation=False)
    measure = reached if strict else automated
    met = measure is not None and Level(measure).rank >= target.rank
    tree, python = fixtures["rap_tree"], fixtures["rap_python"]
    return Report(
        path=str(root),
        target_level=target.value,
        strict=strict,
        level_reached=reached,
        automated_level=automated,
        target_met=met,
        exit_code=EXIT_MET if met else EXIT_NOT_MET,
        checks=checks,
        criteria=frozen,
        next_actions=_next_actions(checks, target),
        warnings=tuple(warnings),
        scan={
            "files": tree.files,
            "python_files_measured": python.files_parsed,
            "truncated": tree.truncated,
            "seconds": round(time.perf_counter() - started, 3),
        },
    )


__all__ = ["Report", "audit"]
