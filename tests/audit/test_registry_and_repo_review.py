"""The checks' ids, URLs and order, and that repo-review runs them exactly as nhs-rap audit does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from audit_repos import BREAKERS, GOOD, build
from repo_review.processor import collect_all, process

from nhs_rap.audit.asks import ASKS
from nhs_rap.audit.base import RapCheck, check_anchor
from nhs_rap.audit.registry import all_checks, repo_review_checks, repo_review_families
from nhs_rap.audit.verdict import audit
from nhs_rap.criteria import CRITERIA, Level
from nhs_rap.links import AUDIT_CHECKS_PAGE, docs_page


def test_every_criterion_has_checks_in_a_stable_order() -> None:
    checks = all_checks()
    ids = [check.id for check in checks]
    assert len(ids) == len(set(ids))
    assert [criterion.id for criterion in CRITERIA] == list(
        dict.fromkeys(c.criterion for c in checks)
    )
    assert ids[:3] == ["RAP-B1.1", "RAP-B1.2", "RAP-B2.1"] and ids[-1] == "RAP-G4.3"
    # A check waits on attestation exactly where its criterion says only a person can show it.
    unautomatable = {criterion.id for criterion in CRITERIA if not criterion.automatable}
    assert unautomatable, "the criteria table marks some criteria as attested"
    assert {c.criterion for c in checks if c.attestation} == unautomatable
    assert all(c.attestation for c in checks if c.criterion in unautomatable)


@pytest.mark.parametrize("check", all_checks(), ids=lambda check: check.id)
def test_check_metadata(check: type[RapCheck]) -> None:
    assert re.fullmatch(r"RAP-[BSG]\d+\.\d+", check.id)
    assert check.url == docs_page(AUDIT_CHECKS_PAGE, check_anchor(check.id))
    assert check.anchor == check.id.lower().replace(".", "-")
    assert check.url.endswith("#" + check.anchor)
    assert check.family == f"rap-{next(c.level.value for c in CRITERIA if c.id == check.criterion)}"
    description = (check.__doc__ or "").strip()
    assert description.endswith(".") and "\n" not in description
    # repo-review runs str.format on descriptions and URLs: braces would break it.
    assert "{" not in description and "{" not in check.url
    assert check.check.__doc__, "the check method's docstring says how it decides"


def test_bad_check_id_is_refused() -> None:
    with pytest.raises(ValueError, match=r"needs an id like RAP-S6\.1"):
        type("Broken", (RapCheck,), {"id": "RAP-X1.1", "__doc__": "x"})


def test_entry_points_are_installed() -> None:
    collected = collect_all()  # repo-review's own discovery, with its empty "list all" tree
    ours = {name for name in collected.checks if name.startswith("RAP-")}
    assert ours == set(repo_review_checks())
    assert set(repo_review_families()) <= set(collected.families)
    assert {"rap_tree", "rap_python", "rap_texts", "rap_git", "rap_settings"} <= set(
        collected.fixtures
    )


@pytest.mark.parametrize("breaker", ["none", "RAP-S6.3", "RAP-G2.1", "RAP-B4.1"])
def test_repo_review_agrees_with_nhs_rap_audit(breaker: str, tmp_path: Path) -> None:
    files = dict(GOOD) if breaker == "none" else BREAKERS[breaker](dict(GOOD))
    repo = build(tmp_path / "repo", files, git=True)
    with NoFixtureMutation():
        _, results = process(repo)
    reviewed = {r.name: r.result for r in results if r.name.startswith("RAP-")}
    ours = {
        c.id: {"passed": True, "attested": True, "skipped": None}.get(c.status, False)
        for c in audit(repo, Level.GOLD).checks
    }
    assert reviewed == ours
    messages = {
        r.name: r.err_msg for r in results if r.name.startswith("RAP-") and r.result is False
    }
    if breaker != "none":
        assert messages[breaker].strip()


REPO_REVIEW_IGNORES = {
    "a check, with its reason": '{"RAP-S2.3" = "Legacy module, retired next release"}',
    "a group of checks, with its reason": '{"RAP-S2." = "Legacy module, retired next release"}',
}


@pytest.mark.parametrize("ignore", REPO_REVIEW_IGNORES.values(), ids=REPO_REVIEW_IGNORES.keys())
def test_repo_review_ignore_gives_the_same_verdict(ignore: str, tmp_path: Path) -> None:
    """``[tool.repo-review] ignore`` waves a check through in both tools, with the same reason.

    repo-review shows every ignored check as skipped; the audit shows an ignored check that
    passes anyway as passed. Neither blocks, and a check that would fail shows the same reason.
    """
    files = BREAKERS["RAP-S2.3"](dict(GOOD))
    files["pyproject.toml"] += f"\n[tool.repo-review]\nignore = {ignore}\n"
    repo = build(tmp_path / "repo", files, git=True)
    _, results = process(repo)
    reviewed = {r.name: (r.result, r.skip_reason) for r in results if r.name.startswith("RAP-")}
    report = audit(repo, Level.GOLD)
    assert set(reviewed) == {c.id for c in report.checks}
    for check in report.checks:
        result, reason = reviewed[check.id]
        if reason:
            assert (check.status, check.ignore_reason) in {("ignored", reason), ("passed", "")}
        else:
            expected = {"passed": True, "attested": True, "skipped": None}.get(check.status, False)
            assert result == expected, check.id
    assert reviewed["RAP-S2.3"] == (None, "Legacy module, retired next release")
    assert next(c.status for c in report.checks if c.id == "RAP-S2.3") == "ignored"
    assert report.target_met and report.warnings == ()


def test_repo_review_ignore_without_a_reason_is_reported_not_applied(tmp_path: Path) -> None:
    files = BREAKERS["RAP-S2.3"](dict(GOOD))
    files["pyproject.toml"] += '\n[tool.repo-review]\nignore = ["RAP-S2.3", "PY004", "RAP-S99.1"]\n'
    report = audit(build(tmp_path / "repo", files, git=True), Level.GOLD)
    assert next(c.status for c in report.checks if c.id == "RAP-S2.3") == "failed"
    assert not report.target_met
    text = "\n".join(report.warnings)
    assert "lists `RAP-S2.3` without a reason" in text
    assert "`RAP-S99.1`, which is no check's id" in text
    assert "PY004" not in text, "another plugin's check is repo-review's business"


class NoFixtureMutation:
    """Fail if repo-review warns that a check modified its fixtures (they must stay plain data)."""

    def __enter__(self) -> None:
        import warnings

        self._catcher = warnings.catch_warnings(record=True)
        self._records = self._catcher.__enter__()
        warnings.simplefilter("always")

    def __exit__(self, *exc: object) -> None:
        self._catcher.__exit__(*exc)
        assert not [w for w in self._records if "modified the input fixtures" in str(w.message)]


def test_every_criterion_says_what_it_asks() -> None:
    assert list(ASKS) == [criterion.id for criterion in CRITERIA]
    assert all(text.endswith(".") for text in ASKS.values())


def test_every_check_says_what_it_accepts_and_advice_says_why() -> None:
    for check in all_checks():
        assert (check.check.__doc__ or "").strip(), f"{check.id} doesn't say what it accepts"
        assert not (check.advice and check.advisory), f"{check.id}: advice or advisory, not both"
