"""Each check passes on the good repository and fails on a variant broken for that check alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit_repos import BREAKERS, GOOD, build, copy_repo, variant

from nhs_rap.audit.registry import all_checks
from nhs_rap.audit.verdict import Report, audit
from nhs_rap.criteria import Level


def status_of(report: Report, check_id: str) -> str:
    return next(check.status for check in report.checks if check.id == check_id)


def test_good_repo_passes_every_check_and_reaches_gold(good_repo: Path) -> None:
    report = audit(good_repo, Level.GOLD, strict=True)
    not_passed = {
        c.id: (c.status, c.message) for c in report.checks if c.status not in {"passed", "attested"}
    }
    assert not_passed == {}
    assert report.level_reached == report.automated_level == "gold"
    assert report.exit_code == 0
    assert report.next_actions == ()


def test_every_check_has_a_breaking_variant() -> None:
    # B2.2 is broken by an uncommitted edit, tested separately below.
    assert set(BREAKERS) | {"RAP-B2.2"} == {check.id for check in all_checks()}


@pytest.mark.parametrize("check_id", sorted(BREAKERS))
def test_check_fails_on_its_broken_variant(check_id: str, good_repo: Path, tmp_path: Path) -> None:
    files = BREAKERS[check_id](dict(GOOD))
    if check_id == "RAP-B2.1":
        repo = build(tmp_path / "repo", files)  # no git
    else:
        repo = variant(good_repo, tmp_path / "repo", files)
    report = audit(repo, Level.GOLD)
    check = next(check for check in report.checks if check.id == check_id)
    definition = next(c for c in all_checks() if c.id == check_id)
    # A check stricter than its criterion's words gives advice, which never blocks the level.
    expected = (
        "needs-attestation"
        if definition.attestation
        else ("advice" if definition.advice else "failed")
    )
    assert check.status == expected, check.message
    assert check.message.strip(), "a failure must say what to do next"
    assert report.target_met is (expected != "failed")
    assert any(action.check == check_id for action in report.next_actions) or (expected != "failed")


def test_uncommitted_work_is_a_warning_that_does_not_block(good_repo: Path, tmp_path: Path) -> None:
    repo = copy_repo(good_repo, tmp_path / "repo")
    (repo / "README.md").write_text((repo / "README.md").read_text() + "\nMore.\n")
    (repo / "notes.txt").write_text("scratch\n")
    report = audit(repo, Level.GOLD)
    check = next(check for check in report.checks if check.id == "RAP-B2.2")
    assert check.status == "warning"
    assert "1 changed and 1 untracked" in check.message
    assert report.target_met


def test_requirements_are_skipped_not_failed(tmp_path: Path) -> None:
    files = BREAKERS["RAP-G2.1"](dict(GOOD))
    report = audit(build(tmp_path / "repo", files), Level.GOLD)
    assert status_of(report, "RAP-G2.2") == "skipped"
    # Without CI nothing runs the pipeline on a trigger: G3 is not met, not "not assessed".
    assert status_of(report, "RAP-G3.1") == "failed"
    assert (
        next(c.message for c in report.checks if c.id == "RAP-G2.2")
        == "Waits for RAP-G2.1 to pass."
    )


def test_docstring_coverage_message_shows_threshold_and_examples(tmp_path: Path) -> None:
    report = audit(build(tmp_path / "r", BREAKERS["RAP-S2.3"](dict(GOOD))), Level.SILVER)
    message = next(c.message for c in report.checks if c.id == "RAP-S2.3")
    assert "target is 80%" in message
    assert "src/waits/extra.py:1 function step_0" in message


def test_r_project_is_judged_on_its_own_terms(tmp_path: Path) -> None:
    files = {
        "DESCRIPTION": "Package: waits\nTitle: Waits\nVersion: 0.1.0\nImports: dplyr\n",
        "R/steps.R": "count_rows <- function(x) nrow(x)\n",
        "tests/testthat/test-steps.R": "test_that('counts', expect_equal(1, 1))\n",
        "renv.lock": "{}\n",
        "NEWS.md": "# waits 0.1.0\n\n* First release.\n",
    }
    report = audit(build(tmp_path / "r", files), Level.GOLD)
    statuses = {check.id: check.status for check in report.checks}
    for check_id in ("RAP-B1.1", "RAP-S3.1", "RAP-S6.1", "RAP-S6.2", "RAP-S7.1", "RAP-S7.2"):
        assert statuses[check_id] == "passed", check_id
    for check_id in ("RAP-G1.1", "RAP-G1.2", "RAP-G4.2", "RAP-G4.3"):
        assert statuses[check_id] == "passed", check_id
    # R code is assessed on S4 (functions) and S8 (logging) too; this one writes no logs.
    assert statuses["RAP-S4.1"] == "passed"
    assert statuses["RAP-S8.1"] == "failed"
    assert next(c for c in report.criteria if c.id == "S4").status == "passed"


def test_an_empty_back_test_folder_is_not_a_back_test(tmp_path: Path) -> None:
    files = BREAKERS["RAP-S6.3"](dict(GOOD))
    repo = build(tmp_path / "r", files)
    (repo / "tests/backtests").mkdir(parents=True, exist_ok=True)
    assert status_of(audit(repo, Level.SILVER), "RAP-S6.3") == "advice"
    (repo / "tests/backtests/expected.csv").write_text("a\n1\n")
    assert status_of(audit(repo, Level.SILVER), "RAP-S6.3") == "passed"


@pytest.mark.parametrize(
    ("readme", "install", "run"),
    [
        (
            "## Start a project\n\n```\npython -m pip install waits\nwaits\n```\n",
            "passed",
            "passed",
        ),
        (
            "## Getting started\n\nRun `uv sync`, then `uv run python -m waits`.\n",
            "passed",
            "passed",
        ),
        (
            "Setup\n=====\n\n::\n\n    conda env create\n\nUsage\n-----\n\n    Rscript run.R\n",
            "passed",
            "passed",
        ),
        (
            "## Installation\n\nAsk IT.\n\n## Usage\n\nDouble-click the workbook.\n",
            "failed",
            "failed",
        ),
        ("## Install\n\n```\n# uv sync\n```\n", "passed", "failed"),
        (  # steps under sub-headings of any depth and inside <details>
            "## Installation\n\n#### Using uv\n\n```\nuv sync\n```\n\n## Usage\n\n"
            "<details><summary>Run it</summary>\n\n```\nmake run\n```\n\n</details>\n",
            "passed",
            "passed",
        ),
        ("## Setup\n\n`poetry install`\n\n### CLI\n\n`poetry run waits`\n", "passed", "passed"),
        ("## Set up\n\n`renv::restore()`\n\n## Run\n\n```\nbash run.sh\n```\n", "passed", "passed"),
        ("Run `Rscript -e 'targets::tar_make()'` after `conda env create`.\n", "passed", "passed"),
        ("## Usage\n\n```\nwaits --year 2024\n```\n", "failed", "passed"),  # its own command
        ("## How to run\n\nOpen and run `notebooks/pipeline.ipynb`.\n", "failed", "passed"),
        ("## About\n\nSee `notes.py`.\n", "failed", "failed"),  # a file named, not a step
    ],
)
def test_readme_install_and_run_sections(
    readme: str, install: str, run: str, tmp_path: Path
) -> None:
    report = audit(
        build(tmp_path / "r", {**GOOD, "README.md": "# Waits\n\n" + readme}), Level.BASELINE
    )
    assert (status_of(report, "RAP-B3.2"), status_of(report, "RAP-B3.3")) == (install, run)


def test_advice_says_why_it_is_not_a_failure(tmp_path: Path) -> None:
    repo = build(tmp_path / "r", BREAKERS["RAP-S7.2"](dict(GOOD)), git=True)
    report = audit(repo, Level.SILVER)
    check = next(c for c in report.checks if c.id == "RAP-S7.2")
    assert check.status == "advice"
    assert (
        "(Advice, not a failure: S7 asks that the dependencies are recorded"
        in (check.message.split("\n\n")[0])
    )
    assert report.target_met
