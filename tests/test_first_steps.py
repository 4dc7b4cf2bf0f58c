"""Quick tier: a new analyst's first steps in the README and how-to page fit the data source.

A project that reads a warehouse must say, before the first run, which settings to fill in, to
copy ``.env.example`` to ``.env`` for its secret, to run ``check-connection``, and how to run on
the synthetic data meanwhile; a synthetic project needs none of that. The settings and secret
asked for are read from the baked ``config.toml`` and ``.env.example``, so the steps and the
files cannot drift apart.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.bakery import choice_options

SOURCES = choice_options()["data_source"]
FIRST_RUN = "## Run the pipeline"


@pytest.fixture(scope="module", params=SOURCES)
def baked(request, cookies_session):
    result = cookies_session.bake(extra_context={"data_source": request.param})
    assert result.exception is None, result.exception
    return result.project_path, result.context


@pytest.fixture(scope="module")
def synthetic_sections(cookies_session) -> set[str]:
    result = cookies_session.bake(extra_context={"data_source": "synthetic"})
    return set(tomllib.loads((result.project_path / "config.toml").read_text(encoding="utf-8")))


def connect_section(text: str) -> str:
    """The "Connect to the data" section of a Markdown page, or "" when it has none."""
    match = re.search(r"^## Connect to the data\n(.*?)(?=^## )", text, re.M | re.S)
    return match.group(1) if match else ""


def secrets_asked_for(project: Path) -> list[str]:
    """The variables ``.env.example`` offers to fill in (its ``NAME=`` lines)."""
    text = (project / ".env.example").read_text(encoding="utf-8")
    return re.findall(r"^([A-Z][A-Z0-9_]*)=", text, re.M)


@pytest.mark.parametrize("page", ["README.md", "docs/how-to-run.md"])
def test_first_steps_match_the_data_source(baked, synthetic_sections, page):
    project, context = baked
    source, package = context["data_source"], context["package_name"]
    text = (project / page).read_text(encoding="utf-8")
    steps = connect_section(text)
    if source == "synthetic":
        assert steps == ""
        assert "check-connection" not in text and ".env" not in text
        return
    assert steps, f"{page} has no 'Connect to the data' section"
    if page == "README.md":
        assert text.index("## Connect to the data") < text.index(FIRST_RUN), "before the first run"
    config = tomllib.loads((project / "config.toml").read_text(encoding="utf-8"))
    (section,) = set(config) - synthetic_sections
    assert f"`[{section}]`" in steps
    asked = [key for key, value in config[section].items() if value == ""]
    assert asked and all(f"`{key}`" in steps for key in asked), asked
    assert "Copy `.env.example` to `.env`" in steps
    for secret in secrets_asked_for(project):
        assert f"`{secret}`" in steps
    assert f"uv run python -m {package} check-connection" in steps
    assert f"uv run python -m {package} --source synthetic" in steps
    (link,) = re.findall(r"\]\(([^)]*data-sources/[^)]*)\)", steps)
    assert (project / page).parent.joinpath(link).resolve() == (
        project / "docs" / "data-sources" / f"{source}.md"
    ).resolve()
