"""Bring the input data into the pipeline as a Spark DataFrame, from the query in ``sql/``.

On Databricks the query runs where the tables are, with ``spark.sql`` and its ``:name``
parameters bound through ``args``, so the data never leaves the cluster. The synthetic data is
small by design: the seeded generator writes the embedded DuckDB database under ``data/`` (the same
file and the same query as every other project), and its rows become a local Spark DataFrame with
an explicit schema, which is also what the tests run on.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd
import sqlalchemy
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import types as T
from sqlalchemy.engine import Engine

from {{ cookiecutter.package_name }}.config import Config, SourceKind
from {{ cookiecutter.package_name }}.database import (
    ConnectionSettingsError,
    connection_spec,
)
from {{ cookiecutter.package_name }}.queries import SQL_DIR, load_query
from {{ cookiecutter.package_name }}.spark_session import on_databricks, spark_session
from {{ cookiecutter.package_name }}.synthetic import (
    make_daily_attendances,
    write_synthetic_database,
)

logger = logging.getLogger(__name__)

DAILY_ATTENDANCES_QUERY = "daily_attendances"
NOT_ON_DATABRICKS = (
    'source.kind "databricks-sql" is read with Spark on a Databricks cluster, and this is not '
    "one; run the bundle's job (`databricks bundle run`, see docs/compute-backend.md), run "
    "from a Databricks Git folder, or add `--source synthetic` to run here on synthetic data."
)


def ingested_schema_type() -> T.StructType:
    """The Spark types of the daily attendance counts, as ingest hands them to processing."""
    return T.StructType(
        [
            T.StructField("attendance_date", T.DateType(), nullable=False),
            T.StructField("provider_code", T.StringType(), nullable=False),
            T.StructField("age_band", T.StringType(), nullable=False),
            T.StructField("attendances", T.LongType(), nullable=False),
        ]
    )


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


def read_query(engine: Engine, sql: str, params: Mapping[str, object]) -> pd.DataFrame:
    """Run one query on a SQLAlchemy engine, with bound parameters, and return its rows.

    Only the small synthetic database is read this way: its rows pass through this process.

    Args:
        engine: Where to run it.
        sql: The query, with ``:name`` parameters.
        params: The parameters' values, sent to the database apart from the SQL.

    Returns:
        The rows as a pandas table, one column per selected column.
    """
    with engine.connect() as connection:
        return pd.read_sql_query(sqlalchemy.text(sql), connection, params=dict(params))


def read_synthetic(spark: SparkSession, config: Config, params: dict[str, date]) -> DataFrame:
    """Run the query on the embedded synthetic database and make a local Spark DataFrame of it.

    The synthetic data is a few thousand rows, so handing it to Spark from this process is
    cheap; real sources are read on the cluster instead (``read_databricks``).

    Args:
        spark: The session to make the DataFrame in.
        config: The run's settings.
        params: The query's ``:name`` parameters.

    Returns:
        The daily counts, with the explicit schema processing expects.
    """
    prepare_synthetic_database(config)
    spec = connection_spec(config)
    engine = spec.create_engine()
    try:
        rows = read_query(engine, load_query(DAILY_ATTENDANCES_QUERY, spec.dialect), params)
    finally:
        engine.dispose()
    logger.info("Read %d rows of daily attendances from %s", len(rows), spec.describe())
    return spark.createDataFrame(rows, schema=ingested_schema_type())


def sql_folder(config: Config) -> Path:
    """The project's ``sql/`` folder, wherever the code runs from.

    In a checkout or a Databricks Git folder it is beside the package; a deployed bundle's wheel
    holds only the package, and the folder is synced beside ``config.toml`` and ``data/``.
    """
    return SQL_DIR if SQL_DIR.is_dir() else config.data_dir.parent / "sql"


def read_databricks(spark: SparkSession, config: Config, params: dict[str, date]) -> DataFrame:
    """Run the query on the Databricks cluster this process runs on.

    Args:
        spark: The cluster's session.
        config: The run's settings; ``[databricks]`` names the catalog and schema to read.
        params: The query's ``:name`` parameters, bound by Spark apart from the SQL text.

    Returns:
        The daily counts as a Spark DataFrame (nothing is read until an action needs it).
    """
    catalog, schema = str(config.connection["catalog"]), str(config.connection["schema"])
    spark.catalog.setCurrentCatalog(catalog)
    spark.catalog.setCurrentDatabase(schema)
    logger.info("Reading daily attendances from %s.%s on Databricks", catalog, schema)
    query = load_query(DAILY_ATTENDANCES_QUERY, "databricks", sql_folder(config))
    return spark.sql(query, args=params)


def ingest(config: Config) -> DataFrame:
    """Load the daily attendance counts for the reporting period from the configured source.

    Args:
        config: The run's settings.

    Returns:
        Daily attendances by provider and age band, as a Spark DataFrame.

    Raises:
        ConnectionSettingsError: If the source cannot be read from here (before Spark starts).
    """
    params = {"start_date": config.start_month, "end_date": last_day_of_month(config.end_month)}
    logger.info(
        "Ingesting daily attendances from %s to %s",
        params["start_date"].isoformat(),
        params["end_date"].isoformat(),
    )
    if config.source is SourceKind.SYNTHETIC:
        return read_synthetic(spark_session(), config, params)
    if config.source is not SourceKind.DATABRICKS_SQL:
        raise ConnectionSettingsError(
            f'source.kind "{config.source}" cannot be read with PySpark, which has no SQL Server '
            'driver; use "databricks-sql" or "synthetic" (docs/compute-backend.md says why).'
        )
    if not on_databricks():
        raise ConnectionSettingsError(NOT_ON_DATABRICKS)
    return read_databricks(spark_session(), config, params)
