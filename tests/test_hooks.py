"""The template's hooks: answer rules, the optional-path manifest, and git on a new laptop."""

from __future__ import annotations

import os

import pytest

from nhs_rap.template import load_hook
from tests.bakery import run_cli

pre_gen = load_hook("pre_gen_project")
post_gen = load_hook("post_gen_project")


@pytest.mark.parametrize("slug", ["con", "PRN", "Aux.data", "nul", "com1", "LPT9", "com1.backup"])
def test_windows_device_names_are_refused(slug):
    assert "reserved device name" in pre_gen.check_project_slug({"project_slug": slug})


@pytest.mark.parametrize(
    "slug", ["ae-waits", "a", "trust.analysis", "rap2024", "console", "nul-report"]
)
def test_ordinary_slugs_are_accepted(slug):
    assert pre_gen.check_project_slug({"project_slug": slug}) is None


@pytest.mark.parametrize("email", ["", "analytics.team@nhs.net", "a.b-c@trust.nhs.uk"])
def test_blank_or_plausible_email_is_accepted(email):
    assert pre_gen.check_contact_email({"contact_email": email}) is None


@pytest.mark.parametrize("email", ["team", "team@nhs", "a b@nhs.net", "x@y.z,w@v.u"])
def test_malformed_email_is_refused(email):
    assert "does not look like an email address" in pre_gen.check_contact_email(
        {"contact_email": email}
    )


def test_package_name_may_not_shadow_a_pinned_tool():
    answers = {"package_name": "pytest", "_pins": {"pytest": "9"}}
    assert "would hide the module" in pre_gen.check_package_name(answers)


def test_long_package_name_is_refused_with_a_shorter_suggestion():
    message = pre_gen.check_package_name({"package_name": "a" * 41})
    assert message.startswith("package_name is 41 characters long") and "a" * 40 in message


def test_manifest_drops_every_other_platform():
    answers = {"git_platform": "gitlab", "include_notebooks": "yes"}
    dropped = post_gen.unwanted_paths(answers)
    assert ".github" in dropped and "azure-pipelines.yml" in dropped
    assert ".gitlab-ci.yml" not in dropped and "notebooks" not in dropped


def test_next_steps_cover_powershell_and_bash():
    text = post_gen.next_steps({"project_slug": "ae-waits", "package_name": "ae_waits"}, None)
    assert "cd ae-waits" in text
    assert "PowerShell:  .venv\\Scripts\\Activate.ps1" in text
    assert "bash:        source .venv/bin/activate" in text


def git_free_home(tmp_path, gitconfig: str = "") -> dict[str, str]:
    """An environment like a new laptop: no git identity, optionally a given global git config."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(gitconfig, encoding="utf-8")
    env = {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
    }
    for key in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        env[key] = ""
    return env


def test_first_commit_is_made_without_a_git_identity(tmp_path):
    out = tmp_path / "out"
    env = git_free_home(tmp_path, "[user]\n\tuseConfigOnly = true\n")
    result = run_cli("new", "--no-input", "-o", str(out), cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    assert "Created a git repository on branch main with a first commit." in result.stdout
    assert (out / "my-rap-project" / ".git").is_dir()


def test_commit_signing_demanded_globally_does_not_break_the_bake(tmp_path):
    out = tmp_path / "out"
    env = git_free_home(
        tmp_path, "[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = /nonexistent/gpg\n"
    )
    result = run_cli("new", "--no-input", "-o", str(out), cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    assert "first commit" in result.stdout


def test_missing_git_is_explained_and_the_project_kept(tmp_path):
    python_only = tmp_path / "bin"
    python_only.mkdir()
    env = {"PATH": str(python_only)}
    result = run_cli("new", "--no-input", "-o", str(tmp_path / "out"), cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    assert "git is not installed" in result.stdout
    assert (tmp_path / "out" / "my-rap-project" / "pyproject.toml").is_file()
    assert os.environ.get("PATH")  # the test process's own PATH is untouched
