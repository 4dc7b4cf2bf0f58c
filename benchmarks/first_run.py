"""From bake to green tests: how long a new analyst waits, with uv's download cache warm.

Run from the repository root:  python -m uv run --group test python benchmarks/first_run.py

Bakes a default project, then times `uv sync` + `uv run pytest` (target <= 20 s with a warm uv
cache), and `pre-commit run --all-files` on its first run (hook environments built from PyPI into
an empty pre-commit home) and on a second run. nhs-rap, which generated projects pin, comes from a
wheel built from this checkout, as it will come from PyPI. The same bake-to-green-tests figure is
measured for the peer, audreyfeldroy's cookiecutter-pypackage (its template ships on PyPI), in the
same run. One warm-up round fills uv's cache first; the figures are the medians of --runs rounds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cookiecutter.main import cookiecutter
from peer import PEER, analyst_env, install_peer_template

from nhs_rap.template import template_dir

TARGET_S = 20.0
REPO_ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run ``command`` and return its wall time; fail loudly if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def bake(template: Path, out: Path) -> Path:
    """Bake ``template`` with its defaults into ``out`` and return the project folder."""
    return Path(cookiecutter(str(template), no_input=True, output_dir=str(out)))


def bake_to_green_tests(template: Path, env: dict[str, str], sync: list[str]) -> float:
    """Seconds from an empty folder to a passing test run of a freshly baked project."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        project = bake(template, Path(folder))
        timed([sys.executable, "-m", "uv", *sync], project, env)
        timed([sys.executable, "-m", "uv", "run", "--no-sync", "pytest", "-q"], project, env)
        return time.perf_counter() - start


def file_count(template: Path) -> int:
    """How many files a default project has, outside .git."""
    with tempfile.TemporaryDirectory() as folder:
        project = bake(template, Path(folder))
        return sum(1 for p in project.rglob("*") if p.is_file() and ".git" not in p.parts)


def pre_commit_times(template: Path, env: dict[str, str]) -> tuple[float, float]:
    """First (cold hook environments) and second run of pre-commit on a fresh project."""
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as home:
        project = bake(template, Path(folder))
        env = {**env, "PRE_COMMIT_HOME": home}
        timed([sys.executable, "-m", "uv", "sync"], project, env)
        timed(["git", "add", "--all"], project, env)
        command = [
            sys.executable,
            "-m",
            "uv",
            "run",
            "--no-sync",
            "pre-commit",
            "run",
            "--all-files",
        ]
        return timed(command, project, env), timed(command, project, env)


def main() -> None:
    """Measure and print the figures beside their targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as wheelhouse, tempfile.TemporaryDirectory() as peer_dir:
        timed(
            [sys.executable, "-m", "uv", "build", "--out-dir", wheelhouse],
            REPO_ROOT,
            analyst_env(),
        )
        env = analyst_env({"UV_FIND_LINKS": wheelhouse, "PIP_FIND_LINKS": wheelhouse})
        peer = install_peer_template(Path(peer_dir))
        ours = template_dir()
        peer_sync = ["sync", "--all-extras"]
        for template, sync in ((ours, ["sync"]), (peer, peer_sync)):  # warm uv's cache
            bake_to_green_tests(template, env, sync)
        our_times = [bake_to_green_tests(ours, env, ["sync"]) for _ in range(runs)]
        peer_times = [bake_to_green_tests(peer, env, peer_sync) for _ in range(runs)]
        first, second = pre_commit_times(ours, env)
        files = file_count(ours)

    ours_s, peer_s = statistics.median(our_times), statistics.median(peer_times)
    verdict = "OK" if ours_s <= TARGET_S else "MISSED"
    print(
        f"Bake to green tests (warm uv cache), median of {runs}: {ours_s:.1f} s "
        f"(target <= {TARGET_S:.0f} s) {verdict}"
    )
    print(f"Peer {PEER}, same measure: {peer_s:.1f} s; ratio ours/peer {ours_s / peer_s:.2f}x")
    print(
        f"pre-commit run --all-files: first run {first:.1f} s (hook environments built), "
        f"second run {second:.1f} s"
    )
    print(f"Files in a default project (outside .git): {files}")


if __name__ == "__main__":
    main()
