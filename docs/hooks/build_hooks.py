"""mkdocs hooks: add the pages generated from code, and expand the short codes in every page.

All the logic is in the ``nhs_rap_docs`` package (importable by the tests); this file only connects
it to mkdocs' build events. The site's address and repository link come from ``nhs_rap.links``, the
same module the CLI, the audit and the guard print addresses from.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nhs_rap_docs.build import generated_pages
from nhs_rap_docs.facts import scan_decisions
from nhs_rap_docs.home import (
    DECISION_INDEX_MARKER,
    TREE_MARKER,
    decision_list,
    default_project_tree,
)
from nhs_rap_docs.markdown import expand_shortcodes
from nhs_rap_docs.schemas import published_schemas

from nhs_rap.links import DOCS_URL, REPO_URL


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Set the site and repository addresses from the code."""
    config.site_url = DOCS_URL + "/"
    config.extra["social"] = [
        {"icon": "fontawesome/brands/github", "link": REPO_URL, "name": "Source code"}
    ]
    return config


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
