{%- set dialect = cookiecutter._sql_dialects[cookiecutter.data_source] -%}
-- Daily A&E attendances by provider and age band, for the reporting period.
-- Written in {{ {"duckdb": "DuckDB SQL", "tsql": "T-SQL (SQL Server)", "databricks": "Databricks SQL"}[dialect] }}. The period's first and last days are bound
-- parameters (a colon before the name): SQLAlchemy sends their values apart from the SQL text.
SELECT
    attendance_date,
    provider_code,
    age_band,
    attendances
FROM ae_daily_attendances
WHERE
    attendance_date >= :start_date
    AND attendance_date <= :end_date
ORDER BY attendance_date, provider_code, age_band
