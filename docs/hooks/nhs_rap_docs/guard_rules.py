"""The guard rules page, from the guard's rule table."""

from __future__ import annotations

from collections.abc import Sequence

from nhs_rap_docs.facts import RuleInfo
from nhs_rap_docs.markdown import cell, heading


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
        f"| [`{r.id}`](#{r.anchor}) | {cell(r.summary)}{' (opt-in)' if r.opt_in else ''} |"
        for r in rules
    ]
    lines.append("")
    for rule in rules:
        lines += [
            heading(2, f"`{rule.id}`", rule.anchor),
            "",
            f"**{rule.summary}**",
            "",
            rule.explanation,
            "",
        ]
    return "\n".join(lines)
