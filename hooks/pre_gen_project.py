"""Check every answer before a single file is written, and explain in one line what to change.

Cookiecutter renders this file with Jinja and runs it; ``nhs-rap new`` also imports it, unrendered,
so that both front doors apply the same rules. The answers arrive as JSON inside a raw string, which
stays valid Python whether or not the template has been rendered.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

ANSWERS_JSON = r"""{{ cookiecutter | tojson }}"""

# Names Windows refuses for any file or folder, whatever the extension.
WINDOWS_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{digit}" for digit in "123456789"]
    + [f"lpt{digit}" for digit in "123456789"]
)
FOLDER_FORBIDDEN_CHARACTERS = '<>:"/\\|?*'
SLUG_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
PACKAGE_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
MAX_TEXT_LENGTH = 200
MAX_SLUG_LENGTH = 64
# Long enough for a clear name, short enough that the generated code stays within its line length.
MAX_PACKAGE_LENGTH = 40
ONE_LINE_FIELDS = ("project_name", "description", "organisation", "copyright_holder")
REQUIRED_FIELDS = ("project_name", "organisation", "copyright_holder")
# Folder names the generated project uses itself: a package named after one would be confusing.
PROJECT_FOLDERS = frozenset(["src", "tests", "test", "docs", "data", "outputs", "notebooks"])


def check_text_fields(answers: Mapping[str, str]) -> str | None:
    """Free-text answers may hold any character except line breaks and control characters."""
    for field in ONE_LINE_FIELDS:
        value = answers.get(field, "")
        if CONTROL_CHARACTERS.search(value):
            return f"{field} must be one line of text; remove the line break or control character."
        if len(value) > MAX_TEXT_LENGTH:
            return (
                f"{field} is {len(value)} characters long; "
                f"shorten it to {MAX_TEXT_LENGTH} or fewer."
            )
    for field in REQUIRED_FIELDS:
        if not answers.get(field, "").strip():
            return f"{field} is empty; type a value for it."
    return None


def check_project_slug(answers: Mapping[str, str]) -> str | None:
    """The slug names a folder on Windows and Linux and the package on PyPI: it must suit both."""
    slug = answers.get("project_slug", "")
    if not slug:
        return (
            "project_slug is empty (the project name has no letters or digits to make it from); "
            "set project_slug, e.g. project_slug=ae-waiting-times."
        )
    bad = sorted({char for char in slug if char in FOLDER_FORBIDDEN_CHARACTERS or char.isspace()})
    if bad:
        shown = " ".join(repr(char) for char in bad)
        return (
            f"project_slug {slug!r} contains {shown}, which cannot be in a folder name; "
            "use lower-case letters, digits and hyphens, e.g. ae-waiting-times."
        )
    if slug.endswith("."):
        return f"project_slug {slug!r} ends with a dot, which Windows drops; remove it."
    if slug.split(".")[0].lower() in WINDOWS_RESERVED_NAMES:
        return (
            f"project_slug {slug!r} is a reserved device name on Windows and cannot be a folder; "
            f"choose another, e.g. {slug.lower()}-analysis."
        )
    if len(slug) > MAX_SLUG_LENGTH:
        return (
            f"project_slug is {len(slug)} characters long; "
            f"shorten it to {MAX_SLUG_LENGTH} or fewer."
        )
    if not SLUG_PATTERN.match(slug):
        return (
            f"project_slug {slug!r} is not a valid package name; use letters, digits and hyphens, "
            "starting and ending with a letter or digit, e.g. ae-waiting-times."
        )
    return None


def reserved_package_names(answers: Mapping[str, object]) -> frozenset[str]:
    """Names a new package must not take: the standard library and the project's own tools."""
    tools = [*dict(answers.get("_pins", {})), *dict(answers.get("_runtime_dependencies", {}))]
    for table in ("_backend_dependencies", "_data_source_dependencies"):
        for dependencies in dict(answers.get(table, {})).values():
            tools += list(dependencies)
    tool_modules = {name.lower().replace("-", "_") for name in tools}
    return frozenset(sys.stdlib_module_names) | tool_modules | PROJECT_FOLDERS


def check_package_name(answers: Mapping[str, object]) -> str | None:
    """The package name is used in ``import``, so it must be an identifier that shadows nothing."""
    name = str(answers.get("package_name", ""))
    if not PACKAGE_PATTERN.match(name):
        return (
            f"package_name {name!r} is not a valid Python package name; use lower-case letters, "
            "digits and underscores, starting with a letter, e.g. ae_waiting_times."
        )
    if len(name) > MAX_PACKAGE_LENGTH:
        return (
            f"package_name is {len(name)} characters long; shorten it to {MAX_PACKAGE_LENGTH} "
            f"or fewer, e.g. package_name={name[:MAX_PACKAGE_LENGTH].rstrip('_')}."
        )
    if keyword.iskeyword(name):
        return f"package_name {name!r} is a Python keyword; choose another, e.g. {name}_rap."
    if name in reserved_package_names(answers):
        return (
            f"package_name {name!r} would hide the module of the same name that the project needs; "
            f"choose another, e.g. {name}_rap."
        )
    if name in WINDOWS_RESERVED_NAMES:
        return (
            f"package_name {name!r} is a reserved device name on Windows; "
            f"choose another, e.g. {name}_rap."
        )
    return None


def check_contact_email(answers: Mapping[str, str]) -> str | None:
    """The contact email may be left blank, but if given it must look like an address."""
    email = answers.get("contact_email", "").strip()
    if email and not EMAIL_PATTERN.match(email):
        return (
            f"contact_email {email!r} does not look like an email address; "
            "give a team mailbox such as analytics.team@nhs.net, or leave it blank."
        )
    return None


def check_choices(answers: Mapping[str, object], choices: Mapping[str, list[str]]) -> str | None:
    """Each multiple-choice answer must be one of the choices offered in ``cookiecutter.json``."""
    for field, allowed in choices.items():
        value = answers.get(field)
        if value is not None and value not in allowed:
            return f"{field} {value!r} is not one of the choices; use one of: {', '.join(allowed)}."
    return None


class RefusedCombination(NamedTuple):
    """Answers that contradict each other, and why, in one line that says what to change.

    ``when`` maps options to the values that, all together, are refused. ``reason`` may name
    any answer as ``{option}``. A named tuple, so the table is data the tests and docs read.
    """

    when: Mapping[str, tuple[str, ...]]
    reason: str


REFUSED_COMBINATIONS: tuple[RefusedCombination, ...] = (
    RefusedCombination(
        {"rap_target_level": ("gold",), "git_platform": ("none",)},
        "rap_target_level 'gold' needs continuous integration (RAP criteria G2 and G3), "
        "which git_platform 'none' cannot provide; choose github, gitlab or azure-devops, "
        "or aim for silver.",
    ),
    RefusedCombination(
        {"compute_backend": ("pyspark",), "data_source": ("sql-server", "udal")},
        "compute_backend 'pyspark' cannot read data_source '{data_source}': Spark reaches SQL "
        "Server only over JDBC with Microsoft's driver jar, which comes from Maven, not PyPI; "
        "choose compute_backend pandas or polars, or copy the data into Databricks and choose "
        "data_source databricks-sql.",
    ),
)


def python_versions_newer_than(version: str, offered: list[str]) -> tuple[str, ...]:
    """The offered Python versions later than ``version`` (both written ``3.12``)."""

    def as_tuple(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".") if part.isdigit())

    return tuple(choice for choice in offered if as_tuple(choice) > as_tuple(version))


def refused_combinations(
    answers: Mapping[str, object], python_versions: list[str] | None = None
) -> tuple[RefusedCombination, ...]:
    """The fixed table, plus the Python versions the Databricks runtime cannot run.

    Args:
        answers: The answers (or the template's settings), for ``_databricks_runtime``.
        python_versions: The versions to judge; by default only the answer's own.
    """
    runtime = dict(answers.get("_databricks_runtime", {}))
    offered = python_versions or [str(answers.get("python_version", ""))]
    too_new = python_versions_newer_than(runtime["python"], offered) if runtime else ()
    if not too_new:
        return REFUSED_COMBINATIONS
    return (
        *REFUSED_COMBINATIONS,
        RefusedCombination(
            {"compute_backend": ("pyspark",), "python_version": too_new},
            f"compute_backend 'pyspark' runs on Databricks Runtime {runtime['name']}, which has "
            f"Python {runtime['python']}; choose python_version {runtime['python']} or older, "
            "or compute_backend pandas or polars.",
        ),
    )


def check_combination(answers: Mapping[str, object]) -> str | None:
    """Reject answers that contradict each other rather than build a project that cannot pass."""
    for refused in refused_combinations(answers):
        if all(answers.get(option) in values for option, values in refused.when.items()):
            return refused.reason.format(**{key: answers.get(key) for key in refused.when})
    return None


CHECKS: tuple[Callable[[Mapping], str | None], ...] = (
    check_text_fields,
    check_project_slug,
    check_package_name,
    check_contact_email,
    check_combination,
)


def choice_lists(template_config: Mapping[str, object]) -> dict[str, list[str]]:
    """The multiple-choice variables of ``cookiecutter.json`` and their allowed values."""
    return {
        name: list(value)
        for name, value in template_config.items()
        if isinstance(value, list) and not name.startswith("_")
    }


def first_problem(answers: Mapping[str, object], choices: Mapping[str, list[str]]) -> str | None:
    """Return the message for the first answer that needs changing, or None when all are fine."""
    problem = check_choices(answers, choices)
    for check in CHECKS:
        if problem:
            break
        problem = check(answers)
    return problem


def main() -> None:
    """Validate the rendered answers; on a problem print one line and stop the bake."""
    answers = json.loads(ANSWERS_JSON)
    template_config = json.loads(
        (Path(answers["_repo_dir"]) / "cookiecutter.json").read_text(encoding="utf-8")
    )
    problem = first_problem(answers, choice_lists(template_config))
    if problem:
        print(f"Error: {problem}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
