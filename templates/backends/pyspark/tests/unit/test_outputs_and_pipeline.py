import logging

from PIL import Image

from {{ cookiecutter.package_name }}.logging_setup import setup_logging
from {{ cookiecutter.package_name }}.outputs import (
    MonthTotal,
    chart_alt_text,
    month_totals,
    write_chart,
    write_table,
)
from {{ cookiecutter.package_name }}.pipeline import main

TOTALS = "month string, attendances long"


def test_table_is_written_with_unix_line_endings(spark, tmp_path):
    table = spark.createDataFrame([(1,), (2,)], "a long")

    path = write_table(table, tmp_path / "out" / "table.csv")

    assert path.read_bytes() == b"a\n1\n2\n"


def test_suppressed_counts_are_written_as_the_marker_and_others_as_whole_numbers(spark, tmp_path):
    table = spark.createDataFrame([(None, None), (10, 0.25)], "a long, share double")

    path = write_table(table, tmp_path / "table.csv", marker="*")

    assert path.read_bytes() == b"a,share\n*,*\n10,0.25\n"


def test_chart_points_come_in_month_order(spark):
    totals = spark.createDataFrame([("2024-02", None), ("2024-01", 30)], TOTALS)

    assert month_totals(totals) == [MonthTotal("2024-01", 30), MonthTotal("2024-02", None)]


def test_chart_carries_its_alt_text(spark, tmp_path):
    totals = spark.createDataFrame([("2024-01", 30), ("2024-02", None), ("2024-03", 20)], TOTALS)

    path = write_chart(totals, tmp_path / "chart.png")

    description = Image.open(path).info["Description"]
    assert description == chart_alt_text(month_totals(totals))
    assert "from 2024-01 to 2024-03" in description
    assert "highest in 2024-01 (30) and lowest in 2024-03 (20)" in description
    assert "starting at zero" in description


def test_chart_is_a_png(spark, tmp_path):
    totals = spark.createDataFrame([("2024-01", 3), ("2024-02", 4)], TOTALS)

    path = write_chart(totals, tmp_path / "chart.png")

    assert path.read_bytes().startswith(b"\x89PNG")


def test_log_file_records_messages_once(tmp_path):
    setup_logging(tmp_path)
    log_file = setup_logging(tmp_path)

    logging.getLogger("check").info("a message")

    assert log_file.read_text(encoding="utf-8").count("a message") == 1


def test_main_runs_end_to_end(spark, config_text, write_config):
    path = write_config(config_text)

    assert main(["--config", str(path)]) == 0

    outputs = path.parent / "outputs"
    assert (outputs / "table.csv").is_file()
    assert (outputs / "chart.png").is_file()
    assert (outputs / "workbook.xlsx").is_file()
    assert any((outputs / "logs").glob("pipeline_*.log"))


def test_main_explains_bad_settings(config_text, write_config, capsys):
    path = write_config(config_text.replace("seed = 1", "seed = true"))

    assert main(["--config", str(path)]) == 2
    assert "seed" in capsys.readouterr().err
