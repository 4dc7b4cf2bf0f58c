"""Silver checks (S1-S9): entry point, docs, layout, functions, standards, tests, logging.

Dependencies (S7) and tidy data (S9, attested) are checked here too.
"""

from __future__ import annotations

from nhs_rap.audit.base import AttestedCheck, RapCheck, examples, runs_pipeline
from nhs_rap.audit.metadata import Metadata
from nhs_rap.audit.pysource import PythonFacts
from nhs_rap.audit.rsource import RFacts
from nhs_rap.audit.settings import Pyproject
from nhs_rap.audit.texts import Texts
from nhs_rap.audit.walk import Tree

#: Share of public functions and classes that must have a docstring (S2.3).
DOCSTRING_THRESHOLD = 0.8
#: Largest share of statements allowed to run at module level, outside functions (S4.2).
TOP_LEVEL_THRESHOLD = 0.2
#: Loose scripts allowed at the top of the repository before it counts as untidy (S3.2).
MAX_ROOT_SCRIPTS = 3
ROOT_TOOLING = frozenset(
    {"setup.py", "noxfile.py", "conftest.py", "tasks.py", "manage.py", "local_extensions.py"}
)
PIPELINE_RUNNERS = (
    "Makefile",
    "justfile",
    "noxfile.py",
    "Snakefile",
    "dvc.yaml",
    "_targets.R",
    "run_pipeline.py",
    "main.py",
    "run.R",
    "main.R",
)
LINTER_TABLES = ("ruff", "black", "flake8", "pylint", "pycodestyle")


def unreadable_pyproject(what: str) -> str:
    """The message for a check that found nothing because pyproject.toml couldn't be read."""
    return (
        f"pyproject.toml couldn't be read (the warnings below say why), so {what} couldn't be "
        "checked there. Fix the file and run the audit again."
    )


def _percent(share: float) -> str:
    return f"{share:.0%}"


class SingleEntryPoint(RapCheck):
    """One command runs the whole pipeline (a console script, `__main__.py` or a runner file)."""

    id = "RAP-S1.1"

    @staticmethod
    def check(rap_metadata: Metadata, rap_tree: Tree, rap_texts: Texts) -> bool | str:
        """Accept a console script, a `__main__.py`, a runner file or a README run command.

        Console scripts come from `[project.scripts]`, `[tool.poetry.scripts]` or setup.cfg/.py
        entry points; runner files include a Makefile, noxfile, Snakefile, `_targets.R`, `main.py`.
        """
        if rap_metadata.scripts or rap_tree.main_modules:
            return True
        if rap_tree.has_root_file(*PIPELINE_RUNNERS):
            return True
        if runs_pipeline(rap_texts.readme.commands, rap_metadata):
            return True
        return (
            "No single command runs the pipeline. Add a `__main__.py` to your package that calls "
            "each step in order (so `python -m your_package` produces every output), or a "
            "`[project.scripts]` entry, and show that command in the README."
        )


class UserDocs(RapCheck):
    """User guidance exists beyond the README: a docs folder or a documentation site."""

    id = "RAP-S2.1"
    advice = (
        "S2 asks for user guidance, which a README can give; a docs folder or site is where "
        "that guidance can grow, so its absence is advice."
    )

    @staticmethod
    def check(rap_texts: Texts, rap_tree: Tree) -> bool | str:
        """Accept pages under docs/ or a docs site config (mkdocs.yml, Sphinx, Quarto, pkgdown)."""
        if rap_texts.docs_site or rap_tree.docs_pages:
            return True
        return (
            "Add user guidance beyond the README: a `docs/` folder with pages such as "
            "`docs/how-to-run.md`, ideally built into a site with mkdocs (`mkdocs.yml`)."
        )


class StructureMethodologyDocs(RapCheck):
    """The docs explain the methodology and how the code is structured."""

    id = "RAP-S2.2"

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Accept methodology and code-structure pages or headings in docs/ or the README.

        Headings count at any depth: "Methodology", "How does the model work?", "Approach",
        "Project structure", "Package structure", "Architecture" and the like.
        """
        topics = rap_texts.topics or {}
        missing = [
            page
            for topic, page in (
                ("methodology", "`docs/methodology.md` (the method, data sources, assumptions)"),
                ("structure", "`docs/code-structure.md` (what each module does, in run order)"),
            )
            if topic not in topics
        ]
        if not missing:
            return True
        return (
            f"Add {' and '.join(missing)}, or a section with that heading in the README, so a new "
            "analyst can follow and check the work."
        )


class DocstringCoverage(RapCheck):
    """Public functions and classes have docstrings (at least 80%)."""

    id = "RAP-S2.3"

    @staticmethod
    def check(rap_python: PythonFacts) -> bool | str | None:
        """Measure with `ast` over the project's own Python (not tests); skip if there is none."""
        coverage = rap_python.docstring_coverage
        if coverage is None:
            return None
        if coverage >= DOCSTRING_THRESHOLD:
            return True
        return (
            f"{_percent(coverage)} of public functions and classes have a docstring "
            f"({rap_python.documented} of {rap_python.public_definitions}; the target is "
            f"{_percent(DOCSTRING_THRESHOLD)}). Add docstrings saying what each one does and why, "
            f"starting with {examples(rap_python.undocumented)}."
        )


class PackageFolder(RapCheck):
    """The code lives in a package folder (`src/<package>/`), not loose at the top."""

    id = "RAP-S3.1"

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Accept a package folder, an R package layout, or code kept in folders such as `src/`."""
        if rap_tree.packages:
            return True
        if rap_tree.has_root_file("DESCRIPTION") and "R" in rap_tree.root_dirs:
            return True
        if rap_tree.code_dirs:
            return True
        return (
            "The code isn't in a package folder. Move your modules into `src/<package_name>/` "
            "with an `__init__.py`, and keep tests in `tests/`, docs in `docs/` (the layout "
            "`nhs-rap new` creates)."
        )


class TidyTopLevel(RapCheck):
    """The top of the repository holds few loose scripts (at most 3)."""

    id = "RAP-S3.2"
    advice = (
        "S3 asks for a standard folder layout, which the code's own folders show (RAP-S3.1); a "
        "handful of loose scripts at the top is tidier, so more of them is advice."
    )

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Count Python, R, SQL and notebook files at the top level, ignoring tool files."""
        scripts = [
            name
            for name in rap_tree.root_files
            if name.lower().endswith((".py", ".r", ".sql", ".ipynb")) and name not in ROOT_TOOLING
        ]
        if len(scripts) <= MAX_ROOT_SCRIPTS:
            return True
        return (
            f"{len(scripts)} scripts sit at the top of the repository ({examples(scripts)} ...). "
            "Move code into the package folder, notebooks into `notebooks/` and SQL into a "
            "`sql/` folder, so the layout shows where things are."
        )


class FunctionsUsed(RapCheck):
    """The code defines functions or classes."""

    id = "RAP-S4.1"

    @staticmethod
    def check(rap_python: PythonFacts, rap_r: RFacts) -> bool | str | None:
        """Count Python functions and classes and R `<- function(...)` definitions.

        Not assessed only when there is neither Python nor R code.
        """
        if not (rap_python.files_parsed or rap_r.files_read):
            return None
        if rap_python.definitions or rap_r.functions:
            return True
        files = rap_python.files_parsed + rap_r.files_read
        return (
            f"No functions or classes were found in {files} Python or R file(s). "
            "Put each step (read, clean, analyse, write) in a function so it can be tested and "
            "reused."
        )


class LittleTopLevelLogic(RapCheck):
    """Little logic runs at module level: at most 20% of statements sit outside functions."""

    id = "RAP-S4.2"
    requires = frozenset({"RAP-S4.1"})
    advice = (
        "S4 asks for reusable functions or classes where they fit, which RAP-S4.1 finds; how "
        "much logic may stay outside them is a judgement, so the 20% line is advice."
    )

    @staticmethod
    def check(rap_python: PythonFacts) -> bool | str | None:
        """Count statements outside functions; imports, defs, constants, main guard are fine."""
        share = rap_python.top_level_share
        if share is None:
            return None
        if share <= TOP_LEVEL_THRESHOLD:
            return True
        return (
            f"{_percent(share)} of statements run at module level, outside any function (target at "
            f"most {_percent(TOP_LEVEL_THRESHOLD)}), e.g. {examples(rap_python.logic_examples)}. "
            "Move that logic into functions and call them from one `main()`."
        )


class LinterConfigured(RapCheck):
    """A linter or formatter is configured (ruff, black, flake8, pylint, lintr or sqlfluff)."""

    id = "RAP-S5.1"

    @staticmethod
    def check(rap_pyproject: Pyproject, rap_texts: Texts) -> bool | str:
        """Accept linter settings or a linter run by pre-commit or CI (also through scripts).

        Settings: `[tool.ruff]`-style tables, `.flake8`, `.lintr`, `.sqlfluff` and the like. A
        CI step running `bash lint.sh`, `make lint`, `nox` or `tox` is followed into that file.
        """
        if any(rap_pyproject.get("tool", table) is not None for table in LINTER_TABLES):
            return True
        if rap_texts.lint_configs or rap_texts.precommit_linters:
            return True
        if any(ci.runs_linters for ci in rap_texts.ci):
            return True
        return (
            "No linter or formatter is configured. Add ruff to pyproject.toml "
            "(`[tool.ruff]` with `line-length = 100`) and run `ruff check` and `ruff format`; "
            "for R, add a `.lintr` file."
        )


class LinterEnforced(RapCheck):
    """The agreed standards are enforced by a pre-commit hook or a CI step."""

    id = "RAP-S5.2"
    requires = frozenset({"RAP-S5.1"})
    advice = (
        "S5 asks that the code follows agreed standards; enforcing them with a hook or CI step "
        "is how they stay followed, so its absence is advice."
    )

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for a linter in .pre-commit-config.yaml or a linter command in a CI file."""
        if rap_texts.precommit_linters or any(ci.runs_linters for ci in rap_texts.ci):
            return True
        return (
            "Linting is configured but nothing enforces it. Add a ruff hook to "
            "`.pre-commit-config.yaml` (then `pre-commit install`), or a CI step that runs "
            "`ruff check` and `ruff format --check`."
        )


class TestsPresent(RapCheck):
    """Unit tests are present (`test_*.py` files, or testthat tests for R)."""

    __test__ = False  # a check, not a pytest test class
    id = "RAP-S6.1"

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Count files named `test_*.py`, `*_test.py` or `tests/testthat/test-*.R`."""
        if rap_tree.test_files:
            return True
        return (
            "No tests were found. Add a `tests/` folder with `test_*.py` files that check each "
            "processing function on a small, made-up table."
        )


class TestFrameworkConfigured(RapCheck):
    """A test framework is configured (pytest settings, or testthat for R)."""

    __test__ = False
    id = "RAP-S6.2"
    advice = (
        "S6 asks for a testing framework; pytest finds `test_*.py` files without any settings, "
        "so missing settings are advice."
    )

    @staticmethod
    def check(rap_pyproject: Pyproject, rap_texts: Texts, rap_tree: Tree) -> bool | str:
        """Accept pytest settings (pyproject, pytest.ini, conftest, setup.cfg, tox) or testthat."""
        if rap_pyproject.get("tool", "pytest") is not None or rap_texts.pytest_config:
            return True
        if any("testthat" in path for path in rap_tree.test_examples):
            return True
        return (
            "No test framework is configured. Add to pyproject.toml:\n\n"
            '```toml\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n```\n\n'
            "and add pytest to your development dependencies."
        )


class BackTestsPresent(RapCheck):
    """Back tests compare the pipeline's outputs with known-good results."""

    id = "RAP-S6.3"
    advice = (
        "S6 names back tests as one kind of test a framework holds, beside unit tests; a "
        "repository with unit tests has a testing framework, so missing back tests are advice."
    )

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Look for a folder or file whose name contains `backtest` (e.g. `tests/backtests/`)."""
        if rap_tree.backtests:
            return True
        return (
            "No back tests were found. Add `tests/backtests/` with a test that runs the whole "
            "pipeline on fixed input and compares its output with a saved, checked copy."
        )


class DependenciesDeclared(RapCheck):
    """The dependencies are declared (pyproject.toml, requirements.txt, environment.yml...)."""

    id = "RAP-S7.1"

    @staticmethod
    def check(rap_metadata: Metadata, rap_texts: Texts, rap_pyproject: Pyproject) -> bool | str:
        """Accept dependencies in pyproject (PEP 621, groups, Poetry), setup.cfg/.py or files.

        Files: requirements*.txt, environment.yml, Pipfile, an R DESCRIPTION, or any lock file.
        """
        declared = rap_metadata.declares_dependencies
        if declared or rap_texts.dependency_files or rap_texts.lock_files:
            return True
        if rap_pyproject.error:
            return unreadable_pyproject("its dependencies")
        return (
            "The dependencies aren't recorded. List the packages the pipeline needs under "
            "`dependencies` in pyproject.toml (`uv add pandas` does it for you), or in "
            "requirements.txt."
        )


class DependenciesLocked(RapCheck):
    """Exact dependency versions are locked (uv.lock, poetry.lock, renv.lock or pinned)."""

    id = "RAP-S7.2"
    requires = frozenset({"RAP-S7.1"})
    advice = (
        "S7 asks that the dependencies are recorded; a lock file (or exact pins) records their "
        "exact versions so a rerun matches, so its absence is advice."
    )

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Accept a committed lock file, or a requirements.txt whose every line pins with `==`."""
        if rap_texts.lock_files:
            return True
        if "requirements.txt" in rap_texts.dependency_files and not rap_texts.unpinned_requirements:
            return True
        loose = (
            f" ({examples(rap_texts.unpinned_requirements)} in requirements.txt have no exact "
            "version)"
            if rap_texts.unpinned_requirements
            else ""
        )
        return (
            f"The dependencies aren't locked to exact versions{loose}. Run `uv lock` (or "
            "`uv sync`) and commit `uv.lock`, so a rerun next year uses the same packages."
        )


class LoggingUsed(RapCheck):
    """The pipeline's code writes log messages (Python logging, loguru, structlog; R logger...)."""

    id = "RAP-S8.1"

    @staticmethod
    def check(rap_python: PythonFacts, rap_r: RFacts) -> bool | str | None:
        """Accept Python logging (logging, loguru, structlog) or R's logger, futile.logger, log4r.

        Not assessed only when there is neither Python nor R code.
        """
        if not (rap_python.files_parsed or rap_r.files_read):
            return None
        if (rap_python.imports_logging and rap_python.gets_logger) or rap_r.uses_logging:
            return True
        return (
            "The code writes no log messages. In each module add "
            "`logger = logging.getLogger(__name__)` and log what each step read, how many rows "
            "it kept and what it wrote, so each run shows its outputs are as expected."
        )


class LoggingConfigured(RapCheck):
    """Logging is set up to record each run (handlers or `logging.basicConfig`/`dictConfig`)."""

    id = "RAP-S8.2"
    requires = frozenset({"RAP-S8.1"})

    @staticmethod
    def check(rap_python: PythonFacts, rap_r: RFacts) -> bool | str:
        """Look for `basicConfig`, `dictConfig`, `addHandler`, or R's `log_appender` and kin."""
        if rap_python.configures_logging or rap_r.configures_logging:
            return True
        return (
            "Loggers are created but never set up, so messages may go nowhere. Call "
            "`logging.basicConfig(...)` (or `logging.config.dictConfig`) once when the pipeline "
            "starts, writing to a file such as `outputs/logs/run.log` so each run leaves a record."
        )


class TidyDataAttested(AttestedCheck, RapCheck):
    """Data is handled and output in a tidy format (attested in pyproject.toml)."""

    id = "RAP-S9.1"
    attested = "Tidy data (one row per observation, one column per variable)"
    evidence_hint = "docs/data.md"

    @staticmethod
    def signals(rap_texts: Texts) -> list[str]:
        """Clues: a docs page or heading about the data's shape."""
        page = (rap_texts.topics or {}).get("data")
        return [f"data is described in {page}"] if page else []
