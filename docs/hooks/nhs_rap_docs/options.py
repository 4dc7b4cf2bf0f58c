"""The template options page, from ``cookiecutter.json``, and the decision behind each option."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nhs_rap.links import OPTIONS_PAGE
from nhs_rap_docs.facts import DocsError, scan_decisions
from nhs_rap_docs.markdown import cell, decision_link, heading

# Each template option and the decision page that explains it: the one place this is written.
# An entry for an option cookiecutter.json does not have yet is allowed only while it is listed,
# with the issue adding it, in PLANNED_OPTIONS in tests/docs/test_data.py.
OPTION_DECISIONS: dict[str, str] = {
    "project_name": "packaging",
    "project_slug": "packaging",
    "package_name": "packaging",
    "description": "docs",
    "organisation": "community-files",
    "copyright_holder": "licence",
    "contact_email": "community-files",
    "python_version": "dependencies",
    "licence": "licence",
    "git_platform": "ci-and-schedule",
    "rap_target_level": "ci-and-schedule",
    "include_notebooks": "notebook-outputs",
    "init_git": "version-control",
    "compute_backend": "compute-backend",
    "data_source": "data-sources",
}

# Private settings of cookiecutter.json worth showing, and what each one is for.
PRIVATE_SETTINGS: dict[str, str] = {
    "_nhs_rap_version": (
        "The template's release. Generated projects pin this exact `nhs-rap` version for their "
        "guard hook and RAP audit step."
    ),
    "_template_repository": (
        "Where the template's source lives. Every project records it in `.copier-answers.yml` "
        "and `.cruft.json`, so `copier update` and `cruft update` know where to look; "
        "`nhs-rap update` needs no such address, as it downloads releases from PyPI."
    ),
    "_team_owned": (
        "Paths (glob patterns) that a project's team owns: `nhs-rap update` never changes them, "
        "and lists the template's changes to them instead. The same list is copier's "
        "`_skip_if_exists` and cruft's `skip`."
    ),
    "_pins": (
        "Tool versions, written once here and rendered into both the `dev` dependency group and "
        "`.pre-commit-config.yaml`, so the hooks and the environment always agree."
    ),
    "_notebook_pins": (
        "Versions of JupyterLab and the notebook runner, for the `notebooks` dependency group a "
        "project gets when `include_notebooks` is `yes`."
    ),
    "_runtime_dependencies": (
        "What the example pipeline needs at run time whatever its compute backend, and nothing "
        "more."
    ),
    "_backend_dependencies": (
        "What each `compute_backend` adds to the runtime dependencies: the DataFrame library, "
        "pandera's matching flavour for validation, and what the library needs to read the data "
        "(Polars takes DuckDB's results as Arrow data, so it adds pyarrow)."
    ),
    "_databricks_runtime": (
        "The Databricks LTS runtime a `pyspark` project is pinned to: its Python version bounds "
        "`python_version`, and `spark_version` is the runtime the job cluster in `databricks.yml` "
        "runs (its pandas is below 3, hence the `pyspark` backend's `pandas<3`)."
    ),
    "_spark_dependencies": (
        "The `spark` dependency group of a `pyspark` project, which `uv sync` installs for local "
        "runs and tests: PySpark with its Spark Connect extras (Databricks provides its own on a "
        "cluster, so the wheel never requires it) and `databricks-bundles`, which checks "
        "`databricks.yml` offline."
    ),
    "_data_source_dependencies": (
        "The database driver each `data_source` adds to the runtime dependencies; every project "
        "also has DuckDB for its synthetic database."
    ),
    "_sql_dialects": (
        "The SQL dialect (sqlglot's name) that the queries in `sql/` are written in for each "
        "`data_source`; sqlfluff lints them in it and the tests translate them to DuckDB."
    ),
    "_data_file_extensions": (
        "File types the no-data-files hook refuses and `.gitignore` ignores anywhere in the tree "
        "(except the allow-listed synthetic test fixtures)."
    ),
}

# Private settings that are facts about one thing, shown as a table of facts, not of packages.
RECORD_SETTINGS = frozenset({"_databricks_runtime"})

# The private settings whose list items are file extensions, shown with their dot (`.csv`).
EXTENSION_SETTINGS = frozenset({"_data_file_extensions"})


def _is_derived(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def options_page(
    config: Mapping[str, Any], names: Sequence[str], refused: Sequence[Any] = ()
) -> str:
    """Every template option with its prompt, choices, default and decision, then private facts.

    ``refused`` is the pre-generation hook's table of refused combinations.
    """
    prompts: Mapping[str, Any] = config.get("__prompts__", {})
    decisions = {d.slug: d for d in scan_decisions()}
    lines = [
        "# Template options",
        "",
        "Every question `nhs-rap new` and `cookiecutter` ask, generated from the template's "
        "`cookiecutter.json`. Give answers up front as `key=value`, for example "
        '`nhs-rap new project_name="A&E waiting times" licence=Apache-2.0`, or add `--no-input` to '
        "take every default.",
        "",
        "| Option | Default | Explained in |",
        "| --- | --- | --- |",
    ]
    for name in names:
        decision = decisions[_decision_slug(name)]
        lines.append(
            f"| [`{name}`](#{name}) | {cell(_default_text(config[name]))} | "
            f"{decision_link(OPTIONS_PAGE, decision)} |"
        )
    lines.append("")
    for name in names:
        value = config[name]
        prompt = prompts.get(name)
        prompt_text = prompt.get("__prompt__", "") if isinstance(prompt, Mapping) else prompt
        decision = decisions[_decision_slug(name)]
        lines += [heading(2, f"`{name}`", name), ""]
        if prompt_text:
            lines += [f"**Question asked:** {prompt_text}", ""]
        if isinstance(value, list):
            labels = prompt if isinstance(prompt, Mapping) else {}
            lines += ["| Choice | Meaning |", "| --- | --- |"]
            for index, choice in enumerate(value):
                default = " (default)" if index == 0 else ""
                lines.append(f"| `{cell(choice)}`{default} | {cell(labels.get(choice, choice))} |")
            lines.append("")
        elif _is_derived(value):
            lines += [
                "**Default:** worked out from your earlier answers by this expression:",
                "",
                "```jinja",
                str(value),
                "```",
                "",
            ]
        else:
            lines += [f"**Default:** {_default_text(value)}", ""]
        lines += [f"**Why, and how to change it:** {decision_link(OPTIONS_PAGE, decision)}", ""]
    lines += [
        heading(2, "Settings you are not asked about", "private-settings"),
        "",
        "These live in `cookiecutter.json` under names starting with `_`; cookiecutter never asks "
        "about them, but they shape every project.",
        "",
    ]
    for name, value in config.items():
        if not name.startswith("_") or name.startswith("__") or name not in PRIVATE_SETTINGS:
            continue
        lines += [
            heading(3, f"`{name}`", name.strip("_").replace("_", "-")),
            "",
            PRIVATE_SETTINGS[name],
            "",
        ]
        keyed_by = _option_keying(config, names, value)
        if keyed_by:
            lines += [f"| `{keyed_by}` | Value |", "| --- | --- |"]
            lines += [f"| `{cell(k)}` | {_per_source_text(v)} |" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, Mapping) and name in RECORD_SETTINGS:
            lines += ["| Fact | Value |", "| --- | --- |"]
            lines += [f"| {cell(k)} | `{cell(v)}` |" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, Mapping):
            lines += ["| Package | Version |", "| --- | --- |"]
            lines += [f"| `{cell(k)}` | `{cell(v)}` |" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, list):
            dot = "." if name in EXTENSION_SETTINGS else ""
            lines += [", ".join(f"`{dot}{cell(item)}`" for item in value), ""]
        else:
            lines += [f"`{value}`", ""]
    lines += refused_combinations_section(refused)
    return "\n".join(lines)


def refused_combinations_section(refused: Sequence[Any]) -> list[str]:
    """The answers the pre-generation hook refuses together, with the message it gives."""
    lines = [
        heading(2, "Combinations refused", "refused-combinations"),
        "",
        "A project that could not pass its own checks is never built: these answers are refused "
        "together, before a file is written, with the message shown.",
        "",
        "| Answers | Message |",
        "| --- | --- |",
    ]
    for combination in refused:
        answers = " with ".join(
            f"`{option}` " + " or ".join(f"`{value}`" for value in values)
            for option, values in combination.when.items()
        )
        reason = combination.reason
        for option, values in combination.when.items():
            quoted = " or ".join(f"'{value}'" for value in values)
            reason = reason.replace(f"'{{{option}}}'", quoted).replace(f"{{{option}}}", quoted)
        lines.append(f"| {cell(answers)} | {cell(reason)} |")
    lines.append("")
    return lines


def _option_keying(config: Mapping[str, Any], names: Sequence[str], value: object) -> str | None:
    """The option whose choices a private setting is keyed by (one entry per choice), if any."""
    if not isinstance(value, Mapping):
        return None
    for option in names:
        choices = config.get(option)
        if isinstance(choices, list) and set(value) == set(choices):
            return option
    return None


def _per_source_text(value: object) -> str:
    """A per-data-source setting: packages with their versions, or a single word."""
    if isinstance(value, Mapping):
        return ", ".join(f"`{cell(k)}{cell(v)}`" for k, v in value.items()) or "nothing more"
    return f"`{cell(value)}`"


def _decision_slug(option: str) -> str:
    try:
        return OPTION_DECISIONS[option]
    except KeyError:
        raise DocsError(
            f"option {option!r} has no decision page: add it to OPTION_DECISIONS in {__file__}"
        ) from None


def _default_text(value: object) -> str:
    if isinstance(value, list):
        return f"`{value[0]}`"
    if _is_derived(value):
        return "worked out from earlier answers"
    if value == "":
        return "blank"
    return f"`{value}`"
