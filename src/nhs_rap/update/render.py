"""Bake one release of the template with a project's recorded answers, as that release would.

The release's own ``cookiecutter.json``, hooks and Jinja extensions are used, so an old release
renders today exactly as it rendered when the project was made. Hooks run in this process and
only for their file work (the rules and ``remove_unwanted``): starting git or locking
dependencies belongs to the project, not to a snapshot of the template.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cookiecutter.exceptions import CookiecutterException
from cookiecutter.generate import generate_context, generate_files
from cookiecutter.prompt import prompt_for_config

from nhs_rap.new import jinja_literal
from nhs_rap.template import load_hook

# Asks for an answer that the release adds: (option, default, choices or None) -> answer.
Asker = Callable[[str, str, "list[str] | None"], str]


class RenderError(Exception):
    """The recorded answers do not fit this release; the message says what to change."""


@contextlib.contextmanager
def release_importable(template: Path) -> Iterator[None]:
    """Let Jinja import this release's ``local_extensions``, not a copy cached from another."""
    saved = list(sys.path)
    sys.path.insert(0, str(template))
    sys.modules.pop("local_extensions", None)
    try:
        yield
    finally:
        sys.path[:] = saved
        sys.modules.pop("local_extensions", None)


def release_config(template: Path) -> dict[str, Any]:
    """The release's options table."""
    return json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))


def new_options(template: Path, answers: Mapping[str, str]) -> list[str]:
    """The options of this release that the project was never asked."""
    return [name for name in release_config(template) if name[0] != "_" and name not in answers]


def literal(config: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, str]:
    """Answers cookiecutter must take as typed (choices stay bare, to be matched)."""
    return {
        name: value if isinstance(config.get(name), list) else jinja_literal(value)
        for name, value in answers.items()
        if name in config
    }


def complete_answers(template: Path, answers: Mapping[str, str]) -> dict[str, Any]:
    """Every answer this release needs: the recorded ones, then its defaults for the rest."""
    config = release_config(template)
    rules = load_hook("pre_gen_project", template)
    problem = rules.check_choices(answers, rules.choice_lists(config))
    if problem:
        raise RenderError(f"{problem} (this release no longer offers the recorded answer)")
    context = generate_context(
        context_file=str(template / "cookiecutter.json"), extra_context=literal(config, answers)
    )
    with release_importable(template):
        context["cookiecutter"].update(prompt_for_config(context, no_input=True))
    return context


def ask_new_options(template: Path, answers: Mapping[str, str], ask: Asker) -> dict[str, str]:
    """The recorded answers and an answer to each option the release adds (default offered)."""
    defaults = complete_answers(template, answers)["cookiecutter"]
    config = release_config(template)
    given = dict(answers)
    for name in new_options(template, answers):
        choices = config[name] if isinstance(config[name], list) else None
        given[name] = ask(name, str(defaults[name]), choices)
    return given


def render_release(template: Path, answers: Mapping[str, str], output_dir: Path) -> Path:
    """Bake ``template`` with ``answers`` into ``output_dir`` and return the project folder."""
    context = complete_answers(template, answers)
    rules = load_hook("pre_gen_project", template)
    config = release_config(template)
    problem = rules.first_problem(context["cookiecutter"], rules.choice_lists(config))
    if problem:
        raise RenderError(problem)
    context["_cookiecutter"] = {k: v for k, v in config.items() if not k.startswith("_")}
    context["cookiecutter"].update(
        _template=str(template),
        _output_dir=str(output_dir),
        _repo_dir=str(template),
        _checkout=None,
    )
    try:
        with release_importable(template):
            project = Path(
                generate_files(
                    repo_dir=str(template),
                    context=context,
                    output_dir=str(output_dir),
                    accept_hooks=False,
                )
            )
    except CookiecutterException as error:
        raise RenderError(str(error)) from error
    load_hook("post_gen_project", template).remove_unwanted(project, context["cookiecutter"])
    return project
