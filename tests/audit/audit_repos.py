"""Small fixture repositories, built by code: one that passes every check, and a variant per check
that fails it (the good repository with one thing taken away or broken)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

PACKAGE = "waits"

PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "waits"
version = "1.2.0"
description = "A&E waiting times pipeline."
dependencies = ["pandas>=2"]

[project.scripts]
waits = "waits.__main__:main"

[dependency-groups]
dev = ["pytest>=8", "ruff>=0.8"]

[tool.ruff]
line-length = 100

[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.nhs-rap.attest.B4]
evidence = "https://example.org/org/waits/pull/1"
by = "A. Reviewer"
date = 2026-01-05

[tool.nhs-rap.attest.B5]
reason = "No accompanying publication; the repository is public."
by = "A. Analyst"
date = 2026-01-05

[tool.nhs-rap.attest.S9]
evidence = "docs/data.md"
by = "A. Analyst"
date = 2026-01-05
"""

README = """\
# Waits

Counts A&E attendances by provider.

## Installation

```
uv sync
```

## Usage

```
uv run python -m waits
```

## Licence

MIT for the code; documentation under the Open Government Licence v3.

## Contact

england.waits@example.org
"""

MAIN = '''\
"""Run the whole pipeline: ``python -m waits``."""

import logging

from waits.steps import clean, count

logger = logging.getLogger(__name__)


def main() -> None:
    """Set up logging, then run each step in order."""
    logging.basicConfig(filename="run.log", level=logging.INFO)
    rows = clean([1, 2, None])
    logger.info("kept %d rows", len(rows))
    print(count(rows))


if __name__ == "__main__":
    main()
'''

STEPS = '''\
"""Processing steps."""

import logging

logger = logging.getLogger(__name__)


def clean(rows: list) -> list:
    """Drop missing values."""
    return [row for row in rows if row is not None]


def count(rows: list) -> int:
    """Count rows."""
    logger.info("counting")
    return len(rows)


class Table:
    """A tiny table."""

    def width(self) -> int:
        """Number of columns."""
        return 0
'''

WORKFLOW = """\
name: ci
on:
  push:
  schedule:
    - cron: "0 6 * * 1"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: uv run ruff check
      - run: uv run pytest
"""

GOOD: dict[str, str] = {
    "pyproject.toml": PYPROJECT,
    "README.md": README,
    "LICENSE": "MIT Licence\n",
    "CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2026-01-05\n\n- First release.\n",
    "uv.lock": "version = 1\n",
    ".gitignore": "data/\n",
    ".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks:\n      - id: ruff\n",
    ".github/workflows/ci.yml": WORKFLOW,
    ".github/pull_request_template.md": "## What changed\n",
    "CODEOWNERS": "* @org/analysts\n",
    "mkdocs.yml": "site_name: Waits\n",
    "docs/index.md": "# Waits\n\n## How to run\n\nSee the README.\n",
    "docs/methodology.md": "# Methodology\n\nCounts per provider.\n",
    "docs/code-structure.md": "# Code structure\n\n`steps.py` holds the steps.\n",
    "docs/data.md": "# Data\n\nTidy: one row per provider and day.\n",
    f"src/{PACKAGE}/__init__.py": '"""Waits pipeline."""\n',
    f"src/{PACKAGE}/__main__.py": MAIN,
    f"src/{PACKAGE}/steps.py": STEPS,
    "tests/unit/test_steps.py": "from waits.steps import count\n\n\ndef test_count():\n"
    "    assert count([1]) == 1\n",
    "tests/backtests/test_backtest.py": "def test_whole_pipeline():\n    assert True\n",
}

Files = dict[str, str]


def build(root: Path, files: Files, *, git: bool = False) -> Path:
    """Write ``files`` under ``root`` (and commit them to a new git repository if asked)."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if git:
        commit_all(root)
    return root


def commit_all(root: Path) -> None:
    """Make ``root`` a git repository with everything committed."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", "First version"],
    ):
        subprocess.run(command, cwd=root, check=True, env=environment, capture_output=True)


def without(*prefixes: str) -> Callable[[Files], Files]:
    """A mutation that removes every file whose path starts with one of ``prefixes``."""
    return lambda files: {k: v for k, v in files.items() if not k.startswith(prefixes)}


def replacing(path: str, old: str, new: str) -> Callable[[Files], Files]:
    """A mutation that edits one file's text (the edit must apply, or the test is meaningless)."""

    def mutate(files: Files) -> Files:
        assert old in files[path], f"{old!r} not in {path}"
        return {**files, path: files[path].replace(old, new)}

    return mutate


def adding(extra: Files) -> Callable[[Files], Files]:
    """A mutation that adds files."""
    return lambda files: {**files, **extra}


def chain(*mutations: Callable[[Files], Files]) -> Callable[[Files], Files]:
    """Apply several mutations in turn."""

    def mutate(files: Files) -> Files:
        for mutation in mutations:
            files = mutation(files)
        return files

    return mutate


UNDOCUMENTED = "\n\n".join(f"def step_{n}(x):\n    return x" for n in range(10))
SCRIPT = "import pandas\n" + "".join(
    f"x{n} = {n}\nprint(x{n})\nfor i in range(3):\n    print(i)\n" for n in range(10)
)
NO_LOGGING_MAIN = '"""Entry."""\n\n\ndef main() -> None:\n    """Run."""\n    print(1)\n'

#: check id -> how to break the good repository so that this check, and only its concern, fails.
BREAKERS: dict[str, Callable[[Files], Files]] = {
    "RAP-B1.1": lambda files: {"README.md": files["README.md"]},
    "RAP-B1.2": adding({"legacy/analysis.sas": "proc means; run;\n"}),
    "RAP-B2.1": lambda files: files,  # built without git
    "RAP-B3.1": without("README.md"),
    "RAP-B3.2": replacing("README.md", "## Installation\n\n```\nuv sync\n```\n", ""),
    "RAP-B3.3": replacing("README.md", "## Usage\n\n```\nuv run python -m waits\n```\n", ""),
    "RAP-B3.4": replacing(
        "README.md",
        "## Licence\n\nMIT for the code; documentation under the Open Government Licence v3.\n\n"
        "## Contact\n\nengland.waits@example.org\n",
        "",
    ),
    "RAP-B4.1": replacing("pyproject.toml", 'by = "A. Reviewer"\n', ""),
    "RAP-B5.1": replacing("pyproject.toml", "[tool.nhs-rap.attest.B5]", "[tool.nhs-rap.other.B5]"),
    "RAP-S1.1": chain(
        without(f"src/{PACKAGE}/__main__.py"),
        replacing("pyproject.toml", '[project.scripts]\nwaits = "waits.__main__:main"\n', ""),
        replacing("README.md", "uv run python -m waits", "ask Sam"),
    ),
    "RAP-S2.1": chain(  # methodology and structure move to the README, so only S2.1 changes
        without("docs/", "mkdocs.yml"),
        replacing(
            "README.md",
            "## Licence",
            "## Methodology\n\nCounts.\n\n### Code structure\n\nOne package.\n\n## Licence",
        ),
    ),
    "RAP-S2.2": without("docs/methodology.md", "docs/code-structure.md"),
    "RAP-S2.3": adding({f"src/{PACKAGE}/extra.py": UNDOCUMENTED}),
    "RAP-S3.1": lambda files: {
        (k.replace(f"src/{PACKAGE}/", "") if k.startswith("src/") else k): v
        for k, v in files.items()
        if not k.endswith("__init__.py")
    },
    "RAP-S3.2": adding({f"step{n}.py": 'def f():\n    """Step."""\n' for n in range(4)}),
    "RAP-S4.1": lambda files: {
        **{k: v for k, v in files.items() if not k.startswith("src/")},
        "src/waits/__init__.py": "",
        "src/waits/run.py": SCRIPT,
    },
    "RAP-S4.2": adding({f"src/{PACKAGE}/script.py": SCRIPT}),
    "RAP-S5.1": chain(  # no settings and no linter run anywhere
        replacing("pyproject.toml", "[tool.ruff]\nline-length = 100\n", ""),
        without(".pre-commit-config.yaml"),
        replacing(".github/workflows/ci.yml", "      - run: uv run ruff check\n", ""),
    ),
    "RAP-S5.2": chain(
        without(".pre-commit-config.yaml"),
        replacing(".github/workflows/ci.yml", "      - run: uv run ruff check\n", ""),
    ),
    "RAP-S6.1": without("tests/"),
    "RAP-S6.2": replacing(
        "pyproject.toml", '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', ""
    ),
    "RAP-S6.3": without("tests/backtests/"),
    "RAP-S7.1": chain(
        without("uv.lock"),
        replacing("pyproject.toml", 'dependencies = ["pandas>=2"]\n', ""),
        replacing("pyproject.toml", '[dependency-groups]\ndev = ["pytest>=8", "ruff>=0.8"]\n', ""),
    ),
    "RAP-S7.2": without("uv.lock"),
    "RAP-S8.1": lambda files: {
        **files,
        f"src/{PACKAGE}/__main__.py": NO_LOGGING_MAIN,
        f"src/{PACKAGE}/steps.py": '"""Steps."""\n\n\ndef f() -> None:\n    """F."""\n',
    },
    "RAP-S8.2": replacing(
        f"src/{PACKAGE}/__main__.py",
        '    logging.basicConfig(filename="run.log", level=logging.INFO)\n',
        "",
    ),
    "RAP-S9.1": replacing(
        "pyproject.toml",
        'evidence = "docs/data.md"\nby = "A. Analyst"\ndate = 2026-01-05',
        'evidence = "docs/data.md"\nby = "A. Analyst"\ndate = 2999-01-01',
    ),
    "RAP-G1.1": replacing(
        "pyproject.toml",
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
        "",
    ),
    "RAP-G1.2": replacing("pyproject.toml", 'description = "A&E waiting times pipeline."\n', ""),
    "RAP-G1.3": replacing("pyproject.toml", 'name = "waits"', 'name = "a-e-waits"'),
    "RAP-G2.1": without(".github/workflows/"),
    "RAP-G2.2": replacing(".github/workflows/ci.yml", "      - run: uv run pytest\n", ""),
    "RAP-G3.1": replacing(".github/workflows/ci.yml", '  schedule:\n    - cron: "0 6 * * 1"\n', ""),
    "RAP-G4.1": without("CHANGELOG.md"),
    "RAP-G4.2": replacing("CHANGELOG.md", "## [1.2.0] - 2026-01-05", "## First release"),
    "RAP-G4.3": replacing("pyproject.toml", 'version = "1.2.0"', 'version = "1.2"'),
}


def copy_repo(source: Path, target: Path) -> Path:
    """Copy a built repository (with its .git) so a test can change it freely."""
    shutil.copytree(source, target, symlinks=True)
    return target


def variant(good: Path, target: Path, files: Files) -> Path:
    """A copy of the committed good repository whose working tree holds exactly ``files``.

    Cheaper than a new git repository per test; the differences show as uncommitted work, which
    is only an advisory warning (RAP-B2.2) and so never changes another check's result.
    """
    copy_repo(good, target)
    for relative in set(GOOD) - set(files):
        (target / relative).unlink()
    for relative, text in files.items():
        if GOOD.get(relative) != text:
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return target
