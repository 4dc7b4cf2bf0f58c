"""The audit report as Markdown, sized for a pull request comment or a CI job summary."""

from __future__ import annotations

from nhs_rap.audit.base import first_paragraph
from nhs_rap.audit.presentation import check_notes, explanation, headline
from nhs_rap.audit.verdict import Report


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _note(kind: str, text: str, label: str) -> str:
    """One note under a check (see ``check_notes``): the action's first paragraph, or the text."""
    if kind == "action":
        return f"<br>**{label}:** {first_paragraph(text)}"
    return f"<br>{kind.capitalize()}: {text}"


def render(report: Report) -> str:
    """Return the report as GitHub-flavoured Markdown."""
    lines = [f"## NHS RAP audit: {headline(report)}", ""]
    if explanation(report):
        lines += [explanation(report), ""]
    if report.next_actions:
        lines += ["### Next actions", ""]
        lines += [
            f"{number}. **[{action.check}]({action.url})** {_cell(action.action)}"
            for number, action in enumerate(report.next_actions, 1)
        ]
        lines.append("")
    lines += ["### Checks", "", "| | Check | Level | Result |", "| --- | --- | --- | --- |"]
    for check in report.checks:
        detail = check.description + "".join(
            _note(kind, text, check.status.label) for kind, text in check_notes(check)
        )
        link = f"[{check.id}]({check.url})"
        lines.append(f"| {check.status.symbol} | {link} | {check.level} | {_cell(detail)} |")
    if report.warnings:
        lines += ["", "### Warnings", ""]
        lines += [f"- {warning}" for warning in report.warnings]
    lines += [
        "",
        f"<sub>nhs-rap {report.version}: {report.scan.get('files', 0)} files in "
        f"{report.scan.get('seconds', 0)} s.</sub>",
        "",
    ]
    return "\n".join(lines)
