"""[tool.nhs-rap]: attestations, ignores and the target level; and how they shape the verdict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from audit_repos import BREAKERS, GOOD, build, copy_repo

from nhs_rap.audit.settings import Pyproject, load_pyproject, read_settings
from nhs_rap.audit.verdict import audit
from nhs_rap.criteria import CRITERIA, Level


def settings_from(toml: str, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    return read_settings(load_pyproject(tmp_path))


def test_complete_attestation_counts(tmp_path: Path) -> None:
    settings = settings_from(
        '[tool.nhs-rap.attest.B4]\nevidence = "https://x/pr/1"\nby = "Sam"\ndate = 2026-01-02\n',
        tmp_path,
    )
    attestation = settings.attestation("B4")
    assert attestation is not None and attestation.valid
    assert (attestation.by, attestation.date, attestation.evidence) == (
        "Sam",
        "2026-01-02",
        "https://x/pr/1",
    )
    assert settings.warnings == ()


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('by = "Sam"\ndate = 2026-01-02', "add `evidence` (a link) or `reason`"),
        ('reason = "r"\ndate = 2026-01-02', "add `by`"),
        ('reason = "r"\nby = "Sam"', "add `date`"),
        ('reason = "r"\nby = "Sam"\ndate = "last week"', "YYYY-MM-DD"),
    ],
)
def test_incomplete_attestation_is_a_warning_not_a_pass(
    entry: str, problem: str, tmp_path: Path
) -> None:
    settings = settings_from(f"[tool.nhs-rap.attest.S9]\n{entry}\n", tmp_path)
    attestation = settings.attestation("S9")
    assert attestation is not None and not attestation.valid
    assert problem in attestation.problem
    assert any("S9 not counted" in warning for warning in settings.warnings)


def test_future_date_is_refused(tmp_path: Path) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    settings = settings_from(
        f'[tool.nhs-rap.attest.B5]\nreason = "r"\nby = "Sam"\ndate = {tomorrow.isoformat()}\n',
        tmp_path,
    )
    assert "in the future" in settings.attestation("B5").problem


def test_automated_criteria_cannot_be_attested_and_unknown_keys_are_reported(
    tmp_path: Path,
) -> None:
    settings = settings_from(
        '[tool.nhs-rap]\nlevel = "platinum"\ncolour = "blue"\n'
        '[tool.nhs-rap.attest.S6]\nreason = "we test"\nby = "Sam"\ndate = 2026-01-02\n'
        '[tool.nhs-rap.ignore]\n"RAP-S2.3" = ""\n',
        tmp_path,
    )
    text = "\n".join(settings.warnings)
    assert settings.attestation("S6") is None
    attestable = ", ".join(c.id for c in CRITERIA if not c.automatable)
    assert f"`S6` is not one of {attestable}" in text
    assert "unknown key `colour`" in text
    assert "level `platinum`" in text and settings.level is None
    assert "Ignore for RAP-S2.3 not applied" in text and settings.ignores == {}


def test_invalid_toml_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    pyproject = load_pyproject(tmp_path)
    assert pyproject.present and pyproject.error
    assert "could not be read" in read_settings(pyproject).warnings[0]
    assert read_settings(Pyproject()).warnings == ()


def test_ignored_check_does_not_block_and_shows_reason(tmp_path: Path) -> None:
    files = BREAKERS["RAP-S6.3"](dict(GOOD))
    files["pyproject.toml"] += (
        '\n[tool.nhs-rap.ignore]\n"RAP-S6.3" = "Outputs are checked by hand this quarter."\n'
    )
    report = audit(build(tmp_path / "r", files, git=True), Level.GOLD)
    check = next(check for check in report.checks if check.id == "RAP-S6.3")
    assert (check.status, check.ignore_reason) == (
        "ignored",
        "Outputs are checked by hand this quarter.",
    )
    assert report.target_met and report.level_reached == "gold"


def test_unknown_ignore_and_ignored_attestation_are_warned(tmp_path: Path) -> None:
    files = BREAKERS["RAP-B4.1"](dict(GOOD))
    files["pyproject.toml"] += (
        '\n[tool.nhs-rap.ignore]\n"RAP-Z9.9" = "typo"\n"RAP-B4.1" = "no time"\n'
    )
    report = audit(build(tmp_path / "r", files), Level.BASELINE)
    text = "\n".join(report.warnings)
    assert "`RAP-Z9.9`, which is not a check id" in text
    assert "RAP-B4.1 asks for a person's attestation and can't be ignored" in text
    assert next(c.status for c in report.checks if c.id == "RAP-B4.1") == "needs-attestation"


def test_levels_and_strict_mode(tmp_path: Path) -> None:
    files = BREAKERS["RAP-B4.1"](dict(GOOD))
    repo = build(tmp_path / "r", files, git=True)
    relaxed = audit(repo, Level.GOLD)
    strict = audit(repo, Level.GOLD, strict=True)
    assert (relaxed.automated_level, relaxed.level_reached) == ("gold", None)
    assert relaxed.target_met and relaxed.exit_code == 0
    assert not strict.target_met and strict.exit_code == 3
    assert [action.check for action in strict.next_actions] == ["RAP-B4.1"]


def test_level_stops_at_the_first_failing_level(tmp_path: Path) -> None:
    report = audit(
        build(tmp_path / "r", BREAKERS["RAP-S6.1"](dict(GOOD)), git=True), Level.BASELINE
    )
    assert report.automated_level == report.level_reached == "baseline"
    assert report.target_met  # baseline was the target
    gold = audit(tmp_path / "r", Level.GOLD)
    assert not gold.target_met and gold.next_actions[0].check == "RAP-S6.1"


def test_next_actions_are_three_fixes_lowest_level_first(tmp_path: Path) -> None:
    files = {"README.md": "# Nothing yet\n"}
    report = audit(build(tmp_path / "r", files), Level.GOLD)
    assert len(report.next_actions) == 3
    assert [action.check for action in report.next_actions] == ["RAP-B1.1", "RAP-B2.1", "RAP-B3.2"]
    assert all(
        action.url.endswith(action.check.lower().replace(".", "-"))
        for action in report.next_actions
    )


def test_settings_level_is_the_cli_default(good_repo: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from nhs_rap.cli import app

    repo = copy_repo(good_repo, tmp_path / "r")
    (repo / "CHANGELOG.md").unlink()  # fails gold only
    runner = CliRunner()
    assert runner.invoke(app, ["audit", str(repo), "--format", "json"]).exit_code == 0  # silver
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            "[tool.nhs-rap.attest.B4]", '[tool.nhs-rap]\nlevel = "gold"\n\n[tool.nhs-rap.attest.B4]'
        )
    )
    assert runner.invoke(app, ["audit", str(repo), "--format", "json"]).exit_code == 3
