"""Write the accessible publication workbook with gptables, the Analysis Function's package.

The Analysis Function's guidance on releasing statistics in spreadsheets asks for a cover sheet,
a contents sheet, a notes sheet and one table per sheet, each table marked up as a table with a
title, no merged cells and no blank rows; gptables builds exactly that shape. Suppressed figures
show the guidance's shorthand ``[c]`` (confidential) rather than a symbol, with a note explaining
it; the tidy CSV keeps the rule's own marker.

gptables writes pandas DataFrames, so this module is the same for every compute backend: each
backend's ``publication.py`` hands over its small, protected tables as pandas ones.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

import gptables as gpt
import pandas as pd

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule

logger = logging.getLogger(__name__)

SUPPRESSED = "[c]"
ATTENDANCES = "Attendances"
SHARE = "Share of provider's attendances that month"
# Which note explains each column heading (the notes sheet numbers them).
COLUMN_NOTES = {ATTENDANCES: "$$disclosure$$", SHARE: "$$shares$$"}
COVER_SHEET = "Cover"
CONTENTS_SHEET = "Contents"
NOTES_SHEET = "Notes"
# The published tables' column headings, written for readers.
HEADINGS = {
    "month": "Month",
    "provider_code": "Provider code",
    "age_band": "Age band",
    "attendances": ATTENDANCES,
    "share_of_provider_month": SHARE,
}
TITLE = "A&E attendances by month, provider and age band (synthetic data)"
SOURCE = "Source: synthetic A&E attendance counts made by the pipeline's own code"


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook, on its own sheet."""

    name: str
    title: str
    description: str
    table: pd.DataFrame
    """The table with reader headings; a suppressed figure is a missing value."""


def sheets(table: pd.DataFrame, totals: pd.DataFrame) -> list[Sheet]:
    """The pipeline's two published tables as workbook sheets, with headings for readers.

    Args:
        table: The published table by month, provider and age band, as pandas.
        totals: The published monthly totals, as pandas.

    Returns:
        One sheet per table, in the order they appear in the workbook.
    """
    return [
        Sheet(
            name="By_provider",
            title="A&E attendances by month, provider and age band",
            description="Attendances for each provider and age band, month by month.",
            table=table.rename(columns=HEADINGS),
        ),
        Sheet(
            name="By_month",
            title="A&E attendances by month, all providers",
            description="Total attendances each month across all providers (the chart's data).",
            table=totals.rename(columns=HEADINGS),
        ),
    ]


def notes(rule: DisclosureRule) -> pd.DataFrame:
    """The notes sheet's table: what the shorthand and the rounding mean."""
    if rule.applies:
        disclosure = (
            f"To protect patient confidentiality, counts from 1 to {rule.suppress_up_to} are "
            f"shown as {SUPPRESSED} and every other count is rounded to the nearest "
            f"{rule.round_to}. Where a total would let a hidden count be worked out, further "
            f"figures are shown as {SUPPRESSED} too. Totals are rounded separately, so they may "
            "differ from the sum of the rounded figures."
        )
    else:
        disclosure = (
            "Exact counts: no disclosure control has been applied. This workbook must stay inside "
            "the secure environment and must not be published."
        )
    shares = (
        "Each age band's share of the provider's attendances that month, worked out from the "
        f"published counts. Shown as {SUPPRESSED} where a count of that provider's month is."
    )
    return pd.DataFrame(
        {
            "Note reference": ["disclosure", "shares"],
            "Note text": [disclosure, shares],
        }
    )


def write_workbook(sheets: list[Sheet], rule: DisclosureRule, path: Path) -> Path:
    """Write the sheets as an accessible ``.xlsx`` workbook.

    Args:
        sheets: The tables, one per sheet.
        rule: The disclosure rule the figures were protected by, explained on the cover.
        path: Where to write the workbook; its folder is created if missing.

    Returns:
        The path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = {
        sheet.name: gpt.GPTable(
            table=_show_suppressed(sheet.table),
            table_name=sheet.name.lower(),
            title=sheet.title,
            subtitles=[sheet.description],
            instructions="This worksheet contains one table.",
            source=SOURCE,
            table_notes={
                heading: note
                for heading, note in COLUMN_NOTES.items()
                if heading in sheet.table.columns
            },
        )
        for sheet in sheets
    }
    with warnings.catch_warnings():
        # gptables warns about options the pipeline does not use; the log records the result.
        warnings.simplefilter("ignore")
        gpt.write_workbook(
            filename=path,
            sheets=tables,
            cover=_cover(rule),
            contentsheet_label=CONTENTS_SHEET,
            notes_table=notes(rule),
            notesheet_label=NOTES_SHEET,
        )
    logger.info("Wrote workbook of %d tables to %s", len(sheets), path)
    return path


def _cover(rule: DisclosureRule) -> gpt.Cover:
    status = (
        f"Figures are protected by disclosure control: see the {NOTES_SHEET} sheet."
        if rule.applies
        else "NOT FOR PUBLICATION: exact counts for use inside the secure environment only."
    )
    return gpt.Cover(
        title=TITLE,
        cover_label=COVER_SHEET,
        intro=[
            "This workbook holds the tables the pipeline publishes.",
            status,
        ],
        about=[
            f"The {CONTENTS_SHEET} sheet lists every table; each table is on its own sheet.",
            f"Shorthand: {SUPPRESSED} means the figure is hidden to protect confidentiality.",
        ],
    )


def _show_suppressed(table: pd.DataFrame) -> pd.DataFrame:
    """Replace missing (suppressed) figures with the shorthand, keeping numbers as numbers."""
    return table.astype(object).where(table.notna(), SUPPRESSED)
