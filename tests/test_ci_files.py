"""Quick tier: the generated CI files and the template's own workflows are valid, safe and honest.

Valid: each file passes its platform's JSON schema, using the schemas that check-jsonschema ships
(no network). Safe: zizmor, offline, finds nothing in the GitHub workflows and Dependabot file.
Honest: every command a pipeline runs is one the generated README documents (the full tier runs
those commands), the matrix covers exactly the Python versions the project supports, the audit
step aims at the level chosen, and the scheduled run and the docs switch do what the README says.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from nhs_rap.template import template_config
from tests.bakery import choice_options, is_allowed, run_cli

BIN = Path(sys.executable).parent
REPO_WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
OWN_WORKFLOWS = ["tests.yml", "release.yml"]
HOSTED = [platform for platform in choice_options()["git_platform"] if platform != "none"]

# Where each platform's CI and dependency-update settings live, and the schema that checks them.
PLATFORM_FILES = {
    "github": {
        ".github/workflows/ci.yml": "vendor.github-workflows",
        ".github/workflows/run-pipeline.yml": "vendor.github-workflows",
        ".github/dependabot.yml": "vendor.dependabot",
    },
    "gitlab": {".gitlab-ci.yml": "vendor.gitlab-ci", ".gitlab/renovate.json": "vendor.renovate"},
    "azure-devops": {
        "azure-pipelines.yml": "vendor.azure-pipelines",
        "renovate.json": "vendor.renovate",
    },
}
CI_FILE_PATTERNS = [
    ".github/workflows/*",
    ".github/dependabot.yml",
    ".gitlab-ci.yml",
    "**/renovate.json",
    "azure-pipelines.yml",
]
# Lines that prepare the CI machine rather than run the project (pointing at the runner's Java,
# installing a system package only where it is missing): an analyst's laptop is set up once, by
# the README's prerequisites, not by a command of the project.
RUNNER_SETUP = re.compile(r'>>\s*"?\$GITHUB_(?:ENV|PATH)"?\s*$|^command -v [\w-]+ \|\| ')
GITLAB_RESERVED = {
    "workflow",
    "variables",
    "stages",
    "default",
    "include",
    "image",
    "cache",
    "before_script",
    "after_script",
    "services",
}


@pytest.fixture(
    scope="module",
    params=[
        *(
            (platform, source, "pandas")
            for platform in choice_options()["git_platform"]
            for source in choice_options()["data_source"]
        ),
        # pyspark projects add Java and a Spark Connect run, and test only Databricks' Python.
        *((platform, "synthetic", "pyspark") for platform in HOSTED),
        ("github", "databricks-sql", "pyspark"),
    ],
    ids="-".join,
)
def baked(request, cookies_session):
    """A project per platform and data source (and pyspark ones), gold where allowed; on 3.12,
    so the matrix must skip 3.11."""
    platform, source, backend = request.param
    answers = {
        "git_platform": platform,
        "data_source": source,
        "compute_backend": backend,
        "rap_target_level": "gold",
        "python_version": "3.12",
    }
    if not is_allowed(answers):
        answers["rap_target_level"] = "silver"
    result = cookies_session.bake(extra_context=answers)
    assert result.exception is None, result.exception
    return result.project_path, result.context


def ci_files(project: Path) -> set[str]:
    return {
        path.relative_to(project).as_posix()
        for pattern in CI_FILE_PATTERNS
        for path in project.glob(pattern)
        if path.is_file()
    }


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_tool(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def azure_schema(tmp_path: Path) -> Path:
    """The vendored Azure Pipelines schema, plus version 2 of the coverage task.

    The schema check-jsonschema ships predates PublishCodeCoverageResults@2, the current task (it
    marks @1 deprecated). Rather than generate a deprecated step, add @2 to a copy: its entry is
    @1's with @2's inputs, so the step is still checked as strictly as every other.
    """
    from check_jsonschema.builtin_schemas import get_builtin_schema

    schema = get_builtin_schema("vendor.azure-pipelines")
    task = schema["definitions"]["task"]
    (v1,) = [
        entry
        for entry in task["anyOf"]
        if entry.get("properties", {}).get("task", {}).get("pattern")
        == "^PublishCodeCoverageResults@1$"
    ]
    v2 = json.loads(json.dumps(v1))
    v2.pop("deprecationMessage", None)
    v2["doNotSuggest"] = False
    v2["properties"]["task"]["pattern"] = "^PublishCodeCoverageResults@2$"
    v2_inputs = {"summaryFileLocation", "pathToSources", "failIfCoverageEmpty"}
    properties = v2["properties"]["inputs"]["properties"]
    v2["properties"]["inputs"]["properties"] = {key: properties[key] for key in v2_inputs}
    task["anyOf"].append(v2)
    task["properties"]["task"]["anyOf"].append(
        {"ignoreCase": "value", "enum": ["PublishCodeCoverageResults@2"]}
    )
    path = tmp_path / "azure-pipelines-schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def check_schema(path: Path, schema: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema offline with the schema it vendors for this kind of file."""
    if schema == "vendor.azure-pipelines":
        # Microsoft's schema holds patterns that are only valid ECMAScript without the unicode flag.
        chosen = ["--schemafile", str(azure_schema(tmp_path)), "--regex-variant", "nonunicode"]
    else:
        chosen = ["--builtin-schema", schema]
    return run_tool(str(BIN / "check-jsonschema"), *chosen, str(path))


# --- What each platform gets -------------------------------------------------------------------


def test_each_platform_gets_its_ci_and_dependency_updates_and_none_gets_nothing(baked):
    project, context = baked
    assert ci_files(project) == set(PLATFORM_FILES.get(context["git_platform"], {}))


def test_none_readme_says_what_is_lost_and_how_to_add_ci(baked):
    project, context = baked
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "## Continuous integration" in readme
    if context["git_platform"] == "none":
        assert "G2" in readme and "G3" in readme
        assert "To add CI later" in readme
    else:
        assert "To add CI later" not in readme


# --- Schemas and security lint -----------------------------------------------------------------


def test_generated_files_match_their_platform_schema(baked, tmp_path):
    project, context = baked
    for relative, schema in PLATFORM_FILES.get(context["git_platform"], {}).items():
        result = check_schema(project / relative, schema, tmp_path)
        assert result.returncode == 0, f"{relative}:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("name", OWN_WORKFLOWS)
def test_template_workflows_match_the_schema(name, tmp_path):
    result = check_schema(REPO_WORKFLOWS / name, "vendor.github-workflows", tmp_path)
    assert result.returncode == 0, f"{name}:\n{result.stdout}\n{result.stderr}"


def test_schema_check_rejects_a_broken_pipeline(tmp_path):
    """The validators are wired up: a misspelt key in a job is refused on every platform."""
    broken = {
        "github": "on: push\njobs:\n  tests:\n    runs-on: ubuntu-latest\n    stepz: []\n",
        "gitlab": "tests:\n  scriptz: [pytest]\n",
        "azure-devops": "jobs:\n  - job: Tests\n    stepz: []\n",
    }
    schemas = {
        "github": "vendor.github-workflows",
        "gitlab": "vendor.gitlab-ci",
        "azure-devops": "vendor.azure-pipelines",
    }
    for platform, text in broken.items():
        path = tmp_path / f"{platform}.yml"
        path.write_text(text, encoding="utf-8")
        assert check_schema(path, schemas[platform], tmp_path).returncode != 0, platform


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    return run_tool(
        str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "plain", *map(str, paths)
    )


def test_generated_github_files_pass_zizmor(baked):
    project, context = baked
    if context["git_platform"] != "github":
        assert not (project / ".github").exists()
        return
    result = zizmor(project / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_template_workflows_pass_zizmor():
    result = zizmor(*(REPO_WORKFLOWS / name for name in OWN_WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_is_wired_up(tmp_path):
    """An unpinned action that leaves its token in the checkout is reported."""
    workflow = tmp_path / ".github" / "workflows" / "bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    assert zizmor(workflow).returncode != 0


def uses_lines(path: Path) -> list[str]:
    return re.findall(r"^\s*-?\s*uses:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)


def test_every_action_is_pinned_to_a_commit_with_its_version_named(baked):
    project, _ = baked
    workflows = [
        *project.glob(".github/workflows/*.yml"),
        *(REPO_WORKFLOWS / name for name in OWN_WORKFLOWS),
    ]
    for workflow in workflows:
        for uses in uses_lines(workflow):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", uses), (
                f"{workflow.name}: {uses}"
            )


def test_github_workflows_read_only_by_default_and_checkout_keeps_no_token(baked):
    project, _ = baked
    for workflow in [*project.glob(".github/workflows/*.yml"), REPO_WORKFLOWS / "tests.yml"]:
        content = load_yaml(workflow)
        assert content["permissions"] == {"contents": "read"}, workflow.name
        for job in content["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, workflow.name


# --- What the pipelines run --------------------------------------------------------------------


def script_lines(value: object) -> Iterator[str]:
    """The shell commands in a ``run:``/``script:`` value (a string or a list of strings)."""
    for chunk in value if isinstance(value, list) else [value]:
        for line in str(chunk).splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def pipeline_commands(project: Path, platform: str) -> list[str]:
    """Every command the platform's CI files run, in file order."""
    commands: list[str] = []
    if platform == "github":
        for workflow in sorted(project.glob(".github/workflows/*.yml")):
            for job in load_yaml(workflow)["jobs"].values():
                for step in job["steps"]:
                    commands += script_lines(step.get("run", ""))
    elif platform == "gitlab":
        config = load_yaml(project / ".gitlab-ci.yml")
        jobs = {name: job for name, job in config.items() if name not in GITLAB_RESERVED}
        for job in [config.get("default", {}), *jobs.values()]:
            for key in ("before_script", "script", "after_script"):
                commands += script_lines(job.get(key, ""))
    elif platform == "azure-devops":
        for job in load_yaml(project / "azure-pipelines.yml")["jobs"]:
            for step in job["steps"]:
                for key in ("script", "bash", "pwsh", "powershell"):
                    commands += script_lines(step.get(key, ""))
    return commands


def parse_command(command: str) -> tuple[tuple[str, ...], frozenset[tuple[str, str | None]]] | None:
    """Split a command into its words and its options (each with its value, if it has one)."""
    try:
        tokens = shlex.split(command, comments=True)
    except ValueError:
        return None
    words: list[str] = []
    options: set[tuple[str, str | None]] = set()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.startswith("-"):
            name, _, value = token.partition("=")
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if not value and following is not None and not following.startswith("-"):
                value = following
                index += 1
            options.add((name, value or None))
        else:
            words.append(token)
        index += 1
    return (tuple(words), frozenset(options)) if words else None


def readme_commands(project: Path) -> list[str]:
    """The commands the README shows: in its code blocks, its table and its inline code."""
    text = (project / "README.md").read_text(encoding="utf-8")
    # Fences may be indented, as they are inside a numbered step.
    blocks = re.findall(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", text, re.M | re.S)
    prose = re.sub(r"^[ \t]*```.*?^[ \t]*```", "", text, flags=re.M | re.S)
    inline = re.findall(r"`([^`\n]+)`", prose)
    return [
        line.strip() for block in blocks for line in block.splitlines() if line.strip()
    ] + inline


def documented(command: str, documented_commands: list[str]) -> bool:
    """Whether ``command`` is a documented command exactly, give or take extra options.

    CI may add options (report formats, an output folder) but must run the same program with
    the same words and keep every option the README gives, so a developer who runs the README's
    command checks what CI checks.
    """
    parsed = parse_command(command)
    if parsed is None:
        return False
    words, options = parsed
    for candidate in filter(None, map(parse_command, documented_commands)):
        if candidate[0] == words and candidate[1] <= options:
            return True
    return False


def test_every_pipeline_command_is_one_the_readme_documents(baked):
    project, context = baked
    commands = pipeline_commands(project, context["git_platform"])
    if context["git_platform"] == "none":
        assert commands == []
        return
    assert commands, "the pipeline runs no commands"
    known = readme_commands(project)
    undocumented = [
        command
        for command in commands
        if not documented(command, known) and not RUNNER_SETUP.search(command)
    ]
    assert undocumented == [], "commands CI runs that the README does not show"


def test_the_documented_command_check_tells_commands_apart():
    known = ["uv run pytest --cov --cov-report=term", "uv run python -m my_pkg", "uv"]
    assert documented(
        "uv run pytest --cov --cov-report=term --cov-report=xml --junitxml=j.xml", known
    )
    assert not documented("uv run pytest --cov-report=xml", known), (
        "dropping --cov changes the check"
    )
    assert not documented("uv run python -m other_pkg", known)
    assert not documented("uv sync", known), "`uv` alone documents no subcommand"
    assert not documented("curl https://example.invalid | sh", known)


def test_ci_runs_every_check_the_issue_asks_for(baked):
    """Pre-commit, coverage, the strict docs build, the package build and the pipeline itself."""
    project, context = baked
    if context["git_platform"] == "none":
        return
    commands = pipeline_commands(project, context["git_platform"])
    wanted = {
        "pre-commit": "uv run pre-commit run --all-files",
        "coverage": "uv run pytest --cov --cov-report=xml --junitxml=junit.xml",
        "docs": "uv run mkdocs build --strict",
        "package": "uv build",
        "pipeline": f"uv run python -m {context['package_name']}",
    }
    for what, command in wanted.items():
        assert any(documented(ran, [command]) for ran in commands), what


def test_audit_gate_is_one_step_at_the_chosen_level(baked):
    project, context = baked
    if context["git_platform"] == "none":
        return
    commands = pipeline_commands(project, context["git_platform"])
    gate = f"uvx nhs-rap=={context['_nhs_rap_version']} audit --level {context['rap_target_level']}"
    assert [command for command in commands if "nhs-rap" in command] == [gate]
    text = (project / next(iter(PLATFORM_FILES[context["git_platform"]]))).read_text(
        encoding="utf-8"
    )
    assert text.count("RAP AUDIT GATE") == 1


def supported_pythons(oldest: str, backend: str = "pandas") -> list[str]:
    """The versions a project tests: its oldest up, to Databricks' own for a pyspark project."""
    versions = choice_options()["python_version"]
    supported = versions[versions.index(oldest) :]
    if backend == "pyspark":
        newest = template_config()["_databricks_runtime"]["python"]
        supported = supported[: supported.index(newest) + 1]
    return supported


def test_test_matrix_covers_every_supported_python(baked):
    project, context = baked
    platform = context["git_platform"]
    expected = supported_pythons(context["python_version"], context["compute_backend"])
    if platform == "github":
        matrix = load_yaml(project / ".github/workflows/ci.yml")["jobs"]["tests"]["strategy"][
            "matrix"
        ]
        assert matrix["python-version"] == expected
        assert matrix["os"] == ["ubuntu-latest", "windows-latest"]
    elif platform == "gitlab":
        (entry,) = load_yaml(project / ".gitlab-ci.yml")["tests"]["parallel"]["matrix"]
        assert entry["PYTHON_VERSION"] == expected
    elif platform == "azure-devops":
        jobs = {job["job"]: job for job in load_yaml(project / "azure-pipelines.yml")["jobs"]}
        legs = jobs["Tests"]["strategy"]["matrix"].values()
        assert sorted({leg["PYTHON_VERSION"] for leg in legs}) == expected
        assert {leg["imageName"] for leg in legs} == {"ubuntu-latest", "windows-latest"}


def test_template_tests_run_oldest_and_newest_python_on_linux_and_windows():
    workflow = load_yaml(REPO_WORKFLOWS / "tests.yml")
    versions = choice_options()["python_version"]
    matrix = workflow["jobs"]["tests"]["strategy"]["matrix"]
    assert matrix["python-version"] == [versions[0], versions[-1]]
    assert matrix["os"] == ["ubuntu-latest", "windows-latest"]
    assert workflow[True]["schedule"], "a weekly run catches breakage from new upstream releases"


def test_release_publishes_with_trusted_publishing_on_a_version_tag():
    workflow = load_yaml(REPO_WORKFLOWS / "release.yml")
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert any(
        step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in publish["steps"]
    )
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "uv build" in runs
    assert any("twine check" in run for run in runs)


# --- The scheduled run and the docs switch -----------------------------------------------------


def test_pipeline_runs_on_a_schedule_and_by_hand_and_keeps_its_outputs(baked):
    project, context = baked
    platform = context["git_platform"]
    if platform == "github":
        workflow = load_yaml(project / ".github/workflows/run-pipeline.yml")
        triggers = workflow[True]  # PyYAML reads the key `on` as True
        assert set(triggers) == {"schedule", "workflow_dispatch"}
        assert len(triggers["schedule"]) == 1, "the schedule is set in one place"
        kept = [
            step["with"]["path"]
            for step in workflow["jobs"]["run-pipeline"]["steps"]
            if step.get("uses", "").startswith("actions/upload-artifact@")
        ]
        assert any("outputs/" in path for path in kept) and any(
            "outputs/logs" in path for path in kept
        )
    elif platform == "gitlab":
        job = load_yaml(project / ".gitlab-ci.yml")["run-pipeline"]
        sources = {rule["if"].split(" && ")[-1] for rule in job["rules"]}
        assert sources == {'$CI_PIPELINE_SOURCE == "schedule"', '$CI_PIPELINE_SOURCE == "web"'}
        assert job["artifacts"]["paths"] == ["outputs/"] and job["artifacts"]["when"] == "always"
    elif platform == "azure-devops":
        pipeline = load_yaml(project / "azure-pipelines.yml")
        assert len(pipeline["schedules"]) == 1, "the schedule is set in one place"
        job = next(job for job in pipeline["jobs"] if job["job"] == "RunPipeline")
        assert "'Schedule'" in job["condition"] and "'Manual'" in job["condition"]
        kept = [step for step in job["steps"] if step.get("task") == "PublishPipelineArtifact@1"]
        assert kept[0]["inputs"]["targetPath"] == "outputs"


# The secret each warehouse reads, as the generated config.py names it (UDAL signs in by window).
SECRETS = {"sql-server": "SQL_SERVER_PASSWORD", "udal": None, "databricks-sql": "DATABRICKS_TOKEN"}


def test_every_source_has_its_secret_named_here():
    assert set(SECRETS) == set(choice_options()["data_source"]) - {"synthetic"}


def test_warehouse_runs_only_where_the_data_is_with_its_secret_and_a_connection_check(baked):
    """A hosted runner cannot reach a warehouse: the run waits for a runner inside the network.

    Until the platform's setting names that runner the job is skipped, so the
    schedule never fails every night for want of one; once it runs, it checks the connection
    first and gets the secret from the platform's secret store, never from the file.
    """
    project, context = baked
    platform, source = context["git_platform"], context["data_source"]
    package = context["package_name"]
    if platform == "none":
        return
    if platform == "github":
        job = load_yaml(project / ".github/workflows/run-pipeline.yml")["jobs"]["run-pipeline"]
        runner, gate = job["runs-on"], job.get("if")
        steps = [step for step in job["steps"] if "run" in step]
        environments = [step.get("env", {}) for step in steps if "uv run python -m" in step["run"]]
        commands = [step["run"] for step in steps]
    elif platform == "gitlab":
        job = load_yaml(project / ".gitlab-ci.yml")["run-pipeline"]
        runner = job.get("tags")
        gate = all("$PIPELINE_RUNNER_TAG" in rule["if"] for rule in job["rules"])
        commands, environments = job["script"], []
    else:
        jobs = load_yaml(project / "azure-pipelines.yml")["jobs"]
        job = next(job for job in jobs if job["job"] == "RunPipeline")
        runner, gate = job["pool"], "variables['DATA_AGENT_POOL']" in job["condition"]
        steps = [step for step in job["steps"] if "script" in step]
        environments = [
            step.get("env", {}) for step in steps if "uv run python -m" in step["script"]
        ]
        commands = [step["script"] for step in steps]
    run = f"uv run python -m {package}"
    if source == "synthetic":
        assert runner in ("ubuntu-latest", None, {"vmImage": "ubuntu-latest"})
        assert not gate
        assert f"{run} check-connection" not in commands
        return
    assert runner not in ("ubuntu-latest", None, {"vmImage": "ubuntu-latest"}), runner
    assert gate, "the warehouse run must wait until a runner that can reach the data is named"
    assert commands.index(f"{run} check-connection") < commands.index(run)
    text = (project / "docs/data-sources/scheduled-runs.md").read_text(encoding="utf-8")
    secret = SECRETS[source]
    if secret:
        assert secret in text
        if platform != "gitlab":  # GitLab passes masked CI/CD variables to every job itself
            assert environments and all(secret in env for env in environments)


def test_docs_publishing_is_off_unless_switched_on(baked):
    project, context = baked
    platform = context["git_platform"]
    readme = (project / "README.md").read_text(encoding="utf-8")
    if platform == "github":
        job = load_yaml(project / ".github/workflows/ci.yml")["jobs"]["publish-docs"]
        assert "vars.PUBLISH_DOCS == 'true'" in job["if"]
        assert "PUBLISH_DOCS" in readme
    elif platform == "gitlab":
        config = load_yaml(project / ".gitlab-ci.yml")
        assert config["variables"]["PUBLISH_DOCS"]["value"] == "false"
        (rule,) = config["pages"]["rules"]
        assert rule["if"].startswith('$PUBLISH_DOCS == "true"')
        assert "PUBLISH_DOCS" in readme
    elif platform == "azure-devops":
        pipeline = load_yaml(project / "azure-pipelines.yml")
        (parameter,) = pipeline["parameters"]
        assert parameter["default"] == "no"
        job = next(job for job in pipeline["jobs"] if job["job"] == "PublishDocs")
        assert f"parameters.{parameter['name']}" in job["condition"]
        assert parameter["name"] in readme


def test_generated_ci_meets_the_audits_ci_and_schedule_checks(baked):
    """The audit, run as an analyst would, finds the CI (G2) and the scheduled run (G3)."""
    project, context = baked
    result = run_cli(
        "audit",
        "--format",
        "json",
        "--level",
        context["rap_target_level"],
        str(project),
        cwd=project,
    )
    report = json.loads(result.stdout)
    status = {check["id"]: check["status"] for check in report["checks"]}
    ci_checks = ["RAP-G2.1", "RAP-G2.2", "RAP-G3.1"]
    if context["git_platform"] == "none":
        assert status["RAP-G2.1"] == "failed"
    else:
        assert [status[check] for check in ci_checks] == ["passed"] * 3


# --- Dependency updates ------------------------------------------------------------------------


def test_renovate_updates_every_pre_commit_pin_with_its_pyproject_pin(baked):
    project, context = baked
    if context["git_platform"] not in {"gitlab", "azure-devops"}:
        return
    relative = ".gitlab/renovate.json" if context["git_platform"] == "gitlab" else "renovate.json"
    config = json.loads((project / relative).read_text(encoding="utf-8"))
    (manager,) = config["customManagers"]
    pre_commit = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    (pattern,) = manager["matchStrings"]
    found = {match["depName"] for match in re.finditer(pattern.replace("(?<", "(?P<"), pre_commit)}
    pinned = {
        dependency.split("==")[0]
        for hook in load_yaml(project / ".pre-commit-config.yaml")["repos"][0]["hooks"]
        for dependency in hook.get("additional_dependencies", [])
    }
    assert pinned and found == pinned
    (group,) = [rule for rule in config["packageRules"] if "groupName" in rule]
    assert set(group["matchPackageNames"]) == set(context["_pins"])


def test_dependabot_updates_uv_and_actions(baked):
    project, context = baked
    if context["git_platform"] != "github":
        return
    updates = load_yaml(project / ".github/dependabot.yml")["updates"]
    assert {update["package-ecosystem"] for update in updates} == {"uv", "github-actions"}


def test_docs_builds_in_ci_hide_materials_end_of_life_notice(baked):
    """Each pipeline that runs mkdocs sets NO_MKDOCS_2_WARNING for the whole file."""
    project, _ = baked
    for relative in ci_files(project):
        text = (project / relative).read_text(encoding="utf-8")
        if "mkdocs build" in text:
            variables = load_yaml(project / relative).get(
                "env" if relative.startswith(".github") else "variables", {}
            )
            assert variables.get("NO_MKDOCS_2_WARNING") == "1", relative


def test_own_docs_workflow_hides_materials_end_of_life_notice():
    workflow = load_yaml(REPO_WORKFLOWS / "docs.yml")
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"
