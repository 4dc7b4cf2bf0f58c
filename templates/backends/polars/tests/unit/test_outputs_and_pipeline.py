import logging

import polars as pl
from PIL import Image

from {{ cookiecutter.package_name }}.logging_setup import setup_logging
from {{ cookiecutter.package_name }}.outputs import (
    chart_alt_text,
    write_chart,
    write_table,
)
from {{ cookiecutter.package_name }}.pipeline import main


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


def test_chart_carries_its_alt_text(tmp_path):
    totals = pl.DataFrame(
        {"month": ["2024-01", "2024-02"], "attendances": [30, None]},
        schema={"month": pl.String, "attendances": pl.Int64},
    )

    path = write_chart(totals, tmp_path / "chart.png")

    description = Image.open(path).info["Description"]
    assert description == chart_alt_text(totals)
    assert "from 2024-01 to 2024-02" in description
    assert "starting at zero" in description


def test_alt_text_names_the_highest_and_lowest_months():
    totals = pl.DataFrame(
        {"month": ["2024-01", "2024-02", "2024-03"], "attendances": [1500, 900, 2000]}
    )

    text = chart_alt_text(totals)

    assert "highest in 2024-03 (2,000)" in text
    assert "lowest in 2024-02 (900)" in text


def test_chart_is_a_png(tmp_path):
    totals = pl.DataFrame({"month": ["2024-01", "2024-02"], "attendances": [3, 4]})

    path = write_chart(totals, tmp_path / "chart.png")

    assert path.read_bytes().startswith(b"\x89PNG")


def test_log_file_records_messages_once(tmp_path):
    setup_logging(tmp_path)
    log_file = setup_logging(tmp_path)

    logging.getLogger("check").info("a message")

    assert log_file.read_text(encoding="utf-8").count("a message") == 1


def test_main_runs_end_to_end(config_text, write_config):
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
