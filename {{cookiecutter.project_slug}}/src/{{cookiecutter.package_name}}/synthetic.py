"""Make the synthetic A&E attendance counts that the example pipeline runs on.

The data is made by code from a seed, so no real patient data is ever needed or committed, every
run gives the same numbers, and the back test can compare a run with a committed expected output.
The counts are aggregate daily attendances: nothing here resembles a patient record.
The data is written into an embedded DuckDB database that the pipeline then reads through the same
SQL queries as a real source, so tests exercise real SQL on a real database, with no server.
"""

from __future__ import annotations

import logging
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import sqlalchemy
from sqlalchemy import Column, Date, Integer, MetaData, String, Table

# A relative import: this file is copied without rendering, so it cannot name the package.
from .config import Config

logger = logging.getLogger(__name__)

AGE_BANDS: tuple[str, ...] = ("0-17", "18-64", "65+")
# Rough share of attendances in each age band, so the synthetic data looks plausible.
AGE_BAND_SHARES: dict[str, float] = {"0-17": 0.22, "18-64": 0.53, "65+": 0.25}
COLUMNS: tuple[str, ...] = ("attendance_date", "provider_code", "age_band", "attendances")
# The table the queries in sql/ read: the same name and columns as in the real source.
TABLE_NAME = "ae_daily_attendances"


def provider_codes(count: int) -> list[str]:
    """Codes for synthetic providers, clearly not real organisation codes.

    Args:
        count: How many providers to make.

    Returns:
        Codes ``SYN01``, ``SYN02`` and so on.
    """
    return [f"SYN{number:02d}" for number in range(1, count + 1)]


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive.

    Args:
        start: The first day.
        end: The last day.

    Returns:
        The days in order.
    """
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def make_daily_attendances(start: date, end: date, providers: int, seed: int) -> pd.DataFrame:
    """Make daily A&E attendance counts by provider and age band.

    Args:
        start: The first day.
        end: The last day.
        providers: How many synthetic providers.
        seed: Seed for the random generator; the same seed always gives the same data.

    Returns:
        One row per day, provider and age band, with columns ``COLUMNS``.
    """
    rng = random.Random(seed)
    rows = []
    for provider in provider_codes(providers):
        daily_mean = rng.randint(150, 450)
        for day in days_between(start, end):
            winter_pressure = 1.15 if day.month in (12, 1, 2) else 1.0
            weekend = 0.9 if day.weekday() >= 5 else 1.0
            for band in AGE_BANDS:
                expected = daily_mean * AGE_BAND_SHARES[band] * winter_pressure * weekend
                count = max(0, round(expected + rng.gauss(0, expected**0.5)))
                rows.append((pd.Timestamp(day), provider, band, count))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def attendances_table(metadata: MetaData) -> Table:
    """The synthetic database's one table, with the column types a warehouse would use."""
    return Table(
        TABLE_NAME,
        metadata,
        Column("attendance_date", Date, nullable=False),
        Column("provider_code", String(5), nullable=False),
        Column("age_band", String(5), nullable=False),
        Column("attendances", Integer, nullable=False),
    )


def write_synthetic_database(daily: pd.DataFrame, path: Path) -> Path:
    """Write ``daily`` into a new DuckDB database file, replacing any earlier one whole.

    The file is written beside its final name and then moved into place, so a run that stops
    half way never leaves a half-written database for the next run to read.

    Args:
        daily: The output of ``make_daily_attendances``.
        path: The database file, in the git-ignored ``data/`` folder.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial")
    partial.unlink(missing_ok=True)
    engine = sqlalchemy.create_engine(sqlalchemy.URL.create("duckdb", database=str(partial)))
    metadata = MetaData()
    table = attendances_table(metadata)
    rows = [
        {
            "attendance_date": row.attendance_date.date(),
            "provider_code": row.provider_code,
            "age_band": row.age_band,
            "attendances": int(row.attendances),
        }
        for row in daily.itertuples(index=False)
    ]
    try:
        with engine.begin() as connection:
            metadata.create_all(connection)
            connection.execute(table.insert(), rows)
    finally:
        engine.dispose()
    os.replace(partial, path)
    return path


def prepare_synthetic_database(config: Config) -> Path:
    """Write the seeded synthetic data for the reporting period into the embedded database.

    Every compute backend reads the synthetic data from this database with the same SQL as a
    warehouse, so the data is made here once, as pandas, whatever the backend.

    Args:
        config: The run's settings (seed, providers, period and the data folder).

    Returns:
        The database written.
    """
    daily = make_daily_attendances(
        config.start_month, config.end_date, config.providers, config.seed
    )
    write_synthetic_database(daily, config.synthetic_database)
    logger.info("Wrote %d synthetic rows to %s", len(daily), config.synthetic_database)
    return config.synthetic_database
