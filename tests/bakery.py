"""Helpers for baking the template in tests and reading what came out.

Kept apart from the tests so that the quick and full tiers bake, list and compare projects the
same way. Expectations about which files exist come from the template tree itself and from the
post-generation hook's manifest, the one list of optional paths.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from nhs_rap.template import load_hook, template_config, template_dir

TEMPLATE_ROOT = template_dir()
PROJECT_TEMPLATE = TEMPLATE_ROOT / "{{cookiecutter.project_slug}}"
LEFTOVER_TEMPLATE_SYNTAX = re.compile(r"(?<!\$)\{\{|\{%|cookiecutter\.")
BINARY_SUFFIXES = {".png", ".ico", ".jpg", ".gz", ".zip"}


def choice_options() -> dict[str, list[str]]:
    """Every multiple-choice option of the template and its values, defaults first."""
    return load_hook("pre_gen_project").choice_lists(template_config())


def defaults() -> dict[str, str]:
    """The answers a bake with no input gives to the multiple-choice options."""
    return {name: values[0] for name, values in choice_options().items()}


def is_allowed(answers: Mapping[str, str]) -> bool:
    """Whether the pre-generation hook accepts this combination of choices."""
    settings = {**template_config(), **defaults(), **answers}
    return load_hook("pre_gen_project").check_combination(settings) is None


def one_value_at_a_time() -> list[dict[str, str]]:
    """A bake per value of every choice, others at their defaults: covers every value once.

    Where a value is only allowed with another (gold needs a hosting platform), the default of
    the other option already allows it; the assertion keeps that true as options grow.
    """
    variants = [{}]
    for name, values in choice_options().items():
        for value in values[1:]:
            variant = {name: value}
            assert is_allowed({**defaults(), **variant}), f"{name}={value} is not allowed alone"
            variants.append(variant)
    return variants


def maximal_variant() -> dict[str, str]:
    """Every optional part switched on."""
    return {
        "include_notebooks": "yes",
        "init_git": "yes",
        "git_platform": "github",
        "rap_target_level": "gold",
    }


def expected_files(answers: Mapping[str, str], package_name: str) -> set[str]:
    """The relative paths a bake with these answers must produce (the .git folder aside)."""
    unwanted = [
        gone.replace("{{cookiecutter.package_name}}", package_name)
        for gone in load_hook("post_gen_project").unwanted_paths(answers)
    ]
    expected = set()
    for path in PROJECT_TEMPLATE.rglob("*"):
        if path.is_dir():
            continue
        relative = path.relative_to(PROJECT_TEMPLATE).as_posix()
        relative = relative.replace("{{cookiecutter.package_name}}", package_name)
        if not any(relative == gone or relative.startswith(f"{gone}/") for gone in unwanted):
            expected.add(relative)
    return expected


def project_files(project: Path) -> set[str]:
    """The relative paths of every file in a baked project, outside .git."""
    return {
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


def text_files(project: Path) -> Iterator[Path]:
    """The project's text files (outside .git)."""
    for relative in sorted(project_files(project)):
        path = project / relative
        if path.suffix.lower() not in BINARY_SUFFIXES:
            yield path


def leftover_template_syntax(project: Path) -> list[str]:
    """Lines still holding Jinja or ``cookiecutter.`` after rendering (GitHub's ``${{`` is fine)."""
    found = []
    for path in text_files(project):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LEFTOVER_TEMPLATE_SYNTAX.search(line):
                found.append(f"{path.relative_to(project)}:{number}: {line.strip()}")
    return found


def tree_contents(project: Path) -> dict[str, bytes]:
    """Every file's bytes, by relative path, for comparing two bakes."""
    return {
        relative: (project / relative).read_bytes() for relative in sorted(project_files(project))
    }


def subprocess_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for commands run as an analyst would run them.

    An analyst's Python caches bytecode; this machine's environment turns that off, which would
    make every subprocess compile its imports afresh and the quick tier crawl.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run_cli(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``nhs-rap`` as an analyst would, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "nhs_rap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=subprocess_env(env),
        check=False,
    )


def run_plain_cookiecutter(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run plain ``cookiecutter`` on the template folder, as from a clone."""
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(TEMPLATE_ROOT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=subprocess_env(),
        check=False,
    )


def _uv_python_find(version: str) -> str | None:
    """Ask uv for an installed interpreter (never downloading one); None if it knows none."""
    result = subprocess.run(
        [sys.executable, "-m", "uv", "python", "find", version],
        capture_output=True,
        text=True,
        check=False,
        env=subprocess_env({"UV_PYTHON_DOWNLOADS": "never"}),
    )
    return result.stdout.strip() or None if result.returncode == 0 else None


def interpreter_for(version: str) -> str | None:
    """A working Python ``version`` interpreter on this machine, or None.

    uv cannot download interpreters here (no GitHub), and pyenv's shims only answer for the
    active version, so look for real executables.
    """
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        str(p) for p in pyenv_root.glob(f"versions/{version}.*/bin/python{version}")
    )
    candidates += [f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    candidates.append(_uv_python_find(version))  # Windows has no python3.X programs; uv knows
    for candidate in filter(None, candidates):
        try:
            result = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                check=False,
                timeout=30,
            )
        except OSError:
            continue
        if result.returncode == 0 and result.stdout.strip() == version:
            return candidate
    return None


def load_json(path: Path) -> object:
    """Parse a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))
