"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG."""

from __future__ import annotations

import logging
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to files only, so the pipeline runs without a screen

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

logger = logging.getLogger(__name__)


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write ``table`` as CSV with Unix line endings, so output files compare byte for byte.

    Args:
        table: The tidy table.
        path: Where to write it; its folder is created if missing.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    logger.info("Wrote %d rows to %s", len(table), path)
    return path


def write_chart(totals: pd.DataFrame, path: Path) -> Path:
    """Draw monthly total attendances as a line chart.

    Args:
        totals: Columns ``month`` and ``attendances``.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(8, 4.5))
    axes.plot(pd.to_datetime(totals["month"]), totals["attendances"], marker="o")
    axes.set_title("A&E attendances by month (synthetic data)")
    axes.set_xlabel("Month")
    axes.set_ylabel("Attendances")
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    logger.info("Wrote chart of %d months to %s", len(totals), path)
    return path
