"""Small repositories shaped like real RAP projects, written here (no other project's files).

Each reproduces the shape that tripped the audit on a real repository: where the README puts its
steps, how the project records its metadata, dependencies and releases, which languages it uses
and how its CI runs linters. ``EXPECTED`` is what a careful reading of the criteria gives for
each shape, criterion by criterion; ``test_agreement.py`` holds the audit to it.
"""

from __future__ import annotations

from audit_repos import GOOD

Files = dict[str, str]

# Like NHSDigital/RAP_example_pipeline_python: requirements.txt, a root runner script, code in
# src/ sub-folders, unit and back tests, install steps under "### Using pip" inside "Getting
# Started", the run command inline under "Running the pipeline"; no CI, no linter, no docs folder.
EXAMPLE_PIPELINE: Files = {
    "README.md": (
        "# Example pipeline\n\nAn example of RAP practice.\n\n## Contact\n\n"
        "**Maintained by the [data science team](mailto:team@example.org)**.\n\n"
        "## Description\n\nThe pipeline downloads artificial data and aggregates it.\n\n"
        "## Prerequisites\n\nPython 3.10 or later.\n\n## Getting Started\n\n"
        "1. Clone the repository.\n\n```\ngit clone https://example.org/pipeline\n```\n\n"
        "2. Set up your environment.\n\n### Using pip\n\n```\npython -m venv .venv\n"
        "python -m pip install -r requirements.txt\n```\n\n### Using conda\n\n```\n"
        "conda env create -f environment.yml\n```\n\n## Running the pipeline\n\n"
        "To run the pipeline, enter `python create_publication.py` in the terminal.\n\n"
        "## Project structure\n\n```text\nsrc/  the pipeline's code\n```\n\n"
        "## Licence\n\nMIT; documentation under OGL v3.\n"
    ),
    "requirements.txt": "pyspark\npandas\n",
    "environment.yml": "name: pipeline\ndependencies:\n  - pandas\n",
    "config.toml": 'year = "2024"\n',
    "create_publication.py": (
        '"""Run the whole pipeline."""\n\nimport logging\n\nfrom src.processing import counts\n'
        "from src.utils import logging_config\n\nlogger = logging.getLogger(__name__)\n\n\n"
        'def main() -> None:\n    """Produce the publication."""\n    logging_config.setup()\n'
        '    logger.info("rows: %s", counts.count([1, 2]))\n\n\n'
        'if __name__ == "__main__":\n    main()\n'
    ),
    "src/utils/logging_config.py": (
        '"""Logging set-up."""\n\nimport logging\n\n\ndef setup() -> None:\n'
        '    """Log to a file."""\n'
        '    logging.basicConfig(filename="run.log", level=logging.INFO)\n'
    ),
    "src/processing/counts.py": (
        '"""Aggregations."""\n\n\ndef count(rows: list) -> int:\n    """Count the rows."""\n'
        "    return len(rows)\n"
    ),
    "tests/unittests/test_counts.py": "def test_count():\n    assert True\n",
    "tests/backtests/test_compare_outputs.py": "def test_outputs():\n    assert True\n",
}

# Like nhsengland/NHSSynth: Poetry metadata and lock, a CLI from [tool.poetry.scripts] shown as
# `poetry run nhssynth` under "#### Advanced Installation" and `nhssynth pipeline` under
# "#### CLI", badges in HTML, docs pages on the models, CI running black and tox, release tags,
# and a module using Python 3.12 f-string syntax (PEP 701) where the logging is set up.
SYNTH: Files = {
    "README.md": (
        '<div align="center">\n\n![Tests](https://example.org/badge.svg)\n\n</div>\n\n'
        "# Synth\n\n## About\n\nSynthetic data generation.\n\n## Getting Started\n\n"
        "### Installation\n\nFor general use, `pip install synth`.\n\n"
        "#### Advanced Installation\n\n"
        "1. Clone the repo\n2. Install the dependencies with `poetry install`\n"
        "3. Run it:\n\n    ```bash\n    poetry run synth ...\n    ```\n\n### Usage\n\n#### CLI\n\n"
        "```\nsynth pipeline --seed 1\nsynth config -c <name>\n```\n\n### Package Structure\n\n"
        "The figure shows the modules.\n\n### License\n\nMIT.\n\n### Contact\n\n"
        "[Raise an issue](https://example.org/issues).\n"
    ),
    "pyproject.toml": (
        '[tool.poetry]\nname = "synth"\nversion = "0.7.3"\n'
        'description = "Synthetic data pipeline"\nauthors = ["A <a@example.org>"]\n\n'
        '[tool.poetry.dependencies]\npython = ">=3.9"\npandas = "^2.0"\n\n'
        '[tool.poetry.scripts]\nsynth = "synth.cli.__main__:main"\n\n'
        '[tool.poetry.group.test.dependencies]\npytest = "^7.3"\ntox = "^4"\n\n'
        '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
    ),
    "poetry.lock": "# locked\n",
    "CHANGELOG.md": "# Changelog\n\n## 0.7.3\n\n- Fixes.\n",
    "mkdocs.yml": "site_name: Synth\n",
    "docs/index.md": "# Synth\n",
    "docs/models.md": "# Models\n\n## How the model works\n\nA variational auto-encoder.\n",
    "docs/getting_started.md": "# Getting started\n",
    ".pre-commit-config.yaml": (
        "repos:\n  - repo: https://example.org/black\n    hooks:\n      - id: black\n"
    ),
    ".github/workflows/black_and_ruff.yaml": (
        "on: [push]\njobs:\n  lint:\n    steps:\n      - run: black --check .\n"
    ),
    ".github/workflows/tox_tests.yaml": "on: [push]\njobs:\n  t:\n    steps:\n      - run: tox\n",
    "tox.ini": "[tox]\nenvlist = py311\n\n[testenv]\ncommands = pytest\n",
    "src/synth/__init__.py": '"""Synth."""\n',
    "src/synth/cli/__init__.py": '"""The command line."""\n',
    "src/synth/cli/__main__.py": (
        '"""Entry point."""\n\nfrom synth.common.debugging import configure\n\n\n'
        'def main() -> None:\n    """Run the CLI."""\n    configure({"seed": 1})\n'
    ),
    "src/synth/common/__init__.py": '"""Shared helpers."""\n',
    "src/synth/common/debugging.py": (
        '"""Logging for each run."""\n\nimport logging\n\n'
        "logger = logging.getLogger(__name__)\n\n\n"
        "def configure(config: dict) -> None:\n"
        '    """Set up logging and say which seed is used."""\n'
        '    logging.basicConfig(filename="run.log", level=logging.INFO)\n'
        '    logger.info(f"seed {config["seed"]}")  # PEP 701: a syntax error before Python 3.12\n'
    ),
    "auxiliary/mwe.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n',
    "tests/test_cli.py": "def test_cli():\n    assert True\n",
}
SYNTH_TAGS = ("v0.7.2", "v0.7.3")

# Like NHSDigital/rap-package-template: Python and R side by side, setup.py metadata, a conda
# environment, R functions in utilities/ with logger, testthat tests, renv.lock; no CI or linter.
PACKAGE_TEMPLATE: Files = {
    "README.md": (
        "# RAP package template\n\n## Getting Started\n\n<details>\n<summary>Set up with pip"
        "</summary>\n\n```\npython -m pip install -r requirements.txt\n```\n\n</details>\n\n"
        "<details><summary>Run the R pipeline</summary>\n\n```r\ntargets::tar_make()\n```\n\n"
        "</details>\n\n## Licence\n\nMIT.\n"
    ),
    "requirements.txt": "pandas==2.2.0\n",
    "environment.yml": "name: rap\ndependencies:\n  - pandas\n",
    "renv.lock": "{}\n",
    "setup.py": (
        "from setuptools import find_packages, setup\n\nsetup(\n    name='rap_template',\n"
        "    version='0.1.0',\n    description='A RAP template.',\n    packages=find_packages(),\n"
        "    install_requires=['pandas'],\n)\n"
    ),
    "src/__init__.py": "",
    "src/processing/__init__.py": "",
    "src/processing/derive_fields.py": (
        '"""Derived fields."""\n\n\ndef add_rate(rows: list) -> list:\n    """Add a rate."""\n'
        "    return rows\n"
    ),
    "my_R_project/_targets.R": "library(targets)\nsource('utilities/case_names.R')\nlist()\n",
    "my_R_project/utilities/case_names.R": (
        "library(logger)\n\nclean_names <- function(df) {\n  log_info('cleaning names')\n  df\n}\n"
    ),
    "tests/unittests/testthat/test_case_names.R": "test_that('x', expect_true(TRUE))\n",
    "tests/unittests/test_processing.py": "def test_x():\n    assert True\n",
    "tests/backtests/test_compare_outputs.py": "def test_y():\n    assert True\n",
}

# An R pipeline run by `bash run.sh`: DESCRIPTION, functions in R/, lintr, logger writing to a
# file, testthat, renv.lock, a scheduled GitHub workflow whose lint step is a script.
R_PIPELINE: Files = {
    "README.md": (
        "# Waits in R\n\n## Set up\n\n```r\nrenv::restore()\n```\n\n## Run\n\n"
        "```\nbash run.sh\n```\n\n## Methodology\n\nMedians by provider.\n\n"
        "## Code structure\n\nOne function per step in `R/`.\n\n## Licence\n\nMIT.\n"
    ),
    "DESCRIPTION": "Package: waitsr\nTitle: Waits\nVersion: 1.0.0\nImports: dplyr, logger\n",
    "NEWS.md": "# waitsr 1.0.0\n\n* First release.\n",
    "renv.lock": "{}\n",
    ".lintr": "linters: linters_with_defaults()\n",
    "run.sh": "#!/bin/sh\nRscript -e 'waitsr::run()'\n",
    "lint.sh": "#!/bin/sh\nRscript -e 'lintr::lint_package()'\n",
    "R/run.R": (
        "run <- function() {\n  logger::log_appender(logger::appender_file('run.log'))\n"
        "  logger::log_info('start')\n  invisible(TRUE)\n}\n"
    ),
    "tests/testthat/test-run.R": "test_that('runs', expect_true(run()))\n",
    "docs/index.md": "# Waits\n",
    ".github/workflows/check.yml": (
        "on:\n  push:\n  schedule:\n    - cron: '0 6 * * 1'\njobs:\n  c:\n    steps:\n"
        "      - run: bash lint.sh\n      - run: Rscript -e 'devtools::test()'\n"
    ),
}

# A setuptools project described in setup.cfg, versioned only by git tags, linting through a
# script CI runs, with no changelog file, no pytest settings and no lock file.
SETUP_CFG: Files = {
    "README.md": (
        "# Beds\n\n## Installation\n\n```\npip install -e .\n```\n\n## Usage\n\n```\nbeds\n```\n\n"
        "## How does the model work?\n\nOccupancy by ward.\n\n## Architecture\n\nThree modules.\n"
    ),
    "setup.cfg": (
        "[metadata]\nname = beds\nversion = 2.1.0\ndescription = Bed occupancy\n\n"
        "[options]\npackages = find:\ninstall_requires =\n    pandas\n\n"
        "[options.entry_points]\nconsole_scripts =\n    beds = beds.cli:main\n"
    ),
    "setup.py": "from setuptools import setup\n\nsetup()\n",
    "beds/__init__.py": '"""Beds."""\n',
    "beds/cli.py": (
        '"""Command line."""\n\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\n'
        'def main() -> None:\n    """Run."""\n    logging.basicConfig(level=logging.INFO)\n'
        '    logger.info("done")\n'
    ),
    "_vendor/big/__init__.py": "x = 1\n" * 50,  # vendored code: not the team's, not measured
    "scripts/check.sh": "#!/bin/sh\nflake8 beds\npytest\n",
    "docs/usage.md": "# Usage\n",
    "tests/test_cli.py": "def test_main():\n    assert True\n",
    ".github/workflows/ci.yml": (
        "on:\n  push:\n  workflow_run:\n    workflows: [load]\njobs:\n  c:\n    steps:\n"
        "      - run: ./scripts/check.sh\n"
    ),
}
SETUP_CFG_TAGS = ("v2.0.0", "v2.1.0")

SHAPES: dict[str, tuple[Files, tuple[str, ...]]] = {
    "template": (GOOD, ()),
    "example-pipeline": (EXAMPLE_PIPELINE, ()),
    "synth": (SYNTH, SYNTH_TAGS),
    "package-template": (PACKAGE_TEMPLATE, ()),
    "r-pipeline": (R_PIPELINE, ()),
    "setup-cfg": (SETUP_CFG, SETUP_CFG_TAGS),
}

P, F, N = "passed", "failed", "not-assessed"
A, Q = "attested", "needs-attestation"
_ORDER = ("B1 B2 B3 B4 B5", "S1 S2 S3 S4 S5 S6 S7 S8 S9", "G1 G2 G3 G4")


def _row(*statuses: str) -> dict[str, str]:
    ids = " ".join(_ORDER).split()
    assert len(statuses) == len(ids)
    return dict(zip(ids, statuses, strict=True))


#: Expected status per criterion per shape (B1..B5, S1..S9, G1..G4), and the automated level.
EXPECTED: dict[str, tuple[dict[str, str], str | None]] = {
    "template": (_row(P, P, P, A, A, P, P, P, P, P, P, P, P, A, P, P, P, P), "gold"),
    # No methodology section, no linter: baseline. No packaging, CI or changelog.
    "example-pipeline": (_row(P, P, P, Q, Q, P, F, P, P, F, P, P, P, Q, F, F, F, F), "baseline"),
    # Everything silver asks; no schedule or event trigger, so not gold.
    "synth": (_row(P, P, P, Q, Q, P, P, P, P, P, P, P, P, Q, P, P, F, P), "silver"),
    # No methodology, linter; R logging is not set up to record runs.
    "package-template": (
        _row(P, P, P, Q, Q, P, F, P, P, F, P, P, F, Q, P, F, F, F),
        "baseline",
    ),
    "r-pipeline": (_row(P, P, P, Q, Q, P, P, P, P, P, P, P, P, Q, P, P, P, P), "gold"),
    "setup-cfg": (_row(P, P, P, Q, Q, P, P, P, P, P, P, P, P, Q, P, P, P, P), "gold"),
}
