"""The layout: stage packages whose imports point one way (no import loop in geo/ or gazetteer/).

Every import statement counts, including those inside functions and under
``TYPE_CHECKING``: a loop hidden in a function body is still a loop a reader must untangle.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from conftest import REPO

PACKAGES = ("geo", "gazetteer")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((REPO / package).rglob("*.py"))
        if "node_modules" not in path.parts
    }


def imported_modules(tree: ast.AST, modules: Collection[str]) -> Iterator[str]:
    """The modules of ``modules`` that the import statements of ``tree`` load: ``from X
    import y`` loads ``X.y`` when that is a module, else ``X``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in modules:
                    yield submodule
                elif node.module in modules:
                    yield node.module


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = set(imported_modules(tree, modules)) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop of ``graph`` as a path that returns to its start, or None."""
    state: dict[str, str] = {}  # "open" while on the DFS path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_loop_in_geo_or_gazetteer() -> None:
    cycle = find_cycle(import_graph(source_modules()))
    assert cycle is None, "import loop: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": set()}, None),
        ({"a": {"b"}, "b": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, None),  # a diamond is no loop
    ],
)
def test_find_cycle(graph: dict[str, set[str]], expected: list[str] | None) -> None:
    assert find_cycle(graph) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import geo.errors", {"geo.errors"}),
        ("from geo.events import spatial", {"geo.events.spatial"}),
        ("from gazetteer import open_gazetteer", {"gazetteer"}),
        ("def f():\n    from geo.outputs.geojson import event_feature", {"geo.outputs.geojson"}),
        ("if TYPE_CHECKING:\n    from geo.events.model import Event", {"geo.events.model"}),
        ("import json\nfrom shapely import geometry", set()),
    ],
)
def test_imported_modules(source: str, expected: set[str]) -> None:
    assert set(imported_modules(ast.parse(source), source_modules())) == expected


@pytest.mark.parametrize("stage", ["places", "events", "outputs"])
def test_stage_packages_exist_and_their_init_imports_nothing(stage: str) -> None:
    """A stage package's ``__init__`` is its map in words: importing one module of a stage
    never loads the others (``geo gazetteer`` commands never load folium)."""
    init = REPO / "geo" / stage / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree)
    assert not list(imported_modules(tree, source_modules()))
