"""Find the cookiecutter template, whether nhs-rap runs from a wheel or from a clone.

The wheel carries the template under ``nhs_rap/template``; in a clone (or an editable install)
the template is the repository root itself. Either way there is exactly one copy of it.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from types import ModuleType

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "template", _PACKAGE_DIR.parents[1])


@cache
def template_dir() -> Path:
    """The folder holding ``cookiecutter.json``, the hooks and the project template."""
    for candidate in _CANDIDATES:
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    searched = ", ".join(str(path) for path in _CANDIDATES)
    raise FileNotFoundError(
        f"The nhs-rap template is missing (looked in {searched}); reinstall nhs-rap."
    )


@cache
def template_config() -> dict[str, object]:
    """The parsed ``cookiecutter.json``: the one list of options, choices and defaults."""
    return json.loads((template_dir() / "cookiecutter.json").read_text(encoding="utf-8"))


def option_names() -> list[str]:
    """The options an analyst can answer (private settings start with an underscore)."""
    return [name for name in template_config() if not name.startswith("_")]


def template_version() -> str:
    """The template's release, which generated projects pin for ``nhs-rap``."""
    return str(template_config()["_nhs_rap_version"])


@cache
def load_hook(name: str, folder: Path | None = None) -> ModuleType:
    """Import a hook (e.g. ``pre_gen_project``) unrendered, to reuse its rules and manifest.

    ``folder`` is another copy of the template, such as an older release being updated from.
    """
    path = (folder or template_dir()) / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"nhs_rap_hook_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"Cannot load the template hook {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
