"""Every compute backend provides the same modules, tests and docs page, and each is used.

A backend's files are Jinja partials in ``templates/backends/<backend>/``, at the paths they take
in a project; the project file at that path only includes the chosen backend's partial. A partial
one backend lacks would fail that backend's bake, and one no project file includes is dead.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.bakery import PROJECT_TEMPLATE, TEMPLATE_ROOT, choice_options

BACKENDS = TEMPLATE_ROOT / "templates" / "backends"
PACKAGE_FOLDER = "src/{{cookiecutter.package_name}}/"
STUB = re.compile(
    r'\{% include "backends/" ~ cookiecutter\.compute_backend ~ "/(?P<partial>[^"]+)" %\}'
)


def partials(backend: str) -> set[str]:
    folder = BACKENDS / backend
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def project_path(partial: str) -> Path:
    """Where a partial lands in the project: ``src/x.py`` is the package's ``x.py``."""
    relative = partial.replace("src/", PACKAGE_FOLDER, 1) if partial.startswith("src/") else partial
    return PROJECT_TEMPLATE / relative


def test_there_is_a_folder_for_each_backend_and_no_other():
    folders = {path.name for path in BACKENDS.iterdir() if path.is_dir()}
    assert folders == set(choice_options()["compute_backend"])


def test_every_backend_provides_the_same_partials():
    expected = partials("pandas")
    for backend in choice_options()["compute_backend"]:
        assert partials(backend) == expected, f"{backend} differs from pandas"


def test_each_partial_is_included_by_its_project_file_and_nothing_else():
    for partial in partials("pandas"):
        stub = project_path(partial)
        assert stub.is_file(), f"no project file includes {partial}"
        match = STUB.fullmatch(stub.read_text(encoding="utf-8"))
        assert match, f"{stub} must hold only the include of the chosen backend's partial"
        assert match["partial"] == partial
