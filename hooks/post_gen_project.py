"""Finish a new project: drop what the chosen options don't need, lock, start git, say what next.

Everything optional is listed once, in ``KEEP_ONLY_WHEN``, so the template never grows scattered
``if`` blocks and the tests can read the same list. Nothing here may fail the bake for want of git,
a git identity, uv or a network: cookiecutter deletes the whole project when this hook fails.

The project is locked (``uv lock``) before the first commit, so that commit already records the
exact versions and the project meets its RAP level from the start. Locking needs the package
index; offline, or behind a proxy that does not answer, the step gives up within seconds and the
next steps say to run ``uv sync`` and commit ``uv.lock`` first.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

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
    # PySpark's own files: the Spark session, the Databricks bundle and the test that checks it.
    "src/{{cookiecutter.package_name}}/spark_session.py": {"compute_backend": "pyspark"},
    "databricks.yml": {"compute_backend": "pyspark"},
    "tests/unit/test_spark_session.py": {"compute_backend": "pyspark"},
    "tests/unit/test_databricks_bundle.py": {"compute_backend": "pyspark"},
}

# The package folder as the template names it, written so that rendering leaves it alone.
PACKAGE_FOLDER = "{" + "{cookiecutter.package_name}" + "}"

FALLBACK_GIT_IDENTITY = ("cookiecutter-nhs-rap", "nhs-rap@localhost.invalid")
GIT_CREATED = "Created a git repository on branch main with a first commit."

LOCK_FILE = "uv.lock"
# Set to any value to skip locking (the quick test tier bakes hundreds of projects).
SKIP_LOCK_VARIABLE = "NHS_RAP_NO_LOCK"
# uv's wait for one answer from the index, and the most the whole step may take: an NHS laptop
# offline or behind a silent proxy gets its project within seconds, not after minutes of retries.
INDEX_ANSWER_SECONDS = 5
LOCK_SECONDS = 60


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
        # The package folder's name, when this hook is read unrendered (as nhs-rap update does).
        target = project / relative.replace(PACKAGE_FOLDER, str(answers.get("package_name")))
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


def uv_command() -> list[str] | None:
    """How to start uv here: the ``uv`` program, else the module beside this Python, else None."""
    program = shutil.which("uv")
    if program:
        return [program]
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    return None


class LockResult(NamedTuple):
    """Whether ``uv.lock`` was written, and if not, the reason to show the analyst.

    A named tuple rather than a dataclass: ``nhs-rap new`` loads this file outside
    ``sys.modules``, where dataclasses cannot look up their module.
    """

    locked: bool
    reason: str = ""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def _error_line(text: str) -> str:
    """The reason uv gives: its first ``error:`` line, else its last line."""
    for line in text.splitlines():
        if line.strip().startswith("error:"):
            reason = line.strip().removeprefix("error:").strip()
            return reason[:1].lower() + reason[1:]
    return _last_line(text)


def lock_dependencies(project: Path, uv: Sequence[str] | None = None) -> LockResult:
    """Run ``uv lock`` with short network timeouts; on any failure leave no lock file behind.

    The analyst's own uv settings (``UV_INDEX_URL``, ``uv.toml``, certificates, proxies) apply.
    uv never downloads a Python interpreter here: that needs GitHub, which NHS proxies block.
    """
    if os.environ.get(SKIP_LOCK_VARIABLE):
        return LockResult(False, f"{SKIP_LOCK_VARIABLE} is set")
    command = list(uv) if uv is not None else uv_command()
    if command is None:
        return LockResult(False, "uv is not installed")
    env = {
        **os.environ,
        "UV_HTTP_TIMEOUT": str(INDEX_ANSWER_SECONDS),
        "UV_HTTP_RETRIES": "0",
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_NO_PROGRESS": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    print("Locking the project's dependencies with uv...", file=sys.stderr, flush=True)
    try:
        result = subprocess.run(
            [*command, "lock", "--quiet"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=LOCK_SECONDS,
        )
    except subprocess.TimeoutExpired:
        reason = f"the package index did not finish answering within {LOCK_SECONDS} seconds"
    except OSError as error:
        reason = f"uv could not start ({error.strerror or error})"
    else:
        if result.returncode == 0 and (project / LOCK_FILE).is_file():
            return LockResult(True)
        reason = _error_line(result.stderr or result.stdout)
    (project / LOCK_FILE).unlink(missing_ok=True)
    return LockResult(False, reason)


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
            last = _last_line(result.stderr or result.stdout)
            return f"git could not finish ({last}); run `git init -b main` yourself."
    return GIT_CREATED


def shown_path(project: Path, working_dir: Path | None) -> str:
    """The project folder as the analyst should type it: relative when below where they are."""
    project = project.resolve()
    if working_dir is not None:
        try:
            relative = project.relative_to(working_dir.resolve())
        except ValueError:
            pass
        else:
            return f"./{relative.as_posix()}"
    return str(project)


def quoted_for_shell(path: str) -> str:
    """A path both PowerShell and bash read as one word (single quotes mean literal in both)."""
    if path and all(char.isalnum() or char in "./\\_-:" for char in path):
        return path
    return "'" + path.replace("'", "''" if os.name == "nt" else "'\\''") + "'"


def aligned(commands: Sequence[tuple[str, str]]) -> list[str]:
    """Commands with their comments lined up in one column, however long a command is."""
    width = max(len(command) for command, comment in commands if comment) + 2
    return [
        f"  {command.ljust(width)}# {comment}" if comment else f"  {command}"
        for command, comment in commands
    ]


def uv_folder_beside_python() -> Path | None:
    """The folder of a ``uv`` program installed beside this Python (e.g. with nhs-rap), if any."""
    folder = Path(sys.executable).parent
    found = [folder / name for name in ("uv", "uv.exe") if (folder / name).is_file()]
    return folder if found else None


def uv_install_steps(
    uv_on_path: bool, windows: bool, beside: Path | None = None
) -> list[tuple[str, str]]:
    """How to reach uv from the project folder, if it is not already on the PATH.

    uv installed beside nhs-rap only needs its folder on the PATH. Otherwise Windows installs it
    with pip; Debian, Ubuntu and Homebrew refuse ``pip install`` outside a virtual environment,
    so there uv gets a small environment of its own (docs/how-to-run.md says the same).
    """
    if uv_on_path:
        return []
    if beside is not None:
        if windows:
            return [(f'$env:PATH = "{beside};$env:PATH"', "uv is installed beside nhs-rap")]
        return [(f'export PATH="{beside}:$PATH"', "uv is beside nhs-rap; add to ~/.bashrc too")]
    if windows:
        return [("python -m pip install uv", "once per machine; works through a PyPI proxy")]
    return [
        ("python3 -m venv ~/.local/uv", "once per machine: an environment just for uv"),
        ("~/.local/uv/bin/python -m pip install uv", "works through a PyPI proxy"),
        ('export PATH="$HOME/.local/uv/bin:$PATH"', "add this line to ~/.bashrc too"),
    ]


def next_steps(
    answers: Mapping[str, object],
    where: str,
    git_line: str | None,
    lock: LockResult,
    install_uv: Sequence[tuple[str, str]] = (),
) -> str:
    """What to type next, for PowerShell and for bash, in the folder shown as ``where``."""
    package = answers["package_name"]
    locked = lock.locked
    lines = [f"\nYour project is ready in {where}"]
    if locked:
        lines.append("Locked the exact versions of every dependency in uv.lock.")
    if git_line:
        lines.append(git_line)
    commands: list[tuple[str, str]] = [(f"cd {quoted_for_shell(where)}", ""), *install_uv]
    if locked:
        commands.append(("uv sync", "creates .venv with the versions in uv.lock"))
    else:
        commands += [
            ("uv sync", "creates .venv and uv.lock"),
            ("git add uv.lock", "record the exact versions (RAP silver and gold)"),
            ('git commit -m "Lock dependencies"', ""),
        ]
    commands += [
        ("uv run pre-commit install", "checks every commit for data, secrets and style"),
        ("uv run pytest", "runs the tests"),
    ]
    if answers.get("data_source", "synthetic") != "synthetic":
        commands.append(
            (
                f"uv run python -m {package} check-connection",
                "after filling in config.toml and .env (README: Connect to the data)",
            )
        )
    commands.append((f"uv run python -m {package}", "runs the example pipeline"))
    if not locked:
        lines.append(
            f"uv.lock was not made now ({lock.reason}); `uv sync` makes it: commit it first."
        )
    if git_line != GIT_CREATED:  # no repository yet: uv.lock goes into the first commit
        commands = [step for step in commands if not step[0].startswith("git ")]
    lines += [
        "",
        "Next steps (the same in PowerShell and bash; if `uv` is not found, type `python -m uv`):",
        *aligned(commands),
        "",
        "To work inside the environment instead:",
        "  PowerShell:  .venv\\Scripts\\Activate.ps1",
        "  bash:        source .venv/bin/activate",
    ]
    return "\n".join(lines)


def finish(project: Path, answers: Mapping[str, object], working_dir: Path | None = None) -> str:
    """Tidy and lock the project, start git if asked, and return the next steps to print.

    ``working_dir`` is where the analyst typed the command, so the next steps can give a path
    they can ``cd`` to; without it the path shown is absolute.
    """
    remove_unwanted(project, answers)
    lock = lock_dependencies(project)
    git_line = initialise_git(project) if answers.get("init_git") == "yes" else None
    install_uv = uv_install_steps(
        shutil.which("uv") is not None, os.name == "nt", uv_folder_beside_python()
    )
    return next_steps(answers, shown_path(project, working_dir), git_line, lock, install_uv)


def main() -> None:
    """Run after plain cookiecutter renders the project (``nhs-rap new`` calls ``finish``).

    Cookiecutter runs this in the new project's folder, so the analyst's own folder is unknown
    and the next steps show the absolute path. Copier runs this file unrendered, as a task in
    the same folder, with the answers as JSON in its one argument.
    """
    answers = sys.argv[1] if len(sys.argv) > 1 else ANSWERS_JSON
    print(finish(Path.cwd(), json.loads(answers)))


if __name__ == "__main__":
    main()
