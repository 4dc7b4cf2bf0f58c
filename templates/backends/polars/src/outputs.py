"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG.

Both take tables that disclosure control has already protected: a suppressed figure is a null,
written as the rule's marker.
"""

from __future__ import annotations

import logging
from pathlib import Path

import polars as pl

from {{ cookiecutter.package_name }}.charts import draw_monthly_chart

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
    """Draw the published monthly totals as a line chart (see ``charts.py``).

    Args:
        totals: Columns ``month`` (``YYYY-MM``) and ``attendances``; a suppressed total is null.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    months = totals.get_column("month").to_list()
    return draw_monthly_chart(months, totals.get_column("attendances").to_list(), path)
