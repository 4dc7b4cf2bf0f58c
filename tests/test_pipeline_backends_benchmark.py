"""The compute-backend benchmark's own parts that run in seconds: its command line and its meter.

The benchmark itself bakes three projects and runs millions of rows, so it is run by hand
(``benchmarks/pipeline_backends.py``); these tests keep its command line and its memory reading
working between runs.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def benchmark_module() -> ModuleType:
    """Import benchmarks/pipeline_backends.py, with its folder on the path as when it runs."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module("pipeline_backends")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("script", ["pipeline_backends.py", "backend_driver.py"])
def test_help_names_the_options(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = "--rows" if script == "pipeline_backends.py" else "make-data"
    assert expected in result.stdout


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads memory from /proc")
def test_tree_memory_counts_a_child_process() -> None:
    meter = benchmark_module()
    alone = meter.tree_rss_bytes(os.getpid())
    # The child holds 200 MiB, so the tree's reading must grow by about that much.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; b = bytearray(200 * 2**20); print(); "
            "sys.stdout.flush(); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        child.stdout.readline()  # the child has its memory once it prints
        with_child = meter.tree_rss_bytes(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert with_child - alone > 150 * 2**20
