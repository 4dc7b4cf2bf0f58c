"""Check that each table has the shape the method assumes, with pandera schemas kept in one place.

The ingested data is checked before processing and every output before it is written, so a
surprise in the source (a negative count, an unknown age band, a duplicated day) stops the run
instead of reaching a publication. A failure is reported in one line naming the table, the column,
the check and how many rows failed; pandera's own report lists the failing values, which could be
patient-level, so it is never printed or logged.

The schemas use pandera's column and check API, which its Polars and PySpark integrations share,
so another compute backend can apply the same rules.
"""

from __future__ import annotations

import logging

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule
from {{ cookiecutter.package_name }}.synthetic import AGE_BANDS

logger = logging.getLogger(__name__)

# NHS organisation (ODS) codes are 3 to 6 capital letters and digits; the synthetic ones fit too.
ORGANISATION_CODE = r"^[A-Z0-9]{3,6}$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
# Checks that pandera reports against the table, with the column's name as the failing value.
COLUMN_CHECKS = ("column_in_schema", "column_in_dataframe")


class ValidationError(ValueError):
    """A table failed its schema; the message names what failed without showing any value."""


def ingested_schema() -> pa.DataFrameSchema:
    """Daily attendances as ingest hands them to processing."""
    return pa.DataFrameSchema(
        {
            "attendance_date": pa.Column("datetime64[us]", coerce=True),
            "provider_code": pa.Column(str, pa.Check.str_matches(ORGANISATION_CODE)),
            "age_band": pa.Column(str, pa.Check.isin(AGE_BANDS)),
            "attendances": pa.Column(int, pa.Check.ge(0)),
        },
        unique=["attendance_date", "provider_code", "age_band"],
        strict=True,
        name="ingested daily attendances",
    )


def published_table_schema(rule: DisclosureRule) -> pa.DataFrameSchema:
    """The tidy table as it is published: one row per month, provider and age band."""
    return pa.DataFrameSchema(
        {
            "month": pa.Column(str, pa.Check.str_matches(MONTH)),
            "provider_code": pa.Column(str, pa.Check.str_matches(ORGANISATION_CODE)),
            "age_band": pa.Column(str, pa.Check.isin(AGE_BANDS)),
            "attendances": published_counts(rule),
            "share_of_provider_month": pa.Column("Float64", pa.Check.in_range(0, 1), nullable=True),
        },
        unique=["month", "provider_code", "age_band"],
        strict=True,
        name="attendances by provider",
    )


def published_totals_schema(rule: DisclosureRule) -> pa.DataFrameSchema:
    """Monthly totals across providers, as published beside the table and charted."""
    return pa.DataFrameSchema(
        {
            "month": pa.Column(str, pa.Check.str_matches(MONTH), unique=True),
            "attendances": published_counts(rule),
        },
        strict=True,
        name="attendances by month",
    )


def published_counts(rule: DisclosureRule) -> pa.Column:
    """A column of published counts: missing where suppressed, and obeying the rule elsewhere."""
    checks = [pa.Check.ge(0)]
    if rule.applies and rule.suppress_up_to:
        checks.append(
            pa.Check(
                lambda counts: ~counts.between(1, rule.suppress_up_to),
                name=f"no_unsuppressed_count_from_1_to_{rule.suppress_up_to}",
            )
        )
    if rule.applies and rule.round_to > 1:
        checks.append(
            pa.Check(
                lambda counts: counts % rule.round_to == 0, name=f"multiple_of_{rule.round_to}"
            )
        )
    return pa.Column("Int64", checks, nullable=rule.applies)


def validate(table: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Check ``table`` against ``schema`` and return it (with any column types coerced).

    Args:
        table: The table to check.
        schema: Its schema; the schema's name is used in messages.

    Returns:
        The checked table, with a fresh row index (row numbers are what failures are counted
        by).

    Raises:
        ValidationError: Naming the first failed check, its column and the rows affected.
    """
    try:
        checked = schema.validate(table.reset_index(drop=True), lazy=True)
    except SchemaErrors as errors:
        raise ValidationError(describe_failure(schema.name, errors.failure_cases)) from None
    logger.info("Validated '%s': %d rows passed every check", schema.name, len(checked))
    return checked


def describe_failure(table: str | None, failure_cases: pd.DataFrame) -> str:
    """One line about the most basic failed check; failing values are left out on purpose.

    A missing or unexpected column is reported before a wrong type, and a wrong type before a
    failed value check, because fixing the first usually explains the rest.

    Args:
        table: The table's name.
        failure_cases: pandera's report, one row per failing value.

    Returns:
        A message such as ``Table 'x' failed validation: column 'y' failed check 'z' in 3 rows.``
    """
    cases = failure_cases.assign(
        # For a missing or unexpected column pandera names the table as the column and the
        # column as the failing value: a column name, never a data value, so safe to show.
        column=failure_cases["column"].where(
            ~failure_cases["check"].isin(COLUMN_CHECKS), failure_cases["failure_case"]
        ),
        rank=failure_cases["check"].map(_check_rank),
    ).sort_values("rank", kind="stable")
    checks = cases.groupby(["column", "check"], sort=False, dropna=False)["index"]
    (column, check), rows = next(iter(checks))
    affected = rows.dropna().nunique()
    where = f"in {affected} row{'s' if affected != 1 else ''}" if affected else "for the column"
    column_text = "the table" if pd.isna(column) else f"column '{column}'"
    more = len(checks) - 1
    others = f" ({more} more check{'s' if more != 1 else ''} failed too)" if more else ""
    return (
        f"Table '{table}' failed validation: {column_text} failed check '{check}' {where}{others}."
    )


def _check_rank(check: object) -> int:
    text = str(check)
    if text in COLUMN_CHECKS:
        return 0
    return 1 if text.startswith("dtype") else 2
