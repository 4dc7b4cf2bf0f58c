"""What the bake benchmarks share: an analyst's environment and the peer template they race.

The peer is audreyfeldroy's cookiecutter-pypackage, the template-shipped-as-a-package model,
whose wheel on PyPI carries its template.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PEER = "cookiecutter-pypackage==0.3.1"


def analyst_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """An analyst's environment: bytecode cached (this machine turns that off), no outer venv.

    uv may not download interpreters: that would come from GitHub, which NHS proxies block.
    """
    skip = {"PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV"}
    env = {key: value for key, value in os.environ.items() if key not in skip}
    return {**env, "UV_PYTHON_DOWNLOADS": "never", **(extra or {})}


def install_peer_template(target: Path) -> Path:
    """Install the peer's wheel into ``target`` with uv and return its template folder."""
    command = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run(
        [*command, "--target", str(target), PEER],
        check=True,
        capture_output=True,
        env=analyst_env(),
    )
    return target / "cookiecutter_pypackage" / "template"
