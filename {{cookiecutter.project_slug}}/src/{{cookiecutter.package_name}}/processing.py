"""Turn daily counts into the tidy monthly table the pipeline publishes.

Tidy means one observation per row and one variable per column, which makes the output easy to
check, chart and join (RAP criterion S9).
"""

from __future__ import annotations

import logging

import pandas as pd

logger = logging.getLogger(__name__)

GROUP_COLUMNS = ["month", "provider_code", "age_band"]


def monthly_attendances(daily: pd.DataFrame) -> pd.DataFrame:
    """Total daily attendances into one row per month, provider and age band.

    Args:
        daily: Daily counts with columns ``attendance_date``, ``provider_code``, ``age_band`` and
            ``attendances``.

    Returns:
        Columns ``month`` (``YYYY-MM``), ``provider_code``, ``age_band`` and ``attendances``.
    """
    monthly = (
        daily.assign(month=daily["attendance_date"].dt.strftime("%Y-%m"))
        .groupby(GROUP_COLUMNS, as_index=False)["attendances"]
        .sum()
        .sort_values(GROUP_COLUMNS, ignore_index=True)
    )
    logger.info("Totalled %d daily rows into %d monthly rows", len(daily), len(monthly))
    return monthly


def add_age_band_share(monthly: pd.DataFrame) -> pd.DataFrame:
    """Add each age band's share of its provider's attendances that month.

    Args:
        monthly: The output of ``monthly_attendances``.

    Returns:
        The same rows with a ``share_of_provider_month`` column, rounded to 4 decimal places.
    """
    totals = monthly.groupby(["month", "provider_code"])["attendances"].transform("sum")
    share = (monthly["attendances"] / totals).where(totals > 0, 0.0).round(4)
    return monthly.assign(share_of_provider_month=share)


def monthly_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Total attendances per month across all providers, for the chart.

    Args:
        monthly: The output of ``monthly_attendances``.

    Returns:
        Columns ``month`` and ``attendances``.
    """
    return monthly.groupby("month", as_index=False)["attendances"].sum()
