"""Check that each table has the shape the method assumes, with pandera schemas kept in one place.

The ingested data is checked before processing and every output before it is written, so a
surprise in the source (a negative count, an unknown age band, a duplicated day) stops the run
instead of reaching a publication. A failure is reported in one line naming the table, the column,
the check and how many rows failed; pandera's own report lists the failing values, which could be
patient-level, so it is never printed or logged.

The schemas use pandera's Polars integration (``pandera.polars``). pandera checks only the column
types of a LazyFrame, so ``validate`` collects a lazy table first: every value is checked, and what
is checked is exactly what is written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandera.polars as pa
import polars as pl
from pandera.errors import SchemaErrors

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule
from {{ cookiecutter.package_name }}.synthetic import AGE_BANDS

logger = logging.getLogger(__name__)

# NHS organisation (ODS) codes are 3 to 6 capital letters and digits; the synthetic ones fit too.
ORGANISATION_CODE = r"^[A-Z0-9]{3,6}$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
# Checks that pandera reports against the table, with the column's name as the failing value.
COLUMN_CHECKS = ("column_in_schema", "column_in_dataframe")
# The check pandera reports against the table when rows repeat the schema's unique columns.
UNIQUE_ROWS_CHECK = "multiple_fields_uniqueness"


class ValidationError(ValueError):
    """A table failed its schema; the message names what failed without showing any value."""


def ingested_schema() -> pa.DataFrameSchema:
    """Daily attendances as ingest hands them to processing."""
    return pa.DataFrameSchema(
        {
            "attendance_date": pa.Column(pl.Date, coerce=True),
            "provider_code": pa.Column(pl.String, pa.Check.str_matches(ORGANISATION_CODE)),
            "age_band": pa.Column(pl.String, pa.Check.isin(AGE_BANDS)),
            "attendances": pa.Column(pl.Int64, pa.Check.ge(0)),
        },
        unique=["attendance_date", "provider_code", "age_band"],
        strict=True,
        name="ingested daily attendances",
    )


def published_table_schema(rule: DisclosureRule) -> pa.DataFrameSchema:
    """The tidy table as it is published: one row per month, provider and age band."""
    return pa.DataFrameSchema(
        {
            "month": pa.Column(pl.String, pa.Check.str_matches(MONTH)),
            "provider_code": pa.Column(pl.String, pa.Check.str_matches(ORGANISATION_CODE)),
            "age_band": pa.Column(pl.String, pa.Check.isin(AGE_BANDS)),
            "attendances": published_counts(rule),
            "share_of_provider_month": pa.Column(
                pl.Float64, pa.Check.in_range(0, 1), nullable=True
            ),
        },
        unique=["month", "provider_code", "age_band"],
        strict=True,
        name="attendances by provider",
    )


def published_totals_schema(rule: DisclosureRule) -> pa.DataFrameSchema:
    """Monthly totals across providers, as published beside the table and charted."""
    return pa.DataFrameSchema(
        {
            "month": pa.Column(pl.String, pa.Check.str_matches(MONTH), unique=True),
            "attendances": published_counts(rule),
        },
        strict=True,
        name="attendances by month",
    )


def published_counts(rule: DisclosureRule) -> pa.Column:
    """A column of published counts: null where suppressed, and obeying the rule elsewhere."""
    checks = [pa.Check.ge(0)]
    if rule.applies and rule.suppress_up_to:
        checks.append(
            pa.Check(
                lambda data: data.lazyframe.select(
                    ~pl.col(data.key).is_between(1, rule.suppress_up_to)
                ),
                name=f"no_unsuppressed_count_from_1_to_{rule.suppress_up_to}",
            )
        )
    if rule.applies and rule.round_to > 1:
        checks.append(
            pa.Check(
                lambda data: data.lazyframe.select(pl.col(data.key) % rule.round_to == 0),
                name=f"multiple_of_{rule.round_to}",
            )
        )
    return pa.Column(pl.Int64, checks, nullable=rule.applies)


def validate(table: pl.DataFrame | pl.LazyFrame, schema: pa.DataFrameSchema) -> pl.DataFrame:
    """Check ``table`` against ``schema`` and return it (with any column types coerced).

    Args:
        table: The table to check; a LazyFrame is collected first, so its values are checked.
        schema: Its schema; the schema's name is used in messages.

    Returns:
        The checked table, as a DataFrame.

    Raises:
        ValidationError: Naming the first failed check, its column and the rows affected.
    """
    try:
        checked = schema.validate(table.lazy().collect(), lazy=True)
    except SchemaErrors as errors:
        failure = describe_failure(schema.name, errors.failure_cases, schema.unique or ())
        raise ValidationError(failure) from None
    logger.info("Validated '%s': %d rows passed every check", schema.name, checked.height)
    return checked


def describe_failure(
    table: str | None, failure_cases: pl.DataFrame, unique_columns: Sequence[str] = ()
) -> str:
    """One line about the most basic failed check; failing values are left out on purpose.

    A missing or unexpected column is reported before a wrong type, and a wrong type before a
    failed value check, because fixing the first usually explains the rest.

    Args:
        table: The table's name.
        failure_cases: pandera's report, one row per failing value.
        unique_columns: The columns that together must not repeat, named when rows do.

    Returns:
        A message such as ``Table 'x' failed validation: column 'y' failed check 'z' in 3 rows.``
    """
    check = pl.col("check")
    on_table = pl.col("schema_context") == "DataFrameSchema"
    checks = (
        failure_cases.with_columns(
            # For a missing or unexpected column pandera names the table as the column and the
            # column as the failing value: a column name, never a data value, so safe to show.
            # Other checks of the whole table have no column of their own.
            column=pl.when(check.is_in(COLUMN_CHECKS))
            .then(pl.col("failure_case"))
            .when(on_table)
            .then(None)
            .otherwise(pl.col("column")),
            rank=pl.when(check.is_in(COLUMN_CHECKS))
            .then(0)
            .when(check.str.starts_with("dtype"))
            .then(1)
            .otherwise(2),
        )
        .sort("rank", maintain_order=True)
        .group_by("column", "check", maintain_order=True)
        .agg(affected=pl.col("index").drop_nulls().n_unique())
    )
    column, failed_check, affected = checks.row(0)
    where = f"in {affected} row{'s' if affected != 1 else ''}" if affected else "for the column"
    if column is not None:
        column_text = f"column '{column}'"
    elif failed_check == UNIQUE_ROWS_CHECK and unique_columns:
        column_text = "columns " + ", ".join(f"'{name}'" for name in unique_columns) + " together"
    else:
        column_text = "the table"
    more = checks.height - 1
    others = f" ({more} more check{'s' if more != 1 else ''} failed too)" if more else ""
    return (
        f"Table '{table}' failed validation: {column_text} failed check '{failed_check}' "
        f"{where}{others}."
    )
