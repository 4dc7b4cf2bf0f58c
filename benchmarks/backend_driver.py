"""Run one baked project's example pipeline on a large synthetic database, timing each stage.

pipeline_backends.py starts this script with the interpreter of a baked project's own environment
(``.venv``), so it imports nothing from this repository: only the standard library, DuckDB (every
project has it) and the project's package. It prints one JSON line on standard output.

    python backend_driver.py make-data --database D --rows N
        writes N rows of synthetic daily attendances into the DuckDB file D, with the columns and
        types of ``synthetic.py``'s table, made by one vectorised query (the project's own
        generator loops in Python and stops at 50 providers).
    python backend_driver.py run --package P --config C --database D --output O --launched T
        runs the pipeline's stages with the functions the project's ``pipeline.py`` imports, in
        the order ``pipeline.run`` calls them, reading D through the project's ingest and query;
        ``--path duckdb-sql`` does the monthly total in DuckDB SQL instead and hands it to the
        same protection and outputs;
        ``--path spark-table`` reads the Parquet copy beside D as a Spark table, through the
        project's Databricks ingest and query, since the project's synthetic ingest passes every
        row through Python and is meant only for a few thousand rows.

The figures: ``ready`` is seconds from ``--launched`` (the parent's clock when it started this
process) until the imports are done and, for PySpark, the Spark session is up; ``stages`` are
seconds per stage. A lazy backend does its work in whichever stage first needs a result, so read
the stages as where time went, and the total as what the run cost.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

# Every synthetic row falls in this period; the pipeline's reporting period is set to match.
FIRST_DAY, LAST_DAY = date(2015, 4, 1), date(2025, 3, 31)
DAYS = (LAST_DAY - FIRST_DAY).days + 1
FIRST_MONTH, LAST_MONTH = date(2015, 4, 1), date(2025, 3, 1)
TABLE_NAME = "ae_daily_attendances"  # the table the project's sql/ query reads

# One row per provider, day and age band, in the shape of synthetic.py's generator: a provider's
# daily mean between 150 and 450, split by age band, 15% up in winter and 10% down at weekends,
# with Gaussian noise (Box-Muller over a hash, so every run and thread count gives the same rows).
MAKE_ROWS = f"""
INSERT INTO {TABLE_NAME}
WITH providers AS (
    SELECT p, 150 + hash(p, 'daily mean') % 301 AS daily_mean FROM range(1, $providers + 1) t(p)
),
days AS (SELECT DATE '{FIRST_DAY.isoformat()}' + d::INTEGER AS day FROM range(0, {DAYS}) t(d)),
bands AS (SELECT * FROM (VALUES ('0-17', 0.22), ('18-64', 0.53), ('65+', 0.25)) b(band, share)),
grid AS (
    SELECT
        p, day, band,
        daily_mean * share
            * (CASE WHEN month(day) IN (12, 1, 2) THEN 1.15 ELSE 1.0 END)
            * (CASE WHEN isodow(day) >= 6 THEN 0.9 ELSE 1.0 END) AS expected,
        hash(p, day, band) AS h
    FROM providers, days, bands
)
SELECT
    day,
    printf('SYN%03d', p),
    band,
    greatest(0, round(
        expected + sqrt(expected)
            * sqrt(-2 * ln((h % 1000003 + 1) / 1000004.0))
            * cos(2 * pi() * ((h // 1000003) % 1000003 + 1) / 1000004.0)
    ))::INTEGER
FROM grid
ORDER BY p, day, band
LIMIT $rows
"""

# The DuckDB SQL path's monthly total: the same table processing.monthly_attendances makes.
MONTHLY_SQL = f"""
SELECT
    strftime(attendance_date, '%Y-%m') AS month,
    provider_code,
    age_band,
    sum(attendances)::BIGINT AS attendances
FROM {TABLE_NAME}
WHERE attendance_date >= $start_date AND attendance_date <= $end_date
GROUP BY ALL
ORDER BY month, provider_code, age_band
"""


def make_data(database: Path, rows: int) -> dict[str, Any]:
    """Write ``rows`` synthetic daily rows into a new DuckDB file, and a Parquet copy beside it.

    The Parquet copy stands in for a Databricks table (Delta tables are Parquet files); its
    counts are 64-bit, as Spark's ingest schema has them.
    """
    import duckdb

    providers = math.ceil(rows / (3 * DAYS))
    if providers > 999:
        raise SystemExit(f"{rows:,} rows need over 999 providers; use at most {999 * 3 * DAYS:,}.")
    database.unlink(missing_ok=True)
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            f"CREATE TABLE {TABLE_NAME} (attendance_date DATE NOT NULL, provider_code VARCHAR(5)"
            " NOT NULL, age_band VARCHAR(5) NOT NULL, attendances INTEGER NOT NULL)"
        )
        connection.execute(MAKE_ROWS, {"providers": providers, "rows": rows})
        (written,) = connection.execute(f"SELECT count(*) FROM {TABLE_NAME}").fetchone()
        connection.execute(
            f"COPY (SELECT * REPLACE (attendances::BIGINT AS attendances) FROM {TABLE_NAME}) "
            f"TO '{parquet_copy(database)}' (FORMAT parquet)"
        )
    return {"rows": written, "providers": providers}


def parquet_copy(database: Path) -> Path:
    """Where the Parquet copy of the synthetic table is."""
    return database.with_suffix(".parquet")


class StageClock:
    """Adds up the seconds spent in each named stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block and add it to stage ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


def project_module(package: str, name: str) -> ModuleType:
    """Import one of the baked project's modules."""
    return importlib.import_module(f"{package}.{name}")


def start_session(package: str) -> None:
    """Start the backend's session before the clock for the stages starts, where it has one.

    Only PySpark has one: the project's own session module builds it, and the pipeline's later
    calls get the same session back. Its start-up is counted in ``ready``.
    """
    try:
        session = project_module(package, "spark_session")
    except ModuleNotFoundError:
        return
    session.spark_session()


def benchmark_config(package: str, config_path: Path, database: Path, output: Path) -> Any:
    """The project's settings, reading the benchmark's database and writing under ``output``.

    The project reads ``synthetic.duckdb`` in its data folder, so ``database`` must have that name.
    """
    config = project_module(package, "config").load_config(config_path)
    config = replace(
        config,
        data_dir=database.parent,
        output_dir=output,
        log_dir=output / "logs",
        start_month=FIRST_MONTH,
        end_month=LAST_MONTH,
    )
    if config.synthetic_database != database:
        raise SystemExit(f"The database must be named {config.synthetic_database.name}.")
    return config


def daily_from_project(package: str, config: Any, clock: StageClock) -> Any:
    """Ingest with the project's own function, query and driver, then validate, as the run does.

    The project's ingest writes its small seeded database first; here the benchmark's database is
    already in place, so that one step is skipped.
    """
    pipeline = project_module(package, "pipeline")
    project_module(package, "ingest").prepare_synthetic_database = lambda config: None
    with clock.stage("ingest"):
        daily = pipeline.ingest(config)
    with clock.stage("validate"):
        daily = pipeline.validate(daily, pipeline.ingested_schema())
    with clock.stage("process"):
        return pipeline.monthly_attendances(daily)


def monthly_from_spark_table(package: str, config: Any, clock: StageClock) -> Any:
    """Ingest as on Databricks: the project's query on a table, here a Parquet file's view.

    The project's ``read_databricks`` sets the catalog and schema from ``[databricks]`` and runs
    the query in ``sql/`` with ``spark.sql``; the view answers to the table's name in any schema.
    """
    pipeline = project_module(package, "pipeline")
    ingest = project_module(package, "ingest")
    spark = project_module(package, "spark_session").spark_session()
    params = {"start_date": FIRST_DAY, "end_date": LAST_DAY}
    on_the_table = replace(config, connection={"catalog": "spark_catalog", "schema": "default"})
    with clock.stage("ingest"):
        spark.read.parquet(str(parquet_copy(config.synthetic_database))).createOrReplaceTempView(
            TABLE_NAME
        )
        daily = ingest.read_databricks(spark, on_the_table, params)
    with clock.stage("validate"):
        daily = pipeline.validate(daily, pipeline.ingested_schema())
    with clock.stage("process"):
        return pipeline.monthly_attendances(daily)


def monthly_from_sql(config: Any, clock: StageClock) -> Any:
    """The monthly total in DuckDB SQL, fetched as a pandas table for the protection step."""
    import duckdb

    params = {"start_date": FIRST_DAY, "end_date": LAST_DAY}
    with clock.stage("ingest"):
        connection = duckdb.connect(str(config.synthetic_database), read_only=True)
    try:
        with clock.stage("process"):
            return connection.execute(MONTHLY_SQL, params).df()
    finally:
        connection.close()


def protect_and_write(package: str, config: Any, monthly: Any, clock: StageClock) -> Path:
    """The rest of ``pipeline.run``: protect, add shares, validate, write the three outputs."""
    pipeline = project_module(package, "pipeline")
    rule = config.disclosure
    with clock.stage("protect"):
        protected = pipeline.protect(
            monthly, "attendances", ["month"], rule, "attendances by provider"
        )
    with clock.stage("process"):
        shared = pipeline.add_age_band_share(protected.cells)
    with clock.stage("validate"):
        published = pipeline.validate(shared, pipeline.published_table_schema(rule))
        totals = pipeline.validate(protected.totals, pipeline.published_totals_schema(rule))
    with clock.stage("outputs"):
        table = pipeline.write_table(published, config.table_path, rule.marker)
        pipeline.write_chart(totals, config.chart_path)
        sheets = pipeline.publication_sheets(published, totals)
        pipeline.write_workbook(sheets, rule, config.workbook_path)
    return table


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Import, start any session, then run and time the stages; the figures as a dict."""
    steps: dict[str, Callable[[str, Any, StageClock], Any]] = {
        "project": daily_from_project,
        "duckdb-sql": lambda package, config, clock: monthly_from_sql(config, clock),
        "spark-table": monthly_from_spark_table,
    }
    project_module(args.package, "pipeline")  # imports every module the pipeline uses
    start_session(args.package)
    ready = time.time() - args.launched
    clock = StageClock()
    config = benchmark_config(args.package, args.config, args.database, args.output)
    monthly = steps[args.path](args.package, config, clock)
    table = protect_and_write(args.package, config, monthly, clock)
    return {"ready": ready, "stages": dict(clock.seconds), "table": str(table)}


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and print the result as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("make-data", help="write the synthetic database")
    make.add_argument("--database", type=Path, required=True)
    make.add_argument("--rows", type=int, required=True)
    measure = commands.add_parser("run", help="run and time the pipeline")
    measure.add_argument("--package", required=True)
    measure.add_argument("--config", type=Path, required=True)
    measure.add_argument("--database", type=Path, required=True)
    measure.add_argument("--output", type=Path, required=True)
    measure.add_argument("--launched", type=float, required=True)
    measure.add_argument(
        "--path", choices=["project", "duckdb-sql", "spark-table"], default="project"
    )
    args = parser.parse_args(argv)
    result = make_data(args.database, args.rows) if args.command == "make-data" else run(args)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
