"""The package's layers, checked from its source: the import graph has no cycle and every import
follows the layer rules of the design guide.

Every import counts — top level, inside functions, under `if TYPE_CHECKING:`, relative ones
(resolved), and `importlib.import_module("...")` / `__import__("...")` with a literal name (an
f-string with a literal prefix, `f"locpipe.languages.{code}"`, counts as importing every module
under that prefix). `from X import Y` is an import of the module `X.Y` when that is a module,
else of `X`. Running a package's `__init__` when a submodule is imported is not counted as an
import of the package: only what a module names is.

Known violations (modules other engineers are still splitting) are listed in KNOWN_VIOLATIONS.
A rule with listed violations is an expected failure (`xfail(strict=True)`) as long as exactly
those violations remain; a new violation, or one fixed without removing it from the list,
fails the test. When a rule's list is empty, delete its entry.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "locpipe"

# rule name -> the (importer, imported) pairs that still break it; for "no-cycles", the
# modules of each import cycle (a strongly connected component), sorted.
KNOWN_VIOLATIONS: dict[str, set[tuple[str, ...]]] = {
}


class LayerViolation(Exception):
    """Raised for violations that are listed as known (the xfail expects exactly this)."""


# --- the import graph --------------------------------------------------------------------

def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _resolve_relative(current: str, is_package: bool, level: int, name: str | None) -> str:
    base = current.split(".") if is_package else current.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _literal_prefix(node: ast.expr) -> tuple[str, bool] | None:
    """A call argument's literal module name: (name, exact) or (f-string prefix, False)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value), False
    return None


def _is_import_call(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and bool(node.args)


def imports_of(source: str, current: str, is_package: bool, modules: set[str]
               ) -> tuple[set[str], set[str]]:
    """(locpipe modules, top-level external packages) that a module's source imports."""
    internal: set[str] = set()
    external: set[str] = set()

    def add(name: str, exact: bool = True) -> None:
        if not exact:  # a dynamic name: every module under the literal prefix
            prefix = name.rstrip(".")
            found = {m for m in modules if m == prefix or m.startswith(prefix + ".")}
            internal.update(found - {current})
            if not found and prefix.split(".")[0] != "locpipe" and prefix:
                external.add(prefix.split(".")[0])
            return
        if name.split(".")[0] != "locpipe":
            external.add(name.split(".")[0])
            return
        parts = name.split(".")
        while parts and ".".join(parts) not in modules:  # longest prefix that is a module
            parts.pop()
        if parts and ".".join(parts) != current:
            internal.add(".".join(parts))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = (_resolve_relative(current, is_package, node.level, node.module)
                    if node.level else node.module or "")
            attributes = False
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    add(f"{base}.{alias.name}")
                else:
                    attributes = True
            if attributes:
                add(base)
        elif isinstance(node, ast.Call) and _is_import_call(node):
            literal = _literal_prefix(node.args[0])
            if literal is not None:
                name, exact = literal
                if name.startswith("."):
                    level = len(name) - len(name.lstrip("."))
                    name = _resolve_relative(current, is_package, level, name.lstrip(".") or None)
                add(name, exact)
    return internal, external


@dataclass
class Graph:
    internal: dict[str, set[str]]
    external: dict[str, set[str]]


def build_graph(root: Path = PACKAGE) -> Graph:
    modules = package_modules(root)
    names = set(modules)
    internal: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for name, path in modules.items():
        internal[name], external[name] = imports_of(
            path.read_text(encoding="utf-8"), name, path.name == "__init__.py", names)
    return Graph(internal, external)


def import_cycles(edges: dict[str, set[str]]) -> dict[tuple[str, ...], list[str]]:
    """Each strongly connected component of the graph (Tarjan), sorted, with one closed path
    of imports through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return {tuple(c): _cycle_in(c, edges) for c in sorted(components)}


def _cycle_in(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest closed path through the component's first module (breadth-first)."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges.get(v, set()) & members):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return component  # unreachable for a strongly connected component


# --- the rules ---------------------------------------------------------------------------

def under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


SHARED_GROUND = ("locpipe.document", "locpipe.markup", "locpipe.errors", "locpipe.languages")


@dataclass(frozen=True)
class Rule:
    name: str
    text: str  # the rule, as the failure message states it
    importer: Callable[[str], bool]  # which modules the rule applies to
    breaks: Callable[[str, str], bool]  # (importer, imported) -> the import breaks the rule
    external: bool = False  # `imported` is a third-party top-level package name


RULES = [
    Rule("pipeline-only-from-cli-and-review",
         "nothing imports locpipe.pipeline except locpipe.cli, locpipe.review and "
         "locpipe.evaluate",
         lambda m: m not in ("locpipe.cli", "locpipe.review", "locpipe.evaluate"),
         lambda m, i: i == "locpipe.pipeline"),
    Rule("formats-below-stages-checks-pipeline",
         "locpipe.formats never imports locpipe.stages, locpipe.checks or locpipe.pipeline",
         lambda m: under(m, "locpipe.formats"),
         lambda m, i: under(i, "locpipe.stages", "locpipe.checks", "locpipe.pipeline")),
    Rule("stages-independent",
         "a locpipe.stages module never imports another locpipe.stages module",
         lambda m: under(m, "locpipe.stages") and m != "locpipe.stages",
         lambda m, i: under(i, "locpipe.stages") and i != "locpipe.stages"
         and not under(i, m) and not under(m, i)),
    Rule("rules-pure",
         "locpipe.rules imports only locpipe.document, locpipe.markup, locpipe.errors, "
         "locpipe.languages and other locpipe.rules",
         lambda m: under(m, "locpipe.rules"),
         lambda m, i: not under(i, *SHARED_GROUND, "locpipe.rules")),
    Rule("engines-below-stages",
         "locpipe.engines never imports locpipe.stages, locpipe.checks, locpipe.pipeline or "
         "locpipe.formats",
         lambda m: under(m, "locpipe.engines"),
         lambda m, i: under(i, "locpipe.stages", "locpipe.checks", "locpipe.pipeline",
                            "locpipe.formats")),
    Rule("checks-over-rules",
         "locpipe.checks imports only locpipe.rules, locpipe.document, locpipe.markup, "
         "locpipe.languages and locpipe.errors",
         lambda m: under(m, "locpipe.checks"),
         lambda m, i: not under(i, *SHARED_GROUND, "locpipe.rules", "locpipe.checks")),
    Rule("languages-data-only",
         "locpipe.languages imports only locpipe.languages and locpipe.errors",
         lambda m: under(m, "locpipe.languages"),
         lambda m, i: not under(i, "locpipe.languages", "locpipe.errors")),
    Rule("typer-only-in-cli",
         "nothing but locpipe.cli imports typer or click",
         lambda m: m != "locpipe.cli",
         lambda m, i: i in ("typer", "click"), external=True),
]


def violations(rule: Rule, graph: Graph) -> set[tuple[str, ...]]:
    edges = graph.external if rule.external else graph.internal
    return {(m, i) for m, imported in edges.items() if rule.importer(m)
            for i in imported if rule.breaks(m, i)}


def _case(name: str, joiner: str = " -> "):
    reason = f"known violations of {name}: " + "; ".join(
        joiner.join(v) for v in sorted(KNOWN_VIOLATIONS.get(name, ())))
    marks = ([pytest.mark.xfail(strict=True, raises=LayerViolation, reason=reason)]
             if KNOWN_VIOLATIONS.get(name) else [])
    return pytest.param(name, marks=marks, id=name)


def check(name: str, found: set[tuple[str, ...]], describe: Callable[[tuple[str, ...]], str]
          ) -> None:
    """Fail on any difference from the known list; raise LayerViolation for the listed ones."""
    listed = set(KNOWN_VIOLATIONS.get(name, ()))
    new = sorted(found - listed)
    fixed = sorted(listed - found)
    assert not new and not fixed, "\n".join(
        [f"{name}: new violation: {describe(v)}" for v in new]
        + [f"{name}: fixed (remove it from KNOWN_VIOLATIONS in tests/integration/test_layers.py): "
           f"{', '.join(v)}" for v in fixed])
    if found:
        raise LayerViolation("\n".join(describe(v) for v in sorted(found)))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph()


@pytest.mark.parametrize("name", [_case(rule.name) for rule in RULES])
def test_layer_rule(name: str, graph: Graph) -> None:
    rule = next(r for r in RULES if r.name == name)
    check(name, violations(rule, graph),
          lambda v: f"{v[0]} imports {v[1]}, which breaks the rule: {rule.text}")


@pytest.mark.parametrize("name", [_case("no-cycles", joiner=" <-> ")])
def test_no_import_cycle(name: str, graph: Graph) -> None:
    cycles = import_cycles(graph.internal)
    check(name, set(cycles),
          lambda v: "import cycle: " + " -> ".join(cycles[v])
          + (f" (one of the cycles among {', '.join(v)})" if len(v) > 2 else "")
          + "; imports inside functions and under TYPE_CHECKING count")


def test_help_does_not_load_ctranslate2() -> None:
    code = textwrap.dedent("""
        import sys
        from locpipe.cli import app
        try:
            app(["--help"])
        except SystemExit:
            pass
        print("LOADED:" + ",".join(m for m in ("ctranslate2", "sentencepiece", "torch")
                                    if m in sys.modules))
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="120")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED:"


# --- the walker itself -------------------------------------------------------------------

FAKE_MODULES = {"locpipe", "locpipe.a", "locpipe.a.b", "locpipe.a.c", "locpipe.d",
                "locpipe.lang", "locpipe.lang.fr", "locpipe.lang.de"}


def test_walker_counts_every_kind_of_import() -> None:
    source = textwrap.dedent("""
        from __future__ import annotations
        from typing import TYPE_CHECKING
        import importlib
        from . import c
        from ..d import thing
        if TYPE_CHECKING:
            from locpipe.lang import Profile
        def late():
            import typer
            importlib.import_module("locpipe.a.c")
            return importlib.import_module(f"locpipe.lang.{code}")
    """)
    internal, external = imports_of(source, "locpipe.a.b", False, FAKE_MODULES)
    assert internal == {"locpipe.a.c", "locpipe.d", "locpipe.lang", "locpipe.lang.fr",
                        "locpipe.lang.de"}
    assert external == {"__future__", "typing", "importlib", "typer"}


def test_cycles_are_found_and_printed_as_a_path() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert import_cycles(edges) == {("a", "b", "c"): ["a", "b", "c", "a"]}
