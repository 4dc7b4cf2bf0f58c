"""Read which template release made a project, and with which answers.

Every project records this twice, whichever way it was made: ``.copier-answers.yml`` (copier's
answers file) and ``.cruft.json`` (for teams that use cruft). Copier's file is read first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from nhs_rap.template import option_names

COPIER_ANSWERS = ".copier-answers.yml"
CRUFT_FILE = ".cruft.json"


class NoRecordError(Exception):
    """The project does not say which release made it; the message says how to record it."""


@dataclass(frozen=True)
class Origin:
    """The release that made (or last updated) a project, and every answer it was given."""

    release: str
    answers: dict[str, str]
    recorded_in: str


def release_from_tag(tag: object) -> str:
    """``v0.2.0`` (a git tag, as copier records it) -> ``0.2.0`` (the nhs-rap release)."""
    return str(tag).strip().removeprefix("v")


def from_copier(path: Path) -> Origin:
    """The origin as copier's answers file records it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "_commit" not in data:
        raise NoRecordError(f"{path.name} has no _commit line naming the template release.")
    answers = {str(k): str(v) for k, v in data.items() if not str(k).startswith("_")}
    return Origin(release_from_tag(data["_commit"]), answers, path.name)


def from_cruft(path: Path) -> Origin:
    """The origin as cruft records it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    context = data.get("context", {}).get("cookiecutter", {})
    if not data.get("commit"):
        raise NoRecordError(f"{path.name} has no commit naming the template release.")
    answers = {str(k): str(v) for k, v in context.items() if not str(k).startswith("_")}
    return Origin(release_from_tag(data["commit"]), answers, path.name)


def read_origin(project: Path) -> Origin:
    """The project's recorded origin, or a message on how to record it."""
    for name, reader in ((COPIER_ANSWERS, from_copier), (CRUFT_FILE, from_cruft)):
        path = project / name
        if path.is_file():
            try:
                return reader(path)
            except (yaml.YAMLError, json.JSONDecodeError) as error:
                raise NoRecordError(
                    f"{name} cannot be read ({error}); restore it from git."
                ) from error
    raise NoRecordError(
        f"This project records no template release or answers (no {COPIER_ANSWERS} or "
        f"{CRUFT_FILE}), so nhs-rap cannot tell what to update from. Create {COPIER_ANSWERS} "
        "with a line `_commit: v0.1.0` naming the release that made it (the nhs-rap version "
        "pinned in .pre-commit-config.yaml) and a line `name: value` for each answer you gave "
        f"({', '.join(option_names())}), commit it, then run `nhs-rap update` again."
    )
