"""Hand the published Spark tables to the workbook writer, brought into this process as pandas.

The workbook (``workbook.py``) is written with gptables, which takes pandas tables. The published
tables are aggregates, small by construction, so they are brought here once, at this boundary,
the same way as for the CSV (``outputs.local_table``).
"""

from __future__ import annotations

from pyspark.sql import DataFrame

from {{ cookiecutter.package_name }}.outputs import local_table
from {{ cookiecutter.package_name }}.workbook import Sheet, sheets


def publication_sheets(table: DataFrame, totals: DataFrame) -> list[Sheet]:
    """The workbook's sheets for the published table and its monthly totals.

    Args:
        table: The published Spark table by month, provider and age band.
        totals: The published monthly totals.

    Returns:
        One sheet per table, in workbook order.
    """
    return sheets(local_table(table), local_table(totals))
