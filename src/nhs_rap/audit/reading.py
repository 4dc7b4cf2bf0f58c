"""Read a repository's files safely: size-capped, text only, never following a path into a device.

The audit reads whatever a team points it at, including trees with binary blobs, multi-gigabyte
extracts, FIFOs and files it may not open. Every read goes through here so that one bad file
becomes "not read" rather than a crash or a hang.
"""

from __future__ import annotations

import os
import stat
from importlib.resources.abc import Traversable
from pathlib import Path

#: Largest slice of any one file the audit reads; config files and READMEs are far smaller.
MAX_TEXT_BYTES = 512 * 1024
#: How many examples of anything (unreadable folders, undocumented functions, changed files...)
#: the audit keeps for its messages: enough to act on, few enough to read in a terminal.
EXAMPLES = 5


def local_path(root: Traversable) -> Path | None:
    """Return the folder behind ``root`` if it is on this machine, else None (e.g. GitHub)."""
    return root if isinstance(root, Path) else None


def read_bytes(root: Traversable, relative: str, limit: int = MAX_TEXT_BYTES) -> bytes | None:
    """Up to ``limit`` bytes of the regular file at ``relative``, or None if it can't be read.

    Local files are opened only after ``stat`` shows a regular file, so a symlink to a FIFO or to
    ``/dev/zero`` is never opened (opening a FIFO blocks; reading a device never ends).
    """
    local = local_path(root)
    try:
        if local is not None:
            path = os.path.join(local, relative)
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as handle:
                return handle.read(limit)
        node = root.joinpath(*relative.split("/"))
        if not node.is_file():
            return None
        with node.open("rb") as handle:
            return handle.read(limit)
    except (OSError, ValueError, RecursionError):
        return None


def read_text(root: Traversable, relative: str, limit: int = MAX_TEXT_BYTES) -> str | None:
    """Return the text (bad UTF-8 replaced), or None if missing, unreadable or binary."""
    data = read_bytes(root, relative, limit)
    if data is None or b"\x00" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")
