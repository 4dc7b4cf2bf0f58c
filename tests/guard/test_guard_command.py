"""The command as pre-commit and CI run it: exit codes, report format, allow-listing, git modes."""

from __future__ import annotations

import gzip
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from guard_helpers import commit_files, git, guard, init_repo, valid_number

import nhs_rap.guard
from nhs_rap.cli import app
from nhs_rap.guard.allowlist import ALLOW_FILE
from nhs_rap.guard.rules import RULES

NUMBER = valid_number("401023213")  # 401 023 2137
PATIENTS = f"nhs_number,age\n{NUMBER},34\n"
REPORT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<rule>[a-z0-9-]+): (?P<message>.+)$")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "project")


def test_clean_files_exit_zero(repo: Path) -> None:
    (repo / "pipeline.py").write_text("def run() -> int:\n    return 1\n")
    code, out, err = guard(repo, "pipeline.py")
    assert (code, out) == (0, "")
    assert "no patient data" in err


def test_findings_exit_one_with_masked_lines(repo: Path) -> None:
    (repo / "notes.txt").write_text(PATIENTS)
    code, out, err = guard(repo, "notes.txt")
    assert code == 1
    (line,) = out.splitlines()
    match = REPORT_LINE.match(line)
    assert match is not None
    assert match["path"] == "notes.txt" and match["line"] == "2" and match["rule"] == "nhs-number"
    assert "*** *** **37" not in line and "********37" in line
    assert NUMBER[:4] not in out + err
    assert "reference/guard-rules/#nhs-number" in err


def test_usage_errors_exit_two(repo: Path, tmp_path: Path) -> None:
    (repo / "x.py").write_text("x = 1\n")
    assert guard(repo, "missing.py")[0] == 2
    assert guard(repo, "x.py", history=True)[0] == 2
    assert guard(repo, "x.py", allow_file=Path("no-such-allow.toml"))[0] == 2
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    code, _, err = guard(outside)
    assert code == 2 and "not in a git repository" in err


def test_the_command_is_registered_and_refuses_bad_options() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["guard", "--help"]).exit_code == 0
    assert runner.invoke(app, ["guard", "--no-such-option"]).exit_code == 2


def test_folders_are_walked_without_entering_git(repo: Path) -> None:
    commit_files(repo, {"src/a.py": "x = 1\n"}, "start")
    (repo / "src" / "secret.env").write_text('PASSWORD="Tr0ub4dor&3"\n')
    code, out, _ = guard(repo, "src")
    assert code == 1
    assert out.startswith("src/secret.env:1:credential:")


def test_inline_marker_allows_one_rule_on_one_line(repo: Path) -> None:
    (repo / "a.py").write_text(
        f'EXAMPLE = "{NUMBER}"  # patient example, nhs-rap: allow nhs-number\n'
        f'OTHER = "{NUMBER}"  # patient example\n'
    )
    code, out, _ = guard(repo, "a.py")
    assert code == 1
    assert [REPORT_LINE.match(line)["line"] for line in out.splitlines()] == ["2"]  # type: ignore[index]


def test_allow_list_by_fingerprint_and_by_path(repo: Path) -> None:
    (repo / "tests" / "backtests" / "expected").mkdir(parents=True)
    (repo / "tests/backtests/expected/out.csv").write_text("org,count\nRR8,12\n")
    (repo / "a.py").write_text(f'EXAMPLE = "{NUMBER}"  # patient example\n')
    code, out, _ = guard(repo, "a.py", "tests")
    assert code == 1
    fingerprints = dict(re.findall(r"^([^:]+):.*\[fingerprint ([0-9a-f]{16})\]$", out, re.M))
    assert set(fingerprints) == {"a.py", "tests/backtests/expected/out.csv"}
    (repo / ALLOW_FILE).write_text(
        "[[allow]]\n"
        'path = "tests/backtests/expected/*.csv"\n'
        'rule = "data-file"\n'
        'reason = "Synthetic back-test fixture."\n\n'
        "[[allow]]\n"
        'path = "a.py"\n'
        'rule = "nhs-number"\n'
        f'fingerprint = "{fingerprints["a.py"]}"\n'
        'reason = "Documented example."\n'
    )
    assert guard(repo, "a.py", "tests")[0] == 0
    (repo / "a.py").write_text(f'EXAMPLE = "{NUMBER}"  # patient example, changed\n')
    assert guard(repo, "a.py", "tests")[0] == 1  # a changed line needs a fresh review


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[allow]]\npath = 'a.py'\nrule = 'nhs-number'\n", "needs reason"),
        ("[[allow]]\npath = 'a.py'\nrule = 'nhs-numbr'\nreason = 'x'\n", "unknown rule"),
        ("[[allow]]\npath = '*'\nrule = 'data-file'\nreason = 'x'\n", "everywhere"),
        ("[settings]\nchi = 'yes'\n", "true or false"),
        ("[allow\n", "not valid TOML"),
    ],
)
def test_a_bad_allow_list_is_a_usage_error(repo: Path, content: str, message: str) -> None:
    (repo / ALLOW_FILE).write_text(content)
    (repo / "a.py").write_text("x = 1\n")
    code, _, err = guard(repo, "a.py")
    assert code == 2 and message in err


def test_settings_switch_on_chi_and_synthetic_numbers(repo: Path) -> None:
    synthetic = valid_number("999000001")
    (repo / "a.txt").write_text(f"nhs_number\n{synthetic}\n")
    assert guard(repo, "a.txt")[0] == 0
    (repo / ALLOW_FILE).write_text("[settings]\nallow_synthetic_nhs_numbers = false\n")
    assert guard(repo, "a.txt")[0] == 1
    assert guard(repo, "a.txt", report_synthetic=False)[0] == 0


def test_without_paths_the_staged_content_is_checked(repo: Path) -> None:
    commit_files(repo, {"README.md": "# Project\n"}, "start")
    (repo / "notes.txt").write_text(PATIENTS)
    git(repo, "add", "notes.txt")
    (repo / "notes.txt").write_text("cleaned in the work tree but not staged\n")
    code, out, _ = guard(repo)
    assert code == 1 and out.startswith("notes.txt:2:nhs-number:")
    git(repo, "add", "notes.txt")
    assert guard(repo)[0] == 0


def test_history_finds_a_leak_that_only_history_holds(repo: Path) -> None:
    commit_files(repo, {"README.md": "# Project\n"}, "start")
    leak = commit_files(
        repo,
        {"data/patients.txt": PATIENTS, "copy/patients.txt": PATIENTS, ".env": "PWD=Tr0ub4dor&3\n"},
        "oops",
    )
    commit_files(repo, {"data/patients.txt": None, "copy/patients.txt": None, ".env": None}, "fix")
    git(repo, "checkout", "-q", "-b", "feature", leak)
    commit_files(repo, {"keys.txt": "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"}, "feature work")
    git(repo, "checkout", "-q", "main")
    assert guard(repo, "README.md")[0] == 0  # today's tree is clean
    code, out, err = guard(repo, history=True)
    assert code == 1
    found = [REPORT_LINE.match(line) for line in out.splitlines()]
    rules_by_path = {(m["path"], m["rule"]) for m in found if m}
    patient_paths = {path for path, rule in rules_by_path if rule == "nhs-number"}
    assert len(patient_paths) == 1  # one blob, two paths: scanned and reported once
    assert patient_paths.pop().endswith("patients.txt")
    assert {rule for _, rule in rules_by_path} == {"nhs-number", "credential", "private-key"}
    assert NUMBER[:4] not in out + err


def test_history_findings_name_the_commit_and_path_and_how_to_remove_them(repo: Path) -> None:
    commit_files(repo, {"README.md": "# Project\n"}, "start")
    leak = commit_files(repo, {"notes/patients.txt": PATIENTS}, "oops")
    commit_files(repo, {"notes/patients.txt": None}, "fix")
    code, out, err = guard(repo, history=True)
    assert code == 1
    where = re.search(r"added in commit ([0-9a-f]{7,}) as (\S+)\)", out)
    assert where and leak.startswith(where[1]) and where[2] == "notes/patients.txt"
    assert "@" not in out.split(":", 1)[0]  # the path, not a blob id
    assert "git filter-repo" in err and "disclosed" in err


def test_history_of_a_publishing_branch_with_built_docs_is_clean(repo: Path) -> None:
    commit_files(repo, {"README.md": "# Project\n"}, "start")
    git(repo, "checkout", "-q", "--orphan", "gh-pages")
    sitemap = gzip.compress(b"<urlset><url><loc>https://x.github.io/p/</loc></url></urlset>")
    doctree = pickle.dumps({"title": "Method", "body": ["Counts by month."]}, protocol=4)
    commit_files(
        repo,
        {"sitemap.xml.gz": sitemap, ".doctrees/index.doctree": doctree, "index.html": "<p/>\n"},
        "publish docs",
    )
    git(repo, "checkout", "-q", "main")
    code, out, _ = guard(repo, history=True)
    assert (code, out) == (0, ""), out


def test_the_console_script_works_as_a_pre_commit_entry(repo: Path) -> None:
    (repo / "a.txt").write_text(PATIENTS)
    (repo / "b.py").write_text("x = 1\n")
    script = Path(sys.executable).with_name("nhs-rap")
    result = subprocess.run(
        [str(script), "guard", "a.txt", "b.py"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.startswith("a.txt:2:nhs-number: NHS number ********37")
    clean = subprocess.run([str(script), "guard", "b.py"], cwd=repo, capture_output=True)
    assert clean.returncode == 0


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load(Path(__file__).parents[2].joinpath(".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "nhs-rap-guard"
    assert hook["entry"] == "nhs-rap guard"
    assert hook["language"] == "python"


def test_rules_are_documented_with_stable_kebab_case_ids() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.id)
        assert rule.summary.endswith(".") and "\n" not in rule.summary
        assert len(rule.explanation) > 80
        for part in (rule.reads, rule.evidence, rule.limits):  # the reference page's three parts
            assert len(part) > 40 and "\n" not in part
        assert "**Known limits.**" in rule.explanation
        assert rule.url.endswith(f"/reference/guard-rules/#{rule.id}")
    expected = {"nhs-number", "chi-number", "postcode-with-birth-date", "data-file",
                "notebook-output", "credential", "private-key", "internal-host"}  # fmt: skip
    assert set(ids) == expected


def test_rule_ids_are_written_only_in_the_rule_table() -> None:
    """Code names a rule by ``RuleId``, so a renamed or mistyped id cannot go unnoticed."""
    guard_dir = Path(nhs_rap.guard.__file__).parent
    literals = re.compile("|".join(rf"[\"']{re.escape(rule.id)}[\"']" for rule in RULES))
    written = [
        f"{path.name}:{number}"
        for path in sorted(guard_dir.glob("*.py"))
        if path.name != "rules.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literals.search(line) and not line.lstrip().startswith(("rule =", "#"))
    ]
    assert not written, f"use RuleId from nhs_rap.guard.rules instead of the text: {written}"
