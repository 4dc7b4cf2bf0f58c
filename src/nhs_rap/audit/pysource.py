"""Measure a repository's Python with ``ast``: docstrings, functions, top-level logic and logging.

The code is parsed, never imported or run, so auditing a pipeline can't trigger its side effects
(reading patient data, writing outputs) or execute anything hostile.

The verdict must not depend on which Python runs the audit: a file using syntax newer than the
running interpreter knows (PEP 701 f-strings on 3.11, say) is measured line by line instead
(:func:`_measure_lines`), which reads definitions, docstrings and statements from indentation
and keywords. Only a file that is not Python text at all is left out.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from nhs_rap.audit.reading import read_text

#: Python files larger than this are generated or data, not code a person maintains.
MAX_SOURCE_BYTES = 1024 * 1024
EXAMPLES = 5
_DECLARATIONS = (
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Assign,
    ast.AnnAssign,
    ast.Pass,
)
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
    """Mutable running totals across files, frozen into :class:`PythonFacts`."""

    def __init__(self) -> None:
        self.files_parsed = 0
        self.unparsed: list[str] = []
        self.unparsed_count = 0
        self.public = 0
        self.documented = 0
        self.undocumented: list[str] = []
        self.definitions = 0
        self.statements = 0
        self.logic = 0
        self.logic_examples: list[str] = []
        self.imports_logging = False
        self.gets_logger = False
        self.configures: list[str] = []


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
        try:
            tree = ast.parse(text, filename=relative)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            _measure_lines(text, relative, totals)
        else:
            _measure(tree, text, relative, totals)
    return totals


def analyse(root: Traversable, sources: Iterable[str]) -> PythonFacts:
    """Parse the source files and add up what they show."""
    totals = _analyse_files(root, list(sources))
    return PythonFacts(
        files_parsed=totals.files_parsed,
        unparsed=tuple(totals.unparsed),
        unparsed_count=totals.unparsed_count,
        public_definitions=totals.public,
        documented=totals.documented,
        undocumented=tuple(totals.undocumented),
        definitions=totals.definitions,
        statements=totals.statements,
        top_level_logic=totals.logic,
        logic_examples=tuple(totals.logic_examples),
        imports_logging=totals.imports_logging,
        gets_logger=totals.gets_logger,
        configures_logging=tuple(totals.configures[:EXAMPLES]),
    )


def _measure(tree: ast.Module, text: str, relative: str, totals: _Totals) -> None:
    """Add one module's docstrings, statements, top-level logic and logging use to the totals."""
    for statement in tree.body:
        if not _is_declaration(statement):
            logic = sum(1 for _ in _statements([statement]))
            totals.logic += logic
            if len(totals.logic_examples) < EXAMPLES:
                totals.logic_examples.append(f"{relative}:{statement.lineno}")
        if isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            _count_public(statement, relative, totals, in_class=False)
    loguru = False
    for node in _statements(tree.body):
        totals.statements += 1
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            totals.definitions += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                loguru |= _note_logging_import(alias.name, totals)
        elif isinstance(node, ast.ImportFrom) and node.module:
            loguru |= _note_logging_import(node.module, totals)
    _note_logging_calls(text, relative, totals, loguru=loguru)


def _note_logging_calls(text: str, relative: str, totals: _Totals, *, loguru: bool) -> None:
    """Find logger creation and logging set-up in the text, cheap substring tests first.

    Walking every expression node would cost several times the parse; most files have neither.
    """
    if not totals.gets_logger and (loguru or ("_logger" in text or "getLogger" in text)):
        totals.gets_logger = bool(loguru or _GETS_LOGGER.search(text))
    may_configure = "Config" in text or "addHandler" in text or "configure" in text
    if (
        len(totals.configures) < EXAMPLES
        and (may_configure or loguru)
        and (_SETS_UP_LOGGING.search(text) or (loguru and _LOGURU_ADD.search(text)))
        and relative not in totals.configures
    ):
        totals.configures.append(relative)


_DEF_LINE = re.compile(r"^(\s*)(?:async\s+)?(def|class)\s+(\w+)")
_DECLARATION_LINE = re.compile(
    r"^(?:import|from|def|async\s+def|class|@|if __name__\b|[\"'rRbBuUfF]{0,2}[\"']|"
    r"[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_]\w*)*\s*(?::[^=]+)?=(?!=)|try\s*:|except\b|else\s*:|finally\s*:|pass\b)"
)
_CLAUSE_LINE = re.compile(r"^(?:else\s*:|except\b|finally\s*:|@)")
_STRING_START = re.compile(r"^[rRbBuUfF]{0,2}(\"\"\"|\'\'\'|\"|\')")
_IMPORTS_LOGGING = re.compile(r"^\s*(?:import|from)\s+(logging|loguru|structlog)\b", re.M)


def _measure_lines(text: str, relative: str, totals: _Totals) -> None:
    """Measure a file ``ast`` can't parse from its lines: the same totals, approximately.

    Lines inside brackets or triple-quoted strings continue the statement before them, so a
    multi-line call or docstring counts once.
    """
    lines = text.splitlines()
    statements: list[tuple[int, int, str]] = []  # (line number, indent, stripped text)
    depth = 0
    in_string: str | None = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        starts_statement = depth == 0 and in_string is None
        if starts_statement and stripped and not stripped.startswith("#"):
            statements.append((number, len(line) - len(line.lstrip()), stripped))
        depth, in_string = _scan_brackets(line, depth, in_string)
    public_class = False  # whether the top-level class being read is public (its methods count)
    for index, (number, indent, stripped) in enumerate(statements):
        if _CLAUSE_LINE.match(stripped):
            continue  # else/except/finally and decorators belong to the statement they follow
        totals.statements += 1
        if indent == 0 and not _DECLARATION_LINE.match(stripped):
            totals.logic += 1
            if len(totals.logic_examples) < EXAMPLES:
                totals.logic_examples.append(f"{relative}:{number}")
        match = _DEF_LINE.match(stripped if indent == 0 else " " * indent + stripped)
        if match is None:
            continue
        totals.definitions += 1
        kind, name = match.group(2), match.group(3)
        if indent == 0:
            public_class = kind == "class" and not name.startswith("_")
        elif not (public_class and _is_method_indent(statements, index, indent)):
            continue  # a nested function or a private class's method: not counted, as with ast
        if name.startswith("_"):
            continue
        totals.public += 1
        following = statements[index + 1] if index + 1 < len(statements) else None
        if following and following[1] > indent and _STRING_START.match(following[2]):
            totals.documented += 1
        elif len(totals.undocumented) < EXAMPLES:
            label = "class" if kind == "class" else ("method" if indent else "function")
            totals.undocumented.append(f"{relative}:{number} {label} {name}")
    for module in _IMPORTS_LOGGING.findall(text):
        _note_logging_import(module, totals)
    _note_logging_calls(text, relative, totals, loguru="loguru" in _IMPORTS_LOGGING.findall(text))


def _is_method_indent(statements: list[tuple[int, int, str]], index: int, indent: int) -> bool:
    """Whether the nearest less-indented statement above is a top-level ``class`` line."""
    for _, other_indent, stripped in reversed(statements[:index]):
        if other_indent < indent:
            return other_indent == 0 and stripped.startswith("class ")
    return False


def _scan_brackets(line: str, depth: int, in_string: str | None) -> tuple[int, str | None]:
    """Track open brackets and triple-quoted strings across one line (comments skipped)."""
    i = 0
    while i < len(line):
        if in_string is not None:
            end = line.find(in_string, i)
            if end < 0:
                return depth, in_string
            i, in_string = end + 3, None
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith(('"""', "'''"), i):
            in_string = line[i : i + 3]
            i += 3
            continue
        if char in "\"'":
            end = i + 1
            while end < len(line) and line[end] != char:
                end += 2 if line[end] == "\\" else 1
            i = end + 1
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        i += 1
    return depth, in_string


_SIMPLE = (
    ast.Expr,
    ast.Assign,
    ast.AnnAssign,
    ast.AugAssign,
    ast.Return,
    ast.Import,
    ast.ImportFrom,
    ast.Pass,
    ast.Raise,
    ast.Delete,
    ast.Global,
    ast.Nonlocal,
    ast.Break,
    ast.Continue,
    ast.Assert,
)


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in ``body`` and the blocks nested in it, without visiting expressions."""
    stack = list(reversed(body))
    while stack:
        statement = stack.pop()
        yield statement
        if isinstance(statement, _SIMPLE):
            continue  # no nested blocks: most statements, so skip the attribute look-ups
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(statement, name, None)
            if isinstance(inner, list):
                stack.extend(reversed(inner))
        for block in getattr(statement, "handlers", ()) or getattr(statement, "cases", ()):
            stack.extend(reversed(block.body))


def _is_declaration(statement: ast.stmt) -> bool:
    """Whether a module-level statement only declares (imports, defs, constants, a main guard)."""
    if isinstance(statement, _DECLARATIONS):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True  # the module docstring
    if isinstance(statement, ast.If):
        if _is_main_guard(statement.test):
            return True
        return all(isinstance(inner, ast.Import | ast.ImportFrom) for inner in statement.body)
    if isinstance(statement, ast.Try):
        return all(isinstance(inner, ast.Import | ast.ImportFrom) for inner in statement.body)
    return False


def _is_main_guard(test: ast.expr) -> bool:
    """``if __name__ == "__main__":``: the one top-level block a well-factored script needs."""
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def _count_public(
    node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef,
    relative: str,
    totals: _Totals,
    *,
    in_class: bool,
) -> None:
    """Count a public function, class or method and whether it has a docstring."""
    if node.name.startswith("_"):
        return
    totals.public += 1
    if ast.get_docstring(node, clean=False):
        totals.documented += 1
    elif len(totals.undocumented) < EXAMPLES:
        kind = "method" if in_class else ("class" if isinstance(node, ast.ClassDef) else "function")
        totals.undocumented.append(f"{relative}:{node.lineno} {kind} {node.name}")
    if isinstance(node, ast.ClassDef):
        for inner in node.body:
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                _count_public(inner, relative, totals, in_class=True)


def _note_logging_import(module: str, totals: _Totals) -> bool:
    """Record a logging library's import; True for loguru (its logger needs no set-up)."""
    top = module.split(".", 1)[0]
    if top in _LOGGING_MODULES:
        totals.imports_logging = True
        if top == "loguru":
            totals.gets_logger = True
            return True
    return False
