"""mkdocs hooks: add the pages generated from code, and expand the short codes in every page.

All the logic is in ``nhs_rap_docs`` (importable by the tests); this file only connects it to
mkdocs' build events. The site's address and repository link come from ``nhs_rap.links``, the same
module the CLI, the audit and the guard print addresses from.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nhs_rap_docs import (
    DECISION_INDEX_MARKER,
    TREE_MARKER,
    decision_list,
    default_project_tree,
    expand_shortcodes,
    generated_pages,
    published_schemas,
    scan_decisions,
)

from nhs_rap.links import DOCS_URL, REPO_URL

log = logging.getLogger("mkdocs.hooks.nhs_rap")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Set the site and repository addresses from the code, and drop nav entries not built yet."""
    config.site_url = DOCS_URL + "/"
    config.extra["social"] = [
        {"icon": "fontawesome/brands/github", "link": REPO_URL, "name": "Source code"}
    ]
    built = set(generated_pages())
    config.nav = _prune_nav(config.nav, built)
    return config


def _prune_nav(nav: Any, built: set[str]) -> Any:
    """Remove reference pages whose code interface has not landed, saying so in the build log."""
    from nhs_rap_docs import AUDIT_CHECKS_PAGE, GUARD_RULES_PAGE

    optional = {AUDIT_CHECKS_PAGE, GUARD_RULES_PAGE} - built
    if isinstance(nav, list):
        kept = []
        for item in nav:
            if isinstance(item, str) and item in optional:
                log.info(
                    "Not building %s: the code it is generated from is not in this release", item
                )
                continue
            kept.append(_prune_nav(item, built))
        return kept
    if isinstance(nav, dict):
        return {key: _prune_nav(value, built) for key, value in nav.items()}
    return nav


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add each generated page, and each schema at its ``$id``, as if they were in docs/."""
    for src_uri, make in generated_pages().items():
        files.append(File.generated(config, src_uri, content=make()))
    for src_uri, content in published_schemas().items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand short codes, and fill in the project tree and the decision list where asked."""
    if TREE_MARKER in markdown:
        markdown = markdown.replace(TREE_MARKER, default_project_tree())
    if DECISION_INDEX_MARKER in markdown:
        markdown = markdown.replace(
            DECISION_INDEX_MARKER, decision_list(page.file.src_uri, scan_decisions())
        )
    return expand_shortcodes(markdown, page.file.src_uri)
