"""Quick tier: copier and cookiecutter build byte-identical projects from the one template.

``copier.yml`` is generated from ``cookiecutter.json``; these tests prove it is up to date, that
copier asks every option with the same choices, applies the hooks' rules and leaves nothing behind
on a bad answer, and that both engines write the same bytes for every option value.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import copier
import pytest
import yaml
from cookiecutter.main import cookiecutter

from nhs_rap.links import REPO_URL
from nhs_rap.template import option_names, template_config
from nhs_rap.update.copier_config import main as copier_config_main
from nhs_rap.update.copier_config import render
from tests.bakery import (
    TEMPLATE_ROOT,
    load_json,
    maximal_variant,
    one_value_at_a_time,
    tree_contents,
)

VARIANTS = [*one_value_at_a_time(), maximal_variant()]
TEMPLATE_PARTS = ("cookiecutter.json", "copier.yml", "local_extensions.py", "hooks", "templates")


def variant_id(variant: dict[str, str]) -> str:
    return ",".join(f"{key}={value}" for key, value in variant.items()) or "defaults"


@pytest.fixture(scope="module")
def template_copy(tmp_path_factory):
    """The template as the wheel ships it: a plain folder, not a git checkout."""
    folder = tmp_path_factory.mktemp("template")
    for part in (*TEMPLATE_PARTS, "{{cookiecutter.project_slug}}"):
        source = TEMPLATE_ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    return folder


def copier_bake(template, destination, answers):
    copier.run_copy(
        str(template),
        str(destination),
        data=answers,
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    return destination


def cookiecutter_bake(template, output_dir, answers):
    return Path(
        cookiecutter(
            str(template), no_input=True, extra_context=answers, output_dir=str(output_dir)
        )
    )


def test_copier_yml_is_generated_from_cookiecutter_json(capsys):
    assert copier_config_main(["--check"]) == 0, capsys.readouterr().err


def test_the_check_mode_reports_a_stale_file_and_changes_nothing(tmp_path, capsys):
    stale = tmp_path / "copier.yml"
    stale.write_text("# old\n", encoding="utf-8")
    assert copier_config_main(["--check", "--file", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == "# old\n"
    assert copier_config_main(["--file", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == render(template_config())
    assert copier_config_main(["--check", "--file", str(stale)]) == 0


def test_help_writes_nothing(tmp_path):
    target = tmp_path / "copier.yml"
    with pytest.raises(SystemExit) as stopped:
        copier_config_main(["--help", "--file", str(target)])
    assert stopped.value.code == 0
    assert not target.exists()


def test_copier_asks_every_option_with_the_same_choices():
    questions = yaml.safe_load((TEMPLATE_ROOT / "copier.yml").read_text(encoding="utf-8"))
    asked = [name for name, entry in questions.items() if not name.startswith("_")]
    assert asked[:-1] == option_names()
    assert questions["cookiecutter"]["when"] is False
    for name, value in template_config().items():
        if isinstance(value, list) and not name.startswith("_"):
            assert list(questions[name]["choices"].values()) == value
            assert questions[name]["default"] == value[0]


def test_recorded_source_is_the_project_repository():
    assert template_config()["_template_repository"] == REPO_URL


@pytest.mark.parametrize("variant", VARIANTS, ids=[variant_id(v) for v in VARIANTS])
def test_copier_and_cookiecutter_write_the_same_bytes(variant, template_copy, tmp_path):
    """Byte for byte outside .git; the .git folders differ only by commit times."""
    by_cookiecutter = cookiecutter_bake(template_copy, tmp_path / "cookiecutter", variant)
    by_copier = copier_bake(template_copy, tmp_path / "copier" / by_cookiecutter.name, variant)
    assert tree_contents(by_copier) == tree_contents(by_cookiecutter)
    assert first_commit_tree(by_copier) == first_commit_tree(by_cookiecutter)


def first_commit_tree(project: Path) -> str | None:
    """The hash of the first commit's files (the same files give the same hash), if any."""
    if not (project / ".git").exists():
        return None
    return subprocess.run(
        ["git", "rev-parse", "HEAD^{tree}"], cwd=project, capture_output=True, text=True
    ).stdout.strip()


def test_copier_records_every_answer(template_copy, tmp_path):
    project = copier_bake(template_copy, tmp_path / "ae-waits", {"project_name": "A&E waits"})
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert recorded["_commit"] == f"v{template_config()['_nhs_rap_version']}"
    assert set(recorded) - {"_commit", "_src_path"} == set(option_names())
    cruft = load_json(project / ".cruft.json")
    answers = {key: value for key, value in recorded.items() if not key.startswith("_")}
    assert {k: v for k, v in cruft["context"]["cookiecutter"].items() if k[0] != "_"} == answers
    assert cruft["skip"] == template_config()["_team_owned"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_slug": "con"}, "project_slug 'con' is a reserved device name on Windows"),
        (
            {"rap_target_level": "gold", "git_platform": "none"},
            "rap_target_level 'gold' needs continuous integration",
        ),
        ({"contact_email": "not an address"}, "contact_email 'not an address' does not look"),
    ],
)
def test_copier_applies_the_hooks_rules_and_leaves_nothing(
    answers, message, template_copy, tmp_path
):
    destination = tmp_path / "project"
    with pytest.raises(ValueError, match=message):
        copier_bake(template_copy, destination, answers)
    assert not destination.exists()


def test_wheel_carries_copier_yml(wheelhouse):
    """`copier copy` can use the template inside the installed package, as cookiecutter can."""
    wheel = next(wheelhouse.glob("nhs_rap-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("nhs_rap/template/copier.yml").decode() == render(template_config())
