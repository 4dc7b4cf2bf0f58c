"""Measure a repository's Python from its text: docstrings, functions, top-level logic, logging.

The code is read, never imported or run, so auditing a pipeline can't trigger its side effects
(reading patient data, writing outputs) or execute anything hostile.

It is read line by line (statements found by indentation, keywords, brackets and string
quotes) rather than with :mod:`ast`, for two reasons. The verdict must not depend on which
Python runs the audit: ``ast`` on 3.11 rejects code that 3.12 accepts (PEP 701 f-strings), and
this reader takes any grammar version. And it is over twice as quick as parsing, which is most
of an audit's time on a large repository. The tests hold its totals to ``ast``'s on real code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import EXAMPLES, read_text

#: Python files larger than this are generated or data, not code a person maintains.
MAX_SOURCE_BYTES = 1024 * 1024
_LOGGING_MODULES = frozenset({"logging", "loguru", "structlog"})
_GETS_LOGGER = re.compile(r"\b(getLogger|get_logger)\s*\(")
_SETS_UP_LOGGING = re.compile(
    r"\b(basicConfig|dictConfig|fileConfig|addHandler)\s*\(|\bstructlog\.configure\s*\("
)
_LOGURU_ADD = re.compile(r"\blogger\.add\s*\(")


@dataclass(frozen=True)
class PythonFacts:
    """What parsing the repository's own Python (not its tests) showed."""

    files_parsed: int = 0
    unparsed: tuple[str, ...] = ()
    unparsed_count: int = 0
    public_definitions: int = 0
    documented: int = 0
    undocumented: tuple[str, ...] = ()
    definitions: int = 0
    statements: int = 0
    top_level_logic: int = 0
    logic_examples: tuple[str, ...] = ()
    imports_logging: bool = False
    gets_logger: bool = False
    configures_logging: tuple[str, ...] = ()

    @property
    def docstring_coverage(self) -> float | None:
        """Share of public functions and classes with a docstring; None if there are none."""
        if not self.public_definitions:
            return None
        return self.documented / self.public_definitions

    @property
    def top_level_share(self) -> float | None:
        """Share of statements that run at import time outside any function; None if no code."""
        if not self.statements:
            return None
        return self.top_level_logic / self.statements


class _Totals:
    """Mutable running totals across files, frozen into :class:`PythonFacts` (same names)."""

    def __init__(self) -> None:
        """Start with one empty attribute per field of :class:`PythonFacts` (lists for tuples)."""
        for item in fields(PythonFacts):
            setattr(self, item.name, [] if isinstance(item.default, tuple) else item.default)

    def freeze(self) -> PythonFacts:
        """Return the totals as :class:`PythonFacts`, examples kept in the order found."""
        values = {item.name: getattr(self, item.name) for item in fields(PythonFacts)}
        frozen = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return PythonFacts(**frozen)  # type: ignore[arg-type]


def _analyse_files(root: Traversable, sources: list[str]) -> _Totals:
    """Parse each source file in turn and add up what it shows."""
    totals = _Totals()
    for relative in sources:
        text = read_text(root, relative, MAX_SOURCE_BYTES + 1)
        if text is None or len(text) > MAX_SOURCE_BYTES:
            totals.unparsed_count += 1  # binary or huge: not code a person maintains
            if len(totals.unparsed) < EXAMPLES:
                totals.unparsed.append(relative)
            continue
        totals.files_parsed += 1
        _measure_lines(text, relative, totals)
    return totals


def analyse(root: Traversable, sources: Iterable[str]) -> PythonFacts:
    """Parse the source files and add up what they show."""
    return _analyse_files(root, list(sources)).freeze()


def _note_logging_calls(text: str, relative: str, totals: _Totals, *, loguru: bool) -> None:
    """Find logger creation and logging set-up in the text, cheap substring tests first.

    Walking every expression node would cost several times the parse; most files have neither.
    """
    if not totals.gets_logger and (loguru or ("_logger" in text or "getLogger" in text)):
        totals.gets_logger = bool(loguru or _GETS_LOGGER.search(text))
    may_configure = "Config" in text or "addHandler" in text or "configure" in text
    if (
        len(totals.configures_logging) < EXAMPLES
        and (may_configure or loguru)
        and (_SETS_UP_LOGGING.search(text) or (loguru and _LOGURU_ADD.search(text)))
        and relative not in totals.configures_logging
    ):
        totals.configures_logging.append(relative)


_DEF_LINE = re.compile(r"^(?:async\s+)?(def|class)\s+(\w+)")
_GUARDED_BLOCK = re.compile(r"^(?:if\b(?! __name__\b)|try\s*:)")
_DECLARATION_LINE = re.compile(
    r"^(?:import|from|def|async\s+def|class|@|if __name__\b|[\"'rRbBuUfF]{0,2}[\"']|"
    r"[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\s*,\s*[A-Za-z_]\w*)*\s*(?::[^=]+)?=(?!=)|pass\b)"
)
_CLAUSE_LINE = re.compile(r"^(?:else\s*:|except\b|finally\s*:|@)")
_STRING_START = re.compile(r"^[rRbBuUfF]{0,2}(\"\"\"|\'\'\'|\"|\')")
_IMPORTS_LOGGING = re.compile(r"^(?:import|from)\s+(logging|loguru|structlog)\b")


def _measure_lines(text: str, relative: str, totals: _Totals) -> None:
    """Measure one file from its lines: the totals ``ast`` would give (see the tests' oracle).

    Statements are found by indentation and keywords; lines inside brackets, triple-quoted
    strings or after a backslash continue the statement before them, so a multi-line call or
    docstring counts once. It reads any Python, whatever the grammar version.
    """
    statements = _logical_lines(text)
    logic_block = False  # inside a top-level statement that does work (a loop, a call...)
    public_class = False  # whether the top-level class being read is public (its methods count)
    method_indent: int | None = None  # the indent of that class's body
    for index, (number, indent, stripped) in enumerate(statements):
        if _CLAUSE_LINE.match(stripped):
            continue  # else/except/finally and decorators belong to the statement they follow
        totals.statements += 1
        if indent == 0:
            logic_block = _is_top_level_logic(statements, index)
            if logic_block and len(totals.logic_examples) < EXAMPLES:
                totals.logic_examples.append(f"{relative}:{number}")
        elif method_indent is None:
            method_indent = indent
        if logic_block:
            totals.top_level_logic += 1
        match = _DEF_LINE.match(stripped)
        if match is None:
            continue
        totals.definitions += 1
        kind, name = match.group(1), match.group(2)
        if indent == 0:
            public_class = kind == "class" and not name.startswith("_")
            method_indent = None
        elif not (public_class and indent == method_indent):
            continue  # a nested function or a private class's method: not counted, as with ast
        if name.startswith("_"):
            continue
        totals.public_definitions += 1
        following = statements[index + 1] if index + 1 < len(statements) else None
        if following and following[1] > indent and _STRING_START.match(following[2]):
            totals.documented += 1
        elif len(totals.undocumented) < EXAMPLES:
            label = "class" if kind == "class" else ("method" if indent else "function")
            totals.undocumented.append(f"{relative}:{number} {label} {name}")
    modules = [
        match.group(1)
        for _, _, stripped in statements
        if stripped.startswith(("import ", "from ")) and (match := _IMPORTS_LOGGING.match(stripped))
    ]
    for module in modules:
        _note_logging_import(module, totals)
    _note_logging_calls(text, relative, totals, loguru="loguru" in modules)


def _is_top_level_logic(statements: list[tuple[int, int, str]], index: int) -> bool:
    """Whether the top-level statement at ``index`` does work rather than declare.

    Imports, definitions, assignments, docstrings and the main guard declare; so do an ``if``
    or ``try`` whose first block only imports (``if TYPE_CHECKING:``).
    """
    stripped = statements[index][2]
    if not _GUARDED_BLOCK.match(stripped):
        return not _DECLARATION_LINE.match(stripped)
    for _, indent, inner in statements[index + 1 :]:
        if indent == 0 or _CLAUSE_LINE.match(inner) or inner.startswith("elif"):
            break
        if not inner.startswith(("import ", "from ")):
            return True
    return False


_SPECIAL = re.compile(r"[\"'#()\[\]{}\\]")
_LINE_TOKEN = re.compile(
    r"""[rRbBuUfF]{0,2}(?:(\"\"\"|\'\'\')|"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?)|#.*|([(\[{])|([)\]}])"""
)


def _logical_lines(text: str) -> list[tuple[int, int, str]]:
    """The first line of each statement as (line number, indent, stripped text).

    Lines inside brackets, triple-quoted strings or after a backslash continue the statement
    before them. Most lines hold no quote, bracket or comment and are passed over at C speed.
    """
    statements: list[tuple[int, int, str]] = []
    depth = 0
    closing: str | None = None  # the triple quote that ends the string being read
    continued = False
    for number, line in enumerate(text.splitlines(), 1):
        start = 0
        if closing is not None:
            end = line.find(closing)
            if end < 0:
                continue
            start, closing = end + 3, None
        elif depth == 0 and not continued:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                statements.append((number, len(line) - len(line.lstrip()), stripped))
        continued = False
        if not _SPECIAL.search(line, start):
            continue
        position = start
        while True:
            token = _LINE_TOKEN.search(line, position)
            if token is None:
                break
            triple, opener, closer = token.groups()
            if triple:
                end = line.find(triple, token.end())
                if end < 0:
                    closing = triple
                    break
                position = end + 3
                continue
            if opener:
                depth += 1
            elif closer:
                depth = max(depth - 1, 0)
            position = token.end()
        if closing is None and line.rstrip().endswith("\\"):
            continued = True
    return statements


def _note_logging_import(module: str, totals: _Totals) -> bool:
    """Record a logging library's import; True for loguru (its logger needs no set-up)."""
    top = module.split(".", 1)[0]
    if top in _LOGGING_MODULES:
        totals.imports_logging = True
        if top == "loguru":
            totals.gets_logger = True
            return True
    return False
