"""Run the whole pipeline, ingest -> process -> protect -> output, as one command.

Both ``python -m`` and the project's console command call ``main``: one entry point, so the
outputs come from code with no manual steps (RAP criterion S1). ``check-connection`` tests the
data source's connection without running anything else.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from {{ cookiecutter.package_name }}.check_connection import check_connection
from {{ cookiecutter.package_name }}.config import (
    Config,
    ConfigError,
    SourceKind,
    load_config,
)
from {{ cookiecutter.package_name }}.database import ConnectionSettingsError
from {{ cookiecutter.package_name }}.ingest import ingest, prepare_synthetic_database
from {{ cookiecutter.package_name }}.logging_setup import setup_logging
from {{ cookiecutter.package_name }}.outputs import write_chart, write_table
from {{ cookiecutter.package_name }}.processing import (
    add_age_band_share,
    monthly_attendances,
)
from {{ cookiecutter.package_name }}.protection import protect
from {{ cookiecutter.package_name }}.publication import publication_sheets
{%- if cookiecutter.compute_backend == "pyspark" %}
from {{ cookiecutter.package_name }}.spark_session import SparkSetupError
{%- endif %}
from {{ cookiecutter.package_name }}.validation import (
    ValidationError,
    ingested_schema,
    published_table_schema,
    published_totals_schema,
    validate,
)
from {{ cookiecutter.package_name }}.workbook import write_workbook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineResult:
    """The files one run wrote."""

    table: Path
    chart: Path
    workbook: Path


def run(config: Config) -> PipelineResult:
    """Run ingest, processing and outputs with the given settings.

    Args:
        config: The run's settings.

    Returns:
        The paths of the files written.

    Raises:
        ValidationError: If the ingested data or an output fails its schema; nothing is written
            then.
    """
    daily = validate(ingest(config), ingested_schema())
    monthly = monthly_attendances(daily)
    # Disclosure control and validation sit between processing and writing: every figure
    # written below has been protected and checked.
    rule = config.disclosure
    protected = protect(monthly, "attendances", ["month"], rule, "attendances by provider")
    published = validate(add_age_band_share(protected.cells), published_table_schema(rule))
    totals = validate(protected.totals, published_totals_schema(rule))
    table = write_table(published, config.table_path, rule.marker)
    chart = write_chart(totals, config.chart_path)
    workbook = write_workbook(publication_sheets(published, totals), rule, config.workbook_path)
    return PipelineResult(table=table, chart=chart, workbook=workbook)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when not given).

    Returns:
        0 on success, 1 when a table fails validation or the connection check fails, 2 when
        the settings need fixing.
    """
    parser = argparse.ArgumentParser(description="Run the reproducible analytical pipeline.")
    parser.add_argument(
        "command",
        nargs="?",
        choices=["run", "check-connection"],
        default="run",
        help="run the pipeline (the default) or only check the data source's connection",
    )
    parser.add_argument("--config", type=Path, help="settings file (default: config.toml)")
    parser.add_argument(
        "--source",
        choices=[SourceKind.SYNTHETIC.value],
        help="read the synthetic database whatever source.kind in config.toml says",
    )
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    if args.source is not None:
        config = replace(config, source=SourceKind(args.source))
    if args.command == "check-connection":
        if config.source is SourceKind.SYNTHETIC:
            prepare_synthetic_database(config)  # made by code, so there is always one to check
        diagnosis = check_connection(config)
        print(diagnosis.message, file=sys.stdout if diagnosis.ok else sys.stderr)
        return 0 if diagnosis.ok else 1
    try:
        return run_and_log(config)
    except {% if cookiecutter.compute_backend == "pyspark" %}(ConnectionSettingsError, SparkSetupError){% else %}ConnectionSettingsError{% endif %} as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2


def run_and_log(config: Config) -> int:
    """Run the pipeline with logging to the console and this run's log file.

    Args:
        config: The run's settings.

    Returns:
        0 on success.
    """
    log_file = setup_logging(config.log_dir)
    logger.info("Pipeline started; logging to %s", log_file)
    try:
        result = run(config)
    except ValidationError as error:
        logger.error("%s Nothing was written.", error)
        return 1
    logger.info("Pipeline finished: %s, %s and %s", result.table, result.chart, result.workbook)
    return 0
