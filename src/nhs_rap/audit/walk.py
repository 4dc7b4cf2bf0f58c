"""One walk over a repository's folders, summarised as small plain data for every check to share.

repo-review deep-copies and re-compares every fixture after each check, so the walk keeps counts
and short, capped lists (the first few examples of each thing a check looks for), never a list of
every file: the summary of a 100,000-file repository is as small as that of a 100-file one.
"""

from __future__ import annotations

import os
import re
from dataclasses import MISSING, dataclass, field, fields
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import EXAMPLES, local_path
from nhs_rap.filenames import suffix

#: Folders that hold tools' output or other people's code (vendored, third-party, virtual
#: environments, build output), never the team's own work: not walked, so not measured.
SKIPPED_DIRS = frozenset(
    {
        "__pycache__",
        "node_modules",
        "bower_components",
        "site-packages",
        "venv",
        "env",
        "virtualenv",
        "build",
        "dist",
        "htmlcov",
        "renv",
        "packrat",
        "site",
        "_site",
        "_build",
        "vendor",
        "vendored",
        "_vendor",
        "third_party",
        "third-party",
        "thirdparty",
    }
)
#: A folder holding this file is a virtual environment, whatever it is called.
VENV_MARKER = "pyvenv.cfg"
#: Hidden folders that do hold project files (CI, templates); every other hidden folder is skipped.
KEPT_HIDDEN_DIRS = frozenset(
    {".github", ".gitlab", ".azuredevops", ".azure-pipelines", ".circleci"}
)
_BACKTEST = re.compile(r"back[-_]?tests?")
TEST_DIRS = frozenset({"tests", "test", "testing", "testthat"})
NON_SOURCE_DIRS = TEST_DIRS | {"docs", "doc", "examples", "benchmarks"}
_CODE = frozenset({".py", ".r", ".sql", ".rmd", ".qmd", ".ipynb"})
#: The walk stops counting here and says so, so a mis-aimed audit (``/``) still ends.
MAX_FILES = 1_000_000
#: Python files parsed for docstrings, functions and logging; enough for any real pipeline.
MAX_PYTHON_SOURCES = 2_000
MAX_DOCS_PAGES = 200


@dataclass(frozen=True)
class Tree:
    """What a walk of the repository found: counts and capped examples, all plain data."""

    files: int = 0
    dirs: int = 0
    truncated: bool = False
    unreadable: tuple[str, ...] = ()
    unreadable_count: int = 0
    extensions: dict[str, int] = field(default_factory=dict)
    root_files: tuple[str, ...] = ()
    root_dirs: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    main_modules: tuple[str, ...] = ()
    test_files: int = 0
    test_examples: tuple[str, ...] = ()
    backtests: tuple[str, ...] = ()
    python_sources: tuple[str, ...] = ()
    python_sources_total: int = 0
    r_sources: tuple[str, ...] = ()
    code_dirs: tuple[str, ...] = ()
    docs_pages: tuple[str, ...] = ()
    ci_files: tuple[str, ...] = ()
    pr_templates: tuple[str, ...] = ()
    codeowners: tuple[str, ...] = ()

    def has_root_file(self, *names: str) -> str | None:
        """Return the first of ``names`` (case-insensitive) present at the top of the repository."""
        lowered = {name.lower(): name for name in self.root_files}
        for name in names:
            if name.lower() in lowered:
                return lowered[name.lower()]
        return None

    def count(self, *extensions: str) -> int:
        """How many files end in any of ``extensions`` (lower case, with the dot)."""
        return sum(self.extensions.get(extension, 0) for extension in extensions)


#: Tree's lists that keep the order the walk found things in (the first examples met), unsorted.
_FOUND_ORDER = frozenset({"unreadable"})


class _Collector:
    """Accumulates the walk's findings; turned into a frozen :class:`Tree` at the end.

    Its attributes are :class:`Tree`'s fields, made from them, so the list is written once.
    """

    def __init__(self) -> None:
        """Start with one empty attribute per field of :class:`Tree` (lists for its tuples)."""
        for item in fields(Tree):
            empty = item.default_factory() if item.default_factory is not MISSING else item.default
            setattr(self, item.name, list(empty) if isinstance(empty, tuple) else empty)
        self.code_dirs: set[str] = set()  # each folder once, however many code files it holds

    def skip_dir(self, name: str) -> bool:
        """Whether a folder is tooling output, a virtual environment or a cookiecutter template."""
        if name.startswith("."):
            return name not in KEPT_HIDDEN_DIRS
        return name in SKIPPED_DIRS or name.endswith(".egg-info") or "{{" in name

    def add_dir(self, relative: str, name: str) -> None:
        """Note a folder (only top-level names are kept)."""
        self.dirs += 1
        if "/" not in relative:
            self.root_dirs.append(name)

    def unlistable(self, relative: str) -> None:
        """Note a folder the audit was not allowed to list."""
        self.unreadable_count += 1
        if len(self.unreadable) < EXAMPLES:
            self.unreadable.append(relative or ".")

    def add_file(self, relative: str, name: str, parts: tuple[str, ...]) -> None:
        """Classify one file by its path alone; nothing is opened here."""
        self.files += 1
        extension = suffix(name)
        self.extensions[extension] = self.extensions.get(extension, 0) + 1
        depth = len(parts)
        if depth == 0:
            self.root_files.append(name)
        lowered = name.lower()
        in_tests = any(part in TEST_DIRS for part in parts)
        if extension in _CODE and depth and parts[0] not in NON_SOURCE_DIRS:
            self.code_dirs.add(parts[0])
        if extension == ".py":
            self._add_python(relative, name, parts, in_tests)
        elif in_tests and extension == ".r" and lowered.startswith(("test-", "test_")):
            self._add_test(relative)
        elif extension == ".r" and not in_tests and len(self.r_sources) < MAX_PYTHON_SOURCES:
            self.r_sources.append(relative)
        if len(self.backtests) < EXAMPLES and _BACKTEST.search(relative.lower()):
            self.backtests.append(relative)  # a file, so an empty back-test folder doesn't count
        is_doc = parts[:1] == ("docs",) and extension in {".md", ".rst", ".qmd", ".txt"}
        if is_doc and len(self.docs_pages) < MAX_DOCS_PAGES:
            self.docs_pages.append(relative)
        if _is_ci_file(parts, name, extension) and len(self.ci_files) < 50:
            self.ci_files.append(relative)
        if "pull_request_template" in lowered or (
            depth and parts[-1].lower() in {"pull_request_template", "merge_request_templates"}
        ):
            self.pr_templates.append(relative)
        if name == "CODEOWNERS" and depth <= 1:
            self.codeowners.append(relative)

    def _add_python(self, relative: str, name: str, parts: tuple[str, ...], in_tests: bool) -> None:
        is_test = name.startswith("test_") or name.endswith("_test.py")
        if in_tests or is_test:
            if is_test:
                self._add_test(relative)
            return
        if name == "__init__.py" and (len(parts) == 1 or (len(parts) == 2 and parts[0] == "src")):
            self.packages.append("/".join(parts))
        if name == "__main__.py" and len(self.main_modules) < EXAMPLES:
            self.main_modules.append(relative)
        if name == "conftest.py" or any(part in NON_SOURCE_DIRS for part in parts):
            return
        self.python_sources_total += 1
        if len(self.python_sources) < MAX_PYTHON_SOURCES:
            self.python_sources.append(relative)

    def _add_test(self, relative: str) -> None:
        self.test_files += 1
        if len(self.test_examples) < EXAMPLES:
            self.test_examples.append(relative)

    def freeze(self) -> Tree:
        """Return the findings as an immutable summary, sorted but for examples kept as found."""
        values: dict[str, object] = {}
        for item in fields(Tree):
            value = getattr(self, item.name)
            if isinstance(value, dict):
                value = dict(sorted(value.items()))
            elif isinstance(value, list | set):
                value = tuple(value if item.name in _FOUND_ORDER else sorted(value))
            values[item.name] = value
        return Tree(**values)  # type: ignore[arg-type]


def _is_ci_file(parts: tuple[str, ...], name: str, extension: str) -> bool:
    """Whether a file configures GitHub Actions, GitLab CI, Azure Pipelines or Jenkins."""
    yaml = extension in {".yml", ".yaml"}
    if not parts:
        return name in {".gitlab-ci.yml", "Jenkinsfile"} or (
            yaml and name.lower().startswith("azure-pipelines")
        )
    if parts == (".github", "workflows"):
        return yaml
    if parts[0] in {".gitlab", ".azure-pipelines", ".azuredevops"}:
        return yaml and "template" not in name.lower()
    return name == "Jenkinsfile" and len(parts) == 1


def walk(root: Traversable) -> Tree:
    """Walk the repository once, without following symlinked folders (so loops can't trap it)."""
    collector = _Collector()
    local = local_path(root)
    if local is not None:
        _walk_local(os.fspath(local), collector)
    else:
        _walk_traversable(root, collector)
    return collector.freeze()


def _walk_local(top: str, collector: _Collector) -> None:
    """Walk a folder on this machine quickly: ``os.scandir``, no ``stat`` per file."""
    stack: list[tuple[str, str, tuple[str, ...]]] = [(top, "", ())]
    while stack:
        path, relative, parts = stack.pop()
        try:
            with os.scandir(path) as entries:
                listed = list(entries)
        except OSError:
            collector.unlistable(relative)
            continue
        if relative and any(entry.name == VENV_MARKER for entry in listed):
            continue  # a virtual environment under a name of its own choosing
        prefix = relative + "/" if relative else ""
        for entry in listed:
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                if not is_dir and entry.is_symlink() and entry.is_dir():
                    continue  # a symlinked folder: never followed, so a loop can't trap the walk
            except OSError:
                continue
            if is_dir:
                if collector.skip_dir(name):
                    continue
                collector.add_dir(prefix + name, name)
                stack.append((entry.path, prefix + name, (*parts, name)))
                continue
            if collector.files >= MAX_FILES:
                collector.truncated = True
                return
            collector.add_file(prefix + name, name, parts)


def _walk_traversable(root: Traversable, collector: _Collector) -> None:
    """Walk any Traversable, e.g. a GitHub repository that repo-review fetched."""
    stack: list[tuple[Traversable, str, tuple[str, ...]]] = [(root, "", ())]
    while stack:
        node, relative, parts = stack.pop()
        try:
            children = list(node.iterdir())
        except (OSError, ValueError):
            collector.unlistable(relative)
            continue
        if relative and any(child.name == VENV_MARKER for child in children):
            continue
        prefix = relative + "/" if relative else ""
        for child in children:
            name = child.name
            try:
                is_dir = child.is_dir()
            except OSError:
                continue
            if is_dir:
                if not collector.skip_dir(name):
                    collector.add_dir(prefix + name, name)
                    stack.append((child, prefix + name, (*parts, name)))
                continue
            if collector.files >= MAX_FILES:
                collector.truncated = True
                return
            collector.add_file(prefix + name, name, parts)
