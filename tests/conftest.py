"""Shared fixtures and helpers for the package tests and the template's bake tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nhs_rap.template import load_hook

REPO_ROOT = Path(__file__).resolve().parents[1]

# Bakes skip `uv lock` (a network round trip each) unless a test asks for it: the quick tier bakes
# hundreds of projects, and the tests of locking itself remove this variable.
SKIP_LOCK = load_hook("post_gen_project").SKIP_LOCK_VARIABLE
os.environ[SKIP_LOCK] = "1"


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding freshly built nhs-rap wheel and sdist, as PyPI will serve them.

    Generated projects pin ``nhs-rap==<version>`` for their guard hook and audit step; tests point
    pip and uv at this folder (PIP_FIND_LINKS / UV_FIND_LINKS) to prove that works on release day.
    """
    folder = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [sys.executable, "-m", "uv", "build", "--out-dir", str(folder), str(REPO_ROOT)],
        check=True,
        capture_output=True,
    )
    return folder
