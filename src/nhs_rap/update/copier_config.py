"""Write ``copier.yml`` from ``cookiecutter.json``, the one table of options.

Copier needs its questions written out, so they are generated, never typed: each option becomes a
question with cookiecutter's prompt as its help, its choices and labels, and its default (derived
defaults refer to answers by name, as copier's Jinja context holds them). The rules, the optional
files and the finishing steps are not copied in: copier calls the hooks' own functions through
:mod:`nhs_rap.update.copier_jinja`. ``tests/test_copier.py`` fails when the file is out of date.

Regenerate after changing ``cookiecutter.json`` (``--check`` only says whether it is up to date)::

    python -m nhs_rap.update.copier_config
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from nhs_rap.template import template_config, template_dir

HEADER = """\
# Generated from cookiecutter.json by `python -m nhs_rap.update.copier_config`: do not edit.
# Lets `copier copy --trust` build the same project as `cookiecutter` and `nhs-rap new`.
# Install copier with nhs-rap beside it: `uv tool install copier --with nhs-rap`.
"""
MIN_COPIER_VERSION = "9.19.0"
ANSWERS_FILE = ".copier-answers.yml"
COOKIECUTTER_REFERENCE = re.compile(r"\bcookiecutter\.")


def copier_default(value: str) -> str:
    """A cookiecutter default as copier renders it: answers are top-level names there."""
    return COOKIECUTTER_REFERENCE.sub("", value)


def question(name: str, value: Any, prompt: Any) -> dict[str, Any]:
    """One copier question for the cookiecutter option ``name``."""
    entry: dict[str, Any] = {"type": "str"}
    if isinstance(value, list):
        labels = prompt if isinstance(prompt, Mapping) else {}
        entry["help"] = labels.get("__prompt__", name)
        entry["choices"] = {str(labels.get(choice, choice)): choice for choice in value}
        entry["default"] = value[0]
    else:
        entry["help"] = prompt if isinstance(prompt, str) else name
        entry["default"] = copier_default(str(value))
    entry["validator"] = f"{{{{ template_problem({name!r}) }}}}"
    return entry


def settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """Copier's own settings: where the project template is and how to render it."""
    return {
        "_min_copier_version": MIN_COPIER_VERSION,
        "_subdirectory": "{{ '{{cookiecutter.project_slug}}' }}",
        "_templates_suffix": "",
        "_answers_file": ANSWERS_FILE,
        "_jinja_extensions": ["nhs_rap.update.copier_jinja.CookiecutterBridge"],
        "_envops": {"keep_trailing_newline": True, "undefined": "jinja2.StrictUndefined"},
        "_exclude": ["{{ unwanted_paths() }}"],
        "_skip_if_exists": list(config["_team_owned"]),
        "_tasks": [
            {
                "command": [
                    "{{ _copier_python }}",
                    "{{ _copier_conf.src_path }}/hooks/post_gen_project.py",
                    "{{ _copier_answers | tojson }}",
                ],
                "when": "{{ _copier_operation == 'copy' }}",
            }
        ],
    }


def copier_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The whole of ``copier.yml`` for the options table ``config``."""
    prompts = config.get("__prompts__", {})
    questions = {
        name: question(name, value, prompts.get(name))
        for name, value in config.items()
        if not name.startswith("_")
    }
    computed = {
        "cookiecutter": {
            "type": "json",
            "when": False,
            "default": "{{ cookiecutter_context() }}",
        }
    }
    return {**settings(config), **questions, **computed}


def render(config: Mapping[str, Any]) -> str:
    """The text of ``copier.yml``."""
    body = yaml.safe_dump(copier_config(config), sort_keys=False, allow_unicode=True, width=1000)
    return HEADER + body


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nhs_rap.update.copier_config",
        description="Write copier.yml from cookiecutter.json, the one table of options.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if the file is not what cookiecutter.json generates",
    )
    parser.add_argument(
        "--file",
        type=Path,
        default=None,
        help="the copier.yml to write or check (default: the one beside cookiecutter.json)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite ``copier.yml`` beside ``cookiecutter.json``, or with ``--check`` only compare it."""
    options = _arguments().parse_args(argv)
    target: Path = options.file or Path(template_dir()) / "copier.yml"
    wanted = render(template_config())
    if options.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == wanted:
            return 0
        print(
            f"{target} is out of date with cookiecutter.json: "
            "run `python -m nhs_rap.update.copier_config` and commit the result.",
            file=sys.stderr,
        )
        return 1
    target.write_text(wanted, encoding="utf-8")
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
