"""A generated project records its target level, and the audit uses it when --level isn't given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhs_rap.audit.settings import load_pyproject, read_settings
from nhs_rap.cli import app


@pytest.mark.parametrize("level", ["baseline", "silver", "gold"])
def test_generated_project_audits_against_its_own_target(cookies, level: str) -> None:
    result = cookies.bake(extra_context={"rap_target_level": level, "git_platform": "github"})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_path)
    assert read_settings(load_pyproject(project)).level == level
    outcome = CliRunner().invoke(app, ["audit", str(project), "--format", "json"])
    assert json.loads(outcome.output)["target_level"] == level
