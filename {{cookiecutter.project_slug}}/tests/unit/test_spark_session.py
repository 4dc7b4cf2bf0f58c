"""Where Spark runs: the test session's mode, and one-line messages before Spark tries to start."""

import pytest
from pyspark.errors import PySparkAttributeError
from pyspark.sql import SparkSession

from {{ cookiecutter.package_name }}.pipeline import main
from {{ cookiecutter.package_name }}.spark_session import (
    ApiMode,
    SparkSetupError,
    java_problem,
    local_session,
    on_databricks,
)

DATABRICKS_SECTION = """
[databricks]
server_hostname = "adb-1234567890123456.7.azuredatabricks.net"
http_path = "/sql/1.0/warehouses/abc"
catalog = "main"
schema = "default"
authentication = "token"
"""


def test_connect_mode_is_really_spark_connect(spark, spark_api_mode):
    # Databricks serverless has no SparkContext and no RDDs; code that needs them fails here too.
    if spark_api_mode is ApiMode.CONNECT:
        with pytest.raises(PySparkAttributeError, match="JVM_ATTRIBUTE_NOT_SUPPORTED"):
            spark.sparkContext  # noqa: B018
    else:
        assert spark.sparkContext.master == "local[2]"


def test_spark_listens_on_this_machine_only(spark):
    assert spark.conf.get("spark.driver.host") == "127.0.0.1"
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"


def test_missing_java_is_explained_for_windows_and_linux(tmp_path):
    message = java_problem({"PATH": str(tmp_path)})

    assert message is not None
    assert "winget install Microsoft.OpenJDK.17" in message
    assert "sudo apt install openjdk-17-jre-headless" in message
    assert "\n" not in message


def test_java_home_without_java_is_explained(tmp_path):
    message = java_problem({"JAVA_HOME": str(tmp_path), "PATH": ""})

    assert message is not None
    assert f"JAVA_HOME is {tmp_path}" in message


def test_java_on_the_path_is_found(tmp_path):
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\n", encoding="utf-8")
    java.chmod(0o755)

    assert java_problem({"PATH": str(tmp_path)}) is None


def test_spark_is_not_started_without_java(tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(SparkSetupError, match="needs Java 17"):
        local_session()


def test_pipeline_without_java_says_what_to_install(
    config_text, write_config, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(SparkSession, "getActiveSession", staticmethod(lambda: None))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("DATABRICKS_RUNTIME_VERSION", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert main(["--config", str(write_config(config_text))]) == 2

    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert errors[0].startswith("Error: PySpark needs Java 17")
    assert "winget install" in errors[0]


def test_databricks_tables_are_read_only_on_databricks(
    config_text, write_config, monkeypatch, capsys
):
    monkeypatch.delenv("DATABRICKS_RUNTIME_VERSION", raising=False)
    text = config_text.replace('kind = "synthetic"', 'kind = "databricks-sql"') + DATABRICKS_SECTION

    assert main(["--config", str(write_config(text))]) == 2

    error = capsys.readouterr().err
    assert "not one" in error
    assert "--source synthetic" in error


def test_databricks_is_recognised_by_its_runtime_variable():
    assert on_databricks({"DATABRICKS_RUNTIME_VERSION": "17.3"})
    assert not on_databricks({})
