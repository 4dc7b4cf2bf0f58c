"""Ordinary code is not patient data: the identifier rules stay silent on Python's own library."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest
from guard_helpers import scan

PATIENT_RULES = {"nhs-number", "chi-number", "postcode-with-birth-date"}


def _stdlib_files(pattern: str) -> list[Path]:
    files = sorted(Path(sysconfig.get_paths()["stdlib"]).glob(pattern))
    if not files:
        pytest.skip("this Python has no readable standard library sources")
    return files


def test_no_patient_identifiers_in_the_standard_library_modules() -> None:
    """About 200 modules and 7 MB of real code, docstrings and numeric tables."""
    for path in _stdlib_files("*.py"):
        findings = scan(path.read_bytes(), path.name)
        assert not [f for f in findings if f.rule_id in PATIENT_RULES], path


@pytest.mark.full
def test_no_patient_identifiers_anywhere_in_the_standard_library() -> None:
    """Every text file of the standard library, its test suite included (tens of MB)."""
    for path in _stdlib_files("**/*"):
        if path.is_file() and "site-packages" not in path.parts:
            findings = scan(path.read_bytes(), path.name)
            assert not [f for f in findings if f.rule_id in PATIENT_RULES], path
