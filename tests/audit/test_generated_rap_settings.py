"""A generated project's RAP settings: its target level, and how its docs say to attest.

The audit uses the recorded level when --level isn't given; the rap-status page documents every
attestation key the audit reads, with an example the audit accepts as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhs_rap.audit.settings import ATTESTABLE, ATTESTATION_KEYS, load_pyproject, read_settings
from nhs_rap.cli import app


@pytest.mark.parametrize("level", ["baseline", "silver", "gold"])
def test_generated_project_audits_against_its_own_target(cookies, level: str) -> None:
    result = cookies.bake(extra_context={"rap_target_level": level, "git_platform": "github"})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_path)
    assert read_settings(load_pyproject(project)).level == level
    outcome = CliRunner().invoke(app, ["audit", str(project), "--format", "json"])
    assert json.loads(outcome.output)["target_level"] == level


def test_rap_status_page_documents_attestation_the_audit_accepts(cookies) -> None:
    result = cookies.bake(extra_context={"rap_target_level": "silver"})
    project = Path(result.project_path)
    page = (project / "docs/rap-status.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in page for key in ATTESTATION_KEYS)
    example = re.search(r"```toml\n(.*?)```", page, re.S)
    assert example is not None
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n" + example.group(1))
    settings = read_settings(load_pyproject(project))
    assert settings.warnings == ()
    assert sorted(a.criterion for a in settings.attestations if a.valid) == sorted(ATTESTABLE)
