"""Disclosure control on a Spark table: the same figures as the rule gives each group.

The rule itself is tested in ``test_disclosure.py``; here the question is only whether the
table's rows are grouped, protected and put back where they belong, whichever Python worker
handled each group.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyspark.testing import assertDataFrameEqual

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule, protect_group
from {{ cookiecutter.package_name }}.protection import protect

RULE = DisclosureRule()
CELLS = "month string, provider_code string, count long"


def rows(groups: list[list[int]]) -> list[tuple[str, str, int]]:
    """One month per inner list, one provider per count; months listed newest first."""
    return [
        (f"2024-{12 - month:02d}", f"P{position}", count)
        for month, group in enumerate(groups)
        for position, count in enumerate(group)
    ]


def test_cells_keep_their_rows_and_totals_are_one_per_group_in_order(spark):
    cells = spark.createDataFrame(rows([[3, 40, 41], [7, 12, 12, 12]]), schema=CELLS)

    protected = protect(cells, "count", ["month"], RULE, "test table")

    expected_cells = spark.createDataFrame(
        [
            ("2024-12", "P0", None),
            ("2024-12", "P1", 40),
            ("2024-12", "P2", 40),
            ("2024-11", "P0", None),
            ("2024-11", "P1", None),
            ("2024-11", "P2", 10),
            ("2024-11", "P3", 10),
        ],
        schema=CELLS,
    )
    assertDataFrameEqual(protected.cells, expected_cells)
    expected_totals = spark.createDataFrame(
        [("2024-11", 45), ("2024-12", 85)], "month string, count long"
    )
    assertDataFrameEqual(protected.totals, expected_totals, checkRowOrder=True)
    assert protected.report.cells == 7
    assert protected.report.secondary_suppressed == 1
    assert protected.report.totals == 2


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_rule_sees_each_group_in_the_same_order_however_spark_splits_it(spark, partitions):
    # Secondary suppression breaks ties by position: shuffling the rows must not change it.
    cells = spark.createDataFrame(rows([[7, 12, 12, 12]]), schema=CELLS).repartition(partitions)

    published = protect(cells, "count", ["month"], RULE, "test table").cells

    expected = protect_group([7, 12, 12, 12], RULE).cells
    assert [row["count"] for row in published.orderBy("provider_code").collect()] == list(expected)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    groups=st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=4), min_size=1, max_size=3)
)
def test_every_group_gets_what_the_rule_gives_it(spark, groups):
    protected = protect(
        spark.createDataFrame(rows(groups), schema=CELLS), "count", ["month"], RULE, "t"
    )

    expected = [protect_group(group, RULE) for group in groups]
    published = protected.cells.orderBy(protected.cells.month.desc(), "provider_code").collect()
    assert [row["count"] for row in published] == [
        cell for group in expected for cell in group.cells
    ]
    totals = [row["count"] for row in protected.totals.collect()]
    assert totals == [group.total for group in reversed(expected)]  # totals sorted by month
