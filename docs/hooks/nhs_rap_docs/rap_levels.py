"""The RAP levels page: each criterion, what the template does, decisions and checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nhs_rap.criteria import Criterion, Level
from nhs_rap.links import AUDIT_CHECKS_PAGE, LEVELS_SOURCE_URL, RAP_LEVELS_PAGE
from nhs_rap_docs.facts import CheckInfo, Decision, DocsError
from nhs_rap_docs.markdown import decision_link, heading, relative_link


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
        lines += [heading(2, f"{level.value.title()}", level.value), ""]
        for criterion in (c for c in criteria if c.level is level):
            if criterion.id not in support:
                raise DocsError(f"docs/_data/rap_template.toml has no line for {criterion.id}")
            lines += [
                heading(3, f"{criterion.id}: {criterion.summary}", criterion.anchor),
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
