"""The FAQ map page: every FAQ question and the decisions that rest on it."""

from __future__ import annotations

from collections.abc import Sequence

from nhs_rap.links import FAQ_MAP_PAGE
from nhs_rap_docs.facts import Decision, FaqEntry
from nhs_rap_docs.markdown import decision_link, heading


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
            heading(2, f"{entry.id}: {entry.question}", entry.anchor),
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
