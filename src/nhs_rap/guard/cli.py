"""``nhs-rap guard``: the command line and pre-commit entry point of the patient-data guard.

Exit codes are the contract pre-commit and CI rely on: 0 nothing found, 1 findings (each printed
as ``path:line:rule-id: message`` with values masked), 2 the guard could not run as asked. The
scanning modules are imported inside the command so ``nhs-rap --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``guard`` command to the ``nhs-rap`` application."""
    app.command(name="guard")(guard)


def guard(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check (pre-commit passes the staged files). "
            "With none, the files staged in git are checked as they will be committed.",
            show_default=False,
        ),
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Check every file version in the git history, on every branch and tag.",
        ),
    ] = False,
    chi: Annotated[
        bool | None,
        typer.Option(
            "--chi/--no-chi",
            help="Also report Scottish CHI numbers (default: the allow-list file's setting, off).",
            show_default=False,
        ),
    ] = None,
    report_synthetic: Annotated[
        bool | None,
        typer.Option(
            "--report-synthetic/--allow-synthetic",
            help="Report NHS numbers in the 999 000 0000-999 999 9999 test range too "
            "(default: allowed, unless the allow-list file says otherwise).",
            show_default=False,
        ),
    ] = None,
    allow_file: Annotated[
        Path | None,
        typer.Option(
            "--allow-file",
            help="Allow-list file to use (default: .nhs-rap-allow.toml at the repository root).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Check files for NHS numbers, patient-level data and secrets before they reach git."""
    from nhs_rap.guard.run import GuardRequest, run

    request = GuardRequest(
        paths=tuple(paths or ()),
        history=history,
        chi=chi,
        report_synthetic=report_synthetic,
        allow_file=allow_file,
    )
    raise typer.Exit(run(request, out=sys.stdout, err=sys.stderr))
