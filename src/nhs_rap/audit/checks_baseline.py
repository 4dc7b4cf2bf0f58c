"""Baseline checks (B1-B5): open-source code, version control, a README, review and publication."""

from __future__ import annotations

import re

from nhs_rap.audit.base import AttestedCheck, RapCheck, examples, runs_pipeline
from nhs_rap.audit.gitinfo import GitFacts
from nhs_rap.audit.metadata import Metadata
from nhs_rap.audit.texts import Texts
from nhs_rap.audit.walk import Tree

OPEN_SOURCE_CODE = {
    ".py": "Python",
    ".ipynb": "Jupyter",
    ".r": "R",
    ".rmd": "R Markdown",
    ".qmd": "Quarto",
    ".sql": "SQL",
}
PROPRIETARY_CODE = {
    ".sas": "SAS",
    ".egp": "SAS Enterprise Guide",
    ".sps": "SPSS",
    ".do": "Stata",
    ".ado": "Stata",
    ".xlsm": "Excel with macros",
    ".xlsb": "Excel binary workbook",
    ".bas": "VBA",
}
INSTALL_COMMAND = re.compile(
    r"\b(pip3? install|pipx install|uv (sync|pip install|tool install|venv|add)|"
    r"(conda|mamba|micromamba) (env create|env update|install|create)|poetry install|"
    r"pipenv (install|sync)|pdm (install|sync)|install\.packages|renv::(restore|install)|"
    r"(devtools|remotes|pak)::\w*install|make (install|setup|env|venv|requirements)|"
    r"python3? -m (venv|pip|uv)|py -m (venv|pip)|hatch env|pixi install|docker build)",
    re.I,
)
#: A script or notebook named on its own under a run heading: "run `create_publication.py`".
SCRIPT_NAME = re.compile(r"[\w./\\-]+\.(py|R|r|sh|ipynb|qmd|Rmd|sql)")


class OpenSourceCode(RapCheck):
    """Analysis code is written in an open-source language (Python, R or SQL)."""

    id = "RAP-B1.1"

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Pass when at least one Python, notebook, R, Quarto or SQL file is present."""
        if rap_tree.count(*OPEN_SOURCE_CODE):
            return True
        return (
            "No Python, R or SQL code was found. Write the steps that produce your outputs as code "
            "in an open-source language; `nhs-rap new` starts a Python pipeline for you."
        )


class NoProprietaryCode(RapCheck):
    """No analysis code is kept in proprietary languages (SAS, SPSS, Stata, Excel macros)."""

    id = "RAP-B1.2"

    @staticmethod
    def check(rap_tree: Tree) -> bool | str:
        """Fail on SAS, SPSS, Stata or macro Excel files, which others can't rerun freely."""
        found = [
            f"{count} {language} ({extension})"
            for extension, language in PROPRIETARY_CODE.items()
            if (count := rap_tree.extensions.get(extension, 0))
        ]
        if not found:
            return True
        return (
            f"Found {', '.join(found)} file(s). Rewrite that logic in Python, R or SQL so anyone "
            "can rerun it without a licence. If the files are kept only for reference, say so "
            "under `[tool.nhs-rap.ignore]` in pyproject.toml."
        )


class GitRepository(RapCheck):
    """The code is in a git repository with at least one commit."""

    id = "RAP-B2.1"

    @staticmethod
    def check(rap_git: GitFacts) -> bool | str:
        """Read `.git` directly: no git program is needed for this check."""
        if not rap_git.is_repo:
            return (
                "This folder is not a git repository. Run `git init`, then `git add .` and "
                '`git commit -m "First version"` (check .gitignore keeps data out first).'
            )
        if not rap_git.has_commits:
            return (
                "The git repository has no commits yet. Commit your work: `git add .` then "
                '`git commit -m "First version"`.'
            )
        return True


class WorkCommitted(RapCheck):
    """All work is committed: no changed or untracked files (advisory)."""

    id = "RAP-B2.2"
    requires = frozenset({"RAP-B2.1"})
    advisory = True

    @staticmethod
    def check(rap_git: GitFacts) -> bool | str | None:
        """Ask git for changed and untracked files, every repository-set program switched off.

        Skipped without git. Outputs must come from code that others can see.
        """
        if not rap_git.status_known:
            return None
        if not (rap_git.changed or rap_git.untracked):
            return True
        return (
            f"{rap_git.changed} changed and {rap_git.untracked} untracked file(s) are not "
            f"committed (for example {examples(rap_git.examples)}). Commit them, or add them to "
            ".gitignore if they must never be shared, so the outputs come from code others can see."
        )


class ReadmePresent(RapCheck):
    """A README is at the top of the repository."""

    id = "RAP-B3.1"

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for README, README.md, README.rst or similar at the top level."""
        readme = rap_texts.readme
        if readme.path is None:
            return (
                "Add a README.md at the top of the repository: what the project does, how to "
                "install it, how to run it, its licence and who to contact (the NHS Open Source "
                "Policy's README section lists what to include)."
            )
        if not readme.headings:
            return (
                f"`{readme.path}` has no headings, or couldn't be read as text. Organise it under "
                "headings such as About, Installation, Usage, Licence and Contact."
            )
        return True


class ReadmeInstall(RapCheck):
    """The README says how to install the project, with the commands to type."""

    id = "RAP-B3.2"
    requires = frozenset({"RAP-B3.1"})

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Accept an install command (pip, uv, conda, Poetry, renv...) anywhere in the README.

        Commands count in code blocks, indented blocks and inline code, under any heading at any
        depth or inside a `<details>` block.
        """
        readme = rap_texts.readme
        if any(INSTALL_COMMAND.search(command) for command in readme.commands):
            return True
        if readme.has_install_heading:
            return (
                f"`{readme.path}` has an installation section but no install command in it. Add "
                "the exact commands in a code block, e.g. `uv sync` or "
                "`python -m pip install -r requirements.txt`."
            )
        return (
            f"`{readme.path}` doesn't say how to install the project. Add an `## Installation` "
            "section with the commands that set up the environment, e.g. `uv sync`."
        )


class ReadmeRun(RapCheck):
    """The README says how to run the pipeline, with the command to type."""

    id = "RAP-B3.3"
    requires = frozenset({"RAP-B3.1"})

    @staticmethod
    def check(rap_texts: Texts, rap_metadata: Metadata) -> bool | str:
        """Accept a run command anywhere in the README.

        For example `python -m pkg`, `python script.py`, `uv run`, `poetry run`, `Rscript`,
        `targets::tar_make()`, `make`, `bash run.sh`, `jupyter nbconvert --execute`, or the
        project's own command (a `[project.scripts]`, `[tool.poetry.scripts]` or console-scripts
        entry); or, under a run or usage heading, the script or notebook to run by name.
        """
        readme = rap_texts.readme
        if runs_pipeline(readme.commands, rap_metadata):
            return True
        if any(SCRIPT_NAME.fullmatch(command) for command in readme.run_commands):
            return True
        where = (
            "has a usage section but no command in it"
            if readme.has_run_heading
            else ("doesn't say how to run the pipeline")
        )
        return (
            f"`{readme.path}` {where}. Add a `## Usage` section with the one command that "
            "produces the outputs, e.g. `uv run python -m your_package`, in a code block."
        )


class ReadmeLicenceContact(RapCheck):
    """The README names the licence and who to contact, as the NHS Open Source Policy suggests."""

    id = "RAP-B3.4"
    requires = frozenset({"RAP-B3.1"})
    advice = (
        "B3 asks for the steps to reproduce the outputs; a licence and a contact are what the "
        "NHS Open Source Policy recommends a README also gives, so their absence is advice."
    )

    @staticmethod
    def check(rap_texts: Texts) -> bool | str:
        """Look for a licence mention and a contact heading, email address or the word contact."""
        readme = rap_texts.readme
        missing = []
        if not readme.mentions_licence:
            missing.append("a Licence section (MIT for code, OGL v3 for documentation by default)")
        if not readme.has_contact:
            missing.append("a Contact section with a team mailbox")
        if not missing:
            return True
        return f"Add to `{readme.path}`: {' and '.join(missing)}."


class PeerReviewAttested(AttestedCheck, RapCheck):
    """Someone other than the author has reviewed the code (attested in pyproject.toml)."""

    id = "RAP-B4.1"
    attested = "Peer review"
    evidence_hint = "https://link-to-the-merged-pull-request-or-review-notes"

    @staticmethod
    def signals(rap_tree: Tree, rap_git: GitFacts) -> list[str]:
        """Clues that review happens: a PR template, CODEOWNERS, merge commits in the history."""
        found = []
        if rap_tree.pr_templates:
            found.append(f"pull request template: {rap_tree.pr_templates[0]}")
        if rap_tree.codeowners:
            found.append(f"code owners: {rap_tree.codeowners[0]}")
        if rap_git.merge_commits:
            found.append(f"{rap_git.merge_commits} merge commit(s) in the history")
        return found


class PublicationAttested(AttestedCheck, RapCheck):
    """The code is published openly and linked with any publication (attested in pyproject.toml)."""

    id = "RAP-B5.1"
    attested = "Open publication"
    evidence_hint = "https://link-to-the-published-repository-or-publication"

    @staticmethod
    def signals(rap_tree: Tree, rap_git: GitFacts) -> list[str]:
        """Clues that the code is published: a licence file and a remote repository address."""
        found = []
        licence = rap_tree.has_root_file("LICENSE", "LICENCE", "LICENSE.md", "LICENCE.md")
        if licence:
            found.append(f"licence file: {licence}")
        found.extend(f"remote: {remote}" for remote in rap_git.remotes[:2])
        return found
