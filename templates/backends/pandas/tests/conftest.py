"""Shared test fixtures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.config import Config, load_config

BACKTEST_DIR = Path(__file__).parent / "backtests"


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
