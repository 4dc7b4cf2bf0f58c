"""Gold checks (G1-G4): packaged, tested in CI, run on a schedule or event, changes signposted."""

from __future__ import annotations

import re

from nhs_rap.audit.base import RapCheck, examples
from nhs_rap.audit.checks_silver import unreadable_pyproject
from nhs_rap.audit.gitinfo import GitFacts
from nhs_rap.audit.metadata import Metadata
from nhs_rap.audit.settings import Pyproject
from nhs_rap.audit.texts import Texts
from nhs_rap.audit.walk import Tree

#: MAJOR.MINOR.PATCH, allowing PEP 440 or semver pre-release and build suffixes (1.2.0rc1, 1.2.0-b).
SEMANTIC_VERSION = re.compile(r"^v?\d+\.\d+\.\d+(?:[.+-]?[0-9A-Za-z][0-9A-Za-z.+-]*)?$")
R_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[.-]\d+)?$")
VERSION_SOURCES = (
    ("tool", "hatch", "version"),
    ("tool", "setuptools_scm"),
    ("tool", "setuptools", "dynamic", "version"),
    ("tool", "pdm", "version"),
    ("tool", "flit"),
)
TRIGGER_HINTS = {
    "github": "add `schedule:` with a `cron:` line under `on:` in the workflow",
    "gitlab": 'add a job rule `if: $CI_PIPELINE_SOURCE == "schedule"` and a pipeline schedule',
    "azure": "add a `schedules:` block with a `cron:` line",
    "jenkins": "add `triggers { cron('H 6 * * 1') }` to the Jenkinsfile",
}


def normalise(name: str) -> str:
    """Return a distribution name as its import name: ``My-RAP.project`` -> ``my_rap_project``."""
    return re.sub(r"[-_.]+", "_", name).lower()


class BuildSystem(RapCheck):
    """The project declares how it is built (`[build-system]`, setup.py or an R DESCRIPTION)."""

    id = "RAP-G1.1"

    @staticmethod
    def check(rap_metadata: Metadata, rap_pyproject: Pyproject) -> bool | str:
        """Accept a `[build-system]` table, setup.py, setup.cfg or an R package DESCRIPTION."""
        if rap_metadata.build_system:
            return True
        if rap_pyproject.error:
            return unreadable_pyproject("how the package is built")
        return (
            "The project can't be built as a package. Add to pyproject.toml:\n\n"
            '```toml\n[build-system]\nrequires = ["hatchling"]\n'
            'build-backend = "hatchling.build"\n```'
        )


class PackageMetadata(RapCheck):
    """The package has a name, version and description."""

    id = "RAP-G1.2"

    @staticmethod
    def check(rap_metadata: Metadata, rap_pyproject: Pyproject) -> bool | str:
        """Read `[project]`, `[tool.poetry]`, setup.cfg `[metadata]`, setup.py or DESCRIPTION.

        A version may be dynamic (hatch, setuptools-scm) or flit's `__version__` in the package.
        """
        dynamic = rap_metadata.dynamic_version and any(
            rap_pyproject.get(*keys) for keys in VERSION_SOURCES
        )
        present = {
            "name": rap_metadata.name,
            "version": rap_metadata.version or dynamic,
            "description": rap_metadata.description or "description" in rap_metadata.dynamic,
        }
        missing = [key for key, value in present.items() if not value]
        if not missing:
            return True
        if rap_pyproject.error:
            return unreadable_pyproject("the package's name, version and description")
        if rap_metadata.source is None:
            return (
                "No package metadata was found. Add a `[project]` table to pyproject.toml with "
                "`name`, `version` and `description` (`uv init --package` writes a start)."
            )
        return (
            f"Add {', '.join(f'`{key}`' for key in missing)} to the {rap_metadata.source} metadata."
        )


class ImportableLayout(RapCheck):
    """The package folder matches the project's name, so the installed package imports."""

    id = "RAP-G1.3"
    requires = frozenset({"RAP-G1.2"})

    @staticmethod
    def check(
        rap_pyproject: Pyproject, rap_tree: Tree, rap_metadata: Metadata
    ) -> bool | str | None:
        """Compare the project's name with `src/<name>/` or `<name>/`, or a packages setting."""
        name = rap_metadata.name
        if not isinstance(name, str) or rap_metadata.source == "DESCRIPTION":
            return None  # an R package: DESCRIPTION and R/ are its layout, checked by S3.1
        wanted = normalise(name)
        if any(package.rsplit("/", 1)[-1] == wanted for package in rap_tree.packages):
            return True
        if rap_tree.packages and rap_metadata.locates_packages:
            return True
        return (
            f"No package folder matches the project name `{name}`. Put the code in "
            f"`src/{wanted}/` with an `__init__.py`, or tell the build tool where it is."
        )


class CiConfigured(RapCheck):
    """Continuous integration is set up (GitHub Actions, GitLab CI, Azure Pipelines or Jenkins)."""

    id = "RAP-G2.1"

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for .github/workflows/*.yml, .gitlab-ci.yml, azure-pipelines.yml, Jenkinsfile."""
        if rap_texts.ci:
            return True
        return (
            "No CI configuration was found. Add one for your platform, e.g. "
            "`.github/workflows/ci.yml`, `.gitlab-ci.yml` or `azure-pipelines.yml`, that installs "
            "the project and runs the tests and checks on every push."
        )


class CiRunsTests(RapCheck):
    """The CI configuration runs the tests."""

    id = "RAP-G2.2"
    requires = frozenset({"RAP-G2.1"})

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for pytest, nox, tox, testthat or `R CMD check` in a CI file."""
        if any(ci.runs_tests for ci in rap_texts.ci):
            return True
        return (
            f"{examples([ci.path for ci in rap_texts.ci])} doesn't run the tests. Add a step "
            "that runs them, e.g. `uv run pytest`."
        )


class ScheduledOrTriggered(RapCheck):
    """The pipeline runs on a schedule or is triggered by an event, not only by hand."""

    id = "RAP-G3.1"

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for cron schedules or event triggers in the CI files; none without CI."""
        if any(ci.triggers for ci in rap_texts.ci):
            return True
        if not rap_texts.ci:
            return (
                "Nothing runs the pipeline automatically: there is no CI configuration to run it "
                "on a schedule or when new data arrives. Add one (e.g. a GitHub Actions workflow "
                "with `schedule:` and a `cron:` line under `on:`)."
            )
        hints = sorted({TRIGGER_HINTS[ci.platform] for ci in rap_texts.ci})
        return (
            "Nothing runs the pipeline automatically. To run it on a schedule or when new data "
            f"arrives, {'; or '.join(hints)}."
        )


class ChangelogPresent(RapCheck):
    """A changelog records what changed in each release."""

    id = "RAP-G4.1"

    @staticmethod
    def check(rap_texts: Texts, rap_git: GitFacts) -> bool | str:
        """Look for CHANGELOG, CHANGES, HISTORY or NEWS, or releases tagged with versions."""
        if rap_texts.changelog or rap_git.release_tags:
            return True
        return (
            "Add a CHANGELOG.md (the Keep a Changelog format) with a section per release saying "
            "what changed and why, so users of the outputs can see when the method changed."
        )


class ChangelogVersioned(RapCheck):
    """The changelog's entries are headed by version numbers (e.g. `## [1.2.0] - 2026-03-01`)."""

    id = "RAP-G4.2"
    requires = frozenset({"RAP-G4.1"})

    @staticmethod
    def check(rap_texts: Texts, rap_git: GitFacts) -> bool | str:
        """Look for MAJOR.MINOR.PATCH versions in the changelog's headings, or release tags."""
        if rap_texts.changelog_versions or rap_git.release_tags:
            return True
        return (
            f"`{rap_texts.changelog}` has no versioned entries. Head each release's notes with "
            "its version and date, e.g. `## [0.1.0] - 2026-01-31`."
        )


class SemanticVersion(RapCheck):
    """The project has a semantic version number (MAJOR.MINOR.PATCH)."""

    id = "RAP-G4.3"

    @staticmethod
    def check(rap_pyproject: Pyproject, rap_metadata: Metadata, rap_git: GitFacts) -> bool | str:
        """Read the version from any metadata source, a dynamic-version source, or git tags.

        Tags such as `v1.2.0` or `1.2.0` count as semantically versioned releases.
        """
        version = rap_metadata.version
        r_package = rap_metadata.version_source == "DESCRIPTION"
        if isinstance(version, str) and (R_VERSION if r_package else SEMANTIC_VERSION).match(
            version
        ):
            return True
        if rap_metadata.dynamic_version and any(
            rap_pyproject.get(*keys) for keys in VERSION_SOURCES
        ):
            return True
        if rap_git.release_tags:
            return True
        if rap_pyproject.error and version is None:
            return unreadable_pyproject("the version")
        if isinstance(version, str):
            return (
                f"Version `{version}` isn't a semantic version. Use MAJOR.MINOR.PATCH, e.g. "
                "`0.1.0`, raising MAJOR when outputs change meaning."
            )
        return 'Set `version = "0.1.0"` in `[project]` and raise it with each release.'
