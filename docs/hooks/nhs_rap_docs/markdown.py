"""Markdown the generated pages share: links between pages, short codes, headings, cells."""

from __future__ import annotations

import posixpath
import re

from nhs_rap.criteria import BY_ID
from nhs_rap.links import FAQ_MAP_PAGE, RAP_LEVELS_PAGE
from nhs_rap_docs.facts import SHORTCODE, Decision, DocsError, faq_by_id, faq_id, load_sources


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
            entry = faq.get(faq_id(key))
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


def heading(level: int, text: str, anchor: str) -> str:
    """Return a Markdown heading with a fixed anchor, the one the CLI and reports link to."""
    return f"{'#' * level} {text} {{ #{anchor} }}"


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def decision_link(from_page: str, decision: Decision) -> str:
    """Return a Markdown link to a decision page."""
    return f"[{decision.title}]({relative_link(from_page, decision.src_uri)})"
