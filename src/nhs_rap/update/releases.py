"""Fetch a release of the template from the package index, as the ``nhs-rap`` wheel that carries it.

Every release of the template is a release of ``nhs-rap`` on PyPI, so ``pip download
nhs-rap==X`` fetches it through whatever index the analyst's pip already uses (an NHS proxy, an
organisation's mirror, ``PIP_INDEX_URL`` or ``PIP_FIND_LINKS``); GitHub is never contacted.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

PACKAGE = "nhs-rap"
TEMPLATE_IN_WHEEL = "nhs_rap/template"
RELEASE_PATTERN = re.compile(r"^\d+(\.\d+)*$")
WHEEL_VERSION = re.compile(r"^nhs_rap-(?P<version>[^-]+)-")


class ReleaseError(Exception):
    """A release could not be fetched or read; the message says what to do."""


def release_key(version: str) -> tuple[int, ...]:
    """Sortable form of a release number such as ``0.10.2``."""
    if not RELEASE_PATTERN.match(version):
        raise ReleaseError(f"{version!r} is not a release number such as 0.2.0.")
    return tuple(int(part) for part in version.split("."))


def pip_command() -> list[str]:
    """A pip to download with: this Python's, else one on PATH, else uv's copy of pip from PyPI.

    Environments made by uv have no pip, but uv can run pip from the same index.
    """
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    for name in ("pip3", "pip"):
        found = shutil.which(name)
        if found:
            return [found]
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv", "tool", "run", "--from", "pip", "pip"]
    if shutil.which("uv"):
        return ["uv", "tool", "run", "--from", "pip", "pip"]
    raise ReleaseError("pip is needed to fetch template releases: run `python -m pip install pip`.")


def download(requirement: str, folder: Path) -> Path:
    """Download the wheel for ``requirement`` (e.g. ``nhs-rap==0.2.0``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        *pip_command(),
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--disable-pip-version-check",
        "--quiet",
        "--dest",
        str(folder),
        requirement,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("nhs_rap-*.whl"))
    if result.returncode != 0 or not wheels:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else "no wheel was found"
        raise ReleaseError(
            f"Could not download {requirement} from your package index ({reason}); "
            "check that pip can reach PyPI or your organisation's mirror."
        )
    return wheels[-1]


def wheel_version(wheel: Path) -> str:
    """The release a wheel holds, from its file name."""
    match = WHEEL_VERSION.match(wheel.name)
    if not match:
        raise ReleaseError(f"{wheel.name} is not an nhs-rap wheel.")
    return match["version"]


def latest_release(work: Path) -> str:
    """The newest release of the template on the package index."""
    return wheel_version(download(PACKAGE, work / "latest"))


def fetch_template(version: str, work: Path) -> Path:
    """The template folder of release ``version``, unpacked from its wheel under ``work``."""
    wheel = download(f"{PACKAGE}=={version}", work / f"wheel-{version}")
    unpacked = work / f"release-{version}"
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith(f"{TEMPLATE_IN_WHEEL}/")]
        archive.extractall(unpacked, members)
    template = unpacked / TEMPLATE_IN_WHEEL
    if not (template / "cookiecutter.json").is_file():
        raise ReleaseError(f"The nhs-rap {version} wheel carries no template.")
    return template
