"""No function of the package is longer than 80 lines (decorators and docstring included): a
longer one does several things and is split (`python benchmarks/long_functions.py` lists those
over 60, the next to split)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "locpipe"
LIMIT = 80


def test_no_function_is_longer_than_the_limit():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - start + 1
                if length > LIMIT:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                                 f"{node.name} ({length} lines)")
    assert not found, f"functions over {LIMIT} lines: " + "; ".join(found)
