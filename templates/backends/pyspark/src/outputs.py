"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG.

Both take Spark tables that disclosure control has already protected: a suppressed figure is a
null, written as the rule's marker. The published tables are aggregates, at most one row per
month, provider and age band, so they are brought into this process here, at the output boundary,
and written as one file by Python. Spark's own writer would make a folder of part files through
Hadoop, which on Windows fails without Hadoop's ``winutils.exe`` (docs/compute-backend.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to files only, so the pipeline runs without a screen

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from pyspark.sql import DataFrame  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MonthTotal:
    """One point of the chart: a month and its published total (``None`` when suppressed)."""

    month: str
    attendances: int | None


def local_table(table: DataFrame) -> pd.DataFrame:
    """A published (aggregate, so small) Spark table as a pandas table for writing.

    Whole-number columns become pandas' nullable integers, so a suppressed count stays missing
    and the others are written as ``10``, never ``10.0``.

    Args:
        table: The Spark table.

    Returns:
        The same rows, in the same order, with the same columns.
    """
    local = table.toPandas()
    whole_numbers = [
        column.name for column in table.schema.fields if isinstance(column.dataType, T.IntegralType)
    ]
    return local.astype({name: "Int64" for name in whole_numbers})


def write_table(table: DataFrame, path: Path, marker: str = "") -> Path:
    """Write ``table`` as CSV with Unix line endings, so output files compare byte for byte.

    Args:
        table: The tidy table.
        path: Where to write it; its folder is created if missing.
        marker: What a missing (suppressed) figure is written as.

    Returns:
        The path written.
    """
    local = local_table(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    local.to_csv(path, index=False, lineterminator="\n", na_rep=marker)
    logger.info("Wrote %d rows to %s", len(local), path)
    return path


def month_totals(totals: DataFrame) -> list[MonthTotal]:
    """The chart's points in month order: one row per month, so few enough to bring here."""
    return [
        MonthTotal(row["month"], row["attendances"])
        for row in totals.select("month", "attendances").orderBy("month").collect()
    ]


def write_chart(totals: DataFrame, path: Path) -> Path:
    """Draw monthly total attendances as a line chart, with its alt text stored in the PNG.

    The y-axis starts at zero, so the size of a change is not exaggerated; a suppressed month is a
    gap in the line.

    Args:
        totals: Columns ``month`` and ``attendances``.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    points = month_totals(totals)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(8, 4.5))
    axes.plot(
        [datetime.strptime(point.month, "%Y-%m") for point in points],
        [float("nan") if point.attendances is None else point.attendances for point in points],
        marker="o",
    )
    axes.set_ylim(bottom=0)
    axes.set_title("A&E attendances by month (synthetic data)")
    axes.set_xlabel("Month")
    axes.set_ylabel("Attendances")
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Description": chart_alt_text(points)})
    plt.close(figure)
    logger.info("Wrote chart of %d months to %s", len(points), path)
    return path


def chart_alt_text(points: list[MonthTotal]) -> str:
    """Alt text for the chart: what it shows and its overall shape, for readers who cannot see it.

    Args:
        points: The charted months, in order.

    Returns:
        One or two sentences describing the chart.
    """
    months = [point.month for point in points]
    text = (
        f"Line chart of A&E attendances per month across all providers, from {min(months)} to "
        f"{max(months)}, on a y-axis starting at zero (synthetic data)."
    )
    shown = [point for point in points if point.attendances is not None]
    if shown:
        highest = max(shown, key=lambda point: point.attendances)
        lowest = min(shown, key=lambda point: point.attendances)
        text += (
            f" Attendances were highest in {highest.month} ({highest.attendances:,}) and "
            f"lowest in {lowest.month} ({lowest.attendances:,})."
        )
    return text
