"""Measure a repository's Python with ``ast``: docstrings, functions, top-level logic and logging.

The code is parsed, never imported or run, so auditing a pipeline can't trigger its side effects
(reading patient data, writing outputs) or execute anything hostile.
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


def analyse(root: Traversable, sources: Iterable[str]) -> PythonFacts:
    """Parse each source file in turn and add up what it shows."""
    totals = _Totals()
    for relative in sources:
        text = read_text(root, relative, MAX_SOURCE_BYTES + 1)
        tree = None
        if text is not None and len(text) <= MAX_SOURCE_BYTES:
            try:
                tree = ast.parse(text, filename=relative)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                tree = None
        if tree is None:
            totals.unparsed_count += 1
            if len(totals.unparsed) < EXAMPLES:
                totals.unparsed.append(relative)
            continue
        totals.files_parsed += 1
        _measure(tree, text, relative, totals)
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
    # Calls are found in the text: walking every expression node costs several times the parse.
    if _GETS_LOGGER.search(text) or loguru:
        totals.gets_logger = True
    if (_SETS_UP_LOGGING.search(text) or (loguru and _LOGURU_ADD.search(text))) and (
        relative not in totals.configures
    ):
        totals.configures.append(relative)


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in ``body`` and the blocks nested in it, without visiting expressions."""
    stack = list(reversed(body))
    while stack:
        statement = stack.pop()
        yield statement
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
