"""Notebook outputs: a saved ``.ipynb`` with outputs or execution counts.

Outputs are where printed rows of patient data end up, even when the code that printed them is
harmless. The check reads the notebook's JSON text directly, not through a JSON parser, so that it
can name the line of the first offending cell and works on a notebook that no longer parses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nhs_rap.guard.findings import Hit
from nhs_rap.guard.rules import RuleId
from nhs_rap.guard.text import Text

_OUTPUT = re.compile(rb'"outputs"\s*:\s*\[\s*\{|"execution_count"\s*:\s*[0-9]')


def is_notebook(path: str, data: bytes) -> bool:
    """Return True for a Jupyter notebook, by name or by its JSON keys (in case it was renamed)."""
    if path.lower().endswith(".ipynb"):
        return True
    if not data[:200].lstrip().startswith(b"{"):
        return False
    # Jupyter writes its keys sorted: "cells" first, "nbformat" last, so the ends suffice.
    ends = data[:4096] + data[-4096:]
    return b'"nbformat"' in ends and b'"cells"' in ends


def notebook_outputs(text: Text) -> Iterator[Hit]:
    """Yield one hit for a notebook with outputs, at its first output or execution count."""
    matches = list(_OUTPUT.finditer(text.data))
    if not matches:
        return
    first = matches[0]
    yield Hit(
        RuleId.NOTEBOOK_OUTPUT,
        first.start(),
        first.end(),
        f"notebook saved with outputs or execution counts ({len(matches)} places); "
        "clear all outputs (nbstripout does it) before committing",
    )
