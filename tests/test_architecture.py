"""The rooms of the code and the one direction their imports run (docs/architecture.md).

Every module of the project is parsed with ``ast``; nothing is imported or run. A failure names
the module, the import and the rule it breaks.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "home", "webinars", "news", "search", "demo", "site_project"]
WEBINARS_ROOMS = ["registrations", "attendance", "evaluations", "certificates", "episodes", "statistics"]
# Each room and the rooms it may import (besides itself). Arrows run one way: core at the
# bottom, then home, then the webinars rooms from registrations up to statistics.
MAY_IMPORT = {
    "core": set(),
    "home": {"core"},
    "registrations": {"core", "home"},
    "attendance": {"core", "home", "registrations"},
    "evaluations": {"core", "home", "registrations", "attendance"},
    "certificates": {"core", "home", "registrations", "attendance", "evaluations"},
    "episodes": {"core", "home", "registrations", "attendance", "evaluations", "certificates"},
    "statistics": {"core", "home", "registrations", "attendance", "evaluations", "certificates", "episodes"},
    # The webinars app's own wiring: models re-exported, app config, hooks, template tags, commands.
    "webinars": {"core", "home", *WEBINARS_ROOMS},
    "news": {"core", "home", "episodes"},
    "search": {"core", "home"},
    "demo": {"core", "home", "webinars", *WEBINARS_ROOMS, "news", "search"},
    "site_project": {"core", "home", "webinars", *WEBINARS_ROOMS, "news", "search", "demo"},
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def room_of(module):
    parts = module.split(".")
    if parts[0] == "webinars" and len(parts) > 1 and parts[1] in WEBINARS_ROOMS:
        return parts[1]
    return parts[0]


def imported_modules(node):
    """The project modules an import statement names (``from a import b`` may name module a.b)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        names = [f"{node.module}.{alias.name}" for alias in node.names]
        names = [name if name in MODULES else node.module for name in names]
    return {name for name in names if name.split(".")[0] in PACKAGES}


class ImportVisitor(ast.NodeVisitor):
    """Collects (line, module, inside a function) for every import of a project module."""

    def __init__(self):
        self.imports, self.scopes = [], []

    def visit_FunctionDef(self, node):
        self.scopes.append(node.name)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        for name in imported_modules(node):
            self.imports.append((node.lineno, name, self.scopes[-1] if self.scopes else None))

    visit_ImportFrom = visit_Import


def imports_of(module):
    visitor = ImportVisitor()
    visitor.visit(ast.parse(MODULES[module].read_text(), filename=str(MODULES[module])))
    return visitor.imports


def test_every_module_belongs_to_a_room():
    assert {room_of(module) for module in MODULES} <= set(MAY_IMPORT)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    room = room_of(module)
    wrong = [
        f"line {line}: imports {name} ({room_of(name)}); {room} may import only {sorted(MAY_IMPORT[room])}"
        for line, name, _function in imports_of(module)
        if room_of(name) != room and room_of(name) not in MAY_IMPORT[room]
    ]
    assert not wrong, f"{MODULES[module].relative_to(ROOT)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_hides_inside_a_function(module):
    # A lazy import dodging a circle means the code is in the wrong room. AppConfig.ready() is
    # the one place Django needs it: models are not loaded before then.
    hidden = [
        f"line {line}: {name} inside {function}()"
        for line, name, function in imports_of(module)
        if function not in (None, "ready")
    ]
    assert not hidden, f"{MODULES[module].relative_to(ROOT)}:\n" + "\n".join(hidden)


def test_no_module_imports_itself_back_through_others():
    graph = {
        module: {name for _line, name, _f in imports_of(module) if name in MODULES} for module in MODULES
    }
    visiting, done, cycles = [], set(), []

    def visit(module):
        if module in done:
            return
        if module in visiting:
            cycles.append(visiting[visiting.index(module) :] + [module])
            return
        visiting.append(module)
        for name in sorted(graph[module]):
            visit(name)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert not cycles, "\n".join(" → ".join(cycle) for cycle in cycles)
