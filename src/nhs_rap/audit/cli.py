"""The ``nhs-rap audit`` command; heavy modules load only when it runs, to keep start-up quick."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import click

from nhs_rap.criteria import CRITERIA, Level

#: The criteria only a person's attestation can meet, as the help names them ("B4, B5 and S9").
_ATTESTED = [criterion.id for criterion in CRITERIA if not criterion.automatable]
_ATTESTED_NAMES = ", ".join(_ATTESTED[:-1]) + " and " + _ATTESTED[-1]

EXIT_USAGE = 2


class Format(StrEnum):
    """Output formats of ``nhs-rap audit``."""

    RICH = "rich"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SVG = "svg"


@click.command("audit")
@click.argument(
    "path", type=click.Path(path_type=Path), default=Path("."), required=False, metavar="[PATH]"
)
@click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    default=None,
    help="Target level for the exit code (default: [tool.nhs-rap] level, or silver).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([fmt.value for fmt in Format]),
    default=Format.RICH.value,
    show_default=True,
    help="How to show the report.",
)
@click.option("--strict", is_flag=True, help=f"Also require {_ATTESTED_NAMES} to be attested.")
def audit(path: Path, level: str | None, output_format: str, strict: bool) -> None:
    """Audit a repository against the NHS Levels of RAP and say what to do next.

    PATH is the repository (default: this folder). Exits 0 when the target level is met by the
    automated checks (with --strict, also by attestations), 3 when it is not, and 2 on a usage
    error.
    """
    from rich.console import Console

    from nhs_rap.audit.settings import load_pyproject, read_settings
    from nhs_rap.audit.verdict import audit as run_audit

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    if not path.is_dir():
        errors.print(
            f"Error: {path} is not a folder. Give the path of a repository to audit.", markup=False
        )
        sys.exit(EXIT_USAGE)
    target = Level(level) if level else None
    if target is None:
        configured = read_settings(load_pyproject(path.resolve())).level
        target = Level(configured) if configured else Level.SILVER
    report = run_audit(path, target, strict=strict)
    if output_format == Format.RICH:
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
        click.echo(renderers[Format(output_format)](report), nl=False)
    sys.exit(report.exit_code)
