"""Disclosure control: make every published count safe to release before it is written.

The default is NHS Digital's rule for Hospital Episode Statistics (HES) and Emergency Care Data Set
(ECDS) outputs: a count of 1 to 7 is suppressed (shown as ``*``), every other count is rounded to
the nearest 5, and 0 stays 0. The limits live in ``config.toml`` (``[disclosure]``).

Rounding alone does not stop a suppressed count being worked out from a published total and the
other cells of that total (recovery by subtraction), so the totals this module publishes are
protected too: each total is rounded and suppressed by the same rule, and then every group is
audited. The audit works out, from the published figures alone, the range of values each suppressed
count could take; while any count in 1 to 7 could take only one value, the group's smallest
published count is suppressed as well (secondary suppression) and, once no count is left, the
total. The log records how many cells were suppressed or rounded, never a value.

This module is plain Python and knows no DataFrame: the rule, and the audit of one group at a
time, are the same whatever the compute backend. Each backend's ``protection`` module splits its
aggregate table into groups, hands each group's counts to :func:`protect_group`, and puts the
published figures back in its own kind of table.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

logger = logging.getLogger(__name__)

# The fewest values a suppressed count must be able to take, given everything published (or
# every value from 1 to the threshold, when the threshold is lower).
MIN_POSSIBLE_VALUES = 2


class DisclosureMode(StrEnum):
    """Where the outputs go, which decides whether disclosure control is applied."""

    PUBLICATION = "publication"
    """Outputs may leave the secure environment: every count is protected (the default)."""

    SECURE_ENVIRONMENT = "secure_environment"
    """Outputs stay inside the secure environment: exact counts, clearly marked as unprotected."""


@dataclass(frozen=True)
class DisclosureRule:
    """The suppression and rounding rule for published counts.

    Attributes:
        mode: Whether the rule is applied (``publication``) or outputs keep exact counts
            (``secure_environment``).
        suppress_up_to: Counts from 1 to this number are suppressed; 0 turns suppression off.
        round_to: Every other count is rounded to the nearest multiple of this; 1 turns
            rounding off.
        marker: What a suppressed count is shown as in the CSV table.
    """

    mode: DisclosureMode = DisclosureMode.PUBLICATION
    suppress_up_to: int = 7
    round_to: int = 5
    marker: str = "*"

    def __post_init__(self) -> None:
        """Refuse limits that would publish unprotected or meaningless figures."""
        if self.suppress_up_to < 0:
            raise ValueError("suppress_up_to should be 0 or more (NHS Digital's rule uses 7)")
        if self.round_to < 1:
            raise ValueError("round_to should be 1 or more (NHS Digital's rule uses 5)")
        if not self.marker.strip() or _looks_like_a_number(self.marker):
            raise ValueError('marker should be a symbol such as "*", not empty or a number')
        if self.suppress_up_to and (self.round_to - 1) // 2 > self.suppress_up_to:
            # Otherwise a published 0 could stand for a small unsuppressed count.
            raise ValueError(
                f"round_to should be at most {2 * self.suppress_up_to + 2} when counts up to "
                f"{self.suppress_up_to} are suppressed, so that a published 0 always means 0"
            )
        smallest_shown = self._rounded(self.suppress_up_to + 1)
        if self.suppress_up_to and smallest_shown <= self.suppress_up_to:
            raise ValueError(
                f"with round_to = {self.round_to} a count of {self.suppress_up_to + 1} would be "
                f"published as {smallest_shown}, which looks like a suppressed count; use a "
                "smaller round_to or a different suppress_up_to"
            )

    @property
    def applies(self) -> bool:
        """Whether counts are protected in this mode."""
        return self.mode is DisclosureMode.PUBLICATION

    def publish(self, count: int) -> int | None:
        """The figure published for a true count: ``None`` when it is suppressed.

        Args:
            count: A true count (0 or more).

        Returns:
            0 for 0, ``None`` for 1 to ``suppress_up_to``, otherwise the count rounded half up
            to the nearest ``round_to``; the count itself when the rule does not apply.
        """
        if not self.applies or count == 0:
            return count
        if count <= self.suppress_up_to:
            return None
        return self._rounded(count)

    def _rounded(self, count: int) -> int:
        """``count`` rounded half up to the nearest ``round_to``."""
        return self.round_to * ((count + self.round_to // 2) // self.round_to)

    def true_range(self, published: int) -> tuple[int, int]:
        """The smallest and largest true counts that :meth:`publish` turns into ``published``.

        Args:
            published: A published, unsuppressed figure.

        Returns:
            The inclusive range of true counts it can stand for.
        """
        if not self.applies:
            return published, published
        if published == 0:
            return 0, 0 if self.suppress_up_to else (self.round_to - 1) // 2
        low = max(published - self.round_to // 2, self.suppress_up_to + 1)
        return low, published + (self.round_to - 1) // 2


@dataclass(frozen=True)
class DisclosureReport:
    """How many figures of one table the rule changed: counts only, never values."""

    table: str
    cells: int
    suppressed: int
    secondary_suppressed: int
    rounded: int
    changed_by_rounding: int
    totals: int
    totals_suppressed: int
    unprotectable_groups: int = 0

    def log_line(self) -> str:
        """One line for the run's log."""
        return (
            f"Disclosure control on '{self.table}': {self.cells} cells, {self.suppressed} "
            f"suppressed as small counts, {self.secondary_suppressed} more suppressed to protect "
            f"totals, {self.rounded} rounded ({self.changed_by_rounding} changed by rounding); "
            f"{self.totals} totals, {self.totals_suppressed} suppressed"
        )


@dataclass(frozen=True)
class ProtectedGroup:
    """One group's figures as they may be published: its cells, in their order, and its total.

    ``None`` is a suppressed figure. Every compute backend hands each group's true counts to
    :func:`protect_group` in its own way and puts the published figures back in its own table.
    """

    cells: tuple[int | None, ...]
    secondary: tuple[bool, ...]
    """For each cell, whether it was suppressed only to protect another (secondary suppression)."""
    total: int | None
    protectable: bool
    """False when every figure that could be hidden is hidden and a small count is still exposed,
    which happens only in groups made of nothing but a few small counts and zeros."""


@dataclass
class _Figure:
    """One cell or total during protection: its true value and what will be published."""

    true: int
    published: int | None
    secondary: bool = False


def protect_group(counts: Sequence[int], rule: DisclosureRule) -> ProtectedGroup:
    """Apply the rule to one group's counts and to the total published beside them.

    Args:
        counts: The group's true, whole-number counts, in the order the table holds them.
        rule: The disclosure rule.

    Returns:
        The published cells (same order) and total, and whether the group could be protected.
    """
    members = [_Figure(int(count), rule.publish(int(count))) for count in counts]
    true_total = sum(member.true for member in members)
    total = _Figure(true_total, rule.publish(true_total))
    protectable = _protect_group(members, total, rule) if rule.applies else True
    return ProtectedGroup(
        cells=tuple(member.published for member in members),
        secondary=tuple(member.secondary for member in members),
        total=total.published,
        protectable=protectable,
    )


def disclosure_report(
    name: str,
    groups: Sequence[tuple[Sequence[int], ProtectedGroup]],
    rule: DisclosureRule,
) -> DisclosureReport:
    """Count what the rule changed in a table, from each group's true and published figures.

    Args:
        name: The table's name, for the log.
        groups: Each group's true counts with what :func:`protect_group` made of them.
        rule: The disclosure rule.

    Returns:
        The counts of suppressed, rounded and changed figures: never a value.
    """
    cells = [
        (true, published, secondary)
        for counts, group in groups
        for true, published, secondary in zip(counts, group.cells, group.secondary, strict=True)
    ]
    shown = [(true, published) for true, published, _ in cells if published is not None]
    rounding = rule.applies and rule.round_to > 1
    return DisclosureReport(
        table=name,
        cells=len(cells),
        suppressed=sum(published is None and not secondary for _, published, secondary in cells),
        secondary_suppressed=sum(secondary for _, _, secondary in cells),
        rounded=sum(published != 0 for _, published in shown) if rounding else 0,
        changed_by_rounding=sum(published != true for true, published in shown),
        totals=len(groups),
        totals_suppressed=sum(group.total is None for _, group in groups),
        unprotectable_groups=sum(not group.protectable for _, group in groups),
    )


def log_report(report: DisclosureReport, rule: DisclosureRule) -> None:
    """Log what disclosure control did to a table, and warn where its outputs need care."""
    logger.info(report.log_line())
    if report.unprotectable_groups:
        logger.warning(
            "In '%s', %d groups are so small that their hidden counts can still be narrowed "
            "down: combine categories (for example age bands) before publishing",
            report.table,
            report.unprotectable_groups,
        )
    if not rule.applies:
        logger.warning(
            "Disclosure control is off (mode = %s): '%s' holds exact counts and must stay inside "
            "the secure environment",
            rule.mode.value,
            report.table,
        )


def _protect_group(members: list[_Figure], total: _Figure, rule: DisclosureRule) -> bool:
    """Suppress more figures of one group until no small count can be worked out from it.

    Returns:
        False if every figure that could be hidden is hidden and a small count is still exposed.
    """
    while _exposed(members, total, rule):
        candidates = [member for member in members if member.published not in (None, 0)]
        if candidates:
            smallest = min(candidates, key=lambda member: member.true)
            smallest.published, smallest.secondary = None, True
        elif total.published is not None:
            total.published, total.secondary = None, True
        else:
            return False
    return True


def _exposed(members: list[_Figure], total: _Figure, rule: DisclosureRule) -> bool:
    """Whether the published figures narrow some small suppressed count to too few values."""
    ranges = [_known_range(member, rule) for member in members]
    total_low, total_high = _known_range(total, rule)
    low_sum = sum(low for low, _ in ranges)
    high_sum = sum(high for _, high in ranges)
    for member, (low, high) in zip(members, ranges, strict=True):
        if member.published is not None or member.secondary:
            continue
        # The member is the total minus every other member: bound it from both sides.
        lowest = max(low, total_low - (high_sum - high))
        highest = min(high, total_high - (low_sum - low))
        if highest - lowest + 1 < min(MIN_POSSIBLE_VALUES, rule.suppress_up_to):
            return True
    return False


def _known_range(figure: _Figure, rule: DisclosureRule) -> tuple[float, float]:
    """The values a reader can tell a figure lies between, from what is published.

    A reader is assumed to know the rule and which suppressed figures are small counts (1 to
    ``suppress_up_to``) and which were suppressed only to protect others (above it): the
    strictest assumption, so the audit errs on the safe side.
    """
    if figure.published is not None:
        return rule.true_range(figure.published)
    if figure.secondary:
        return rule.suppress_up_to + 1, math.inf
    return 1, rule.suppress_up_to


def _looks_like_a_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
