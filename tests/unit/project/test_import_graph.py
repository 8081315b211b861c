"""The Python packages import one another in one direction: the foundations (the realm files and
their contract, the Keycloak admin connection, the message sink) import none of ours; the Ordinal
sync and the home sit on them, the support page on the home (its styles); the CLI and the dev
stack (provisioning) sit on everything. No arrow runs back up, and no module imports itself back
through others (imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

from provisioning.devstack import paths

#: Top-level packages by layer, lowest first: a package imports only from lower layers.
LAYERS: list[set[str]] = [
    {"monespace_realm", "keycloak_connection", "message_sink"},
    {"ordinal_sync", "monespace_home"},
    {"monespace_support"},
    {"provisioning"},
]
#: Where each package's sources are (the realm files are the package monespace_realm).
FOLDERS = {"monespace_realm": "realm"}


def package_folder(package: str) -> Path:
    return paths.ROOT / FOLDERS.get(package, package)


def module_name(package: str, file: Path) -> str:
    parts = file.relative_to(package_folder(package)).with_suffix("").parts
    return ".".join((package, *(p for p in parts if p != "__init__")))


def import_graph() -> dict[str, set[str]]:
    """Module → the modules of our packages it imports."""
    packages = set().union(*LAYERS)
    files = {module_name(p, f): f for p in packages for f in package_folder(p).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, file in files.items():
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        package_of_module = module if file.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package_of_module.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base for alias in node.names}
        graph[module] = {t for t in targets if t.split(".")[0] in packages and t != module}
    return graph


def layer_of(module: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if module.split(".")[0] in layer)


def arrows_up(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a package to one of the same or a higher layer (its own package aside)."""
    return sorted(
        f"{source} imports {target}"
        for source, targets in graph.items()
        for target in targets
        if target.split(".")[0] != source.split(".")[0] and layer_of(target) >= layer_of(source)
    )


def a_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle among the modules, as the path that closes it; empty when there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = "done"
        path.pop()
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_every_package_sits_on_lower_layers_only() -> None:
    graph = import_graph()
    assert {"ordinal_sync.apply", "keycloak_connection.admin", "provisioning.cli"} <= set(graph), "the scan reads them"
    assert "keycloak_connection.admin" in graph["ordinal_sync.apply"]
    assert arrows_up(graph) == []


def test_no_module_imports_itself_back() -> None:
    assert a_cycle(import_graph()) == []


def test_the_checks_catch_a_planted_arrow_up_and_a_cycle() -> None:
    graph = import_graph()
    graph["keycloak_connection.admin"] = graph["keycloak_connection.admin"] | {"provisioning.cli"}
    assert arrows_up(graph) == ["keycloak_connection.admin imports provisioning.cli"]
    cycle = a_cycle(graph)
    assert cycle[0] == cycle[-1] and "keycloak_connection.admin" in cycle and "provisioning.cli" in cycle
