"""Disclosure control on a Polars table: the same figures as the rule gives each group.

The rule itself is tested in ``test_disclosure.py``; here the question is only whether the
table's rows are grouped, protected and put back where they belong.
"""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule, protect_group
from {{ cookiecutter.package_name }}.protection import protect

RULE = DisclosureRule()


def table(groups: list[list[int]]) -> pl.DataFrame:
    """One month per inner list, one provider per count; months listed newest first."""
    rows = [
        {"month": f"2024-{12 - month:02d}", "provider_code": f"P{position}", "count": count}
        for month, group in enumerate(groups)
        for position, count in enumerate(group)
    ]
    schema = {"month": pl.String, "provider_code": pl.String, "count": pl.Int64}
    return pl.DataFrame(rows, schema=schema)


def test_cells_keep_their_rows_and_totals_are_one_per_group_in_order():
    cells = table([[3, 40, 41], [7, 12, 12, 12]])

    protected = protect(cells.lazy(), "count", ["month"], RULE, "test table")

    assert_frame_equal(protected.cells.drop("count"), cells.drop("count"))
    assert protected.cells["count"].to_list() == [None, 40, 40, None, None, 10, 10]
    expected_totals = pl.DataFrame(
        {"month": ["2024-11", "2024-12"], "count": [45, 85]},
        schema={"month": pl.String, "count": pl.Int64},
    )
    assert_frame_equal(protected.totals, expected_totals)
    assert protected.report.cells == 7
    assert protected.report.secondary_suppressed == 1


def test_a_suppressed_figure_is_a_null_in_a_whole_number_column():
    protected = protect(table([[3, 40]]), "count", ["month"], RULE, "test table")

    assert protected.cells.schema["count"] == pl.Int64
    assert protected.totals.schema["count"] == pl.Int64
    assert protected.cells["count"].to_list() == [None, 40]


GROUPS = st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=4), min_size=1, max_size=3)


@settings(max_examples=50, deadline=None)
@given(groups=GROUPS)
def test_every_group_gets_what_the_rule_gives_it(groups):
    protected = protect(table(groups), "count", ["month"], RULE, "test table")

    expected = [protect_group(group, RULE) for group in groups]
    published = protected.cells["count"].to_list()
    assert published == [cell for group in expected for cell in group.cells]
    # Totals are sorted by month, and the months were listed newest first.
    assert protected.totals["count"].to_list() == [group.total for group in reversed(expected)]
