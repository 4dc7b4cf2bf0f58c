"""Shared helpers for the guard's tests: make numbers, scan text, run the command in-process."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

from nhs_number import calculate_checksum

from nhs_rap.guard.allowlist import AllowList
from nhs_rap.guard.findings import Finding
from nhs_rap.guard.run import GuardRequest, run
from nhs_rap.guard.scan import Options, Scanner


def valid_number(first_nine: str) -> str | None:
    """Complete nine digits into a valid NHS number using the nhs-number package (an oracle)."""
    check = calculate_checksum(first_nine)
    return None if check == 10 else first_nine + str(check)


def invalid_number(first_nine: str) -> str:
    """Complete nine digits with a check digit that the Modulus 11 rule rejects."""
    check = calculate_checksum(first_nine)
    wrong = (check + 1) % 10 if check != 10 else 0
    return first_nine + str(wrong)


def scan(text: str | bytes, path: str = "file.txt", **options: bool) -> list[Finding]:
    """Scan one file's content with an empty allow-list."""
    data = text.encode() if isinstance(text, str) else text
    return Scanner(AllowList(), Options(**options)).scan(path, data)


def rules(findings: list[Finding]) -> list[str]:
    """The rule ids of ``findings`` in order."""
    return [finding.rule_id for finding in findings]


def guard(cwd: Path, *paths: str, **fields: object) -> tuple[int, str, str]:
    """Run ``nhs-rap guard`` in-process from ``cwd``; return exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    request = GuardRequest(paths=tuple(Path(path) for path in paths), cwd=cwd, **fields)  # type: ignore[arg-type]
    code = run(request, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.org",
    "GIT_COMMITTER_NAME": "Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user configuration."""
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return result.stdout


def init_repo(path: Path) -> Path:
    """Create an empty git repository on branch main."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit_files(repo: Path, files: dict[str, str | bytes | None], message: str) -> str:
    """Write (or, for None, delete) files, commit them all, and return the commit id."""
    for name, content in files.items():
        target = repo / name
        if content is None:
            git(repo, "rm", "-q", name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()
