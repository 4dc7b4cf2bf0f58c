"""Hostile trees never crash or hang the audit: binary, huge, non-UTF-8, loops, FIFOs, 50k files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from audit_repos import GOOD, build, copy_repo

from nhs_rap.audit.verdict import audit
from nhs_rap.criteria import Level

#: Linux's count of what this process has read, whatever the disk held.
PROC_IO = Path("/proc/self/io")


def statuses(path: Path) -> dict[str, str]:
    return {check.id: check.status for check in audit(path, Level.GOLD).checks}


def test_binary_and_non_utf8_files(good_repo: Path, tmp_path: Path) -> None:
    repo = copy_repo(good_repo, tmp_path / "r")
    (repo / "src/waits/blob.py").write_bytes(b"\x00\x01\x02" * 1000)
    (repo / "src/waits/latin.py").write_bytes(b'"""Caf\xe9."""\n\ndef f():\n    """Caf\xe9."""\n')
    (repo / "README.md").write_bytes(
        (repo / "README.md").read_bytes() + b"\n\xff\xfe broken \xe9\n"
    )
    (repo / "pyproject.toml").write_bytes((repo / "pyproject.toml").read_bytes() + b"\n# \xff\n")
    (repo / "data.parquet").write_bytes(os.urandom(4096))
    report = audit(repo, Level.GOLD)
    by_id = {check.id: check.status for check in report.checks}
    assert by_id["RAP-B3.2"] == by_id["RAP-S2.3"] == "passed"
    assert any("couldn't be parsed (e.g. src/waits/blob.py)" in w for w in report.warnings)
    assert any("pyproject.toml could not be read" in w for w in report.warnings)


def add_huge_files(repo: Path) -> None:
    """A 3 GB Python file and a 2 GB README, both sparse: they cost nothing on disk."""
    with open(repo / "src/waits/huge.py", "wb") as handle:
        handle.truncate(3 * 1024**3)
    with open(repo / "README.md", "ab") as handle:
        handle.truncate(2 * 1024**3)


def bytes_read() -> int:
    """Bytes this process has read through system calls so far, as Linux counts them."""
    counts = dict(line.split(": ") for line in PROC_IO.read_text().splitlines())
    return int(counts["rchar"])


def test_huge_sparse_file_is_named_in_a_warning(good_repo: Path, tmp_path: Path) -> None:
    repo = copy_repo(good_repo, tmp_path / "r")
    add_huge_files(repo)
    report = audit(repo, Level.GOLD)
    assert any("src/waits/huge.py" in w for w in report.warnings)


@pytest.mark.skipif(not PROC_IO.is_file(), reason="only Linux counts the bytes a process reads")
def test_huge_files_are_read_only_in_part(good_repo: Path, tmp_path: Path) -> None:
    """The audit reads a capped head of each file, however big (timed in benchmarks/audit.py)."""
    repo = copy_repo(good_repo, tmp_path / "r")
    add_huge_files(repo)
    before = bytes_read()
    audit(repo, Level.GOLD)
    assert bytes_read() - before < 16 * 1024**2, "5 GB of files: only the capped heads are read"


def test_symlink_loops_and_links_outside(good_repo: Path, tmp_path: Path) -> None:
    repo = copy_repo(good_repo, tmp_path / "r")
    (repo / "docs/loop").symlink_to(repo, target_is_directory=True)
    (repo / "src/waits/self").symlink_to("self")  # a link to itself: resolving it fails
    (repo / "broken.py").symlink_to(tmp_path / "missing")
    (repo / "zero.py").symlink_to("/dev/zero")
    result = statuses(repo)
    assert result["RAP-S2.1"] == "passed"


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_fifo_named_like_a_readme_does_not_hang(tmp_path: Path) -> None:
    repo = build(tmp_path / "r", {"main.py": "def f():\n    pass\n"})
    os.mkfifo(repo / "README.md")
    os.mkfifo(repo / "pyproject.toml")
    result = statuses(repo)
    assert result["RAP-B3.1"] == "failed"


def test_unreadable_files_and_folders(good_repo: Path, tmp_path: Path) -> None:
    repo = copy_repo(good_repo, tmp_path / "r")
    secret = repo / "secret"
    secret.mkdir()
    (secret / "x.py").write_text("x = 1\n")
    (repo / "src/waits/locked.py").write_text("def f():\n    pass\n")
    (repo / "src/waits/locked.py").chmod(0)
    secret.chmod(0)
    try:
        report = audit(repo, Level.GOLD)
    finally:
        secret.chmod(0o755)
    if os.geteuid() != 0:  # root reads everything, so only others see the warnings
        assert any("couldn't be read" in w for w in report.warnings)
    assert report.scan["files"] >= len(GOOD)


def test_deeply_nested_folders_and_code(tmp_path: Path) -> None:
    repo = build(tmp_path / "r", {"README.md": "# Deep\n"})
    deep = repo
    for _ in range(200):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep.py").write_text("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    (repo / "nest.py").write_text("x = " + "[" * 200 + "]" * 200 + "\n")
    report = audit(repo, Level.BASELINE)
    assert report.scan["files"] == 3


def test_empty_folder_and_a_file_named_dot_git(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /nowhere/at/all\n")
    result = statuses(tmp_path)
    assert result["RAP-B2.1"] == "failed"
    assert result["RAP-B1.1"] == "failed"


@pytest.mark.full
def test_fifty_thousand_files(tmp_path: Path) -> None:
    repo = build(tmp_path / "r", GOOD)
    for folder in range(100):
        target = repo / "data" / f"batch{folder:03}"
        target.mkdir(parents=True)
        for n in range(500):
            (target / f"row{n}.csv").write_bytes(b"a,b\n1,2\n")
    report = audit(repo, Level.GOLD)
    assert report.scan["files"] == 50_000 + len(GOOD)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'[project]\nname = "caf\xe9"\n', "it isn't UTF-8 text (byte 0xe9"),
        (b"[project\nname = 1\n", "it isn't valid TOML"),
    ],
)
def test_broken_pyproject_is_explained_once(
    good_repo: Path, tmp_path: Path, content: bytes, said: str
) -> None:
    repo = copy_repo(good_repo, tmp_path / "r")
    (repo / "pyproject.toml").write_bytes(content)
    report = audit(repo, Level.GOLD)
    about = [w for w in report.warnings if "pyproject.toml" in w]
    assert len(about) == 1 and said in about[0]
    messages = " ".join(check.message for check in report.checks)
    assert "no `[project]` table" not in messages
    assert "couldn't be read (the warnings below say why)" in messages
