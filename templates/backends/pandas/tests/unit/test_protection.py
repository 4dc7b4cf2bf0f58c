"""Disclosure control on a pandas table: the same figures as the rule gives each group.

The rule itself is tested in ``test_disclosure.py``; here the question is only whether the
table's rows are grouped, protected and put back where they belong.
"""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule, protect_group
from {{ cookiecutter.package_name }}.protection import protect

RULE = DisclosureRule()


def table(groups: list[list[int]]) -> pd.DataFrame:
    """One month per inner list, one provider per count; months listed newest first."""
    rows = [
        {"month": f"2024-{12 - month:02d}", "provider_code": f"P{position}", "count": count}
        for month, group in enumerate(groups)
        for position, count in enumerate(group)
    ]
    return pd.DataFrame(rows, columns=["month", "provider_code", "count"])


def test_cells_keep_their_rows_and_totals_are_one_per_group_in_order():
    cells = table([[3, 40, 41], [7, 12, 12, 12]])

    protected = protect(cells, "count", ["month"], RULE, "test table")

    assert protected.cells[["month", "provider_code"]].equals(cells[["month", "provider_code"]])
    hidden = protected.cells["count"].isna().tolist()
    assert hidden == [True, False, False, True, True, False, False]
    assert protected.totals["month"].tolist() == ["2024-11", "2024-12"]
    assert protected.totals["count"].tolist() == [45, 85]
    assert protected.report.cells == 7
    assert protected.report.secondary_suppressed == 1


GROUPS = st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=4), min_size=1, max_size=3)


@settings(max_examples=50, deadline=None)
@given(groups=GROUPS)
def test_every_group_gets_what_the_rule_gives_it(groups):
    protected = protect(table(groups), "count", ["month"], RULE, "test table")

    expected = [protect_group(group, RULE) for group in groups]
    published = [None if pd.isna(value) else int(value) for value in protected.cells["count"]]
    assert published == [cell for group in expected for cell in group.cells]
    totals = [None if pd.isna(value) else int(value) for value in protected.totals["count"]]
    assert totals == [group.total for group in reversed(expected)]  # totals sorted by month
