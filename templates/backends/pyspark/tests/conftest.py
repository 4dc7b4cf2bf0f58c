"""Shared test fixtures, and the Spark session every Spark test runs in.

The suite runs in two modes, as Databricks does: ``classic`` (the default) talks to Spark through
its Java gateway, as a classic cluster does; ``--spark-api-mode=connect`` (or ``SPARK_API_MODE=
connect``) talks to it through Spark Connect, as serverless compute does, where ``sparkContext``
and RDDs do not exist. CI runs both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from {{ cookiecutter.package_name }}.config import Config, load_config
from {{ cookiecutter.package_name }}.spark_session import ApiMode, local_session

BACKTEST_DIR = Path(__file__).parent / "backtests"
API_MODE_VARIABLE = "SPARK_API_MODE"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--spark-api-mode",
        choices=[mode.value for mode in ApiMode],
        default=os.environ.get(API_MODE_VARIABLE, ApiMode.CLASSIC.value),
        help="run the Spark tests through the classic API or Spark Connect (as serverless does)",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"Spark API mode: {config.getoption('--spark-api-mode')}"


@pytest.fixture(scope="session")
def spark_api_mode(request: pytest.FixtureRequest) -> ApiMode:
    return ApiMode(request.config.getoption("--spark-api-mode"))


@pytest.fixture(scope="session")
def spark(spark_api_mode: ApiMode) -> Iterator[SparkSession]:
    """One local Spark for the whole run: two cores, no web UI, listening on 127.0.0.1 only."""
    session = local_session("local[2]", spark_api_mode)
    yield session
    session.stop()


@pytest.fixture
def backtest_config(tmp_path: Path) -> Config:
    """Fixed settings matching the expected back-test output, writing into a temporary folder."""
    config = load_config(BACKTEST_DIR / "backtest_config.toml")
    return replace(
        config,
        data_dir=tmp_path / "data",
        output_dir=tmp_path / "outputs",
        log_dir=tmp_path / "logs",
    )


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a settings file from TOML text and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def config_text() -> str:
    """The text of a small, valid settings file, for tests to vary."""
    return VALID_CONFIG


VALID_CONFIG = """
[reporting]
start_month = "2024-01"
end_month = "2024-02"

[synthetic_data]
seed = 1
providers = 2

[paths]
data_dir = "data"
output_dir = "outputs"
log_dir = "outputs/logs"

[outputs]
table_name = "table.csv"
chart_name = "chart.png"
workbook_name = "workbook.xlsx"

[disclosure]
mode = "publication"
suppress_up_to = 7
round_to = 5
marker = "*"

[source]
kind = "synthetic"
"""
