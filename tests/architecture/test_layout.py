"""The layout shows the architecture, and the import graph keeps it so.

`make test` also runs `lint-imports` (the contracts in pyproject.toml): journeys over web
over notifications and easy-read, over rules, auth, data and security; no journey imports
another; rules/ imports no Flask request handling. These tests hold what a contract cannot.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

from portal.paths import PACKAGE_ROOT

JOURNEYS = ("public", "victim", "supporter", "staff")


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("portal", cache_dir=None)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_import_contracts_hold():
    lint = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "0 broken" in lint.stdout


def test_the_only_import_cycle_is_a_package_importing_its_own_routes():
    graph = _graph()
    edges = {
        module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }
    # A blueprint's package defines `bp`, then imports its routes, which use `bp`.
    for module, imported in edges.items():
        imported.discard(f"{module}.routes")
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_imports_the_application_factory_but_the_cli():
    importers = _graph().find_modules_that_directly_import("portal")
    assert importers == {"portal.cli"}


def test_no_journey_imports_another_journey():
    graph = _graph()
    for journey in JOURNEYS:
        for other in JOURNEYS:
            if other != journey:
                chain = graph.find_shortest_chain(f"portal.{journey}", f"portal.{other}")
                assert chain is None, f"{journey} reaches {other}: {chain}"


def test_the_rules_import_no_flask_request_handling():
    graph = grimp.build_graph("portal", include_external_packages=True, cache_dir=None)
    rules = {m for m in graph.modules if m == "portal.rules" or m.startswith("portal.rules.")}
    for module in rules:
        direct = graph.find_modules_directly_imported_by(module)
        assert not direct & {"flask", "flask_login", "flask_wtf", "werkzeug", "wtforms"}, module


def test_portal_has_a_small_top_level_that_reads_as_the_architecture():
    entries = sorted(
        path.name
        for path in PACKAGE_ROOT.iterdir()
        if path.name != "__pycache__" and not path.name.startswith(".")
    )
    assert len(entries) <= 18, entries
    for layer in (*JOURNEYS, "web", "cli", "rules", "data"):
        assert (PACKAGE_ROOT / layer / "__init__.py").is_file(), layer
