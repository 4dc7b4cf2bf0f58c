"""The same totals as ``nhs_rap.audit.pysource`` measures, taken from Python's own ``ast``.

The audit reads Python line by line (so no interpreter's grammar limits it); this oracle walks the
syntax tree instead, and ``test_pysource.py`` holds the two to the same numbers on real code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from nhs_rap.audit.pysource import _note_logging_calls, _note_logging_import, _Totals
from nhs_rap.audit.reading import EXAMPLES

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


def measure(tree: ast.Module, text: str, relative: str, totals: _Totals) -> None:
    """Add one module's docstrings, statements, top-level logic and logging use to the totals."""
    for statement in tree.body:
        if not _is_declaration(statement):
            logic = sum(1 for _ in _statements([statement]))
            totals.top_level_logic += logic
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
    totals.public_definitions += 1
    if ast.get_docstring(node, clean=False):
        totals.documented += 1
    elif len(totals.undocumented) < EXAMPLES:
        kind = "method" if in_class else ("class" if isinstance(node, ast.ClassDef) else "function")
        totals.undocumented.append(f"{relative}:{node.lineno} {kind} {node.name}")
    if isinstance(node, ast.ClassDef):
        for inner in node.body:
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                _count_public(inner, relative, totals, in_class=True)
