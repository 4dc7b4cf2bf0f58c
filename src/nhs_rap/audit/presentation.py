"""Wording shared by every human-readable format: status labels and the one-paragraph verdict."""

from __future__ import annotations

from nhs_rap.audit.verdict import CheckReport, Report

#: status -> (symbol, label); symbols are plain Unicode so they survive any terminal or PR comment.
STATUS = {
    "passed": ("✔", "Passed"),
    "failed": ("✘", "Failed"),
    "error": ("!", "Error"),
    "warning": ("⚠", "Warning"),
    "advice": ("i", "Advice"),
    "skipped": ("-", "Not checked"),
    "ignored": ("○", "Ignored"),
    "attested": ("✔", "Attested"),
    "needs-attestation": ("?", "Needs attestation"),
}
#: Order of the report's sections: what blocks first, what's fine last.
SECTION_ORDER = (
    "error",
    "failed",
    "needs-attestation",
    "warning",
    "advice",
    "ignored",
    "skipped",
    "attested",
    "passed",
)


def first_paragraph(message: str) -> str:
    """Return the first paragraph of a message (the rest is usually a code example)."""
    return message.split("\n\n", 1)[0].strip()


def check_notes(check: CheckReport) -> list[tuple[str, str]]:
    """What every readable format shows under a check's description, as ``(kind, text)``.

    Kinds: ``ignored`` (the team's reason), ``action`` (the full message: what to do next; each
    format decides how much of it to show) and ``signals`` (supporting clues, joined).
    """
    notes = []
    if check.status == "ignored":
        notes.append(("ignored", check.ignore_reason))
    elif check.status not in {"passed", "attested"} and check.message:
        notes.append(("action", check.message))
    if check.signals:
        notes.append(("signals", "; ".join(check.signals)))
    return notes


def headline(report: Report) -> str:
    """One line: the level reached against the target."""
    reached = report.level_reached or "no level yet"
    verdict = "met" if report.target_met else "not met"
    mode = ", attestations required" if report.strict else ""
    return f"RAP level reached: {reached}. Target {report.target_level}{mode}: {verdict}."


def explanation(report: Report) -> str:
    """Why the levels differ, in a sentence or two an analyst can act on."""
    pending = [c.id for c in report.criteria if c.status == "needs-attestation"]
    parts = []
    if report.automated_level and report.automated_level != report.level_reached:
        parts.append(
            f"The automated checks reach {report.automated_level}; "
            f"{', '.join(pending)} need a person's attestation in pyproject.toml to confirm it."
        )
    elif not report.automated_level:
        parts.append("Some baseline checks fail; the next actions below come first.")
    ignored = report.count("ignored")
    if ignored:
        parts.append(f"{ignored} check(s) are ignored by the team's settings, with reasons shown.")
    return " ".join(parts)
