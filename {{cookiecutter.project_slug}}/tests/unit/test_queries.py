{%- set dialect = cookiecutter._sql_dialects[cookiecutter.data_source] -%}
"""Every query in sql/ runs on the embedded DuckDB database, translated from its own dialect."""

from datetime import date

{% if dialect == "tsql" %}import duckdb
{% endif %}import pandas as pd
import pytest
import sqlalchemy

from {{ cookiecutter.package_name }}.database import connection_spec
from {{ cookiecutter.package_name }}.ingest import (
    ingest,
    prepare_synthetic_database,
    read_query,
)
from {{ cookiecutter.package_name }}.queries import (
    QUERY_DIALECT,
    SQL_DIR,
    QueryError,
    load_query,
    query_text,
{%- if dialect == "tsql" %}
    translate,
{%- endif %}
)
from {{ cookiecutter.package_name }}.synthetic import COLUMNS, TABLE_NAME

QUERIES = sorted(path.stem for path in SQL_DIR.glob("*.sql"))


@pytest.fixture
def engine(backtest_config):
    prepare_synthetic_database(backtest_config)
    engine = connection_spec(backtest_config).create_engine()
    yield engine
    engine.dispose()


def test_the_synthetic_database_has_the_table_the_queries_read(engine):
    columns = read_query(
        engine,
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = :table ORDER BY ordinal_position",
        {"table": TABLE_NAME},
    )

    assert list(zip(columns["column_name"], columns["data_type"], strict=True)) == [
        ("attendance_date", "DATE"),
        ("provider_code", "VARCHAR"),
        ("age_band", "VARCHAR"),
        ("attendances", "INTEGER"),
    ]
    assert list(columns["column_name"]) == list(COLUMNS)


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_runs_on_duckdb(engine, name):
    sql = load_query(name, "duckdb")

    rows = read_query(engine, sql, {"start_date": date(2024, 1, 1), "end_date": date(2024, 1, 31)})

    assert len(rows) > 0


def test_bound_parameters_survive_translation_and_filter_rows(engine):
    sql = load_query("daily_attendances", "duckdb")
    assert ":start_date" in sql and ":end_date" in sql

    rows = read_query(engine, sql, {"start_date": date(2024, 2, 1), "end_date": date(2024, 2, 3)})

    assert sorted({f"{day:%Y-%m-%d}" for day in rows["attendance_date"]}) == [
        "2024-02-01",
        "2024-02-02",
        "2024-02-03",
    ]


def test_a_value_is_never_pasted_into_the_sql(engine):
    sql = load_query("daily_attendances", "duckdb")
    hostile = "2024-01-01'; DROP TABLE ae_daily_attendances; --"

    # pandas 3 wraps the database's refusal in its own error; pandas 2 (which Databricks runs, so
    # a pyspark project's) and Polars pass SQLAlchemy's on.
    with pytest.raises(
        (pd.errors.DatabaseError, sqlalchemy.exc.DBAPIError), match="invalid date field format"
    ):
        read_query(engine, sql, {"start_date": hostile, "end_date": date(2024, 1, 31)})

    assert len(read_query(engine, f"SELECT 1 FROM {TABLE_NAME} LIMIT 1", {})) == 1


{% if cookiecutter.compute_backend == "pyspark" -%}
def test_ingest_reads_the_period_from_the_synthetic_database(backtest_config, spark):
    daily = ingest(backtest_config)

    period = daily.selectExpr("min(attendance_date) AS first", "max(attendance_date) AS last")
    assert daily.columns == list(COLUMNS)
    assert tuple(period.first()) == (date(2024, 1, 1), date(2024, 3, 31))
    assert backtest_config.synthetic_database.is_file()
{% else -%}
def test_ingest_reads_the_period_from_the_synthetic_database(backtest_config):
    daily = ingest(backtest_config)

    assert list(daily.columns) == list(COLUMNS)
    assert f"{daily['attendance_date'].min():%Y-%m-%d}" == "2024-01-01"
    assert f"{daily['attendance_date'].max():%Y-%m-%d}" == "2024-03-31"
    assert backtest_config.synthetic_database.is_file()
{% endif %}

def test_a_missing_query_file_is_named(tmp_path):
    with pytest.raises(QueryError, match="There is no query file .*absent.sql"):
        query_text("absent", sql_dir=tmp_path)


def test_queries_are_written_in_the_sources_dialect():
    assert QUERY_DIALECT == "{{ dialect }}"
{%- if dialect == "tsql" %}


def dialect_traps() -> list[tuple[str, str, str, str]]:
    """The rows of the dialect-trap table in the docs: trap, T-SQL, DuckDB, DuckDB's answer."""
    page = SQL_DIR.parent / "docs" / "data-sources" / "dialect-traps.md"
    rows = []
    for line in page.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 5 and cells[1].startswith("`SELECT"):
            rows.append(tuple(cell.strip("`") for cell in cells[:4]))
    return rows


def first_value(connection: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The first value DuckDB returns for ``sql`` as text, or "error" if it refuses it."""
    try:
        return str(connection.execute(sql).fetchall()[0][0])
    except duckdb.Error:
        return "error"


def test_the_dialect_trap_table_has_every_trap():
    assert len(dialect_traps()) == 11


@pytest.mark.parametrize(("trap", "tsql", "duckdb_sql", "answer"), dialect_traps())
def test_dialect_trap_table_matches_sqlglot_and_duckdb(trap, tsql, duckdb_sql, answer):
    connection = duckdb.connect()

    assert translate(tsql, to_dialect="duckdb") == duckdb_sql
    assert first_value(connection, duckdb_sql) == answer


def test_row_number_replaces_cross_apply_in_both_dialects():
    latest = (
        "SELECT code, n FROM (SELECT code, n, ROW_NUMBER() OVER (PARTITION BY code ORDER BY n DESC)"
        " AS r FROM (VALUES ('SYN01', 10), ('SYN01', 5)) AS t(code, n)) AS ranked WHERE r = 1"
    )

    assert duckdb.sql(translate(latest, to_dialect="duckdb")).fetchall() == [("SYN01", 10)]
{%- endif %}
