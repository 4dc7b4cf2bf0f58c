"""Turn daily counts into the tidy monthly table the pipeline publishes.

Tidy means one observation per row and one variable per column, which makes the output easy to
check, chart and join (RAP criterion S9).

Both steps are Polars expressions on a LazyFrame: they add to a query plan and compute nothing
until the plan is collected (``protect`` collects the monthly table; ``validate`` collects the
published one). Polars then optimises the whole plan at once, reading only the columns it needs.
"""

from __future__ import annotations

import polars as pl

GROUP_COLUMNS = ["month", "provider_code", "age_band"]
PROVIDER_MONTH = ["month", "provider_code"]


def monthly_attendances(daily: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """Total daily attendances into one row per month, provider and age band.

    Args:
        daily: Daily counts with columns ``attendance_date``, ``provider_code``, ``age_band`` and
            ``attendances``.

    Returns:
        A lazy query for columns ``month`` (``YYYY-MM``), ``provider_code``, ``age_band`` and
        ``attendances``, sorted by the first three.
    """
    return (
        daily.lazy()
        .group_by(
            pl.col("attendance_date").dt.to_string("%Y-%m").alias("month"),
            "provider_code",
            "age_band",
        )
        .agg(pl.col("attendances").sum())
        .sort(GROUP_COLUMNS)
    )


def add_age_band_share(monthly: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """Add each age band's share of its provider's attendances that month.

    Shares are worked out from the counts as given, so after disclosure control they reveal
    nothing the published counts do not. Where any count of a provider's month is suppressed
    (null), every share of that month is suppressed too: otherwise the shares would give back the
    hidden count.

    Args:
        monthly: The output of ``monthly_attendances``, possibly after disclosure control.

    Returns:
        A lazy query for the same rows with a ``share_of_provider_month`` column, rounded to 4
        decimal places (0.0 where the provider had no attendances that month).
    """
    count = pl.col("attendances")
    total = count.sum().over(PROVIDER_MONTH)
    hidden = count.is_null().any().over(PROVIDER_MONTH)
    share = (
        pl.when(hidden)
        .then(None)
        .when(total > 0)
        .then(count / total)
        .otherwise(0.0)
        .round(4)
        .cast(pl.Float64)
    )
    return monthly.lazy().with_columns(share.alias("share_of_provider_month"))
