"""Where the bytes come from: files on disk, the git index (staged files), or all of history.

History is read the way git itself would: ``git rev-list --objects --all`` names every object
reachable from any ref once, with a path it was seen at, and one ``git cat-file --batch`` process
streams the blobs' contents, so each distinct file version is scanned exactly once however many
commits share it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from nhs_rap import safe_git
from nhs_rap.safe_git import popen_git, run_git


class GitError(Exception):
    """A git command failed; the message says what was being done and what git said."""


def _git(repo: Path, *args: str) -> bytes:
    """Run git with every program the repository could configure switched off (see safe_git)."""
    try:
        return run_git(repo, *args)
    except safe_git.GitError as error:
        raise GitError(str(error)) from None


def repository_root(start: Path) -> Path | None:
    """Return the top folder of the git work tree holding ``start``, or None outside git."""
    try:
        output = _git(start, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    return Path(os.fsdecode(output.strip()))


def staged_paths(repo: Path) -> list[str]:
    """Return the files added, copied, modified or renamed in the index, relative to the root."""
    output = _git(repo, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR")
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def staged_blobs(repo: Path) -> Iterator[tuple[str, bytes]]:
    """Yield (path, staged content) for each staged file: what the commit would record."""
    paths = staged_paths(repo)
    names = [f":{path}" for path in paths]
    for path, (_, content) in zip(paths, _cat_file(repo, names), strict=True):
        yield path, content


def history_blobs(repo: Path) -> Iterator[tuple[str, str, bytes]]:
    """Yield (blob id, path, content) for every file version reachable from any ref, once each."""
    listing = _git(repo, "rev-list", "--objects", "--all", "--filter=object:type=blob")
    objects: list[tuple[str, str]] = []
    for line in listing.splitlines():
        sha, space, path = line.partition(b" ")
        if space:  # commits are listed too, without a path; blobs always have one
            objects.append((sha.decode("ascii"), os.fsdecode(path)))
    for (sha, path), (_, content) in zip(
        objects, _cat_file(repo, [sha for sha, _ in objects]), strict=True
    ):
        yield sha, path, content


def blob_commits(repo: Path, blobs: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Return, for each blob id in ``blobs``, the (short commit id, path) of each commit adding it.

    One ``git log --raw`` pass over every ref, newest first, run only when history has findings.
    """
    listing = _git(repo, "log", "--all", "--no-renames", "--no-abbrev", "--raw", "--format=%x00%h")
    found: dict[str, list[tuple[str, str]]] = {}
    commit = ""
    for line in listing.splitlines():
        if line.startswith(b"\0"):
            commit = line[1:].decode("ascii")
        elif line.startswith(b":"):
            fields, _, path = line.partition(b"\t")
            parts = fields.split()
            if len(parts) >= 4 and parts[3].decode("ascii") in blobs:
                found.setdefault(parts[3].decode("ascii"), []).append((commit, os.fsdecode(path)))
    return found


def _feed(stream: IO[bytes], names: Iterable[str]) -> None:
    with contextlib.suppress(BrokenPipeError):
        for name in names:
            stream.write(os.fsencode(name) + b"\n")
    with contextlib.suppress(BrokenPipeError):
        stream.close()


def _cat_file(repo: Path, names: list[str]) -> Iterator[tuple[str, bytes]]:
    """Stream (name, content) for each object name through one ``git cat-file --batch``.

    The names are written from a second thread so that neither pipe can fill up and stall git.
    """
    if not names:
        return
    try:
        process = popen_git(repo, "cat-file", "--batch")
    except (safe_git.GitError, OSError) as error:
        raise GitError(str(error)) from None
    assert process.stdin is not None and process.stdout is not None
    writer = threading.Thread(target=_feed, args=(process.stdin, names), daemon=True)
    writer.start()
    try:
        for name in names:
            header = process.stdout.readline()
            fields = header.split()
            if len(fields) != 3:
                raise GitError(f"git cat-file could not read {name}: {header.decode().strip()}")
            content = process.stdout.read(int(fields[2]))
            process.stdout.read(1)  # the newline after each object
            yield name, content
    finally:
        process.stdout.close()
        if process.poll() is None:
            process.kill()
        process.wait()
        writer.join(timeout=5)


def disk_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the files named, walking into folders (except ``.git``) in a stable order."""
    for path in paths:
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(name for name in subfolders if name != ".git")
                for name in sorted(files):
                    candidate = Path(folder) / name
                    if candidate.is_file() and not candidate.is_symlink():
                        yield candidate
        else:
            yield path
