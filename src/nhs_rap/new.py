"""Generate a new project from the bundled template, with answers taken literally.

Plain ``cookiecutter`` renders ``key=value`` overrides as Jinja, so ``{{ 7*7 }}`` becomes ``49``.
An analyst who types a name means that name, so ``nhs-rap new`` wraps each free-text answer in a
Jinja string literal that renders back to exactly what was typed.
"""

from __future__ import annotations

import difflib
import logging
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from cookiecutter.exceptions import (
    CookiecutterException,
    FailedHookException,
    OutputDirExistsException,
)
from cookiecutter.main import cookiecutter

from nhs_rap.template import load_hook, option_names, template_config, template_dir

# Cookiecutter logs a traceback when a hook refuses an answer; the hook's own line says it all.
logging.getLogger("cookiecutter").addHandler(logging.NullHandler())


class NewProjectError(Exception):
    """A problem with the answers that the analyst can fix; the message says how."""


class HookRefusedError(NewProjectError):
    """The template's pre-generation hook refused an answer and has already said why."""


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


def _new_entries(folder: Path, before: set[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return [path for path in folder.iterdir() if path.name not in before]


def _remove_if_only_empty_folders(path: Path) -> None:
    """Remove a folder tree left by a refused bake, but only if it holds no files at all."""
    if path.is_dir() and not any(item.is_file() or item.is_symlink() for item in path.rglob("*")):
        shutil.rmtree(path)


def generate(answers: Mapping[str, str], output_dir: Path, no_input: bool) -> Path:
    """Bake a project into ``output_dir`` and return its folder; leave nothing behind on failure."""
    problem = load_hook("pre_gen_project").check_choices(
        answers,
        {
            k: v
            for k, v in template_config().items()
            if isinstance(v, list) and not k.startswith("_")
        },
    )
    if problem:
        raise NewProjectError(problem)
    output_existed = output_dir.exists()
    before = {path.name for path in output_dir.iterdir()} if output_existed else set()
    try:
        project = cookiecutter(
            str(template_dir()),
            no_input=no_input,
            extra_context=literal_context(answers),
            output_dir=str(output_dir),
        )
    except FailedHookException as error:
        for leftover in _new_entries(output_dir, before):
            _remove_if_only_empty_folders(leftover)
        if not output_existed:
            _remove_if_only_empty_folders(output_dir)
        raise HookRefusedError(str(error)) from error
    except OutputDirExistsException as error:
        raise NewProjectError(
            f"A folder with this project's name already exists in {output_dir}; "
            "choose another project_slug or move the existing folder. Nothing was changed."
        ) from error
    except CookiecutterException as error:
        raise NewProjectError(str(error)) from error
    return Path(project)
