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
from nhs_rap.links import docs_page


def test_every_criterion_has_checks_in_a_stable_order() -> None:
    checks = all_checks()
    ids = [check.id for check in checks]
    assert len(ids) == len(set(ids))
    assert [criterion.id for criterion in CRITERIA] == list(
        dict.fromkeys(c.criterion for c in checks)
    )
    assert ids[:3] == ["RAP-B1.1", "RAP-B1.2", "RAP-B2.1"] and ids[-1] == "RAP-G4.3"
    assert {c.criterion for c in checks if c.attestation} == {"B4", "B5", "S9"}


@pytest.mark.parametrize("check", all_checks(), ids=lambda check: check.id)
def test_check_metadata(check: type[RapCheck]) -> None:
    assert re.fullmatch(r"RAP-[BSG]\d+\.\d+", check.id)
    assert check.url == docs_page("reference/audit-checks", check_anchor(check.id))
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
