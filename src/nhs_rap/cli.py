"""The ``nhs-rap`` command line: start a project, audit one, guard one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from nhs_rap import __version__
from nhs_rap.audit.cli import register as register_audit
from nhs_rap.guard.cli import register as register_guard

app = typer.Typer(
    help="Start, audit and guard NHS Reproducible Analytical Pipelines (RAP).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_errors = Console(stderr=True, highlight=False, soft_wrap=True)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"nhs-rap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Start, audit and guard NHS Reproducible Analytical Pipelines (RAP)."""


@app.command()
def new(
    answers: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KEY=VALUE]...", help='Answers given up front, e.g. project_name="A&E waits".'
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing; use defaults for unanswered options.")
    ] = False,
    output_dir: Annotated[
        Path,
        typer.Option(
            "--output-dir", "-o", help="Folder to create the project in.", file_okay=False
        ),
    ] = Path("."),
) -> None:
    """Create a new RAP project from the bundled template (works offline)."""
    # Imported here: cookiecutter is slow to import, and `guard` runs on every commit.
    from nhs_rap.new import HookRefusedError, NewProjectError, generate, parse_overrides

    try:
        generate(parse_overrides(answers or []), output_dir, no_input)
    except HookRefusedError:
        raise typer.Exit(1) from None  # the template's hook has already printed its one-line reason
    except NewProjectError as error:
        _errors.print(f"Error: {error}", markup=False)
        raise typer.Exit(1) from None


register_guard(app)
register_audit(app)


def main() -> None:
    """Entry point of the ``nhs-rap`` console script."""
    app()
