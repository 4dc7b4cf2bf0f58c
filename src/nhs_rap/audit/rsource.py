"""Measure a repository's R code from its text: functions defined and logging used.

R pipelines meet S4 (reusable functions) and S8 (logging) in their own way: functions assigned
with ``<- function(...)`` (often kept in ``R/`` or ``utilities/``), and logging through the
logger, futile.logger or log4r packages. The files are read, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import read_text

MAX_SOURCE_BYTES = 512 * 1024
_FUNCTION = re.compile(r"(?:<-|<<-|=)\s*(?:function\s*\(|\\\()")
_LOGGING_PACKAGES = r"logger|futile\.logger|log4r|logging|lgr"
_USES_LOGGING = re.compile(
    rf"\b(?:library|require|requireNamespace)\(\s*['\"]?(?:{_LOGGING_PACKAGES})['\"]?\s*[,)]|"
    rf"\b(?:{_LOGGING_PACKAGES})::|\blog_(?:info|warn|error|debug|success)\(|\bflog\.\w+\("
)
_CONFIGURES_LOGGING = re.compile(
    r"\b(?:log_appender|log_threshold|log_layout|flog\.appender|flog\.threshold|create\.logger|"
    r"logger\s*\(|basicConfig|addHandler)\s*\(|appender_file\s*\(|file_appender\s*\("
)


@dataclass(frozen=True)
class RFacts:
    """What reading the repository's own R (not its tests) showed."""

    files_read: int = 0
    functions: int = 0
    uses_logging: bool = False
    configures_logging: tuple[str, ...] = ()


def analyse_r(root: Traversable, sources: Iterable[str]) -> RFacts:
    """Read each R file and add up its function definitions and logging calls."""
    files = functions = 0
    uses_logging = False
    configures: list[str] = []
    for relative in sources:
        text = read_text(root, relative, MAX_SOURCE_BYTES)
        if text is None:
            continue
        files += 1
        code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        functions += len(_FUNCTION.findall(code))
        if _USES_LOGGING.search(code):
            uses_logging = True
            if _CONFIGURES_LOGGING.search(code) and len(configures) < 5:
                configures.append(relative)
    return RFacts(files, functions, uses_logging, tuple(configures))
