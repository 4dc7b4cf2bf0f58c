"""Every output format renders real reports: JSON against its schema, SVG and HTML parsed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from audit_repos import BREAKERS, GOOD, build
from click.testing import CliRunner
from rich.console import Console

from nhs_rap.audit import output_badge, output_html, output_json, output_markdown, output_rich
from nhs_rap.audit.presentation import explanation, headline
from nhs_rap.audit.status import BLOCKING, CheckStatus, CriterionStatus
from nhs_rap.audit.verdict import Report, audit
from nhs_rap.cli import app
from nhs_rap.criteria import Level


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, good_repo: Path) -> dict[str, Report]:
    root = tmp_path_factory.mktemp("outputs")
    empty = root / "empty"
    empty.mkdir()
    unattested = build(root / "unattested", BREAKERS["RAP-B4.1"](dict(GOOD)), git=True)
    ignored = dict(BREAKERS["RAP-S6.3"](dict(GOOD)))
    ignored["pyproject.toml"] += (
        '\n[tool.nhs-rap.ignore]\n"RAP-S6.3" = "Checked <by hand> & | signed"\n'
    )
    return {
        "gold": audit(good_repo, Level.GOLD, strict=True),
        "empty": audit(empty, Level.SILVER),
        "unattested": audit(unattested, Level.GOLD),
        "ignored": audit(build(root / "ignored", ignored, git=True), Level.SILVER),
        "silver": audit(build(root / "silver", BREAKERS["RAP-G4.1"](dict(GOOD)), git=True)),
    }


@pytest.mark.parametrize("name", ["gold", "empty", "unattested", "ignored", "silver"])
def test_json_matches_the_schema(reports: dict[str, Report], name: str) -> None:
    data = json.loads(output_json.render(reports[name]))
    jsonschema.Draft202012Validator.check_schema(output_json.schema())
    jsonschema.validate(data, output_json.schema(), cls=jsonschema.Draft202012Validator)
    assert sum(data["summary"].values()) == len(data["checks"])


def test_json_values(reports: dict[str, Report]) -> None:
    data = json.loads(output_json.render(reports["unattested"]))
    assert data["automated_level"] == "gold" and data["level_reached"] is None
    b4 = next(c for c in data["criteria"] if c["id"] == "B4")
    assert b4["status"] == "needs-attestation" and b4["attestation"]["valid"] is False
    check = next(c for c in data["checks"] if c["id"] == "RAP-B4.1")
    assert "pull request template: .github/pull_request_template.md" in check["signals"]


def test_schema_lists_exactly_the_statuses_the_audit_has() -> None:
    """The schema is a published file, so it is checked against the enums rather than built."""
    properties = output_json.schema()["properties"]
    check_statuses = [status.value for status in CheckStatus]
    assert properties["checks"]["items"]["properties"]["status"]["enum"] == check_statuses
    assert properties["summary"]["required"] == check_statuses
    assert list(properties["summary"]["properties"]) == check_statuses
    criterion_statuses = [status.value for status in CriterionStatus]
    assert properties["criteria"]["items"]["properties"]["status"]["enum"] == criterion_statuses


def test_only_failures_and_errors_block_a_level() -> None:
    assert {CheckStatus.FAILED, CheckStatus.ERROR} == BLOCKING
    assert all(status.symbol and status.label for status in CheckStatus)
    assert all(status.colour.startswith("#") and len(status.colour) == 7 for status in CheckStatus)


def test_schema_rejects_a_wrong_report(reports: dict[str, Report]) -> None:
    data = json.loads(output_json.render(reports["gold"]))
    data["checks"][0]["status"] = "great"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, output_json.schema())


@pytest.mark.parametrize(
    ("name", "value", "colour"),
    [
        ("gold", "gold", "#ffb81c"),
        ("empty", "none", "#768692"),
        ("unattested", "gold (unattested)", "#ffb81c"),
        ("ignored", "gold", "#ffb81c"),
        ("silver", "silver", "#425563"),
    ],
)
def test_svg_badge_is_valid_self_contained_xml(
    reports: dict[str, Report], name: str, value: str, colour: str
) -> None:
    svg = output_badge.render(reports[name])
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert [text.text for text in root.iter(f"{ns}text")] == ["RAP level", value]
    assert colour in {rect.get("fill") for rect in root.iter(f"{ns}rect")}
    assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.external += [v for k, v in attrs if k in {"src"} and v]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_a_self_contained_page_with_escaped_text(reports: dict[str, Report]) -> None:
    page = output_html.render(reports["ignored"])
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("tr") == len(reports["ignored"].checks) + 1
    assert "script" not in parser.tags and "link" not in parser.tags and parser.external == []
    assert "Ignored: Checked <by hand> & | signed" in "".join(parser.text)
    assert "<by hand>" not in page  # escaped in the markup


def test_html_renders_code_blocks(reports: dict[str, Report]) -> None:
    page = output_html.render(reports["unattested"])
    assert "<pre><code>[tool.nhs-rap.attest.B4]" in page


def test_markdown_has_a_row_per_check_and_escapes_pipes(reports: dict[str, Report]) -> None:
    text = output_markdown.render(reports["ignored"])
    rows = [line for line in text.splitlines() if line.startswith("| ") and "RAP-" in line]
    assert len(rows) == len(reports["ignored"].checks)
    assert all(row.count(" | ") == 3 for row in rows)
    assert "Checked <by hand> & \\| signed" in text
    assert text.startswith(
        "## NHS RAP audit: The automated checks reach gold: the silver target is met."
    )
    assert "1 check(s) are ignored" in text


def test_rich_output_shows_verdict_and_actions(reports: dict[str, Report]) -> None:
    console = Console(record=True, width=120, force_terminal=False)
    output_rich.render(reports["empty"], console)
    text = console.export_text()
    assert "The automated checks don't reach baseline yet: the silver target is not met yet." in (
        " ".join(text.split())
    )
    assert "Next actions" in text and "1. RAP-B1.1" in text
    assert text.count("RAP-") >= 36


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "svg", "rich"])
def test_cli_formats_and_exit_codes(good_repo: Path, tmp_path: Path, fmt: str) -> None:
    runner = CliRunner()
    passed = runner.invoke(
        app, ["audit", str(good_repo), "--level", "gold", "--strict", "--format", fmt]
    )
    assert passed.exit_code == 0, passed.output
    assert passed.output.strip()
    failed = runner.invoke(app, ["audit", str(tmp_path), "--level", "baseline", "--format", fmt])
    assert failed.exit_code == 3


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["audit", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output
    assert runner.invoke(app, ["audit", str(tmp_path), "--level", "platinum"]).exit_code == 2
    assert runner.invoke(app, ["audit", str(tmp_path), "--format", "pdf"]).exit_code == 2


def test_verdict_says_what_is_automated_and_what_waits_on_a_person(
    reports: dict[str, Report],
) -> None:
    report = reports["unattested"]  # every file check passes; B4 is not attested
    assert headline(report) == "The automated checks reach gold: the gold target is met."
    said = explanation(report)
    assert said.startswith("B4 can't be checked from the files, so it waits on a person's")
    assert all(key in said for key in ("`by`", "`date`", "`evidence`"))
    assert "level reached: no level yet" not in headline(report).lower()
    assert explanation(reports["gold"]).startswith("Every criterion up to gold is met")
