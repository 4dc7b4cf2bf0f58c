"""Shared set-up for the docs tests: the generator package on the path, and one strict build.

The site is built once per test session (about two seconds) and every test reads the same build,
so the anchor and link checks look at exactly what would be published.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import HOOKS_DIR, ROOT

# The docs generator lives beside the mkdocs hook, not in the nhs_rap package; mkdocs puts the
# hook's folder on the path for the build, and this does the same for the tests that import it.
sys.path.insert(0, str(HOOKS_DIR))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run ``mkdocs build --strict`` once; any warning (broken link or anchor) fails it."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, (
        f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    )
    return site
