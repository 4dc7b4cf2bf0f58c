"""Check that each table has the shape the method assumes, with Spark expressions in one place.

The ingested data is checked before processing and every output before it is written, so a
surprise in the source (a negative count, an unknown age band, a duplicated day) stops the run
instead of reaching a publication. A failure is reported in one line naming the table, the column,
the check and how many rows failed, and never shows a failing value, which could be patient-level.

The checks are Spark expressions counted in one aggregation, so the data stays on the cluster and
only one row of counts comes back. pandera's PySpark integration works with this Spark, Connect
included, but it reports only whether a check failed, not in how many rows, and its custom checks
must be registered globally; these schemas keep the pandas backend's names and messages instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from {{ cookiecutter.package_name }}.disclosure import DisclosureRule
from {{ cookiecutter.package_name }}.synthetic import AGE_BANDS

logger = logging.getLogger(__name__)

# NHS organisation (ODS) codes are 3 to 6 capital letters and digits; the synthetic ones fit too.
ORGANISATION_CODE = r"^[A-Z0-9]{3,6}$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
DUPLICATES = "_rows_with_this_key"


class ValidationError(ValueError):
    """A table failed its schema; the message names what failed without showing any value."""


@dataclass(frozen=True)
class Check:
    """A test every value of a column must pass; nulls are left to the column's ``nullable``."""

    name: str
    passes: Callable[[Column], Column]


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its Spark type, its checks and whether it may hold nulls."""

    dtype: T.DataType
    checks: tuple[Check, ...] = ()
    nullable: bool = False
    coerce: bool = False
    """Cast the column to ``dtype`` first (a warehouse may hold dates as timestamps)."""


@dataclass(frozen=True)
class TableSchema:
    """A table's columns (no others allowed) and the column sets that must be unique."""

    name: str
    columns: dict[str, ColumnSpec]
    unique: tuple[tuple[str, ...], ...] = field(default=())


@dataclass(frozen=True)
class Failure:
    """One failed check: where, which, and in how many rows (``None``: the whole column)."""

    columns: tuple[str, ...]
    check: str
    rows: int | None = None


def at_least(minimum: int) -> Check:
    """Values of ``minimum`` or more."""
    return Check(f"greater_than_or_equal_to({minimum})", lambda column: column >= minimum)


def between(low: float, high: float) -> Check:
    """Values from ``low`` to ``high``, both included."""
    return Check(f"in_range({low}, {high})", lambda column: column.between(low, high))


def matches(pattern: str) -> Check:
    """Text matching the regular expression ``pattern``."""
    return Check(f"str_matches('{pattern}')", lambda column: column.rlike(pattern))


def one_of(allowed: tuple[str, ...]) -> Check:
    """Values from the ``allowed`` list."""
    return Check(f"isin({list(allowed)})", lambda column: column.isin(*allowed))


def ingested_schema() -> TableSchema:
    """Daily attendances as ingest hands them to processing."""
    return TableSchema(
        name="ingested daily attendances",
        columns={
            "attendance_date": ColumnSpec(T.DateType(), coerce=True),
            "provider_code": ColumnSpec(T.StringType(), (matches(ORGANISATION_CODE),)),
            "age_band": ColumnSpec(T.StringType(), (one_of(AGE_BANDS),)),
            "attendances": ColumnSpec(T.LongType(), (at_least(0),)),
        },
        unique=(("attendance_date", "provider_code", "age_band"),),
    )


def published_table_schema(rule: DisclosureRule) -> TableSchema:
    """The tidy table as it is published: one row per month, provider and age band."""
    return TableSchema(
        name="attendances by provider",
        columns={
            "month": ColumnSpec(T.StringType(), (matches(MONTH),)),
            "provider_code": ColumnSpec(T.StringType(), (matches(ORGANISATION_CODE),)),
            "age_band": ColumnSpec(T.StringType(), (one_of(AGE_BANDS),)),
            "attendances": published_counts(rule),
            "share_of_provider_month": ColumnSpec(T.DoubleType(), (between(0, 1),), nullable=True),
        },
        unique=(("month", "provider_code", "age_band"),),
    )


def published_totals_schema(rule: DisclosureRule) -> TableSchema:
    """Monthly totals across providers, as published beside the table and charted."""
    return TableSchema(
        name="attendances by month",
        columns={
            "month": ColumnSpec(T.StringType(), (matches(MONTH),)),
            "attendances": published_counts(rule),
        },
        unique=(("month",),),
    )


def published_counts(rule: DisclosureRule) -> ColumnSpec:
    """A column of published counts: null where suppressed, and obeying the rule elsewhere."""
    checks = [at_least(0)]
    if rule.applies and rule.suppress_up_to:
        checks.append(
            Check(
                f"no_unsuppressed_count_from_1_to_{rule.suppress_up_to}",
                lambda counts: ~counts.between(1, rule.suppress_up_to),
            )
        )
    if rule.applies and rule.round_to > 1:
        checks.append(
            Check(f"multiple_of_{rule.round_to}", lambda counts: counts % rule.round_to == 0)
        )
    return ColumnSpec(T.LongType(), tuple(checks), nullable=rule.applies)


def structural_failures(table: DataFrame, schema: TableSchema) -> list[Failure]:
    """Missing and unexpected columns, then columns of the wrong type: no data is read."""
    present = {column.name: column.dataType for column in table.schema.fields}
    missing = [
        Failure((name,), "column_in_dataframe") for name in schema.columns if name not in present
    ]
    unexpected = [
        Failure((name,), "column_in_schema") for name in present if name not in schema.columns
    ]
    wrong_type = [
        Failure((name,), f"dtype('{spec.dtype.simpleString()}')")
        for name, spec in schema.columns.items()
        if name in present and not spec.coerce and present[name] != spec.dtype
    ]
    return missing + unexpected + wrong_type


def failing_rows(schema: TableSchema) -> dict[tuple[tuple[str, ...], str], Column]:
    """For each value check, an expression counting the rows that fail it."""

    def count_where(condition: Column) -> Column:
        return F.sum(F.when(condition, 1).otherwise(0))

    counts = {}
    for name, spec in schema.columns.items():
        column = F.col(name)
        if not spec.nullable:
            counts[(name,), "not_nullable"] = count_where(column.isNull())
        for check in spec.checks:
            counts[(name,), check.name] = count_where(
                ~F.coalesce(check.passes(column), F.lit(True))
            )
    for key in schema.unique:
        check = "field_uniqueness" if len(key) == 1 else "multiple_fields_uniqueness"
        counts[key, check] = count_where(F.col(duplicates_column(key)) > 1)
    return counts


def duplicates_column(key: tuple[str, ...]) -> str:
    """The name of the helper column counting the rows that share a row's ``key``."""
    return f"{DUPLICATES}_{'_'.join(key)}"


def value_failures(table: DataFrame, schema: TableSchema) -> tuple[int, list[Failure]]:
    """Count the table's rows and the rows failing each value check, in one Spark job."""
    counted = table
    for key in schema.unique:
        counted = counted.withColumn(
            duplicates_column(key), F.count(F.lit(1)).over(Window.partitionBy(*key))
        )
    counts = failing_rows(schema)
    result = counted.agg(
        F.count(F.lit(1)).alias("rows"),
        *(expression.alias(f"check_{index}") for index, expression in enumerate(counts.values())),
    ).first()
    failures = [
        Failure(columns, check, int(result[f"check_{index}"]))
        for index, (columns, check) in enumerate(counts)
        if result[f"check_{index}"]
    ]
    return int(result["rows"]), failures


def validate(table: DataFrame, schema: TableSchema) -> DataFrame:
    """Check ``table`` against ``schema`` and return it (with any coerced columns cast).

    Args:
        table: The table to check.
        schema: Its schema; the schema's name is used in messages.

    Returns:
        The checked table.

    Raises:
        ValidationError: Naming the first failed check, its column and the rows affected.
    """
    failures = structural_failures(table, schema)
    if failures:
        raise ValidationError(describe_failure(schema.name, failures))
    coerced = table.select(
        *(
            F.col(name).cast(spec.dtype).alias(name) if spec.coerce else F.col(name)
            for name, spec in schema.columns.items()
        )
    )
    rows, failures = value_failures(coerced, schema)
    if failures:
        raise ValidationError(describe_failure(schema.name, failures))
    logger.info("Validated '%s': %d rows passed every check", schema.name, rows)
    return coerced


def describe_failure(table: str, failures: list[Failure]) -> str:
    """One line about the first failed check; failing values are left out on purpose.

    A missing or unexpected column is reported before a wrong type, and a wrong type before a
    failed value check, because fixing the first usually explains the rest.

    Args:
        table: The table's name.
        failures: Every failed check, most basic first.

    Returns:
        A message such as ``Table 'x' failed validation: column 'y' failed check 'z' in 3 rows.``
    """
    first = failures[0]
    names = ", ".join(f"'{name}'" for name in first.columns)
    column_text = f"column {names}" if len(first.columns) == 1 else f"columns {names}"
    if first.rows is None:
        where = "for the column"
    else:
        where = f"in {first.rows} row{'s' if first.rows != 1 else ''}"
    more = len(failures) - 1
    others = f" ({more} more check{'s' if more != 1 else ''} failed too)" if more else ""
    return (
        f"Table '{table}' failed validation: {column_text} failed check '{first.check}' "
        f"{where}{others}."
    )
