"""The template's hooks: answer rules, the optional-path manifest, and git on a new laptop."""

from __future__ import annotations

import re
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from nhs_rap.template import load_hook, option_names
from tests.bakery import choice_options, run_cli, run_plain_cookiecutter
from tests.conftest import SKIP_LOCK

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
    answers = {"project_slug": "ae-waits", "package_name": "ae_waits"}
    text = post_gen.next_steps(answers, "./ae-waits", None, post_gen.LockResult(True))
    assert "cd ./ae-waits" in text
    assert "PowerShell:  .venv\\Scripts\\Activate.ps1" in text
    assert "bash:        source .venv/bin/activate" in text


@pytest.mark.parametrize("package", ["a", "ae_waits", "x" * 40])
@pytest.mark.parametrize("locked", [True, False])
def test_next_steps_comments_share_one_column(package, locked):
    answers = {"project_slug": package.replace("_", "-"), "package_name": package}
    lock = post_gen.LockResult(locked, "" if locked else "uv is not installed")
    git_line = post_gen.GIT_CREATED
    text = post_gen.next_steps(answers, f"./{package}", git_line, lock)
    columns = {
        line.index("#") for line in text.splitlines() if line.startswith("  ") and "#" in line
    }
    assert len(columns) == 1, text
    assert f"uv run python -m {package} " in text


@pytest.mark.parametrize("source", choice_options()["data_source"])
def test_next_steps_check_a_warehouse_connection_before_the_first_run(source):
    answers = {"project_slug": "ae-waits", "package_name": "ae_waits", "data_source": source}
    text = post_gen.next_steps(answers, "./ae-waits", None, post_gen.LockResult(True))
    steps = [line.split("#")[0].strip() for line in text.splitlines() if line.startswith("  ")]
    check = "uv run python -m ae_waits check-connection"
    if source == "synthetic":
        assert check not in steps
    else:
        assert steps.index(check) < steps.index("uv run python -m ae_waits")


def test_unlocked_next_steps_put_committing_the_lock_first():
    answers = {"project_slug": "ae-waits", "package_name": "ae_waits"}
    git_line = post_gen.GIT_CREATED
    text = post_gen.next_steps(
        answers, "./ae-waits", git_line, post_gen.LockResult(False, "no network")
    )
    steps = [line.split("#")[0].strip() for line in text.splitlines() if line.startswith("  ")]
    assert steps.index("uv sync") < steps.index("git add uv.lock") < steps.index("uv run pytest")
    assert "uv.lock was not made now (no network)" in text
    # Without a repository there is nothing to commit to yet: the lock goes in the first commit.
    text = post_gen.next_steps(answers, "./ae-waits", None, post_gen.LockResult(False, "x"))
    assert "git add" not in text and "uv sync" in text


def test_uv_install_step_suits_the_system():
    """Debian's system Python refuses a bare `pip install` (externally-managed-environment)."""
    linux = [command for command, _ in post_gen.uv_install_steps(False, windows=False)]
    assert linux[0].startswith("python3 -m venv ")
    assert not any(re.match(r"python3? -m pip install", command) for command in linux)
    windows = post_gen.uv_install_steps(False, windows=True)
    assert [command for command, _ in windows] == ["python -m pip install uv"]
    assert post_gen.uv_install_steps(True, windows=False) == []
    beside = post_gen.uv_install_steps(False, windows=False, beside=Path("/opt/nhs-rap/bin"))
    assert beside[0][0] == 'export PATH="/opt/nhs-rap/bin:$PATH"'


def test_linux_next_steps_install_uv_in_its_own_environment():
    answers = {"project_slug": "ae-waits", "package_name": "ae_waits"}
    install = post_gen.uv_install_steps(False, windows=False)
    text = post_gen.next_steps(answers, "./ae-waits", None, post_gen.LockResult(True), install)
    assert "  python3 -m venv ~/.local/uv " in text
    assert "~/.local/uv/bin/python -m pip install uv" in text


def test_next_steps_quote_a_folder_with_spaces():
    assert post_gen.quoted_for_shell("./a b/c") == "'./a b/c'"
    assert post_gen.quoted_for_shell("./ae-waits") == "./ae-waits"


def test_next_steps_name_the_output_folder(tmp_path):
    result = run_cli("new", "--no-input", "init_git=no", "-o", "out/x", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Your project is ready in ./out/x/my-rap-project" in result.stdout
    assert "cd ./out/x/my-rap-project\n" in result.stdout


def test_plain_cookiecutter_names_the_absolute_folder(tmp_path):
    result = run_plain_cookiecutter("--no-input", "init_git=no", "-o", "elsewhere", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"ready in {(tmp_path / 'elsewhere' / 'my-rap-project').resolve()}" in result.stdout


@pytest.fixture
def silent_index():
    """A package index that accepts connections and never answers, like a proxy dropping them."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/simple"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_silent_index_gives_a_project_without_a_lock_and_says_so(tmp_path, silent_index):
    env = {
        SKIP_LOCK: "",
        "UV_INDEX_URL": silent_index,
        "UV_DEFAULT_INDEX": silent_index,
        "UV_NO_CACHE": "1",
    }
    result = run_cli("new", "--no-input", cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    project = tmp_path / "my-rap-project"
    assert (project / "pyproject.toml").is_file()
    assert not (project / "uv.lock").exists()
    assert "uv.lock was not made now" in result.stdout
    assert re.search(r"^  git add uv\.lock +# ", result.stdout, flags=re.MULTILINE)
    committed = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "pyproject.toml" in committed and "uv.lock" not in committed


def test_uv_that_cannot_start_leaves_no_lock_and_a_reason(tmp_path, monkeypatch):
    monkeypatch.delenv(SKIP_LOCK)
    project = tmp_path / "p"
    project.mkdir()
    result = post_gen.lock_dependencies(project, uv=[str(tmp_path / "no-such-uv")])
    assert not result.locked and "uv could not start" in result.reason
    assert list(project.iterdir()) == []


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
    project = tmp_path / "out" / "my-rap-project"
    assert (project / "pyproject.toml").is_file()
    assert not (project / ".git").exists(), "no half-made repository is left behind"


@pytest.mark.parametrize(
    ("check", "answers"),
    [
        (pre_gen.check_text_fields, {"project_name": "two\nlines"}),
        (pre_gen.check_text_fields, {"project_name": "A", "organisation": " "}),
        (pre_gen.check_project_slug, {"project_slug": "con"}),
        (pre_gen.check_package_name, {"package_name": "Not-Valid"}),
        (pre_gen.check_contact_email, {"contact_email": "team"}),
        (pre_gen.check_combination, {"rap_target_level": "gold", "git_platform": "none"}),
    ],
)
def test_each_rule_names_the_answer_to_change_first(check, answers):
    """`nhs-rap new` asks again for the answer a message starts with (new.problem_with)."""
    assert check(answers).split(" ", 1)[0] in option_names()
