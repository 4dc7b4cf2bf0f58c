"""Hand the published pandas tables to the workbook writer.

The workbook (``workbook.py``) is written with gptables, which takes pandas DataFrames: with the
pandas backend the published tables are already that, so nothing is converted.
"""

from __future__ import annotations

import pandas as pd

from {{ cookiecutter.package_name }}.workbook import Sheet, sheets


def publication_sheets(table: pd.DataFrame, totals: pd.DataFrame) -> list[Sheet]:
    """The workbook's sheets for the published table and its monthly totals.

    Args:
        table: The published table by month, provider and age band.
        totals: The published monthly totals.

    Returns:
        One sheet per table, in workbook order.
    """
    return sheets(table, totals)
