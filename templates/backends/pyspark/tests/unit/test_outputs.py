"""The Spark table and totals reach their files: the CSV byte for byte, the chart as lists."""

from PIL import Image

from {{ cookiecutter.package_name }}.charts import monthly_alt_text
from {{ cookiecutter.package_name }}.outputs import write_chart, write_table

TOTALS = "month string, attendances long"


def test_table_is_written_with_unix_line_endings(spark, tmp_path):
    table = spark.createDataFrame([(1,), (2,)], "a long")

    path = write_table(table, tmp_path / "out" / "table.csv")

    assert path.read_bytes() == b"a\n1\n2\n"


def test_suppressed_counts_are_written_as_the_marker_and_others_as_whole_numbers(spark, tmp_path):
    table = spark.createDataFrame([(None, None), (10, 0.25)], "a long, share double")

    path = write_table(table, tmp_path / "table.csv", marker="*")

    assert path.read_bytes() == b"a,share\n*,*\n10,0.25\n"


def test_chart_is_drawn_from_the_totals_in_month_order_with_gaps(spark, tmp_path):
    totals = spark.createDataFrame([("2024-02", None), ("2024-01", 30)], TOTALS)

    path = write_chart(totals, tmp_path / "chart.png")

    description = Image.open(path).info["Description"]
    assert description == monthly_alt_text(["2024-01", "2024-02"], [30, None])
