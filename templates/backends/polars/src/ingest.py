"""Bring the input data into the pipeline: run a query from ``sql/`` on the configured source.

Every source takes the same path: a query file, bound parameters, SQLAlchemy, a Polars
DataFrame. For synthetic data the seeded generator first writes the embedded DuckDB database under
``data/``, so the default run exercises the same SQL as a warehouse would. Credentials come from
``.env`` (see ``database.py``), never from the code.

The query's rows are held in memory once the database has sent them, so ``ingest`` returns an
eager DataFrame: validation checks every value of it, and processing builds its lazy query on it.
Filtering belongs in the SQL, where the database does it before any row is sent.
"""

from __future__ import annotations

import calendar
import logging
import warnings
from collections.abc import Mapping
from datetime import date

import polars as pl
import polars.selectors as cs
import sqlalchemy
from sqlalchemy.engine import Engine

from {{ cookiecutter.package_name }}.config import Config, SourceKind
from {{ cookiecutter.package_name }}.database import connection_spec
from {{ cookiecutter.package_name }}.queries import load_query
from {{ cookiecutter.package_name }}.synthetic import (
    make_daily_attendances,
    write_synthetic_database,
)

logger = logging.getLogger(__name__)

DAILY_ATTENDANCES_QUERY = "daily_attendances"
DATE_COLUMN = "attendance_date"
COUNT_COLUMN = "attendances"


def last_day_of_month(month: date) -> date:
    """The last day of the month that ``month`` falls in.

    Args:
        month: Any day of the month.

    Returns:
        That month's last day.
    """
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def prepare_synthetic_database(config: Config) -> None:
    """Write the seeded synthetic data for the reporting period into the embedded database.

    Args:
        config: The run's settings (seed, providers, period and the data folder).
    """
    end = last_day_of_month(config.end_month)
    daily = make_daily_attendances(config.start_month, end, config.providers, config.seed)
    write_synthetic_database(daily, config.synthetic_database)
    logger.info("Wrote %d synthetic rows to %s", len(daily), config.synthetic_database)


def read_query(engine: Engine, sql: str, params: Mapping[str, object]) -> pl.DataFrame:
    """Run one query with bound parameters and return its rows.

    Polars runs the query through the SQLAlchemy connection, so ``:name`` parameters are bound
    the same way for every database. From DuckDB it then takes the rows as Arrow data (which
    needs ``pyarrow``); from other drivers it builds the frame row by row.

    Args:
        engine: Where to run it.
        sql: The query, with ``:name`` parameters.
        params: The parameters' values, sent to the database apart from the SQL.

    Returns:
        The rows, one column per selected column.
    """
    with engine.connect() as connection, warnings.catch_warnings():
        # DuckDB suggests its own Arrow API here; Polars' SQLAlchemy path is kept on purpose, so
        # every source binds its parameters in the same way.
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
        return pl.read_database(
            sqlalchemy.text(sql),
            connection,
            execute_options={"parameters": dict(params)},
            infer_schema_length=None,
        )


def with_pipeline_types(daily: pl.DataFrame) -> pl.DataFrame:
    """Give the date and count columns the types processing expects, whatever the driver sent.

    Drivers differ: DuckDB sends whole numbers as 32-bit integers, a ``DATETIME`` column arrives
    with a time of day, and some databases keep dates as text. Anything else is left for
    validation to report.

    Args:
        daily: The query's rows as read.

    Returns:
        The same rows, dates as ``pl.Date`` and counts as ``pl.Int64``.
    """
    date_column = cs.by_name(DATE_COLUMN, require_all=False)
    return daily.with_columns(
        (date_column & cs.string()).str.to_date("%Y-%m-%d"),
        (date_column & cs.datetime()).dt.date(),
        (cs.by_name(COUNT_COLUMN, require_all=False) & cs.integer()).cast(pl.Int64),
    )


def ingest(config: Config) -> pl.DataFrame:
    """Load the daily attendance counts for the reporting period from the configured source.

    Args:
        config: The run's settings.

    Returns:
        Daily attendances by provider and age band, dates as ``pl.Date``.
    """
    if config.source is SourceKind.SYNTHETIC:
        prepare_synthetic_database(config)
    spec = connection_spec(config)
    engine = spec.create_engine()
    params = {"start_date": config.start_month, "end_date": last_day_of_month(config.end_month)}
    try:
        daily = read_query(engine, load_query(DAILY_ATTENDANCES_QUERY, spec.dialect), params)
    finally:
        engine.dispose()
    daily = with_pipeline_types(daily)
    logger.info(
        "Ingested %d rows of daily attendances from %s (%s to %s)",
        daily.height,
        spec.describe(),
        params["start_date"].isoformat(),
        params["end_date"].isoformat(),
    )
    return daily
