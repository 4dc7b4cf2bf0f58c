"""Disclosure control on a Spark table: each group's counts through the rule, where they live.

The rule and the audit of each group live in ``disclosure.py``, the same for every compute
backend. Here each group that gets a published total (one month, say) is handed to that rule with
``groupBy(...).applyInPandas``: Spark sends one group's rows at a time to a Python worker, so the
table is never gathered in one place, and the same code runs through Spark Connect (Databricks
serverless) as on a classic cluster.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from {{ cookiecutter.package_name }}.disclosure import (
    DisclosureReport,
    DisclosureRule,
    disclosure_report,
    log_report,
    protect_group,
)

# What one group adds to the table's report: every field of the report but its name is a count.
REPORT_COUNTS = [
    field.name for field in dataclasses.fields(DisclosureReport) if field.name != "table"
]


@dataclass(frozen=True)
class ProtectedTable:
    """A table's cells and group totals as they may be published.

    Suppressed figures are nulls in long columns; the writers show them as the rule's marker.
    """

    cells: DataFrame
    totals: DataFrame
    report: DisclosureReport


def in_table_order(group: pd.DataFrame, count: str) -> pd.DataFrame:
    """One group's rows sorted by every other column, so the rule sees them in a fixed order.

    Spark keeps no row order through a shuffle; the rule's secondary suppression breaks ties by
    position, so the order must not depend on how Spark happened to split the work.
    """
    keys = [column for column in group.columns if column != count]
    return group.sort_values(keys, ignore_index=True)


def published_cells(count: str, rule: DisclosureRule) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A function for ``applyInPandas``: one group's rows with their counts as published."""

    def publish(group: pd.DataFrame) -> pd.DataFrame:
        rows = in_table_order(group, count)
        protected = protect_group(rows[count].tolist(), rule)
        return rows.assign(**{count: pd.array(protected.cells, dtype="Int64")})

    return publish


def group_summary(
    total_by: list[str], count: str, rule: DisclosureRule
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A function for ``applyInPandas``: one group's published total and what the rule changed."""

    def summarise(group: pd.DataFrame) -> pd.DataFrame:
        true_counts = in_table_order(group, count)[count].tolist()
        protected = protect_group(true_counts, rule)
        report = disclosure_report("", [(true_counts, protected)], rule)
        return pd.DataFrame(
            {
                **{column: [group[column].iloc[0]] for column in total_by},
                count: pd.array([protected.total], dtype="Int64"),
                **{name: [getattr(report, name)] for name in REPORT_COUNTS},
            }
        )

    return summarise


def with_nullable(schema: T.StructType, column: str) -> T.StructType:
    """``schema`` with ``column`` a nullable long, which is what a published count is."""
    return T.StructType(
        [
            T.StructField(field.name, T.LongType(), nullable=True)
            if field.name == column
            else field
            for field in schema.fields
        ]
    )


def protect(
    table: DataFrame, count: str, total_by: list[str], rule: DisclosureRule, name: str
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
        The protected cells (same rows and columns), the protected totals sorted by
        ``total_by``, and a report of how many figures were changed.
    """
    groups = table.groupBy(*total_by)
    cells = groups.applyInPandas(
        published_cells(count, rule), schema=with_nullable(table.schema, count)
    )
    summary_schema = T.StructType(
        [
            *(table.schema[column] for column in total_by),
            T.StructField(count, T.LongType(), nullable=True),
            *(T.StructField(name, T.LongType(), nullable=False) for name in REPORT_COUNTS),
        ]
    )
    summaries = groups.applyInPandas(group_summary(total_by, count, rule), schema=summary_schema)
    totals = summaries.select(*total_by, count).orderBy(*total_by)
    # One row of sums, however large the table: the report is counts, never values.
    sums = summaries.agg(*(F.sum(name).alias(name) for name in REPORT_COUNTS)).first()
    report = DisclosureReport(table=name, **{key: int(sums[key] or 0) for key in REPORT_COUNTS})
    log_report(report, rule)
    return ProtectedTable(cells=cells, totals=totals, report=report)
