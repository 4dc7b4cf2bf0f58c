"""Facts about the repository's git history: is it a repository, is the work committed, merges.

Whether a folder is a repository with commits is read from ``.git`` directly (no git needed). The
working-tree state and the merge count ask the ``git`` program when it is installed, with
file-system monitors and optional locks turned off, so the audit never writes to the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import local_path, read_text

EXAMPLES = 5
_GIT_TIMEOUT_SECONDS = 30
_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")


@dataclass(frozen=True)
class GitFacts:
    """What the audit learnt about the repository's version control."""

    is_repo: bool = False
    has_commits: bool = False
    branch: str | None = None
    remotes: tuple[str, ...] = ()
    status_known: bool = False
    changed: int = 0
    untracked: int = 0
    examples: tuple[str, ...] = ()
    merge_commits: int | None = None


def _git_dir(root: Traversable) -> tuple[str, str] | None:
    """Return the git folder and its common folder (they differ in a linked worktree)."""
    head = read_text(root, ".git/HEAD", 4096)
    if head is not None:
        return ".git", ".git"
    pointer = read_text(root, ".git", 4096)  # a worktree or submodule: "gitdir: <path>"
    local = local_path(root)
    if pointer is None or local is None or not pointer.startswith("gitdir:"):
        return None
    git_dir = os.path.normpath(os.path.join(local, pointer.removeprefix("gitdir:").strip()))
    common = read_text(local, os.path.join(git_dir, "commondir"), 4096)
    common_dir = os.path.normpath(os.path.join(git_dir, common.strip())) if common else git_dir
    return git_dir, common_dir


def _run_git(root: str, *commands: tuple[str, ...]) -> list[str | None]:
    """Run read-only git commands side by side; None for any that is missing, refused or slow."""
    git = shutil.which("git")
    if git is None:
        return [None] * len(commands)
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    started = []
    for arguments in commands:
        try:
            started.append(
                subprocess.Popen(
                    [
                        git,
                        "-c",
                        "core.fsmonitor=false",
                        "--no-optional-locks",
                        "-C",
                        root,
                        *arguments,
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=environment,
                )
            )
        except OSError:
            started.append(None)
    outputs: list[str | None] = []
    for process in started:
        if process is None:
            outputs.append(None)
            continue
        try:
            stdout, _ = process.communicate(timeout=_GIT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            outputs.append(None)
            continue
        outputs.append(
            stdout.decode("utf-8", errors="replace") if process.returncode == 0 else None
        )
    return outputs


def read_git(root: Traversable) -> GitFacts:
    """Read the repository's git facts; a non-repository gives ``is_repo=False``."""
    dirs = _git_dir(root)
    if dirs is None:
        return GitFacts()
    git_dir, common_dir = dirs
    head = (read_text(root, f"{git_dir}/HEAD", 4096) or "").strip()
    branch = None
    has_commits = bool(re.fullmatch(r"[0-9a-f]{40,64}", head))  # a detached HEAD names a commit
    if head.startswith("ref:"):
        ref = head.removeprefix("ref:").strip()
        branch = ref.removeprefix("refs/heads/")
        packed = read_text(root, f"{common_dir}/packed-refs") or ""
        has_commits = read_text(root, f"{common_dir}/{ref}", 4096) is not None or any(
            line.endswith(" " + ref) for line in packed.splitlines()
        )
    config = read_text(root, f"{common_dir}/config") or ""
    remotes = tuple(
        _CREDENTIALS.sub("", url)  # never print a token that someone saved in a remote's address
        for url in re.findall(r"^\s*url\s*=\s*(\S+)", config, re.M)[:EXAMPLES]
    )
    facts = GitFacts(is_repo=True, has_commits=has_commits, branch=branch, remotes=remotes)
    local = local_path(root)
    if local is None or not has_commits:
        return facts
    status, merges = _run_git(
        os.fspath(local),
        ("status", "--porcelain=v1", "-z", "--untracked-files=normal"),
        ("rev-list", "--merges", "--count", "HEAD"),
    )
    changed = untracked = 0
    examples: list[str] = []
    entries = iter((status or "").split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code == "??":
            untracked += 1
        else:
            changed += 1
            if "R" in code or "C" in code:
                next(entries, None)  # a rename's or copy's original path follows; skip it
        if len(examples) < EXAMPLES:
            examples.append(path)
    return GitFacts(
        is_repo=True,
        has_commits=True,
        branch=branch,
        remotes=remotes,
        status_known=status is not None,
        changed=changed,
        untracked=untracked,
        examples=tuple(examples),
        merge_commits=int(merges) if merges and merges.strip().isdigit() else None,
    )
