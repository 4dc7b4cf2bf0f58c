"""Digest the handful of text files the checks care about: README, docs, CI, changelog, configs.

Each file is read once, size-capped, and reduced to the facts a check needs (headings, commands,
trigger kinds, version numbers), so the checks themselves stay small and the fixture stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import EXAMPLES, read_bytes, read_text
from nhs_rap.audit.walk import Tree

_DOCS_READ_BYTES = 64 * 1024
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_SUMMARY = re.compile(r"<summary[^>]*>(.*?)</summary>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>|[*`]")
#: The level given to a ``<details><summary>`` title: inside whatever section holds it.
SUMMARY_LEVEL = 7
_RST_UNDERLINE = re.compile(r"^\s*([=\-~^\"'#*+])\1{2,}\s*$")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_SEMVER = re.compile(r"\bv?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\b")

INSTALL_HEADING = re.compile(r"install|set ?up|\bstart|requirement|prerequisite|environment", re.I)
RUN_HEADING = re.compile(r"usage|\brun|how to use|\bstart|pipeline|reproduc|outputs", re.I)
CONTACT_HEADING = re.compile(
    r"contact|support|maintainer|author|get in touch|help|feedback|contributors|owner", re.I
)
TOPICS = {
    "methodology": re.compile(
        r"methodolog|\bmethods?\b|approach|how (it|the \w+|does .+) works?\b|\bmodel|algorithm|"
        r"calculat|derivation|technical (details|notes|guide)|statistic|assumptions|definitions",
        re.I,
    ),
    "structure": re.compile(
        r"structure|architecture|code (layout|map|organi[sz]ation)|how the code|design|modules",
        re.I,
    ),
    "usage": re.compile(r"usage|how to run|getting started|user guide|tutorial|\brun", re.I),
    "data": re.compile(r"\btidy|\bdata\b", re.I),
}
_TESTS_IN_CI = re.compile(
    r"\b(pytest|py\.test|nox|tox|unittest|testthat|devtools::test|rcmdcheck|R CMD check|"
    r"make test|hatch test|covr)\b"
)
_LINTERS = re.compile(
    r"\b(ruff|flake8|black|pylint|pycodestyle|autopep8|yapf|isort|lintr|styler|sqlfluff|"
    r"pre-commit|prek)\b"
)
_TRIGGERS = {
    "github": (
        ("schedule", re.compile(r"^\s*schedule\s*:|\bcron\s*:", re.M)),
        ("event", re.compile(r"\b(repository_dispatch|workflow_run)\b")),
    ),
    "gitlab": (
        ("schedule", re.compile(r"CI_PIPELINE_SOURCE\s*==\s*['\"]schedule['\"]|-\s*schedules\b")),
        ("event", re.compile(r"CI_PIPELINE_SOURCE\s*==\s*['\"](trigger|pipeline|api)['\"]")),
    ),
    "azure": (
        ("schedule", re.compile(r"^\s*schedules\s*:", re.M)),
        ("event", re.compile(r"^\s*pipelines\s*:", re.M)),
    ),
    "jenkins": (
        ("schedule", re.compile(r"\bcron\s*\(|\bpollSCM\b")),
        ("event", re.compile(r"\bupstream\s*\(|\bGenericTrigger\b")),
    ),
}
#: A CI step running a script from the repository: ``bash lint.sh``, ``./scripts/check.sh``.
_SCRIPT_STEP = re.compile(
    r"(?:\b(?:bash|sh|zsh|source|pwsh|powershell(?:\.exe)?(?: -File)?|python3?|Rscript)\s+|"
    r"(?<![\w/.-])\./)([\w./-]+\.(?:sh|bash|ps1|py|R|r))\b"
)
_TASK_RUNNERS = (
    (re.compile(r"\bmake\b"), ("Makefile", "makefile", "GNUmakefile")),
    (re.compile(r"\bjust\b"), ("justfile", "Justfile")),
    (re.compile(r"\bnox\b"), ("noxfile.py",)),
    (re.compile(r"\btox\b"), ("tox.ini",)),
    (re.compile(r"\bhatch\b|\bpoe\b|\bpoetry run\b"), ("pyproject.toml",)),
)
MAX_FOLLOWED = 5
LINT_CONFIG_FILES = (
    "ruff.toml",
    ".ruff.toml",
    ".flake8",
    ".pylintrc",
    "pylintrc",
    ".lintr",
    ".sqlfluff",
)
PYTEST_CONFIG_FILES = ("pytest.ini", "conftest.py")
DEPENDENCY_FILES = (
    "requirements.txt",
    "requirements.in",
    "requirements-dev.txt",
    "environment.yml",
    "environment.yaml",
    "conda.yml",
    "Pipfile",
    "DESCRIPTION",
    "renv.lock",
)
LOCK_FILES = (
    "uv.lock",
    "poetry.lock",
    "Pipfile.lock",
    "pdm.lock",
    "pixi.lock",
    "conda-lock.yml",
    "renv.lock",
)
DOCS_SITE_FILES = ("mkdocs.yml", "mkdocs.yaml", "_quarto.yml", "_pkgdown.yml", "docs/conf.py")


@dataclass(frozen=True)
class Readme:
    """The README's headings and commands: anywhere, and those under its run sections."""

    path: str | None = None
    headings: tuple[str, ...] = ()
    run_commands: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    has_install_heading: bool = False
    has_run_heading: bool = False
    mentions_licence: bool = False
    has_contact: bool = False


@dataclass(frozen=True)
class CiFile:
    """One CI configuration file and what it does."""

    path: str
    platform: str
    runs_tests: bool
    runs_linters: tuple[str, ...]
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class Texts:
    """Facts read from the repository's text files (all capped, all plain data)."""

    readme: Readme = Readme()
    docs_site: str | None = None
    topics: dict[str, str] | None = None  # topic -> first file where it was found
    ci: tuple[CiFile, ...] = ()
    precommit: str | None = None
    precommit_linters: tuple[str, ...] = ()
    lint_configs: tuple[str, ...] = ()
    pytest_config: str | None = None
    dependency_files: tuple[str, ...] = ()
    lock_files: tuple[str, ...] = ()
    unpinned_requirements: tuple[str, ...] = ()
    changelog: str | None = None
    changelog_versions: tuple[str, ...] = ()
    description_fields: dict[str, str] | None = None  # an R package's DESCRIPTION


def outline(text: str) -> list[tuple[int, int, str]]:
    """Every heading as (line number, level, title), skipping code blocks.

    Markdown ``#`` headings at any depth, reStructuredText underlined titles (their level by the
    order their underline characters first appear) and the ``<summary>`` of an HTML
    ``<details>`` block, which counts as a sub-heading of the section it sits in.
    """
    lines = text.splitlines()
    found: list[tuple[int, int, str]] = []
    rst_levels: list[str] = []
    fenced = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _MD_HEADING.match(line)
        if match:
            found.append((number, len(match.group(1)), _TAGS.sub("", match.group(2)).strip()))
        elif "<summary" in line.lower():
            summary = _SUMMARY.search(line)
            if summary:
                found.append((number, SUMMARY_LEVEL, _TAGS.sub("", summary.group(1)).strip()))
        elif (
            number
            and _RST_UNDERLINE.match(line)
            and lines[number - 1].strip()
            and not _RST_UNDERLINE.match(lines[number - 1])
        ):
            char = line.strip()[0]
            if char not in rst_levels:
                rst_levels.append(char)
            found.append((number - 1, rst_levels.index(char) + 1, lines[number - 1].strip()))
    return found


def headings_of(text: str) -> list[tuple[int, str]]:
    """Markdown and reStructuredText headings as (line number, title), skipping code blocks."""
    return [(number, title) for number, _, title in outline(text)]


def sections(text: str) -> list[tuple[str, list[str]]]:
    """Each heading's title with the lines of its section, sub-sections included.

    A section runs to the next heading of the same or a higher level, so the commands under
    ``#### Using uv`` belong to ``## Installation`` too; a ``<details>`` section ends at
    ``</details>``.
    """
    lines = text.splitlines()
    found = outline(text)
    result = []
    for index, (number, level, title) in enumerate(found):
        end = len(lines)
        for later, later_level, _ in found[index + 1 :]:
            if later_level <= level:
                end = later
                break
        body = lines[number + 1 : end]
        if level == SUMMARY_LEVEL:
            closing = next((i for i, line in enumerate(body) if "</details>" in line), len(body))
            body = body[:closing]
        result.append((title, body))
    return result


def _commands(lines: list[str]) -> list[str]:
    """Command-like text in a section: fenced or indented code and inline code spans."""
    commands: list[str] = []
    fenced = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")) or stripped.startswith("$ "):
            if stripped:
                commands.append(stripped.removeprefix("$ "))
        else:
            commands.extend(_INLINE_CODE.findall(line))
    return commands


def read_readme(root: Traversable, tree: Tree) -> Readme:
    """Find the README and pick out its install and run sections' commands."""
    path = next((name for name in tree.root_files if name.lower().startswith("readme")), None)
    text = read_text(root, path) if path else None
    if path is None or text is None:
        return Readme(path=path)
    run: list[str] = []
    has_install = has_run = contact = False
    found = sections(text)
    for title, section in found:
        if INSTALL_HEADING.search(title):
            has_install = True
        if RUN_HEADING.search(title):
            has_run = True
            run.extend(_commands(section))
        contact |= bool(CONTACT_HEADING.search(title))
    return Readme(
        path=path,
        headings=tuple(title for title, _ in found[:200]),
        run_commands=tuple(run[:50]),
        commands=tuple(_commands(text.splitlines())[:200]),
        has_install_heading=has_install,
        has_run_heading=has_run,
        mentions_licence=bool(re.search(r"licen[cs]e", text, re.I)),
        has_contact=contact or bool(_EMAIL.search(text) or re.search(r"\bcontact", text, re.I)),
    )


def _find_topics(root: Traversable, tree: Tree, readme: Readme) -> dict[str, str]:
    """Where methodology, code structure and usage are first explained (file names or headings)."""
    found: dict[str, str] = {}
    candidates = [*tree.docs_pages]
    for page in candidates:
        for topic, pattern in TOPICS.items():
            if topic not in found and pattern.search(page.rsplit("/", 1)[-1]):
                found[topic] = page
    for page in candidates:
        if len(found) == len(TOPICS):
            break
        text = read_text(root, page, _DOCS_READ_BYTES)
        if not text:
            continue
        titles = [title for _, title in headings_of(text)]
        for topic, pattern in TOPICS.items():
            if topic not in found and any(pattern.search(title) for title in titles):
                found[topic] = page
    if readme.path:
        for topic, pattern in TOPICS.items():
            if topic not in found and any(pattern.search(title) for title in readme.headings):
                found[topic] = readme.path
    return dict(sorted(found.items()))


def _platform(path: str) -> str:
    if path.startswith(".github/"):
        return "github"
    if "gitlab" in path:
        return "gitlab"
    if "azure" in path:
        return "azure"
    return "jenkins"


def _followed(root: Traversable, tree: Tree, text: str, precommit_text: str) -> str:
    """The CI file's text plus the scripts and task files its steps run, one level deep.

    A step such as ``bash lint.sh``, ``./scripts/test.sh``, ``make lint``, ``nox``, ``tox`` or
    ``pre-commit run`` runs the linters and tests indirectly; their files are read (never run).
    """
    parts = [text]
    scripts = dict.fromkeys(
        script.removeprefix("./")
        for script in (match.group(1) for match in _SCRIPT_STEP.finditer(text))
        if not script.startswith("/") and ".." not in script.split("/")  # inside the repository
    )
    for script in list(scripts)[:MAX_FOLLOWED]:
        parts.append(read_text(root, script, _DOCS_READ_BYTES) or "")
    for pattern, names in _TASK_RUNNERS:
        if pattern.search(text):
            for name in names:
                if tree.has_root_file(name):
                    parts.append(read_text(root, name, _DOCS_READ_BYTES) or "")
    if re.search(r"\bpre-commit\b|\bprek\b", text):
        parts.append(precommit_text)
    return "\n".join(parts)


def _read_ci(root: Traversable, tree: Tree, precommit_text: str) -> tuple[CiFile, ...]:
    files = []
    for path in tree.ci_files:
        own = read_text(root, path) or ""
        text = _followed(root, tree, own, precommit_text)
        platform = _platform(path)
        triggers = tuple(kind for kind, pattern in _TRIGGERS[platform] if pattern.search(own))
        files.append(
            CiFile(
                path=path,
                platform=platform,
                runs_tests=bool(_TESTS_IN_CI.search(text)),
                runs_linters=tuple(sorted(set(_LINTERS.findall(text)) - {"pre-commit", "prek"})),
                triggers=triggers,
            )
        )
    return tuple(files)


def _ini_sections(root: Traversable, name: str) -> set[str]:
    text = read_text(root, name) or ""
    return {match.lower() for match in re.findall(r"^\s*\[([^\]]+)\]", text, re.M)}


def _unpinned(root: Traversable, name: str) -> list[str]:
    """Return the requirement lines in a requirements file that don't pin an exact version."""
    text = read_text(root, name) or ""
    loose = []
    for line in text.splitlines():
        requirement = line.split("#", 1)[0].strip()
        if not requirement or requirement.startswith("-") or requirement.endswith("\\"):
            continue
        if "==" not in requirement and " @ " not in requirement:
            loose.append(requirement)
    return loose


def _changelog_versions(text: str) -> list[str]:
    versions: list[str] = []
    for _, title in headings_of(text):
        match = _SEMVER.search(title)
        if match and match.group(1) not in versions:
            versions.append(match.group(1))
    return versions[:20]


def _description(root: Traversable) -> dict[str, str]:
    """Return the top-level fields of an R package's DESCRIPTION file."""
    text = read_text(root, "DESCRIPTION") or ""
    fields = {}
    for line in text.splitlines():
        if ":" in line and not line.startswith((" ", "\t")):
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    return fields


def read_texts(root: Traversable, tree: Tree) -> Texts:
    """Read and digest every text file the checks need, once."""
    readme = read_readme(root, tree)
    precommit = tree.has_root_file(".pre-commit-config.yaml", ".pre-commit-config.yml")
    precommit_text = (read_text(root, precommit) or "") if precommit else ""
    lint_configs = [name for name in LINT_CONFIG_FILES if tree.has_root_file(name)]
    pytest_config = next((name for name in PYTEST_CONFIG_FILES if tree.has_root_file(name)), None)
    for ini, lint_sections, pytest_section in (
        ("setup.cfg", {"flake8", "pycodestyle", "pylint"}, "tool:pytest"),
        ("tox.ini", {"flake8", "pycodestyle"}, "pytest"),
    ):
        if tree.has_root_file(ini):
            sections = _ini_sections(root, ini)
            if sections & lint_sections:
                lint_configs.append(ini)
            if pytest_section in sections and pytest_config is None:
                pytest_config = ini
    changelog = next(
        (
            name
            for name in tree.root_files
            if name.lower().split(".", 1)[0] in {"changelog", "changes", "history", "news"}
        ),
        None,
    )
    changelog_text = (read_text(root, changelog, _DOCS_READ_BYTES) or "") if changelog else ""
    dependency_files = [name for name in DEPENDENCY_FILES if tree.has_root_file(name)]
    if "requirements" in tree.root_dirs:
        dependency_files.append("requirements/")
    unpinned: list[str] = []
    if "requirements.txt" in dependency_files:
        unpinned = _unpinned(root, "requirements.txt")
    docs_site = next(
        (name for name in DOCS_SITE_FILES if "/" not in name and tree.has_root_file(name)), None
    )
    if docs_site is None and "docs" in tree.root_dirs and read_bytes(root, "docs/conf.py", 1):
        docs_site = "docs/conf.py"  # Sphinx
    return Texts(
        readme=readme,
        docs_site=docs_site,
        topics=_find_topics(root, tree, readme),
        ci=_read_ci(root, tree, precommit_text),
        precommit=precommit,
        precommit_linters=tuple(sorted(set(_LINTERS.findall(precommit_text)) - {"pre-commit"})),
        lint_configs=tuple(lint_configs),
        pytest_config=pytest_config,
        dependency_files=tuple(dependency_files),
        lock_files=tuple(name for name in LOCK_FILES if tree.has_root_file(name)),
        unpinned_requirements=tuple(unpinned[:EXAMPLES]),
        changelog=changelog,
        changelog_versions=tuple(_changelog_versions(changelog_text)),
        description_fields=_description(root) if tree.has_root_file("DESCRIPTION") else None,
    )
