from datetime import date

import pytest
from pyspark.testing import assertDataFrameEqual

from {{ cookiecutter.package_name }}.ingest import ingested_schema_type
from {{ cookiecutter.package_name }}.processing import (
    add_age_band_share,
    monthly_attendances,
)

MONTHLY = "month string, provider_code string, age_band string, attendances long"
SHARED = f"{MONTHLY}, share_of_provider_month double"


@pytest.fixture
def daily(spark):
    rows = [
        (date(2024, 1, 1), "SYN01", "0-17", 10),
        (date(2024, 1, 2), "SYN01", "0-17", 20),
        (date(2024, 1, 1), "SYN01", "65+", 30),
        (date(2024, 2, 1), "SYN01", "0-17", 5),
    ]
    return spark.createDataFrame(rows, schema=ingested_schema_type())


def test_daily_counts_are_totalled_by_month_in_order(spark, daily):
    expected = spark.createDataFrame(
        [
            ("2024-01", "SYN01", "0-17", 30),
            ("2024-01", "SYN01", "65+", 30),
            ("2024-02", "SYN01", "0-17", 5),
        ],
        schema=MONTHLY,
    )

    assertDataFrameEqual(monthly_attendances(daily), expected, checkRowOrder=True)


def test_shares_within_provider_month_add_to_one(spark, daily):
    shared = add_age_band_share(monthly_attendances(daily))

    expected = spark.createDataFrame(
        [
            ("2024-01", "SYN01", "0-17", 30, 0.5),
            ("2024-01", "SYN01", "65+", 30, 0.5),
            ("2024-02", "SYN01", "0-17", 5, 1.0),
        ],
        schema=SHARED,
    )
    assertDataFrameEqual(shared, expected, checkRowOrder=True)


def test_share_is_zero_when_a_provider_had_no_attendances(spark):
    monthly = spark.createDataFrame([("2024-01", "SYN01", "0-17", 0)], schema=MONTHLY)

    expected = spark.createDataFrame([("2024-01", "SYN01", "0-17", 0, 0.0)], schema=SHARED)
    assertDataFrameEqual(add_age_band_share(monthly), expected)


def test_shares_round_half_to_even_like_the_other_backends(spark):
    # 1/32 = 0.03125 exactly: half to even gives 0.0312, as pandas and Polars publish.
    monthly = spark.createDataFrame(
        [("2024-01", "SYN01", "0-17", 1), ("2024-01", "SYN01", "65+", 31)], schema=MONTHLY
    )

    shares = add_age_band_share(monthly).select("share_of_provider_month")
    assertDataFrameEqual(
        shares, spark.createDataFrame([(0.0312,), (0.9688,)], "share_of_provider_month double")
    )


def test_shares_are_suppressed_where_a_count_of_the_provider_month_is(spark):
    published = spark.createDataFrame(
        [
            ("2024-01", "SYN01", "0-17", None),
            ("2024-01", "SYN01", "65+", 20),
            ("2024-02", "SYN01", "0-17", 10),
        ],
        schema=MONTHLY,
    )

    expected = spark.createDataFrame(
        [
            ("2024-01", "SYN01", "0-17", None, None),
            ("2024-01", "SYN01", "65+", 20, None),
            ("2024-02", "SYN01", "0-17", 10, 1.0),
        ],
        schema=SHARED,
    )
    assertDataFrameEqual(add_age_band_share(published), expected)
