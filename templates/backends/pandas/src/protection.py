"""Disclosure control on a pandas table: each group's counts through the rule, back in place.

The rule and the audit of each group live in ``disclosure.py``, the same for every compute
backend; this module only splits the table into the groups that get a published total and puts the
published figures back in the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from {{ cookiecutter.package_name }}.disclosure import (
    DisclosureReport,
    DisclosureRule,
    disclosure_report,
    log_report,
    protect_group,
)


@dataclass(frozen=True)
class ProtectedTable:
    """A table's cells and group totals as they may be published.

    Suppressed figures are missing values (``<NA>``) in nullable integer columns; the writers show
    them as the rule's marker.
    """

    cells: pd.DataFrame
    totals: pd.DataFrame
    report: DisclosureReport


def protect(
    table: pd.DataFrame, count: str, total_by: list[str], rule: DisclosureRule, name: str
) -> ProtectedTable:
    """Apply the rule to a table's counts and to the totals published beside them.

    Args:
        table: One row per cell, with whole-number counts in column ``count``.
        count: The column of counts.
        total_by: Columns whose groups get a published total (for example ``["month"]``: one
            total per month across every other column).
        rule: The disclosure rule.
        name: The table's name, for the log.

    Returns:
        The protected cells (same rows and order), the protected totals, and a report of how
        many figures were changed.
    """
    counts = table[count].astype("int64").to_numpy()
    positions_by_group = table.groupby(total_by, sort=True).indices
    published: list[int | None] = [None] * len(table)
    groups = []
    for positions in positions_by_group.values():
        true_counts = [int(counts[position]) for position in positions]
        group = protect_group(true_counts, rule)
        for position, figure in zip(positions, group.cells, strict=True):
            published[position] = figure
        groups.append((true_counts, group))
    cells = table.assign(**{count: pd.Series(published, dtype="Int64", index=table.index)})
    totals = pd.DataFrame(list(positions_by_group), columns=total_by).assign(
        **{count: pd.Series([group.total for _, group in groups], dtype="Int64")}
    )
    report = disclosure_report(name, groups, rule)
    log_report(report, rule)
    return ProtectedTable(cells=cells, totals=totals, report=report)
