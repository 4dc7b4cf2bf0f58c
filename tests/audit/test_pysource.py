"""The line-by-line Python reader gives the totals Python's own parser gives, on real code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ast_oracle import measure
from shapes import SHAPES

from nhs_rap.audit.pysource import _measure_lines, _Totals, analyse

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("statements", "top_level_logic", "definitions", "public_definitions", "documented")
FIELDS += ("undocumented", "imports_logging", "gets_logger", "configures_logging")


def _sources() -> list[tuple[str, str]]:
    files = sorted(ROOT.glob("src/**/*.py")) + sorted(ROOT.glob("tests/**/*.py"))
    found = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in files]
    for name, (files_of_shape, _) in SHAPES.items():
        found += [(f"{name}:{p}", text) for p, text in files_of_shape.items() if p.endswith(".py")]
    return found


def _totals(text: str, relative: str, *, with_ast: bool) -> dict[str, object]:
    totals = _Totals()
    if with_ast:
        measure(ast.parse(text), text, relative, totals)
    else:
        _measure_lines(text, relative, totals)
    return {name: getattr(totals, name) for name in FIELDS}


def test_reader_agrees_with_ast_over_this_repository_and_the_shapes() -> None:
    differ = {}
    for relative, text in _sources():
        try:
            ast.parse(text)
        except SyntaxError:
            continue  # newer syntax than this interpreter: exactly why the reader exists
        by_ast = _totals(text, relative, with_ast=True)
        by_lines = _totals(text, relative, with_ast=False)
        if by_ast != by_lines:
            differ[relative] = {
                k: (by_ast[k], by_lines[k]) for k in FIELDS if by_ast[k] != by_lines[k]
            }
    assert differ == {}


@pytest.mark.parametrize(
    "source",
    [
        'x = f"{d["key"]}"\n\n\ndef f():\n    """Doc."""\n    return f"{x!r:>{10}}"\n',
        'def f(\n    a,\n    b,\n):\n    """Multi-line signature."""\n'
        "    return (\n        a\n    )\n",
        'class A:\n    """A."""\n\n    def m(self):\n        """M."""\n\n        def inner():\n'
        "            pass\n\n    @property\n    def p(self):\n        return 1\n",
        "import logging\n\nif TYPE_CHECKING:\n    import x\n\nfor i in range(3):\n    print(i)\n"
        "else:\n    pass\n",
        's = """a ( [ { unbalanced\n"""\ntry:\n    import y\nexcept ImportError:\n    y = None\n',
        "value = 1 + \\\n    2\nprint(value)  # a comment with ( a bracket\n",
    ],
)
def test_reader_matches_ast_on_tricky_shapes(source: str) -> None:
    try:
        by_ast = _totals(source, "m.py", with_ast=True)
    except SyntaxError:
        pytest.skip("newer syntax than this interpreter")
    assert _totals(source, "m.py", with_ast=False) == by_ast


def test_newer_syntax_is_measured_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f(d):\n"
        '    """Log a key."""\n    logging.basicConfig()\n    logger.info(f"{d["k"]}")\n'
    )
    facts = analyse(tmp_path, ["m.py"])
    assert facts.files_parsed == 1 and facts.unparsed_count == 0
    assert facts.documented == facts.public_definitions == 1
    assert facts.imports_logging and facts.gets_logger and facts.configures_logging == ("m.py",)
