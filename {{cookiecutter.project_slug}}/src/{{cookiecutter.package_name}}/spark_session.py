"""Get the Spark session the pipeline runs in: the cluster's on Databricks, a local one elsewhere.

On a Databricks cluster (or serverless compute) the session already exists and is simply reused.
Anywhere else Spark runs on this machine, which needs Java 17: that is checked first, so a missing
Java gives one line saying how to install it rather than a long Java launcher error.

Local sessions listen on 127.0.0.1 only and start no web UI, so nothing on the network can reach
them and no firewall prompt appears on a trust laptop.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import warnings
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from pyspark.sql import SparkSession

# Databricks sets this on every cluster and serverless compute; it is never set on a laptop.
DATABRICKS_RUNTIME_VARIABLE = "DATABRICKS_RUNTIME_VERSION"
# The name Spark's logs and UI give this project's sessions.
APP_NAME = "{{ cookiecutter.project_slug }}"
INSTALL_JAVA = (
    "on Windows run `winget install Microsoft.OpenJDK.17` (or install Eclipse Temurin 17 from "
    "Adoptium) and set JAVA_HOME to its folder; on Debian or Ubuntu run "
    "`sudo apt install openjdk-17-jre-headless`; then open a new terminal"
)


class SparkSetupError(RuntimeError):
    """Spark cannot start here; the message says what to install or where to run instead."""


class ApiMode(StrEnum):
    """How the pipeline's code talks to Spark."""

    CLASSIC = "classic"
    """Through the Java gateway in this process, as on a classic Databricks cluster."""

    CONNECT = "connect"
    """Through Spark Connect, as on Databricks serverless: no ``sparkContext``, no RDDs."""


def on_databricks(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this process runs on Databricks compute (a cluster, a job or serverless)."""
    return DATABRICKS_RUNTIME_VARIABLE in (os.environ if environ is None else environ)


def java_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why local Spark could not start Java here, or ``None`` when Java can be found.

    Spark's launcher uses ``JAVA_HOME`` when it is set and the ``java`` on ``PATH`` otherwise, so
    the check looks in the same places.

    Args:
        environ: The environment to judge (this process's by default).

    Returns:
        A one-line message saying how to install Java 17, or ``None``.
    """
    environ = os.environ if environ is None else environ
    java_home = environ.get("JAVA_HOME")
    if java_home:
        launcher = Path(java_home) / "bin" / ("java.exe" if sys.platform == "win32" else "java")
        if launcher.is_file():
            return None
        return (
            f"PySpark needs Java 17, but JAVA_HOME is {java_home} and holds no bin/java; "
            f"set JAVA_HOME to a Java 17 folder, or {INSTALL_JAVA}."
        )
    if shutil.which("java", path=environ.get("PATH")) is not None:
        return None
    return f"PySpark needs Java 17 and cannot find it: {INSTALL_JAVA}."


def local_settings(master: str, api_mode: ApiMode) -> dict[str, str]:
    """The settings of a Spark session on this machine.

    Args:
        master: Spark's master, such as ``local[2]`` (two cores) or ``local[*]`` (every core).
        api_mode: Whether the code talks to Spark directly or through Spark Connect.

    Returns:
        Spark configuration keys and values.
    """
    return {
        "spark.master": master,
        "spark.api.mode": api_mode.value,
        "spark.ui.enabled": "false",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.driver.host": "127.0.0.1",
        # One machine's tables are small: Spark's default of 200 shuffle partitions only adds
        # start-up work to every groupBy.
        "spark.sql.shuffle.partitions": "4",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        # Dates and months come out the same on every laptop, whatever its time zone.
        "spark.sql.session.timeZone": "UTC",
    }


def local_session(master: str = "local[*]", api_mode: ApiMode = ApiMode.CLASSIC) -> SparkSession:
    """Start (or reuse) a Spark session on this machine.

    Args:
        master: Spark's master, such as ``local[2]``.
        api_mode: Whether the code talks to Spark directly or through Spark Connect.

    Returns:
        The session.

    Raises:
        SparkSetupError: If Java cannot be found; nothing is started then.
    """
    problem = java_problem()
    if problem is not None:
        raise SparkSetupError(problem)
    # Spark's Python workers must be this interpreter, with this project's packages, not
    # whichever `python` comes first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    # pyarrow's time zone handling as pandas-on-Spark (which pyspark.testing loads) asks for.
    os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")
    # The Java gateway logs every connection it opens and closes; the run's log needs none.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    builder = SparkSession.builder.appName(APP_NAME)
    for key, value in local_settings(master, api_mode).items():
        builder = builder.config(key, value)
    with warnings.catch_warnings():
        # Spark Connect warns that the local server's fixed settings cannot be set twice.
        warnings.filterwarnings("ignore", "Failed to set spark", UserWarning)
        return builder.getOrCreate()


def spark_session() -> SparkSession:
    """The session to run in: an active one (a test's, or Databricks'), else a local one.

    Returns:
        The session.

    Raises:
        SparkSetupError: If Spark must start here and Java cannot be found.
    """
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if on_databricks():
        return SparkSession.builder.getOrCreate()
    return local_session()
