"""Replay the change between two template renders onto a project with git's three-way merge.

The two renders are stored in the project's own repository as a pair of commits (old release,
then new release on top) that no branch points to. ``git cherry-pick --no-commit`` of the new
one then merges "what the template changed" into the team's work with git's ``ort`` strategy:
renames are followed, every hunk either applies or is left between standard conflict markers,
and git's index records each conflicted file, so nothing is dropped silently.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The identity of the two snapshot commits, which record the template, not a person's work.
SNAPSHOT_IDENTITY = {
    "GIT_AUTHOR_NAME": "nhs-rap update",
    "GIT_AUTHOR_EMAIL": "nhs-rap@localhost.invalid",
    "GIT_COMMITTER_NAME": "nhs-rap update",
    "GIT_COMMITTER_EMAIL": "nhs-rap@localhost.invalid",
}


class GitError(Exception):
    """git refused or failed; the message says what to do."""


def git(
    repo: Path, *args: str, env: Mapping[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run git in ``repo``; on failure (when ``check``) raise with git's last line."""
    result = subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {lines[-1] if lines else 'no message'}")
    return result


def require_clean_repository(project: Path) -> None:
    """Refuse to start unless ``project`` is a git repository with nothing uncommitted."""
    inside = git(project, "rev-parse", "--is-inside-work-tree", check=False)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitError(
            f"{project} is not a git repository; nhs-rap update works on a branch, so run "
            "`git init -b main`, commit everything, and try again."
        )
    if git(project, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        raise GitError("The repository has no commits yet; commit your work first.")
    dirty = git(project, "status", "--porcelain", "--untracked-files=normal").stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise GitError(
            f"The working tree has uncommitted changes ({shown}); commit or stash them "
            "(`git stash -u`) so that the update cannot mix with them, then try again."
        )


def snapshot(
    project: Path, render: Path, message: str, leave_out: Sequence[str], parent: str | None = None
) -> tuple[str, str]:
    """Store ``render`` as a commit in ``project``; return (full tree, commit without leave_out).

    The full tree lets the caller list what the template changed in the files the team owns;
    the commit leaves those paths out, so the merge never touches them.
    """
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index"), **SNAPSHOT_IDENTITY}
        git(project, f"--work-tree={render}", "add", "--all", "--force", ".", env=env)
        full_tree = git(project, "write-tree", env=env).stdout.strip()
        if leave_out:
            pathspecs = [f":(glob){pattern}" for pattern in leave_out]
            git(
                project,
                "rm",
                "-r",
                "-q",
                "-f",
                "--cached",
                "--ignore-unmatch",
                "--",
                *pathspecs,
                env=env,
            )
        tree = git(project, "write-tree", env=env).stdout.strip()
        parents = ["-p", parent] if parent else []
        commit = git(project, "commit-tree", tree, *parents, "-m", message, env=env).stdout.strip()
    return full_tree, commit


def changed_paths(project: Path, old: str, new: str, pathspecs: Sequence[str] = ()) -> list[str]:
    """``git diff --name-status`` lines between two trees or commits, renames found."""
    spec = ["--", *(f":(glob){p}" for p in pathspecs)] if pathspecs else []
    result = git(project, "diff", "--name-status", "--find-renames", old, new, *spec)
    return [line.replace("\t", " ") for line in result.stdout.splitlines()]


def diff_stat(project: Path, old: str, new: str) -> str:
    """The summary of a change, file by file, as git prints it."""
    return git(project, "diff", "--stat", "--find-renames", old, new).stdout.rstrip()


@dataclass(frozen=True)
class MergeResult:
    """What the merge left: the files still holding conflicts (empty when it applied cleanly)."""

    conflicted: list[str]


def start_branch(project: Path, branch: str) -> None:
    """Create ``branch`` at HEAD and switch to it, refusing to reuse an existing one."""
    if git(project, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False).stdout:
        raise GitError(
            f"The branch {branch} already exists (an earlier update?); merge or delete it "
            f"(`git branch -D {branch}`) and try again."
        )
    git(project, "switch", "-q", "-c", branch)


def apply(project: Path, change: str, message: str) -> MergeResult:
    """Merge ``change`` (a snapshot commit whose parent is the old render) into the branch.

    A clean merge is committed with the analyst's identity; otherwise the conflicts are left in
    the working tree, with ``message`` ready for the ``git commit`` that follows their resolution.
    """
    picked = git(project, "cherry-pick", "--no-commit", change, check=False)
    conflicted = git(project, "diff", "--name-only", "--diff-filter=U").stdout.splitlines()
    if picked.returncode != 0 and not conflicted:
        lines = (picked.stderr or picked.stdout).strip().splitlines()
        raise GitError(f"git could not apply the update: {lines[-1] if lines else 'no message'}")
    if conflicted:
        git_dir = Path(git(project, "rev-parse", "--absolute-git-dir").stdout.strip())
        (git_dir / "MERGE_MSG").write_text(message + "\n", encoding="utf-8")
        return MergeResult(conflicted)
    if git(project, "diff", "--cached", "--quiet", check=False).returncode != 0:
        git(project, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message)
    return MergeResult([])


def abandon_branch(project: Path, branch: str) -> None:
    """Go back to where the update started and delete its branch (the tree was clean then)."""
    git(project, "reset", "-q", "--hard", check=False)
    git(project, "switch", "-q", "-", check=False)
    git(project, "branch", "-q", "-D", branch, check=False)
