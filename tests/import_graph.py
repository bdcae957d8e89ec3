"""The import graph of a package read from its source with ``ast``, its cycles and its layer breaches.

Every ``import`` statement counts wherever it sits: at module level, inside a function (lazy imports),
under ``if TYPE_CHECKING:``, or as ``importlib.import_module("...")`` with a literal name. An import
of ``a.b.c`` is an edge to the deepest module that exists (``from a.b import c`` is an edge to the
module ``a.b.c`` when there is one, else to ``a.b``), plus edges to the packages ``a`` and ``a.b``
whose ``__init__`` runs first, except the importer's own packages, which are already loaded.

The cycle search is Tarjan's strongly connected components (the standard library has no graph
algorithm for it, and a dependency for 30 lines is not worth it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    line: int
    lazy: bool  # inside a function body
    type_only: bool  # under ``if TYPE_CHECKING:``
    implicit: bool = False  # a parent package whose __init__ runs before ``target``
    via: str = ""  # in a graph of packages: the module that imports, and the module it imports


@dataclass
class ImportGraph:
    modules: set[str] = field(default_factory=set)
    imports: list[Import] = field(default_factory=list)

    def edges(self) -> dict[str, set[str]]:
        graph: dict[str, set[str]] = {m: set() for m in self.modules}
        for imp in self.imports:
            if imp.target != imp.importer:
                graph[imp.importer].add(imp.target)
        return graph


def module_name(root: Path, path: Path) -> str:
    """``root/pkg/sub/mod.py`` -> ``pkg.sub.mod``; ``__init__.py`` names its package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    """Raw imported names of one module, with where they sit."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: list[tuple[str, tuple[str, ...], int, bool, bool]] = []  # base, names, line, lazy, type_only
        self._function_depth = 0
        self._type_checking_depth = 0

    def _add(self, base: str, names: tuple[str, ...], line: int) -> None:
        self.found.append((base, names, line, self._function_depth > 0, self._type_checking_depth > 0))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self._function_depth += 1
        self.generic_visit(node)
        self._function_depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function  # noqa: N815

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_checking_depth += 1
            for child in node.body:
                self.visit(child)
            self._type_checking_depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, (), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            parts = self.package.split(".")
            base_parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
            base = ".".join(base_parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        self._add(base, tuple(a.name for a in node.names if a.name != "*"), node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("import_module", "__import__") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._add(first.value, (), node.lineno)
        self.generic_visit(node)


def _deepest_module(name: str, modules: set[str]) -> str | None:
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def build_graph(root: Path, package: str) -> ImportGraph:
    """The import graph of ``root/package`` (``root`` is the folder that holds the package)."""
    files = {module_name(root, p): p for p in sorted((root / package).rglob("*.py"))}
    graph = ImportGraph(modules=set(files))
    for module, path in files.items():
        collector = _Collector(module, path.name == "__init__.py")
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        own_packages = set(_ancestors(module))
        for base, names, line, lazy, type_only in collector.found:
            targets = [f"{base}.{n}" for n in names if f"{base}.{n}" in graph.modules] or [base]
            for target_name in targets:
                target = _deepest_module(target_name, graph.modules)
                if target is None:
                    continue  # outside the package
                graph.imports.append(Import(module, target, line, lazy, type_only))
                for parent in _ancestors(target):
                    if parent in graph.modules and parent not in own_packages and parent != module:
                        graph.imports.append(Import(module, parent, line, lazy, type_only, implicit=True))
    return graph


def cycles(graph: ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other (directly or around a loop), each sorted."""
    edges = graph.edges()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(edges[node]):
            if succ not in index:
                connect(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(found)


def package_graph(graph: ImportGraph, depth: int = 3) -> ImportGraph:
    """The graph between units: a module in a subpackage ``depth`` names deep or deeper
    (``podplayer.ui.window.menus``) counts as that subpackage (``podplayer.ui.window``); any other
    module (``podplayer.ui.jobs``) stands for itself. A cycle here is two subpackages that import
    each other, which the module graph does not see when no single module closes the loop."""
    packages = {m.rpartition(".")[0] for m in graph.modules if "." in m}

    def unit(module: str) -> str:
        parts = module.split(".")
        for end in range(depth, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if prefix in packages:
                return prefix
        return module

    collapsed = ImportGraph(modules={unit(m) for m in graph.modules})
    for imp in graph.imports:
        importer, target = unit(imp.importer), unit(imp.target)
        if importer != target:
            via = f"{imp.importer}:{imp.line} -> {imp.target}"
            collapsed.imports.append(Import(importer, target, imp.line, imp.lazy, imp.type_only, imp.implicit, via))
    return collapsed


def cycle_path(graph: ImportGraph, component: Iterable[str]) -> list[str]:
    """The shortest loop through a cycle group's first module, for the failure message (``a -> b -> a``)."""
    members = set(component)
    edges = graph.edges()
    start = min(members)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:  # breadth first, staying inside the group, until an edge leads back to start
        following: list[str] = []
        for node in frontier:
            for succ in sorted(edges[node] & members):
                if succ == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if succ not in previous:
                    previous[succ] = node
                    following.append(succ)
        frontier = following
    return sorted(members)


def where(graph: ImportGraph, importer: str, target: str) -> str:
    """``importer:line`` of the first import from ``importer`` to ``target``, with how it is written."""
    found = [imp for imp in graph.imports if imp.importer == importer and imp.target == target]
    for imp in sorted(found, key=lambda imp: imp.implicit):  # an import as written before a parent package
        how = " (TYPE_CHECKING)" if imp.type_only else " (in a function)" if imp.lazy else ""
        return f"{imp.via or f'{importer}:{imp.line}'}{how}"
    return importer
