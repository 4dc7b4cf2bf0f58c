"""Generate a new project from the bundled template, with answers taken literally.

Plain ``cookiecutter`` renders ``key=value`` overrides as Jinja, so ``{{ 7*7 }}`` becomes ``49``.
An analyst who types a name means that name, so ``nhs-rap new`` wraps each free-text answer in a
Jinja string literal that renders back to exactly what was typed.

``nhs-rap new`` runs cookiecutter's stages itself (context, prompts, files) rather than its
``cookiecutter()`` entry point, for two reasons: the template's rules are applied to the answers
*before* any folder is made, and the hooks' work runs in this process instead of two more Python
processes. Both call the very same functions in ``hooks/``, so a bake is identical either way
(the tests compare the trees). When it asks questions, it checks each answer against those rules
as soon as it is typed and asks again, so one mistyped email does not mean retyping everything.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType

import click
from cookiecutter.config import get_user_config
from cookiecutter.exceptions import CookiecutterException, OutputDirExistsException
from cookiecutter.generate import generate_context, generate_files
from cookiecutter.prompt import prompt_choice_for_config, read_user_variable, render_variable
from cookiecutter.utils import create_env_with_context

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


def problem_with(
    field: str, answers: Mapping[str, object], rules: ModuleType, choices: Mapping[str, list[str]]
) -> str | None:
    """The template's complaint about ``field``, judged with the answers given so far.

    Every rule of the pre-generation hook runs, but only a message about this field counts
    (each message starts with the name of the field to change): a question not yet asked must
    not fail the one just answered.
    """
    problems = [rules.check_choices(answers, choices), *(check(answers) for check in rules.CHECKS)]
    return next((p for p in problems if p and p.split(" ", 1)[0] == field), None)


def ask_each(context: dict, no_input: bool, choices: Mapping[str, list[str]]) -> dict:
    """Every answer in ``cookiecutter.json`` order, defaults rendered from the earlier answers.

    Without ``no_input`` each answer is checked as soon as it is typed, and asked again until the
    template accepts it. Private settings (``_pins`` and the like) are known from the start, as
    some rules need them.
    """
    rules = load_hook("pre_gen_project")
    config = context["cookiecutter"]
    prompts = config.pop("__prompts__", {})
    env = create_env_with_context(context)
    answers: dict = {key: raw for key, raw in config.items() if key.startswith("_")}
    questions = [key for key in config if not key.startswith("_")]
    for number, key in enumerate(questions, 1):
        raw = config[key]
        prefix = f"  [dim][{number}/{len(questions)}][/] "
        while True:
            if isinstance(raw, list):
                value = prompt_choice_for_config(answers, env, key, raw, no_input, prompts, prefix)
            else:
                value = render_variable(env, raw, answers)
                if not no_input:
                    value = read_user_variable(key, value, prompts, prefix)
            problem = (
                None if no_input else problem_with(key, {**answers, key: value}, rules, choices)
            )
            if problem is None:
                break
            click.echo(f"{problem} Please answer again.", err=True)
        answers[key] = value
    return answers


def final_context(
    answers: Mapping[str, str], output_dir: Path, no_input: bool, choices: Mapping[str, list[str]]
) -> dict:
    """Every answer, after the analyst's overrides, the prompts and the derived defaults."""
    folder = template_dir()
    context = generate_context(
        context_file=str(folder / "cookiecutter.json"),
        default_context=get_user_config()["default_context"],
        extra_context=literal_context(answers),
    )
    context["_cookiecutter"] = {k: v for k, v in context["cookiecutter"].items() if k[0] != "_"}
    with template_importable(folder):
        context["cookiecutter"] = ask_each(context, no_input, choices)
    context["cookiecutter"].update(
        _template=str(folder),
        _output_dir=os.path.abspath(output_dir),
        _repo_dir=str(folder),
        _checkout=None,
    )
    return context


def os_reason(error: BaseException) -> str:
    """The operating system's own words (e.g. "Permission denied") from an error's chain.

    Cookiecutter wraps the original error in its own, which names only the folder.
    """
    found: BaseException | None = error
    while found is not None:
        if isinstance(found, OSError) and found.strerror:
            return found.strerror
        found = found.__cause__ or found.__context__
    return str(error)


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
    context = final_context(answers, output_dir, no_input, choices)
    problem = rules.first_problem(context["cookiecutter"], choices)
    if problem:
        raise NewProjectError(problem)
    target = Path(output_dir) / str(context["cookiecutter"]["project_slug"])
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
        print(load_hook("post_gen_project").finish(project, context["cookiecutter"], Path.cwd()))
    except OutputDirExistsException as error:
        raise NewProjectError(
            f"A folder with this project's name already exists in {output_dir}; "
            "choose another project_slug or move the existing folder. Nothing was changed."
        ) from error
    except BaseException as error:
        # The folder did not exist before this run, so removing it loses nothing of the analyst's.
        shutil.rmtree(target, ignore_errors=True)
        if isinstance(error, OSError):
            raise NewProjectError(
                f"Could not write the project in {output_dir} ({os_reason(error)}); "
                "choose a folder you can write to with --output-dir. Nothing was left behind."
            ) from error
        if isinstance(error, CookiecutterException):
            raise NewProjectError(str(error)) from error
        raise
    return project
