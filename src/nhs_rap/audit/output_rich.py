"""The audit report in the terminal: a table of checks by level, then the verdict and next steps."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from nhs_rap.audit.base import first_paragraph
from nhs_rap.audit.presentation import check_notes, explanation, headline
from nhs_rap.audit.verdict import Report


def _note(kind: str, text: str, label: str, style: str) -> str:
    """One note under a check (see ``check_notes``): the action in the status colour, else dim."""
    if kind == "action":
        return f"\n[{style}]{label}: {escape(first_paragraph(text))}[/]"
    return f"\n[dim]{kind.capitalize()}: {escape(text)}[/]"


def render(report: Report, console: Console) -> None:
    """Print the report to ``console``."""
    table = Table(title=f"NHS RAP audit of {escape(report.path)}", expand=True, show_lines=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column("Check", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("What it looks for / what to do", ratio=1)
    for check in report.checks:
        status = check.status
        detail = escape(check.description) + "".join(
            _note(kind, text, status.label, status.style) for kind, text in check_notes(check)
        )
        table.add_row(
            f"[{status.style}]{status.symbol}[/]",
            f"[link={check.url}]{check.id}[/link]",
            check.level,
            detail,
        )
    console.print(table)
    lines = [f"[bold]{escape(headline(report))}[/]"]
    if explanation(report):
        lines.append(escape(explanation(report)))
    if report.next_actions:
        lines.append("\n[bold]Next actions[/]")
        lines += [
            f"{number}. [bold]{action.check}[/] {escape(action.action)}\n   {action.url}"
            for number, action in enumerate(report.next_actions, 1)
        ]
    if report.warnings:
        lines.append("\n[bold yellow]Warnings[/]")
        lines += [f"- {escape(warning)}" for warning in report.warnings]
    style = "green" if report.target_met else "red"
    console.print(Panel("\n".join(lines), title="Verdict", border_style=style))
