"""Bring the input data into the pipeline.

The example makes synthetic data; a real project replaces ``ingest`` with a query of its source
(SQL Server, UDAL or Databricks), keeping credentials in ``.env`` and never in the code.
"""

from __future__ import annotations

import calendar
import logging
from datetime import date

import pandas as pd

from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.synthetic import make_daily_attendances

logger = logging.getLogger(__name__)


def last_day_of_month(month: date) -> date:
    """The last day of the month that ``month`` falls in.

    Args:
        month: Any day of the month.

    Returns:
        That month's last day.
    """
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def ingest(config: Config) -> pd.DataFrame:
    """Load the daily attendance counts for the reporting period.

    Args:
        config: The run's settings.

    Returns:
        Daily attendances by provider and age band.
    """
    end = last_day_of_month(config.end_month)
    daily = make_daily_attendances(config.start_month, end, config.providers, config.seed)
    logger.info(
        "Ingested %d rows of synthetic daily attendances (%s to %s, %d providers)",
        len(daily),
        config.start_month.isoformat(),
        end.isoformat(),
        config.providers,
    )
    return daily
