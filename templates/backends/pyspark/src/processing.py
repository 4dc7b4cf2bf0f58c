"""Turn daily counts into the tidy monthly table the pipeline publishes, with Spark.

Tidy means one observation per row and one variable per column, which makes the output easy to
check, chart and join (RAP criterion S9). Every column is defined by a function, so importing this
module needs no Spark session.
"""

from __future__ import annotations

import logging

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

logger = logging.getLogger(__name__)

GROUP_COLUMNS = ["month", "provider_code", "age_band"]
SHARE_DECIMALS = 4


def month_of(day: str) -> Column:
    """The month a date column's days fall in, written ``YYYY-MM``."""
    return F.date_format(F.col(day), "yyyy-MM")


def monthly_attendances(daily: DataFrame) -> DataFrame:
    """Total daily attendances into one row per month, provider and age band.

    Args:
        daily: Daily counts with columns ``attendance_date``, ``provider_code``, ``age_band`` and
            ``attendances``.

    Returns:
        Columns ``month`` (``YYYY-MM``), ``provider_code``, ``age_band`` and ``attendances``,
        sorted by the first three.
    """
    logger.info("Totalling daily attendances by %s", ", ".join(GROUP_COLUMNS))
    return (
        daily.withColumn("month", month_of("attendance_date"))
        .groupBy(*GROUP_COLUMNS)
        .agg(F.sum("attendances").alias("attendances"))
        .orderBy(*GROUP_COLUMNS)
    )


def provider_month() -> Window:
    """The rows of one provider's month, which each share is a part of."""
    return Window.partitionBy("month", "provider_code")


def share_of_provider_month(count: str) -> Column:
    """Each row's share of its provider's month, missing where any count of that month is.

    Rounded half to even, as pandas and Polars round, so every backend publishes the same shares.
    """
    total = F.sum(count).over(provider_month())
    hidden = F.bool_or(F.col(count).isNull()).over(provider_month())
    return (
        F.when(hidden, F.lit(None).cast("double"))
        .when(total > 0, F.bround(F.col(count) / total, SHARE_DECIMALS))
        .otherwise(F.lit(0.0))
    )


def add_age_band_share(monthly: DataFrame) -> DataFrame:
    """Add each age band's share of its provider's attendances that month.

    Shares are worked out from the counts as given, so after disclosure control they reveal
    nothing the published counts do not. Where any count of a provider's month is suppressed
    (missing), every share of that month is suppressed too: otherwise the shares would give back
    the hidden count.

    Args:
        monthly: The output of ``monthly_attendances``, possibly after disclosure control.

    Returns:
        The same rows, sorted, with a ``share_of_provider_month`` column rounded to 4 decimal
        places.
    """
    return monthly.withColumn(
        "share_of_provider_month", share_of_provider_month("attendances")
    ).orderBy(*GROUP_COLUMNS)
