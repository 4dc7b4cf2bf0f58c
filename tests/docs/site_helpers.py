"""Helpers for reading a built docs site: ids, links and published addresses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HOOKS_DIR = ROOT / "docs" / "hooks"
SHARED_FAQ = ROOT.parent / "shared" / "faq"


@dataclass
class HtmlPage:
    """The ids and link targets of one built page."""

    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = HtmlPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.page.ids.add(value)
            if name == "href" and tag == "a" and value is not None:
                self.page.hrefs.append(value)

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)


@cache
def read_html(path: Path) -> HtmlPage:
    """Parse a built page for its ids, link targets and text (once: built pages never change)."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def resolve(page: Path, href: str) -> tuple[Path, str] | None:
    """The built file and fragment an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
    else:
        target = page
    return target, unquote(parts.fragment)


def site_address(site: Path, url: str, docs_url: str) -> tuple[Path, str]:
    """Map a published address (``DOCS_URL/page/#anchor``) to the built file and fragment."""
    assert url.startswith(docs_url + "/"), f"{url} is not under {docs_url}"
    parts = urlsplit(url[len(docs_url) :])
    path = parts.path.strip("/")
    if not path:
        target = site / "index.html"
    elif parts.path.endswith("/"):
        target = site / path / "index.html"
    else:
        target = site / path  # a published file, such as a JSON schema
    return target, parts.fragment
