"""The project's name, version, description, commands and dependencies, wherever it records them.

Teams package with hatch, setuptools, flit or Poetry, in ``pyproject.toml``, ``setup.cfg`` or
``setup.py``, or write an R package ``DESCRIPTION``. Each source is read as text or TOML, never
run (``setup.py`` is searched with patterns, not executed), and the first source giving a field
wins, in the order pyproject ``[project]``, ``[tool.poetry]``, setup.cfg, setup.py, DESCRIPTION.
"""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any

from nhs_rap.audit.reading import read_text
from nhs_rap.audit.settings import Pyproject
from nhs_rap.audit.walk import Tree

_SETUP_FIELD = r"""\b{field}\s*=\s*['"]([^'"]+)['"]"""
_DUNDER_VERSION = re.compile(r"""^__version__\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]""", re.M)
PACKAGE_SETTINGS = (
    ("tool", "hatch", "build", "targets", "wheel", "packages"),
    ("tool", "setuptools", "packages"),
    ("tool", "poetry", "packages"),
)
_CONSOLE_SCRIPT = re.compile(r"""['"]?([\w.-]+)\s*=\s*[\w.]+(?::[\w.]+)?['"]?""")


@dataclass(frozen=True)
class Metadata:
    """What the project says about itself, and where it said it."""

    name: str | None = None
    version: str | None = None
    version_source: str | None = None
    dynamic_version: bool = False
    #: Fields a build backend fills in (`[project].dynamic`), e.g. flit's description.
    dynamic: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None
    scripts: tuple[str, ...] = ()
    declares_dependencies: bool = False
    build_system: str | None = None
    #: Whether the build configuration says where the packages are (`packages = ...`).
    locates_packages: bool = False


def _setup_cfg(root: Traversable, tree: Tree) -> configparser.ConfigParser | None:
    if not tree.has_root_file("setup.cfg"):
        return None
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(read_text(root, "setup.cfg") or "")
    except configparser.Error:
        return None
    return parser


def _cfg(parser: configparser.ConfigParser | None, section: str, key: str) -> str | None:
    if parser is None or not parser.has_option(section, key):
        return None
    return parser.get(section, key).strip() or None


def _dunder_version(root: Traversable, tree: Tree) -> str | None:
    """``__version__ = "1.2.3"`` in a top-level package's ``__init__.py`` (flit's convention)."""
    for package in tree.packages:
        match = _DUNDER_VERSION.search(read_text(root, package, 64 * 1024) or "")
        if match:
            return match.group(1)
    return None


def _names(table: Any) -> tuple[str, ...]:
    return tuple(str(name) for name in table) if isinstance(table, dict) else ()


def read_metadata(
    root: Traversable, tree: Tree, pyproject: Pyproject, description: dict[str, str] | None
) -> Metadata:
    """Gather the project's metadata from every place a Python or R project keeps it."""
    project = pyproject.get("project")
    project = project if isinstance(project, dict) else {}
    poetry = pyproject.get("tool", "poetry")
    poetry = poetry if isinstance(poetry, dict) else {}
    cfg = _setup_cfg(root, tree)
    setup_py = (read_text(root, "setup.py") or "") if tree.has_root_file("setup.py") else ""
    r = description or {}

    def setup_field(field: str) -> str | None:
        match = re.search(_SETUP_FIELD.format(field=field), setup_py)
        return match.group(1) if match else None

    candidates: list[tuple[str, dict[str, Any]]] = [
        ("pyproject [project]", project),
        ("pyproject [tool.poetry]", poetry),
        (
            "setup.cfg",
            {key: _cfg(cfg, "metadata", key) for key in ("name", "version", "description")},
        ),
        (
            "setup.py",
            {
                "name": setup_field("name"),
                "version": setup_field("version"),
                "description": setup_field("description"),
            },
        ),
        (
            "DESCRIPTION",
            {"name": r.get("Package"), "version": r.get("Version"), "description": r.get("Title")},
        ),
    ]
    found: dict[str, str] = {}
    version_source = None
    for source, fields in candidates:
        for key in ("name", "version", "description"):
            value = fields.get(key)
            if key not in found and isinstance(value, str) and value.strip():
                found[key] = value.strip()
                if key == "version":
                    version_source = source
        if "name" in found and "source" not in found:
            found["source"] = source
    dynamic_fields = tuple(str(field) for field in project.get("dynamic") or [])
    dynamic = "version" in dynamic_fields
    if "version" not in found or found["version"].startswith("attr:"):
        dunder = _dunder_version(root, tree)
        if dunder:
            found["version"], version_source = dunder, "__version__ in the package"
    scripts = (
        _names(project.get("scripts"))
        + _names(poetry.get("scripts"))
        + tuple(
            match.group(1)
            for match in _CONSOLE_SCRIPT.finditer(
                _cfg(cfg, "options.entry_points", "console_scripts") or ""
            )
        )
    )
    console = re.search(r"console_scripts['\"]?\s*[:=]\s*\[([^\]]*)\]", setup_py)
    if console:
        scripts += tuple(match.group(1) for match in _CONSOLE_SCRIPT.finditer(console.group(1)))
    declares = bool(
        project.get("dependencies") is not None
        or pyproject.get("dependency-groups") is not None
        or poetry.get("dependencies") is not None
        or _cfg(cfg, "options", "install_requires")
        or re.search(r"\binstall_requires\s*=", setup_py)
        or r.get("Imports")
        or r.get("Depends")
    )
    build = None
    if pyproject.get("build-system", "build-backend") or pyproject.get("build-system", "requires"):
        build = "pyproject.toml [build-system]"
    else:
        build = next(
            (name for name in ("setup.py", "setup.cfg", "DESCRIPTION") if tree.has_root_file(name)),
            None,
        )
    locates = bool(
        re.search(r"\bpackages\s*=", setup_py)
        or _cfg(cfg, "options", "packages")
        or any(pyproject.get(*keys) for keys in PACKAGE_SETTINGS)
    )
    return Metadata(
        name=found.get("name"),
        version=found.get("version"),
        version_source=version_source,
        dynamic_version=dynamic,
        dynamic=dynamic_fields,
        description=found.get("description"),
        source=found.get("source"),
        scripts=tuple(dict.fromkeys(scripts)),
        declares_dependencies=declares,
        build_system=build,
        locates_packages=locates,
    )
