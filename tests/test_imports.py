"""The import graph of the project: no cycles, and only the imports docs/architecture.md allows.

Imports are read from the source (no module is executed): a module-level import is one
that runs when the module is loaded; an import inside a function runs only when called.
Imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("archive", "cli", "ingest", "search", "storage", "web")
TABLE_ROW = re.compile(r"^\|\s*`(\w+)/`\s*\|.*\|\s*(?P<imports>[^|]+?)\s*\|\s*$")


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(nodes: list[ast.stmt], in_function: bool) -> Iterator[tuple[ast.stmt, bool]]:
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _walk(node.orelse, in_function)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, in_function
        inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for field in ("body", "orelse", "finalbody", "handlers"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                yield from _walk([c for c in children if isinstance(c, ast.stmt)], inner)
            if field == "handlers" and children:
                for handler in children:
                    yield from _walk(handler.body, inner)
        if isinstance(node, ast.Match):
            for case in node.cases:
                yield from _walk(case.body, inner)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node, in_function in _walk(tree.body, False):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from a import b`` imports the module a.b when there is one, else names of a.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        for target in targets:
            # ``import a.b.c`` loads a.b.c; keep the longest prefix that is a project module.
            parts = target.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                yield Import(name, ".".join(parts), node.lineno, in_function)


def all_imports() -> list[Import]:
    modules = project_modules()
    return [imp for name, path in modules.items() for imp in imports_of(name, path, modules)]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def documented_table() -> dict[str, tuple[set[str], set[str]]]:
    """package -> (may import at module level, may import only inside a function)."""
    table = {}
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        row = TABLE_ROW.match(line)
        if row is None or row.group(1) not in PACKAGES:
            continue
        main, _, aside = row.group("imports").partition("(")
        names = lambda part: {n for n in re.findall(r"`(\w+)`", part) if n in PACKAGES}  # noqa: E731
        table[row.group(1)] = (names(main), names(aside))
    return table


def test_the_cycle_finder_finds_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_at_module_level_and_in_functions() -> None:
    found = [i for i in all_imports() if i.source == "cli.commands.service"]
    assert any(i.target == "web" and i.in_function for i in found)
    web_app = {i.target for i in all_imports() if i.source == "web.core.app"}
    assert {"web.records", "web.api", "archive.facade"} <= web_app


def test_no_module_imports_itself_back() -> None:
    edges: dict[str, set[str]] = {name: set() for name in project_modules()}
    for imp in all_imports():
        if not imp.in_function:
            edges[imp.source].add(imp.target)
    assert cycles(edges) == []


def test_the_package_table_is_documented_for_every_package() -> None:
    table = documented_table()
    assert set(table) == set(PACKAGES)
    assert table["storage"] == (set(), set()) and table["search"] == (set(), set())
    assert table["cli"][1] == {"web"}


def test_packages_import_only_what_the_documented_table_allows() -> None:
    table = documented_table()
    wrong = []
    for imp in all_imports():
        source, target = imp.source.split(".")[0], imp.target.split(".")[0]
        if source == target:
            continue
        at_module, in_function = table[source]
        if target in at_module or (imp.in_function and target in in_function):
            continue
        where = "inside a function" if imp.in_function else "at module level"
        wrong.append(f"{imp.source}:{imp.line} imports {imp.target} {where}")
    assert wrong == []
