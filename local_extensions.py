"""Jinja filters that let any answer, however unusual, produce valid generated files.

Cookiecutter puts the template's root folder on ``sys.path`` while it renders, so plain
``cookiecutter`` and ``nhs-rap new`` both load this one module (named in
``cookiecutter.json`` under ``_extensions``). Analysts' project names such as
"St Mary's Hospital (A&E) analysis" are legitimate: we escape them, we never reject them.
"""

from __future__ import annotations

import json
import re

from jinja2 import Environment
from jinja2.ext import Extension

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def quoted(value: object) -> str:
    """Return ``value`` as a double-quoted string literal valid in TOML, YAML, JSON and Python.

    JSON's escapes are a subset of each of those languages' double-quoted strings. TOML also
    forbids a raw DEL character, which JSON leaves alone, so that one is escaped by hand.
    """
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def markdown_text(value: object) -> str:
    """Return ``value`` with Markdown and HTML punctuation escaped, so it renders as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


class QuotingExtension(Extension):
    """Adds the ``quoted`` and ``md`` filters to the template's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        """Register the filters on ``environment``."""
        super().__init__(environment)
        environment.filters["quoted"] = quoted
        environment.filters["md"] = markdown_text
