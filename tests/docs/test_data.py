"""Quick checks on the facts the docs are generated from, without building the site."""

from __future__ import annotations

import csv
import os
import re
import tomllib
from pathlib import Path

import pytest
from nhs_rap_docs.facts import Decision, DocsError, load_faq, load_template_support, scan_decisions
from nhs_rap_docs.faq_map import faq_map_page
from nhs_rap_docs.home import project_tree
from nhs_rap_docs.markdown import expand_shortcodes
from nhs_rap_docs.options import OPTION_DECISIONS, PRIVATE_SETTINGS
from site_helpers import ROOT, SHARED_FAQ

from nhs_rap.criteria import CRITERIA
from nhs_rap.template import option_names, template_config

DECISIONS = ROOT / "docs" / "decisions"
#: Options whose decision page is written but which cookiecutter.json doesn't offer yet, with the
#: work adding each. A name leaves this list when its option lands (the test below says when).
PLANNED_OPTIONS: dict[str, str] = {}


def test_every_option_has_a_decision_page() -> None:
    missing = [name for name in option_names() if name not in OPTION_DECISIONS]
    assert not missing, f"add these options to OPTION_DECISIONS in docs/hooks: {missing}"
    for option, slug in OPTION_DECISIONS.items():
        assert (DECISIONS / f"{slug}.md").is_file(), f"{option} points at a missing page {slug}"


def test_every_decision_entry_names_a_real_option() -> None:
    options = set(option_names())
    unknown = set(OPTION_DECISIONS) - options - set(PLANNED_OPTIONS)
    assert not unknown, f"OPTION_DECISIONS names options cookiecutter.json lacks: {unknown}"
    landed = set(PLANNED_OPTIONS) & options
    assert not landed, f"{landed} are options now: remove them from PLANNED_OPTIONS in {__file__}"
    assert set(PLANNED_OPTIONS) <= set(OPTION_DECISIONS), "a planned option needs its page"


def test_decision_pages_are_all_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DECISIONS.glob("*.md"):
        assert f"decisions/{page.name}" in nav, f"{page.name} is not in mkdocs.yml's nav"


def test_each_decision_cites_a_faq_answer_and_a_criterion() -> None:
    decisions = scan_decisions()
    # Every page but the index is a decision (the index is read separately).
    assert len(decisions) == len([p for p in DECISIONS.glob("*.md") if p.name != "index.md"])
    for decision in decisions:
        assert decision.faq_ids, f"{decision.slug} cites no FAQ answer"
        assert decision.criterion_ids, f"{decision.slug} cites no RAP criterion"
        text = (DECISIONS / f"{decision.slug}.md").read_text(encoding="utf-8")
        for heading in ("## What the template does", "## Why", "## What it costs", "## How to"):
            assert heading in text, f"{decision.slug} lacks the section {heading!r}"


def test_every_criterion_says_what_the_template_does() -> None:
    assert set(load_template_support()) == {criterion.id for criterion in CRITERIA}


def test_faq_data_has_41_questions_numbered_in_order() -> None:
    entries = load_faq()
    assert [entry.id for entry in entries] == [f"faq-{n:02d}" for n in range(1, 42)]
    for entry in entries:
        assert entry.summary.strip() and entry.question.strip()
        assert entry.source_url.endswith(f"#L{entry.source_line}")


def _shared_faq_or_skip() -> Path:
    if not (SHARED_FAQ / "questions.tsv").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the shared FAQ at {SHARED_FAQ}")
        pytest.skip(f"the shared FAQ is not beside this clone ({SHARED_FAQ})")
    return SHARED_FAQ


def test_faq_data_matches_the_shared_faq() -> None:
    folder = _shared_faq_or_skip()
    with (folder / "questions.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    ours = {entry.id: entry for entry in load_faq()}
    assert set(ours) == {row["id"] for row in rows}
    for row in rows:
        entry = ours[row["id"]]
        assert entry.question == row["question"]
        assert entry.source_url == row["pinned_source_url"]
        assert entry.source_line == int(row["source_line"])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_faq_summaries_are_paraphrases_not_quotes() -> None:
    """No run of six words in a summary may appear in the FAQ's own answers."""
    folder = _shared_faq_or_skip()
    answers = " ".join(_words((folder / "answers.txt").read_text(encoding="utf-8")))
    for entry in load_faq():
        words = _words(entry.summary)
        for start in range(len(words) - 5):
            run = " ".join(words[start : start + 6])
            assert f" {run} " not in f" {answers} ", f"{entry.id} quotes the FAQ: {run!r}"


def test_sources_are_https_links() -> None:
    with (ROOT / "docs" / "_data" / "sources.toml").open("rb") as handle:
        sources = tomllib.load(handle)
    assert sources
    for key, source in sources.items():
        assert source["url"].startswith("https://"), key
        assert source["title"].strip(), key


def test_shortcodes_become_relative_links() -> None:
    text = expand_shortcodes("See [[faq:11]] and [[rap:S6]].", "decisions/secrets.md")
    assert "(../faq-map.md#faq-11)" in text
    assert "What are the data privacy concerns" in text
    assert "(../rap-levels.md#s6 " in text
    assert "[pinned source](https://github.com/nhs-pycom/" in text


@pytest.mark.parametrize(
    "code", ["[[faq:42]]", "[[rap:S10]]", "[[src:no-such-source]]", "[[faq:x]]"]
)
def test_unknown_shortcodes_fail_the_build(code: str) -> None:
    with pytest.raises(DocsError):
        expand_shortcodes(code, "index.md")


def test_faq_map_lists_decisions_from_their_own_links() -> None:
    decision = Decision("licence", "Licence", ("faq-03",), ("B5",))
    page = faq_map_page(load_faq(), [decision])
    section_03 = page.split("{ #faq-03 }")[1].split("{ #faq-04 }")[0]
    section_05 = page.split("{ #faq-05 }")[1].split("{ #faq-06 }")[0]
    assert "[Licence](decisions/licence.md)" in section_03
    assert "not a template concern" in section_05
    assert "1 of the 41 questions" in page


def test_project_tree_draws_folders_first(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / "src" / "pkg" / "__init__.py").write_text("")
    (project / ".gitignore").write_text("")
    (project / "README.md").write_text("")
    (project / ".git").mkdir()
    assert project_tree(project).splitlines() == [
        "demo/",
        "├── src/",
        "│   └── pkg/",
        "│       └── __init__.py",
        "├── .gitignore",
        "└── README.md",
    ]


def test_pages_workflow_builds_strictly_and_deploys_only_from_main() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text("utf-8"))
    build_steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["build"]["steps"])
    assert "mkdocs build --strict" in build_steps
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            uses = step.get("uses")
            if uses:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"pin {uses} by hash"


def test_every_private_setting_of_ours_is_described() -> None:
    # cookiecutter's own settings shape how it renders, not the project: its docs describe them.
    cookiecutters_own = {"_extensions", "_copy_without_render", "_new_lines", "_jinja2_env_vars"}
    ours = {
        name
        for name in template_config()
        if name.startswith("_") and not name.startswith("__") and name not in cookiecutters_own
    }
    missing = sorted(ours - set(PRIVATE_SETTINGS))
    assert not missing, f"describe these in PRIVATE_SETTINGS in docs/hooks: {missing}"
