"""The layout shows the architecture: checked by reading every module's imports with `ast`.

- No import circles among the project's modules (imports at module level, where a circle
  breaks start-up or forces an import into a function).
- A lower app never imports a higher one, anywhere in it:
  lib -> mail -> schools -> networks -> notifications -> successes -> forums -> learning ->
  inquiry -> growth -> plans -> rounds -> pulse -> showcase -> demo.
- Imports inside functions are a handful, each with its reason on the line.
- No code module over 400 lines (migrations and data modules aside).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["config", "lib", "mail", "schools", "networks", "notifications", "successes",
            "forums", "learning", "inquiry", "growth", "plans", "rounds", "pulse", "showcase",
            "demo",
            "bench", "tests"]
LAYERS = ["lib", "mail", "schools", "networks", "notifications", "successes", "forums",
          "learning", "inquiry", "growth", "plans", "rounds", "pulse", "showcase", "demo"]
MAX_LINES = 400
DATA_MODULES = {"demo/story_texts.py", "bench/seed/forum_texts.py"}
# Modules some environments lack, or that need Django set up, imported where they are used.
MAX_IMPORTS_IN_FUNCTIONS = 5


@cache
def modules() -> dict[str, Path]:
    """Dotted name -> file, for every project module (migrations aside)."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(), filename=str(modules()[name]))


def _imported(name: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The project modules one import statement loads (a package's own names: the package)."""
    known = modules()
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    base = node.module or ""
    if node.level:  # relative: from the importing module's package
        package = name.split(".") if modules()[name].name == "__init__.py" else (
            name.split(".")[:-1])
        base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
    targets = set()
    for alias in node.names:
        if f"{base}.{alias.name}" in known:
            targets.add(f"{base}.{alias.name}")
        elif base in known:
            targets.add(base)
    return targets


def _function_bodies(module: ast.Module):
    for node in ast.walk(module):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def module_level_imports(name: str) -> set[str]:
    """Imports that run when the module is imported: anywhere but inside a function."""
    inside = {id(sub) for function in _function_bodies(tree(name)) for sub in ast.walk(function)}
    return {target for node in ast.walk(tree(name))
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in inside
            for target in _imported(name, node)}


def imports_in_functions(name: str) -> list[ast.Import | ast.ImportFrom]:
    found = {id(sub): sub for function in _function_bodies(tree(name))
             for sub in ast.walk(function) if isinstance(sub, (ast.Import, ast.ImportFrom))}
    return sorted(found.values(), key=lambda node: node.lineno)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a self-import."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(name: str) -> int | None:
    top = name.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def test_no_module_level_import_circles():
    graph = {name: module_level_imports(name) for name in modules()}
    assert circles(graph) == []


def test_a_lower_app_never_imports_a_higher_one():
    wrong = []
    for name in modules():
        own = layer(name)
        if own is None:
            continue
        nodes = [node for node in ast.walk(tree(name))
                 if isinstance(node, (ast.Import, ast.ImportFrom))]
        for node in nodes:
            for target in _imported(name, node):
                if (layer(target) or 0) > own:
                    wrong.append(f"{name}:{node.lineno} imports {target}")
    assert wrong == []


def test_imports_inside_functions_are_few_and_say_why():
    found = [(name, node) for name in modules() for node in imports_in_functions(name)]
    unexplained = []
    for name, node in found:
        line = modules()[name].read_text().splitlines()[node.lineno - 1]
        reason = line.partition("#")[2].replace("noqa: PLC0415", "").strip(" -")
        if not reason:
            unexplained.append(f"{name}:{node.lineno}")
    assert unexplained == []
    assert len(found) <= MAX_IMPORTS_IN_FUNCTIONS, [f"{n}:{node.lineno}" for n, node in found]


def test_no_code_module_is_over_400_lines():
    long = {}
    for path in modules().values():
        relative = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text().splitlines())
        if relative not in DATA_MODULES and lines > MAX_LINES:
            long[relative] = lines
    assert long == {}


def test_the_checks_see_a_circle_and_a_layer_crossing():
    """The checks themselves: a made-up circle is found; real modules are read."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert "forums.models.sessions" in modules()
    assert layer("forums.models.sessions") > layer("schools.models")
    assert "schools.models" in module_level_imports("forums.models.sessions")
