"""Full tier: each baked variant passes its own tests, lint, pre-commit and docs build.

Nothing is mocked: real uv (sharing its download cache between variants, so the tier stays fast),
real git, real pre-commit building its hook environments from PyPI, real mkdocs. Between them
the variants cover every value of every option.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.bakery import choice_options, interpreter_for, subprocess_env

pytestmark = pytest.mark.full

# Long enough to reach the longest folder and package names, with punctuation and Welsh letters.
LONG_NAME = (
    "St Mary's Hospital (A&E) — Ysbyty Gwynedd: ŵyr, winter pressures & ambulance handover delays"
)
FULL_VARIANTS = [
    {},
    {
        "python_version": "3.12",
        "licence": "Apache-2.0",
        "git_platform": "gitlab",
        "rap_target_level": "gold",
        "include_notebooks": "no",
        "init_git": "no",
    },
    {
        "python_version": "3.13",
        "licence": "GPL-3.0",
        "git_platform": "azure-devops",
        "rap_target_level": "baseline",
    },
    {"git_platform": "none", "include_notebooks": "no", "project_name": LONG_NAME},
    {"python_version": "3.14"},
]
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.invalid",
    "GIT_COMMITTER_NAME": "Test Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.invalid",
}


def command_env() -> dict[str, str]:
    """A clean environment: no outer virtual environment, no interpreter downloads (no GitHub)."""
    env = subprocess_env(
        {"UV_PYTHON_DOWNLOADS": "never", "NO_MKDOCS_2_WARNING": "1", **GIT_IDENTITY}
    )
    for key in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"):
        env.pop(key, None)
    return env


def run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=command_env(), check=False
    )


def ok(project: Path, *command: str) -> str:
    result = run(project, *command)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def uv_run(project: Path, *command: str) -> str:
    return ok(project, "python", "-m", "uv", "run", "--no-sync", *command)


def changed_or_untracked(project: Path) -> str:
    """Files changed since staging, or new and not ignored: what a hook or a run left behind."""
    return ok(project, "git", "diff", "--name-only") + ok(
        project, "git", "ls-files", "--others", "--exclude-standard"
    )


def test_full_variants_cover_every_option_value():
    for name, values in choice_options().items():
        covered = {variant.get(name, values[0]) for variant in FULL_VARIANTS}
        assert covered == set(values), (
            f"{name}: {set(values) - covered} never runs in the full tier"
        )


@pytest.fixture(
    scope="module",
    params=FULL_VARIANTS,
    ids=lambda v: ",".join(f"{k}={v[k]}" for k in v) or "defaults",
)
def project(request, cookies_session):
    """A baked project with its environment synced, and git initialised as CI would have it."""
    result = cookies_session.bake(extra_context=request.param)
    assert result.exception is None, result.exception
    python = interpreter_for(result.context["python_version"])
    if python is None:
        pytest.skip(f"no Python {result.context['python_version']} interpreter on this machine")
    path = result.project_path
    ok(path, "python", "-m", "uv", "sync", "--python", python)
    if not (path / ".git").exists():
        ok(path, "git", "init", "-q", "-b", "main")
    ok(path, "git", "add", "--all")
    return path, result.context


def test_own_tests_pass(project):
    path, _ = project
    assert " passed" in uv_run(path, "pytest", "-q")


def test_lint_and_format_are_clean(project):
    path, _ = project
    uv_run(path, "ruff", "check")
    uv_run(path, "ruff", "format", "--check")


def test_pre_commit_passes_first_time_without_changing_a_file(project):
    path, _ = project
    uv_run(path, "pre-commit", "run", "--all-files")
    assert changed_or_untracked(path) == "", "a hook rewrote a generated file"


def test_system_hooks_pass_from_the_project_environment(project):
    path, _ = project
    uv_run(path, "pre-commit", "run", "--config", ".pre-commit-config-system.yaml", "--all-files")


def test_docs_build_strictly(project, tmp_path):
    path, _ = project
    uv_run(path, "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert (tmp_path / "site" / "index.html").is_file()


def test_pipeline_writes_outputs_that_git_ignores(project):
    path, context = project
    uv_run(path, "python", "-m", context["package_name"])
    outputs = path / "outputs"
    assert (outputs / "ae_attendances_by_provider.csv").stat().st_size > 0
    assert (outputs / "ae_attendances_by_month.png").read_bytes().startswith(b"\x89PNG")
    assert list((outputs / "logs").glob("pipeline_*.log"))
    assert changed_or_untracked(path) == "", "outputs must be ignored by git"


def test_wheel_contains_every_module(project, tmp_path):
    path, context = project
    ok(path, "python", "-m", "uv", "build", "--wheel", "--out-dir", str(tmp_path))
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = context["package_name"]
    for module in (path / "src" / package).glob("*.py"):
        assert f"{package}/{module.name}" in names


def test_staged_data_file_is_refused(project):
    path, _ = project
    extract = path / "extract.csv"
    extract.write_text("provider,attendances\nSYN01,3\n", encoding="utf-8")
    try:
        ok(path, "git", "add", "--force", "extract.csv")
        result = run(
            path,
            "python",
            "-m",
            "uv",
            "run",
            "--no-sync",
            "pre-commit",
            "run",
            "--files",
            "extract.csv",
        )
        assert result.returncode != 0
        assert "Data files must not be committed" in result.stdout
    finally:
        ok(path, "git", "rm", "--cached", "--quiet", "extract.csv")
        extract.unlink()


def test_notebook_with_outputs_is_refused(project):
    path, context = project
    if context["include_notebooks"] == "no":
        assert not (path / "notebooks").exists()
        return
    notebook = path / "notebooks" / "example.ipynb"
    original = notebook.read_text(encoding="utf-8")
    content = json.loads(original)
    code_cell = next(cell for cell in content["cells"] if cell["cell_type"] == "code")
    code_cell["execution_count"] = 1
    code_cell["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": ["patient table\n"]}
    ]
    notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")
    try:
        ok(path, "git", "add", "notebooks/example.ipynb")
        result = run(
            path,
            "python",
            "-m",
            "uv",
            "run",
            "--no-sync",
            "pre-commit",
            "run",
            "--files",
            "notebooks/example.ipynb",
        )
        assert result.returncode != 0
        assert "patient table" not in notebook.read_text(encoding="utf-8"), (
            "outputs must be stripped"
        )
    finally:
        notebook.write_text(original, encoding="utf-8")
        ok(path, "git", "add", "notebooks/example.ipynb")


@pytest.mark.parametrize(
    ("relative", "ignored"),
    [
        ("data/extract.csv", True),
        ("data/raw/2024/extract.parquet", True),
        ("outputs/table.xlsx", True),
        ("analysis/results.sav", True),
        ("src/cache.pkl", True),
        (".env", True),
        ("outputs/logs/pipeline_1.log", True),
        ("data/.gitkeep", False),
        ("tests/backtests/expected/ae_attendances_by_provider.csv", False),
        (".env.example", False),
    ],
)
def test_git_ignores_data_and_secrets(project, relative, ignored):
    path, _ = project
    result = run(path, "git", "check-ignore", "--no-index", "--quiet", relative)
    assert (result.returncode == 0) is ignored
