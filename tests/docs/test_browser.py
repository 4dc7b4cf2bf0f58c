"""The docs site in a real browser: Debian's headless Chromium, driven by Playwright.

The built site is served on 127.0.0.1 from a thread; the test opens the home page, a decision
page and the FAQ map, follows FAQ links, uses the search box, and fails on any console error.
Screenshots go to ``test-artifacts/screenshots/`` so a person can look at what was tested.
Playwright never downloads a browser here: it drives ``/usr/bin/chromium``, which ``.ci/run``
installs from Debian.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from site_helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# The machine has no network but the package registries: these flags stop Chromium phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.full


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine without a browser; never let CI pass by skipping."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output free of one line per request."""


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on a free loopback port for the length of this module."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    """A Chromium page with a fresh profile, and the list its console errors are gathered in."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (uv sync --group test)")
    errors: list[str] = []
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        page.on(
            "console",
            lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} {r.failure}"))
        try:
            yield page, errors
        finally:
            context.close()


def _shot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


def test_home_page_shows_the_start_command_and_project_tree(browser_page, site_url) -> None:
    page, errors = browser_page
    page.goto(site_url + "/")
    assert "cookiecutter-nhs-rap" in page.title()
    # The start command sits in the tab open on arrival (Windows: ``nhs-rap.exe new``).
    start = page.locator("pre code", has_text=re.compile(r"nhs-rap(\.exe)? new")).first
    assert start.is_visible(), "the start command is not on show when the home page opens"
    tree = page.locator("pre code", has_text="pyproject.toml").first
    assert tree.is_visible(), "the generated project's tree is missing from the home page"
    _shot(page, "home")
    assert not errors, "\n".join(errors)


def test_decision_page_faq_link_lands_on_its_question(browser_page, site_url) -> None:
    page, errors = browser_page
    page.goto(site_url + "/decisions/notebook-outputs/")
    _shot(page, "decision-notebook-outputs")
    link = page.locator('a[href$="faq-map/#faq-11"]').first
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(r"/faq-map/#faq-11$"))
    heading = page.locator("#faq-11")
    assert heading.is_visible()
    assert "data privacy" in heading.inner_text()
    assert heading.bounding_box()["y"] < 400, "the FAQ link did not scroll to its question"
    assert not errors, "\n".join(errors)


def test_faq_map_lists_every_question_and_its_links_work(browser_page, site_url) -> None:
    page, errors = browser_page
    page.goto(site_url + "/faq-map/")
    headings = page.locator("h2[id^='faq-']")
    assert headings.count() == 41
    _shot(page, "faq-map")
    section = page.locator("#faq-11 ~ p").filter(has_text="Decisions that rest on it")
    decision = section.first.locator("a").first
    title = decision.inner_text()
    decision.click()
    page.wait_for_url(re.compile(r"/decisions/[a-z-]+/$"))
    # mkdocs adds a "¶" permalink to each heading; the title itself must match the link text.
    assert page.locator("h1").inner_text().removesuffix("¶").strip() == title.strip()
    assert page.locator('a[href*="faq-map/#faq-11"]').count() >= 1, "no link back to faq-11"
    sources = page.locator('a[href^="https://github.com/nhs-pycom/nhs.pycom/blob/"]')
    assert sources.count() >= 1
    assert not errors, "\n".join(errors)


def test_search_box_finds_pages(browser_page, site_url) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page, errors = browser_page
    page.goto(site_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__item")
    # The search index is built by a web worker after the page loads; on a busy two-core machine
    # a query typed before it is ready is not rerun, so type it again until results appear.
    for _attempt in range(6):
        box.fill("")
        box.type("nbstripout")
        try:
            results.first.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    assert results.count() >= 1, "the search box returned no results for 'nbstripout'"
    assert "notebook" in page.locator(".md-search-result").inner_text().lower()
    _shot(page, "search")
    assert not errors, "\n".join(errors)
