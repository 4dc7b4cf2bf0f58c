"""Build the docs site's reference pages from the code, so that the site cannot drift from it.

Every fact lives in one place: options in ``cookiecutter.json`` (via ``nhs_rap.template``), RAP
criteria in ``nhs_rap.criteria``, the CLI in ``nhs_rap.cli``, audit checks and guard rules in their
registries, FAQ questions in ``docs/_data/faq.toml`` and external sources in
``docs/_data/sources.toml``. Hand-written pages cite FAQ answers, criteria and sources with short
codes (``[[faq:11]]``, ``[[rap:S6]]``, ``[[src:ogl-v3]]``) that this module expands into links, and
the FAQ map and RAP levels page work out which decisions rest on what from those same short codes.
The mkdocs hook in ``build_hooks.py`` only wires these functions into the build; the tests call
them directly.
"""

from __future__ import annotations

import contextlib
import io
import json
import posixpath
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import click

from nhs_rap.audit.asks import ASKS
from nhs_rap.audit.base import check_anchor
from nhs_rap.audit.registry import all_checks
from nhs_rap.audit.settings import ATTESTATION_EXAMPLE, ATTESTATION_KEYS
from nhs_rap.criteria import BY_ID, CRITERIA, Criterion, Level
from nhs_rap.guard.rules import RULES
from nhs_rap.links import (
    AUDIT_CHECKS_PAGE,
    CLI_PAGE,
    DOCS_URL,
    FAQ_MAP_PAGE,
    GUARD_RULES_PAGE,
    LEVELS_SOURCE_URL,
    OPTIONS_PAGE,
    RAP_LEVELS_PAGE,
)
from nhs_rap.template import option_names, template_config

DOCS_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = DOCS_DIR / "_data"
DECISIONS_DIR = DOCS_DIR / "decisions"

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
    "_pins": (
        "Tool versions, written once here and rendered into both the `dev` dependency group and "
        "`.pre-commit-config.yaml`, so the hooks and the environment always agree."
    ),
    "_runtime_dependencies": "What the example pipeline needs at run time, and nothing more.",
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

#: The key pages cite the pinned Levels of RAP page by: [[src:rap-levels]].
LEVELS_SOURCE_KEY = "rap-levels"
SHORTCODE = re.compile(r"\[\[(?P<kind>faq|rap|src):(?P<key>[^\]\s]+)\]\]")
TREE_MARKER = "<!-- nhs-rap:project-tree -->"
DECISION_INDEX_MARKER = "<!-- nhs-rap:decision-list -->"


class DocsError(Exception):
    """A fact the site needs is missing or wrong; the message says where to fix it."""


@dataclass(frozen=True)
class FaqEntry:
    """One question of the NHS Python Community FAQ, with our paraphrase and its pinned source."""

    id: str
    question: str
    summary: str
    source_url: str
    source_line: int

    @property
    def anchor(self) -> str:
        """The stable anchor of this question on the FAQ map (the id itself, e.g. ``faq-11``)."""
        return self.id


@dataclass(frozen=True)
class Source:
    """An external page the docs cite."""

    title: str
    url: str


@dataclass(frozen=True)
class Decision:
    """A decision page, with the FAQ questions and RAP criteria it cites."""

    slug: str
    title: str
    faq_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]

    @property
    def src_uri(self) -> str:
        """The page's path in the docs folder, as mkdocs names it."""
        return f"decisions/{self.slug}.md"


@cache
def load_faq() -> tuple[FaqEntry, ...]:
    """Every FAQ question, in order, from the data file."""
    with (DATA_DIR / "faq.toml").open("rb") as handle:
        records = tomllib.load(handle)["question"]
    return tuple(FaqEntry(**record) for record in records)


@cache
def load_sources() -> dict[str, Source]:
    """Load the external sources pages may cite, by key.

    The pinned Levels of RAP page comes from ``nhs_rap.links``, the one place it is written.
    """
    with (DATA_DIR / "sources.toml").open("rb") as handle:
        sources = {key: Source(**value) for key, value in tomllib.load(handle).items()}
    if LEVELS_SOURCE_KEY in sources:
        raise DocsError(
            f"docs/_data/sources.toml: [{LEVELS_SOURCE_KEY}] is nhs_rap.links.LEVELS_SOURCE_URL; "
            "change it there"
        )
    sources[LEVELS_SOURCE_KEY] = Source(
        "NHS RAP Community of Practice: Levels of RAP (pinned copy)", LEVELS_SOURCE_URL
    )
    return sources


@cache
def load_template_support() -> dict[str, str]:
    """Load what a generated project does for each RAP criterion, by criterion id."""
    with (DATA_DIR / "rap_template.toml").open("rb") as handle:
        return tomllib.load(handle)


def faq_by_id() -> dict[str, FaqEntry]:
    """FAQ entries keyed by id."""
    return {entry.id: entry for entry in load_faq()}


def scan_decisions(folder: Path = DECISIONS_DIR) -> tuple[Decision, ...]:
    """Read each decision page's title and the FAQ and criterion short codes it uses."""
    decisions = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
        if title is None:
            raise DocsError(f"{path} has no '# ' title line")
        codes = [(match["kind"], match["key"]) for match in SHORTCODE.finditer(text)]
        decisions.append(
            Decision(
                slug=path.stem,
                title=title[1].strip(),
                faq_ids=tuple(dict.fromkeys(_faq_id(key) for kind, key in codes if kind == "faq")),
                criterion_ids=tuple(
                    dict.fromkeys(key.upper() for kind, key in codes if kind == "rap")
                ),
            )
        )
    return tuple(decisions)


def _faq_id(key: str) -> str:
    """``11`` or ``faq-11`` -> ``faq-11``."""
    number = key.removeprefix("faq-")
    if not number.isdigit():
        raise DocsError(f"[[faq:{key}]] is not a FAQ number; write e.g. [[faq:11]]")
    return f"faq-{int(number):02d}"


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return a link target from one docs page to another, as mkdocs wants (``../x.md#a``)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def expand_shortcodes(markdown: str, page: str) -> str:
    """Turn ``[[faq:NN]]``, ``[[rap:ID]]`` and ``[[src:key]]`` into links; unknown keys fail."""
    faq = faq_by_id()
    sources = load_sources()

    def expand(match: re.Match[str]) -> str:
        kind, key = match["kind"], match["key"]
        if kind == "faq":
            entry = faq.get(_faq_id(key))
            if entry is None:
                raise DocsError(f"{page}: [[faq:{key}]] names no question of the FAQ")
            link = relative_link(page, FAQ_MAP_PAGE, entry.anchor)
            return f"[{entry.id}: *{entry.question}*]({link}) ([pinned source]({entry.source_url}))"
        if kind == "rap":
            criterion = BY_ID.get(key.upper())
            if criterion is None:
                raise DocsError(f"{page}: [[rap:{key}]] names no RAP criterion (B1..G4)")
            link = relative_link(page, RAP_LEVELS_PAGE, criterion.anchor)
            return f'[RAP {criterion.id}]({link} "{criterion.summary}")'
        source = sources.get(key)
        if source is None:
            raise DocsError(f"{page}: [[src:{key}]] is not in docs/_data/sources.toml")
        return f"[{source.title}]({source.url})"

    return SHORTCODE.sub(expand, markdown)


def _heading(level: int, text: str, anchor: str) -> str:
    return f"{'#' * level} {text} {{ #{anchor} }}"


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def decision_link(from_page: str, decision: Decision) -> str:
    """Return a Markdown link to a decision page."""
    return f"[{decision.title}]({relative_link(from_page, decision.src_uri)})"


# --- FAQ map -------------------------------------------------------------------------------------


def faq_map_page(entries: Sequence[FaqEntry], decisions: Sequence[Decision]) -> str:
    """Write the FAQ map: each question, our paraphrase, its source and the decisions citing it."""
    resting = {entry.id: [d for d in decisions if entry.id in d.faq_ids] for entry in entries}
    used = sum(1 for cited in resting.values() if cited)
    lines = [
        "# FAQ map",
        "",
        "The NHS Python Community's FAQ answers the questions analysts ask about Python in health "
        "and care. Its page has no anchors of its own and is being retired, so this map gives each "
        "question a stable address (`faq-01` to `faq-" + f"{len(entries):02d}`), a one-line "
        "paraphrase in our words, and a link to the exact line of a pinned copy of the source.",
        "",
        f"{used} of the {len(entries)} questions bear on a choice the template makes; the "
        "decisions listed under each are worked out from the decision pages' own links, so this "
        "page and those pages cannot disagree.",
        "",
    ]
    for entry in entries:
        lines += [
            _heading(2, f"{entry.id}: {entry.question}", entry.anchor),
            "",
            f"**In short:** {entry.summary}",
            "",
            f"**Source:** [FAQ source, line {entry.source_line}]({entry.source_url})",
            "",
        ]
        cited = resting[entry.id]
        if cited:
            links = ", ".join(decision_link(FAQ_MAP_PAGE, d) for d in cited)
            lines += [f"**Decisions that rest on it:** {links}", ""]
        else:
            lines += ["**Decisions that rest on it:** not a template concern.", ""]
    return "\n".join(lines)


# --- RAP levels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInfo:
    """What the docs show of one audit check (read from the audit's registry)."""

    id: str
    criterion: str
    description: str
    url: str
    family: str
    advisory: bool = False
    attestation: bool = False
    accepts: str = ""  # what the check accepts as meeting it (its ``check`` docstring)
    advice: str = ""  # why a failure is only advice: the check asks more than the criterion

    @property
    def anchor(self) -> str:
        """The anchor the audit prints for this check, e.g. ``RAP-S6.1`` -> ``rap-s6-1``."""
        return check_anchor(self.id)


@dataclass(frozen=True)
class RuleInfo:
    """What the docs show of one guard rule (read from the guard's rule table)."""

    id: str
    summary: str
    explanation: str
    url: str
    opt_in: bool = False

    @property
    def anchor(self) -> str:
        """The anchor the guard prints for this rule: the rule id itself."""
        return self.id


def _doc_of(obj: object) -> str:
    doc = (getattr(obj, "__doc__", None) or "").strip()
    return re.sub(r"\s*\n\s*", " ", doc.split("\n\n")[0]) if doc else ""


def load_checks() -> tuple[CheckInfo, ...]:
    """Read the audit's checks from its registry, in id order."""
    checks = []
    for check in all_checks():
        checks.append(
            CheckInfo(
                id=str(check.id),
                criterion=str(check.criterion),
                description=_doc_of(check),
                url=str(check.url),
                family=str(getattr(check, "family", "")),
                advisory=bool(getattr(check, "advisory", False)),
                attestation=bool(getattr(check, "attestation", False)),
                accepts=re.sub(r"\s+", " ", (check.check.__doc__ or "").strip()),
                advice=str(getattr(check, "advice", "")),
            )
        )
    return tuple(sorted(checks, key=lambda c: _natural_key(c.id)))


def load_rules() -> tuple[RuleInfo, ...]:
    """Read the guard's rules from its rule table."""
    return tuple(
        RuleInfo(
            id=str(r.id),
            summary=str(r.summary),
            explanation=str(r.explanation),
            url=str(r.url),
            opt_in=bool(getattr(r, "opt_in", False)),
        )
        for r in RULES
    )


def _natural_key(text: str) -> list[object]:
    """Sort ``RAP-S10`` after ``RAP-S9``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def rap_levels_page(
    criteria: Sequence[Criterion],
    support: Mapping[str, str],
    decisions: Sequence[Decision],
    checks: Sequence[CheckInfo],
) -> str:
    """Write the RAP levels page: each criterion, what the template does, decisions, checks."""
    lines = [
        "# RAP levels",
        "",
        "The NHS *Levels of RAP* set out what a Reproducible Analytical Pipeline needs at "
        "baseline, silver and gold. Each level includes everything in the levels below it. The "
        "ids (B1 to G4) are this project's own, stable so that audit checks and these pages can "
        "point at them; the summaries paraphrase the "
        f"[NHS RAP Community of Practice's Levels of RAP page]({LEVELS_SOURCE_URL}) "
        "(Crown copyright, OGL v3).",
        "",
        "For each criterion: what a project made from this template does about it, the decisions "
        "that explain how, and the `nhs-rap audit` checks that verify it. A few criteria need a "
        "person's word and evidence rather than a file check; the audit lists those as needing "
        "**attestation** in `[tool.nhs-rap]` in `pyproject.toml`.",
        "",
    ]
    for level in Level:
        lines += [_heading(2, f"{level.value.title()}", level.value), ""]
        for criterion in (c for c in criteria if c.level is level):
            if criterion.id not in support:
                raise DocsError(f"docs/_data/rap_template.toml has no line for {criterion.id}")
            lines += [
                _heading(3, f"{criterion.id}: {criterion.summary}", criterion.anchor),
                "",
                f"**What the template does:** {support[criterion.id]}",
                "",
            ]
            if not criterion.automatable:
                lines += [
                    "**How it is verified:** a file check cannot prove this; record it as an "
                    "attestation (evidence link or reason, who, when).",
                    "",
                ]
            explained = [d for d in decisions if criterion.id in d.criterion_ids]
            if explained:
                links = ", ".join(decision_link(RAP_LEVELS_PAGE, d) for d in explained)
                lines += [f"**Decisions:** {links}", ""]
            own = [c for c in checks if c.criterion == criterion.id]
            if own:
                lines += ["**Audit checks:**", ""]
                for check in own:
                    link = relative_link(RAP_LEVELS_PAGE, AUDIT_CHECKS_PAGE, check.anchor)
                    lines.append(f"- [`{check.id}`]({link}) {check.description}")
                lines.append("")
            else:
                lines += ["**Audit checks:** none.", ""]
    return "\n".join(lines)


# --- Reference pages -----------------------------------------------------------------------------


def _is_derived(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def options_page(config: Mapping[str, Any], names: Sequence[str]) -> str:
    """Every template option with its prompt, choices, default and decision, then private facts."""
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
            f"| [`{name}`](#{name}) | {_cell(_default_text(config[name]))} | "
            f"{decision_link(OPTIONS_PAGE, decision)} |"
        )
    lines.append("")
    for name in names:
        value = config[name]
        prompt = prompts.get(name)
        prompt_text = prompt.get("__prompt__", "") if isinstance(prompt, Mapping) else prompt
        decision = decisions[_decision_slug(name)]
        lines += [_heading(2, f"`{name}`", name), ""]
        if prompt_text:
            lines += [f"**Question asked:** {prompt_text}", ""]
        if isinstance(value, list):
            labels = prompt if isinstance(prompt, Mapping) else {}
            lines += ["| Choice | Meaning |", "| --- | --- |"]
            for index, choice in enumerate(value):
                default = " (default)" if index == 0 else ""
                lines.append(
                    f"| `{_cell(choice)}`{default} | {_cell(labels.get(choice, choice))} |"
                )
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
        _heading(2, "Settings you are not asked about", "private-settings"),
        "",
        "These live in `cookiecutter.json` under names starting with `_`; cookiecutter never asks "
        "about them, but they shape every project.",
        "",
    ]
    for name, value in config.items():
        if not name.startswith("_") or name.startswith("__") or name not in PRIVATE_SETTINGS:
            continue
        lines += [
            _heading(3, f"`{name}`", name.strip("_").replace("_", "-")),
            "",
            PRIVATE_SETTINGS[name],
            "",
        ]
        if isinstance(value, Mapping) and set(value) == set(config.get("data_source", [])):
            lines += ["| `data_source` | Value |", "| --- | --- |"]
            lines += [f"| `{_cell(k)}` | {_per_source_text(v)} |" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, Mapping):
            lines += ["| Package | Version |", "| --- | --- |"]
            lines += [f"| `{_cell(k)}` | `{_cell(v)}` |" for k, v in value.items()]
            lines.append("")
        elif isinstance(value, list):
            lines += [", ".join(f"`.{_cell(item)}`" for item in value), ""]
        else:
            lines += [f"`{value}`", ""]
    return "\n".join(lines)


def _per_source_text(value: object) -> str:
    """A per-data-source setting: packages with their versions, or a single word."""
    if isinstance(value, Mapping):
        return ", ".join(f"`{_cell(k)}{_cell(v)}`" for k, v in value.items()) or "nothing more"
    return f"`{_cell(value)}`"


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


def cli_page(root: click.Group) -> str:
    """Write the CLI reference: each command's usage, help and parameters, from the click group."""
    root_ctx = root.make_context("nhs-rap", [], resilient_parsing=True)
    lines = [
        "# Command line",
        "",
        "Generated from the `nhs-rap` program itself. Every command also answers `--help`.",
        "",
        "```text",
        root.get_usage(root_ctx),
        "```",
        "",
        _format_params(root.params, root_ctx),
    ]
    commands: Mapping[str, Any] = getattr(root, "commands", {})
    for name in sorted(commands):
        command = commands[name]
        if command.hidden:
            continue
        ctx = command.make_context(name, [], parent=root_ctx, resilient_parsing=True)
        lines += [
            _heading(2, f"`nhs-rap {name}`", name),
            "",
            (command.help or "").strip(),
            "",
            "```text",
            command.get_usage(ctx),
            "```",
            "",
            _format_params(command.params, ctx),
        ]
    return "\n".join(lines)


def _format_params(params: Iterable[Any], ctx: Any) -> str:
    """Tabulate a command's arguments and options (help options are not in ``params``)."""
    rows = ["| Argument or option | Type | Default | What it does |", "| --- | --- | --- | --- |"]
    for param in params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            names = f"`{param.metavar or param.name.upper()}`"
        else:
            names = " ".join(f"`{name}`" for name in (*param.opts, *param.secondary_opts))
        default = param.get_default(ctx, call=False)
        if getattr(param, "is_flag", False):
            shown = "on" if default else "off"
        elif default is None or callable(default):
            shown = ""
        else:
            shown = f"`{_cell(_plain_default(default))}`"
        kind = _type_name(param)
        rows.append(f"| {names} | {_cell(kind)} | {shown} | {_cell(param.help or '')} |")
    return "\n".join(rows) + "\n" if len(rows) > 2 else ""


def _type_name(param: click.Parameter) -> str:
    """A reader's name for what a parameter takes: its choices, "flag", "path" or "text"."""
    if isinstance(param.type, click.Choice):
        return "|".join(str(choice) for choice in param.type.choices)
    if getattr(param, "is_flag", False):
        return "flag"
    return {"path": "path", "text": "text"}.get(param.type.name, param.type.name)


def _plain_default(value: object) -> object:
    if isinstance(value, Path):
        return value.as_posix()
    return value


def audit_checks_page(checks: Sequence[CheckInfo], schemas: Sequence[str] = ()) -> str:
    """Every audit check, grouped by criterion, at the anchor the audit prints."""
    lines = [
        "# Audit checks",
        "",
        "Every check `nhs-rap audit` runs, generated from the audit's own registry. Each failure "
        "message in the audit's report links to the check's entry here.",
        "",
    ]
    for schema in schemas:
        name = posixpath.basename(schema)
        lines += [
            f"The JSON report (`--format json`) follows the schema "
            f"[{name}]({relative_link(AUDIT_CHECKS_PAGE, schema)}).",
            "",
        ]
    for criterion in CRITERIA:
        own = [c for c in checks if c.criterion == criterion.id]
        if not own:
            continue
        link = relative_link(AUDIT_CHECKS_PAGE, RAP_LEVELS_PAGE, criterion.anchor)
        lines += [f"## [{criterion.id}]({link}): {criterion.summary}", ""]
        asks = ASKS.get(criterion.id)
        if asks:
            lines += [f"**What the criterion asks:** {asks}", ""]
        for check in own:
            lines += [_heading(3, f"`{check.id}`", check.anchor), "", check.description or "", ""]
            if check.accepts:
                lines += [f"**What the check accepts:** {check.accepts}", ""]
            if check.advice:
                lines += [f"**Advice, not a failure:** {check.advice}", ""]
            notes = [f"repo-review family `{check.family}`"] if check.family else []
            if check.advisory:
                notes.append(
                    "advisory: a failure is shown as a warning and does not stop the level"
                )
            if check.attestation:
                notes.append("passes on a person's recorded attestation in `[tool.nhs-rap]`")
            if notes:
                lines += [f"*{'; '.join(notes).capitalize()}.*", ""]
    unknown = [c for c in checks if c.criterion not in BY_ID]
    if unknown:
        raise DocsError(f"audit checks name unknown criteria: {[c.id for c in unknown]}")
    return "\n".join(lines + _informational_section() + _attestation_section() + _ignore_section())


def _informational_section() -> list[str]:
    """The informational checks (``RAP-I``), from their own registry: not part of any level."""
    from nhs_rap.audit.informational import THEMES
    from nhs_rap.audit.registry import informational_checks

    lines = [
        "## Informational checks",
        "",
        "These checks report a fact worth a reviewer's attention and are **not part of any RAP "
        "level**: whatever they find, the level reached is the same. Every format of the report "
        "shows them in a section of their own; the JSON report lists them under `informational`. "
        "Each ends as *found*, *note* (found, with something to know), *not found* or *error*. "
        "Under `repo-review` they are in the family `rap-informational`, where found is a pass "
        "and not found a skip, never a failure; `--ignore RAP-I1.` (or the same in "
        "`[tool.repo-review] ignore`) hides a theme's checks there.",
        "",
    ]
    for theme, title in THEMES.items():
        lines += [f"### {theme}: {title}", ""]
        for check in informational_checks():
            if check.theme != theme:
                continue
            lines += [_heading(4, f"`{check.id}`", check.anchor), ""]
            lines += [_doc_of(check), ""]
            accepts = re.sub(r"\s+", " ", (check.observe.__doc__ or "").strip())
            lines += [f"**What the check accepts:** {accepts}", ""]
    return lines


def _attestation_section() -> list[str]:
    """How to record an attestation, from the audit's own settings reader."""
    lines = [
        "## Recording an attestation",
        "",
        "Criteria that no file can prove wait on a person's word: record it in `pyproject.toml`, "
        "one table per criterion, once it is true. An attestation counts only when it is "
        "complete. The keys:",
        "",
    ]
    lines += [f"- `{key}`: {meaning}." for key, meaning in ATTESTATION_KEYS.items()]
    return [*lines, "", "```toml", ATTESTATION_EXAMPLE.rstrip(), "```", ""]


def _ignore_section() -> list[str]:
    """How a team waves a check through, in either table the audit reads."""
    return [
        "## Ignoring a check",
        "",
        "A team can ignore a check it has a good reason to set aside; the report still lists it, "
        "with the reason, and it no longer blocks a level. Checks that wait on an attestation "
        "can't be ignored. Give the reason as the value, in `[tool.nhs-rap.ignore]` or, if you "
        "also run `repo-review`, in `[tool.repo-review]`, which both tools read alike (a check's "
        "id, or its id without the number for the group):",
        "",
        "```toml",
        "[tool.nhs-rap.ignore]",
        '"RAP-S2.3" = "Legacy module kept for reference; retired in the next release."',
        "",
        "[tool.repo-review]",
        'ignore = {"RAP-S2." = "Legacy module kept for reference; retired in the next release."}',
        "```",
        "",
        "An ignore without a reason (such as a plain list for repo-review) is reported in the "
        "audit's warnings and not applied.",
        "",
    ]


def guard_rules_page(rules: Sequence[RuleInfo]) -> str:
    """Every guard rule at the anchor the guard prints, with its explanation."""
    lines = [
        "# Guard rules",
        "",
        "Every rule `nhs-rap guard` applies, generated from the guard's own rule table. Each "
        "finding in the guard's report names its rule and links here.",
        "",
        "| Rule | What it catches |",
        "| --- | --- |",
    ]
    lines += [
        f"| [`{r.id}`](#{r.anchor}) | {_cell(r.summary)}{' (opt-in)' if r.opt_in else ''} |"
        for r in rules
    ]
    lines.append("")
    for rule in rules:
        lines += [
            _heading(2, f"`{rule.id}`", rule.anchor),
            "",
            f"**{rule.summary}**",
            "",
            rule.explanation,
            "",
        ]
    return "\n".join(lines)


# --- Home page: a real project's tree ------------------------------------------------------------


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


# --- What the build adds -------------------------------------------------------------------------


def generated_pages() -> dict[str, Callable[[], str]]:
    """Each generated page's path in the site and the function that writes it."""
    from nhs_rap.cli import app

    pages: dict[str, Callable[[], str]] = {
        RAP_LEVELS_PAGE: lambda: rap_levels_page(
            CRITERIA, load_template_support(), scan_decisions(), load_checks()
        ),
        FAQ_MAP_PAGE: lambda: faq_map_page(load_faq(), scan_decisions()),
        OPTIONS_PAGE: lambda: options_page(template_config(), option_names()),
        CLI_PAGE: lambda: cli_page(app),
        AUDIT_CHECKS_PAGE: lambda: audit_checks_page(load_checks(), sorted(published_schemas())),
        GUARD_RULES_PAGE: lambda: guard_rules_page(load_rules()),
    }
    return pages


def published_schemas() -> dict[str, str]:
    """JSON schemas shipped in the package whose ``$id`` is an address on this site, by path.

    Publishing each schema at its own ``$id`` means the address in a report is one a person (or a
    validator) can open; the ``$id`` is the one place that address is written.
    """
    import nhs_rap

    prefix = DOCS_URL + "/"
    found: dict[str, str] = {}
    for path in sorted(Path(nhs_rap.__file__).parent.rglob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        schema_id = str(json.loads(text).get("$id", ""))
        if schema_id.startswith(prefix):
            found[schema_id.removeprefix(prefix)] = text
    return found
