"""repo-review fixtures: each reads one aspect of the repository once, as small plain data.

repo-review computes each fixture once per repository, hands it to every check that names it as a
parameter, and re-compares all fixtures after every check; ``nhs-rap audit`` computes the same
fixtures the same way (see :mod:`nhs_rap.audit.runner`).
"""

from __future__ import annotations

from importlib.resources.abc import Traversable

from nhs_rap.audit.gitinfo import GitFacts, read_git
from nhs_rap.audit.metadata import Metadata, read_metadata
from nhs_rap.audit.pysource import PythonFacts, analyse
from nhs_rap.audit.rsource import RFacts, analyse_r
from nhs_rap.audit.settings import Pyproject, Settings, load_pyproject, read_settings
from nhs_rap.audit.texts import Texts, read_texts
from nhs_rap.audit.walk import Tree, walk


def rap_tree(root: Traversable) -> Tree:
    """Fixture: one walk of the repository (counts and capped examples)."""
    return walk(root)


def rap_python(root: Traversable, rap_tree: Tree) -> PythonFacts:
    """Fixture: docstring, function, top-level-logic and logging measures of the code (via ast)."""
    return analyse(root, rap_tree.python_sources)


def rap_r(root: Traversable, rap_tree: Tree) -> RFacts:
    """Fixture: function and logging measures of the repository's R code."""
    return analyse_r(root, rap_tree.r_sources)


def rap_metadata(
    root: Traversable, rap_tree: Tree, rap_pyproject: Pyproject, rap_texts: Texts
) -> Metadata:
    """Fixture: name, version, commands and dependencies from pyproject, setup.cfg/.py or R."""
    return read_metadata(root, rap_tree, rap_pyproject, rap_texts.description_fields)


def rap_texts(root: Traversable, rap_tree: Tree) -> Texts:
    """Fixture: facts from the README, docs, CI files, changelog and tool configs."""
    return read_texts(root, rap_tree)


def rap_git(root: Traversable) -> GitFacts:
    """Fixture: whether this is a git repository with commits, and its working-tree state."""
    return read_git(root)


def rap_pyproject(package: Traversable) -> Pyproject:
    """Fixture: pyproject.toml, parsed tolerantly (an invalid file is reported, not raised)."""
    return load_pyproject(package)


def rap_settings(rap_pyproject: Pyproject) -> Settings:
    """Fixture: the team's ``[tool.nhs-rap]`` attestations, ignores and target level."""
    return read_settings(rap_pyproject)


#: Every fixture by name, in the order repo-review would compute them (dependencies first).
FIXTURES = {
    "rap_tree": rap_tree,
    "rap_python": rap_python,
    "rap_r": rap_r,
    "rap_texts": rap_texts,
    "rap_git": rap_git,
    "rap_pyproject": rap_pyproject,
    "rap_settings": rap_settings,
    "rap_metadata": rap_metadata,
}
