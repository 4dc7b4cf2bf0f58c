"""The pipeline's command line and its log, whatever the compute backend."""

import logging

{% if cookiecutter.compute_backend == "pyspark" %}import pytest

{% endif %}from {{ cookiecutter.package_name }}.logging_setup import setup_logging
from {{ cookiecutter.package_name }}.pipeline import main


def test_log_file_records_messages_once(tmp_path):
    setup_logging(tmp_path)
    log_file = setup_logging(tmp_path)

    logging.getLogger("check").info("a message")

    assert log_file.read_text(encoding="utf-8").count("a message") == 1


{% if cookiecutter.compute_backend == "pyspark" -%}
@pytest.mark.usefixtures("spark")  # the pipeline runs on the tests' Spark session and mode
{% endif -%}
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
