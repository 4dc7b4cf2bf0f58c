"""Run the guard over files, the staged index or history, and print a masked report.

Kept apart from the click command so tests and the benchmark can drive it directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nhs_rap.guard.allowlist import ALLOW_FILE, AllowListError, load_allow_list
from nhs_rap.guard.findings import Finding
from nhs_rap.guard.gitsource import (
    GitError,
    blob_commits,
    disk_files,
    history_blobs,
    repository_root,
    staged_blobs,
)
from nhs_rap.guard.report import report_lines, rule_links
from nhs_rap.guard.scan import Options, Scanner

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The guard was asked to do something it cannot; the message says what to do instead."""


@dataclass(frozen=True)
class GuardRequest:
    """What to check and how; None for a switch means "use the allow-list file's setting"."""

    paths: tuple[Path, ...] = ()
    history: bool = False
    chi: bool | None = None
    report_synthetic: bool | None = None
    allow_file: Path | None = None
    cwd: Path | None = None


def run(request: GuardRequest, *, out: TextIO, err: TextIO) -> int:
    """Scan what ``request`` names, print findings to ``out`` and a summary to ``err``."""
    try:
        findings, scanned = _findings(request)
        for line in report_lines(findings):
            print(line, file=out)
    except (UsageError, AllowListError, GitError) as error:
        print(f"nhs-rap guard: {error}", file=err)
        return EXIT_USAGE
    if not findings:
        print(f"nhs-rap guard: no patient data or secrets found in {scanned} file(s).", file=err)
        return EXIT_CLEAN
    files = len({finding.path for finding in findings})
    print(
        f"\nnhs-rap guard: {len(findings)} finding(s) in {files} file(s); values are masked.\n"
        "Remove each one (for history, rewrite it and rotate any secret). If a reviewer agrees a\n"
        "finding is safe, add '# nhs-rap: allow RULE-ID' to its line, or an [[allow]] entry with\n"
        f"path, rule, fingerprint and reason to {ALLOW_FILE}. What each rule catches:",
        file=err,
    )
    for line in rule_links(findings):
        print(line, file=err)
    if request.history:
        print(HISTORY_ADVICE, file=err)
    return EXIT_FINDINGS


HISTORY_ADVICE = (
    "These findings are in the repository's history, so deleting the files now does not remove\n"
    "them. Rewrite history with git filter-repo (for a file: git filter-repo --invert-paths\n"
    "--path PATH), then force-push every branch and tag and ask everyone to re-clone. If the\n"
    "history was ever pushed to a shared or public remote, treat the data as disclosed: tell your\n"
    "information governance lead, and revoke and replace any secret."
)


def _history_labels(base: Path, findings: list[tuple[Finding, str]]) -> list[Finding]:
    """Name the commit(s) and path where each history finding's file version was added."""
    commits = blob_commits(base, {blob for _, blob in findings}) if findings else {}
    labelled = []
    for finding, blob in findings:
        places = commits.get(blob, [])
        if places:
            first, *rest = places[::-1]  # oldest first: where it entered the history
            where = f"added in commit {first[0]} as {first[1]}"
            if rest:
                where += (
                    f", also in {len(rest)} later commit(s): {', '.join(c for c, _ in rest[:3])}"
                )
        else:
            where = f"in file version {blob[:12]}"
        labelled.append(dataclasses.replace(finding, message=f"{finding.message} ({where})"))
    return labelled


def _findings(request: GuardRequest) -> tuple[list[Finding], int]:
    cwd = (request.cwd or Path.cwd()).resolve()
    root = repository_root(cwd)
    if request.history and request.paths:
        raise UsageError("give either file names or --history, not both.")
    if root is None and (request.history or not request.paths):
        raise UsageError(
            "this folder is not in a git repository; name the files or folders to check, "
            "e.g. nhs-rap guard data/ src/"
        )
    base = root or cwd
    if request.allow_file is not None and not (cwd / request.allow_file).exists():
        raise UsageError(f"the allow-list file {request.allow_file} does not exist.")
    allow_list = load_allow_list(
        cwd / request.allow_file if request.allow_file else base / ALLOW_FILE
    )
    settings = allow_list.settings
    options = Options(
        chi=settings.chi if request.chi is None else request.chi,
        report_synthetic=(
            not settings.allow_synthetic_nhs_numbers
            if request.report_synthetic is None
            else request.report_synthetic
        ),
    )
    scanner = Scanner(allow_list, options)
    findings: list[Finding] = []
    in_history: list[tuple[Finding, str]] = []
    scanned = 0
    for path, data, blob in _sources(request, cwd, base):
        scanned += 1
        found = scanner.scan(path, data)
        if blob:
            in_history += [(item, blob) for item in found]
        else:
            findings.extend(found)
    return findings + _history_labels(base, in_history), scanned


def _sources(request: GuardRequest, cwd: Path, base: Path) -> Iterator[tuple[str, bytes, str]]:
    """Yield (path relative to the repository root, content, blob id or "") for each file."""
    if request.history:
        for sha, path, data in history_blobs(base):
            yield path, data, sha
        return
    if not request.paths:
        for path, data in staged_blobs(base):
            yield path, data, ""
        return
    missing = [str(path) for path in request.paths if not (cwd / path).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    for file in disk_files(cwd / path for path in request.paths):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {file}: {error.strerror}") from None
        yield _relative(file, cwd, base), data, ""


def _relative(file: Path, cwd: Path, base: Path) -> str:
    """Return ``file`` relative to the repository root when inside it, else relative to cwd."""
    absolute = file if file.is_absolute() else cwd / file
    for anchor in (base, cwd):
        try:
            return absolute.resolve().relative_to(anchor).as_posix()
        except ValueError:
            continue
    return file.as_posix()
