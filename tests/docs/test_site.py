"""Checks on the built site: every link and anchor that a page or the code prints must resolve.

One ``mkdocs build --strict`` per session (the ``built_site`` fixture) serves all of these.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from nhs_rap_docs.build import generated_pages
from nhs_rap_docs.facts import load_checks, load_faq, load_rules, scan_decisions
from nhs_rap_docs.options import OPTION_DECISIONS
from nhs_rap_docs.schemas import published_schemas
from site_helpers import ROOT, read_html, resolve, site_address

from nhs_rap.cli import app
from nhs_rap.criteria import CRITERIA
from nhs_rap.links import (
    AUDIT_CHECKS_PAGE,
    DOCS_URL,
    FAQ_MAP_PAGE,
    GUARD_RULES_PAGE,
    RAP_LEVELS_PAGE,
    docs_page,
)
from nhs_rap.template import option_names

PUBLISHED = re.compile(re.escape(DOCS_URL) + r"/[^\s\"'`<>)\]]*")


def _pages(site: Path) -> Iterator[Path]:
    yield from (page for page in site.rglob("*.html") if page.name != "404.html")


def _decision_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "decisions").glob("*/index.html"))


def test_site_has_every_expected_page(built_site: Path) -> None:
    for page in ("", "quick-start", "decisions", "rap-levels", "faq-map"):
        assert (built_site / page / "index.html").is_file(), page
    for src_uri in generated_pages():
        assert (built_site / src_uri.removesuffix(".md") / "index.html").is_file(), src_uri
    assert len(_decision_pages(built_site)) == len(scan_decisions())


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = []
    for page in _pages(built_site):
        for href in read_html(page).hrefs:
            target = resolve(page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{page.relative_to(built_site)}: {href} (no page)")
            elif fragment and fragment not in read_html(file).ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no anchor)")
    assert not broken, "\n".join(broken)


def test_each_decision_page_links_a_faq_answer_and_a_criterion(built_site: Path) -> None:
    for page in _decision_pages(built_site):
        hrefs = read_html(page).hrefs
        assert any(re.search(r"faq-map/#faq-\d\d$", href) for href in hrefs), page.parent.name
        assert any(re.search(r"rap-levels/#[bsg]\d$", href) for href in hrefs), page.parent.name
        assert any("github.com/nhs-pycom/nhs.pycom/blob/" in href for href in hrefs), (
            f"{page.parent.name} does not link the FAQ's pinned source"
        )


def _assert_published(site: Path, url: str) -> None:
    file, fragment = site_address(site, url, DOCS_URL)
    assert file.is_file(), f"{url}: no such page in the built site"
    if fragment and file.suffix == ".html":
        assert fragment in read_html(file).ids, f"{url}: no such anchor"


def test_faq_and_criterion_addresses_resolve(built_site: Path) -> None:
    for entry in load_faq():
        _assert_published(built_site, docs_page(FAQ_MAP_PAGE, entry.anchor))
    for criterion in CRITERIA:
        _assert_published(built_site, docs_page(RAP_LEVELS_PAGE, criterion.anchor))


def test_audit_check_addresses_resolve(built_site: Path) -> None:
    checks = load_checks()
    assert checks
    rap_levels = read_html(built_site / "rap-levels" / "index.html").hrefs
    for check in checks:
        assert check.url == docs_page(AUDIT_CHECKS_PAGE, check.anchor)
        _assert_published(built_site, check.url)
        assert any(
            href.endswith(f"reference/audit-checks/#{check.anchor}") for href in rap_levels
        ), f"the RAP levels page does not list {check.id} under {check.criterion}"


def test_informational_check_addresses_resolve(built_site: Path) -> None:
    from nhs_rap.audit.registry import informational_checks

    assert informational_checks()
    for check in informational_checks():
        assert check.url == docs_page("reference/audit-checks/", check.anchor)
        _assert_published(built_site, check.url)


def test_guard_rule_addresses_resolve(built_site: Path) -> None:
    rules = load_rules()
    assert rules
    for rule in rules:
        assert rule.url == docs_page(GUARD_RULES_PAGE, rule.anchor)
        _assert_published(built_site, rule.url)


def _docs_page_calls(tree: ast.AST) -> Iterator[str]:
    """Addresses from ``docs_page("page/", "anchor")`` calls whose arguments are literals."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "docs_page"
            and node.args
            and all(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args
            )
        ):
            yield docs_page(*(arg.value for arg in node.args))  # type: ignore[union-attr]


def _printed_addresses() -> dict[str, str]:
    """Every docs address written literally in the package, its template or the README."""
    found: dict[str, str] = {}
    for path in (ROOT / "src" / "nhs_rap").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for url in _docs_page_calls(ast.parse(text)):
            found[url] = str(path.relative_to(ROOT))
    template = ROOT / "{{cookiecutter.project_slug}}"
    candidates = [ROOT / "README.md", *template.rglob("*"), *(ROOT / "src").rglob("*")]
    for path in candidates:
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for url in PUBLISHED.findall(text):
            found[url.rstrip(".,;:")] = str(path.relative_to(ROOT))
    return found


def test_addresses_the_code_prints_resolve(built_site: Path) -> None:
    broken = []
    for url, where in sorted(_printed_addresses().items()):
        if "{{" in url or "{%" in url:
            continue  # a template expression completes this address; checked after baking
        try:
            _assert_published(built_site, url)
        except AssertionError as error:
            broken.append(f"{where}: {error}")
    assert not broken, "\n".join(broken)


def test_every_option_is_documented_with_its_decision(built_site: Path) -> None:
    page = read_html(built_site / "reference" / "options" / "index.html")
    for name in option_names():
        assert name in page.ids, f"option {name} has no entry on the options page"
        slug = OPTION_DECISIONS[name]
        assert any(href.endswith(f"decisions/{slug}/") for href in page.hrefs), name
    assert {"pins", "data-file-extensions"} <= page.ids


def test_every_command_is_in_the_cli_reference(built_site: Path) -> None:
    page = read_html(built_site / "reference" / "cli" / "index.html")
    commands = app.commands
    assert commands
    for name, command in commands.items():
        if not command.hidden:
            assert name in page.ids, f"nhs-rap {name} is missing from the CLI reference"


def test_faq_map_covers_all_41_questions_with_pinned_sources(built_site: Path) -> None:
    page = read_html(built_site / "faq-map" / "index.html")
    text = " ".join(page.text)
    for entry in load_faq():
        assert entry.anchor in page.ids
        assert entry.source_url in page.hrefs
    decisions = scan_decisions()
    unused = [e for e in load_faq() if not any(e.id in d.faq_ids for d in decisions)]
    assert text.count("not a template concern") == len(unused)


def test_schemas_are_published_at_their_own_address(built_site: Path) -> None:
    schemas = published_schemas()
    if not schemas:
        pytest.skip("the package ships no JSON schema with an address on this site")
    for src_uri, content in schemas.items():
        published = built_site / src_uri
        assert published.read_text(encoding="utf-8") == content
