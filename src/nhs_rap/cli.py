"""The ``nhs-rap`` command line: start a project, audit one, guard one, update one.

Built on click, which cookiecutter already brings, so the program starts quickly: ``nhs-rap
guard`` runs on every commit. Each command imports its heavy modules only when it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nhs_rap import __version__
from nhs_rap.audit.cli import audit
from nhs_rap.guard.cli import guard
from nhs_rap.update.cli import update

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="nhs-rap", message="%(prog)s %(version)s")
def app() -> None:
    """Start, audit, guard and update NHS Reproducible Analytical Pipelines (RAP)."""


@app.command(context_settings=CONTEXT)
@click.argument("answers", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--no-input", is_flag=True, help="Ask nothing; use defaults for unanswered options.")
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Folder to create the project in.",
)
def new(answers: tuple[str, ...], no_input: bool, output_dir: Path) -> None:
    """Create a new RAP project from the bundled template (works offline).

    Give answers up front as KEY=VALUE, e.g. project_name="A&E waits"; they are taken literally.
    """
    from nhs_rap.new import NewProjectError, generate, parse_overrides

    try:
        generate(parse_overrides(answers), output_dir, no_input)
    except NewProjectError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


app.add_command(audit)
app.add_command(guard)
app.add_command(update)


def main() -> None:
    """Entry point of the ``nhs-rap`` console script."""
    app()
