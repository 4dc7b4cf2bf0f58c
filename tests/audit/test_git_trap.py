"""A repository that configures programs for git to run must not get them run by audit or guard.

The trap repository's ``.git/config`` and ``.gitattributes`` name a clean/smudge/process filter,
an fsmonitor, a textconv and external diff, a pager, hooks and a credential helper, each of which
would create a marker file. The test first proves the trap is live (plain ``git status`` springs
it), then runs the audit and the guard (staged files and ``--history``) and checks that the marker
never appears.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from audit_repos import GOOD, build

from nhs_rap.audit.verdict import audit
from nhs_rap.criteria import Level
from nhs_rap.guard.run import GuardRequest, run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the trap is a POSIX shell script")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _guard(repo: Path, *paths: str, history: bool = False) -> None:
    request = GuardRequest(paths=tuple(Path(p) for p in paths), cwd=repo, history=history)
    run(request, out=io.StringIO(), err=io.StringIO())


def _arm(repo: Path, marker: Path) -> None:
    """Make every configurable git program in ``repo`` a script that writes ``marker``."""
    script = repo.parent / "trap.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\ncat\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    (repo / ".gitattributes").write_text("* filter=trap diff=trap\n*.md filter=hidden\n")
    included = repo.parent / "included.config"  # a driver defined in a file the config includes
    included.write_text(f'[filter "hidden"]\n\tclean = {script}\n\tprocess = {script}\n')
    hooks = repo.parent / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "post-index-change", "reference-transaction"):
        shutil.copy(script, hooks / hook)
    with open(repo / ".git/config", "a") as config:
        config.write(
            '[filter "trap"]\n'
            f"\tclean = {script}\n\tsmudge = {script}\n\tprocess = {script}\n\trequired = true\n"
            '[diff "trap"]\n'
            f"\ttextconv = {script}\n\tcommand = {script}\n"
            "[diff]\n"
            f"\texternal = {script}\n"
            "[core]\n"
            f"\tfsmonitor = {script}\n\tpager = {script}\n\thooksPath = {hooks}\n"
            "[pager]\n"
            f"\tstatus = {script}\n\tdiff = {script}\n"
            "[credential]\n"
            f"\thelper = {script}\n"
            "[include]\n"
            f"\tpath = {included}\n"
        )


@pytest.fixture
def trapped(tmp_path: Path) -> tuple[Path, Path]:
    """A committed repository with a staged and an unstaged edit, then armed."""
    repo = build(tmp_path / "repo" / "waits", GOOD, git=True)
    marker = tmp_path / "SPRUNG"
    (repo / "src/waits/steps.py").write_text((repo / "src/waits/steps.py").read_text() + "\n")
    (repo / "notes.md").write_text("# Notes\n")
    _git(repo, "add", "notes.md")
    _arm(repo, marker)
    os.utime(repo / "README.md", (1, 1))  # stat data differs from the index: git must look
    return repo, marker


def test_the_trap_is_live(trapped: tuple[Path, Path]) -> None:
    repo, marker = trapped
    _git(repo, "status")
    assert marker.exists(), "plain git status should spring the trap, or the test proves nothing"


def test_audit_never_runs_what_the_repository_configures(trapped: tuple[Path, Path]) -> None:
    repo, marker = trapped
    report = audit(repo, Level.GOLD)
    assert not marker.exists(), marker.read_text()
    b22 = next(check for check in report.checks if check.id == "RAP-B2.2")
    assert b22.status == "warning"  # the edits are still seen, without running the filter


def test_guard_never_runs_what_the_repository_configures(trapped: tuple[Path, Path]) -> None:
    repo, marker = trapped
    _guard(repo)  # the staged files
    _guard(repo, history=True)
    _guard(repo, "src")
    assert not marker.exists(), marker.read_text()
