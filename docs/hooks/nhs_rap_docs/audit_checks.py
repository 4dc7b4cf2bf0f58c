"""The audit checks page, from the audit's registries and settings reader."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from nhs_rap.audit.asks import ASKS
from nhs_rap.audit.settings import ATTESTATION_EXAMPLE, ATTESTATION_KEYS
from nhs_rap.criteria import BY_ID, CRITERIA
from nhs_rap.links import AUDIT_CHECKS_PAGE, RAP_LEVELS_PAGE
from nhs_rap_docs.facts import CheckInfo, DocsError, docstring_summary
from nhs_rap_docs.markdown import heading, relative_link


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
            lines += [heading(3, f"`{check.id}`", check.anchor), "", check.description or "", ""]
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
            lines += [heading(4, f"`{check.id}`", check.anchor), ""]
            lines += [docstring_summary(check), ""]
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
