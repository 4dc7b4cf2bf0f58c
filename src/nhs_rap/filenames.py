"""How a file's name ends: the one place the audit and the guard split a name into its endings.

There are two readings, each for a reason, and both are here so neither is written twice:

- :func:`name_endings` reads a name the way a ``*.csv`` pattern in ``.gitignore`` matches it. The
  guard uses it, so the file the template's ``.gitignore`` keeps out of git as data is the file
  the guard reports as data: a file called ``.csv`` counts as CSV, and ``.env`` ends in ``env``.
- :func:`suffix` reads it as :attr:`pathlib.PurePath.suffix` does, in lower case: a name whose
  only dot is its first character has no suffix. The audit counts languages by it, so a dotfile
  such as ``.Rprofile`` is configuration, not R code.

This module imports nothing of the package, so the audit and the guard can both use it without
importing each other.
"""

from __future__ import annotations


def name_endings(path: str) -> list[str]:
    """Return the lower-case endings of a path's file name, outermost last, without dots.

    ``data/Extract.CSV.gz`` -> ``["csv", "gz"]``; ``.env`` -> ``["env"]``; ``README`` -> ``[]``.
    """
    return path.rsplit("/", 1)[-1].lower().split(".")[1:]


def suffix(name: str) -> str:
    """Return a file name's last ending in lower case with its dot (``.py``), or ``""``."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""
