"""Shared fixtures and helpers for the package tests and the template's bake tests."""

from __future__ import annotations

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A tier that selects no tests has passed, not failed: turn pytest's exit 5 into 0."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK
