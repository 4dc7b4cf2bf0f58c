"""``nhs-rap update`` on real git repositories, with both releases served from a find-links folder.

Projects are baked from the older release with plain cookiecutter and with copier, the team
changes them and commits, and the update is run as an analyst runs it. The full-tier test then
installs the updated branch and runs its own tests and lint.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import copier
import pytest
import yaml

from nhs_rap.template import template_config
from nhs_rap.update.recorded import read_origin
from nhs_rap.update.render import ask_new_options, complete_answers, render_release
from tests.bakery import run_cli, subprocess_env, tree_contents
from tests.update.template_releases import (
    HOOK_PIN,
    NEW,
    NEW_FILE,
    NEW_OPTION,
    OLD,
    README_LINE,
    RENAMED,
    TEMPLATE_README_LINE,
    TEMPLATE_TEAM_OWNED_EDIT,
    Releases,
    build_releases,
)

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.invalid",
    "GIT_COMMITTER_NAME": "Test Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.invalid",
}
TEAM_README_LINE = "- **Status**: in production since April, published monthly."
TEAM_CODE = (
    '\n\ndef team_total(values: list[int]) -> int:\n    """Add up the values."""\n'
    "    return sum(values)\n"
)
TEAM_CONDUCT_LINE = "\nQuestions about conduct go to the team lead.\n"
PANDAS = template_config()["_runtime_dependencies"]["pandas"]
TEAM_PIN = (f'"pandas{PANDAS}"', f'"pandas{PANDAS},<4"')
DELETED_BY_TEAM = "CONTRIBUTING.md"


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> Releases:
    return build_releases(tmp_path_factory.mktemp("releases"))


@pytest.fixture(scope="module")
def index_env(releases) -> dict[str, str]:
    """pip and uv see only the find-links folder, as behind a mirror that holds both releases."""
    return subprocess_env(
        {
            "PIP_FIND_LINKS": str(releases.links),
            "PIP_NO_INDEX": "1",
            "UV_FIND_LINKS": str(releases.links),
            **GIT_IDENTITY,
        }
    )


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=True, env=GIT_IDENTITY
    )
    return result.stdout


def bake_with_cookiecutter(template: Path, output_dir: Path, **answers: str) -> Path:
    pairs = [f"{key}={value}" for key, value in answers.items()]
    command = [sys.executable, "-m", "cookiecutter", str(template), "--no-input"]
    subprocess.run(
        [*command, "-o", str(output_dir), *pairs],
        check=True,
        capture_output=True,
        env=subprocess_env(GIT_IDENTITY),
    )
    return next(path for path in output_dir.iterdir() if path.is_dir())


def team_edits(project: Path) -> None:
    """What a team does in a year: code, README, a pinned version, an edited and a deleted file."""
    package = next((project / "src").iterdir())
    (package / "processing.py").write_text(
        (package / "processing.py").read_text(encoding="utf-8") + TEAM_CODE, encoding="utf-8"
    )
    replace(project / "README.md", README_LINE, TEAM_README_LINE)
    replace(project / "pyproject.toml", *TEAM_PIN)
    conduct = project / RENAMED[0]
    conduct.write_text(conduct.read_text(encoding="utf-8") + TEAM_CONDUCT_LINE, encoding="utf-8")
    (project / DELETED_BY_TEAM).unlink()
    git(project, "add", "--all")
    git(project, "commit", "-q", "--no-verify", "-m", "Team work")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def update(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("update", *args, cwd=project, env=env)


@pytest.fixture(scope="module")
def updated(releases, index_env, tmp_path_factory):
    """A cookiecutter-made project with a year of team work, updated from 0.8.0 to the newest."""
    project = bake_with_cookiecutter(
        releases.old, tmp_path_factory.mktemp("cookiecutter"), project_name="Winter pressures"
    )
    team_edits(project)
    started = time.perf_counter()
    result = update(project, index_env, "--defaults")
    seconds = time.perf_counter() - started
    print(f"\nnhs-rap update {OLD} -> {NEW} took {seconds:.1f} s")
    return project, result


def test_update_leaves_the_conflict_marked_and_exits_non_zero(updated):
    project, result = updated
    assert result.returncode == 1, result.stdout + result.stderr
    assert "conflicts to resolve in:\n  README.md\n" in result.stdout
    assert git(project, "branch", "--show-current").strip() == f"nhs-rap-update-{NEW}"
    assert git(project, "diff", "--name-only", "--diff-filter=U").split() == ["README.md"]
    readme = (project / "README.md").read_text(encoding="utf-8")
    ours, theirs = readme.split("<<<<<<<", 1)[1].split("=======", 1)
    assert TEAM_README_LINE in ours
    assert TEMPLATE_README_LINE in theirs.split(">>>>>>>", 1)[0]


def test_template_changes_arrive(updated):
    project, _ = updated
    assert (project / NEW_FILE).read_text(encoding="utf-8").endswith("releases quarterly.\n")
    hooks = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"{HOOK_PIN[0]}=={HOOK_PIN[2]}" in hooks
    assert f"{HOOK_PIN[0]}=={HOOK_PIN[1]}" not in hooks
    assert f"nhs-rap=={NEW}" in (project / "pyproject.toml").read_text(encoding="utf-8")
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert recorded["_commit"] == f"v{NEW}"
    assert recorded[NEW_OPTION[0]] == NEW_OPTION[1][0], "a new option gets its default"
    assert recorded["project_name"] == "Winter pressures"


def test_every_team_edit_survives(updated):
    project, result = updated
    package = next((project / "src").iterdir())
    processing = (package / "processing.py").read_text(encoding="utf-8")
    assert processing.endswith(TEAM_CODE), "the team's code is kept"
    assert TEMPLATE_TEAM_OWNED_EDIT not in processing, "team-owned files are never changed"
    assert f"{package.relative_to(project).as_posix()}/processing.py" in result.stdout
    assert TEAM_PIN[1] in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert not (project / DELETED_BY_TEAM).exists(), "a file the team deleted stays deleted"
    assert not (project / RENAMED[0]).exists()
    conduct = (project / RENAMED[1]).read_text(encoding="utf-8")
    assert conduct.endswith(TEAM_CONDUCT_LINE), "an edit follows the template's rename"


def test_resolved_update_commits_on_its_branch(updated):
    project, _ = updated
    text = (project / "README.md").read_text(encoding="utf-8")
    head, rest = text.split("<<<<<<<", 1)
    ours = rest.split("\n", 1)[1].split("=======\n", 1)[0]
    tail = rest.split(">>>>>>>", 1)[1].split("\n", 1)[1]
    (project / "README.md").write_text(head + ours + tail, encoding="utf-8")
    git(project, "add", "README.md")
    git(project, "commit", "-q", "--no-edit", "--no-verify")
    assert git(project, "status", "--porcelain") == ""
    subject = git(project, "log", "-1", "--format=%s").strip()
    assert subject == f"Update the project template from nhs-rap {OLD} to {NEW}"
    assert git(project, "log", "--format=%s", "main..HEAD").splitlines() == [subject]


@pytest.fixture(scope="module")
def copier_project(releases, index_env, tmp_path_factory) -> Path:
    """A project made with `copier copy` from the older release, with a small team change."""
    project = tmp_path_factory.mktemp("copier") / "bed-occupancy"
    copier.run_copy(
        str(releases.old),
        str(project),
        data={"project_name": "Bed occupancy"},
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    replace(project / "pyproject.toml", *TEAM_PIN)
    git(project, "commit", "-q", "-am", "Pin pandas below 4")
    return project


def test_check_says_when_a_project_is_behind(copier_project, index_env):
    result = update(copier_project, index_env, "--check")
    assert result.returncode == 1
    assert f"on template release {OLD}; {NEW} is out" in result.stdout


def test_copier_made_project_updates_cleanly(copier_project, index_env):
    result = update(copier_project, index_env, "--defaults")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Updated and committed on branch nhs-rap-update-{NEW}" in result.stdout
    assert git(copier_project, "status", "--porcelain") == ""
    assert (copier_project / NEW_FILE).is_file()
    assert TEAM_PIN[1] in (copier_project / "pyproject.toml").read_text(encoding="utf-8")
    assert update(copier_project, index_env, "--check").returncode == 0


@pytest.mark.full
def test_updated_branch_passes_its_own_tests(copier_project, index_env):
    """After test_copier_made_project_updates_cleanly: the branch installs, lints and tests."""
    if git(copier_project, "branch", "--show-current").strip() != f"nhs-rap-update-{NEW}":
        pytest.skip("runs after the clean update above")
    env = {k: v for k, v in index_env.items() if k not in {"VIRTUAL_ENV", "PIP_NO_INDEX"}}
    env["UV_PYTHON_DOWNLOADS"] = "never"
    for command in (
        ["sync"],
        ["run", "--no-sync", "pytest", "-q"],
        ["run", "--no-sync", "ruff", "check"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "uv", *command],
            cwd=copier_project,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, f"uv {' '.join(command)}:\n{result.stdout}\n{result.stderr}"


def test_dirty_tree_is_refused(releases, index_env, tmp_path):
    project = bake_with_cookiecutter(releases.old, tmp_path, project_name="Dirty tree")
    (project / "README.md").write_text("work in progress\n", encoding="utf-8")
    result = update(project, index_env, "--defaults")
    assert result.returncode == 2
    assert "uncommitted changes (README.md)" in result.stderr
    assert git(project, "branch", "--list").split() == ["*", "main"]
    assert (project / "README.md").read_text(encoding="utf-8") == "work in progress\n"


def test_project_without_recorded_answers_gets_told_what_to_do(releases, index_env, tmp_path):
    project = bake_with_cookiecutter(releases.old, tmp_path, project_name="No record")
    git(project, "rm", "-q", ".copier-answers.yml", ".cruft.json")
    git(project, "commit", "-q", "--no-verify", "-m", "Lose the record")
    result = update(project, index_env, "--defaults")
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "records no template release or answers" in message
    assert "_commit: v0.1.0" in message and "project_name" in message


def test_up_to_date_project_is_left_alone(releases, index_env, tmp_path):
    project = bake_with_cookiecutter(releases.new, tmp_path, project_name="Current")
    result = update(project, index_env, "--defaults")
    assert result.returncode == 0
    assert "already on template release" in result.stdout
    assert git(project, "branch", "--list").split() == ["*", "main"]


def test_new_options_are_asked_with_their_default(releases):
    asked = []

    def asker(name, default, choices):
        asked.append((name, default, choices))
        return "monthly"

    made = complete_answers(releases.old, {"project_name": "Asked"})["cookiecutter"]
    answers = {key: value for key, value in made.items() if not key.startswith("_")}
    given = ask_new_options(releases.new, answers, asker)
    name, choices = NEW_OPTION
    assert asked == [(name, choices[0], choices)]
    assert given == {**answers, name: "monthly"}


HOSTILE_NAME = 'St Mary\'s {{ 7*7 }} "A&E" \\ {% raw %} waits'


def test_recorded_answers_rebuild_the_project_exactly(releases, tmp_path):
    """The merge base is the project as it was made, so even odd answers must round-trip."""
    project = tmp_path / "made"
    copier.run_copy(
        str(releases.old),
        str(project),
        data={"project_name": HOSTILE_NAME, "project_slug": "st-marys"},
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    origin = read_origin(project)
    assert origin.release == OLD
    assert origin.answers["project_name"] == HOSTILE_NAME
    rebuilt = render_release(releases.old, origin.answers, tmp_path / "rebuilt")
    assert tree_contents(rebuilt) == tree_contents(project)
