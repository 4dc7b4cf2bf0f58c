"""``nhs-rap guard``: the command line and pre-commit entry point of the patient-data guard.

Exit codes are the contract pre-commit and CI rely on: 0 nothing found, 1 findings (each printed
as ``path:line:rule-id: message`` with values masked), 2 the guard could not run as asked (click
also exits 2 on a wrong option). The scanning modules are imported inside the command so that
``nhs-rap --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("guard")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--history",
    is_flag=True,
    help="Check every file version in the git history, on every branch and tag.",
)
@click.option(
    "--chi/--no-chi",
    default=None,
    help="Also report Scottish CHI numbers (default: the allow-list file's setting, off).",
)
@click.option(
    "--report-synthetic/--allow-synthetic",
    default=None,
    help="Report NHS numbers in the 999 000 0000-999 999 9999 test range too "
    "(default: allowed, unless the allow-list file says otherwise).",
)
@click.option(
    "--allow-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Allow-list file to use (default: .nhs-rap-allow.toml at the repository root).",
)
def guard(
    paths: tuple[Path, ...],
    history: bool,
    chi: bool | None,
    report_synthetic: bool | None,
    allow_file: Path | None,
) -> None:
    """Check files for NHS numbers, patient-level data and secrets before they reach git.

    PATHS are files or folders (pre-commit passes the staged files). With none, the files staged
    in git are checked as they will be committed.
    """
    from nhs_rap.guard.run import GuardRequest, run

    request = GuardRequest(
        paths=paths,
        history=history,
        chi=chi,
        report_synthetic=report_synthetic,
        allow_file=allow_file,
    )
    sys.exit(run(request, out=sys.stdout, err=sys.stderr))
