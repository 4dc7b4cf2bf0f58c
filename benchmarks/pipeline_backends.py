"""The example pipeline on large synthetic data, per compute backend: wall time and peak memory.

Run from the repository root (Linux: peak memory is read from /proc):

    python -m uv run --group test python benchmarks/pipeline_backends.py --rows 1000000 10000000
    python -m uv run --group test python benchmarks/pipeline_backends.py --quick

Bakes one project per backend (pandas, Polars, PySpark) from this checkout into a temporary
folder and installs it with `uv sync`, nhs-rap coming from a wheel of this checkout. For each row
count it writes one synthetic DuckDB database (the columns and types of the project's own
synthetic table; see backend_driver.py) and runs the pipeline in each project's own environment:
ingest through the project's SQL query, validation, the monthly total, disclosure control, and
the CSV table, chart and workbook. PySpark ingests as on Databricks, running the project's query
with `spark.sql` on a table (a Parquet copy of the same rows), because its synthetic-data ingest
passes every row through Python and is meant for a few thousand. The fourth path, the peer, is
the same monthly total written as DuckDB SQL (DuckDB installs from PyPI; every project has it),
handed to the pandas project's protection and outputs. One warm-up import per project fills
Python's bytecode cache first, as an analyst's second run has it.

Figures per run: start-up (interpreter, imports and, for PySpark, the Spark session in local mode),
wall time from process start to exit (start-up included), and the peak of the resident memory of
the whole process tree (the driver, and for PySpark its JVM and Python workers), sampled every
50 ms. Every run's tidy CSV is compared with pandas's, byte for byte. A backend whose template
partials are not in this checkout yet, or whose project fails to install or run, is reported as
"not measured" with the reason, never with a figure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bake import hooks_silenced
from cookiecutter.main import cookiecutter
from peer import analyst_env

REPO_ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("backend_driver.py")
PROJECT_BACKENDS = ("pandas", "polars", "pyspark")
DUCKDB_SQL = "duckdb-sql"
PATHS = (*PROJECT_BACKENDS, DUCKDB_SQL)
BASELINE = "pandas"
# How the driver ingests for each path; the others use the project's own ingest.
DRIVER_PATHS = {DUCKDB_SQL: "duckdb-sql", "pyspark": "spark-table"}
QUICK_ROWS = [20_000]
SAMPLE_SECONDS = 0.05
MIB = 1024 * 1024
STAGES = ("ingest", "validate", "process", "protect", "outputs")


@dataclass
class Project:
    """One baked, installed project, or why there is none."""

    backend: str
    folder: Path | None = None
    package: str = ""
    problem: str = ""

    @property
    def python(self) -> Path:
        """The interpreter of the project's own environment."""
        assert self.folder is not None
        return self.folder / ".venv" / "bin" / "python"


@dataclass
class Measurement:
    """One path's run on one row count, or why it was not measured."""

    path: str
    rows: int
    startup: float = 0.0
    wall: float = 0.0
    peak_bytes: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    csv_digest: str = ""
    problem: str = ""


def run_or_reason(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run ``command``; return "" on success or the last line of its error output."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return ""
    lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
    return f"`{' '.join(command[-2:])}` failed: {lines[-1]}"


def bake_and_install(backend: str, out: Path, env: dict[str, str]) -> Project:
    """Bake the backend's project from this checkout and `uv sync` it, or say why not."""
    partial = REPO_ROOT / "templates" / "backends" / backend / "src" / "processing.py"
    if not partial.is_file():
        return Project(backend, problem=f"templates/backends/{backend} is not in this checkout yet")
    os.environ["NHS_RAP_NO_LOCK"] = "1"  # the sync below locks, with nhs-rap from the wheel
    context = {
        "project_name": f"Bench {backend}",
        "compute_backend": backend,
        "init_git": "no",
    }
    try:
        with hooks_silenced():
            folder = Path(
                cookiecutter(
                    str(REPO_ROOT), no_input=True, output_dir=str(out), extra_context=context
                )
            )
    except Exception as error:  # any failure to bake is the reason to report
        first_line = (str(error).splitlines() or [type(error).__name__])[0]
        return Project(backend, problem=f"the bake failed: {first_line}")
    project = Project(backend, folder=folder, package=f"bench_{backend}")
    project.problem = run_or_reason([sys.executable, "-m", "uv", "sync", "--quiet"], folder, env)
    if not project.problem:  # write the bytecode cache, as an analyst's second run has it
        project.problem = run_or_reason(
            [str(project.python), "-c", f"import {project.package}.pipeline"], folder, env
        )
    return project


def tree_rss_bytes(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while pending:
        pid = pending.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):  # the process has ended
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        pending.extend(children.get(pid, []))
    return total


def run_sampled(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> tuple[str, int, float]:
    """Run ``command``, sampling its process tree's memory; (stdout or error, peak, wall).

    The command runs in a session of its own, so a run that overruns ``timeout`` seconds is
    stopped together with its children (Spark's JVM among them).
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
            finished.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        stdout, stderr = "", f"stopped after {timeout:.0f} s (--timeout)"
    wall = time.perf_counter() - start
    finished.set()
    sampler.join()
    if process.returncode != 0:
        lines = stderr.strip().splitlines() or [f"exit code {process.returncode}"]
        return f"ERROR: {lines[-1]}", peak, wall
    return stdout, peak, wall


def make_database(project: Project, rows: int, folder: Path, env: dict[str, str]) -> Path:
    """Write the synthetic database for ``rows`` rows with a project's DuckDB."""
    database = folder / f"rows-{rows}" / "synthetic.duckdb"
    database.parent.mkdir(parents=True, exist_ok=True)
    command = ["make-data", "--database", str(database), "--rows", str(rows)]
    problem = run_or_reason([str(project.python), str(DRIVER), *command], folder, env)
    if problem:
        sys.exit(f"Could not write the synthetic database: {problem}")
    return database


def measure(
    path: str,
    project: Project,
    rows: int,
    database: Path,
    out: Path,
    env: dict[str, str],
    timeout: float,
) -> Measurement:
    """Run one path on one database in the project's environment and read its figures."""
    if project.problem:
        return Measurement(path, rows, problem=project.problem)
    output = out / f"{path}-{rows}"
    shutil.rmtree(output, ignore_errors=True)
    assert project.folder is not None
    command = [
        str(project.python),
        str(DRIVER),
        "run",
        "--package",
        project.package,
        "--config",
        str(project.folder / "config.toml"),
        "--database",
        str(database),
        "--output",
        str(output),
        "--path",
        DRIVER_PATHS.get(path, "project"),
        "--launched",
        f"{time.time():.6f}",
    ]
    stdout, peak, wall = run_sampled(command, project.folder, env, timeout)
    if stdout.startswith("ERROR: "):
        return Measurement(path, rows, problem=f"the run failed: {stdout.removeprefix('ERROR: ')}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    digest = hashlib.sha256(Path(figures["table"]).read_bytes()).hexdigest()
    return Measurement(
        path,
        rows,
        startup=figures["ready"],
        wall=wall,
        peak_bytes=peak,
        stages=figures["stages"],
        csv_digest=digest,
    )


def ratio(value: float, baseline: float | None) -> str:
    """``value`` over the baseline's, or a dash when there is no baseline figure."""
    return f"{value / baseline:.2f}x" if baseline else "-"


def print_tables(results: list[Measurement]) -> None:
    """The main table, then the stages, then the not-measured reasons."""
    baselines = {m.rows: m for m in results if m.path == BASELINE and not m.problem}
    header = (
        f"{'backend':<11} {'rows':>11} {'start-up s':>10} {'wall s':>8} {'peak MiB':>9} "
        f"{'wall/pandas':>11} {'peak/pandas':>11} {'CSV = pandas':>12}"
    )
    print(header)
    print("-" * len(header))
    for m in results:
        if m.problem:
            print(f"{m.path:<11} {m.rows:>11,} not measured: {m.problem}")
            continue
        base = baselines.get(m.rows)
        same = "-" if base is None else ("yes" if m.csv_digest == base.csv_digest else "NO")
        print(
            f"{m.path:<11} {m.rows:>11,} {m.startup:>10.1f} {m.wall:>8.1f} "
            f"{m.peak_bytes / MIB:>9,.0f} {ratio(m.wall, base and base.wall):>11} "
            f"{ratio(m.peak_bytes, base and base.peak_bytes):>11} {same:>12}"
        )
    print()
    print("Seconds per stage (wall s is start-up, these, reading settings and exiting), and wall")
    print("time without the outputs stage (mostly gptables writing the workbook from pandas):")
    print(
        f"{'backend':<11} {'rows':>11} "
        + " ".join(f"{stage:>8}" for stage in STAGES)
        + f" {'wall-outputs':>12} {'/pandas':>7}"
    )
    for m in results:
        if not m.problem:
            base = baselines.get(m.rows)
            cells = " ".join(f"{m.stages.get(stage, 0.0):>8.1f}" for stage in STAGES)
            rest = without_outputs(m)
            base_rest = without_outputs(base) if base else None
            print(f"{m.path:<11} {m.rows:>11,} {cells} {rest:>12.1f} {ratio(rest, base_rest):>7}")


def without_outputs(m: Measurement) -> float:
    """Wall time less the outputs stage."""
    return m.wall - m.stages.get("outputs", 0.0)


def faster_and_leaner(results: list[Measurement], path: str, rows: int) -> str:
    """Whether ``path`` beat pandas on both wall time and peak memory at ``rows``."""
    found = {m.path: m for m in results if m.rows == rows}
    ours, base = found.get(path), found.get(BASELINE)
    if ours is None or base is None or ours.problem or base.problem:
        return "not measured"
    wall_ok, peak_ok = ours.wall < base.wall, ours.peak_bytes < base.peak_bytes
    if wall_ok and peak_ok:
        return "MET"
    missed = [name for name, ok in (("wall time", wall_ok), ("peak memory", peak_ok)) if not ok]
    return f"MISSED ({' and '.join(missed)})"


def print_expectations(results: list[Measurement], largest: int, smallest: int) -> None:
    """The expectations the decision page rests on, each with whether this run met it."""
    print()
    print(f"Expectations, judged at {largest:,} rows (the page quotes them at 10,000,000):")
    for path, why in (
        ("polars", "lazy, multi-threaded, columnar"),
        (DUCKDB_SQL, "the daily rows never leave the database"),
    ):
        verdict = faster_and_leaner(results, path, largest)
        print(f"  {path} beats pandas on wall time and peak memory ({why}): {verdict}")
    found = {m.path: m for m in results if m.rows == smallest}
    spark, base = found.get("pyspark"), found.get(BASELINE)
    if spark is None or base is None or spark.problem or base.problem:
        verdict = "not measured"
    else:
        verdict = "MET" if spark.wall > base.wall else "NOT MET (Spark was faster)"
    print(
        f"  pyspark (local mode) is slower than pandas at {smallest:,} rows, its start-up "
        f"included: {verdict}"
    )
    baselines = {m.rows: m.csv_digest for m in results if m.path == BASELINE and not m.problem}
    compared = [m for m in results if not m.problem and m.path != BASELINE and m.rows in baselines]
    different = sorted(
        {f"{m.path} at {m.rows:,}" for m in compared if m.csv_digest != baselines[m.rows]}
    )
    if not compared:
        verdict = "not measured"
    else:
        verdict = f"MISSED ({', '.join(different)})" if different else "MET"
    print(f"  every path writes byte for byte the same tidy CSV as pandas: {verdict}")


def machine_load() -> str:
    """Cores, memory and load average, for the record."""
    one, five, fifteen = os.getloadavg()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GiB; load average {one:.2f} {five:.2f} "
        f"{fifteen:.2f} (1, 5, 15 min)"
    )


def main() -> None:
    """Bake, install, make the data, measure every path and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], help="row counts to run"
    )
    parser.add_argument(
        "--backends", nargs="+", choices=PATHS, default=list(PATHS), help="paths to measure"
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"a smoke run on {QUICK_ROWS[0]:,} rows"
    )
    parser.add_argument("--keep", type=Path, help="bake into this (new) folder and keep it")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a run is stopped"
    )
    args = parser.parse_args()
    rows_list = QUICK_ROWS if args.quick else sorted(set(args.rows))
    paths = [path for path in PATHS if path in args.backends]
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine_load()}")

    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        wheelhouse = work / "wheels"
        build = [sys.executable, "-m", "uv", "build", "--wheel", "--out-dir", str(wheelhouse)]
        subprocess.run(build, cwd=REPO_ROOT, check=True, capture_output=True, env=analyst_env())
        env = analyst_env({"UV_FIND_LINKS": str(wheelhouse)})
        wanted = {BASELINE, *(path for path in paths if path in PROJECT_BACKENDS)}
        projects = {
            backend: bake_and_install(backend, work / "projects", env)
            for backend in PROJECT_BACKENDS
            if backend in wanted
        }
        projects[DUCKDB_SQL] = projects[BASELINE]  # the SQL path runs in the pandas project
        if projects[BASELINE].problem:
            sys.exit(f"The pandas project is needed for the data: {projects[BASELINE].problem}")
        results = []
        for rows in rows_list:
            database = make_database(projects[BASELINE], rows, work / "data", env)
            for path in paths:
                results.append(
                    measure(path, projects[path], rows, database, work / "out", env, args.timeout)
                )
                print(f"  measured {path} on {rows:,} rows", file=sys.stderr)

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine_load()}")
    print()
    print_tables(results)
    print_expectations(results, max(rows_list), min(rows_list))


if __name__ == "__main__":
    main()
