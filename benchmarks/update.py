"""How long does `nhs-rap update` take? Median over repeated runs, beside the target and a peer.

Run from the repository root:  python -m uv run --group test python benchmarks/update.py [--runs 3]

Builds two releases of a temporary copy of this template as wheels in a find-links folder (as the
update tests do, not timed), makes a project from the older one with copier and commits a team
change, then times, on fresh copies of that project:
- `nhs-rap update --defaults` as an analyst runs it: two `pip download`s from the find-links
  folder, two bakes, the merge and the commit;
- the peer, `copier update --defaults --trust` to the same release, with the template served as a
  local git repository tagged per release (copier's own way, which needs the template's git
  history; `_src_path` is pointed at that repository).
Target on a 2-core machine: an update <= 15 s median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import copier
from peer import analyst_env

from nhs_rap.template import template_config
from tests.update.template_releases import NEW, OLD, build_releases

TARGET_S = 15.0
IDENTITY = {
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
}


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, env=analyst_env(IDENTITY)
    )


def tagged_template(releases, folder: Path) -> Path:
    """The two release sources as one git repository with a tag each, as copier wants them."""
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    for version, source in ((OLD, releases.old), (NEW, releases.new)):
        for child in folder.iterdir():
            if child.name != ".git":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(source, folder, dirs_exist_ok=True)
        git(folder, "add", "--all")
        git(folder, "commit", "-q", "-m", f"Release {version}")
        git(folder, "tag", f"v{version}")
    return folder


def base_project(template_repo: Path, folder: Path) -> Path:
    """A copier-made project on the older release, with a committed team change."""
    project = folder / "bed-occupancy"
    copier.run_copy(
        str(template_repo),
        str(project),
        vcs_ref=f"v{OLD}",
        data={"project_name": "Bed occupancy"},
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    pyproject = project / "pyproject.toml"
    pandas = f'"pandas{template_config()["_runtime_dependencies"]["pandas"]}'
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace(f'{pandas}"', f'{pandas},<4"'), encoding="utf-8")
    git(project, "commit", "-q", "-am", "Team work")
    return project


def pointed_at(base: Path, template_repo: Path, folder: Path) -> Path:
    """A copy of ``base`` whose answers name the local template repository, for copier's update."""
    project = folder / base.name
    shutil.copytree(base, project, symlinks=True)
    answers = project / ".copier-answers.yml"
    lines = [
        f'_src_path: "{template_repo}"' if line.startswith("_src_path:") else line
        for line in answers.read_text(encoding="utf-8").splitlines()
    ]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Use the local template repository")
    return project


def timed(command: list[str], project: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def median_of(runs: int, base: Path, work: Path, command: list[str], env: dict[str, str]) -> float:
    times = []
    for run in range(runs + 1):  # the first run warms the caches and is not counted
        project = work / f"run-{len(list(work.iterdir()))}"
        shutil.copytree(base, project, symlinks=True)
        elapsed = timed(command, project, env)
        if run:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="nhs-rap-update-bench-") as scratch:
        work = Path(scratch)
        releases = build_releases(work / "releases")
        template_repo = tagged_template(releases, work / "template-repo")
        base = base_project(template_repo, work / "base")
        env = analyst_env({"PIP_FIND_LINKS": str(releases.links), "PIP_NO_INDEX": "1", **IDENTITY})
        (work / "runs").mkdir()
        ours = median_of(
            runs,
            base,
            work / "runs",
            [sys.executable, "-m", "nhs_rap", "update", "--defaults"],
            env,
        )
        peer_command = [
            sys.executable,
            "-m",
            "copier",
            "update",
            "--defaults",
            "--trust",
            "--quiet",
        ]
        peer_base = pointed_at(base, template_repo, work / "peer-base")
        peer = median_of(
            runs, peer_base, work / "runs", [*peer_command, "--vcs-ref", f"v{NEW}"], env
        )
    print(f"nhs-rap update {OLD} -> {NEW}: {ours:.2f} s median of {runs} (target <= {TARGET_S} s)")
    print(f"copier update (peer, local git template): {peer:.2f} s median of {runs}")
    print(f"ratio nhs-rap update / copier update: {ours / peer:.2f}")
    if ours > TARGET_S:
        raise SystemExit("nhs-rap update is slower than its target")


if __name__ == "__main__":
    main()
