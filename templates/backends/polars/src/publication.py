"""Hand the published Polars tables to the workbook writer, converted to pandas.

The workbook (``workbook.py``) is written with gptables, which takes pandas DataFrames. The two
published tables are small and already protected, so they are converted with ``to_pandas()``
here, at that boundary only; a null (suppressed) figure becomes a missing value.
"""

from __future__ import annotations

import polars as pl

from {{ cookiecutter.package_name }}.workbook import Sheet, sheets


def publication_sheets(table: pl.DataFrame, totals: pl.DataFrame) -> list[Sheet]:
    """The workbook's sheets for the published table and its monthly totals.

    Args:
        table: The published table by month, provider and age band.
        totals: The published monthly totals.

    Returns:
        One sheet per table, in workbook order.
    """
    return sheets(table.to_pandas(), totals.to_pandas())
