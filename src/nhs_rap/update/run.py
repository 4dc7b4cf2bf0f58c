"""Bring a project up to a later template release on a new branch, or say whether it is behind.

The steps, each in its own module: read the recorded release and answers (:mod:`.recorded`),
fetch both releases from the package index (:mod:`.releases`), bake each with the answers
(:mod:`.render`), and merge the difference into the team's work (:mod:`.merge`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nhs_rap.update import merge
from nhs_rap.update.recorded import COPIER_ANSWERS, Origin, from_copier, read_origin
from nhs_rap.update.releases import fetch_template, latest_release, release_key
from nhs_rap.update.render import (
    Asker,
    ask_new_options,
    new_options,
    release_config,
    render_release,
)

Say = Callable[[str], None]


class UpdateRefusedError(Exception):
    """The update cannot start as asked; the message says why and what to do."""


@dataclass(frozen=True)
class UpdateOutcome:
    """Where the update went and what, if anything, the analyst must resolve."""

    branch: str | None
    conflicted: list[str]


def branch_name(release: str) -> str:
    """The branch an update to ``release`` is made on."""
    return f"nhs-rap-update-{release}"


def commit_message(origin: Origin, target: str) -> str:
    """The message of the update commit, for the history and the pull request."""
    return (
        f"Update the project template from nhs-rap {origin.release} to {target}\n\n"
        "Made by `nhs-rap update`: the changes between the two template releases, merged into "
        "this project's own work."
    )


def team_owned(*templates: Path) -> list[str]:
    """The paths the update never changes, as every release involved lists them."""
    patterns: list[str] = []
    for template in templates:
        for pattern in release_config(template).get("_team_owned", []):
            if pattern not in patterns:
                patterns.append(pattern)
    return patterns


def choose_target(origin: Origin, target: str | None, work: Path) -> str:
    """The release to update to: the one asked for, else the newest on the index."""
    chosen = target or latest_release(work)
    if release_key(chosen) < release_key(origin.release):
        raise UpdateRefusedError(
            f"The project is on nhs-rap {origin.release}, newer than {chosen}; "
            "nhs-rap update only moves forward."
        )
    return chosen


def check(project: Path, say: Say) -> bool:
    """Report whether the project is on the newest release; True when it is."""
    origin = read_origin(project)
    with tempfile.TemporaryDirectory(prefix="nhs-rap-check-") as work:
        latest = latest_release(Path(work))
    if release_key(latest) > release_key(origin.release):
        say(
            f"This project is on template release {origin.release}; {latest} is out. "
            "Run `nhs-rap update` to move to it on a new branch."
        )
        return False
    say(f"This project is on template release {origin.release}, the newest.")
    return True


def update(project: Path, target: str | None, ask: Asker | None, say: Say) -> UpdateOutcome:
    """Apply the template's changes from the recorded release to ``target`` on a new branch."""
    merge.require_clean_repository(project)
    origin = read_origin(project)
    with tempfile.TemporaryDirectory(prefix="nhs-rap-update-") as scratch:
        work = Path(scratch)
        release = choose_target(origin, target, work)
        if release == origin.release:
            say(f"This project is already on template release {release}; nothing to do.")
            return UpdateOutcome(None, [])
        say(f"Fetching template releases {origin.release} and {release} from the package index...")
        old_template = fetch_template(origin.release, work)
        new_template = fetch_template(release, work)
        answers = dict(origin.answers)
        if ask is not None:
            answers = ask_new_options(new_template, answers, ask)
        added = new_options(new_template, origin.answers)
        old_render = render_release(old_template, origin.answers, work / "old")
        new_render = render_release(new_template, answers, work / "new")
        owned = team_owned(old_template, new_template)
        old_tree, old_commit = merge.snapshot(
            project, old_render, f"nhs-rap template {origin.release}", owned
        )
        new_tree, new_commit = merge.snapshot(
            project, new_render, f"nhs-rap template {release}", owned, parent=old_commit
        )
        given = from_copier(new_render / COPIER_ANSWERS).answers if added else {}
    say(f"\nWhat template release {release} changes in this project:")
    say(merge.diff_stat(project, old_commit, new_commit) or "  (nothing outside your own files)")
    if added:
        recorded = ", ".join(f"{name}={given.get(name, '')!r}" for name in added)
        say(f"New options, recorded with these answers: {recorded}")
    left_alone = merge.changed_paths(project, old_tree, new_tree, owned)
    if left_alone:
        say("\nNot applied, because your team owns these files (compare and copy by hand):")
        say("\n".join(f"  {line}" for line in left_alone))
        say(f"  To see the template's change: git diff {old_tree} {new_tree} -- <path>")
    branch = branch_name(release)
    merge.start_branch(project, branch)
    try:
        result = merge.apply(project, new_commit, commit_message(origin, release))
    except merge.GitError:
        merge.abandon_branch(project, branch)
        raise
    return UpdateOutcome(branch, result.conflicted)
