"""The ``nhs-rap audit`` command; heavy modules load only when it runs, to keep start-up quick."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nhs_rap.criteria import Level

EXIT_USAGE = 2


class Format(StrEnum):
    """Output formats of ``nhs-rap audit``."""

    RICH = "rich"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SVG = "svg"


def audit(
    path: Annotated[
        Path,
        typer.Argument(help="The repository to audit (default: this folder).", show_default=False),
    ] = Path("."),
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            help="Target level for the exit code (default: \\[tool.nhs-rap] level or silver).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="How to show the report.")
    ] = Format.RICH,
    strict: Annotated[
        bool, typer.Option("--strict", help="Also require B4, B5 and S9 to be attested.")
    ] = False,
) -> None:
    """Audit a repository against the NHS Levels of RAP and say what to do next.

    Exits 0 when the target level is met by the automated checks (with --strict, also by
    attestations), 3 when it is not, and 2 on a usage error.
    """
    from rich.console import Console

    from nhs_rap.audit.settings import load_pyproject, read_settings
    from nhs_rap.audit.verdict import audit as run_audit

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    if not path.is_dir():
        errors.print(
            f"Error: {path} is not a folder. Give the path of a repository to audit.", markup=False
        )
        raise typer.Exit(EXIT_USAGE)
    target = level
    if target is None:
        configured = read_settings(load_pyproject(path.resolve())).level
        target = Level(configured) if configured else Level.SILVER
    report = run_audit(path, target, strict=strict)
    if output_format is Format.RICH:
        from nhs_rap.audit import output_rich

        output_rich.render(report, Console(highlight=False))
    else:
        from nhs_rap.audit import output_badge, output_html, output_json, output_markdown

        renderers = {
            Format.JSON: output_json.render,
            Format.MARKDOWN: output_markdown.render,
            Format.HTML: output_html.render,
            Format.SVG: output_badge.render,
        }
        typer.echo(renderers[output_format](report), nl=False)
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    """Add ``audit`` to the ``nhs-rap`` command."""
    app.command("audit")(audit)
