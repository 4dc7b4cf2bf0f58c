"""The `nhs-rap new` command as an analyst meets it: options, mistakes, and existing folders."""

from __future__ import annotations

import subprocess
import sys

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
