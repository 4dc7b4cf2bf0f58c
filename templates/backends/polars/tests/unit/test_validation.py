"""The pandera schemas accept the pipeline's own tables and reject planted bad inputs.

Every failure must come back as one line naming the table, the column, the check and the number
of rows, and must never show the failing values, which in a real project could be patient-level.
"""

from datetime import date

import polars as pl
import pytest

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.disclosure import DisclosureMode, DisclosureRule
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


def daily() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "attendance_date": [date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2)],
            "provider_code": ["SYN01", "SYN01", "RR8"],
            "age_band": ["0-17", "65+", "18-64"],
            "attendances": [10, 20, 30],
        }
    )


def published(attendances: list[int | None] | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "month": ["2024-01", "2024-01"],
            "provider_code": ["SYN01", "SYN01"],
            "age_band": ["0-17", "65+"],
            "attendances": [None, 20] if attendances is None else attendances,
            "share_of_provider_month": [None, None],
        },
        schema_overrides={"attendances": pl.Int64, "share_of_provider_month": pl.Float64},
    )


def test_good_tables_pass():
    validate(daily(), ingested_schema())
    validate(published(), published_table_schema(RULE))
    totals = pl.DataFrame({"month": ["2024-01"], "attendances": [25]})
    validate(totals, published_totals_schema(RULE))


def test_a_lazy_table_is_collected_and_every_value_checked():
    bad = daily().lazy().with_columns(pl.col("attendances") - 15)

    with pytest.raises(ValidationError, match="greater_than_or_equal_to"):
        validate(bad, ingested_schema())
    assert isinstance(validate(daily().lazy(), ingested_schema()), pl.DataFrame)


@pytest.mark.parametrize(
    ("plant", "column", "check", "rows"),
    [
        (
            lambda t: t.with_columns(attendances=pl.Series([-PLANTED, 20, -1])),
            "attendances",
            "greater_than",
            2,
        ),
        (
            lambda t: t.with_columns(age_band=pl.Series(["0-17", "adult", "65+"])),
            "age_band",
            "isin",
            1,
        ),
        (
            lambda t: t.with_columns(provider_code=pl.Series(["SYN01", "syn 1", "RR8"])),
            "provider_code",
            "str_matches",
            1,
        ),
        (lambda t: pl.concat([t, t.head(1)]), "attendance_date", "uniqueness", 2),
        (
            lambda t: t.with_columns(attendances=pl.Series([1.5, 2.0, 3.0])),
            "attendances",
            "dtype",
            None,
        ),
        (lambda t: t.drop("age_band"), "age_band", "column_in_dataframe", None),
        (
            lambda t: t.with_columns(nhs_number=pl.lit("9990000018")),
            "nhs_number",
            "column_in_schema",
            None,
        ),
    ],
)
def test_planted_bad_ingested_data_is_rejected_in_one_line(plant, column, check, rows):
    with pytest.raises(ValidationError) as caught:
        validate(plant(daily()), ingested_schema())

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
def test_published_table_that_breaks_the_rule_is_rejected(count, check):
    with pytest.raises(ValidationError, match=check) as caught:
        validate(published([count, 20]), published_table_schema(RULE))

    assert "attendances by provider" in str(caught.value)
    assert str(PLANTED) not in str(caught.value)


def test_secure_environment_tables_hold_exact_counts_and_no_gaps():
    rule = DisclosureRule(mode=DisclosureMode.SECURE_ENVIRONMENT)

    validate(published([3, 21]), published_table_schema(rule))
    with pytest.raises(ValidationError, match="not_nullable"):
        validate(published(), published_table_schema(rule))


def test_failed_validation_stops_the_run_and_writes_nothing(
    config_text, write_config, monkeypatch, capsys
):
    bad = daily().with_columns(attendances=pl.Series([10, -PLANTED, 30]))
    monkeypatch.setattr(pipeline, "ingest", lambda config: bad)
    path = write_config(config_text)

    assert main(["--config", str(path)]) == 1

    outputs = path.parent / "outputs"
    assert not list(outputs.glob("*.*"))
    log = next((outputs / "logs").glob("pipeline_*.log")).read_text(encoding="utf-8")
    assert "column 'attendances' failed check 'greater_than_or_equal_to(0)' in 1 row" in log
    assert str(PLANTED) not in log + capsys.readouterr().err
