from datetime import date, datetime

import polars as pl
import sqlalchemy
from polars.testing import assert_frame_equal

from {{ cookiecutter.package_name }}.ingest import read_query, with_pipeline_types
from {{ cookiecutter.package_name }}.processing import (
    add_age_band_share,
    monthly_attendances,
)


def daily_rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "attendance_date": [
                date(2024, 1, 1),
                date(2024, 1, 2),
                date(2024, 1, 1),
                date(2024, 2, 1),
            ],
            "provider_code": ["SYN01", "SYN01", "SYN01", "SYN01"],
            "age_band": ["0-17", "0-17", "65+", "0-17"],
            "attendances": [10, 20, 30, 5],
        }
    )


def test_processing_builds_a_lazy_query():
    assert isinstance(monthly_attendances(daily_rows()), pl.LazyFrame)
    assert isinstance(add_age_band_share(monthly_attendances(daily_rows())), pl.LazyFrame)


def test_daily_counts_are_totalled_by_month():
    monthly = monthly_attendances(daily_rows().lazy()).collect()

    expected = pl.DataFrame(
        {
            "month": ["2024-01", "2024-01", "2024-02"],
            "provider_code": ["SYN01", "SYN01", "SYN01"],
            "age_band": ["0-17", "65+", "0-17"],
            "attendances": [30, 30, 5],
        }
    )
    assert_frame_equal(monthly, expected)


def test_shares_within_provider_month_add_to_one():
    shared = add_age_band_share(monthly_attendances(daily_rows())).collect()

    assert shared["share_of_provider_month"].to_list() == [0.5, 0.5, 1.0]


def test_shares_are_rounded_to_four_decimal_places():
    monthly = pl.DataFrame(
        {
            "month": ["2024-01"] * 3,
            "provider_code": ["SYN01"] * 3,
            "age_band": ["0-17", "18-64", "65+"],
            "attendances": [1, 1, 1],
        }
    )

    shares = add_age_band_share(monthly).collect()["share_of_provider_month"]

    assert shares.to_list() == [0.3333, 0.3333, 0.3333]


def test_share_is_zero_when_a_provider_had_no_attendances():
    monthly = pl.DataFrame(
        {"month": ["2024-01"], "provider_code": ["SYN01"], "age_band": ["0-17"], "attendances": [0]}
    )

    assert add_age_band_share(monthly).collect()["share_of_provider_month"].to_list() == [0.0]


def test_shares_are_suppressed_where_a_count_of_the_provider_month_is():
    published = pl.DataFrame(
        {
            "month": ["2024-01", "2024-01", "2024-02"],
            "provider_code": ["SYN01", "SYN01", "SYN01"],
            "age_band": ["0-17", "65+", "0-17"],
            "attendances": [None, 20, 10],
        },
        schema_overrides={"attendances": pl.Int64},
    )

    shares = add_age_band_share(published).collect()["share_of_provider_month"]

    assert shares.to_list() == [None, None, 1.0]


def test_rows_read_one_by_one_get_the_types_processing_expects():
    # SQLite takes the row-by-row path of SQL Server and Databricks drivers, and keeps dates as
    # text: the bound parameters must still filter, and the dates must still become dates.
    engine = sqlalchemy.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (attendance_date DATE, attendances INTEGER)")
        connection.exec_driver_sql(
            "INSERT INTO t VALUES ('2024-01-31', 4), ('2024-02-01', 5), ('2024-03-01', 6)"
        )
    sql = "SELECT * FROM t WHERE attendance_date >= :start_date AND attendance_date <= :end_date"

    # ISO text, as SQLite compares dates; Python 3.12 deprecates its adapter for date objects.
    rows = read_query(engine, sql, {"start_date": "2024-02-01", "end_date": "2024-02-29"})

    expected = pl.DataFrame({"attendance_date": [date(2024, 2, 1)], "attendances": [5]})
    assert_frame_equal(with_pipeline_types(rows), expected)


def test_times_of_day_and_narrow_integers_are_normalised():
    daily = pl.DataFrame(
        {"attendance_date": [datetime(2024, 1, 1, 9, 30)], "attendances": [3]},
        schema_overrides={"attendances": pl.Int32},
    )

    typed = with_pipeline_types(daily)

    assert typed.schema == pl.Schema({"attendance_date": pl.Date, "attendances": pl.Int64})
    assert typed.row(0) == (date(2024, 1, 1), 3)
