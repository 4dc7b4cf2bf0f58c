"""The `nhs-rap new` command as an analyst meets it: options, mistakes, and existing folders."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nhs_rap.template import template_version
from tests.bakery import run_cli, subprocess_env


def test_version_is_the_template_version(tmp_path):
    result = run_cli("--version", cwd=tmp_path)
    assert result.stdout.strip() == f"nhs-rap {template_version()}"


def test_unknown_option_gets_a_suggestion_and_nothing_is_made(tmp_path):
    result = run_cli("new", "--no-input", "licnce=MIT", cwd=tmp_path)

    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "Error: 'licnce' is not an option of this template; did you mean licence?"
    )
    assert list(tmp_path.iterdir()) == []


def test_answer_without_equals_is_explained(tmp_path):
    result = run_cli("new", "--no-input", "gitlab", cwd=tmp_path)

    assert result.returncode == 1
    assert "is not in the form key=value" in result.stderr


def test_choice_outside_the_list_names_the_choices(tmp_path):
    result = run_cli("new", "--no-input", "git_platform=bitbucket", cwd=tmp_path)

    assert result.returncode == 1
    assert "use one of: github, gitlab, azure-devops, none" in result.stderr


def test_existing_folder_is_left_untouched(tmp_path):
    existing = tmp_path / "my-rap-project"
    existing.mkdir()
    (existing / "notes.txt").write_text("my own work", encoding="utf-8")

    result = run_cli("new", "--no-input", cwd=tmp_path)

    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert [path.name for path in existing.iterdir()] == ["notes.txt"]
    assert (existing / "notes.txt").read_text(encoding="utf-8") == "my own work"


def test_output_dir_is_created(tmp_path):
    result = run_cli("new", "--no-input", "init_git=no", "--output-dir", "a/b", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "b" / "my-rap-project" / "pyproject.toml").is_file()


def test_prompts_accept_defaults_when_the_analyst_presses_enter(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nhs_rap", "new"],
        cwd=tmp_path,
        input="\n" * 20,
        capture_output=True,
        text=True,
        env=subprocess_env(),
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "What is your project called?" in result.stdout
    assert (tmp_path / "my-rap-project" / "README.md").is_file()
    assert "Next steps" in result.stdout


def run_interactive(tmp_path, typed: list[str]) -> subprocess.CompletedProcess[str]:
    """``nhs-rap new`` answering its questions with ``typed`` (an empty string is Enter)."""
    return subprocess.run(
        [sys.executable, "-m", "nhs_rap", "new"],
        cwd=tmp_path,
        input="".join(f"{line}\n" for line in typed),
        capture_output=True,
        text=True,
        env=subprocess_env(),
        check=False,
    )


def test_a_bad_answer_is_asked_again_at_once(tmp_path):
    # name, slug, package, description, organisation, copyright; then email twice; then Enter.
    typed = ["Ward flow", "", "", "", "", "", "not-an-email", "team@nhs.net", *[""] * 8]
    result = run_interactive(tmp_path, typed)

    assert result.returncode == 0, result.stderr
    assert "does not look like an email address" in result.stderr
    assert result.stdout.count("Team mailbox for questions") == 2
    assert result.stdout.count("What is your project called?") == 1
    assert 'email = "team@nhs.net"' in (tmp_path / "ward-flow" / "pyproject.toml").read_text()


def test_a_contradicting_choice_is_asked_again(tmp_path):
    # Seven text answers, Python, licence, platform "none" (4), then gold (3), refused, silver;
    # then the data source, compute backend, notebooks and git at their defaults.
    typed = [*[""] * 7, "", "", "4", "3", "1", "", "", "", ""]
    result = run_interactive(tmp_path, typed)

    assert result.returncode == 0, result.stderr
    assert "rap_target_level 'gold' needs continuous integration" in result.stderr
    assert result.stdout.count("Which level of RAP are you aiming for?") == 2
    assert (tmp_path / "my-rap-project" / "pyproject.toml").is_file()


def test_input_that_ends_early_stops_without_a_traceback(tmp_path):
    result = run_interactive(tmp_path, ["Ward flow"])

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_dir_under_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", "--no-input", "--output-dir", "notes.txt/out", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: Could not write the project in notes.txt/out (Not a directory); choose a folder "
        "you can write to with --output-dir. Nothing was left behind."
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_read_only_output_dir_is_a_one_line_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_cli("new", "--no-input", "--output-dir", "locked", cwd=tmp_path)
    finally:
        locked.chmod(0o755)

    assert result.returncode == 1
    assert "(Permission denied); choose a folder you can write to" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(locked.iterdir()) == []
