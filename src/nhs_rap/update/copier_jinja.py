"""Let copier render the cookiecutter template exactly as cookiecutter does.

``copier.yml`` names :class:`CookiecutterBridge` in ``_jinja_extensions``. The bridge reads the
template it is rendering (copier's loader is rooted there) and gives copier's Jinja environment
what cookiecutter's has: cookiecutter's own extensions (``slugify``, ``{% now %}``...) and the
template's ``_extensions``, a ``cookiecutter`` mapping of the answers and private settings, the
``_copy_without_render`` files left unrendered, and the hooks' rules for validation and for the
files each answer drops. Nothing here restates a rule: every rule is read from the template.

Copier must therefore run with ``nhs-rap`` installed beside it (``uv tool install copier --with
nhs-rap``), which also brings cookiecutter, so both engines share one implementation of each filter.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from cookiecutter.environment import StrictEnvironment
from cookiecutter.generate import is_copy_only_path
from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

from nhs_rap.template import load_hook

PROJECT_FOLDER = "{{cookiecutter.project_slug}}"


def template_root(environment: Environment) -> Path:
    """The template folder copier is rendering: its loader searches there first."""
    search_path = getattr(environment.loader, "searchpath", None)
    if not search_path:
        raise RuntimeError("CookiecutterBridge needs copier's file-system template loader.")
    return Path(search_path[0])


def cookiecutter_extensions(root: Path, config: Mapping[str, Any]) -> list[type[Extension]]:
    """The extension classes cookiecutter would load for this template, its own ones included."""
    sys.path.insert(0, str(root))
    sys.modules.pop("local_extensions", None)  # another release's module may be cached
    try:
        environment = StrictEnvironment(context={"cookiecutter": dict(config)})
    finally:
        sys.path.remove(str(root))
    return [type(extension) for extension in environment.extensions.values()]


class CookiecutterBridge(Extension):
    """Makes copier's Jinja environment behave as cookiecutter's for this template."""

    def __init__(self, environment: Environment) -> None:
        """Load the template's settings, extensions and hooks into ``environment``."""
        super().__init__(environment)
        root = template_root(environment)
        # cookiecutter renders from the project folder with `../templates` for includes.
        environment.loader.searchpath += [str(root / PROJECT_FOLDER), str(root / "templates")]
        self.config: dict[str, Any] = json.loads(
            (root / "cookiecutter.json").read_text(encoding="utf-8")
        )
        self.pending_extensions = cookiecutter_extensions(root, self.config)
        self.rules: ModuleType = load_hook("pre_gen_project", root)
        self.finishing: ModuleType = load_hook("post_gen_project", root)
        environment.globals.update(
            cookiecutter_context=self.cookiecutter_context,
            template_problem=self.template_problem,
            unwanted_paths=self.unwanted_paths,
        )

    def answers(self, context: Context) -> dict[str, Any]:
        """The answers given so far, by cookiecutter option name."""
        return {name: context[name] for name in self.option_names() if name in context}

    def option_names(self) -> list[str]:
        """The questions of the one options table (private settings start with ``_``)."""
        return [name for name in self.config if not name.startswith("_")]

    def private_settings(self) -> dict[str, Any]:
        """The settings cookiecutter passes to templates unasked, such as the tool pins."""
        return {name: value for name, value in self.config.items() if name.startswith("_")}

    @pass_context
    def cookiecutter_context(self, context: Context) -> str:
        """JSON for the ``cookiecutter`` variable: private settings overlaid with the answers."""
        return json.dumps({**self.private_settings(), **self.answers(context)})

    @pass_context
    def template_problem(self, context: Context, field: str) -> str:
        """The pre-generation hook's message about ``field``, or "" when its answer is fine.

        Copier validates each answer as it is given, so only the messages about that answer are
        shown at its question; every message of the hook starts with the option it is about.
        """
        answers = {**self.private_settings(), **self.answers(context)}
        choices = self.rules.choice_lists(self.config)
        for check in (lambda given: self.rules.check_choices(given, choices), *self.rules.CHECKS):
            problem = check(answers)
            if problem and problem.startswith(f"{field} "):
                return str(problem)
        return ""

    @pass_context
    def unwanted_paths(self, context: Context) -> str:
        """The files the answers do not use, one a line, for copier's ``_exclude``.

        Each is anchored at the project's root: ``.gitlab/renovate.json`` stays when the root's
        ``renovate.json`` goes.
        """
        return "\n".join(
            f"/{path}" for path in self.finishing.unwanted_paths(self.answers(context))
        )

    def add_cookiecutter_extensions(self) -> None:
        """Add cookiecutter's extensions, once the environment can take them.

        Jinja builds the environment's extension table after every extension named in copier's
        settings has started, so they are added at the first template, before it is parsed.
        """
        while self.pending_extensions:
            extension = self.pending_extensions.pop()
            if extension.identifier not in self.environment.extensions:
                self.environment.add_extension(extension)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Leave ``_copy_without_render`` files as they are, as cookiecutter copies them."""
        self.add_cookiecutter_extensions()
        if not name or not name.startswith(f"{PROJECT_FOLDER}/"):
            return source
        relative = name.removeprefix(f"{PROJECT_FOLDER}/")
        if not is_copy_only_path(relative, {"cookiecutter": self.config}):
            return source
        if "{% endraw %}" in source:
            raise ValueError(f"{name} is copied without rendering but contains '{{% endraw %}}'.")
        return "{% raw %}" + source + "{% endraw %}"
