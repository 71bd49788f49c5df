"""Functions longer than a limit (default 60 lines, decorators and docstring included), longest
first: `python benchmarks/long_functions.py [--limit 60] [locpipe]`."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path


def long_functions(root: Path, limit: int) -> list[tuple[int, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - start + 1
                if length > limit:
                    found.append((length, f"{path}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", nargs="?", default="locpipe", type=Path)
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    found = long_functions(args.root, args.limit)
    for length, where in found:
        print(f"{length:5d}  {where}")
    print(f"{len(found)} function(s) over {args.limit} lines")


if __name__ == "__main__":
    main()
