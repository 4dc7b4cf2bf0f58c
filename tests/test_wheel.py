"""The published package: its wheel carries the whole template, and bakes offline once installed."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.bakery import PROJECT_TEMPLATE, TEMPLATE_ROOT, subprocess_env, tree_contents

pytestmark = pytest.mark.full

TEMPLATE_PARTS = [
    "cookiecutter.json",
    "local_extensions.py",
    "hooks",
    "templates",
    PROJECT_TEMPLATE.name,
]


def template_files() -> set[str]:
    """Every file of the template as it is in the repository, relative to the repository root."""
    files = set()
    for part in TEMPLATE_PARTS:
        path = TEMPLATE_ROOT / part
        candidates = [path] if path.is_file() else path.rglob("*")
        files |= {
            item.relative_to(TEMPLATE_ROOT).as_posix()
            for item in candidates
            if item.is_file() and "__pycache__" not in item.parts
        }
    return files


def test_wheel_carries_the_whole_template(wheelhouse):
    (wheel,) = wheelhouse.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = {name for name in template_files() if f"nhs_rap/template/{name}" not in names}
    assert missing == set()


def test_sdist_carries_the_whole_template(wheelhouse):
    (sdist,) = wheelhouse.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert template_files() - names == set()


def test_installed_wheel_bakes_the_same_project_as_the_clone(wheelhouse, tmp_path):
    venv = tmp_path / "venv"
    env = subprocess_env({"UV_PYTHON_DOWNLOADS": "never"})
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(["python", "-m", "uv", "venv", "--quiet", str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    (wheel,) = wheelhouse.glob("*.whl")
    subprocess.run(
        ["python", "-m", "uv", "pip", "install", "--quiet", "--python", str(python), str(wheel)],
        check=True,
        env=env,
    )
    where = subprocess.run(
        [str(python), "-c", "from nhs_rap.template import template_dir; print(template_dir())"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), "the wheel must use its own template"

    answers = ["--no-input", "project_name=Bed occupancy", "init_git=no"]
    for folder, command in (
        ("installed", [str(venv / "bin" / "nhs-rap"), "new"]),
        ("clone", [sys.executable, "-m", "nhs_rap", "new"]),
    ):
        subprocess.run(
            [*command, *answers, "-o", str(tmp_path / folder)],
            check=True,
            env=env,
            capture_output=True,
        )
    installed = tree_contents(tmp_path / "installed" / "bed-occupancy")
    assert installed == tree_contents(tmp_path / "clone" / "bed-occupancy")
