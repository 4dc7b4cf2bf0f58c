"""Run git in a folder someone else controls without running any command that folder configures.

A repository's own ``.git/config`` (and files it includes) can name programs that git runs on
the user's behalf: clean and smudge filters (``filter.<name>.clean``/``process``), a file-system
monitor (``core.fsmonitor``), hooks, a pager, an external diff or ``textconv``, credential
helpers, an SSH command. The audit and the guard read repositories they were pointed at, so every
git call goes through :func:`run_git`, which

- overrides each of those settings on the command line (command-line ``-c`` beats every file),
  including every filter and diff driver the repository's config names, so none can run;
- turns off the pager, optional locks (so reading never writes the index) and terminal prompts;
- keeps the user's own and the machine's config (an administrator's ``safe.directory``, say):
  those are trusted; only the audited folder is not;
- is only ever used for commands that read (rev-parse, ls-files, rev-list, cat-file, diff
  ``--name-only``), never ``git status`` or anything that hashes work-tree files through filters.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

TIMEOUT_SECONDS = 60
#: Settings whose value git runs as a program (or that make it run one), all emptied or disabled.
_NEUTRALISED = (
    "core.fsmonitor=false",
    "core.hooksPath=" + os.devnull,
    "core.pager=cat",
    "core.sshCommand=",
    "core.askPass=",
    "core.editor=true",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "gpg.program=",
    "uploadpack.packObjectsHook=",
    "protocol.allow=never",
    "submodule.recurse=false",
)
#: Per-driver keys that name a program: ``filter.<driver>.clean`` and the like.
_DRIVER_KEYS = re.compile(
    r"^(filter|diff|merge)\.(.+)\.(clean|smudge|process|textconv|command|driver)$"
)
#: Variables that would point git somewhere else or run a program, never passed on.
_DROPPED_ENVIRONMENT = frozenset(
    {"GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_EDITOR"}
)


class GitError(Exception):
    """A git command failed or could not be run; the message says what to do."""


def git_program() -> str | None:
    """The git executable on PATH, or None when git isn't installed."""
    return shutil.which("git")


def _environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENVIRONMENT}
    environment.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        GIT_PAGER="cat",
        PAGER="cat",
    )
    return environment


def _base(git: str, repo: Path) -> list[str]:
    command = [git, "--no-pager", "--no-optional-locks", "-C", os.fspath(repo)]
    for setting in _NEUTRALISED:
        command += ["-c", setting]
    return command


def _driver_overrides(git: str, repo: Path) -> tuple[str, ...]:
    """``-c`` options emptying every filter, diff and merge driver that the config names.

    ``git config --list`` only reads config files (it runs nothing), so listing is safe. It is
    listed afresh for each use, so a driver added since can't slip through a stale copy.
    """
    environment = _environment()
    try:
        listed = subprocess.run(
            [*_base(git, repo), "config", "--null", "--name-only", "--list"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            timeout=TIMEOUT_SECONDS,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    overrides: list[str] = []
    for name in sorted({os.fsdecode(raw) for raw in listed.split(b"\0") if raw}):
        match = _DRIVER_KEYS.match(name)
        if match:
            kind, driver, _ = match.groups()
            keys = {
                "filter": ("clean", "smudge", "process"),
                "diff": ("textconv", "command"),
                "merge": ("driver",),
            }[kind.lower()]
            for key in keys:
                overrides += ["-c", f"{kind}.{driver}.{key}="]
            if kind.lower() == "filter":
                overrides += ["-c", f"filter.{driver}.required=false"]
    return tuple(overrides)


def git_prefix(repo: Path) -> tuple[list[str], dict[str, str]]:
    """The start of a safe git command line in ``repo`` (add the subcommand) and its environment.

    Raises :class:`GitError` when git isn't installed.
    """
    git = git_program()
    if git is None:
        raise GitError("git is not installed or not on PATH; install git and try again.")
    return [*_base(git, repo), *_driver_overrides(git, repo)], _environment()


def git_command(repo: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment for ``git args`` in ``repo``, with programs switched off."""
    prefix, environment = git_prefix(repo)
    return [*prefix, *args], environment


def run_git(repo: Path, *args: str, check: bool = True) -> bytes:
    """Run a read-only git command in ``repo`` safely and return its output.

    Raises :class:`GitError` when git is missing, slow or (with ``check``) fails.
    """
    command, environment = git_command(repo, *args)
    try:
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"git {' '.join(args)} could not run: {error}") from None
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args)} failed: {message}")
    return result.stdout


def run_git_together(repo: Path, *commands: tuple[str, ...]) -> list[bytes | None]:
    """Run several read-only git commands side by side; None for any that fails or is slow."""
    try:
        prefix, environment = git_prefix(repo)
    except GitError:
        return [None] * len(commands)
    started: list[subprocess.Popen[bytes] | None] = []
    for arguments in commands:
        try:
            started.append(
                subprocess.Popen(
                    [*prefix, *arguments],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=environment,
                )
            )
        except OSError:
            started.append(None)
    outputs: list[bytes | None] = []
    for process in started:
        if process is None:
            outputs.append(None)
            continue
        try:
            stdout, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            outputs.append(None)
            continue
        outputs.append(stdout if process.returncode == 0 else None)
    return outputs


def popen_git(repo: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start a long-running read-only git command (e.g. ``cat-file --batch``) safely."""
    command, environment = git_command(repo, *args)
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
