"""Two releases of a temporary copy of this template, built as wheels into a find-links folder.

The older release is this checkout with its version set back; the newer one changes what a real
release changes: a hook's version pin, a new option, a new file, a renamed file, a line the team
is also about to edit, and a file the team owns. Both are built with ``uv build`` and served from
one folder, as an organisation's package mirror would serve them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from nhs_rap.update.copier_config import render

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT = "{{cookiecutter.project_slug}}"
OLD, NEW = "0.8.0", "0.9.0"
HOOK_PIN = ("nbstripout", "0.9.0", "0.9.1")
NEW_OPTION = ("review_cadence", ["quarterly", "monthly"])
NEW_FILE = "MAINTENANCE.md"
RENAMED = ("CODE_OF_CONDUCT.md", "CONDUCT.md")
README_LINE = "- **Status**: in development."
TEMPLATE_README_LINE = "- **Status**: in development, on template release 0.9."
TEAM_OWNED_FILE = "src/{{cookiecutter.package_name}}/processing.py"
TEMPLATE_TEAM_OWNED_EDIT = "# Added by template release 0.9.\n"


@dataclass(frozen=True)
class Releases:
    """The two template folders (as built) and the find-links folder holding their wheels."""

    old: Path
    new: Path
    links: Path


def copy_checkout(destination: Path) -> Path:
    """This checkout's files, committed or not, without git's or uv's own folders."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = REPO_ROOT / relative
        if source.is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def edit_config(template: Path, version: str, pin: str, extra_option: bool) -> None:
    """Set the release number and the hook pin; add the new option to the newer release."""
    path = template / "cookiecutter.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["_nhs_rap_version"] = version
    config["_pins"][HOOK_PIN[0]] = pin
    if extra_option:
        name, choices = NEW_OPTION
        options = {k: v for k, v in config.items() if not k.startswith("_")}
        private = {k: v for k, v in config.items() if k.startswith("_")}
        config = {**options, name: choices, **private}
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (template / "copier.yml").write_text(render(config), encoding="utf-8")


def make_newer(template: Path) -> None:
    """The template changes a release brings, each of a kind the tests check arrives."""
    project = template / PROJECT
    (project / NEW_FILE).write_text(
        "# Keeping this project up to date\n\n"
        "The team reviews new template releases {{ cookiecutter.review_cadence }}.\n",
        encoding="utf-8",
    )
    (project / RENAMED[0]).rename(project / RENAMED[1])
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert README_LINE in text
    readme.write_text(text.replace(README_LINE, TEMPLATE_README_LINE, 1), encoding="utf-8")
    owned = project / TEAM_OWNED_FILE
    owned.write_text(owned.read_text(encoding="utf-8") + TEMPLATE_TEAM_OWNED_EDIT, encoding="utf-8")


def build_wheel(source: Path, links: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "uv", "build", "--wheel", "--out-dir", str(links), str(source)],
        check=True,
        capture_output=True,
    )


def build_releases(work: Path) -> Releases:
    """Build both releases; return their template folders and the find-links folder."""
    links = work / "links"
    old = copy_checkout(work / f"source-{OLD}")
    edit_config(old, OLD, HOOK_PIN[1], extra_option=False)
    new = work / f"source-{NEW}"
    shutil.copytree(old, new)
    edit_config(new, NEW, HOOK_PIN[2], extra_option=True)
    make_newer(new)
    for source in (old, new):
        build_wheel(source, links)
    return Releases(old, new, links)
