"""Quick tier: bake every option value and hostile answers, and check what comes out.

These tests look at files; the full tier (test_generated_project.py) runs each project's own checks.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from nhs_rap.template import load_hook, template_config
from tests.bakery import (
    PROJECT_TEMPLATE,
    choice_options,
    expected_files,
    leftover_template_syntax,
    load_json,
    maximal_variant,
    one_value_at_a_time,
    project_files,
    run_cli,
    run_plain_cookiecutter,
    text_files,
    tree_contents,
)

JINJA_SYNTAX = re.compile(r"\{\{|\{%|\{#")
VARIANTS = [*one_value_at_a_time(), maximal_variant()]


def variant_id(variant: dict[str, str]) -> str:
    return ",".join(f"{key}={value}" for key, value in variant.items()) or "defaults"


@pytest.fixture(scope="module", params=VARIANTS, ids=[variant_id(v) for v in VARIANTS])
def baked(request, cookies_session):
    result = cookies_session.bake(extra_context=request.param)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    return result


def test_bake_contains_exactly_the_expected_files(baked):
    context = baked.context
    assert project_files(baked.project_path) == expected_files(context, context["package_name"])


def test_bake_leaves_no_template_syntax(baked):
    assert leftover_template_syntax(baked.project_path) == []


def test_bake_files_parse(baked):
    for path in text_files(baked.project_path):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ipynb" or path.name == ".secrets.baseline":
            load_json(path)


def test_git_repository_matches_the_answer(baked):
    project = baked.project_path
    if baked.context["init_git"] == "no":
        assert not (project / ".git").exists()
        return
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=project, capture_output=True, text=True, check=True
    )
    assert log.stdout.splitlines() == ["Start project from cookiecutter-nhs-rap"]
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == "", "every generated file is committed and none is ignored"
    branch = subprocess.run(
        ["git", "branch", "--show-current"], cwd=project, capture_output=True, text=True, check=True
    )
    assert branch.stdout.strip() == "main"


def pinned_tools(context) -> set[str]:
    """The exact tool pins a project gets: the template's `_pins` and nhs-rap's own release."""
    pins = {f"{name}=={version}" for name, version in context["_pins"].items()}
    return pins | {f"nhs-rap=={context['_nhs_rap_version']}"}


def test_pyproject_describes_the_choices(baked):
    context = baked.context
    pyproject = tomllib.loads((baked.project_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == context["project_slug"]
    assert pyproject["project"]["requires-python"] == f">={context['python_version']}"
    assert pyproject["project"]["license"].startswith(context["licence"])
    pins = pinned_tools(context)
    assert set(pyproject["dependency-groups"]["dev"]) == pins


def test_hook_pins_match_the_dependency_group(baked):
    config = yaml.safe_load(
        (baked.project_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    )
    pins = pinned_tools(baked.context)
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] in {"python", "fail"}
        assert set(hook.get("additional_dependencies", [])) <= pins
    assert all(repo["repo"] == "local" for repo in config["repos"]), (
        "hooks must not clone from GitHub"
    )


def test_licence_names_the_holder(baked):
    licence = (baked.project_path / "LICENSE").read_text(encoding="utf-8")
    assert baked.context["copyright_holder"] in licence
    marker = {
        "MIT": "MIT License",
        "Apache-2.0": "Apache License",
        "GPL-3.0": "GNU GENERAL PUBLIC LICENSE",
    }
    assert marker[baked.context["licence"]] in licence


HOSTILE_NAMES = [
    "St Mary's Hospital (A&E) analysis",
    "Ysbyty Gwynedd: amseroedd aros ŵyr ac âr",
    'Quotes "double" and \\ backslash',
    "{{ 7*7 }} {% raw %} literal braces",
    "Trailing spaces and dots...  ",
    "2024 winter pressures",
    "<script>alert(1)</script> & #hash * _under_",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_bake_valid_projects_through_the_cli(name, tmp_path):
    result = run_cli(
        "new",
        "--no-input",
        f"project_name={name}",
        f"description={name}",
        f"organisation={name}",
        f"copyright_holder={name}",
        "init_git=no",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (project,) = tmp_path.iterdir()
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == name
    mkdocs = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == name
    package = pyproject["project"]["scripts"][pyproject["project"]["name"]].split(".")[0]
    imported = subprocess.run(
        [sys.executable, "-c", f"import {package}"],
        cwd=project / "src",
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


REFUSED_ANSWERS = [
    ("project_slug=CON", "reserved device name on Windows"),
    ("project_slug=nul.txt", "reserved device name on Windows"),
    ("project_slug=a/b", "cannot be in a folder name"),
    ("project_slug=..\\evil", "cannot be in a folder name"),
    ("project_slug=trailing.", "ends with a dot"),
    ("project_slug=has space", "cannot be in a folder name"),
    ("project_name=!!!", "project_slug is empty"),
    ("package_name=class", "is a Python keyword"),
    ("package_name=statistics", "would hide the module"),
    ("package_name=pandas", "would hide the module"),
    ("package_name=My-Package", "not a valid Python package name"),
    ("package_name=9lives", "not a valid Python package name"),
    ("contact_email=not-an-email", "does not look like an email address"),
    ("data_source=oracle", "data_source 'oracle' is not one of the choices"),
    ("project_name=line one\nline two", "must be one line"),
    ("organisation=", "organisation is empty"),
]


def refused_combinations() -> list[tuple[list[str], str]]:
    """Every combination the pre-generation hook's table refuses, value by value, as CLI answers.

    Read from the hook's own table, so a refusal added there is tested here without more code.
    """
    hook = load_hook("pre_gen_project")
    table = hook.refused_combinations(template_config(), choice_options()["python_version"])
    cases = []
    for refused in table:
        for values in itertools.product(*refused.when.values()):
            answers = dict(zip(refused.when, values, strict=True))
            message = refused.reason.format(**answers).split(";")[0]
            cases.append(([f"{option}={value}" for option, value in answers.items()], message))
    return cases


@pytest.mark.parametrize(
    ("answers", "message"), [*[([a], m) for a, m in REFUSED_ANSWERS], *refused_combinations()]
)
def test_cli_refuses_bad_answers_with_one_line_and_leaves_nothing(answers, message, tmp_path):
    result = run_cli("new", "--no-input", *answers, "-o", str(tmp_path / "out"), cwd=tmp_path)

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and message in lines[0]
    assert list(tmp_path.iterdir()) == [], "a refused bake must leave nothing behind"


@pytest.mark.parametrize(("answer", "message"), REFUSED_ANSWERS[:4])
def test_plain_cookiecutter_refuses_with_the_same_message(answer, message, tmp_path):
    result = run_plain_cookiecutter("--no-input", answer, "-o", str(tmp_path), cwd=tmp_path)

    assert result.returncode != 0
    assert result.stderr.startswith("Error: ") and message in result.stderr.splitlines()[0]
    leftovers = [path for path in tmp_path.rglob("*") if not path.is_dir()]
    assert leftovers == [], (
        "no file may be left (a slug with a separator can leave an empty folder)"
    )


def test_cli_and_plain_cookiecutter_make_identical_projects(tmp_path):
    answers = [
        "project_name=St Mary's (A&E) ŵ",
        "licence=Apache-2.0",
        "git_platform=gitlab",
        "init_git=no",
    ]
    via_cli = tmp_path / "cli"
    via_cookiecutter = tmp_path / "cookiecutter"
    assert run_cli("new", "--no-input", *answers, "-o", str(via_cli), cwd=tmp_path).returncode == 0
    assert (
        run_plain_cookiecutter(
            "--no-input", *answers, "-o", str(via_cookiecutter), cwd=tmp_path
        ).returncode
        == 0
    )

    (cli_project,) = via_cli.iterdir()
    (plain_project,) = via_cookiecutter.iterdir()
    assert cli_project.name == plain_project.name
    assert tree_contents(cli_project) == tree_contents(plain_project)


def test_cli_takes_template_syntax_literally_where_cookiecutter_renders_it(tmp_path):
    assert (
        run_cli(
            "new", "--no-input", "project_name={{ 7*7 }} beds", "init_git=no", cwd=tmp_path
        ).returncode
        == 0
    )
    (project,) = tmp_path.iterdir()
    assert project.name == "7-7-beds"
    mkdocs = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == "{{ 7*7 }} beds"


def test_copy_without_render_lists_exactly_the_files_without_template_syntax():
    """Static files skip Jinja (a faster bake); a file that gains Jinja must leave the list."""
    listed = set(template_config()["_copy_without_render"])
    static = {
        path.relative_to(PROJECT_TEMPLATE).as_posix()
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.is_file() and not JINJA_SYNTAX.search(path.read_text(encoding="utf-8"))
    }
    assert listed - static == set(), "these files use Jinja: remove them from _copy_without_render"
    assert static - listed == set(), "these files have no Jinja: add them to _copy_without_render"
