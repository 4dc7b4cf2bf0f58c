"""The published Polars tables reach the workbook writer as pandas, under reader headings."""

import pandas as pd
import polars as pl

from {{ cookiecutter.package_name }}.publication import publication_sheets


def test_sheets_hold_the_published_figures_as_pandas_with_suppressed_ones_missing():
    table = pl.DataFrame(
        {
            "month": ["2024-01", "2024-01"],
            "provider_code": ["SYN01", "SYN01"],
            "age_band": ["0-17", "65+"],
            "attendances": [None, 20],
            "share_of_provider_month": [None, None],
        },
        schema_overrides={"attendances": pl.Int64, "share_of_provider_month": pl.Float64},
    )
    totals = pl.DataFrame({"month": ["2024-01"], "attendances": [25]})

    by_provider, by_month = publication_sheets(table, totals)

    assert [by_provider.name, by_month.name] == ["By_provider", "By_month"]
    assert isinstance(by_provider.table, pd.DataFrame)
    assert by_provider.table["Attendances"].isna().tolist() == [True, False]
    assert by_provider.table["Attendances"].iloc[1] == 20
    assert by_month.table.to_dict("list") == {"Month": ["2024-01"], "Attendances": [25]}
