"""Build the SQLAlchemy connection for the configured data source, with secrets from ``.env``.

Every source goes through SQLAlchemy, so the same queries in ``sql/`` run against the embedded
DuckDB database in tests and against the real warehouse in production. This module only says how
to connect (the URL and the driver's arguments); it never runs a query, so a compute backend can
reuse it. Secrets are read from the environment or ``.env`` and passed to the driver apart from
the URL, so printing a URL or an engine never shows one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import sqlalchemy
from dotenv import dotenv_values
from sqlalchemy.engine import URL, Engine

from {{ cookiecutter.package_name }}.config import (
    PROJECT_ROOT,
    SECRET_VARIABLES,
    SOURCE_SECTIONS,
    Config,
    SourceKind,
)

ENV_FILE = PROJECT_ROOT / ".env"
UDAL_LOGIN_DOMAIN = "@udal.nhs.uk"


class SqlServerAuthentication(StrEnum):
    """How to sign in to SQL Server (``sql_server.authentication``)."""

    WINDOWS = "windows"
    SQL_LOGIN = "sql-login"
    ENTRA_INTERACTIVE = "entra-interactive"


class DatabricksAuthentication(StrEnum):
    """How to sign in to Databricks (``databricks.authentication``)."""

    TOKEN = "token"
    OAUTH = "oauth"


class ConnectionSettingsError(ValueError):
    """A setting or secret needed to connect is missing or wrong; the message says what to do."""


@dataclass(frozen=True)
class ConnectionSpec:
    """How to reach one database: a SQLAlchemy URL, the driver's arguments and the SQL dialect.

    ``dialect`` is sqlglot's name for the SQL the database speaks, so queries written for another
    dialect can be translated before they run.
    """

    url: URL
    dialect: str
    connect_args: Mapping[str, object] = field(default_factory=dict)
    # Values that must never appear in a message (passwords, tokens).
    secrets: tuple[str, ...] = ()

    def describe(self) -> str:
        """Where this connects, for messages: the host and database, never a secret."""
        return f"{self.url.host or self.url.database} ({self.url.get_backend_name()})"

    def create_engine(self) -> Engine:
        """A SQLAlchemy engine for this database (no connection is opened until it is used)."""
        return sqlalchemy.create_engine(self.url, connect_args=dict(self.connect_args))


def load_environment(env_file: Path = ENV_FILE) -> dict[str, str]:
    """The variables that may hold secrets: ``.env`` (if present) overridden by the environment.

    Args:
        env_file: The ``.env`` file to read.

    Returns:
        Variable names and values.
    """
    from_file = {key: value for key, value in dotenv_values(env_file).items() if value is not None}
    return {**from_file, **os.environ}


def connection_spec(config: Config, environ: Mapping[str, str] | None = None) -> ConnectionSpec:
    """How to connect to the source named in ``config``.

    Args:
        config: The run's settings.
        environ: Where secrets are read from (``.env`` and the environment when not given).

    Returns:
        The connection to open.

    Raises:
        ConnectionSettingsError: If a setting or secret needed for that source is missing.
    """
    if config.source is SourceKind.SYNTHETIC:
        return synthetic_spec(config.synthetic_database)
    environment = load_environment() if environ is None else environ
    settings = config.connection
    if config.source is SourceKind.SQL_SERVER:
        return sql_server_spec(settings, environment)
    if config.source is SourceKind.UDAL:
        return udal_spec(settings)
    return databricks_spec(settings, environment)


def synthetic_spec(path: Path) -> ConnectionSpec:
    """The embedded DuckDB database file made by ``synthetic.write_synthetic_database``.

    It is opened read-only, as a warehouse would be: reading never changes it, and a file that
    was never made is reported rather than silently created empty.
    """
    return ConnectionSpec(
        url=URL.create("duckdb", database=str(path)),
        dialect="duckdb",
        connect_args={"read_only": True},
    )


def sql_server_spec(
    settings: Mapping[str, str | int | bool], environ: Mapping[str, str]
) -> ConnectionSpec:
    """A SQL Server connection through Microsoft's mssql-python driver.

    The driver carries its own ODBC Driver 18, so nothing needs an administrator to install.

    Args:
        settings: The ``[sql_server]`` section of config.toml.
        environ: Where ``SQL_SERVER_PASSWORD`` is read from, for ``sql-login``.

    Returns:
        The connection to open.

    Raises:
        ConnectionSettingsError: If the server, database, user or password is missing.
    """
    section = SOURCE_SECTIONS[SourceKind.SQL_SERVER]
    server = required(settings, "server", section)
    database = required(settings, "database", section)
    authentication = choice(settings, "authentication", section, SqlServerAuthentication)
    query = {
        "Encrypt": yes_no(settings["encrypt"]),
        "TrustServerCertificate": yes_no(settings["trust_server_certificate"]),
    }
    username = password = None
    secrets: tuple[str, ...] = ()
    if authentication is SqlServerAuthentication.WINDOWS:
        query = {"Trusted_Connection": "yes", **query}
    else:
        username = required(settings, "user", section)
    if authentication is SqlServerAuthentication.SQL_LOGIN:
        password = secret(environ, SECRET_VARIABLES[section])
        secrets = (password,)
    if authentication is SqlServerAuthentication.ENTRA_INTERACTIVE:
        query = {"Authentication": "ActiveDirectoryInteractive", **query}
    url = URL.create(
        "mssql+mssqlpython",
        username=username,
        password=password,
        host=server,
        database=database,
        query=query,
    )
    return ConnectionSpec(
        url=url,
        dialect="tsql",
        connect_args={"timeout": settings["login_timeout_seconds"]},
        secrets=secrets,
    )


def udal_spec(settings: Mapping[str, str | int | bool]) -> ConnectionSpec:
    """A UDAL connection: mssql-python with an interactive Microsoft Entra ID sign-in.

    Args:
        settings: The ``[udal]`` section of config.toml.

    Returns:
        The connection to open.

    Raises:
        ConnectionSettingsError: If the server or database is missing, or the user is not a
            UDAL login.
    """
    section = SOURCE_SECTIONS[SourceKind.UDAL]
    user = required(settings, "user", section)
    if not user.lower().endswith(UDAL_LOGIN_DOMAIN):
        raise ConnectionSettingsError(
            f"'{section}.user' in config.toml should be your UDAL login, ending "
            f"{UDAL_LOGIN_DOMAIN} (for example jane.smith{UDAL_LOGIN_DOMAIN})."
        )
    url = URL.create(
        "mssql+mssqlpython",
        username=user,
        host=required(settings, "server", section),
        database=required(settings, "database", section),
        query={"Authentication": "ActiveDirectoryInteractive", "Encrypt": "yes"},
    )
    return ConnectionSpec(
        url=url, dialect="tsql", connect_args={"timeout": settings["login_timeout_seconds"]}
    )


def databricks_spec(
    settings: Mapping[str, str | int | bool], environ: Mapping[str, str]
) -> ConnectionSpec:
    """A Databricks SQL warehouse connection through the Databricks SQL connector.

    Args:
        settings: The ``[databricks]`` section of config.toml.
        environ: Where ``DATABRICKS_TOKEN`` is read from, for ``token``.

    Returns:
        The connection to open; the token goes to the driver, never into the URL.

    Raises:
        ConnectionSettingsError: If the host, HTTP path or token is missing.
    """
    section = SOURCE_SECTIONS[SourceKind.DATABRICKS_SQL]
    authentication = choice(settings, "authentication", section, DatabricksAuthentication)
    url = URL.create(
        "databricks",
        host=required(settings, "server_hostname", section),
        query={
            "http_path": required(settings, "http_path", section),
            "catalog": required(settings, "catalog", section),
            "schema": required(settings, "schema", section),
        },
    )
    if authentication is DatabricksAuthentication.TOKEN:
        token = secret(environ, SECRET_VARIABLES[section])
        return ConnectionSpec(
            url=url, dialect="databricks", connect_args={"access_token": token}, secrets=(token,)
        )
    return ConnectionSpec(
        url=url, dialect="databricks", connect_args={"auth_type": "databricks-oauth"}
    )


def required(settings: Mapping[str, str | int | bool], key: str, section: str) -> str:
    """A setting that must not be left blank."""
    value = str(settings[key]).strip()
    if not value:
        raise ConnectionSettingsError(
            f"'{section}.{key}' in config.toml is empty; type the value you were given."
        )
    return value


def choice(
    settings: Mapping[str, str | int | bool], key: str, section: str, choices: type[StrEnum]
) -> StrEnum:
    """A setting that must be one of a closed set of words."""
    try:
        return choices(settings[key])
    except ValueError:
        allowed = ", ".join(f'"{value}"' for value in choices)
        raise ConnectionSettingsError(
            f"'{section}.{key}' in config.toml should be one of {allowed}."
        ) from None


def secret(environ: Mapping[str, str], variable: str) -> str:
    """A secret from the environment or ``.env``; its value is never put in a message."""
    value = environ.get(variable, "")
    if not value:
        raise ConnectionSettingsError(
            f"{variable} is not set; add the line {variable}=... to .env "
            "(copy .env.example to .env; git never commits it)."
        )
    return value


def yes_no(flag: str | int | bool) -> str:
    """ODBC's spelling of a true/false setting."""
    return "yes" if flag else "no"
