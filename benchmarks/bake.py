"""How long does a bake take? Median over repeated runs, beside the targets and a peer.

Run from the repository root:  python -m uv run --group test python benchmarks/bake.py [--runs 7]

Measures, each as the median of --runs runs after one warm-up:
- `nhs-rap new --no-input` as an analyst runs it (a new Python process, git init and first commit);
- plain `python -m cookiecutter <template> --no-input` for our template and for the peer;
- an in-process bake through nhs-rap's own generate() (hooks' functions called in-process), which
  the in-process target applies to;
- an in-process bake through cookiecutter's Python API of our template and the peer's, and the
  share of ours spent in the pre/post-generation hooks (with hooks minus without, over with).
The peer is audreyfeldroy's cookiecutter-pypackage, the template-shipped-as-a-package model, whose
wheel on PyPI carries its template; it is installed into a temporary folder with uv.
Targets on a 2-core machine: CLI bake <= 0.75 s median, in-process <= 0.3 s.
The bakes skip the post-generation `uv lock` (NHS_RAP_NO_LOCK), which waits on the package index,
not on the template; that step is timed on its own, resolving nhs-rap from a wheel of this
checkout with uv's cache warm, and reported beside the targets rather than against them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cookiecutter.main import cookiecutter
from peer import PEER, analyst_env, install_peer_template

from nhs_rap.new import generate
from nhs_rap.template import load_hook, template_dir

CLI_TARGET_S = 0.75
IN_PROCESS_TARGET_S = 0.3


@contextlib.contextmanager
def hooks_silenced() -> Iterator[None]:
    """Send the hooks' "next steps" (printed by subprocesses) to the null device while timing."""
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def median_seconds(action: Callable[[Path], None], runs: int) -> float:
    """Median wall time of ``action`` over ``runs`` runs into fresh folders, after a warm-up."""
    timings = []
    for run in range(runs + 1):
        with tempfile.TemporaryDirectory() as folder, hooks_silenced():
            start = time.perf_counter()
            action(Path(folder))
            elapsed = time.perf_counter() - start
        if run:  # the first run warms caches and is not counted
            timings.append(elapsed)
    return statistics.median(timings)


def run_quietly(command: list[str]) -> None:
    """Run a command, failing loudly if it fails."""
    subprocess.run(command, check=True, capture_output=True, env=analyst_env())


def lock_seconds(runs: int) -> float:
    """Median time of the post-generation lock step on fresh projects, the index answering."""
    post_gen = load_hook("post_gen_project")
    timings = []
    with tempfile.TemporaryDirectory() as wheelhouse:
        build = [sys.executable, "-m", "uv", "build", "--wheel", "--out-dir", wheelhouse]
        subprocess.run([*build, str(template_dir())], check=True, capture_output=True)
        for run in range(runs + 1):
            with tempfile.TemporaryDirectory() as folder, hooks_silenced():
                project = generate({"init_git": "no"}, Path(folder), no_input=True)
                os.environ.pop(post_gen.SKIP_LOCK_VARIABLE)
                os.environ["UV_FIND_LINKS"] = wheelhouse
                try:
                    start = time.perf_counter()
                    result = post_gen.lock_dependencies(project)
                    elapsed = time.perf_counter() - start
                finally:
                    os.environ[post_gen.SKIP_LOCK_VARIABLE] = "1"
                    del os.environ["UV_FIND_LINKS"]
            if not result.locked:
                sys.exit(f"uv lock failed: {result.reason}")
            if run:  # the first run warms caches and is not counted
                timings.append(elapsed)
    return statistics.median(timings)


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    os.environ[load_hook("post_gen_project").SKIP_LOCK_VARIABLE] = "1"
    ours = template_dir()
    beside_python = Path(sys.executable).with_name("nhs-rap")
    nhs_rap = str(beside_python) if beside_python.exists() else shutil.which("nhs-rap")
    if nhs_rap is None:
        sys.exit("nhs-rap is not installed in this environment: run through `python -m uv run`.")

    with tempfile.TemporaryDirectory() as peer_folder:
        peer = install_peer_template(Path(peer_folder))
        figures = {
            "nhs-rap new (CLI, with git)": median_seconds(
                lambda out: run_quietly([nhs_rap, "new", "--no-input", "-o", str(out)]), runs
            ),
            "cookiecutter CLI, ours": median_seconds(
                lambda out: run_quietly(
                    [sys.executable, "-m", "cookiecutter", str(ours), "--no-input", "-o", str(out)]
                ),
                runs,
            ),
            "cookiecutter CLI, peer": median_seconds(
                lambda out: run_quietly(
                    [sys.executable, "-m", "cookiecutter", str(peer), "--no-input", "-o", str(out)]
                ),
                runs,
            ),
            "in-process, nhs-rap (hooks in-process)": median_seconds(
                lambda out: generate({}, out, no_input=True), runs
            ),
            "in-process, ours": median_seconds(
                lambda out: cookiecutter(str(ours), no_input=True, output_dir=str(out)), runs
            ),
            "in-process, ours without hooks": median_seconds(
                lambda out: cookiecutter(
                    str(ours), no_input=True, output_dir=str(out), accept_hooks=False
                ),
                runs,
            ),
            "in-process, peer": median_seconds(
                lambda out: cookiecutter(str(peer), no_input=True, output_dir=str(out)), runs
            ),
        }

    print(f"Bake times, median of {runs} runs (seconds); peer: {PEER}")
    for name, seconds in figures.items():
        print(f"  {name:<40} {seconds:6.3f}")
    cli = figures["nhs-rap new (CLI, with git)"]
    in_process = figures["in-process, nhs-rap (hooks in-process)"]
    with_hooks = figures["in-process, ours"]
    hooks_share = (with_hooks - figures["in-process, ours without hooks"]) / with_hooks
    print(
        f"CLI bake:        {cli:.3f} s (target <= {CLI_TARGET_S} s) "
        f"{'OK' if cli <= CLI_TARGET_S else 'MISSED'}"
    )
    print(
        f"In-process bake: {in_process:.3f} s (target <= {IN_PROCESS_TARGET_S} s) "
        f"{'OK' if in_process <= IN_PROCESS_TARGET_S else 'MISSED'}"
    )
    print(f"Share in hooks:  {hooks_share:.0%} (plain cookiecutter, hooks as subprocesses)")
    ratio = figures["cookiecutter CLI, ours"] / figures["cookiecutter CLI, peer"]
    print(f"Ratio to peer:   {ratio:.2f}x (cookiecutter CLI, same runner, same run)")
    lock = lock_seconds(runs)
    print(f"Lock step:       {lock:.3f} s (uv lock, index answering, cache warm; no target)")


if __name__ == "__main__":
    main()
