"""The audit's checks in one stable order, and the entry points repo-review loads them through.

The docs engineer builds the audit-check reference page from :func:`all_checks`, with each
check's anchor from :func:`nhs_rap.audit.base.check_anchor`, so every URL the audit prints lands
on its own entry. The informational checks (:func:`informational_checks`) are listed apart: no
level counts them, but repo-review runs them with the rest.
"""

from __future__ import annotations

from nhs_rap.audit import checks_baseline, checks_gold, checks_informational, checks_silver
from nhs_rap.audit.base import CHECK_ID, RapCheck
from nhs_rap.audit.informational import INFO_FAMILY, INFO_ID, InfoCheck
from nhs_rap.criteria import CRITERIA, Level

_CRITERION_ORDER = {criterion.id: index for index, criterion in enumerate(CRITERIA)}


def _sort_key(check: type[RapCheck]) -> tuple[int, int]:
    match = CHECK_ID.match(check.id)
    assert match is not None  # guaranteed by RapCheck.__init_subclass__
    return _CRITERION_ORDER[match.group(1)], int(match.group(2))


def _info_key(check: type[InfoCheck]) -> tuple[int, int]:
    match = INFO_ID.match(check.id)
    assert match is not None  # guaranteed by InfoCheck.__init_subclass__
    return int(match.group(1)[1:]), int(match.group(2))


def all_checks() -> tuple[type[RapCheck], ...]:
    """Every check class, ordered B1..G4 and then by number (RAP-B1.1, RAP-B1.2, RAP-B2.1...)."""
    found = [
        value
        for module in (checks_baseline, checks_silver, checks_gold)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, RapCheck) and value is not RapCheck
    ]
    return tuple(sorted(found, key=_sort_key))


def informational_checks() -> tuple[type[InfoCheck], ...]:
    """Every informational check (``RAP-I``), in id order; none is part of a level."""
    found = [
        value
        for value in vars(checks_informational).values()
        if isinstance(value, type) and issubclass(value, InfoCheck) and value is not InfoCheck
    ]
    return tuple(sorted(found, key=_info_key))


def repo_review_checks() -> dict[str, type[RapCheck] | type[InfoCheck]]:
    """Entry point ``repo_review.checks``: the checks keyed by id, as repo-review expects."""
    return {check.id: check for check in (*all_checks(), *informational_checks())}


def repo_review_families() -> dict[str, dict[str, str | int]]:
    """Entry point ``repo_review.families``: one family per RAP level, shown in level order."""
    families: dict[str, dict[str, str | int]] = {
        f"rap-{level.value}": {
            "name": f"NHS RAP {level.value}",
            "order": 100 + level.rank,
            "description": f"Checks for the {level.value} level of the NHS Levels of RAP.",
        }
        for level in Level
    }
    families[INFO_FAMILY] = {
        "name": "NHS RAP informational",
        "order": 101 + max(level.rank for level in Level),
        "description": "Informational, not part of any RAP level: a pass means found, a skip "
        "means not found, and neither changes the level.",
    }
    return families
