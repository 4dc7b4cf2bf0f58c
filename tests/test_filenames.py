"""The two readings of a file name's ending that the audit and the guard share."""

from __future__ import annotations

import pytest

from nhs_rap.filenames import name_endings, suffix


@pytest.mark.parametrize(
    ("path", "endings"),
    [
        ("data/Extract.CSV.gz", ["csv", "gz"]),
        ("report.xlsx", ["xlsx"]),
        (".env", ["env"]),  # as a .gitignore pattern *.env would match it
        (".csv", ["csv"]),
        ("folder.d/README", []),  # only the file's own name counts
        ("notes.", [""]),
    ],
)
def test_name_endings_read_a_name_as_gitignore_patterns_do(path: str, endings: list[str]) -> None:
    assert name_endings(path) == endings


@pytest.mark.parametrize(
    ("name", "expected"),
    [("pipeline.PY", ".py"), ("archive.tar.gz", ".gz"), (".Rprofile", ""), ("Makefile", "")],
)
def test_suffix_reads_a_name_as_pathlib_does(name: str, expected: str) -> None:
    assert suffix(name) == expected
