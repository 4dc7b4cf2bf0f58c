"""Load the pipeline's SQL from ``sql/*.sql`` and translate it for the database that runs it.

Queries live in files, not in Python strings, so they can be linted (sqlfluff), reviewed and run
in any SQL client as they are. They are written in the data source's own dialect; when the
database that runs them speaks another (the embedded DuckDB database in tests), sqlglot translates
them. Values always travel as bound parameters (``:name``), never pasted into the text.
Loading a query is kept apart from running it, so any compute backend can take the same SQL.
"""

from __future__ import annotations

from pathlib import Path

import sqlglot
from sqlglot import exp

from {{ cookiecutter.package_name }}.config import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"
# The dialect the files in sql/ are written in (sqlglot's name for it).
QUERY_DIALECT = "{{ cookiecutter._sql_dialects[cookiecutter.data_source] }}"


class QueryError(ValueError):
    """A query file is missing or cannot be translated; the message names the file."""


def query_text(name: str, sql_dir: Path = SQL_DIR) -> str:
    """The text of ``sql/<name>.sql``.

    Args:
        name: The file's name without ``.sql``.
        sql_dir: The folder holding the queries.

    Returns:
        The SQL as written.

    Raises:
        QueryError: If there is no such file.
    """
    path = sql_dir / f"{name}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"There is no query file {path}; add it or fix the name.") from None


def translate(sql: str, to_dialect: str, from_dialect: str = QUERY_DIALECT) -> str:
    """Translate ``sql`` into another dialect, keeping ``:name`` bound parameters as they are.

    sqlglot would write parameters in the target's own style (``$name`` for DuckDB), which
    SQLAlchemy would not bind; so they are written back as ``:name`` for SQLAlchemy to send.

    Args:
        sql: One SQL statement.
        to_dialect: sqlglot's name for the dialect wanted, e.g. ``duckdb``.
        from_dialect: The dialect ``sql`` is written in.

    Returns:
        The statement in ``to_dialect``, unchanged when the dialects are the same.

    Raises:
        QueryError: If sqlglot cannot read the statement.
    """
    if to_dialect == from_dialect:
        return sql
    try:
        tree = sqlglot.parse_one(sql, read=from_dialect)
    except sqlglot.errors.ParseError as error:
        raise QueryError(f"sqlglot cannot read this {from_dialect} query: {error}") from None
    keep_binds = tree.transform(
        lambda node: exp.var(f":{node.name}") if isinstance(node, exp.Placeholder) else node
    )
    return keep_binds.sql(dialect=to_dialect)


def load_query(name: str, dialect: str, sql_dir: Path = SQL_DIR) -> str:
    """The query ``sql/<name>.sql``, ready to run on a database that speaks ``dialect``.

    Args:
        name: The file's name without ``.sql``.
        dialect: sqlglot's name for the database's dialect.
        sql_dir: The folder holding the queries.

    Returns:
        The SQL text, with ``:name`` bound parameters.
    """
    return translate(query_text(name, sql_dir), to_dialect=dialect)
