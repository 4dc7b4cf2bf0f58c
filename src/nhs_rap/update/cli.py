"""``nhs-rap update``: move a project to a later template release, on a branch, for review.

Exit codes: 0 updated (or already up to date), 1 conflicts remain to resolve (``--check``: the
project is behind the newest release), 2 the update could not start (click also exits 2 on a
wrong option). The work is imported inside the command so that ``nhs-rap --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


def ask_in_terminal(name: str, default: str, choices: list[str] | None) -> str:
    """Ask for an option the new release adds, offering its default."""
    kind = click.Choice(choices) if choices else click.STRING
    return str(click.prompt(f"New option {name}", default=default, type=kind))


@click.command("update")
@click.option("--to", "target", metavar="RELEASE", help="Release to update to (default: newest).")
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 if a newer template release is out."
)
@click.option(
    "--defaults", is_flag=True, help="Give options new in the release their defaults, unasked."
)
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    help="The project folder (default: the current folder).",
)
def update(target: str | None, check: bool, defaults: bool, project: Path) -> None:
    """Bring this project up to a later template release, on a new git branch.

    Both releases come from your package index (`pip download nhs-rap==X`), so no GitHub access
    is needed. What the template changed is merged into your work with git's three-way merge;
    where both changed the same lines, standard conflict markers are left for you to resolve.
    Your own files (package code, tests, docs, data, CHANGELOG) are never changed.
    """
    from nhs_rap.update import run
    from nhs_rap.update.merge import GitError
    from nhs_rap.update.recorded import NoRecordError
    from nhs_rap.update.releases import ReleaseError
    from nhs_rap.update.render import RenderError

    try:
        if check:
            sys.exit(0 if run.check(project, click.echo) else 1)
        ask = None if defaults or not sys.stdin.isatty() else ask_in_terminal
        outcome = run.update(project, target, ask, click.echo)
    except (GitError, NoRecordError, ReleaseError, RenderError, run.UpdateRefusedError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    if outcome.branch is None:
        return
    if outcome.conflicted:
        click.echo(f"\nThe update is on branch {outcome.branch}, with conflicts to resolve in:")
        click.echo("\n".join(f"  {path}" for path in outcome.conflicted))
        click.echo(
            "Open each file (VS Code shows a merge editor), keep the right lines between the "
            "<<<<<<< and >>>>>>> markers, then `git add` the files and `git commit`."
        )
        sys.exit(1)
    click.echo(
        f"\nUpdated and committed on branch {outcome.branch}. Run the tests (`uv sync` then "
        "`uv run pytest`), push the branch and open a pull request to review the change."
    )
