"""The published pandas tables reach the workbook writer intact, under reader headings."""

import pandas as pd

from {{ cookiecutter.package_name }}.publication import publication_sheets


def test_sheets_hold_the_published_figures_with_suppressed_ones_missing():
    table = pd.DataFrame(
        {
            "month": ["2024-01", "2024-01"],
            "provider_code": ["SYN01", "SYN01"],
            "age_band": ["0-17", "65+"],
            "attendances": pd.array([None, 20], dtype="Int64"),
            "share_of_provider_month": pd.array([None, None], dtype="Float64"),
        }
    )
    totals = pd.DataFrame({"month": ["2024-01"], "attendances": pd.array([25], dtype="Int64")})

    by_provider, by_month = publication_sheets(table, totals)

    assert [by_provider.name, by_month.name] == ["By_provider", "By_month"]
    assert by_provider.table["Attendances"].isna().tolist() == [True, False]
    assert by_provider.table["Attendances"].iloc[1] == 20
    assert by_month.table.to_dict("list") == {"Month": ["2024-01"], "Attendances": [25]}
