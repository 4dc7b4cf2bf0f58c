"""What the generated pages are made from: the data files, decision pages and registries."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nhs_rap.audit.base import check_anchor, first_paragraph
from nhs_rap.audit.registry import all_checks
from nhs_rap.guard.rules import RULES
from nhs_rap.links import LEVELS_SOURCE_URL

DOCS_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = DOCS_DIR / "_data"
DECISIONS_DIR = DOCS_DIR / "decisions"

#: The key pages cite the pinned Levels of RAP page by: [[src:rap-levels]].
LEVELS_SOURCE_KEY = "rap-levels"
SHORTCODE = re.compile(r"\[\[(?P<kind>faq|rap|src):(?P<key>[^\]\s]+)\]\]")


class DocsError(Exception):
    """A fact the site needs is missing or wrong; the message says where to fix it."""


@dataclass(frozen=True)
class FaqEntry:
    """One question of the NHS Python Community FAQ, with our paraphrase and its pinned source."""

    id: str
    question: str
    summary: str
    source_url: str
    source_line: int

    @property
    def anchor(self) -> str:
        """The stable anchor of this question on the FAQ map (the id itself, e.g. ``faq-11``)."""
        return self.id


@dataclass(frozen=True)
class Source:
    """An external page the docs cite."""

    title: str
    url: str


@dataclass(frozen=True)
class Decision:
    """A decision page, with the FAQ questions and RAP criteria it cites."""

    slug: str
    title: str
    faq_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]

    @property
    def src_uri(self) -> str:
        """The page's path in the docs folder, as mkdocs names it."""
        return f"decisions/{self.slug}.md"


@cache
def load_faq() -> tuple[FaqEntry, ...]:
    """Every FAQ question, in order, from the data file."""
    with (DATA_DIR / "faq.toml").open("rb") as handle:
        records = tomllib.load(handle)["question"]
    return tuple(FaqEntry(**record) for record in records)


@cache
def load_sources() -> dict[str, Source]:
    """Load the external sources pages may cite, by key.

    The pinned Levels of RAP page comes from ``nhs_rap.links``, the one place it is written.
    """
    with (DATA_DIR / "sources.toml").open("rb") as handle:
        sources = {key: Source(**value) for key, value in tomllib.load(handle).items()}
    if LEVELS_SOURCE_KEY in sources:
        raise DocsError(
            f"docs/_data/sources.toml: [{LEVELS_SOURCE_KEY}] is nhs_rap.links.LEVELS_SOURCE_URL; "
            "change it there"
        )
    sources[LEVELS_SOURCE_KEY] = Source(
        "NHS RAP Community of Practice: Levels of RAP (pinned copy)", LEVELS_SOURCE_URL
    )
    return sources


@cache
def load_template_support() -> dict[str, str]:
    """Load what a generated project does for each RAP criterion, by criterion id."""
    with (DATA_DIR / "rap_template.toml").open("rb") as handle:
        return tomllib.load(handle)


def faq_by_id() -> dict[str, FaqEntry]:
    """FAQ entries keyed by id."""
    return {entry.id: entry for entry in load_faq()}


def scan_decisions(folder: Path = DECISIONS_DIR) -> tuple[Decision, ...]:
    """Read each decision page's title and the FAQ and criterion short codes it uses."""
    decisions = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
        if title is None:
            raise DocsError(f"{path} has no '# ' title line")
        codes = [(match["kind"], match["key"]) for match in SHORTCODE.finditer(text)]
        decisions.append(
            Decision(
                slug=path.stem,
                title=title[1].strip(),
                faq_ids=tuple(dict.fromkeys(faq_id(key) for kind, key in codes if kind == "faq")),
                criterion_ids=tuple(
                    dict.fromkeys(key.upper() for kind, key in codes if kind == "rap")
                ),
            )
        )
    return tuple(decisions)


def faq_id(key: str) -> str:
    """``11`` or ``faq-11`` -> ``faq-11``."""
    number = key.removeprefix("faq-")
    if not number.isdigit():
        raise DocsError(f"[[faq:{key}]] is not a FAQ number; write e.g. [[faq:11]]")
    return f"faq-{int(number):02d}"


@dataclass(frozen=True)
class CheckInfo:
    """What the docs show of one audit check (read from the audit's registry)."""

    id: str
    criterion: str
    description: str
    url: str
    family: str
    advisory: bool = False
    attestation: bool = False
    accepts: str = ""  # what the check accepts as meeting it (its ``check`` docstring)
    advice: str = ""  # why a failure is only advice: the check asks more than the criterion

    @property
    def anchor(self) -> str:
        """The anchor the audit prints for this check, e.g. ``RAP-S6.1`` -> ``rap-s6-1``."""
        return check_anchor(self.id)


@dataclass(frozen=True)
class RuleInfo:
    """What the docs show of one guard rule (read from the guard's rule table)."""

    id: str
    summary: str
    explanation: str
    url: str
    opt_in: bool = False

    @property
    def anchor(self) -> str:
        """The anchor the guard prints for this rule: the rule id itself."""
        return self.id


def docstring_summary(obj: object) -> str:
    """Return the first paragraph of an object's docstring on one line: what a check is for."""
    doc = (getattr(obj, "__doc__", None) or "").strip()
    return re.sub(r"\s*\n\s*", " ", first_paragraph(doc)) if doc else ""


def load_checks() -> tuple[CheckInfo, ...]:
    """Read the audit's checks from its registry, in id order."""
    checks = []
    for check in all_checks():
        checks.append(
            CheckInfo(
                id=str(check.id),
                criterion=str(check.criterion),
                description=docstring_summary(check),
                url=str(check.url),
                family=str(getattr(check, "family", "")),
                advisory=bool(getattr(check, "advisory", False)),
                attestation=bool(getattr(check, "attestation", False)),
                accepts=re.sub(r"\s+", " ", (check.check.__doc__ or "").strip()),
                advice=str(getattr(check, "advice", "")),
            )
        )
    return tuple(sorted(checks, key=lambda c: _natural_key(c.id)))


def load_rules() -> tuple[RuleInfo, ...]:
    """Read the guard's rules from its rule table."""
    return tuple(
        RuleInfo(
            id=str(r.id),
            summary=str(r.summary),
            explanation=str(r.explanation),
            url=str(r.url),
            opt_in=bool(getattr(r, "opt_in", False)),
        )
        for r in RULES
    )


def _natural_key(text: str) -> list[object]:
    """Sort ``RAP-S10`` after ``RAP-S9``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
