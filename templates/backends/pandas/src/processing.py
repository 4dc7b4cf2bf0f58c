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

    Shares are worked out from the counts as given, so after disclosure control they reveal
    nothing the published counts do not. Where any count of a provider's month is suppressed
    (missing), every share of that month is suppressed too: otherwise the shares would give back
    the hidden count.

    Args:
        monthly: The output of ``monthly_attendances``, possibly after disclosure control.

    Returns:
        The same rows with a ``share_of_provider_month`` column, rounded to 4 decimal places.
    """
    counts = monthly["attendances"].astype("Float64")
    by_provider_month = counts.groupby([monthly["month"], monthly["provider_code"]])
    totals = by_provider_month.transform("sum")
    hidden = counts.isna().groupby([monthly["month"], monthly["provider_code"]]).transform("any")
    share = (counts / totals).where(totals > 0, 0.0).mask(hidden).round(4)
    return monthly.assign(share_of_provider_month=share)
