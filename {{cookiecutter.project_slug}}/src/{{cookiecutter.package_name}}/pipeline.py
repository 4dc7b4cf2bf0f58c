"""Run the whole pipeline, ingest -> process -> output, as one command.

Both ``python -m`` and the project's console command call ``main``: one entry point, so the
outputs come from code with no manual steps (RAP criterion S1).
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from {{ cookiecutter.package_name }}.config import Config, ConfigError, load_config
from {{ cookiecutter.package_name }}.ingest import ingest
from {{ cookiecutter.package_name }}.logging_setup import setup_logging
from {{ cookiecutter.package_name }}.outputs import write_chart, write_table
from {{ cookiecutter.package_name }}.processing import (
    add_age_band_share,
    monthly_attendances,
    monthly_totals,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineResult:
    """The files one run wrote."""

    table: Path
    chart: Path


def run(config: Config) -> PipelineResult:
    """Run ingest, processing and outputs with the given settings.

    Args:
        config: The run's settings.

    Returns:
        The paths of the files written.
    """
    daily = ingest(config)
    monthly = add_age_band_share(monthly_attendances(daily))
    table = write_table(monthly, config.table_path)
    chart = write_chart(monthly_totals(monthly), config.chart_path)
    return PipelineResult(table=table, chart=chart)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when not given).

    Returns:
        0 on success, 2 when the settings need fixing.
    """
    parser = argparse.ArgumentParser(description="Run the reproducible analytical pipeline.")
    parser.add_argument("--config", type=Path, help="settings file (default: config.toml)")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    log_file = setup_logging(config.log_dir)
    logger.info("Pipeline started; logging to %s", log_file)
    result = run(config)
    logger.info("Pipeline finished: %s and %s", result.table, result.chart)
    return 0
