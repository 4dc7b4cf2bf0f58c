"""Benchmark `nhs-rap audit` on synthetic repositories and against sp-repo-review.

Run from the repository root:

    .venv/bin/python benchmarks/audit.py                 # 100, 1k, 10k, 100k files + comparisons
    .venv/bin/python benchmarks/audit.py --sizes 100 1000 --no-compare
    .venv/bin/python benchmarks/audit.py --sizes 1000 --pip /tmp/pip   # pip's repository too
    .venv/bin/python benchmarks/audit.py --sizes 1000 --no-compare --no-huge

Targets: at most 0.5 s for 1,000 files, time growing no faster than the file count (issue 6), at
most 0.2x the time sp-repo-review takes on the same synthetic 1,000-file repository, and at most
0.35x its time on pip's own repository, a real tree with vendored code (issue 10). pip's
repository is not downloaded here (GitHub is often blocked): give a checkout with ``--pip``.
Huge files cost no more than their capped heads: the 1,000-file repository with a 3 GB Python
file and a 2 GB README added (sparse, so nothing on disk) takes at most 1.5x the time of the
same repository without them (the hostile-tree tests check the bytes read, never the time).

The size table times the audit in this process (best of several runs after a warm-up) beside the
command's wall time. The comparison runs each tool in a fresh interpreter of its own and reports
three measures: cold (imports plus the first run: what one CI step pays, less interpreter
start-up), warm (the best later run) and the command line (start-up included); the target is
judged on the cold ratio. sp-repo-review is installed from PyPI into a temporary virtual
environment with uv; the benchmark deletes everything it made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peer import analyst_env

TARGET_1K_SECONDS = 0.5
TARGET_RATIO = 0.2
TARGET_PIP_RATIO = 0.35
TARGET_HUGE_RATIO = 1.5
DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)

MODULE = '''"""Step {n} of the pipeline."""

import logging

logger = logging.getLogger(__name__)


def read_{n}(path: str) -> list[str]:
    """Read the rows for step {n}."""
    logger.info("reading %s", path)
    return [path]


def clean_{n}(rows: list[str]) -> list[str]:
    """Drop blank rows."""
    return [row for row in rows if row]


class Step{n}:
    """Step {n} as a class."""

    def run(self) -> int:
        """Run the step."""
        return len(clean_{n}(read_{n}("x")))
'''

SKELETON = {
    "pyproject.toml": (
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        '[project]\nname = "bench"\nversion = "1.0.0"\ndescription = "Benchmark."\n'
        'dependencies = ["pandas"]\n\n[project.scripts]\nbench = "bench.__main__:main"\n\n'
        "[tool.ruff]\nline-length = 100\n\n[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n'
    ),
    "README.md": (
        "# Bench\n\n## Installation\n\n```\nuv sync\n```\n\n## Usage\n\n```\n"
        "uv run python -m bench\n```\n\n## Licence\n\nMIT\n\n## Contact\n\na@example.org\n"
    ),
    "CHANGELOG.md": "# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- First.\n",
    "uv.lock": "version = 1\n",
    ".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks:\n      - id: ruff\n",
    ".github/workflows/ci.yml": (
        "on:\n  push:\n  schedule:\n    - cron: '0 6 * * 1'\njobs:\n  t:\n    steps:\n"
        "      - run: uv run ruff check\n      - run: uv run pytest\n"
    ),
    "mkdocs.yml": "site_name: Bench\n",
    "docs/methodology.md": "# Methodology\n",
    "docs/code-structure.md": "# Code structure\n",
    "src/bench/__init__.py": '"""Bench."""\n',
    "src/bench/__main__.py": (
        '"""Entry."""\n\nimport logging\n\n\ndef main() -> None:\n    """Run."""\n'
        "    logging.basicConfig(level=logging.INFO)\n"
    ),
    "tests/backtests/test_backtest.py": "def test_all():\n    assert True\n",
}


def make_repo(root: Path, files: int, *, git: bool) -> Path:
    """A repository of ``files`` files shaped like a real pipeline's: mostly data and docs, some
    code and tests, in folders of at most 100 entries."""
    for relative, text in SKELETON.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    remaining = files - len(SKELETON)
    for n in range(max(remaining, 0)):
        kind = n % 10
        folder = n // 100
        if kind == 0:
            path = root / "src/bench" / f"part{folder}" / f"step_{n}.py"
            text = MODULE.format(n=n)
        elif kind == 1:
            path = root / "tests/unit" / f"part{folder}" / f"test_step_{n}.py"
            text = f"def test_{n}():\n    assert {n} == {n}\n"
        elif kind == 2:
            path = root / "docs/pages" / f"part{folder}" / f"page_{n}.md"
            text = f"# Page {n}\n\nText.\n"
        else:
            path = root / "outputs" / f"part{folder}" / f"table_{n}.csv"
            text = "provider,count\nA,1\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for package in (root / "src/bench").glob("part*"):
        (package / "__init__.py").write_text('"""Part."""\n')
    if git:
        environment = {
            **os.environ,
            "GIT_AUTHOR_NAME": "b",
            "GIT_AUTHOR_EMAIL": "b@b",
            "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@b",
        }
        for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
            subprocess.run(command, cwd=root, check=True, env=environment, capture_output=True)
    return root


def add_huge_files(repo: Path) -> None:
    """A 3 GB Python module and a 2 GB README, both sparse: huge to read, nothing on disk."""
    with open(repo / "src/bench/huge.py", "wb") as handle:
        handle.truncate(3 * 1024**3)
    with open(repo / "README.md", "ab") as handle:
        handle.truncate(2 * 1024**3)


def best_of(function, runs: int) -> float:
    """The fastest of ``runs`` timings of ``function()``, in seconds (after one warm-up)."""
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def wall(command: list[str], repeats: int = 1) -> float:
    """Best wall time of a command over ``repeats`` runs, start-up included."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=analyst_env())
        timings.append(time.perf_counter() - started)
    return min(timings)


#: Times one tool inside a fresh interpreter: "cold" is imports plus the first run (what one CI
#: step pays, less interpreter start-up), "warm" the best later run. {setup} and {run} fill in.
TIMER = """
import sys, time
from pathlib import Path
started = time.perf_counter()
{setup}
repo = Path(sys.argv[1])
{run}
cold = time.perf_counter() - started
warm = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    {run}
    warm.append(time.perf_counter() - started)
print(cold, min(warm))
"""
OURS = {
    "setup": "from nhs_rap.audit.verdict import audit\nfrom nhs_rap.criteria import Level",
    "run": "audit(repo, Level.GOLD)",
}
THEIRS = {"setup": "from repo_review.processor import process", "run": "process(repo)"}


def timed(python: Path | str, tool: dict[str, str], repo: Path, runs: int) -> tuple[float, float]:
    """Cold and warm in-process times of one tool: the best of ``runs`` fresh interpreters.

    Each runs in an analyst's environment (bytecode cached, as on any machine after the first
    use; an untimed first interpreter writes that cache for both tools alike).
    """
    code = TIMER.format(**tool)
    colds, warms = [], []
    for _ in range(runs + 1):
        output = subprocess.run(
            [str(python), "-c", code, str(repo), str(runs)],
            check=True,
            capture_output=True,
            text=True,
            env=analyst_env(),
        ).stdout
        cold, warm = output.split()
        colds.append(float(cold))
        warms.append(float(warm))
    return min(colds[1:]), min(warms[1:])


def install_sp_repo_review(work: Path) -> Path | None:
    """A temporary virtual environment with sp-repo-review from PyPI; None if it can't be had."""
    venv = work / "sp-venv"
    uv = [sys.executable, "-m", "uv"]
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    try:
        subprocess.run([*uv, "venv", "-q", str(venv)], check=True, capture_output=True)
        subprocess.run(
            [*uv, "pip", "install", "-q", "--python", str(python), "sp-repo-review[cli]"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"sp-repo-review could not be installed ({error}); comparison skipped.")
        return None
    return python


def compare(repo: Path, python: Path, runs: int, nhs_rap: str, target: float) -> bool:
    """Print nhs-rap audit against sp-repo-review on one repository; True if the target is met."""
    ours = timed(sys.executable, OURS, repo, runs)
    theirs = timed(python, THEIRS, repo, runs)
    ours_cli = wall([nhs_rap, "audit", str(repo), "--format", "json"], runs)
    theirs_cli = wall([str(python), "-m", "repo_review", str(repo), "--format", "json"], runs)
    print(f"\nOn the {repo.name} repository: nhs-rap audit / repo-review + sp-repo-review")
    print(f"{'measure':<34} {'nhs-rap (s)':>12} {'sp (s)':>8} {'ratio':>6}")
    rows = (
        ("cold: imports + first run", ours[0], theirs[0]),
        ("warm: best later run", ours[1], theirs[1]),
        ("command line, start-up included", ours_cli, theirs_cli),
    )
    for label, mine, other in rows:
        print(f"{label:<34} {mine:>12.3f} {other:>8.3f} {mine / other:>6.2f}")
    met = ours[0] / theirs[0] <= target
    print(f"target: cold ratio <= {target}: {'met' if met else 'NOT MET'}")
    print(json.dumps({"ratios": {label: round(a / b, 3) for label, a, b in rows}}))
    return met


def time_huge_files(repo: Path, runs: int, audit, level) -> bool:
    """Print the audit's time with huge files beside its time without them; True if on target."""
    make_repo(repo, 1_000, git=False)
    plain = best_of(lambda: audit(repo, level), runs)
    add_huge_files(repo)
    huge = best_of(lambda: audit(repo, level), runs)
    met = huge / plain <= TARGET_HUGE_RATIO
    print(
        f"1,000 files plus 5 GB in two huge files: {huge:.3f} s against {plain:.3f} s without "
        f"(x{huge / plain:.2f}; target <= x{TARGET_HUGE_RATIO}: {'met' if met else 'NOT MET'})"
    )
    return met


def main() -> int:
    """Build the repositories, time the audit on each, compare with sp-repo-review."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-git", action="store_true", help="Don't make the repos git repos.")
    parser.add_argument("--no-compare", action="store_true", help="Skip sp-repo-review.")
    parser.add_argument(
        "--pip", type=Path, help="A checkout of pip's repository to compare on as well."
    )
    parser.add_argument("--no-huge", action="store_true", help="Skip the huge-files timing.")
    args = parser.parse_args()

    from nhs_rap.audit.verdict import audit
    from nhs_rap.criteria import Level

    nhs_rap = shutil.which("nhs-rap", path=str(Path(sys.executable).parent)) or "nhs-rap"
    work = Path(tempfile.mkdtemp(prefix="nhs-rap-bench-"))
    results: dict[int, tuple[float, float]] = {}
    ok = True
    try:
        print(f"{'files':>8} {'audit (s)':>10} {'per 1k (s)':>11} {'CLI wall (s)':>13}  target")
        for size in args.sizes:
            repo = make_repo(work / f"repo{size}", size, git=not args.no_git)
            seconds = best_of(lambda repo=repo: audit(repo, Level.GOLD), args.runs)
            cli = wall([nhs_rap, "audit", str(repo), "--format", "json"])
            results[size] = (seconds, cli)
            target = ""
            if size == 1_000:
                met = seconds <= TARGET_1K_SECONDS
                ok &= met
                target = f"<= {TARGET_1K_SECONDS} s: {'met' if met else 'NOT MET'}"
            print(
                f"{size:>8} {seconds:>10.3f} {seconds / size * 1000:>11.4f} {cli:>13.3f}  {target}"
            )
        sizes = sorted(results)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            growth = results[large][0] / results[small][0]
            linear = large / small
            met = growth <= linear
            ok &= met
            print(
                f"growth {small} -> {large} files: x{growth:.1f} in time for x{linear:.0f} in "
                f"files (linear or better: {'met' if met else 'NOT MET'})"
            )
        if not args.no_huge:
            ok &= time_huge_files(work / "huge", args.runs, audit, Level.GOLD)
        python = None if args.no_compare else install_sp_repo_review(work)
        if python is not None:
            repo = work / "repo1000"
            if not repo.exists():
                make_repo(repo, 1_000, git=not args.no_git)
            ok &= compare(repo, python, args.runs, nhs_rap, TARGET_RATIO)
            if args.pip is not None:
                ok &= compare(args.pip.resolve(), python, args.runs, nhs_rap, TARGET_PIP_RATIO)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
