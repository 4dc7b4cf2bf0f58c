"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG.

Both take tables that disclosure control has already protected: a suppressed figure is a null,
written as the rule's marker.
"""

from __future__ import annotations

import logging
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to files only, so the pipeline runs without a screen

import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402

logger = logging.getLogger(__name__)


def write_table(table: pl.DataFrame, path: Path, marker: str = "") -> Path:
    """Write ``table`` as CSV with Unix line endings, so output files compare byte for byte.

    Polars writes each float in the shortest form that reads back as the same number (``0.246``,
    ``1.0``). For shares rounded to 4 decimal places that is exactly what pandas writes, so the
    file is the same whichever backend wrote it; the two differ only below 0.0001, where Polars
    writes ``0.00001`` and pandas ``1e-05``.

    Args:
        table: The tidy table.
        path: Where to write it; its folder is created if missing.
        marker: What a missing (suppressed) figure is written as.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    table.write_csv(path, line_terminator="\n", null_value=marker)
    logger.info("Wrote %d rows to %s", table.height, path)
    return path


def write_chart(totals: pl.DataFrame, path: Path) -> Path:
    """Draw monthly total attendances as a line chart, with its alt text stored in the PNG.

    The y-axis starts at zero, so the size of a change is not exaggerated; a suppressed month is a
    gap in the line.

    Args:
        totals: Columns ``month`` (``YYYY-MM``) and ``attendances``.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    months = totals.get_column("month").str.to_date("%Y-%m").to_list()
    # A null (suppressed) count becomes NaN, which matplotlib leaves out of the line.
    counts = totals.get_column("attendances").cast(pl.Float64).to_numpy()
    figure, axes = plt.subplots(figsize=(8, 4.5))
    axes.plot(months, counts, marker="o")
    axes.set_ylim(bottom=0)
    axes.set_title("A&E attendances by month (synthetic data)")
    axes.set_xlabel("Month")
    axes.set_ylabel("Attendances")
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Description": chart_alt_text(totals)})
    plt.close(figure)
    logger.info("Wrote chart of %d months to %s", totals.height, path)
    return path


def chart_alt_text(totals: pl.DataFrame) -> str:
    """Alt text for the chart: what it shows and its overall shape, for readers who cannot see it.

    Args:
        totals: Columns ``month`` and ``attendances``, as charted.

    Returns:
        One or two sentences describing the chart.
    """
    months = totals.get_column("month")
    shown = totals.drop_nulls("attendances")
    text = (
        f"Line chart of A&E attendances per month across all providers, from {months.min()} to "
        f"{months.max()}, on a y-axis starting at zero (synthetic data)."
    )
    if shown.height:
        counts = shown.get_column("attendances")
        highest = shown.row(counts.arg_max(), named=True)
        lowest = shown.row(counts.arg_min(), named=True)
        text += (
            f" Attendances were highest in {highest['month']} ({highest['attendances']:,}) and "
            f"lowest in {lowest['month']} ({lowest['attendances']:,})."
        )
    return text
