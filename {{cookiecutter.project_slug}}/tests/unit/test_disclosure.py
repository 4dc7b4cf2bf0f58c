"""Disclosure control: examples of the rule, and property tests that no small count leaks.

These tests hold the rule and the audit of each group, which are plain Python and the same for
every compute backend; ``test_protection.py`` checks that the backend's tables go through them.

The property tests play a reader who knows the rule, every published figure and even which
suppressed cells are small counts, and who works out by brute force every set of true counts that
would have produced the published table. No count from 1 to 7 may come out as a single value.
(With a threshold of 1 a suppressed count is always 1, so there only the rule itself is checked.)
"""

import logging
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }}.disclosure import (
    DisclosureMode,
    DisclosureReport,
    DisclosureRule,
    ProtectedGroup,
    disclosure_report,
    log_report,
    protect_group,
)

NHS_DIGITAL = DisclosureRule()
SECURE = DisclosureRule(mode=DisclosureMode.SECURE_ENVIRONMENT)


@dataclass(frozen=True)
class Protected:
    """Every group of a table through the rule, as a compute backend would hand them over."""

    groups: list[ProtectedGroup]
    report: DisclosureReport

    @property
    def cells(self) -> list[int | None]:
        return [cell for group in self.groups for cell in group.cells]

    @property
    def totals(self) -> list[int | None]:
        return [group.total for group in self.groups]


def run(groups: list[list[int]], rule: DisclosureRule = NHS_DIGITAL) -> Protected:
    protected = [protect_group(group, rule) for group in groups]
    report = disclosure_report("test table", list(zip(groups, protected, strict=True)), rule)
    log_report(report, rule)
    return Protected(protected, report)


@pytest.mark.parametrize(
    ("count", "published"),
    [(0, 0), (1, None), (7, None), (8, 10), (12, 10), (13, 15), (17, 15), (18, 20), (1234, 1235)],
)
def test_nhs_digital_rule_suppresses_1_to_7_and_rounds_the_rest_to_5(count, published):
    assert NHS_DIGITAL.publish(count) == published


def test_secure_environment_keeps_exact_counts():
    protected = run([[3, 12, 0]], SECURE)

    assert protected.cells == [3, 12, 0]
    assert protected.totals == [15]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"suppress_up_to": -1}, "suppress_up_to should be 0 or more"),
        ({"round_to": 0}, "round_to should be 1 or more"),
        ({"marker": "0"}, "marker should be a symbol"),
        ({"marker": " "}, "marker should be a symbol"),
        ({"suppress_up_to": 2, "round_to": 10}, "round_to should be at most 6"),
        ({"suppress_up_to": 5, "round_to": 5}, "looks like a suppressed count"),
    ],
)
def test_rules_that_would_not_protect_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        DisclosureRule(**changes)


def test_a_small_count_among_large_ones_needs_no_more_suppression():
    # Total 126 is published as 125 (123 to 127), the others as 40 each (38 to 42): the hidden
    # count could be anything from 1 to 7, so nothing else is hidden.
    protected = run([[3, 40, 41, 42]])

    assert [cell is None for cell in protected.cells] == [True, False, False, False]
    assert protected.report.secondary_suppressed == 0


def test_a_small_count_the_total_would_give_away_gets_a_partner():
    # 7 + 12 + 12 + 12 = 43, published as 45 (43 to 47); each 12 as 10 (8 to 12). Subtracting,
    # the hidden count is at least 43 - 36 = 7: it would be known to be 7 exactly.
    protected = run([[7, 12, 12, 12]])

    assert [cell is None for cell in protected.cells] == [True, True, False, False]
    assert protected.groups[0].secondary == (False, True, False, False)
    assert protected.report.secondary_suppressed == 1
    assert protected.totals == [45]


def test_log_counts_figures_and_never_shows_a_value(caplog):
    with caplog.at_level(logging.INFO):
        report = run([[3, 1234, 5678], [0, 4321, 8765]]).report

    assert report.suppressed == 1
    assert report.cells == 6
    assert report.totals == 2
    line = next(
        record.getMessage() for record in caplog.records if "test table" in record.getMessage()
    )
    assert "6 cells, 1 suppressed as small counts" in line
    for value in ("1234", "5678", "4321", "8765", "1235", "5680"):
        assert value not in line


def test_secure_environment_run_warns_that_outputs_must_stay_inside(caplog):
    with caplog.at_level(logging.WARNING):
        run([[3, 40]], SECURE)

    assert "must stay inside the secure environment" in caplog.text


# --- Property tests --------------------------------------------------------------------------

# Mostly small counts, so that suppression, rounding near the threshold and secondary
# suppression all happen often.
counts = st.one_of(st.integers(0, 12), st.integers(0, 40))
groups = st.lists(st.lists(counts, min_size=1, max_size=5), min_size=1, max_size=3)


def valid_rule(limits: tuple[int, int]) -> DisclosureRule | None:
    try:
        return DisclosureRule(suppress_up_to=limits[0], round_to=limits[1])
    except ValueError:
        return None


# Other rules a project might set, not only NHS Digital's: every one that config.toml accepts.
rules = (
    st.tuples(st.integers(1, 9), st.sampled_from([1, 2, 3, 5, 10]))
    .map(valid_rule)
    .filter(lambda rule: rule is not None)
)


def possible_values(rule: DisclosureRule, published, secondary_range, cap: int) -> int:
    """A bit mask of the true counts a reader could believe lie behind a published figure."""
    if published is None:
        candidates = secondary_range
    else:
        candidates = [value for value in range(cap + 1) if rule.publish(value) == published]
    mask = 0
    for value in candidates:
        mask |= 1 << value
    return mask


def sums(masks: list[int], cap: int) -> int:
    """The bit mask of every total the given cells could add up to."""
    total = 1
    for mask in masks:
        combined = 0
        for value in range(cap + 1):
            if mask >> value & 1:
                combined |= total << value
        total = combined & ((1 << (cap + 1)) - 1)
    return total


def reader_can_pin(group: list[int], published: list, total_published, rule, cap) -> list[int]:
    """Positions of small counts that the published group narrows to a single value."""
    small = range(1, rule.suppress_up_to + 1)
    large = range(rule.suppress_up_to + 1, cap + 1)
    masks = [
        possible_values(rule, shown, small if true in small else large, cap)
        for true, shown in zip(group, published, strict=True)
    ]
    total_true = sum(group)
    total_mask = possible_values(
        rule, total_published, small if total_true in small else large, cap
    )
    pinned = []
    for position, true in enumerate(group):
        if true not in small:
            continue
        others = sums(masks[:position] + masks[position + 1 :], cap)
        possible = [
            value
            for value in small
            if masks[position] >> value & 1
            and any(
                total_mask >> total & 1 and others >> (total - value) & 1
                for total in range(value, cap + 1)
            )
        ]
        if len(possible) < min(2, rule.suppress_up_to):
            pinned.append(position)
    return pinned


@settings(max_examples=300, deadline=None)
@given(groups=groups, rule=rules)
def test_no_published_cell_shows_a_small_count(groups, rule):
    protected = run(groups, rule)

    true = [count for group in groups for count in group]
    for count, published in zip(true, protected.cells, strict=True):
        if 1 <= count <= rule.suppress_up_to:
            assert published is None
        if published is not None:
            assert not 1 <= published <= rule.suppress_up_to
            assert published % rule.round_to == 0
    for total in protected.totals:
        assert total is None or not 1 <= total <= rule.suppress_up_to


@settings(max_examples=200, deadline=None)
@given(groups=groups, rule=rules)
def test_no_small_count_can_be_worked_out_from_the_totals(groups, rule):
    protected = run(groups, rule)

    cap = sum(map(sum, groups)) + 3 * rule.round_to + rule.suppress_up_to + 5
    unprotectable = 0
    for group, result in zip(groups, protected.groups, strict=True):
        shown, total = list(result.cells), result.total
        if reader_can_pin(group, shown, total, rule, cap):
            # Only a group of nothing but a few small counts and zeros, with everything hidden,
            # can stay exposed, and the report must say so.
            assert total is None
            assert all(value in (None, 0) for value in shown)
            unprotectable += 1
    assert protected.report.unprotectable_groups == unprotectable


def test_a_group_of_only_ones_is_reported_as_unprotectable(caplog):
    # Seven suppressed ones and a suppressed total of 7: a reader who knows every hidden count
    # is at least 1 and the total at most 7 knows each is 1. Nothing more can be hidden.
    with caplog.at_level(logging.WARNING):
        report = run([[1] * 7]).report

    assert report.unprotectable_groups == 1
    assert "combine categories" in caplog.text


@settings(max_examples=100, deadline=None)
@given(groups=groups)
def test_report_adds_up(groups):
    report = run(groups).report

    assert report.suppressed + report.secondary_suppressed + report.rounded <= report.cells
    assert report.suppressed == sum(1 <= count <= 7 for group in groups for count in group)
