"""The informational disclosure-control check (RAP-I1.1): what it recognises, and that it never
changes a level, in any output format or under repo-review."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from audit_repos import BREAKERS, GOOD, PACKAGE, build
from repo_review.processor import process
from rich.console import Console

from nhs_rap.audit import output_html, output_json, output_markdown, output_rich
from nhs_rap.audit.disclosure_signals import names_the_step
from nhs_rap.audit.informational import InfoCheck
from nhs_rap.audit.registry import informational_checks, repo_review_checks
from nhs_rap.audit.runner import run_informational
from nhs_rap.audit.status import InfoStatus
from nhs_rap.audit.verdict import Report, audit
from nhs_rap.criteria import Level

Files = dict[str, str]

# The shape `nhs-rap new` writes: a [disclosure] section, a disclosure module, the pipeline
# importing it.
TEMPLATE_CONFIG = """\
[paths]
output_dir = "outputs"

[disclosure]
mode = "{mode}"
suppress_up_to = 7
round_to = 5
marker = "*"
"""
TEMPLATE_MODULE = '''\
"""Suppress small counts and round the rest before anything is published."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """The rule."""

    threshold: int = 7
    base: int = 5

    def publish(self, count: int) -> int | None:
        """The published figure."""
        if 0 < count <= self.threshold:
            return None
        return self.base * ((count + self.base // 2) // self.base)
'''
MAIN_WITH_STEP = GOOD[f"src/{PACKAGE}/__main__.py"].replace(
    "from waits.steps import clean, count\n",
    "from waits.disclosure import Rule\nfrom waits.steps import clean, count\n",
)


def with_template_step(mode: str = "publication") -> Files:
    return {
        **GOOD,
        "config.toml": TEMPLATE_CONFIG.format(mode=mode),
        f"src/{PACKAGE}/disclosure.py": TEMPLATE_MODULE,
        f"src/{PACKAGE}/__main__.py": MAIN_WITH_STEP,
    }


def with_file(path: str, text: str) -> Files:
    return {**GOOD, path: text}


# Other shapes real pipelines use, none with our template's names.
OTHER_SHAPES: dict[str, Files] = {
    "pandas-where-marker": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\nimport numpy as np\n\n\ndef tidy(df):\n    """Tidy."""\n'
        '    df["n"] = np.where(df["n"] < 8, "*", df["n"])\n    return df\n',
    ),
    "pandas-loc-nan": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\nimport numpy as np\n\n\ndef tidy(df):\n    """Tidy."""\n'
        '    df.loc[df["count"].between(1, 4), "count"] = np.nan\n    return df\n',
    ),
    "pandas-where-keeps-large": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\n\ndef tidy(df):\n    """Tidy."""\n'
        '    return df.assign(n=df["n"].where((df["n"] >= 8) | (df["n"] == 0)))\n',
    ),
    "rounding-to-5": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\n\ndef tidy(values):\n    """Tidy."""\n'
        "    return [5 * round(v / 5) for v in values]\n",
    ),
    "acro-import": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\nfrom acro import ACRO\n\n\ndef tidy():\n    """Tidy."""\n'
        "    return ACRO()\n",
    ),
    "named-function": with_file(
        f"src/{PACKAGE}/publish.py",
        '"""Publish."""\n\n\ndef apply_small_number_mask(df):\n    """Mask."""\n    return df\n',
    ),
    "r-sdcmicro": with_file("R/publish.R", "library(sdcMicro)\n\npublish <- function(x) x\n"),
    "r-ifelse-na": with_file(
        "R/publish.R",
        "publish <- function(df) {\n  df$n <- ifelse(df$n <= 7, NA, df$n)\n  df\n}\n",
    ),
    "yaml-sdc-section": with_file("config/params.yaml", "sdc:\n  threshold: 10\n  round: 5\n"),
    "json-setting": with_file("settings.json", '{"output": {"suppression_threshold": 5}}\n'),
    "pyproject-tool-table": with_file(
        "pyproject.toml", GOOD["pyproject.toml"] + "\n[tool.waits.sdc]\nthreshold = 10\n"
    ),
}

# Look-alikes that are not a disclosure-control step.
LOOKALIKES: dict[str, Files] = {
    "r-suppress-warnings": with_file(
        "R/load.R", "load <- function(p) suppressWarnings(suppressMessages(read.csv(p)))\n"
    ),
    "contextlib-suppress": with_file(
        f"src/{PACKAGE}/io.py",
        '"""IO."""\n\nimport contextlib\n\n\ndef remove(path):\n    """Remove."""\n'
        "    with contextlib.suppress(FileNotFoundError):\n        path.unlink()\n",
    ),
    "prose-only": with_file(
        f"src/{PACKAGE}/notes.py",
        '"""We should add suppression of small counts (disclosure control) later."""\n\n'
        "# TODO: suppress_small_counts(df) before publishing\nVALUE = 1\n",
    ),
    "only-in-tests": with_file(
        "tests/unit/test_sdc.py", "def test_suppress_small_counts():\n    assert True\n"
    ),
    "docs-nav-entry": with_file("mkdocs.yml", "site_name: Waits\nnav:\n  - Disclosure: d.md\n"),
    "ci-step-name": with_file(".github/workflows/sdc.yml", "jobs:\n  sdc:\n    steps: []\n"),
    "pandas-where-on-dates": with_file(
        f"src/{PACKAGE}/dates.py",
        '"""Dates."""\n\n\ndef recent(df):\n    """Recent."""\n'
        '    return df.where(df["year"] >= 2020)\n',
    ),
    "rounding-decimals": with_file(
        f"src/{PACKAGE}/rates.py",
        '"""Rates."""\n\n\ndef rate(a, b):\n    """Rate."""\n    return round(a / b, 1)\n',
    ),
}


def _audit(tmp_path: Path, files: Files, name: str = "repo") -> Report:
    return audit(build(tmp_path / name, files, git=True), Level.GOLD)


def _disclosure(report: Report):
    return next(item for item in report.informational if item.id == "RAP-I1.1")


def _levels(report: Report) -> tuple:
    return (
        report.level_reached,
        report.automated_level,
        report.target_met,
        report.exit_code,
        report.next_actions,
        tuple((c.id, c.status) for c in report.checks),
        tuple((c.id, c.status) for c in report.criteria),
    )


def test_template_shape_is_found(tmp_path: Path) -> None:
    item = _disclosure(_audit(tmp_path, with_template_step()))
    assert item.status is InfoStatus.FOUND
    assert any(e.startswith("config.toml: ") and "[disclosure]" in e for e in item.evidence)
    assert any("imports the disclosure-control module waits.disclosure" in e for e in item.evidence)


def test_no_step_is_not_found(tmp_path: Path) -> None:
    item = _disclosure(_audit(tmp_path, dict(GOOD)))
    assert item.status is InfoStatus.NOT_FOUND and not item.evidence
    assert "No disclosure-control step was recognised" in item.message


def test_secure_environment_mode_is_a_note(tmp_path: Path) -> None:
    item = _disclosure(_audit(tmp_path, with_template_step("secure_environment")))
    assert item.status is InfoStatus.NOTE
    assert 'mode = "secure_environment"' in item.message and "exact counts" in item.message


def test_switched_off_by_a_flag_is_a_note(tmp_path: Path) -> None:
    files = with_file("config.yml", "suppression:\n  enabled: false\n  threshold: 5\n")
    assert _disclosure(_audit(tmp_path, files)).status is InfoStatus.NOTE


@pytest.mark.parametrize("shape", OTHER_SHAPES)
def test_other_shapes_are_found(tmp_path: Path, shape: str) -> None:
    item = _disclosure(_audit(tmp_path, OTHER_SHAPES[shape]))
    assert item.status is InfoStatus.FOUND, item
    assert item.evidence


@pytest.mark.parametrize("shape", LOOKALIKES)
def test_lookalikes_are_not_found(tmp_path: Path, shape: str) -> None:
    item = _disclosure(_audit(tmp_path, LOOKALIKES[shape]))
    assert item.status is InfoStatus.NOT_FOUND, item.evidence


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("suppress_small_counts", True),
        ("suppressSmallCounts", True),
        ("DisclosureRule", True),
        ("apply_sdc", True),
        ("small_numbers", True),
        ("round_to_5", True),
        ("suppress", False),
        ("suppressWarnings", False),
        ("suppress_stdout", False),
        ("DisclosureSigns", False),
        ("round_half_up", False),
    ],
)
def test_names_the_step(name: str, expected: bool) -> None:
    assert names_the_step(name) is expected


@pytest.mark.parametrize("breaker", ["none", "RAP-G4.1", "RAP-S6.3"])
@pytest.mark.parametrize("mode", ["publication", "secure_environment"])
def test_the_level_is_the_same_whatever_the_check_finds(
    tmp_path: Path, breaker: str, mode: str
) -> None:
    base = dict(GOOD) if breaker == "none" else BREAKERS[breaker](dict(GOOD))
    stepped = {
        **base,
        "config.toml": TEMPLATE_CONFIG.format(mode=mode),
        f"src/{PACKAGE}/disclosure.py": TEMPLATE_MODULE,
    }
    without_step = _audit(tmp_path, base, "without")
    with_step = _audit(tmp_path, stepped, "with")
    assert _disclosure(without_step).status is InfoStatus.NOT_FOUND
    assert _disclosure(with_step).status is not InfoStatus.NOT_FOUND
    assert _levels(with_step) == _levels(without_step)


def test_informational_checks_are_a_kind_of_their_own() -> None:
    checks = informational_checks()
    assert [check.id for check in checks] == ["RAP-I1.1"]
    for check in checks:
        assert issubclass(check, InfoCheck) and check.family == "rap-informational"
        assert check.url.endswith("#rap-i1-1") and check.anchor == "rap-i1-1"
        assert (check.__doc__ or "").strip().endswith(".")
        assert "{" not in (check.__doc__ or "")  # repo-review formats descriptions
        assert check.check.__doc__ == check.observe.__doc__
    with pytest.raises(ValueError, match=r"needs an id like RAP-I1\.1"):
        type("Broken", (InfoCheck,), {"id": "RAP-I9.1", "observe": staticmethod(lambda: None)})


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    root = tmp_path_factory.mktemp("informational")
    return {
        "found": audit(build(root / "found", with_template_step(), git=True), Level.GOLD),
        "note": audit(
            build(root / "note", with_template_step("secure_environment"), git=True), Level.GOLD
        ),
        "not-found": audit(build(root / "none", dict(GOOD), git=True), Level.GOLD),
    }


@pytest.mark.parametrize("name", ["found", "note", "not-found"])
def test_every_format_shows_it_in_its_own_section(reports: dict[str, Report], name: str) -> None:
    report = reports[name]
    label = InfoStatus(name).label
    data = json.loads(output_json.render(report))
    jsonschema.validate(data, output_json.schema(), cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 2
    assert [item["status"] for item in data["informational"]] == [name]
    assert "RAP-I1.1" not in {check["id"] for check in data["checks"]}
    assert sum(data["summary"].values()) == len(data["checks"])
    markdown = output_markdown.render(report)
    section = markdown.split("### Informational (not part of any RAP level)")[1]
    assert "[RAP-I1.1](" in section and f"**{label}:**" in section
    assert "RAP-I1.1" not in markdown.split("### Informational")[0]
    html = output_html.render(report)
    assert "<h2>Informational (not part of any RAP level)</h2>" in html
    assert html.index("RAP-I1.1") > html.index("<h2>Informational")
    buffer = io.StringIO()
    output_rich.render(report, Console(file=buffer, width=200, color_system=None))
    text = buffer.getvalue()
    assert "Informational (not part of any RAP level)" in text
    assert f"{label}: " in text.split("Informational (not part of any RAP level)")[1]


def test_schema_lists_exactly_the_informational_statuses() -> None:
    item = output_json.schema()["properties"]["informational"]["items"]["properties"]
    assert item["status"]["enum"] == [status.value for status in InfoStatus]
    assert all(status.colour.startswith("#") and status.symbol for status in InfoStatus)


def test_schema_refuses_an_unknown_informational_status(reports: dict[str, Report]) -> None:
    data = json.loads(output_json.render(reports["found"]))
    data["informational"][0]["status"] = "passed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, output_json.schema())


def test_ignoring_an_informational_check_says_there_is_nothing_to_ignore(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["pyproject.toml"] += '\n[tool.nhs-rap.ignore]\n"RAP-I1.1" = "not ours"\n'
    report = _audit(tmp_path, files)
    assert any("RAP-I1.1" in w and "never affects a level" in w for w in report.warnings)


@pytest.mark.parametrize(("files", "expected"), [("found", True), ("none", None), ("note", True)])
def test_under_repo_review_found_passes_and_not_found_skips(
    tmp_path: Path, files: str, expected: bool | None
) -> None:
    chosen = {
        "found": with_template_step(),
        "note": with_template_step("secure_environment"),
        "none": dict(GOOD),
    }[files]
    _, results = process(build(tmp_path / "repo", chosen, git=True))
    result = next(r for r in results if r.name == "RAP-I1.1")
    assert result.result is expected and result.family == "rap-informational"
    assert "RAP-I1.1" in repo_review_checks()


def test_long_lines_are_not_searched_for_the_shape(tmp_path: Path) -> None:
    """A hostile or generated file cannot make the shape patterns slow, or count."""
    line = "x = " + "round(a / 5 + " * 40_000 + "\n"
    files = with_file(f"src/{PACKAGE}/generated.py", '"""Made by a tool."""\n' + line)
    assert _disclosure(_audit(tmp_path, files)).status is InfoStatus.NOT_FOUND


@pytest.mark.parametrize("mode", ["publication", "secure_environment"])
def test_a_project_made_by_the_template_is_recognised(cookies, mode: str) -> None:
    """The real template, baked: its step is found, and its secure_environment switch a note."""
    result = cookies.bake(extra_context={"init_git": "no"})
    assert result.exception is None, result.exception
    project = Path(result.project_path)
    config = project / "config.toml"
    text = config.read_text(encoding="utf-8")
    assert 'mode = "publication"' in text
    config.write_text(text.replace('mode = "publication"', f'mode = "{mode}"'), encoding="utf-8")
    item = _disclosure(audit(project, Level.GOLD))
    expected = InfoStatus.FOUND if mode == "publication" else InfoStatus.NOTE
    assert item.status is expected, item
    package = result.context["package_name"]
    assert f"src/{package}/disclosure.py: a module named for disclosure control" in item.evidence


def test_a_check_that_raises_is_an_error_for_that_check_alone() -> None:
    (item,) = run_informational({"rap_disclosure": None})  # not the fixture it reads
    assert (
        item.status is InfoStatus.ERROR and "report it to the nhs-rap maintainers" in item.message
    )


def test_hiding_them_from_repo_review_is_not_warned_about(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["pyproject.toml"] += '\n[tool.repo-review]\nignore = ["RAP-I1.", "RAP-I1.1"]\n'
    report = _audit(tmp_path, files)
    assert not [warning for warning in report.warnings if "RAP-I" in warning]
    _, results = process(build(tmp_path / "reviewed", files, git=True))
    assert "RAP-I1.1" not in {result.name for result in results}
