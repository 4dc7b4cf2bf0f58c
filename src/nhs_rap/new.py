"""Generate a new project from the bundled template, with answers taken literally.

Plain ``cookiecutter`` renders ``key=value`` overrides as Jinja, so ``{{ 7*7 }}`` becomes ``49``.
An analyst who types a name means that name, so ``nhs-rap new`` wraps each free-text answer in a
Jinja string literal that renders back to exactly what was typed.

``nhs-rap new`` runs cookiecutter's stages itself (context, prompts, files) rather than its
``cookiecutter()`` entry point, for two reasons: the template's rules are applied to the answers
*before* any folder is made, and the hooks' work runs in this process instead of two more Python
processes. Both call the very same functions in ``hooks/``, so a bake is identical either way
(the tests compare the trees).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from cookiecutter.config import get_user_config
from cookiecutter.exceptions import CookiecutterException, OutputDirExistsException
from cookiecutter.generate import generate_context, generate_files
from cookiecutter.prompt import prompt_for_config

from nhs_rap.template import load_hook, option_names, template_config, template_dir


class NewProjectError(Exception):
    """A problem with the answers that the analyst can fix; the message says how."""


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """Turn ``key=value`` arguments into a dict, rejecting unknown option names."""
    known = option_names()
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep:
            raise NewProjectError(
                f'{pair!r} is not in the form key=value, e.g. project_name="A&E waiting times".'
            )
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the options are: {', '.join(known)}."
            raise NewProjectError(f"{key!r} is not an option of this template; {hint}")
        answers[key] = value
    return answers


def jinja_literal(value: str) -> str:
    """A Jinja expression that renders to ``value`` exactly, whatever braces it contains."""
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return '{{ "' + escaped + '" }}'


def literal_context(answers: Mapping[str, str]) -> dict[str, str]:
    """Protect free-text answers from rendering; choices must stay as typed to be matched."""
    config = template_config()
    return {
        key: value if isinstance(config.get(key), list) else jinja_literal(value)
        for key, value in answers.items()
    }


@contextlib.contextmanager
def template_importable(folder: Path) -> Iterator[None]:
    """Let Jinja load the template's ``local_extensions`` module, as cookiecutter does."""
    saved = list(sys.path)
    sys.path.append(str(folder))
    try:
        yield
    finally:
        sys.path[:] = saved


def final_context(answers: Mapping[str, str], output_dir: Path, no_input: bool) -> dict:
    """Every answer, after the analyst's overrides, the prompts and the derived defaults."""
    folder = template_dir()
    context = generate_context(
        context_file=str(folder / "cookiecutter.json"),
        default_context=get_user_config()["default_context"],
        extra_context=literal_context(answers),
    )
    context["_cookiecutter"] = {k: v for k, v in context["cookiecutter"].items() if k[0] != "_"}
    with template_importable(folder):
        context["cookiecutter"].update(prompt_for_config(context, no_input))
    context["cookiecutter"].update(
        _template=str(folder),
        _output_dir=os.path.abspath(output_dir),
        _repo_dir=str(folder),
        _checkout=None,
    )
    return context


def generate(answers: Mapping[str, str], output_dir: Path, no_input: bool) -> Path:
    """Check the answers, bake the project into ``output_dir`` and return its folder.

    Nothing is written until every answer has passed the template's rules, and an existing
    folder is never touched.
    """
    rules = load_hook("pre_gen_project")
    choices = rules.choice_lists(template_config())
    problem = rules.check_choices(answers, choices)
    if problem:
        raise NewProjectError(problem)
    context = final_context(answers, output_dir, no_input)
    problem = rules.first_problem(context["cookiecutter"], choices)
    if problem:
        raise NewProjectError(problem)
    try:
        with template_importable(template_dir()):
            project = Path(
                generate_files(
                    repo_dir=str(template_dir()),
                    context=context,
                    output_dir=str(output_dir),
                    accept_hooks=False,
                )
            )
    except OutputDirExistsException as error:
        raise NewProjectError(
            f"A folder with this project's name already exists in {output_dir}; "
            "choose another project_slug or move the existing folder. Nothing was changed."
        ) from error
    except CookiecutterException as error:
        raise NewProjectError(str(error)) from error
    print(load_hook("post_gen_project").finish(project, context["cookiecutter"]))
    return project
