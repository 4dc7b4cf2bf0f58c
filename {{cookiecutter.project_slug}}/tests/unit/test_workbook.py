"""The publication workbook opens in openpyxl with the sheets the Analysis Function asks for.

The workbook takes pandas tables whatever the compute backend; ``test_publication.py`` checks
that the backend's tables reach it intact.
"""

import openpyxl
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.disclosure import DisclosureMode, DisclosureRule
from {{ cookiecutter.package_name }}.workbook import SUPPRESSED, sheets, write_workbook

EXPECTED_SHEETS = ["Cover", "Contents", "Notes", "By_provider", "By_month"]


def tables():
    table = pd.DataFrame(
        {
            "month": ["2024-01", "2024-01"],
            "provider_code": ["SYN01", "SYN01"],
            "age_band": ["0-17", "65+"],
            "attendances": pd.array([None, 20], dtype="Int64"),
            "share_of_provider_month": pd.array([None, None], dtype="Float64"),
        }
    )
    totals = pd.DataFrame({"month": ["2024-01"], "attendances": pd.array([25], dtype="Int64")})
    return table, totals


@pytest.fixture
def workbook(tmp_path):
    path = write_workbook(sheets(*tables()), DisclosureRule(), tmp_path / "w.xlsx")
    return openpyxl.load_workbook(path)


def test_workbook_has_cover_contents_notes_and_one_table_per_sheet(workbook):
    assert workbook.sheetnames == EXPECTED_SHEETS
    for name in EXPECTED_SHEETS[1:]:
        assert len(workbook[name].tables) == 1, f"{name} should hold exactly one table"
    assert not any(sheet.merged_cells.ranges for sheet in workbook)


def test_suppressed_figures_show_the_shorthand_and_numbers_stay_numbers(workbook):
    values = [cell for row in workbook["By_provider"].iter_rows(values_only=True) for cell in row]

    assert values.count(SUPPRESSED) == 3
    assert 20 in values


def test_notes_explain_the_rule(workbook):
    text = " ".join(
        str(cell) for row in workbook["Notes"].iter_rows(values_only=True) for cell in row
    )

    assert "counts from 1 to 7" in text
    assert "nearest 5" in text


def test_unprotected_workbook_says_so_on_its_cover(tmp_path):
    rule = DisclosureRule(mode=DisclosureMode.SECURE_ENVIRONMENT)
    path = write_workbook(sheets(*tables()), rule, tmp_path / "w.xlsx")

    cover = openpyxl.load_workbook(path)["Cover"]
    text = " ".join(str(row[0]) for row in cover.iter_rows(values_only=True))
    assert "NOT FOR PUBLICATION" in text


def test_sheets_carry_headings_written_for_readers():
    by_provider, by_month = sheets(*tables())

    assert list(by_provider.table.columns[:3]) == ["Month", "Provider code", "Age band"]
    assert list(by_month.table.columns) == ["Month", "Attendances"]
