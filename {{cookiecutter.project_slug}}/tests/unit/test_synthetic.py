from datetime import date

from {{ cookiecutter.package_name }}.synthetic import (
    AGE_BANDS,
    COLUMNS,
    days_between,
    make_daily_attendances,
    provider_codes,
)


def test_same_seed_gives_same_data():
    first = make_daily_attendances(date(2024, 1, 1), date(2024, 1, 31), providers=2, seed=7)
    second = make_daily_attendances(date(2024, 1, 1), date(2024, 1, 31), providers=2, seed=7)

    assert first.equals(second)


def test_one_row_per_day_provider_and_age_band():
    data = make_daily_attendances(date(2024, 2, 1), date(2024, 2, 29), providers=3, seed=1)

    assert list(data.columns) == list(COLUMNS)
    assert len(data) == 29 * 3 * len(AGE_BANDS)
    assert (data["attendances"] >= 0).all()
    assert not data.duplicated(["attendance_date", "provider_code", "age_band"]).any()


def test_provider_codes_are_synthetic():
    assert provider_codes(3) == ["SYN01", "SYN02", "SYN03"]


def test_days_between_includes_both_ends():
    days = days_between(date(2024, 12, 30), date(2025, 1, 2))

    assert days[0] == date(2024, 12, 30)
    assert days[-1] == date(2025, 1, 2)
    assert len(days) == 4
