"""Finish a new project: drop what the chosen options don't need, start git, say what next.

Everything optional is listed once, in ``KEEP_ONLY_WHEN``, so the template never grows scattered
``if`` blocks and the tests can read the same list. Nothing here may fail the bake for want of git
or a git identity: cookiecutter deletes the whole project when this hook fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ANSWERS_JSON = r"""{{ cookiecutter | tojson }}"""

# Path in the generated project -> the answers it needs to be kept.
KEEP_ONLY_WHEN: dict[str, dict[str, str]] = {
    "notebooks": {"include_notebooks": "yes"},
    "docs/notebooks.md": {"include_notebooks": "yes"},
    ".github": {"git_platform": "github"},
    ".gitlab": {"git_platform": "gitlab"},
    ".gitlab-ci.yml": {"git_platform": "gitlab"},
    ".azuredevops": {"git_platform": "azure-devops"},
    "azure-pipelines.yml": {"git_platform": "azure-devops"},
    # Renovate reads .gitlab/renovate.json on GitLab (dropped with .gitlab); Azure reads the root.
    "renovate.json": {"git_platform": "azure-devops"},
}

FALLBACK_GIT_IDENTITY = ("cookiecutter-nhs-rap", "nhs-rap@localhost.invalid")


def unwanted_paths(answers: Mapping[str, object]) -> list[str]:
    """The manifest's paths whose conditions the answers do not meet."""
    return [
        path
        for path, needs in KEEP_ONLY_WHEN.items()
        if any(answers.get(option) != value for option, value in needs.items())
    ]


def remove_unwanted(project: Path, answers: Mapping[str, object]) -> None:
    """Delete the files and folders the chosen options do not use."""
    for relative in unwanted_paths(answers):
        target = project / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def _git(
    project: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=False, env=env
    )


def _commit_environment(project: Path) -> dict[str, str]:
    """The environment for the first commit, with a stand-in identity where a new laptop has none.

    Set through environment variables rather than ``-c user.name``, because git lets even an
    empty ``GIT_AUTHOR_NAME`` override its configuration.
    """
    env = dict(os.environ)
    fallback_name, fallback_email = FALLBACK_GIT_IDENTITY
    configured_name = _git(project, "config", "user.name").stdout.strip()
    configured_email = _git(project, "config", "user.email").stdout.strip()
    for role in ("AUTHOR", "COMMITTER"):
        if not env.get(f"GIT_{role}_NAME"):
            env[f"GIT_{role}_NAME"] = configured_name or fallback_name
        if not env.get(f"GIT_{role}_EMAIL"):
            env[f"GIT_{role}_EMAIL"] = configured_email or fallback_email
    return env


def initialise_git(project: Path) -> str:
    """Create the repository on branch main with a first commit; return what happened."""
    if shutil.which("git") is None:
        return (
            "git is not installed, so no repository was created: "
            "install git, then run `git init -b main`."
        )
    steps = [
        ("init", "-q", "-b", "main"),
        ("add", "--all"),
        (
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "--no-verify",
            "-m",
            "Start project from cookiecutter-nhs-rap",
        ),
    ]
    for step in steps:
        result = _git(
            project, *step, env=_commit_environment(project) if "commit" in step else None
        )
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            last = reason[-1] if reason else "no message"
            return f"git could not finish ({last}); run `git init -b main` yourself."
    return "Created a git repository on branch main with a first commit."


def next_steps(answers: Mapping[str, object], git_line: str | None) -> str:
    """What to type next, for PowerShell and for bash."""
    slug = answers["project_slug"]
    package = answers["package_name"]
    lines = [f"\nYour project is ready in ./{slug}"]
    if git_line:
        lines.append(git_line)
    lines += [
        "",
        "Next steps (the same in PowerShell and bash; if `uv` is not found, type `python -m uv`):",
        f"  cd {slug}",
        "  python -m pip install uv         # once per machine; works through a PyPI proxy",
        "  uv sync                          # creates .venv and uv.lock",
        "  uv run pre-commit install        # checks every commit for data, secrets and style",
        "  uv run pytest                    # runs the tests",
        f"  uv run python -m {package}   # runs the example pipeline",
        "",
        "To work inside the environment instead:",
        "  PowerShell:  .venv\\Scripts\\Activate.ps1",
        "  bash:        source .venv/bin/activate",
    ]
    return "\n".join(lines)


def finish(project: Path, answers: Mapping[str, object]) -> str:
    """Tidy the project, start git if asked, and return the next steps to print."""
    remove_unwanted(project, answers)
    git_line = initialise_git(project) if answers.get("init_git") == "yes" else None
    return next_steps(answers, git_line)


def main() -> None:
    """Run after plain cookiecutter renders the project (``nhs-rap new`` calls ``finish``).

    Copier runs this file unrendered, as a task, with the answers as JSON in its one argument.
    """
    answers = sys.argv[1] if len(sys.argv) > 1 else ANSWERS_JSON
    print(finish(Path.cwd(), json.loads(answers)))


if __name__ == "__main__":
    main()
