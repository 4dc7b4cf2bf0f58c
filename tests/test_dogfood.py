"""This repository passes its own guard and reaches gold in its own audit, as projects do."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_every_tracked_file_passes_the_guard():
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")[:-1]
    result = subprocess.run(
        [sys.executable, "-m", "nhs_rap", "guard", *files],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_repository_meets_gold_in_its_own_audit():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nhs_rap",
            "audit",
            str(REPO_ROOT),
            "--level",
            "gold",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_root_lint_passes_and_skips_the_template():
    """Root `ruff` lints the package, tests and docs hooks, never the Jinja sources."""
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
