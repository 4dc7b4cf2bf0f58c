"""Read the pipeline's settings from ``config.toml`` and check them before anything runs.

Settings live apart from code so that a new reporting period is a one-line change that any
reviewer can see. Every mistake is reported with the key it concerns and how to put it right.
The file is committed to git, so it holds no secret: a password or token typed into it is refused
with a pointer to ``.env``, where secrets belong.
"""

from __future__ import annotations

import calendar
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

# A relative import: this file is copied without rendering, so it cannot name the package.
from .disclosure import DisclosureMode, DisclosureRule

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config.toml"

# Section -> key -> the type its value must have.
SCHEMA: dict[str, dict[str, type]] = {
    "reporting": {"start_month": str, "end_month": str},
    "synthetic_data": {"seed": int, "providers": int},
    "paths": {"data_dir": str, "output_dir": str, "log_dir": str},
    "outputs": {"table_name": str, "chart_name": str, "workbook_name": str},
    "disclosure": {"mode": str, "suppress_up_to": int, "round_to": int, "marker": str},
    "source": {"kind": str},
}
MAX_PROVIDERS = 50
SYNTHETIC_DATABASE_NAME = "synthetic.duckdb"


class SourceKind(StrEnum):
    """Where the pipeline reads its data from."""

    SYNTHETIC = "synthetic"
    SQL_SERVER = "sql-server"
    UDAL = "udal"
    DATABRICKS_SQL = "databricks-sql"


# The section of config.toml that holds each real source's connection settings, and its keys.
# Only the section of the source in use needs to be present.
SOURCE_SECTIONS: dict[SourceKind, str] = {
    SourceKind.SQL_SERVER: "sql_server",
    SourceKind.UDAL: "udal",
    SourceKind.DATABRICKS_SQL: "databricks",
}
SOURCE_SCHEMA: dict[str, dict[str, type]] = {
    "sql_server": {
        "server": str,
        "database": str,
        "authentication": str,
        "user": str,
        "encrypt": bool,
        "trust_server_certificate": bool,
        "login_timeout_seconds": int,
    },
    "udal": {"server": str, "database": str, "user": str, "login_timeout_seconds": int},
    "databricks": {
        "server_hostname": str,
        "http_path": str,
        "catalog": str,
        "schema": str,
        "authentication": str,
    },
}
# The environment variable (or line of .env) that holds each section's secret.
SECRET_VARIABLES: dict[str, str] = {
    "sql_server": "SQL_SERVER_PASSWORD",
    "databricks": "DATABRICKS_TOKEN",
}
SECRET_KEY = re.compile(r"pass(word)?|pwd|secret|token|api_?key|credential", re.IGNORECASE)


class ConfigError(ValueError):
    """The settings file is missing or holds a wrong value; the message says how to fix it."""


@dataclass(frozen=True)
class Config:
    """Checked settings for one pipeline run, with paths made absolute."""

    start_month: date
    end_month: date
    seed: int
    providers: int
    data_dir: Path
    output_dir: Path
    log_dir: Path
    table_name: str
    chart_name: str
    workbook_name: str
    disclosure: DisclosureRule
    source: SourceKind = SourceKind.SYNTHETIC
    # The checked keys of the source's section of config.toml (empty for synthetic data).
    connection: Mapping[str, str | int | bool] = field(default_factory=dict)

    @property
    def end_date(self) -> date:
        """The last day of the reporting period: the last day of ``end_month``."""
        last_day = calendar.monthrange(self.end_month.year, self.end_month.month)[1]
        return self.end_month.replace(day=last_day)

    @property
    def synthetic_database(self) -> Path:
        """The embedded DuckDB database that the seeded generator writes and the pipeline reads."""
        return self.data_dir / SYNTHETIC_DATABASE_NAME

    @property
    def table_path(self) -> Path:
        """Where the tidy output table is written."""
        return self.output_dir / self.table_name

    @property
    def chart_path(self) -> Path:
        """Where the chart is written."""
        return self.output_dir / self.chart_name

    @property
    def workbook_path(self) -> Path:
        """Where the accessible publication workbook is written."""
        return self.output_dir / self.workbook_name


def load_config(path: Path | str | None = None) -> Config:
    """Read and check the settings file (``config.toml`` at the project root by default).

    Args:
        path: Another settings file to use, for example in tests.

    Returns:
        The checked settings, with paths resolved against the settings file's folder.

    Raises:
        ConfigError: If the file is missing, is not valid TOML, or a key is missing or wrong.
    """
    config_path = Path(path) if path is not None else DEFAULT_CONFIG_PATH
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Cannot find the settings file {config_path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{config_path.name} is not valid TOML ({error}); fix that line."
        ) from None
    refuse_secrets(raw, config_path.name)
    check_keys(raw, config_path.name)
    return build_config(raw, config_path.resolve().parent, config_path.name)


def refuse_secrets(raw: dict, filename: str) -> None:
    """Refuse any key that looks like a password or token: git would publish its value.

    Args:
        raw: The parsed settings file.
        filename: The file's name, for messages.

    Raises:
        ConfigError: Naming the key (never its value) and where the secret belongs instead.
    """
    for section, table in raw.items():
        if not isinstance(table, dict):
            continue
        for key in table:
            if SECRET_KEY.search(key):
                variable = SECRET_VARIABLES.get(section, "a variable named in .env.example")
                raise ConfigError(
                    f"'{section}.{key}' in {filename} looks like a password or token, and "
                    f"{filename} is committed to git; delete that line and put the secret in .env "
                    f"as {variable} (copy .env.example to .env)."
                )


def check_keys(raw: dict, filename: str) -> None:
    """Check that every expected key is present with the right type, and no unknown key is.

    Args:
        raw: The parsed settings file.
        filename: The file's name, for messages.

    Raises:
        ConfigError: Naming the first key that is missing, unknown or of the wrong type.
    """
    known = {**SCHEMA, **SOURCE_SCHEMA}
    for section in raw:
        if section not in known:
            raise ConfigError(
                f"Unknown section [{section}] in {filename}{_did_you_mean(section, known)}."
            )
    for section, fields in SCHEMA.items():
        check_section(raw, section, fields, filename)
    for section, fields in SOURCE_SCHEMA.items():
        if section in raw:
            check_section(raw, section, fields, filename)


def check_section(raw: dict, section: str, fields: dict[str, type], filename: str) -> None:
    """Check one section: present, with every key of the right type and no unknown key.

    Args:
        raw: The parsed settings file.
        section: The section's name.
        fields: Its keys and the types their values must have.
        filename: The file's name, for messages.

    Raises:
        ConfigError: Naming the first key that is missing, unknown or of the wrong type.
    """
    table = raw.get(section)
    if not isinstance(table, dict):
        raise ConfigError(
            f"{filename} has no [{section}] section; add it with: {', '.join(fields)}."
        )
    for key in table:
        if key not in fields:
            raise ConfigError(
                f"Unknown key '{section}.{key}' in {filename}{_did_you_mean(key, fields)}."
            )
    for key, kind in fields.items():
        if key not in table:
            raise ConfigError(f"{filename} is missing '{key}' in [{section}]; add it.")
        value = table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ConfigError(
                f"'{section}.{key}' in {filename} should be {_describe(kind)}, not {value!r}."
            )


def build_config(raw: dict, base: Path, filename: str) -> Config:
    """Turn checked raw settings into a ``Config``, checking the values' meaning too.

    Args:
        raw: The parsed settings file, already checked by ``check_keys``.
        base: The folder that relative paths are resolved against.
        filename: The file's name, for messages.

    Returns:
        The settings for a pipeline run.

    Raises:
        ConfigError: If a month is malformed, the period runs backwards or a number is out of
            range.
    """
    start = parse_month(raw["reporting"]["start_month"], "reporting.start_month", filename)
    end = parse_month(raw["reporting"]["end_month"], "reporting.end_month", filename)
    if end < start:
        raise ConfigError(
            f"In {filename} the reporting period ends before it starts; swap the months."
        )
    providers = raw["synthetic_data"]["providers"]
    if not 1 <= providers <= MAX_PROVIDERS:
        raise ConfigError(
            f"'synthetic_data.providers' in {filename} should be between 1 and {MAX_PROVIDERS}."
        )
    source = parse_source(raw, filename)
    paths = raw["paths"]
    return Config(
        start_month=start,
        end_month=end,
        seed=raw["synthetic_data"]["seed"],
        providers=providers,
        data_dir=(base / paths["data_dir"]).resolve(),
        output_dir=(base / paths["output_dir"]).resolve(),
        log_dir=(base / paths["log_dir"]).resolve(),
        table_name=raw["outputs"]["table_name"],
        chart_name=raw["outputs"]["chart_name"],
        workbook_name=raw["outputs"]["workbook_name"],
        disclosure=parse_disclosure(raw["disclosure"], filename),
        source=source,
        connection=raw.get(SOURCE_SECTIONS.get(source, ""), {}),
    )


def parse_source(raw: dict, filename: str) -> SourceKind:
    """Read ``source.kind`` and check that the source's connection section is there.

    Args:
        raw: The parsed settings file, already checked by ``check_keys``.
        filename: The file's name, for messages.

    Returns:
        The source the pipeline reads.

    Raises:
        ConfigError: If the kind is not one of the sources, or its section is missing.
    """
    kind = raw["source"]["kind"]
    try:
        source = SourceKind(kind)
    except ValueError:
        choices = ", ".join(f'"{choice}"' for choice in SourceKind)
        raise ConfigError(f"'source.kind' in {filename} should be one of {choices}.") from None
    section = SOURCE_SECTIONS.get(source)
    if section is not None and section not in raw:
        fields = ", ".join(SOURCE_SCHEMA[section])
        raise ConfigError(
            f"'source.kind' in {filename} is \"{source}\" but there is no [{section}] section; "
            f"add it with: {fields}."
        )
    return source


def parse_disclosure(section: dict, filename: str) -> DisclosureRule:
    """Read the ``[disclosure]`` section into the rule every output is protected by.

    Args:
        section: The section's keys, already checked by ``check_keys``.
        filename: The file's name, for messages.

    Returns:
        The disclosure rule.

    Raises:
        ConfigError: If the mode is unknown or a limit would not protect the outputs.
    """
    try:
        mode = DisclosureMode(section["mode"])
    except ValueError:
        options = " or ".join(f'"{mode.value}"' for mode in DisclosureMode)
        raise ConfigError(
            f"'disclosure.mode' in {filename} should be {options}, not {section['mode']!r}."
        ) from None
    try:
        return DisclosureRule(
            mode=mode,
            suppress_up_to=section["suppress_up_to"],
            round_to=section["round_to"],
            marker=section["marker"],
        )
    except ValueError as error:
        raise ConfigError(f"In [disclosure] of {filename}, {error}.") from None


def parse_month(value: str, key: str, filename: str) -> date:
    """Read a month written as ``YYYY-MM``.

    Args:
        value: The text from the settings file.
        key: The setting's name, for messages.
        filename: The file's name, for messages.

    Returns:
        The first day of that month.

    Raises:
        ConfigError: If the text is not a month in that form.
    """
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise ConfigError(
            f"'{key}' in {filename} should be a month like \"2024-04\", not {value!r}."
        ) from None


def _did_you_mean(word: str, options: dict) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(options)}"


def _describe(kind: type) -> str:
    return {str: "text in quotes", int: "a whole number", bool: "true or false"}.get(
        kind, kind.__name__
    )
