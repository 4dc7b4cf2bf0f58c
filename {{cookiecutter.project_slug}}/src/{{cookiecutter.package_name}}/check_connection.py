"""Open the configured connection and say in one line what is wrong (``check-connection``).

The drivers' own errors are long and cryptic ("TCP Provider: Error code 0x2749"). This module
matches the common ones and says what to change instead. Messages name the server and database,
never a password or token: any secret is masked even in an error the driver wrote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import sqlalchemy

from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.database import (
    ConnectionSettingsError,
    ConnectionSpec,
    connection_spec,
)

DRIVER_PACKAGES = {"mssql": "mssql-python", "databricks": "databricks-sqlalchemy"}
# A check should answer in seconds: the Databricks connector otherwise retries for minutes.
FAIL_FAST_ARGS = {"databricks": {"_retry_stop_after_attempts_count": 1, "_socket_timeout": 30}}
# What a driver's error says -> what the analyst should do. The first match wins.
DIAGNOSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Failed to load the driver|libltdl|can't open lib", re.IGNORECASE),
        "The SQL Server driver cannot load a system library: on Debian or Ubuntu run "
        "`sudo apt-get install libltdl7`; on Windows, install Microsoft's Visual C++ "
        "Redistributable.",
    ),
    (
        re.compile(r"Login failed|invalid (access )?token|Unauthorized|HTTP 401", re.IGNORECASE),
        "Login failed for {where}: check the user in config.toml and the password or token in "
        ".env, and that you have been given access to this database.",
    ),
    (
        re.compile(r"Cannot open database|database .* does not exist", re.IGNORECASE),
        "Database not found on {where}, or you have no access to it: check the database name "
        "in config.toml.",
    ),
    (
        re.compile(r"certificate|SSL Provider|TLS|CERTIFICATE_VERIFY_FAILED", re.IGNORECASE),
        "The server's certificate was not trusted ({where}): ask IT for the certificate "
        "authority to install, or (only for a server on your own network) set "
        "trust_server_certificate = true in config.toml.",
    ),
    (
        re.compile(r"Entra|ActiveDirectory|AADSTS|InteractiveBrowserCredential", re.IGNORECASE),
        "The Microsoft Entra ID sign-in failed for {where}: check the user in config.toml, "
        "finish the sign-in window, and that your laptop can reach login.microsoftonline.com.",
    ),
    (
        re.compile(
            r"0x2AF9|11001|Name or service not known|getaddrinfo|Failed to resolve|"
            r"nodename nor servname|No such host",
            re.IGNORECASE,
        ),
        "The server name {where} was not found: check its spelling in config.toml, and that you "
        "are on your organisation's network or VPN.",
    ),
    (
        re.compile(
            r"TCP Provider|unable to establish connection|Connection refused|timed? ?out|"
            r"Max retries exceeded|Failed to establish a new connection|HYT00|08001",
            re.IGNORECASE,
        ),
        "Cannot reach {where}: check the server name and port in config.toml, that you are on "
        "your organisation's network or VPN, and that a firewall or proxy lets you through.",
    ),
)


@dataclass(frozen=True)
class Diagnosis:
    """The outcome of a connection check: whether it worked and one line to show."""

    ok: bool
    message: str


def check_connection(config: Config, environ: Mapping[str, str] | None = None) -> Diagnosis:
    """Open the configured connection, run ``SELECT 1`` and say what happened.

    Args:
        config: The run's settings.
        environ: Where secrets are read from (``.env`` and the environment when not given).

    Returns:
        Success, or the diagnosis of the failure.
    """
    try:
        spec = connection_spec(config, environ)
    except ConnectionSettingsError as error:
        return Diagnosis(ok=False, message=str(error))
    fail_fast = FAIL_FAST_ARGS.get(spec.url.get_backend_name(), {})
    spec = replace(spec, connect_args={**spec.connect_args, **fail_fast})
    try:
        engine = spec.create_engine()
    except (ImportError, sqlalchemy.exc.NoSuchModuleError):
        return Diagnosis(ok=False, message=missing_driver(spec))
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT 1"))
    except Exception as error:  # every driver has its own errors: each becomes a diagnosis
        return Diagnosis(ok=False, message=diagnose(error, spec))
    finally:
        engine.dispose()
    return Diagnosis(ok=True, message=f"Connected to {spec.describe()}.")


def missing_driver(spec: ConnectionSpec) -> str:
    """The message for a driver package that is not installed."""
    package = DRIVER_PACKAGES.get(spec.url.get_backend_name(), spec.url.get_driver_name())
    return (
        f"The driver for {spec.url.get_backend_name()} is not installed: run `uv add {package}` "
        "(or `uv sync` if pyproject.toml already lists it)."
    )


def diagnose(error: BaseException, spec: ConnectionSpec) -> str:
    """One line saying what the driver's error means and what to change.

    Args:
        error: What connecting raised.
        spec: The connection that was tried.

    Returns:
        The diagnosis; any secret in the driver's text is masked.
    """
    where = spec.describe()
    detail = mask(error_text(error), spec.secrets)
    for pattern, advice in DIAGNOSES:
        if pattern.search(detail):
            return advice.format(where=where)
    first_line = detail.strip().splitlines()[0] if detail.strip() else type(error).__name__
    return f"Could not connect to {where}: {first_line}"


def error_text(error: BaseException) -> str:
    """The driver's own words, found under SQLAlchemy's wrapper and any chained cause."""
    parts = []
    current: BaseException | None = error
    while current is not None and len(parts) < 5:
        parts.append(str(current))
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return "\n".join(parts)


def mask(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret replaced by asterisks."""
    for value in secrets:
        if value:
            text = text.replace(value, "***")
    return text
