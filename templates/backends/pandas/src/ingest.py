"""Bring the input data into the pipeline: run a query from ``sql/`` on the configured source.

Every source takes the same path: a query file, bound parameters, SQLAlchemy, a DataFrame. For
synthetic data the seeded generator first writes the embedded DuckDB database under ``data/``, so
the default run exercises the same SQL as a warehouse would. Credentials come from ``.env``
(see ``database.py``), never from the code.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pandas as pd
import sqlalchemy
from sqlalchemy.engine import Engine

from {{ cookiecutter.package_name }}.config import Config, SourceKind
from {{ cookiecutter.package_name }}.database import connection_spec
from {{ cookiecutter.package_name }}.queries import load_query
from {{ cookiecutter.package_name }}.synthetic import prepare_synthetic_database

logger = logging.getLogger(__name__)

DAILY_ATTENDANCES_QUERY = "daily_attendances"


def read_query(engine: Engine, sql: str, params: Mapping[str, object]) -> pd.DataFrame:
    """Run one query with bound parameters and return its rows.

    Args:
        engine: Where to run it.
        sql: The query, with ``:name`` parameters.
        params: The parameters' values, sent to the database apart from the SQL.

    Returns:
        The rows, one column per selected column.
    """
    with engine.connect() as connection:
        return pd.read_sql_query(sqlalchemy.text(sql), connection, params=dict(params))


def ingest(config: Config) -> pd.DataFrame:
    """Load the daily attendance counts for the reporting period from the configured source.

    Args:
        config: The run's settings.

    Returns:
        Daily attendances by provider and age band, dates as timestamps.
    """
    if config.source is SourceKind.SYNTHETIC:
        prepare_synthetic_database(config)
    spec = connection_spec(config)
    engine = spec.create_engine()
    params = {"start_date": config.start_month, "end_date": config.end_date}
    try:
        daily = read_query(engine, load_query(DAILY_ATTENDANCES_QUERY, spec.dialect), params)
    finally:
        engine.dispose()
    daily["attendance_date"] = pd.to_datetime(daily["attendance_date"])
    logger.info(
        "Ingested %d rows of daily attendances from %s (%s to %s)",
        len(daily),
        spec.describe(),
        params["start_date"].isoformat(),
        params["end_date"].isoformat(),
    )
    return daily
