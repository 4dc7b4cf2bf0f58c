import pandas as pd

from {{ cookiecutter.package_name }}.processing import (
    add_age_band_share,
    monthly_attendances,
)


def daily_rows():
    return pd.DataFrame(
        {
            "attendance_date": pd.to_datetime(
                ["2024-01-01", "2024-01-02", "2024-01-01", "2024-02-01"]
            ),
            "provider_code": ["SYN01", "SYN01", "SYN01", "SYN01"],
            "age_band": ["0-17", "0-17", "65+", "0-17"],
            "attendances": [10, 20, 30, 5],
        }
    )


def test_daily_counts_are_totalled_by_month():
    monthly = monthly_attendances(daily_rows())

    assert monthly.to_dict("records") == [
        {"month": "2024-01", "provider_code": "SYN01", "age_band": "0-17", "attendances": 30},
        {"month": "2024-01", "provider_code": "SYN01", "age_band": "65+", "attendances": 30},
        {"month": "2024-02", "provider_code": "SYN01", "age_band": "0-17", "attendances": 5},
    ]


def test_shares_within_provider_month_add_to_one():
    shared = add_age_band_share(monthly_attendances(daily_rows()))

    assert shared["share_of_provider_month"].tolist() == [0.5, 0.5, 1.0]


def test_share_is_zero_when_a_provider_had_no_attendances():
    monthly = pd.DataFrame(
        {"month": ["2024-01"], "provider_code": ["SYN01"], "age_band": ["0-17"], "attendances": [0]}
    )

    assert add_age_band_share(monthly)["share_of_provider_month"].tolist() == [0.0]


def test_shares_are_suppressed_where_a_count_of_the_provider_month_is():
    published = pd.DataFrame(
        {
            "month": ["2024-01", "2024-01", "2024-02"],
            "provider_code": ["SYN01", "SYN01", "SYN01"],
            "age_band": ["0-17", "65+", "0-17"],
            "attendances": pd.array([None, 20, 10], dtype="Int64"),
        }
    )

    shares = add_age_band_share(published)["share_of_provider_month"]

    assert shares.isna().tolist() == [True, True, False]
    assert shares.iloc[2] == 1.0
