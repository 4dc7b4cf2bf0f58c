"""The Polars table and totals reach their files: the CSV byte for byte, the chart as lists."""

import polars as pl
from PIL import Image

from {{ cookiecutter.package_name }}.charts import monthly_alt_text
from {{ cookiecutter.package_name }}.outputs import write_chart, write_table


def test_table_is_written_with_unix_line_endings(tmp_path):
    path = write_table(pl.DataFrame({"a": [1, 2]}), tmp_path / "out" / "table.csv")

    assert path.read_bytes() == b"a\n1\n2\n"


def test_suppressed_figures_are_written_as_the_marker(tmp_path):
    table = pl.DataFrame({"a": [None, 10]}, schema={"a": pl.Int64})

    path = write_table(table, tmp_path / "table.csv", marker="*")

    assert path.read_bytes() == b"a\n*\n10\n"


def test_every_share_is_written_as_pandas_and_python_write_it(tmp_path):
    # Shares are rounded to 4 decimal places: each of the 10,001 values from 0 to 1 must be
    # written as Python's repr() writes it (pandas' choice), so every backend's CSV is the same.
    shares = pl.Series("share", range(10_001), dtype=pl.Float64) / 10_000
    shares = shares.round(4)

    path = write_table(shares.to_frame(), tmp_path / "shares.csv")

    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == ["share", *(repr(share) for share in shares.to_list())]


def test_chart_is_drawn_from_the_totals_with_suppressed_months_as_gaps(tmp_path):
    totals = pl.DataFrame(
        {"month": ["2024-01", "2024-02"], "attendances": [30, None]},
        schema={"month": pl.String, "attendances": pl.Int64},
    )

    path = write_chart(totals, tmp_path / "chart.png")

    description = Image.open(path).info["Description"]
    assert description == monthly_alt_text(["2024-01", "2024-02"], [30, None])
