from __future__ import annotations

from pathlib import Path

import pytest
from audit_repos import GOOD, build


@pytest.fixture(scope="session")
def good_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository that passes every check, committed to git; shared, so never modify it."""
    return build(tmp_path_factory.mktemp("good") / "waits", GOOD, git=True)
