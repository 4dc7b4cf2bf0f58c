"""Draw the monthly chart, with alt text, from plain lists of months and counts.

Charting is the same whatever the compute backend: each backend's ``outputs.py`` hands over the
small table of published monthly totals as two lists, so every backend draws the same PNG.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to files only, so the pipeline runs without a screen

import matplotlib.pyplot as plt  # noqa: E402

logger = logging.getLogger(__name__)


def draw_monthly_chart(months: Sequence[str], counts: Sequence[int | None], path: Path) -> Path:
    """Draw monthly total attendances as a line chart, with its alt text stored in the PNG.

    The y-axis starts at zero, so the size of a change is not exaggerated; a suppressed month is a
    gap in the line.

    Args:
        months: The months charted, as ``YYYY-MM``.
        counts: Each month's published total; ``None`` where it is suppressed.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(8, 4.5))
    dates = [datetime.strptime(month, "%Y-%m").date() for month in months]
    heights = [float("nan") if count is None else float(count) for count in counts]
    axes.plot(dates, heights, marker="o")
    axes.set_ylim(bottom=0)
    axes.set_title("A&E attendances by month (synthetic data)")
    axes.set_xlabel("Month")
    axes.set_ylabel("Attendances")
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Description": monthly_alt_text(months, counts)})
    plt.close(figure)
    logger.info("Wrote chart of %d months to %s", len(months), path)
    return path


def monthly_alt_text(months: Sequence[str], counts: Sequence[int | None]) -> str:
    """Alt text for the chart: what it shows and its overall shape, for readers who cannot see it.

    Args:
        months: The months charted, as ``YYYY-MM``.
        counts: Each month's published total; ``None`` where it is suppressed.

    Returns:
        One or two sentences describing the chart.
    """
    text = (
        f"Line chart of A&E attendances per month across all providers, from {min(months)} to "
        f"{max(months)}, on a y-axis starting at zero (synthetic data)."
    )
    shown = {month: count for month, count in zip(months, counts, strict=True) if count is not None}
    if shown:
        highest = max(shown, key=shown.__getitem__)
        lowest = min(shown, key=shown.__getitem__)
        text += (
            f" Attendances were highest in {highest} ({shown[highest]:,}) and "
            f"lowest in {lowest} ({shown[lowest]:,})."
        )
    return text
