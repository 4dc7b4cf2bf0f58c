"""The pandas table and totals reach their files: the CSV byte for byte, the chart as lists."""

import pandas as pd
from PIL import Image

from {{ cookiecutter.package_name }}.charts import monthly_alt_text
from {{ cookiecutter.package_name }}.outputs import write_chart, write_table


def test_table_is_written_with_unix_line_endings(tmp_path):
    path = write_table(pd.DataFrame({"a": [1, 2]}), tmp_path / "out" / "table.csv")

    assert path.read_bytes() == b"a\n1\n2\n"


def test_suppressed_figures_are_written_as_the_marker(tmp_path):
    table = pd.DataFrame({"a": pd.array([None, 10], dtype="Int64")})

    path = write_table(table, tmp_path / "table.csv", marker="*")

    assert path.read_bytes() == b"a\n*\n10\n"


def test_chart_is_drawn_from_the_totals_with_suppressed_months_as_gaps(tmp_path):
    totals = pd.DataFrame(
        {"month": ["2024-01", "2024-02"], "attendances": pd.array([30, None], dtype="Int64")}
    )

    path = write_chart(totals, tmp_path / "chart.png")

    description = Image.open(path).info["Description"]
    assert description == monthly_alt_text(["2024-01", "2024-02"], [30, None])
