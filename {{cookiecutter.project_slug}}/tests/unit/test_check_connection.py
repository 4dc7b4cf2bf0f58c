{%- set driver = {"sql-server": "mssql", "udal": "mssql", "databricks-sql": "databricks"}.get(cookiecutter.data_source) -%}
"""check-connection: a real connection attempt gives a one-line diagnosis, never a secret.

No SQL Server or Databricks can run on a test machine, so the real drivers are pointed at a
closed port on this machine (127.0.0.1), which refuses at once; the embedded DuckDB database
stands in for a database that answers.
"""

from dataclasses import replace

from {{ cookiecutter.package_name }}.check_connection import check_connection, diagnose
from {{ cookiecutter.package_name }}.config import SourceKind
from {{ cookiecutter.package_name }}.database import synthetic_spec
from {{ cookiecutter.package_name }}.pipeline import main
from {{ cookiecutter.package_name }}.synthetic import prepare_synthetic_database

# Port 1 (tcpmux) is reserved and nothing listens on it here, so a connection is refused at once.
CLOSED_PORT_SERVER = "127.0.0.1,1"
PASSWORD = "Zq8-fake-pw"  # pragma: allowlist secret  # nhs-rap: allow credential
SQL_SERVER = {
    "server": CLOSED_PORT_SERVER,
    "database": "Analytics",
    "authentication": "sql-login",
    "user": "analyst",
    "encrypt": True,
    "trust_server_certificate": False,
    "login_timeout_seconds": 2,
}


def test_the_synthetic_database_answers(backtest_config):
    prepare_synthetic_database(backtest_config)

    diagnosis = check_connection(backtest_config)

    assert diagnosis.ok, diagnosis.message
    assert diagnosis.message.startswith("Connected to ")


def test_command_line_prints_one_line(capsys, config_text, write_config):
    path = write_config(config_text)

    assert main(["check-connection", "--config", str(path)]) == 0

    (line,) = capsys.readouterr().out.strip().splitlines()
    assert line.startswith("Connected to ") and "synthetic.duckdb" in line


def test_a_database_file_that_was_never_made_is_reported(backtest_config):
    diagnosis = check_connection(backtest_config)

    assert not diagnosis.ok
    assert diagnosis.message.startswith("Database not found on ")


def test_an_unknown_error_keeps_the_first_line_and_masks_secrets(backtest_config):
    spec = replace(synthetic_spec(backtest_config.synthetic_database), secrets=(PASSWORD,))

    message = diagnose(RuntimeError(f"odd failure for PWD={PASSWORD}\nmore"), spec)

    assert message.endswith("odd failure for PWD=***")
    assert PASSWORD not in message


def test_missing_settings_are_diagnosed_before_connecting(backtest_config):
    config = replace(
        backtest_config, source=SourceKind.SQL_SERVER, connection={**SQL_SERVER, "server": ""}
    )

    diagnosis = check_connection(config, environ={})

    assert not diagnosis.ok
    assert diagnosis.message == (
        "'sql_server.server' in config.toml is empty; type the value you were given."
    )
{%- if driver == "mssql" %}


def test_closed_port_is_diagnosed_with_the_real_sql_server_driver(backtest_config):
    config = replace(backtest_config, source=SourceKind.SQL_SERVER, connection=SQL_SERVER)

    diagnosis = check_connection(config, environ={"SQL_SERVER_PASSWORD": PASSWORD})

    assert not diagnosis.ok
    assert diagnosis.message.startswith(f"Cannot reach {CLOSED_PORT_SERVER} (mssql): check")
    assert PASSWORD not in diagnosis.message
{%- else %}


def test_a_driver_that_is_not_installed_is_named(backtest_config):
    config = replace(backtest_config, source=SourceKind.SQL_SERVER, connection=SQL_SERVER)

    diagnosis = check_connection(config, environ={"SQL_SERVER_PASSWORD": PASSWORD})

    assert not diagnosis.ok
    assert diagnosis.message.startswith(
        "The driver for mssql is not installed: run `uv add mssql-python`"
    )
{%- endif %}
{%- if driver == "databricks" %}


def test_closed_port_is_diagnosed_with_the_real_databricks_connector(backtest_config):
    settings = {
        "server_hostname": "127.0.0.1",
        "http_path": "/sql/1.0/warehouses/abc123",
        "catalog": "main",
        "schema": "default",
        "authentication": "token",
    }
    config = replace(backtest_config, source=SourceKind.DATABRICKS_SQL, connection=settings)
    # The connector always uses HTTPS on port 443, where nothing listens on 127.0.0.1.
    diagnosis = check_connection(config, environ={"DATABRICKS_TOKEN": PASSWORD})

    assert not diagnosis.ok
    assert diagnosis.message.startswith("Cannot reach 127.0.0.1 (databricks): check")
    assert PASSWORD not in diagnosis.message
{%- endif %}
