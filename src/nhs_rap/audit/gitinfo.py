"""Facts about the repository's git history: is it a repository, is the work committed, merges.

Whether a folder is a repository with commits, its branch, remotes and release tags are read from
``.git`` directly (no git needed, nothing run). The working-tree state and the merge count ask the
``git`` program through :mod:`nhs_rap.safe_git`, which switches off every program the audited
repository could configure (filters, fsmonitor, hooks, pagers, diff drivers); ``git status`` is
never used, since it is the command that runs a repository's clean filters.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import EXAMPLES, local_path, read_text
from nhs_rap.safe_git import run_git_together

MAX_TAGS = 1_000
_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")
#: A release tag: MAJOR.MINOR.PATCH with an optional leading v and pre-release/build suffix.
SEMVER_TAG = re.compile(r"^v?\d+\.\d+\.\d+(?:[.+-]?[0-9A-Za-z][0-9A-Za-z.+-]*)?$")


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
    release_tags: tuple[str, ...] = ()


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


def _tags(root: Traversable, common_dir: str) -> tuple[str, ...]:
    """Semantic-version tags, read from ``refs/tags`` and ``packed-refs`` (newest names last)."""
    names: set[str] = set()
    packed = read_text(root, f"{common_dir}/packed-refs") or ""
    names.update(re.findall(r"^[0-9a-f]{40,64} refs/tags/(\S+)$", packed, re.M))
    local = local_path(root)
    if local is not None:
        top = os.path.join(local, common_dir, "refs", "tags")
        for folder, _, files in os.walk(top):
            for name in files[:MAX_TAGS]:
                names.add(os.path.relpath(os.path.join(folder, name), top).replace(os.sep, "/"))
            if len(names) >= MAX_TAGS:
                break
    return tuple(sorted(name for name in names if SEMVER_TAG.match(name))[-EXAMPLES:])


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
    tags = _tags(root, common_dir)
    facts = GitFacts(
        is_repo=True, has_commits=has_commits, branch=branch, remotes=remotes, release_tags=tags
    )
    local = local_path(root)
    if local is None or not has_commits:
        return facts
    # Porcelain diff refreshes stat data in memory (nothing written) so a copied tree isn't all
    # "changed"; with filters and diff drivers switched off it hashes the raw bytes only.
    changed_paths, untracked_paths, merges = (
        None if output is None else output.decode("utf-8", errors="replace")
        for output in run_git_together(
            local,
            ("diff", "--name-only", "-z", "--no-ext-diff", "--no-textconv", "HEAD", "--"),
            ("ls-files", "--others", "--exclude-standard", "-z"),
            ("rev-list", "--merges", "--count", "HEAD"),
        )
    )
    changed_list = [path for path in (changed_paths or "").split("\0") if path]
    untracked_list = [path for path in (untracked_paths or "").split("\0") if path]
    changed, untracked = len(changed_list), len(untracked_list)
    examples = (changed_list + untracked_list)[:EXAMPLES]
    return GitFacts(
        is_repo=True,
        has_commits=True,
        branch=branch,
        remotes=remotes,
        status_known=changed_paths is not None and untracked_paths is not None,
        changed=changed,
        untracked=untracked,
        examples=tuple(examples),
        merge_commits=int(merges) if merges and merges.strip().isdigit() else None,
        release_tags=tags,
    )
