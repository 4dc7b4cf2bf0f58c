"""The home page's project tree (from a real bake) and the decisions index's list."""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from nhs_rap_docs.facts import Decision
from nhs_rap_docs.markdown import decision_link

TREE_MARKER = "<!-- nhs-rap:project-tree -->"
DECISION_INDEX_MARKER = "<!-- nhs-rap:decision-list -->"


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence what the template's hooks print for a person at a terminal: noise in a build log.

    The hooks run in this process and capture the output of every command they start (git, uv),
    so redirecting Python's standard output is enough. Errors still reach standard error, and a
    failed bake raises with its message.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def bake_default_project(into: Path) -> Path:
    """Generate a project with every default (no git) and return its folder."""
    from nhs_rap.new import generate

    with _quiet_stdout():
        return generate({"init_git": "no"}, into, no_input=True)


def project_tree(root: Path) -> str:
    """Draw a folder like ``tree`` does, folders first, hidden files included."""
    lines = [f"{root.name}/"]

    def walk(folder: Path, prefix: str) -> None:
        entries = sorted(
            (p for p in folder.iterdir() if p.name not in {".git", "__pycache__"}),
            key=lambda p: (not p.is_dir(), p.name.lower()),
        )
        for index, entry in enumerate(entries):
            last = index == len(entries) - 1
            branch = "└── " if last else "├── "
            lines.append(f"{prefix}{branch}{entry.name}{'/' if entry.is_dir() else ''}")
            if entry.is_dir():
                walk(entry, prefix + ("    " if last else "│   "))

    walk(root, "")
    return "\n".join(lines)


@cache
def default_project_tree() -> str:
    """Bake a default project and draw its tree as a fenced block for the home page."""
    with tempfile.TemporaryDirectory() as folder:
        project = bake_default_project(Path(folder))
        return "```text\n" + project_tree(project) + "\n```"


def decision_list(from_page: str, decisions: Sequence[Decision]) -> str:
    """List every decision page as bullets, for the decisions index."""
    return "\n".join(f"- {decision_link(from_page, d)}" for d in decisions)
