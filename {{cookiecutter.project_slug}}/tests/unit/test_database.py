"""The exact connection each source and sign-in method builds (no database is contacted)."""

from dataclasses import replace

import pytest
from sqlalchemy.dialects.mssql.mssqlpython import MSDialect_mssqlpython

from {{ cookiecutter.package_name }}.config import SourceKind
from {{ cookiecutter.package_name }}.database import (
    ConnectionSettingsError,
    connection_spec,
    synthetic_spec,
)

SQL_SERVER = {
    "server": "warehouse.mytrust.example",
    "database": "Analytics",
    "authentication": "windows",
    "user": "",
    "encrypt": True,
    "trust_server_certificate": False,
    "login_timeout_seconds": 15,
}
UDAL = {
    "server": "udal-warehouse.example",
    "database": "UDAL_Warehouse",
    "user": "jane.smith@udal.nhs.uk",
    "login_timeout_seconds": 30,
}
DATABRICKS = {
    "server_hostname": "adb-1234.azuredatabricks.example",
    "http_path": "/sql/1.0/warehouses/abc123",
    "catalog": "main",
    "schema": "ae",
    "authentication": "token",
}
PASSWORD = "not-a-real-password"  # pragma: allowlist secret  # nhs-rap: allow credential


def odbc_string(spec) -> str:
    """The connection string SQLAlchemy hands to mssql-python for this URL."""
    (connection_string,), _ = MSDialect_mssqlpython().create_connect_args(spec.url)
    return connection_string


def spec_for(config, source, settings, environ=None):
    return connection_spec(replace(config, source=source, connection=settings), environ or {})


def test_synthetic_source_is_the_duckdb_file(backtest_config):
    spec = connection_spec(backtest_config)

    assert spec == synthetic_spec(backtest_config.synthetic_database)
    assert spec.url.render_as_string() == f"duckdb:///{backtest_config.synthetic_database}"
    assert spec.dialect == "duckdb"


def test_sql_server_windows_sign_in(backtest_config):
    spec = spec_for(backtest_config, SourceKind.SQL_SERVER, SQL_SERVER)

    assert odbc_string(spec) == (
        "Server=warehouse.mytrust.example;Database=Analytics;"
        "Trusted_Connection=yes;Encrypt=yes;TrustServerCertificate=no"
    )
    assert spec.connect_args == {"timeout": 15}
    assert spec.dialect == "tsql"


def test_sql_server_login_takes_the_password_from_the_environment(backtest_config):
    settings = {**SQL_SERVER, "authentication": "sql-login", "user": "analyst"}
    spec = spec_for(
        backtest_config, SourceKind.SQL_SERVER, settings, {"SQL_SERVER_PASSWORD": PASSWORD}
    )

    assert odbc_string(spec) == (
        "Server=warehouse.mytrust.example;Database=Analytics;UID=analyst;"
        f"PWD={PASSWORD};Encrypt=yes;TrustServerCertificate=no"
    )
    assert PASSWORD not in str(spec.url) and PASSWORD not in repr(spec.url)
    assert spec.secrets == (PASSWORD,)


def test_sql_server_entra_sign_in_and_trusted_certificate(backtest_config):
    settings = {
        **SQL_SERVER,
        "authentication": "entra-interactive",
        "user": "jane.smith@nhs.net",
        "trust_server_certificate": True,
    }
    spec = spec_for(backtest_config, SourceKind.SQL_SERVER, settings)

    assert odbc_string(spec) == (
        "Server=warehouse.mytrust.example;Database=Analytics;UID=jane.smith@nhs.net;"
        "Authentication=ActiveDirectoryInteractive;Encrypt=yes;TrustServerCertificate=yes"
    )


def test_udal_uses_entra_interactive_sign_in(backtest_config):
    spec = spec_for(backtest_config, SourceKind.UDAL, UDAL)

    assert odbc_string(spec) == (
        "Server=udal-warehouse.example;Database=UDAL_Warehouse;"
        "UID=jane.smith@udal.nhs.uk;Authentication=ActiveDirectoryInteractive;Encrypt=yes"
    )
    assert spec.connect_args == {"timeout": 30}


def test_databricks_token_goes_to_the_driver_not_the_url(backtest_config):
    spec = spec_for(
        backtest_config, SourceKind.DATABRICKS_SQL, DATABRICKS, {"DATABRICKS_TOKEN": PASSWORD}
    )

    assert spec.url.render_as_string(hide_password=False) == (
        "databricks://adb-1234.azuredatabricks.example"
        "?catalog=main&http_path=%2Fsql%2F1.0%2Fwarehouses%2Fabc123&schema=ae"
    )
    assert spec.connect_args == {"access_token": PASSWORD}
    assert spec.dialect == "databricks"


def test_databricks_oauth_opens_a_browser_sign_in(backtest_config):
    settings = {**DATABRICKS, "authentication": "oauth"}
    spec = spec_for(backtest_config, SourceKind.DATABRICKS_SQL, settings)

    assert spec.connect_args == {"auth_type": "databricks-oauth"}
    assert spec.secrets == ()


@pytest.mark.parametrize(
    ("source", "settings", "message"),
    [
        (SourceKind.SQL_SERVER, {**SQL_SERVER, "server": ""}, "'sql_server.server' .* is empty"),
        (
            SourceKind.SQL_SERVER,
            {**SQL_SERVER, "authentication": "kerberos"},
            'should be one of "windows", "sql-login", "entra-interactive"',
        ),
        (
            SourceKind.SQL_SERVER,
            {**SQL_SERVER, "authentication": "sql-login", "user": "analyst"},
            "SQL_SERVER_PASSWORD is not set; add the line SQL_SERVER_PASSWORD=... to .env",
        ),
        (SourceKind.UDAL, {**UDAL, "user": "jane.smith@nhs.net"}, "ending @udal.nhs.uk"),
        (SourceKind.DATABRICKS_SQL, DATABRICKS, "DATABRICKS_TOKEN is not set"),
    ],
)
def test_missing_or_wrong_settings_say_what_to_change(backtest_config, source, settings, message):
    with pytest.raises(ConnectionSettingsError, match=message):
        spec_for(backtest_config, source, settings)
