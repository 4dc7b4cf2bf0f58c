"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG.

Both take tables that disclosure control has already protected: a suppressed figure is a missing
value, written as the rule's marker.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from {{ cookiecutter.package_name }}.charts import draw_monthly_chart

logger = logging.getLogger(__name__)


def write_table(table: pd.DataFrame, path: Path, marker: str = "") -> Path:
    """Write ``table`` as CSV with Unix line endings, so output files compare byte for byte.

    Args:
        table: The tidy table.
        path: Where to write it; its folder is created if missing.
        marker: What a missing (suppressed) figure is written as.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n", na_rep=marker)
    logger.info("Wrote %d rows to %s", len(table), path)
    return path


def write_chart(totals: pd.DataFrame, path: Path) -> Path:
    """Draw the published monthly totals as a line chart (see ``charts.py``).

    Args:
        totals: Columns ``month`` (``YYYY-MM``) and ``attendances``; a suppressed total is missing.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    counts = [None if pd.isna(count) else int(count) for count in totals["attendances"]]
    return draw_monthly_chart(totals["month"].tolist(), counts, path)
