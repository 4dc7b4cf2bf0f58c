"""Disclosure control on a Polars table: each group's counts through the rule, back in place.

The rule and the audit of each group live in ``disclosure.py``, the same for every compute
backend; this module only splits the table into the groups that get a published total and puts the
published figures back in the same rows.

Disclosure control works on the aggregate, which is small (one row per month, provider and age
band), so the lazy query is collected here and each group goes through the rule in plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from {{ cookiecutter.package_name }}.disclosure import (
    DisclosureReport,
    DisclosureRule,
    disclosure_report,
    log_report,
    protect_group,
)

ROW = "_row"


@dataclass(frozen=True)
class ProtectedTable:
    """A table's cells and group totals as they may be published.

    Suppressed figures are nulls in ``pl.Int64`` columns; the writers show them as the rule's
    marker.
    """

    cells: pl.DataFrame
    totals: pl.DataFrame
    report: DisclosureReport


def protect(
    table: pl.DataFrame | pl.LazyFrame,
    count: str,
    total_by: list[str],
    rule: DisclosureRule,
    name: str,
) -> ProtectedTable:
    """Apply the rule to a table's counts and to the totals published beside them.

    Args:
        table: One row per cell, with whole-number counts in column ``count``; a LazyFrame is
            collected here.
        count: The column of counts.
        total_by: Columns whose groups get a published total (for example ``["month"]``: one
            total per month across every other column).
        rule: The disclosure rule.
        name: The table's name, for the log.

    Returns:
        The protected cells (same rows and order), the protected totals sorted by ``total_by``,
        and a report of how many figures were changed.
    """
    cells = table.lazy().collect()
    # Each group's row numbers and counts, in table order within the group.
    groups_by_key = (
        cells.with_row_index(ROW)
        .group_by(total_by)
        .agg(pl.col(ROW), pl.col(count).cast(pl.Int64))
        .sort(total_by)
    )
    published: list[int | None] = [None] * cells.height
    groups = []
    for rows, true_counts in groups_by_key.select(ROW, count).iter_rows():
        group = protect_group(true_counts, rule)
        for row, figure in zip(rows, group.cells, strict=True):
            published[row] = figure
        groups.append((true_counts, group))
    totals = groups_by_key.select(
        *total_by, pl.Series(count, [group.total for _, group in groups], dtype=pl.Int64)
    )
    report = disclosure_report(name, groups, rule)
    log_report(report, rule)
    return ProtectedTable(
        cells=cells.with_columns(pl.Series(count, published, dtype=pl.Int64)),
        totals=totals,
        report=report,
    )
