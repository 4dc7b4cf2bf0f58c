"""Write the pipeline's outputs: the tidy table as CSV and a chart as PNG.

Both take Spark tables that disclosure control has already protected: a suppressed figure is a
null, written as the rule's marker. The published tables are aggregates, at most one row per
month, provider and age band, so they are brought into this process here, at the output boundary,
and written as one file by Python. Spark's own writer would make a folder of part files through
Hadoop, which on Windows fails without Hadoop's ``winutils.exe`` (docs/compute-backend.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import types as T

from {{ cookiecutter.package_name }}.charts import draw_monthly_chart

logger = logging.getLogger(__name__)


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


def write_chart(totals: DataFrame, path: Path) -> Path:
    """Draw the published monthly totals as a line chart (see ``charts.py``).

    Args:
        totals: Columns ``month`` (``YYYY-MM``) and ``attendances``; a suppressed total is null.
        path: Where to write the PNG; its folder is created if missing.

    Returns:
        The path written.
    """
    # One row per month, so few enough to bring into this process.
    rows = totals.select("month", "attendances").orderBy("month").collect()
    months = [row["month"] for row in rows]
    return draw_monthly_chart(months, [row["attendances"] for row in rows], path)
