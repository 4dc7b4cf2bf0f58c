"""The audit agrees with a careful reading of the criteria on repositories shaped like real ones.

Each shape in ``shapes.py`` is built, committed (with its release tags) and audited at gold; every
criterion's status and the automated level must match the table there. The "synth" shape uses
Python 3.12 f-string syntax where its logging is set up, so on any interpreter S8 must pass.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from audit_repos import build
from shapes import EXPECTED, SHAPES

from nhs_rap.audit.verdict import Report, audit
from nhs_rap.audit.walk import walk
from nhs_rap.criteria import Level


def build_shape(name: str, root: Path) -> Path:
    files, tags = SHAPES[name]
    repo = build(root / name, files, git=True)
    for tag in tags:
        subprocess.run(["git", "-C", str(repo), "tag", tag], check=True, capture_output=True)
    return repo


def criteria_of(report: Report) -> dict[str, str]:
    return {criterion.id: str(criterion.status) for criterion in report.criteria}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_audit_agrees_with_the_criteria(name: str, tmp_path: Path) -> None:
    report = audit(build_shape(name, tmp_path), Level.GOLD)
    expected, level = EXPECTED[name]
    actual = criteria_of(report)
    wrong = {
        cid: (
            want,
            actual[cid],
            [c.id for c in report.checks if c.criterion == cid and c.status in {"failed", "error"}],
        )
        for cid, want in expected.items()
        if actual[cid] != want
    }
    assert wrong == {}, "criterion: (expected, actual, failing checks)"
    assert report.automated_level == level


@pytest.mark.parametrize(
    "folder", ["_vendor", "vendor", "third_party", "node_modules", "build", "myenv"]
)
def test_vendored_and_third_party_code_is_not_walked(folder: str, tmp_path: Path) -> None:
    repo = build_shape("setup-cfg", tmp_path)
    (repo / folder / "lib").mkdir(parents=True, exist_ok=True)
    (repo / folder / "lib" / "big.py").write_text("x = 1\n" * 200)
    if folder == "myenv":
        (repo / folder / "pyvenv.cfg").write_text("home = /usr\n")  # a venv by any name
    tree = walk(repo)
    assert not any(source.startswith(folder) for source in tree.python_sources)
    assert all(source.startswith(("beds/", "setup.py")) for source in tree.python_sources)
