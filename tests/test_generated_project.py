"""Full tier: each baked variant passes its own tests, lint, pre-commit, docs build and RAP audit.

Nothing is mocked: real uv (sharing its download cache between variants, so the tier stays fast),
real git, real pre-commit building its hook environments from PyPI, real mkdocs. nhs-rap itself
comes from a wheel built from this checkout (PIP_FIND_LINKS / UV_FIND_LINKS), as it will come from
PyPI once released. Between them the variants cover every value of every option.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from nhs_rap.criteria import Level
from tests.bakery import (
    PROJECT_TEMPLATE,
    choice_options,
    interpreter_for,
    is_allowed,
    subprocess_env,
)
from tests.conftest import SKIP_LOCK

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
        "data_source": "sql-server",
    },
    {
        "python_version": "3.13",
        "licence": "GPL-3.0",
        "git_platform": "azure-devops",
        "rap_target_level": "baseline",
        "data_source": "udal",
    },
    {
        "git_platform": "none",
        "include_notebooks": "no",
        "project_name": LONG_NAME,
        "data_source": "databricks-sql",
    },
    {"python_version": "3.14"},
    # Every compute backend with every data source it can read (pandas reads them all above).
    {"compute_backend": "polars"},
    {"compute_backend": "polars", "data_source": "sql-server", "include_notebooks": "no"},
    {
        "compute_backend": "polars",
        "data_source": "udal",
        "git_platform": "azure-devops",
        "include_notebooks": "no",
    },
    {
        "compute_backend": "polars",
        "data_source": "databricks-sql",
        "git_platform": "gitlab",
        "include_notebooks": "no",
        "project_name": LONG_NAME,
    },
    {"compute_backend": "pyspark", "python_version": "3.12"},
    {
        "compute_backend": "pyspark",
        "data_source": "databricks-sql",
        "include_notebooks": "no",
        "rap_target_level": "gold",
        "project_name": LONG_NAME,
    },
]
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.invalid",
    "GIT_COMMITTER_NAME": "Test Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.invalid",
}


@dataclass(frozen=True)
class Baked:
    """A baked project, its answers, and the environment its commands run in."""

    path: Path
    context: dict
    env: dict[str, str]

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=self.path, capture_output=True, text=True, env=self.env, check=False
        )

    def ok(self, *command: str) -> str:
        result = self.run(*command)
        assert result.returncode == 0, (
            f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
        )
        return result.stdout

    def uv_run(self, *command: str) -> str:
        return self.ok("python", "-m", "uv", "run", "--no-sync", *command)

    def uv_attempt(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run a command in the project's environment that is expected to fail."""
        return self.run("python", "-m", "uv", "run", "--no-sync", *command)

    def pre_commit_on(self, *files: str) -> subprocess.CompletedProcess[str]:
        """Stage ``files`` (even if ignored) and run the commit checks on them."""
        self.ok("git", "add", "--force", *files)
        return self.run(
            "python", "-m", "uv", "run", "--no-sync", "pre-commit", "run", "--files", *files
        )

    def unstage(self, *files: str) -> None:
        self.ok("git", "rm", "--cached", "--quiet", "--force", *files)
        for name in files:
            (self.path / name).unlink()

    def changed_or_untracked(self) -> str:
        """Files changed since staging, or new and not ignored: what a hook or a run left behind."""
        return self.ok("git", "diff", "--name-only") + self.ok(
            "git", "ls-files", "--others", "--exclude-standard"
        )


@pytest.fixture(scope="session")
def command_env(wheelhouse, tmp_path_factory) -> dict[str, str]:
    """A clean environment: no outer venv, no interpreter downloads, nhs-rap from the wheelhouse.

    pre-commit's environments live in a folder of this session, so a hook never runs an nhs-rap
    built by an earlier session under the same version number.
    """
    env = subprocess_env(
        {
            "UV_PYTHON_DOWNLOADS": "never",
            "UV_FIND_LINKS": str(wheelhouse),
            "PIP_FIND_LINKS": str(wheelhouse),
            "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
            "NO_MKDOCS_2_WARNING": "1",
            **GIT_IDENTITY,
        }
    )
    for key in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"):
        env.pop(key, None)
    return env


def test_full_variants_cover_every_option_value():
    for name, values in choice_options().items():
        covered = {variant.get(name, values[0]) for variant in FULL_VARIANTS}
        assert covered == set(values), (
            f"{name}: {set(values) - covered} never runs in the full tier"
        )


def test_full_variants_cover_every_backend_with_every_source_it_can_read():
    options = choice_options()
    allowed = {
        (backend, source)
        for backend in options["compute_backend"]
        for source in options["data_source"]
        if is_allowed({"compute_backend": backend, "data_source": source})
    }
    covered = {
        (variant.get("compute_backend", "pandas"), variant.get("data_source", "synthetic"))
        for variant in FULL_VARIANTS
    }
    assert allowed - covered == set(), "these pairs a user can choose never run in the full tier"
    assert covered <= allowed


@pytest.fixture(
    scope="module",
    params=FULL_VARIANTS,
    ids=lambda v: ",".join(f"{k}={v[k]}" for k in v) or "defaults",
)
def project(request, cookies_session, command_env) -> Baked:
    """A baked project, locked by the bake itself, synced from that lock, with git as CI has it.

    The bake locks as it would for an analyst with PyPI (nhs-rap coming from the wheelhouse);
    ``uv sync --locked`` then fails if the lock the bake wrote does not match the project.
    """
    python = interpreter_for(
        request.param.get("python_version", choice_options()["python_version"][0])
    )
    if python is None:
        pytest.skip(f"no Python {request.param['python_version']} interpreter on this machine")
    with pytest.MonkeyPatch.context() as environment:
        environment.delenv(SKIP_LOCK)
        environment.setenv("UV_FIND_LINKS", command_env["UV_FIND_LINKS"])
        # The analyst has the chosen Python; uv finds it as it would theirs (pyenv hides it here).
        environment.setenv("UV_PYTHON", python)
        result = cookies_session.bake(extra_context=request.param)
    assert result.exception is None, result.exception
    baked = Baked(result.project_path, dict(result.context), command_env)
    groups = ["--group", "notebooks"] if result.context["include_notebooks"] == "yes" else []
    baked.ok("python", "-m", "uv", "sync", "--locked", *groups, "--python", python)
    if not (baked.path / ".git").exists():  # init_git=no: the analyst starts git by hand
        baked.ok("git", "init", "-q", "-b", "main")
        baked.ok("git", "add", "--all")
        baked.ok("git", "commit", "-q", "-m", "Start project")
    baked.ok("git", "add", "--all")
    return baked


def test_own_tests_pass(project):
    assert " passed" in project.uv_run("pytest", "-q")


def test_spark_tests_pass_through_spark_connect_too(project):
    """Databricks serverless offers only Spark Connect: the suite runs again in that mode.

    The project's own CI does the same. Once is enough here: the variants differ only in what
    they read, which the classic run covers.
    """
    if (
        project.context["compute_backend"] != "pyspark"
        or project.context["data_source"] != "synthetic"
    ):
        pytest.skip("only the synthetic pyspark variant runs the Spark Connect mode")
    # The project's own tests include one that sparkContext is refused, as on serverless.
    assert " passed" in project.uv_run("pytest", "-q", "--spark-api-mode=connect")


def test_lint_and_format_are_clean(project):
    project.uv_run("ruff", "check")
    project.uv_run("ruff", "format", "--check")


def test_pre_commit_passes_first_time_without_changing_a_file(project):
    project.uv_run("pre-commit", "run", "--all-files")
    assert project.changed_or_untracked() == "", "a hook rewrote a generated file"


def test_system_hooks_pass_from_the_project_environment(project):
    project.uv_run("pre-commit", "run", "--config", ".pre-commit-config-system.yaml", "--all-files")


def test_first_commit_holds_the_lock(project):
    """The bake locks before git's first commit, so the project meets S7 from its first commit."""
    assert (project.path / "uv.lock").is_file()
    first = project.ok("git", "rev-list", "--max-parents=0", "HEAD").split()[0]
    assert "uv.lock" in project.ok("git", "ls-tree", "--name-only", first).split()


def test_docs_build_strictly(project, tmp_path):
    project.uv_run("mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert (tmp_path / "site" / "index.html").is_file()


def test_docs_build_under_zensical(project):
    """Zensical, Material's successor, builds the same mkdocs.yml (see docs/decisions/docs.md)."""
    try:
        project.uv_run("--with", "zensical", "zensical", "build", "--strict", "--clean")
        assert (project.path / "site" / "index.html").is_file()
        assert (project.path / "site" / "rap-status" / "index.html").is_file()
        assert project.changed_or_untracked() == "", "Zensical's output must be ignored by git"
    finally:
        shutil.rmtree(project.path / "site", ignore_errors=True)
        shutil.rmtree(project.path / ".cache", ignore_errors=True)


def test_notebook_runs_headless_and_commits_without_outputs(project):
    """The notebooks group runs the example without a browser; the commit check strips outputs."""
    if project.context["include_notebooks"] == "no":
        assert "notebooks" not in project.ok("python", "-m", "uv", "export", "--all-groups")
        return
    notebook = project.path / "notebooks" / "example.ipynb"
    original = notebook.read_text(encoding="utf-8")
    try:
        project.uv_run("jupyter", "execute", "--inplace", "notebooks/example.ipynb")
        executed = json.loads(notebook.read_text(encoding="utf-8"))
        assert any(cell.get("outputs") for cell in executed["cells"]), "the notebook gave no output"
        first = project.pre_commit_on("notebooks/example.ipynb")
        assert first.returncode != 0 and "strip notebook outputs" in first.stdout
        stripped = json.loads(notebook.read_text(encoding="utf-8"))
        assert all(not cell.get("outputs") for cell in stripped["cells"])
        project.ok("git", "add", "notebooks/example.ipynb")
        assert project.pre_commit_on("notebooks/example.ipynb").returncode == 0
    finally:
        notebook.write_text(original, encoding="utf-8")
        project.ok("git", "add", "notebooks/example.ipynb")


def synthetic_run(project: Baked) -> list[str]:
    """The command that runs the pipeline offline: a real source needs ``--source synthetic``."""
    command = ["python", "-m", project.context["package_name"]]
    return (
        command
        if project.context["data_source"] == "synthetic"
        else [*command, "--source", "synthetic"]
    )


def test_pipeline_writes_outputs_that_git_ignores(project):
    project.uv_run(*synthetic_run(project))
    outputs = project.path / "outputs"
    assert (outputs / "ae_attendances_by_provider.csv").stat().st_size > 0
    assert (outputs / "ae_attendances_by_month.png").read_bytes().startswith(b"\x89PNG")
    assert list((outputs / "logs").glob("pipeline_*.log"))
    assert (project.path / "data" / "synthetic.duckdb").is_file()
    assert project.changed_or_untracked() == "", "outputs and the database must be ignored by git"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("secure_environment", "ae_attendances_by_provider.csv"),
        ("publication", "ae_attendances_by_provider_published.csv"),
    ],
)
def test_tidy_table_is_the_same_bytes_from_every_backend(project, mode, expected):
    """The back-test settings give every compute backend's pipeline the same table, byte for byte.

    The expected tables are copied into each project unrendered, so matching them here means
    every backend's output matches every other's: the back test means the same thing everywhere.
    """
    settings = project.path / "tests" / "backtests" / "backtest_config.toml"
    run_settings = settings.with_name(f"backtest_{mode}.toml")
    text = settings.read_text(encoding="utf-8")
    run_settings.write_text(
        text.replace('mode = "secure_environment"', f'mode = "{mode}"'), encoding="utf-8"
    )
    try:
        project.uv_run(
            "python", "-m", project.context["package_name"], "--config", str(run_settings)
        )
    finally:
        run_settings.unlink()
    table = project.path / "outputs" / "ae_attendances_by_provider.csv"
    reference = PROJECT_TEMPLATE / "tests" / "backtests" / "expected" / expected
    assert table.read_bytes() == reference.read_bytes()


def test_check_connection_answers_in_one_line(project):
    """Offline, the synthetic database connects; a real source's blank server is named."""
    package = project.context["package_name"]
    offline = project.uv_run("python", "-m", package, "check-connection", "--source", "synthetic")
    assert offline.startswith("Connected to ") and len(offline.strip().splitlines()) == 1
    if project.context["data_source"] == "synthetic":
        return
    result = project.uv_attempt("python", "-m", package, "check-connection")
    assert result.returncode == 1
    (line,) = [
        line for line in result.stderr.splitlines() if line and not line.startswith("warning:")
    ]
    assert "in config.toml is empty" in line


def test_password_in_config_toml_is_refused_by_the_pipeline_and_the_hooks(project):
    secret = "Qz7Xv9Lm2Pk4Wr8"  # nhs-rap: allow credential
    config = project.path / "config.toml"
    original = config.read_text(encoding="utf-8")
    typed = original.replace("[paths]\n", f'[paths]\npassword = "{secret}"\n')
    config.write_text(typed, encoding="utf-8")
    try:
        result = project.uv_attempt("python", "-m", project.context["package_name"])
        assert result.returncode == 2
        assert "put the secret in .env" in result.stderr and secret not in result.stderr
        hooks = project.pre_commit_on("config.toml")
        assert hooks.returncode != 0
        assert_masked(hooks.stdout + hooks.stderr, [secret])
    finally:
        config.write_text(original, encoding="utf-8")
        project.ok("git", "add", "config.toml")


def test_wheel_contains_every_module(project, tmp_path):
    project.ok("python", "-m", "uv", "build", "--wheel", "--out-dir", str(tmp_path))
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = project.context["package_name"]
    for module in (project.path / "src" / package).glob("*.py"):
        assert f"{package}/{module.name}" in names


def test_rap_audit_meets_the_target_level(project):
    level = project.context["rap_target_level"]
    result = project.uv_attempt(
        "nhs-rap",
        "audit",
        "--level",
        level,
        "--format",
        "json",
    )
    report = json.loads(result.stdout)
    failed = [
        check["id"]
        for check in report["checks"]
        if check["status"] in {"failed", "error"}
        and Level(check["level"]).rank <= Level(level).rank
    ]
    assert failed == [], f"a fresh project fails {failed}"
    assert result.returncode == 0 and report["target_met"]
    waiting = {
        check["criterion"] for check in report["checks"] if check["status"] == "needs-attestation"
    }
    assert waiting == {"B4", "B5", "S9"}
    # Informational, not part of the level: the audit recognises the pipeline's disclosure step.
    assert {item["id"]: item["status"] for item in report["informational"]} == {"RAP-I1.1": "found"}


def test_staged_data_file_is_refused(project):
    (project.path / "extract.csv").write_text("provider,attendances\nSYN01,3\n", encoding="utf-8")
    try:
        result = project.pre_commit_on("extract.csv")
        assert result.returncode != 0
        assert "Data files must not be committed" in result.stdout
    finally:
        project.unstage("extract.csv")


def valid_nhs_numbers(count: int) -> list[str]:
    """Made-up numbers that pass the NHS number check digit, outside the 999 test range."""
    numbers: list[str] = []
    candidate = 400_000_000
    while len(numbers) < count:
        candidate += 7919
        digits = [int(d) for d in f"{candidate:09d}"]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            numbers.append(f"{candidate:09d}{0 if check == 11 else check}")
    return numbers


def assert_masked(output: str, values: list[str]) -> None:
    """No report line may show four or more consecutive characters of a finding's value."""
    for value in values:
        for start in range(len(value) - 3):
            assert value[start : start + 4] not in output, f"the report shows part of {value!r}"


def test_guard_refuses_nhs_numbers_and_masks_them(project):
    numbers = valid_nhs_numbers(3)
    rows = "".join(f"{number},SYN01,A&E\n" for number in numbers)
    (project.path / "cohort.txt").write_text(
        f"nhs_number,provider,setting\n{rows}", encoding="utf-8"
    )
    try:
        result = project.pre_commit_on("cohort.txt")
        assert result.returncode != 0
        assert "nhs-number" in result.stdout
        assert_masked(result.stdout + result.stderr, numbers)
    finally:
        project.unstage("cohort.txt")


@pytest.mark.parametrize(
    ("name", "line", "refusal"),
    [
        # The guard refuses a password in .env, which git ignores but `git add --force` stages.
        (".env", "DATABASE_PASSWORD={secret}", r"nhs-rap guard.*Failed"),
        # detect-secrets' own output points at its GitHub help; our hook name says what to do.
        ("settings.py", 'api_key = "{secret}"', r"move any to \.env; see docs/data\.md\)\.*Failed"),
    ],
)
def test_a_secret_is_refused_with_the_next_step(project, name, line, refusal):
    secret = "Qz7Xv9Lm2Pk4Wr8"  # nhs-rap: allow credential
    (project.path / name).write_text(line.format(secret=secret) + "\n", encoding="utf-8")
    try:
        result = project.pre_commit_on(name)
        assert result.returncode != 0
        assert re.search(refusal, result.stdout), result.stdout
        assert_masked(result.stdout + result.stderr, [secret])
    finally:
        project.unstage(name)


def test_notebook_with_a_patient_table_is_refused(project):
    if project.context["include_notebooks"] == "no":
        assert not (project.path / "notebooks").exists()
        return
    notebook = project.path / "notebooks" / "example.ipynb"
    original = notebook.read_text(encoding="utf-8")
    content = json.loads(original)
    numbers = valid_nhs_numbers(2)
    code_cell = next(cell for cell in content["cells"] if cell["cell_type"] == "code")
    code_cell["execution_count"] = 1
    table = ["nhs_number  age\n", *(f"{number}  54\n" for number in numbers)]
    code_cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": table}]
    notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")
    try:
        result = project.pre_commit_on("notebooks/example.ipynb")
        assert result.returncode != 0
        assert re.search(r"nhs-rap guard.*Failed", result.stdout)
        assert_masked(result.stdout + result.stderr, numbers)
        assert numbers[0] not in notebook.read_text(encoding="utf-8"), "outputs must be stripped"
    finally:
        notebook.write_text(original, encoding="utf-8")
        project.ok("git", "add", "notebooks/example.ipynb")


def test_nbstripout_git_filter_strips_what_git_stores(project):
    if project.context["include_notebooks"] == "no":
        pytest.skip("this variant has no notebooks, so no nbstripout filter to test")
    project.uv_run("nbstripout", "--install")  # the README's one-off command
    notebook = project.path / "notebooks" / "example.ipynb"
    original = notebook.read_text(encoding="utf-8")
    content = json.loads(original)
    code_cell = next(cell for cell in content["cells"] if cell["cell_type"] == "code")
    code_cell["execution_count"] = 3
    code_cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["a result\n"]}]
    notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")
    try:
        project.ok("git", "add", "notebooks/example.ipynb")
        stored = project.ok("git", "show", ":notebooks/example.ipynb")
        assert "a result" not in stored and json.loads(stored)["cells"][1]["outputs"] == []
        assert "a result" in notebook.read_text(encoding="utf-8"), "the working copy keeps outputs"
    finally:
        notebook.write_text(original, encoding="utf-8")
        project.ok("git", "add", "notebooks/example.ipynb")


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
        ("data/synthetic.duckdb", True),
        ("analysis/scratch.duckdb", True),
        ("data/.gitkeep", False),
        ("tests/backtests/expected/ae_attendances_by_provider.csv", False),
        (".env.example", False),
    ],
)
def test_git_ignores_data_and_secrets(project, relative, ignored):
    result = project.run("git", "check-ignore", "--no-index", "--quiet", relative)
    assert (result.returncode == 0) is ignored
