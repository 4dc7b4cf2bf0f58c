"""Configure logging in one place: to the console and to a timestamped file per run.

A log file beside the outputs shows what each run did (row counts, files written), which is how a
reviewer checks that outputs are as expected. Log counts and paths, never patient-level values.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
_HANDLER_MARK = "_{{ cookiecutter.package_name }}_handler"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send log messages to the console and to a new file in ``log_dir``.

    Calling it again (for example in tests) replaces the handlers it added before, so messages
    are never written twice.

    Args:
        log_dir: Folder for log files; created if missing.
        level: The lowest level of message to record.

    Returns:
        The path of this run's log file.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"pipeline_{datetime.now():%Y%m%d-%H%M%S}.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter(LOG_FORMAT)
    for handler in (logging.StreamHandler(), logging.FileHandler(log_file, encoding="utf-8")):
        handler.setFormatter(formatter)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    root.setLevel(level)
    return log_file
