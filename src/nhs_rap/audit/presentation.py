"""Wording shared by every human-readable format: notes under a check and the one-paragraph verdict.

How each status looks (symbol, label, colour) is part of the status itself (``status.py``).
"""

from __future__ import annotations

from nhs_rap.audit.status import FINE, CheckStatus, CriterionStatus
from nhs_rap.audit.verdict import CheckReport, Report
from nhs_rap.criteria import Level


def check_notes(check: CheckReport) -> list[tuple[str, str]]:
    """What every readable format shows under a check's description, as ``(kind, text)``.

    Kinds: ``ignored`` (the team's reason), ``action`` (the full message: what to do next; each
    format decides how much of it to show) and ``signals`` (supporting clues, joined).
    """
    notes = []
    if check.status == CheckStatus.IGNORED:
        notes.append(("ignored", check.ignore_reason))
    elif check.status not in FINE and check.message:
        notes.append(("action", check.message))
    if check.signals:
        notes.append(("signals", "; ".join(check.signals)))
    return notes


def headline(report: Report) -> str:
    """One line: what the automated checks reach, and whether that meets the target."""
    target = report.target_level
    if report.strict:
        reached = report.level_reached
        what = (
            f"With attestations counted, this project reaches {reached}"
            if reached
            else ("With attestations counted, this project doesn't reach baseline yet")
        )
        verdict = "met" if report.target_met else "not met yet"
        return f"{what}: the {target} target (attestations required) is {verdict}."
    automated = report.automated_level
    what = (
        f"The automated checks reach {automated}"
        if automated
        else "The automated checks don't reach baseline yet"
    )
    verdict = "met" if report.target_met else "not met yet"
    return f"{what}: the {target} target is {verdict}."


def explanation(report: Report) -> str:
    """What waits on a person, what couldn't be assessed and what is advice, in plain words."""
    parts = []
    # Attestations matter up to the target, and up to whatever the file checks already reach.
    levels = [Level(report.target_level)]
    if report.automated_level:
        levels.append(Level(report.automated_level))
    ceiling = max(levels, key=lambda level: level.rank)
    pending = [
        c.id
        for c in report.criteria
        if c.status == CriterionStatus.NEEDS_ATTESTATION and Level(c.level).rank <= ceiling.rank
    ]
    if pending:
        parts.append(
            f"{_join(pending)} can't be checked from the files, so "
            f"{'it waits' if len(pending) == 1 else 'they wait'} on a person's attestation: "
            "record each under `[tool.nhs-rap.attest.<id>]` in pyproject.toml with "
            "`by` (who checked), `date` (when) and `evidence` (a link), or a `reason`."
        )
    elif report.level_reached and report.level_reached == report.automated_level:
        parts.append(f"Every criterion up to {report.level_reached} is met, attestations included.")
    if not report.automated_level:
        parts.append("Some baseline checks fail; the next actions below come first.")
    unassessed = [c.id for c in report.criteria if c.status == CriterionStatus.NOT_ASSESSED]
    if unassessed:
        parts.append(
            f"{_join(unassessed)} couldn't be assessed here (nothing of that kind to measure), "
            "so they neither pass nor block a level."
        )
    advice = report.count(CheckStatus.ADVICE)
    if advice:
        parts.append(
            f"{advice} check(s) give advice: the criterion is met, and the advice is a stronger "
            "practice worth adopting."
        )
    ignored = report.count(CheckStatus.IGNORED)
    if ignored:
        parts.append(f"{ignored} check(s) are ignored by the team's settings, with reasons shown.")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
