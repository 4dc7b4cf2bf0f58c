"""The Spark schemas accept the pipeline's own tables and reject planted bad inputs.

Every failure must come back as one line naming the table, the column, the check and the number
of rows, and must never show the failing values, which in a real project could be patient-level.
"""

from datetime import date

import pytest
from pyspark.sql import functions as F

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.disclosure import DisclosureMode, DisclosureRule
from {{ cookiecutter.package_name }}.ingest import ingested_schema_type
from {{ cookiecutter.package_name }}.pipeline import main
from {{ cookiecutter.package_name }}.validation import (
    ValidationError,
    ingested_schema,
    published_table_schema,
    published_totals_schema,
    validate,
)

RULE = DisclosureRule()
PLANTED = 987654  # a value that must never appear in a message
PUBLISHED = (
    "month string, provider_code string, age_band string, attendances long, "
    "share_of_provider_month double"
)


@pytest.fixture
def daily(spark):
    rows = [
        (date(2024, 1, 1), "SYN01", "0-17", 10),
        (date(2024, 1, 1), "SYN01", "65+", 20),
        (date(2024, 1, 2), "RR8", "18-64", 30),
    ]
    return spark.createDataFrame(rows, schema=ingested_schema_type())


def published(spark, counts=(None, 20)):
    rows = [
        ("2024-01", "SYN01", "0-17", counts[0], None),
        ("2024-01", "SYN01", "65+", counts[1], None),
    ]
    return spark.createDataFrame(rows, schema=PUBLISHED)


def test_good_tables_pass(spark, daily):
    validate(daily, ingested_schema())
    validate(published(spark), published_table_schema(RULE))
    totals = spark.createDataFrame([("2024-01", 25)], "month string, attendances long")
    validate(totals, published_totals_schema(RULE))


def test_timestamps_from_a_warehouse_are_coerced_to_dates(daily):
    as_timestamps = daily.withColumn("attendance_date", F.col("attendance_date").cast("timestamp"))

    checked = validate(as_timestamps, ingested_schema())

    assert checked.schema["attendance_date"].dataType.simpleString() == "date"


def planted_negative(table):
    attendances = F.col("attendances")
    return table.withColumn(
        "attendances",
        F.when(attendances == 10, attendances - 10 - PLANTED)
        .when(attendances == 30, attendances - 31)
        .otherwise(attendances),
    )


@pytest.mark.parametrize(
    ("plant", "column", "check", "rows"),
    [
        (planted_negative, "attendances", "greater_than", 2),
        (lambda t: t.withColumn("age_band", F.lit("adult")), "age_band", "isin", 3),
        (
            lambda t: t.withColumn(
                "provider_code", F.regexp_replace("provider_code", "RR8", "syn 1")
            ),
            "provider_code",
            "str_matches",
            1,
        ),
        (lambda t: t.unionByName(t.limit(1)), "attendance_date", "uniqueness", 2),
        (
            lambda t: t.withColumn("attendances", F.col("attendances") + 0.5),
            "attendances",
            "dtype",
            None,
        ),
        (lambda t: t.drop("age_band"), "age_band", "column_in_dataframe", None),
        (
            lambda t: t.withColumn("nhs_number", F.lit("9990000018")),
            "nhs_number",
            "column_in_schema",
            None,
        ),
    ],
)
def test_planted_bad_ingested_data_is_rejected_in_one_line(daily, plant, column, check, rows):
    with pytest.raises(ValidationError) as caught:
        validate(plant(daily), ingested_schema())

    message = str(caught.value)
    assert message.startswith("Table 'ingested daily attendances' failed validation:")
    assert f"'{column}'" in message
    assert check in message
    if rows is not None:
        assert f"in {rows} row" in message
    assert "\n" not in message
    assert str(PLANTED) not in message
    assert "9990000018" not in message


@pytest.mark.parametrize(
    ("count", "check"),
    [(3, "no_unsuppressed_count_from_1_to_7"), (PLANTED, "multiple_of_5"), (-5, "greater_than")],
)
def test_published_table_that_breaks_the_rule_is_rejected(spark, count, check):
    with pytest.raises(ValidationError, match=check) as caught:
        validate(published(spark, (count, 20)), published_table_schema(RULE))

    assert "attendances by provider" in str(caught.value)
    assert str(PLANTED) not in str(caught.value)


def test_secure_environment_tables_hold_exact_counts_and_no_gaps(spark):
    rule = DisclosureRule(mode=DisclosureMode.SECURE_ENVIRONMENT)

    validate(published(spark, (3, 21)), published_table_schema(rule))
    with pytest.raises(ValidationError, match="not_nullable"):
        validate(published(spark), published_table_schema(rule))


def test_failed_validation_stops_the_run_and_writes_nothing(
    daily, config_text, write_config, monkeypatch, capsys
):
    bad = daily.withColumn(
        "attendances", F.when(F.col("attendances") == 20, -PLANTED).otherwise(F.col("attendances"))
    )
    monkeypatch.setattr(pipeline, "ingest", lambda config: bad)
    path = write_config(config_text)

    assert main(["--config", str(path)]) == 1

    outputs = path.parent / "outputs"
    assert not list(outputs.glob("*.*"))
    log = next((outputs / "logs").glob("pipeline_*.log")).read_text(encoding="utf-8")
    assert "column 'attendances' failed check 'greater_than_or_equal_to(0)' in 1 row" in log
    assert str(PLANTED) not in log + capsys.readouterr().err
