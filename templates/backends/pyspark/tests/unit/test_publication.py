"""The published Spark tables reach the workbook writer as pandas, under reader headings."""

import pandas as pd

from {{ cookiecutter.package_name }}.publication import publication_sheets

PUBLISHED = (
    "month string, provider_code string, age_band string, attendances long, "
    "share_of_provider_month double"
)


def test_sheets_hold_the_published_figures_as_pandas_with_suppressed_ones_missing(spark):
    table = spark.createDataFrame(
        [("2024-01", "SYN01", "0-17", None, None), ("2024-01", "SYN01", "65+", 20, None)],
        schema=PUBLISHED,
    )
    totals = spark.createDataFrame([("2024-01", 25)], "month string, attendances long")

    by_provider, by_month = publication_sheets(table, totals)

    assert [by_provider.name, by_month.name] == ["By_provider", "By_month"]
    assert isinstance(by_provider.table, pd.DataFrame)
    assert by_provider.table["Attendances"].isna().tolist() == [True, False]
    assert by_provider.table["Attendances"].iloc[1] == 20
    assert by_month.table.to_dict("list") == {"Month": ["2024-01"], "Attendances": [25]}
